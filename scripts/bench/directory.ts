/**
 * The directory's figures: search and the filtered list (targets: search p95 ≤ 50 ms, list and detail ≤ 5 ms), each
 * router channel beside the same work as raw prepared statements. `benchDirectory` runs inside `npm run bench` on the
 * seeded decade (registered in features.ts). Run on its own, it measures a directory far larger than an office's:
 *
 *   npx tsx scripts/bench/directory.ts                       # the demo's forty resources plus 2,000 more
 *   BENCH_RESOURCES=10000 npx tsx scripts/bench/directory.ts
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { RESOURCE_KINDS, type ResourceKind, type Weekday } from '@shared/domain/directory'
import { DOMAIN_KEYS } from '@shared/domain/domains'
import { startAppCore } from '../../electron/app'
import { fixedClock } from '../../electron/app/clock'
import { DEMO_ACCOUNTS, seedDemo } from '../../electron/app/seed/demo'
import { callerFor, type BenchContext } from './core'
import { Bench } from './measure'

const WORDS = ['recovery', 'housing', 'meeting', 'clinic', 'peer', 'family', 'shelter', 'walk', 'evening', 'legal']
const KINDS = Object.keys(RESOURCE_KINDS) as ResourceKind[]
const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

export async function benchDirectory(ctx: BenchContext, label = 'directory'): Promise<void> {
  const { bench, call, sqlite } = ctx
  const total = sqlite.prepare('SELECT count(*) FROM resources').pluck().get() as number
  const name = (what: string) => `${label} (${total}): ${what}`

  // What one page costs done by hand: the page, its count, and each resource with its small tables read as JSON in
  // one statement (as the repository does).
  const details = sqlite.prepare(
    `SELECT r.*, checker.display_name,
      (SELECT json_group_array(json_object('id', p.id, 'label', p.label) ORDER BY p.folded_label)
        FROM resource_pathway_links l JOIN resource_pathways p ON p.id = l.pathway_id WHERE l.resource_id = r.id),
      (SELECT json_group_array(d.domain) FROM resource_domains d WHERE d.resource_id = r.id),
      (SELECT json_group_array(g.language ORDER BY g.position) FROM resource_languages g WHERE g.resource_id = r.id),
      (SELECT json_group_array(json_object('day', h.day, 'opens', h.opens, 'closes', h.closes,
          'closesNextDay', h.closes_next_day) ORDER BY h.start_minute) FROM resource_hours h WHERE h.resource_id = r.id),
      (SELECT json_group_array(json_object('coachId', c.id, 'displayName', coalesce(c.preferred_name, c.legal_name))
          ORDER BY c.sort_name, c.id)
        FROM resource_connections rc JOIN coaches c ON c.id = rc.coach_id WHERE rc.resource_id = r.id),
      (SELECT count(*) FROM resource_tips t WHERE t.resource_id = r.id)
    FROM resources r LEFT JOIN accounts checker ON checker.id = r.last_checked_by
    WHERE r.id IN (SELECT value FROM json_each(?))`,
  )
  const withDetails = (rows: { id: number }[]) => {
    for (const row of details.all(JSON.stringify(rows.map((r) => r.id))) as Record<string, unknown>[]) {
      for (const value of Object.values(row)) if (typeof value === 'string' && value.startsWith('[')) JSON.parse(value)
    }
  }

  const firstPage = sqlite.prepare('SELECT * FROM resources ORDER BY sort_name, id LIMIT 26')
  const countAll = sqlite.prepare('SELECT count(*) FROM resources').pluck()
  await bench.compare(
    name('resources.list, first page by name'),
    { target: 5 },
    () => call('resources.list', {}),
    () => (withDetails(firstPage.all() as { id: number }[]), countAll.get()),
  )

  const byKindLanguage = sqlite.prepare(
    `SELECT * FROM resources r WHERE kind = ? AND EXISTS (SELECT 1 FROM resource_languages l WHERE l.resource_id = r.id AND l.folded = 'spanish') ORDER BY sort_name, id LIMIT 26`,
  )
  await bench.compare(
    name('resources.list, kind and language'),
    { target: 5 },
    (i) => call('resources.list', { kind: KINDS[i % KINDS.length], language: 'Spanish' }),
    (i) => withDetails(byKindLanguage.all(KINDS[i % KINDS.length]) as { id: number }[]),
  )

  await bench.measure(name('resources.list, pathway, domain and open now'), { target: 5 }, (i) =>
    call('resources.list', { pathwayId: 1 + (i % 6), domain: DOMAIN_KEYS[i % 8], openNow: true }),
  )
  await bench.measure(name('resources.list, the stale list'), { target: 5 }, () =>
    call('resources.list', { staleOnly: true, sort: 'last_checked' }),
  )

  const search = sqlite.prepare(
    `SELECT r.*, bm25(resources_fts, 10.0, 4.0, 2.0, 1.0) AS score FROM resources_fts JOIN resources r ON r.id = resources_fts.rowid WHERE resources_fts MATCH ? ORDER BY score, r.id LIMIT 26`,
  )
  const countSearch = sqlite.prepare('SELECT count(*) FROM resources_fts WHERE resources_fts MATCH ?').pluck()
  await bench.compare(
    name('resources.list, search one word'),
    { target: 50 },
    (i) => call('resources.list', { search: WORDS[i % WORDS.length]! }),
    (i) => {
      const match = `"${WORDS[i % WORDS.length]}"*`
      withDetails(search.all(match) as { id: number }[])
      countSearch.get(match)
    },
  )
  await bench.measure(name('resources.list, search as typed ("walk ev")'), { target: 50 }, () =>
    call('resources.list', { search: 'walk ev' }),
  )
  await bench.measure(name('resources.list, search with filters'), { target: 50 }, (i) =>
    call('resources.list', { search: WORDS[i % WORDS.length]!, openNow: true, pathwayId: 1 }),
  )
  await bench.measure(name('resources.list, hostile 10 kB search'), { runs: 50, target: 50 }, () =>
    call('resources.list', { search: `"NEAR(${'x* '.repeat(3400)})` }),
  )

  const ids = sqlite.prepare('SELECT id FROM resources ORDER BY id LIMIT 40').pluck().all() as number[]
  const one = sqlite.prepare('SELECT * FROM resources WHERE id = ?')
  const tips = sqlite.prepare('SELECT * FROM resource_tips WHERE resource_id = ? ORDER BY id DESC')
  await bench.compare(
    name('resources.get, one resource'),
    { target: 5 },
    (i) => call('resources.get', { id: ids[i % ids.length]! }),
    (i) => {
      const id = ids[i % ids.length]!
      withDetails([one.get(id) as { id: number }])
      tips.all(id)
    },
  )
  await bench.measure(name('resources.history'), { target: 5 }, (i) =>
    call('resources.history', { id: ids[i % ids.length]! }),
  )
}

/** A directory of `extra` more resources than the demo's, in a data folder of its own. */
async function standalone(extra: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'casebook-bench-directory-'))
  // A fixed Sunday evening, so "open now" has work to do and the figures repeat.
  const core = startAppCore({
    dataDir,
    transport: 'http',
    appVersion: 'bench',
    clock: fixedClock('2026-11-22T18:00:00.000Z'),
    log: { error: () => undefined },
  })
  try {
    await seedDemo(core.router)
    const call = callerFor(core, 'bench')
    await call('auth.signIn', { username: DEMO_ACCOUNTS.coach.username, password: DEMO_ACCOUNTS.coach.password })
    const bench = new Bench()
    const ctx: BenchContext = { bench, core, dataDir, call, sqlite: core.vault.database!.sqlite }
    await benchDirectory(ctx, 'demo directory')
    if (extra > 0) {
      let i = 0
      await bench.measure(`resources.create, adding ${extra} more`, { runs: extra, warmup: 0, target: 5 }, async () => {
        const made = await call('resources.create', {
          name: `Bench ${WORDS[i % WORDS.length]} ${i}`,
          kind: KINDS[i % KINDS.length]!,
          description: `A ${WORDS[(i * 3) % WORDS.length]} service with ${WORDS[(i * 7) % WORDS.length]} support, number ${i}.`,
          pathwayIds: [1 + (i % 6)],
          domains: [DOMAIN_KEYS[i % 8]!, DOMAIN_KEYS[(i + 3) % 8]!],
          languages: i % 3 === 0 ? ['English', 'Spanish'] : ['English'],
          hours: [{ day: DAYS[i % 7]!, opens: '09:00', closes: i % 5 ? '17:00' : '02:00', closesNextDay: i % 5 === 0 }],
          howToGetIn: 'Walk in or call ahead in the evening.',
        })
        if (i % 4 === 0) await call('resources.addTip', { id: made.id, text: `Ask for the ${WORDS[i % 10]} lead.` })
        i++
      })
      await benchDirectory(ctx, 'large directory')
    }
    console.log(`\n${bench.summary()}`)
  } finally {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await standalone(Number(process.env.BENCH_RESOURCES ?? 2000))
}
