/** `npm run seed -- --data-dir DIR --scale demo`: fills an empty database with a believable small office. */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startAppCore } from '../electron/app'
import { DEMO_ACCOUNTS, seedDemo } from '../electron/app/seed/demo'

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: 'data' },
    scale: { type: 'string', default: 'demo' },
  },
})

if (values.scale !== 'demo') {
  console.error(`Unknown --scale ${values.scale}; the scale available is: demo`)
  process.exit(2)
}

const dataDir = resolve(values['data-dir']!)
const core = startAppCore({ dataDir, transport: 'http', appVersion: 'seed' })
try {
  const count = await seedDemo(core.router, () => core.vault.db)
  console.log(`Added ${count} coaches to ${core.databaseFile}.`)
  console.log('Demo accounts (demo data only; never use these passwords for real records):')
  for (const [role, account] of Object.entries(DEMO_ACCOUNTS)) {
    console.log(`  ${role.padEnd(11)} ${account.username.padEnd(8)} ${account.password}`)
  }
} catch (error) {
  console.error((error as Error).message)
  process.exitCode = 1
} finally {
  await core.close()
}
