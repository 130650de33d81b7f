/** `npx tsx scripts/bench/split-router.ts DIR`: where a router call's time goes, piece by piece. Not part of the benchmark. */
import { contract } from '@shared/api/contract'
import { startAppCore } from '../../electron/app'
import { SEEDED_ACCOUNTS } from '../../electron/app/seed/decade'
import { callerFor } from './core'

const dataDir = process.argv[2] ?? 'bench-data'
const core = startAppCore({ dataDir, transport: 'http', appVersion: 'bench', log: { error: () => undefined } })
const time = async (name: string, runs: number, fn: () => unknown) => {
  for (let i = 0; i < 200; i++) await fn()
  const start = performance.now()
  for (let i = 0; i < runs; i++) await fn()
  console.log(`${name.padEnd(50)} ${(((performance.now() - start) / runs) * 1000).toFixed(1)} µs`)
}
try {
  const call = callerFor(core, 'split')
  const { username, password } = SEEDED_ACCOUNTS.supervisor
  await call('auth.signIn', { username, password })
  await core.vault.idle()
  const db = core.vault.db
  const sqlite = core.vault.database!.sqlite
  const runs = 3000
  const coach = await call('coaches.get', { id: 1 })
  const page = await call('coaches.list', {})
  const audit = await call('audit.list', {})
  await time('coaches.get via router', runs, () => call('coaches.get', { id: 1 }))
  await time('coaches.get output parse', runs, () => contract['coaches.get'].output.safeParse(coach))
  await time('coaches.get input parse', runs, () => contract['coaches.get'].input.safeParse({ id: 1 }))
  await time('kysely compile findCoach', runs, () => db.selectFrom('coaches').selectAll().where('id', '=', 1).compile())
  const s1 = sqlite.prepare('SELECT * FROM coaches WHERE id = ?')
  await time('raw findCoach', runs, () => s1.get(1))
  await time('kysely execute findCoach', runs, () =>
    db.selectFrom('coaches').selectAll().where('id', '=', 1).executeTakeFirst(),
  )
  const rosterPage = sqlite.prepare(
    "SELECT id, legal_name, preferred_name, pronouns, status, employment, title, start_date, career_stage, sort_name, languages, work_settings, assigned_supervisor FROM coaches WHERE status IN ('active', 'on_leave') ORDER BY sort_name, id LIMIT 26",
  )
  const rosterCount = sqlite.prepare("SELECT count(*) FROM coaches WHERE status IN ('active', 'on_leave')")
  await time('raw roster page and count', runs, () => (rosterPage.all(), rosterCount.get()))
  await time('coaches.list via router', runs, () => call('coaches.list', {}))
  await time('coaches.list output parse', runs, () => contract['coaches.list'].output.safeParse(page))
  await time('coaches.list input parse', runs, () => contract['coaches.list'].input.safeParse({}))
  await time('audit.list via router', runs, () => call('audit.list', {}))
  await time('audit.list output parse', runs, () => contract['audit.list'].output.safeParse(audit))
  await time('session lookup', runs, () => core.auth.sessionFor('split'))
  await time('sweep + reconcile', runs, () => core.auth.reconcile())
} finally {
  await core.close()
}
