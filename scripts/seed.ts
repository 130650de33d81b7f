/**
 * `npm run seed -- --data-dir DIR --scale demo|office|decade`: fills an empty data folder with a believable office.
 * demo: a dozen coaches to look around; office: three years of a mid-sized team; decade: ten years (about 300
 * coaches, most of them left), for the benchmark. Deterministic: the same scale gives the same office.
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startAppCore } from '../electron/app'
import { DEMO_ACCOUNTS, seedDemo } from '../electron/app/seed/demo'
import { SCALES, SEEDED_ACCOUNTS, seedScale } from '../electron/app/seed/decade'

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: 'data' },
    scale: { type: 'string', default: 'demo' },
  },
})

const scale = values.scale!
if (scale !== 'demo' && !(scale in SCALES)) {
  console.error(`Unknown --scale ${scale}; the scales are: demo, ${Object.keys(SCALES).join(', ')}`)
  process.exit(2)
}

const dataDir = resolve(values['data-dir']!)
const core = startAppCore({ dataDir, transport: 'http', appVersion: 'seed' })
const started = Date.now()
try {
  if (scale === 'demo') {
    const count = await seedDemo(core.router, () => core.vault.db)
    console.log(`Added ${count} coaches to ${core.databaseFile}.`)
    printAccounts(DEMO_ACCOUNTS)
  } else {
    const report = await seedScale(core, SCALES[scale as keyof typeof SCALES], new Date().toISOString().slice(0, 10))
    console.log(`Seeded ${scale} in ${((Date.now() - started) / 1000).toFixed(1)} s into ${core.databaseFile}:`)
    for (const line of report) console.log(`  ${line}`)
    printAccounts(SEEDED_ACCOUNTS)
  }
} catch (error) {
  console.error((error as Error).message)
  process.exitCode = 1
} finally {
  await core.close()
}

function printAccounts(accounts: Record<string, { username: string; password: string }>) {
  console.log('Accounts (seeded data only; never use these passwords for real records):')
  for (const [role, account] of Object.entries(accounts)) {
    console.log(`  ${role.padEnd(12)} ${account.username.padEnd(8)} ${account.password}`)
  }
}
