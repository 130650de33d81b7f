/**
 * Partners, contracts and the dispatch log on the seeded decade (200 partners, 1,000 contracts, 200,000 dispatches:
 * electron/app/seed/contracts.ts's part of the decade seed). `benchContracts` is what the benchmark calls (through
 * features.ts); `npx tsx scripts/bench/contracts.ts [--data-dir DIR]` runs it alone, seeding a decade first into an
 * empty folder. Figures only; nothing here passes or fails. Targets: list and detail p95 ≤ 5 ms, dashboard ≤ 50 ms.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { addDays, localParts } from '@shared/domain/coverage'
import { startAppCore } from '../../electron/app'
import { encodeCursor } from '../../electron/app/db/keyset'
import { SCALES, SEEDED_ACCOUNTS, seedScale } from '../../electron/app/seed/decade'
import type { Screen } from './browser'
import { callerFor, type BenchContext } from './core'
import { Bench } from './measure'

/** The log's columns the list shows, as the repository reads them: the raw statement beside each list channel. */
const LOG_COLUMNS = `d.*, c.reference, c.target_minutes, p.name, p.type, coalesce(k.preferred_name, k.legal_name)`
const LOG_FROM = `dispatches d JOIN contracts c ON c.id = d.contract_id JOIN partners p ON p.id = c.partner_id
  LEFT JOIN coaches k ON k.id = d.coach_id`

/** The contract screens people wait for, for the browser benchmark: from navigation to their first numbers. */
export const CONTRACT_SCREENS: Screen[] = [
  {
    name: 'the contracts dashboard',
    hash: '#/contracts/dashboard',
    ready: (page) => page.getByRole('table', { name: 'Requests by month' }).getByRole('row').nth(1).waitFor(),
  },
  {
    name: 'the dispatch log',
    hash: '#/dispatches',
    ready: (page) => page.getByRole('table', { name: 'Dispatch log' }).getByRole('row').nth(1).waitFor(),
  },
]

