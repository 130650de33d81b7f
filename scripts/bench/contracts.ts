/**
 * Timings of partners, contracts and the dispatch log through the real router on an encrypted database holding the
 * decade seed's scale (200 partners, 1,000 contracts, 200,000 dispatches). `benchContracts` is what the benchmark
 * calls; run this file alone (`npx tsx scripts/bench/contracts.ts`) for the figures on their own.
 * Figures only; nothing here passes or fails. Targets: list and detail p95 ≤ 5 ms, dashboard ≤ 50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Channel, ChannelInput, ChannelOutput } from '@shared/api/contract'
import { addDays, localParts } from '@shared/domain/coverage'
import { startAppCore, type AppCore } from '../../electron/app'
import { encodeCursor } from '../../electron/app/db/keyset'
import { seedContractsBulk } from '../../electron/app/seed/contracts'

export interface Timing {
  label: string
  runs: number
  median: number
  p95: number
}

type Call = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>

async function time(label: string, runs: number, fn: (i: number) => Promise<unknown>): Promise<Timing> {
  // A few calls first, so the figures are of a warm cache, as a person clicking around would meet it.
  for (let i = 0; i < Math.min(5, runs); i++) await fn(i)
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    await fn(i)
    samples.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  samples.sort((a, b) => a - b)
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!
  const timing = { label, runs, median: pick(0.5), p95: pick(0.95) }
  console.log(
    `${label.padEnd(52)} median ${timing.median.toFixed(2).padStart(8)} ms   p95 ${timing.p95.toFixed(2).padStart(8)} ms   (${runs} runs)`,
  )
  return timing
}

/**
 * Seeds `core` (signed in as a supervisor, with `coachIds` on its roster) at the decade scale and times the calls
 * people wait for. Answers every timing.
 */
export async function benchContracts(core: AppCore, call: Call, coachIds: readonly number[]): Promise<Timing[]> {
  const settings = await call('settings.get', {})
  const now = new Date().toISOString()
  const started = process.hrtime.bigint()
  const counts = await seedContractsBulk(core.vault.db, { coachIds, now, timeZone: settings.effectiveTimeZone })
  console.log(
    `seeded ${counts.partners} partners, ${counts.contracts} contracts, ${counts.dispatches} dispatches in ` +
      `${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`,
  )
  const sqlite = core.vault.database!.sqlite
  sqlite.pragma('optimize')
  const busiest = sqlite
    .prepare('SELECT contract_id AS id, count(*) AS n FROM dispatches GROUP BY contract_id ORDER BY n DESC LIMIT 1')
    .get() as { id: number; n: number }
  const deep = sqlite
    .prepare('SELECT requested_at, id FROM dispatches ORDER BY requested_at DESC, id DESC LIMIT 1 OFFSET 150000')
    .get() as { requested_at: string; id: number }
  const deepOfContract = sqlite
    .prepare(
      'SELECT requested_at, id FROM dispatches WHERE contract_id = ? ORDER BY requested_at DESC, id DESC LIMIT 1 OFFSET ?',
    )
    .get(busiest.id, Math.floor(busiest.n * 0.8)) as { requested_at: string; id: number }
  const lastRequest = sqlite
    .prepare('SELECT max(requested_at) FROM dispatches WHERE contract_id = ?')
    .pluck()
    .get(busiest.id) as string
  const to = localParts(lastRequest, settings.effectiveTimeZone).date
  const from = addDays(to, -364)
  const ids = sqlite.prepare('SELECT id FROM dispatches ORDER BY random() LIMIT 200').pluck().all() as number[]
  const contractIds = sqlite.prepare('SELECT id FROM contracts ORDER BY random() LIMIT 200').pluck().all() as number[]
  console.log(`busiest contract: ${busiest.n} dispatches; its year ${from} to ${to}`)

  const timings: Timing[] = []
  timings.push(await time('dashboard: every contract (12 months, 8 weeks)', 40, () => call('contracts.dashboard', {})))
  timings.push(
    await time('dashboard: the busiest contract', 40, () => call('contracts.dashboard', { contractId: busiest.id })),
  )
  timings.push(await time('dispatch log: first page of 50', 200, () => call('dispatches.list', {})))
  timings.push(
    await time('dispatch log: a deep page (row 150,000)', 200, () =>
      call('dispatches.list', { after: encodeCursor([deep.requested_at, deep.id]) }),
    ),
  )
  timings.push(
    await time('dispatch log: busiest contract, first page', 200, () =>
      call('dispatches.list', { contractId: busiest.id }),
    ),
  )
  timings.push(
    await time('dispatch log: busiest contract, deep page', 200, () =>
      call('dispatches.list', {
        contractId: busiest.id,
        after: encodeCursor([deepOfContract.requested_at, deepOfContract.id]),
      }),
    ),
  )
  timings.push(
    await time('dispatch log: one coach, open only', 200, (i) =>
      call('dispatches.list', { coachId: coachIds[i % coachIds.length]!, state: 'open' }),
    ),
  )
  timings.push(
    await time('dispatch log: one month (local dates)', 200, () =>
      call('dispatches.list', { from, to: addDays(from, 30) }),
    ),
  )
  timings.push(await time('dispatch detail', 200, (i) => call('dispatches.get', { id: ids[i % ids.length]! })))
  timings.push(await time('contracts: first page of 50 (current)', 200, () => call('contracts.list', {})))
  timings.push(
    await time('contract detail', 200, (i) => call('contracts.get', { id: contractIds[i % contractIds.length]! })),
  )
  timings.push(await time('partners: first page of 50', 200, () => call('partners.list', {})))
  timings.push(
    await time('suggest coaches for the busiest contract', 200, () =>
      call('dispatches.suggestCoaches', { contractId: busiest.id }),
    ),
  )
  timings.push(
    await time(`CSV export: busiest contract's year`, 10, () =>
      call('dispatches.export', { contractId: busiest.id, from, to }),
    ),
  )
  const file = await call('dispatches.export', { contractId: busiest.id, from, to })
  console.log(`  (${file.rows} rows, ${(file.content.length / 1024).toFixed(0)} KiB)`)
  return timings
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'casebook-bench-contracts-'))
  const core = startAppCore({ dataDir, transport: 'http', appVersion: 'bench', log: { error: () => undefined } })
  const call: Call = async (channel, input) => {
    const result = await core.router.call(channel, input, 'bench')
    if (!result.ok) throw new Error(`${channel}: ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`)
    return result.value as never
  }
  try {
    await call('auth.setup', {
      officeName: 'Bench',
      coachTitle: 'recovery_coach',
      username: 'bench.sup',
      displayName: 'Bench',
      password: 'bench-password-1',
    })
    const coachIds: number[] = []
    for (let i = 0; i < 60; i++) {
      const coach = await call('coaches.create', {
        legalName: `Bench Coach ${i}`,
        startDate: '2016-01-01',
        employment: 'full_time',
        title: 'recovery_coach',
        supervisionCadenceDays: 14,
        careerStage: 'employment',
      })
      coachIds.push(coach.id)
    }
    await benchContracts(core, call, coachIds)
  } finally {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
