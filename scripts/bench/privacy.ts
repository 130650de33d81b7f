/**
 * Privacy's figures (issue 9): what the audit chain costs a save, the check of the whole trail, and sign-in beside its
 * key derivation. `benchPrivacy` takes the benchmark's context on the seeded decade (the seeded supervisor signed in);
 * run on its own it seeds a decade into a temporary folder first (about 20 s) and prints the figures:
 *
 *   npx tsx scripts/bench/privacy.ts [--data-dir DIR]
 */
import { randomBytes, scryptSync } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startAppCore } from '../../electron/app'
import { PASSWORD_KDF } from '../../electron/app/auth/keyring'
import { SCALES, SEEDED_ACCOUNTS, seedScale } from '../../electron/app/seed/decade'
import { callerFor, type BenchContext } from './core'
import { Bench } from './measure'

const signInOf = ({ username, password }: { username: string; password: string }) => ({ username, password })

export async function benchPrivacy(ctx: BenchContext): Promise<void> {
  const { bench, call, core, sqlite } = ctx
  const events = sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get() as number

  // The chain's cost per event: a hundred events in one transaction through the chain trigger, beside the same rows
  // into a table without triggers (the seal is not per event: it follows the head in the background).
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS bench_unchained AS SELECT * FROM main.audit_events WHERE 0`)
  const columns = 'at, account_id, action, record_type, record_id, summary'
  const chained = sqlite.prepare(`INSERT INTO main.audit_events (${columns}) VALUES (?, 1, 'read', 'coach', 1, ?)`)
  const unchained = sqlite.prepare(`INSERT INTO temp.bench_unchained (${columns}) VALUES (?, 1, 'read', 'coach', 1, ?)`)
  const hundred = (statement: typeof chained) =>
    sqlite.transaction((i: number) => {
      for (let j = 0; j < 100; j++) statement.run(new Date().toISOString(), `Opened the growth page (${i}.${j})`)
    })
  const withChain = hundred(chained)
  const withoutChain = hundred(unchained)
  const perHundred = await bench.compare(
    'audit: 100 events chained in one transaction (vs the same rows unchained)',
    { target: 10, runs: 50, warmup: 5 },
    async (i) => withChain(i),
    (i) => withoutChain(i),
  )
  sqlite.exec('DROP TABLE temp.bench_unchained')
  const perEventUs = Math.round(((perHundred.p95_ms - (perHundred.raw_p95_ms ?? 0)) / 100) * 1000)
  console.log(`  the chain's cost per event (p95 difference / 100): about ${perEventUs} µs`)

  const someCoach = sqlite.prepare('SELECT id FROM coaches ORDER BY id DESC LIMIT 1').pluck().get() as number
  let current = await call('coaches.get', { id: someCoach })
  const {
    id,
    version: _v,
    displayName: _d,
    status: _s,
    careerStage: _c,
    createdAt: _ca,
    updatedAt: _u,
    statusHistory: _sh,
    stageHistory: _st,
    ...fields
  } = current
  const save = (caller: typeof call) => async (i: number) => {
    current = await caller('coaches.update', {
      id,
      expectedVersion: current.version,
      fields: { ...fields, phone: `555 ${String(i % 10_000).padStart(4, '0')}` },
    })
  }
  // With a supervisor in (the supervisors' file attached), and with none: either way the save commits to the main file
  // alone, and the seal catches up in the background.
  await bench.measure('coaches.update + its chained event, a supervisor in', { runs: 200, target: 5 }, save(call))
  const coordinator = callerFor(core, 'bench-privacy-coordinator')
  await coordinator('auth.signIn', signInOf(SEEDED_ACCOUNTS.coordinator))
  await call('auth.signOut', {})
  await bench.measure(
    'coaches.update + its chained event, no supervisor in',
    { runs: 200, target: 5 },
    save(coordinator),
  )
  await call('auth.signIn', signInOf(SEEDED_ACCOUNTS.supervisor))
  await coordinator('auth.signOut', {})

  await bench.measure(
    `audit.verify over ${events.toLocaleString('en')} events`,
    { runs: 3, warmup: 1, target: 5000 },
    () => call('audit.verify', {}),
  )

  // Sign-in beside the key derivation alone, interleaved so the machine's noise falls on both alike: a coordinator's,
  // and a second supervisor's (the supervisors' file is attached already; a day's first sign-in is in the core figures).
  for (const account of [SEEDED_ACCOUNTS.coordinator, SEEDED_ACCOUNTS.supervisor2]) {
    const other = callerFor(core, `bench-privacy-${account.username}`)
    await bench.compare(
      `auth.signIn + signOut as ${account.username} (vs the key derivation alone)`,
      { runs: 5, warmup: 1, target: 1000 },
      async () => {
        await other('auth.signIn', { username: account.username, password: account.password })
        await other('auth.signOut', {})
      },
      () => scryptSync('some password', randomBytes(16), 32, { ...PASSWORD_KDF, maxmem: 256 * 1024 * 1024 }),
    )
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } })
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : mkdtempSync(join(tmpdir(), 'casebook-privacy-'))
  const quiet = { error: () => undefined }
  const core = startAppCore({ dataDir, transport: 'http', appVersion: 'bench', log: quiet })
  const bench = new Bench()
  try {
    const status = await core.router.call('auth.status', {}, 'bench')
    if (status.ok && (status.value as { state: string }).state === 'setup') {
      const started = performance.now()
      await seedScale(core, SCALES.decade, new Date().toISOString().slice(0, 10))
      console.log(`Seeded a decade in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
    const call = callerFor(core, 'bench')
    const { username, password } = SEEDED_ACCOUNTS.supervisor
    await call('auth.signIn', { username, password })
    await benchPrivacy({ bench, core, dataDir, call, sqlite: core.vault.database!.sqlite })
  } finally {
    await core.close()
    if (!values['data-dir']) rmSync(dataDir, { recursive: true, force: true })
  }
  for (const figure of bench.figures) {
    const raw = figure.raw_p95_ms !== undefined ? `  raw p95 ${figure.raw_p95_ms} ms (x${figure.ratio})` : ''
    console.log(`${figure.name}: p50 ${figure.p50_ms} ms, p95 ${figure.p95_ms} ms (target ${figure.target_ms})${raw}`)
  }
}