export async function benchContracts(ctx: BenchContext): Promise<void> {
  const { bench, call, sqlite } = ctx
  const count = sqlite.prepare('SELECT count(*) FROM dispatches').pluck().get() as number
  if (count === 0) {
    console.log('  (no dispatches: the contracts benchmark needs the decade seed)')
    return
  }
  const settings = await call('settings.get', {})
  const timeZone = settings.effectiveTimeZone
  const busiest = sqlite
    .prepare('SELECT contract_id AS id, count(*) AS n FROM dispatches GROUP BY contract_id ORDER BY n DESC LIMIT 1')
    .get() as { id: number; n: number }
  // A contract in force today with the most requests this year: the one a coordinator would open the dashboard on.
  const today = localParts(new Date(), timeZone).date
  const live =
    (sqlite
      .prepare(
        `SELECT d.contract_id FROM dispatches d JOIN contracts c ON c.id = d.contract_id
         WHERE c.end_date >= ? AND c.terminated_on IS NULL AND d.requested_at >= ?
         GROUP BY d.contract_id ORDER BY count(*) DESC LIMIT 1`,
      )
      .pluck()
      .get(today, `${addDays(today, -365)}T00:00:00.000Z`) as number | undefined) ?? busiest.id
  const deepRow = Math.floor(count * 0.75)
  const deep = sqlite
    .prepare('SELECT requested_at, id FROM dispatches ORDER BY requested_at DESC, id DESC LIMIT 1 OFFSET ?')
    .get(deepRow) as { requested_at: string; id: number }
  const deepOfContract = sqlite
    .prepare(
      'SELECT requested_at, id FROM dispatches WHERE contract_id = ? ORDER BY requested_at DESC, id DESC LIMIT 1 OFFSET ?',
    )
    .get(busiest.id, Math.floor(busiest.n * 0.8)) as { requested_at: string; id: number }
  const lastRequest = sqlite
    .prepare('SELECT max(requested_at) FROM dispatches WHERE contract_id = ?')
    .pluck()
    .get(busiest.id) as string
  const to = localParts(lastRequest, timeZone).date
  const from = addDays(to, -364)
  const ids = sqlite.prepare('SELECT id FROM dispatches ORDER BY random() LIMIT 200').pluck().all() as number[]
  const contractIds = sqlite.prepare('SELECT id FROM contracts ORDER BY random() LIMIT 200').pluck().all() as number[]
  const coachIds = sqlite
    .prepare('SELECT DISTINCT coach_id FROM dispatches WHERE coach_id IS NOT NULL LIMIT 200')
    .pluck()
    .all() as number[]
  console.log(`\n  contracts: ${count} dispatches; the busiest contract has ${busiest.n} (its year ${from} to ${to})`)

  await bench.measure('contracts.dashboard: every contract (12 months, 8 weeks)', { runs: 60, target: 50 }, () =>
    call('contracts.dashboard', {}),
  )
  await bench.measure('contracts.dashboard: one contract in force', { runs: 60, target: 50 }, () =>
    call('contracts.dashboard', { contractId: live }),
  )

  const logPage = sqlite.prepare(
    `SELECT ${LOG_COLUMNS} FROM ${LOG_FROM} ORDER BY d.requested_at DESC, d.id DESC LIMIT 51`,
  )
  await bench.compare(
    'dispatches.list: first page of the log',
    { target: 5 },
    () => call('dispatches.list', {}),
    () => logPage.all(),
  )
  const logAfter = sqlite.prepare(
    `SELECT ${LOG_COLUMNS} FROM ${LOG_FROM} WHERE (d.requested_at, d.id) < (?, ?)
     ORDER BY d.requested_at DESC, d.id DESC LIMIT 51`,
  )
  const deepCursor = encodeCursor([deep.requested_at, deep.id])
  await bench.compare(
    `dispatches.list: a deep page (row ${deepRow.toLocaleString('en')})`,
    { target: 5 },
    () => call('dispatches.list', { after: deepCursor }),
    () => logAfter.all(deep.requested_at, deep.id),
  )
  const contractAfter = sqlite.prepare(
    `SELECT ${LOG_COLUMNS} FROM ${LOG_FROM} WHERE d.contract_id = ? AND (d.requested_at, d.id) < (?, ?)
     ORDER BY d.requested_at DESC, d.id DESC LIMIT 51`,
  )
  const contractCursor = encodeCursor([deepOfContract.requested_at, deepOfContract.id])
  await bench.compare(
    "dispatches.list: the busiest contract's log, a deep page",
    { target: 5 },
    () => call('dispatches.list', { contractId: busiest.id, after: contractCursor }),
    () => contractAfter.all(busiest.id, deepOfContract.requested_at, deepOfContract.id),
  )
  await bench.measure("dispatches.list: one coach's open dispatches", { target: 5 }, (i) =>
    call('dispatches.list', { coachId: coachIds[i % coachIds.length]!, state: 'open' }),
  )
  await bench.measure('dispatches.list: one month (office dates)', { target: 5 }, () =>
    call('dispatches.list', { from, to: addDays(from, 30) }),
  )
  await bench.measure('dispatches.get: a dispatch', { target: 5 }, (i) =>
    call('dispatches.get', { id: ids[i % ids.length]! }),
  )
  await bench.measure('dispatches.suggestCoaches: the busiest contract', { target: 5 }, () =>
    call('dispatches.suggestCoaches', { contractId: busiest.id }),
  )
  await bench.measure('contracts.list: first page (current)', { target: 5 }, () => call('contracts.list', {}))
  await bench.measure('contracts.list: search every contract ("c-004")', { target: 5 }, () =>
    call('contracts.list', { filter: 'all', search: 'c-004' }),
  )
  await bench.measure('contracts.get: a contract', { target: 5 }, (i) =>
    call('contracts.get', { id: contractIds[i % contractIds.length]! }),
  )
  await bench.measure('partners.list: first page', { target: 5 }, () => call('partners.list', {}))

  const file = await call('dispatches.export', { contractId: busiest.id, from, to })
  // No target of its own in the issue: a save a person waits for once, so the dashboard's 50 ms is the yardstick.
  await bench.measure(
    `dispatches.export: the busiest contract's year (${file.rows} rows, ${Math.round(file.content.length / 1024)} KiB)`,
    { runs: 20, warmup: 3, target: 50 },
    () => call('dispatches.export', { contractId: busiest.id, from, to }),
  )
}

async function main() {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } })
  const given = values['data-dir'] ? resolve(values['data-dir']) : null
  const dataDir = given ?? mkdtempSync(join(tmpdir(), 'casebook-bench-contracts-'))
  const quiet = { error: () => undefined }
  try {
    mkdirSync(dataDir, { recursive: true })
    if (readdirSync(dataDir).length === 0) {
      const started = performance.now()
      const core = startAppCore({ dataDir, transport: 'http', appVersion: 'bench', log: quiet })
      try {
        for (const line of await seedScale(core, SCALES.decade, new Date().toISOString().slice(0, 10)))
          console.log(`  ${line}`)
      } finally {
        await core.close()
      }
      console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
    const core = startAppCore({ dataDir, transport: 'http', appVersion: 'bench', log: quiet })
    try {
      const call = callerFor(core, 'bench')
      const { username, password } = SEEDED_ACCOUNTS.supervisor
      await call('auth.signIn', { username, password })
      const bench = new Bench()
      await benchContracts({ bench, core, dataDir, call, sqlite: core.vault.database!.sqlite })
      console.log(`\n${bench.summary()}`)
    } finally {
      await core.close()
    }
  } finally {
    if (!given) rmSync(dataDir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
