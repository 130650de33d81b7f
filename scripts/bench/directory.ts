/**
 * The directory's figures: search and the filtered list, through the real router on a real encrypted database.
 * Targets: search p95 ≤ 50 ms, list and detail p95 ≤ 5 ms. Figures only; nothing here passes or fails.
 *
 *   npx tsx scripts/bench/directory.ts          # the demo's forty resources, then 2,000
 *   BENCH_RESOURCES=10000 npx tsx scripts/bench/directory.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Channel, ChannelInput, ChannelOutput } from '@shared/api/contract'
import { RESOURCE_KINDS, type ResourceKind, type Weekday } from '@shared/domain/directory'
import { DOMAIN_KEYS } from '@shared/domain/domains'
import { startAppCore } from '../../electron/app'
import { fixedClock } from '../../electron/app/clock'
import { DEMO_ACCOUNTS, seedDemo } from '../../electron/app/seed/demo'

export interface Figure {
  label: string
  runs: number
  medianMs: number
  p95Ms: number
}

const WORDS = ['recovery', 'housing', 'meeting', 'clinic', 'peer', 'family', 'shelter', 'walk', 'evening', 'legal']
const KINDS = Object.keys(RESOURCE_KINDS) as ResourceKind[]
const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

/** Runs the directory's benchmark in a data folder of its own; answers the figures and prints them with `log`. */
export async function benchDirectory(
  options: { extraResources?: number; log?: (line: string) => void } = {},
): Promise<Figure[]> {
  const extra = options.extraResources ?? Number(process.env.BENCH_RESOURCES ?? 2000)
  const log = options.log ?? ((line: string) => console.log(line))
  const dataDir = mkdtempSync(join(tmpdir(), 'casebook-bench-directory-'))
  // A fixed Sunday evening, so "open now" has work to do and the figures repeat.
  const core = startAppCore({
    dataDir,
    transport: 'http',
    appVersion: 'bench',
    clock: fixedClock('2026-11-22T18:00:00.000Z'),
    log: { error: () => undefined },
  })
  const client = 'bench'
  const figures: Figure[] = []

  async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const result = await core.router.call(channel, input, client)
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
    return result.value as ChannelOutput<C>
  }

  async function time(label: string, runs: number, fn: (i: number) => Promise<unknown>) {
    const samples: number[] = []
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint()
      await fn(i)
      samples.push(Number(process.hrtime.bigint() - start) / 1e6)
    }
    samples.sort((a, b) => a - b)
    const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!
    const figure = { label, runs, medianMs: pick(0.5), p95Ms: pick(0.95) }
    figures.push(figure)
    log(
      `${label.padEnd(52)} median ${figure.medianMs.toFixed(2).padStart(7)} ms   p95 ${figure.p95Ms.toFixed(2).padStart(7)} ms   (${runs} runs)`,
    )
  }

  async function measure(size: string) {
    await time(`directory (${size}): first page by name`, 200, () => call('resources.list', {}))
    let after: string | null = null
    await time(`directory (${size}): next page (keyset)`, 200, async () => {
      const page = await call('resources.list', after ? { after } : {})
      after = page.nextCursor
    })
    await time(`directory (${size}): filtered (kind + language)`, 200, (i) =>
      call('resources.list', { kind: KINDS[i % KINDS.length], language: 'Spanish' }),
    )
    await time(`directory (${size}): filtered (pathway + domain + open now)`, 200, (i) =>
      call('resources.list', { pathwayId: 1 + (i % 6), domain: DOMAIN_KEYS[i % 8], openNow: true }),
    )
    await time(`directory (${size}): stale list`, 100, () =>
      call('resources.list', { staleOnly: true, sort: 'last_checked' }),
    )
    await time(`directory (${size}): search one word`, 200, (i) =>
      call('resources.list', { search: WORDS[i % WORDS.length]! }),
    )
    await time(`directory (${size}): search two words, as typed ("walk ev")`, 200, () =>
      call('resources.list', { search: 'walk ev' }),
    )
    await time(`directory (${size}): search + filters`, 200, (i) =>
      call('resources.list', { search: WORDS[i % WORDS.length]!, openNow: true, pathwayId: 1 }),
    )
    await time(`directory (${size}): search, hostile 10 kB text`, 50, () =>
      call('resources.list', { search: `"NEAR(${'x* '.repeat(3400)})` }),
    )
    await time(`directory (${size}): one resource (detail)`, 200, (i) => call('resources.get', { id: 1 + (i % 40) }))
  }

  try {
    await seedDemo(core.router)
    await call('auth.signIn', { username: DEMO_ACCOUNTS.coach.username, password: DEMO_ACCOUNTS.coach.password })
    await measure('40, the demo')
    if (extra > 0) {
      const started = process.hrtime.bigint()
      for (let i = 0; i < extra; i++) {
        const day = DAYS[i % 7]!
        const made = await call('resources.create', {
          name: `Bench ${WORDS[i % WORDS.length]} ${i}`,
          kind: KINDS[i % KINDS.length]!,
          description: `A ${WORDS[(i * 3) % WORDS.length]} service with ${WORDS[(i * 7) % WORDS.length]} support, number ${i}.`,
          pathwayIds: [1 + (i % 6)],
          domains: [DOMAIN_KEYS[i % 8]!, DOMAIN_KEYS[(i + 3) % 8]!],
          languages: i % 3 === 0 ? ['English', 'Spanish'] : ['English'],
          hours: [{ day, opens: '09:00', closes: i % 5 === 0 ? '02:00' : '17:00', closesNextDay: i % 5 === 0 }],
          howToGetIn: 'Walk in or call ahead in the evening.',
        })
        if (i % 4 === 0) await call('resources.addTip', { id: made.id, text: `Ask for the ${WORDS[i % 10]} lead.` })
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      log(`(added ${extra} resources in ${seconds.toFixed(1)} s)`)
      await measure(`${40 + extra}`)
    }
    return figures
  } finally {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchDirectory()
