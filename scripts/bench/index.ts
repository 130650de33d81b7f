/**
 * `npm run bench -- --data-dir DIR`: every screen's figures against a decade of an office's data (seeded into DIR
 * first when it is empty), printed and written to bench-results.json, then `N of M within target`. See BENCHMARKS.md.
 *
 *   --no-browser   skip the Chromium measurements
 *   --out FILE     where to write the figures (default bench-results.json)
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startAppCore } from '../../electron/app'
import { SCALES, SEEDED_ACCOUNTS, seedScale } from '../../electron/app/seed/decade'
import { Bench } from './measure'
import { benchCore, benchSignIn, callerFor, type BenchContext } from './core'
import { benchBrowser, benchBundle } from './browser'
import { FEATURE_BENCHES } from './features'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: resolve(root, 'bench-data') },
    'no-browser': { type: 'boolean', default: false },
    out: { type: 'string', default: resolve(root, 'bench-results.json') },
  },
})
const dataDir = resolve(values['data-dir']!)
const quiet = { error: () => undefined }
const bench = new Bench()

if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) {
  mkdirSync(dataDir, { recursive: true })
  console.log(`Seeding a decade into ${dataDir} (once; later runs reuse it)...`)
  const started = performance.now()
  const core = startAppCore({ dataDir, transport: 'http', appVersion: 'bench', log: quiet })
  try {
    for (const line of await seedScale(core, SCALES.decade, new Date().toISOString().slice(0, 10)))
      console.log(`  ${line}`)
  } finally {
    await core.close()
  }
  console.log(`  in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

console.log(`\nRCO Casebook benchmark, ${new Date().toISOString()}, data in ${dataDir}\n`)
await benchSignIn(bench, dataDir, 'bench')

const core = startAppCore({ dataDir, transport: 'http', appVersion: 'bench', log: quiet })
try {
  const call = callerFor(core, 'bench')
  await call('auth.signIn', {
    username: SEEDED_ACCOUNTS.supervisor.username,
    password: SEEDED_ACCOUNTS.supervisor.password,
  })
  const ctx: BenchContext = { bench, core, dataDir, call, sqlite: core.vault.database!.sqlite }
  await benchCore(ctx)
  for (const featureBench of FEATURE_BENCHES) await featureBench(ctx)
} finally {
  await core.close()
}

const rendererDir = resolve(root, 'out/renderer')
if (!values['no-browser']) {
  execFileSync(process.execPath, [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  await benchBrowser(bench, dataDir, rendererDir)
}
if (existsSync(rendererDir)) benchBundle(bench, rendererDir)

writeFileSync(values.out!, `${JSON.stringify({ at: new Date().toISOString(), figures: bench.figures }, null, 2)}\n`)
console.log(`\n${bench.summary()}  (figures in ${values.out})`)
