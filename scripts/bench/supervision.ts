/**
 * Supervision's figures on the seeded decade (electron/app/seed/supervision.ts's part of it: about 50,000 sessions
 * with notes of a real office's length). The supervisor's start page, a coach's sessions, a draft's durable autosave,
 * and search over every shared and private note and action item, each router channel beside raw statements where a
 * like-for-like read exists. Targets: start page <= 50 ms, a coach's sessions <= 5 ms, a note save <= 5 ms, search
 * <= 50 ms.
 */
import type { Page } from 'playwright-core'
import { SEEDED_ACCOUNTS } from '../../electron/app/seed/decade'
import type { Screen } from './browser'
import { callerFor, type BenchContext } from './core'

/** A word every tenth note or so has, for the browser's search screen and the bench alike. */
const SEARCH_WORD = 'interpreter'

export const SUPERVISION_SCREENS: Screen[] = [
  {
    name: 'supervision search (50,000 sessions)',
    hash: `#/supervision/search?q=${SEARCH_WORD}`,
    ready: (page: Page) => page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first().waitFor(),
  },
]

export async function benchSupervision(ctx: BenchContext): Promise<void> {
  const { bench, call, sqlite, core } = ctx
  const sessions = sqlite.prepare('SELECT count(*) FROM supervision_sessions').pluck().get() as number
  if (sessions === 0) {
    console.log('  (no supervision sessions: the supervision benchmark needs the decade seed)')
    return
  }

  await bench.measure(`supervision.startPage: my coaches (${sessions} sessions)`, { target: 50, runs: 100 }, () =>
    call('supervision.startPage', { scope: 'mine' }),
  )
  await bench.measure('supervision.startPage: everyone', { target: 50, runs: 100 }, () =>
    call('supervision.startPage', { scope: 'everyone' }),
  )
  await bench.measure('supervision.barriers: eight quarters, everyone', { target: 50, runs: 100 }, () =>
    call('supervision.barriers', { scope: 'everyone', quarters: 8 }),
  )

  // The coach with the most sessions: their Supervision tab's first page, and a page deep in their history.
  const busiest = sqlite
    .prepare('SELECT coach_id AS id, count(*) AS n FROM session_coaches GROUP BY coach_id ORDER BY n DESC LIMIT 1')
    .get() as { id: number; n: number }
  const firstPage = sqlite.prepare(
    `SELECT s.*, sc.held_on AS h FROM session_coaches sc JOIN supervision_sessions s ON s.id = sc.session_id
     WHERE sc.coach_id = ? ORDER BY sc.held_on DESC, sc.session_id DESC LIMIT 21`,
  )
  const partsOf = [
    sqlite.prepare('SELECT * FROM session_coaches WHERE session_id = ?'),
    sqlite.prepare('SELECT * FROM session_barriers WHERE session_id = ?'),
    sqlite.prepare('SELECT * FROM action_items WHERE session_id = ? ORDER BY position'),
  ]
  const rawPage = () => {
    for (const row of firstPage.all(busiest.id) as Array<{ id: number }>) for (const q of partsOf) q.all(row.id)
  }
  await bench.compare(
    `supervision.list: a coach's sessions, first page of ${busiest.n}`,
    { target: 5 },
    () => call('supervision.list', { coachId: busiest.id, limit: 20 }),
    rawPage,
  )
  const deep = await call('supervision.list', { coachId: busiest.id, limit: 100 })
  await bench.measure(`supervision.list: a coach's sessions, a page 100 sessions back`, { target: 5 }, () =>
    call('supervision.list', { coachId: busiest.id, limit: 20, after: deep.nextCursor }),
  )
  const ids = deep.items.map((s) => s.id)
  await bench.measure(
    'supervision.get: a supervisor opens a session (private note, read recorded)',
    { target: 5 },
    (i) => call('supervision.get', { id: ids[i % ids.length]! }),
  )

  // A draft saving itself, as the editor's autosave does: shared and private note together, one durable commit.
  const today = new Date().toISOString().slice(0, 10)
  const note = 'We talked through the week, the hard call on Tuesday and what the team could do next time. '.repeat(16)
  let draft = await call('supervision.create', {
    format: 'individual',
    coachIds: [busiest.id],
    heldOn: today,
    minutes: 45,
    functions: ['formative'],
  })
  await bench.measure(
    `supervision.update: a draft's autosave, ${note.length} + ${note.length / 2} characters (durable)`,
    { runs: 200, target: 5 },
    async (i) => {
      draft = await call('supervision.update', {
        id: draft.id,
        expectedVersion: draft.version,
        fields: {
          format: 'individual',
          coachIds: [busiest.id],
          heldOn: today,
          minutes: 45,
          functions: ['formative', 'restorative'],
          sharedNote: `${note}${i}`,
          privateNote: `${note.slice(0, note.length / 2)}${i}`,
          actionItems: [{ text: `Follow up ${i}`, owner: 'coach', dueOn: today }],
        },
      })
    },
  )
  // Left as a signed-off session, so a second run of the bench starts from the same kind of office.
  await call('supervision.signOff', { id: draft.id, expectedVersion: draft.version })

  const shared = sqlite.prepare(
    `SELECT rowid, bm25(session_notes_fts) AS r FROM session_notes_fts WHERE session_notes_fts MATCH ?
     ORDER BY r LIMIT 21`,
  )
  const queries: Array<[string, string]> = [
    ['a word in about one note in ten', SEARCH_WORD],
    ['two words', 'housing waiting'],
    ['a common word', 'participant'],
    ['hostile text', 'NEAR(" ) * ^col: -- "housing'],
  ]
  for (const [what, query] of queries) {
    const match = query
      .split(/\s+/)
      .map((t) => t.replace(/[^\p{L}\p{N}]/gu, ''))
      .filter(Boolean)
      .map((t) => `"${t}"`)
      .join(' ')
    await bench.compare(
      `supervision.search: a supervisor, ${what} (${sessions} sessions)`,
      { target: 50, runs: 60 },
      () => call('supervision.search', { query, limit: 20 }),
      () => shared.all(match),
    )
  }

  // A coach's search: only their own sessions' shared notes and items, scoped in the query.
  const coach = callerFor(core, 'bench-supervision-coach')
  const status = await coach('auth.signIn', {
    username: SEEDED_ACCOUNTS.coach.username,
    password: SEEDED_ACCOUNTS.coach.password,
  })
  if (status.state === 'signed_in') {
    await bench.measure('supervision.search: a coach, a common word', { target: 50, runs: 60 }, () =>
      coach('supervision.search', { query: 'participant', limit: 20 }),
    )
    await bench.measure("supervision.list: a coach's own sessions", { target: 5 }, () =>
      coach('supervision.list', { limit: 20 }),
    )
    await coach('auth.signOut', {})
  }
}
