import { sql, type Insertable, type Updateable } from 'kysely'
import type { Db } from '../db/schema'
import type { SessionScope } from './supervision.policy'
import type { ActionItemsTable, SessionBarriersTable, SupervisionSessionsTable } from './supervision.table'

/**
 * All SQL of supervision. The database (or the call's transaction) is passed in. Every read of sessions takes the
 * viewer's scope and puts it in the query: a coach's query joins their own attendance of signed-off sessions, and
 * only a supervisor's query ever names a table of the supervisors' file.
 */

/** Whether the supervisors' file is attached to this connection now. */
export async function supervisorsAttached(db: Db): Promise<boolean> {
  const rows = await sql<{ name: string }>`SELECT name FROM pragma_database_list WHERE name = 'supervisors'`.execute(db)
  return rows.rows.length > 0
}

// ---------------------------------------------------------------------------------------------------------------
// Sessions.

const sessionColumns = [
  's.id',
  's.version',
  's.format',
  's.held_on',
  's.minutes',
  's.supervisor_account_id',
  's.normative',
  's.formative',
  's.restorative',
  's.shared_note',
  's.status',
  's.signed_off_at',
  's.signed_off_by',
  's.created_at',
  's.updated_at',
] as const

function sessionsIn(db: Db, scope: SessionScope) {
  let q = db
    .selectFrom('supervision_sessions as s')
    .innerJoin('accounts as sup', 'sup.id', 's.supervisor_account_id')
    .leftJoin('accounts as off', 'off.id', 's.signed_off_by')
    .select(sessionColumns)
    .select(['sup.display_name as supervisor_name', 'off.display_name as signed_off_by_name'])
  if (scope.kind === 'none') q = q.where(sql<boolean>`0`)
  if (scope.kind === 'coach') {
    const coachId = scope.coachId
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('session_coaches as mine')
          .select('mine.session_id')
          .whereRef('mine.session_id', '=', 's.id')
          .where('mine.coach_id', '=', coachId)
          .where('mine.signed_off', '=', 1),
      ),
    )
  }
  return q
}
export type SessionWithNamesRow = Awaited<ReturnType<typeof findSession>> & object

export function findSession(db: Db, id: number, scope: SessionScope) {
  return sessionsIn(db, scope).where('s.id', '=', id).executeTakeFirst()
}

export async function insertSession(db: Db, row: Insertable<SupervisionSessionsTable>): Promise<number> {
  const inserted = await db.insertInto('supervision_sessions').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

/** Writes only if the session is still a draft at `expectedVersion`; answers whether it did. */
export async function updateDraftIfVersion(
  db: Db,
  id: number,
  expectedVersion: number,
  values: Updateable<SupervisionSessionsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('supervision_sessions')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** The draft's coaches, barriers and items, replaced whole (a draft's items have no life of their own yet). */
export async function replaceDraftParts(
  db: Db,
  sessionId: number,
  parts: {
    heldOn: string
    coachIds: readonly number[]
    barriers: Array<Omit<Insertable<SessionBarriersTable>, 'session_id'>>
    items: Array<Omit<Insertable<ActionItemsTable>, 'session_id' | 'position'>>
  },
): Promise<void> {
  await db.deleteFrom('session_coaches').where('session_id', '=', sessionId).execute()
  await db.deleteFrom('session_barriers').where('session_id', '=', sessionId).execute()
  await db.deleteFrom('action_items').where('session_id', '=', sessionId).execute()
  await db
    .insertInto('session_coaches')
    .values(
      parts.coachIds.map((coachId) => ({
        session_id: sessionId,
        coach_id: coachId,
        held_on: parts.heldOn,
        signed_off: 0,
      })),
    )
    .execute()
  if (parts.barriers.length > 0) {
    await db
      .insertInto('session_barriers')
      .values(parts.barriers.map((b) => ({ ...b, session_id: sessionId })))
      .execute()
  }
  if (parts.items.length > 0) {
    await db
      .insertInto('action_items')
      .values(parts.items.map((item, position) => ({ ...item, session_id: sessionId, position })))
      .execute()
  }
}

/** Signs a draft off and locks its private note, in the caller's transaction; answers whether the draft was there. */
export async function signOff(db: Db, id: number, expectedVersion: number, by: number, now: string) {
  const result = await db
    .updateTable('supervision_sessions')
    .set({ status: 'signed_off', signed_off_at: now, signed_off_by: by, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  if (result.numUpdatedRows !== 1n) return false
  await db.updateTable('session_coaches').set({ signed_off: 1 }).where('session_id', '=', id).execute()
  await db.updateTable('supervisors.private_notes').set({ locked: 1 }).where('session_id', '=', id).execute()
  return true
}

export function writePrivateNote(db: Db, sessionId: number, text: string, now: string) {
  return db
    .insertInto('supervisors.private_notes')
    .values({ session_id: sessionId, text, locked: 0, updated_at: now })
    .onConflict((oc) => oc.column('session_id').doUpdateSet({ text, updated_at: now }))
    .execute()
}

export async function privateNote(db: Db, sessionId: number): Promise<string | null> {
  const row = await db
    .selectFrom('supervisors.private_notes')
    .select('text')
    .where('session_id', '=', sessionId)
    .executeTakeFirst()
  return row?.text ?? null
}

// ---------------------------------------------------------------------------------------------------------------
// A session's parts, for a page of sessions at once.

export function coachesOf(db: Db, sessionIds: readonly number[]) {
  if (sessionIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('session_coaches as sc')
    .innerJoin('coaches as c', 'c.id', 'sc.coach_id')
    .select(['sc.session_id', 'c.id', 'c.legal_name', 'c.preferred_name', 'c.status', 'c.start_date'])
    .where('sc.session_id', 'in', sessionIds)
    .orderBy('c.sort_name')
    .execute()
}

export function barriersOf(db: Db, sessionIds: readonly number[]) {
  if (sessionIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('session_barriers')
    .select(['session_id', 'kind', 'detail'])
    .where('session_id', 'in', sessionIds)
    .orderBy('id')
    .execute()
}

/**
 * The items of these sessions the viewer may read: a supervisor all; a coach their own, and the supervisor's items
 * of a session they attended alone.
 */
export function itemsOf(db: Db, sessionIds: readonly number[], scope: SessionScope) {
  if (sessionIds.length === 0 || scope.kind === 'none') return Promise.resolve([])
  return visibleItems(db, scope)
    .where('ai.session_id', 'in', sessionIds)
    .orderBy('ai.session_id')
    .orderBy('ai.position')
    .execute()
}

function visibleItems(db: Db, scope: SessionScope) {
  let q = db
    .selectFrom('action_items as ai')
    .innerJoin('supervision_sessions as s', 's.id', 'ai.session_id')
    .leftJoin('coaches as c', 'c.id', 'ai.owner_coach_id')
    .leftJoin('accounts as doer', 'doer.id', 'ai.done_by')
    .select([
      'ai.id',
      'ai.session_id',
      'ai.text',
      'ai.owner',
      'ai.owner_coach_id',
      'ai.due_on',
      'ai.done_at',
      'ai.position',
      's.held_on',
      's.status as session_status',
      'c.legal_name',
      'c.preferred_name',
      'doer.display_name as done_by_name',
    ])
  if (scope.kind === 'none') return q.where(sql<boolean>`0`)
  if (scope.kind === 'coach') {
    const me = scope.coachId
    q = q
      .where('s.status', '=', 'signed_off')
      .where(({ eb, and, or, exists, not, selectFrom }) =>
        and([
          exists(
            selectFrom('session_coaches as mine')
              .select('mine.session_id')
              .whereRef('mine.session_id', '=', 'ai.session_id')
              .where('mine.coach_id', '=', me),
          ),
          or([
            eb('ai.owner_coach_id', '=', me),
            and([
              eb('ai.owner', '=', 'supervisor'),
              not(
                exists(
                  selectFrom('session_coaches as others')
                    .select('others.session_id')
                    .whereRef('others.session_id', '=', 'ai.session_id')
                    .where('others.coach_id', '!=', me),
                ),
              ),
            ]),
          ]),
        ]),
      )
  }
  return q
}
export type VisibleItemRow = Awaited<ReturnType<typeof itemsOf>>[number]

export function findItem(db: Db, id: number, scope: SessionScope) {
  return visibleItems(db, scope).where('ai.id', '=', id).executeTakeFirst()
}

/** Open (or all) items a coach may read, or of a coach for a supervisor: theirs, and their sessions' alone. */
export function itemsForCoach(db: Db, coachId: number, scope: SessionScope, openOnly: boolean) {
  let q = visibleItems(db, scope.kind === 'all' ? { kind: 'coach', coachId } : scope)
  if (openOnly) q = q.where('ai.done_at', 'is', null)
  return q.orderBy('ai.due_on').orderBy('ai.id').limit(500).execute()
}

export async function setItemDone(db: Db, id: number, done: { at: string; by: number } | null): Promise<void> {
  await db
    .updateTable('action_items')
    .set(done ? { done_at: done.at, done_by: done.by } : { done_at: null, done_by: null })
    .where('id', '=', id)
    .execute()
}

export function addendaOf(db: Db, sessionIds: readonly number[]) {
  if (sessionIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('session_addenda as a')
    .innerJoin('accounts as w', 'w.id', 'a.written_by')
    .select(['a.id', 'a.session_id', 'a.shared_text', 'a.written_at', 'w.display_name as written_by_name'])
    .where('a.session_id', 'in', sessionIds)
    .orderBy('a.id')
    .execute()
}

export function privateAddendaOf(db: Db, sessionIds: readonly number[]) {
  if (sessionIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('supervisors.private_addenda')
    .select(['addendum_id', 'text'])
    .where('session_id', 'in', sessionIds)
    .execute()
}

export async function insertAddendum(
  db: Db,
  row: { session_id: number; shared_text: string | null; written_by: number; written_at: string },
  privateText: string | null,
): Promise<number> {
  const { id } = await db.insertInto('session_addenda').values(row).returning('id').executeTakeFirstOrThrow()
  if (privateText !== null) {
    await db
      .insertInto('supervisors.private_addenda')
      .values({ addendum_id: id, session_id: row.session_id, text: privateText })
      .execute()
  }
  return id
}

export function assessmentsOf(db: Db, sessionIds: readonly number[]) {
  if (sessionIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('session_assessments')
    .select(['session_id', 'assessment_id'])
    .where('session_id', 'in', sessionIds)
    .orderBy('assessment_id')
    .execute()
}

export async function linkAssessment(db: Db, sessionId: number, assessmentId: number): Promise<void> {
  await db
    .insertInto('session_assessments')
    .values({ session_id: sessionId, assessment_id: assessmentId })
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export function findAssessmentCoach(db: Db, id: number) {
  return db.selectFrom('assessments').select(['id', 'coach_id']).where('id', '=', id).executeTakeFirst()
}

// ---------------------------------------------------------------------------------------------------------------
// Lists.

/** One coach's sessions newest first, keyset-paged on (date, id); drafts only for a supervisor. */
export function listCoachSessionIds(
  db: Db,
  coachId: number,
  signedOffOnly: boolean,
  after: readonly [string, number] | null,
  limit: number,
) {
  let q = db.selectFrom('session_coaches').select(['session_id', 'held_on']).where('coach_id', '=', coachId)
  if (signedOffOnly) q = q.where('signed_off', '=', 1)
  if (after) q = q.where((eb) => eb(eb.refTuple('held_on', 'session_id'), '<', eb.tuple(after[0], after[1])))
  return q
    .orderBy('held_on', 'desc')
    .orderBy('session_id', 'desc')
    .limit(limit + 1)
    .execute()
}

/** Every session newest first (supervisors), keyset-paged on (date, id). */
export function listAllSessionIds(db: Db, after: readonly [string, number] | null, limit: number) {
  let q = db.selectFrom('supervision_sessions').select(['id as session_id', 'held_on'])
  if (after) q = q.where((eb) => eb(eb.refTuple('held_on', 'id'), '<', eb.tuple(after[0], after[1])))
  return q
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute()
}

export function sessionsByIds(db: Db, ids: readonly number[], scope: SessionScope) {
  if (ids.length === 0) return Promise.resolve([])
  return sessionsIn(db, scope).where('s.id', 'in', ids).execute()
}

// ---------------------------------------------------------------------------------------------------------------
// The coaches a session may name, and the start page.

export function findCoachFacts(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('coaches as c')
    .select([
      'c.id',
      'c.status',
      'c.start_date',
      (eb) =>
        eb
          .selectFrom('coach_status_changes as sc')
          .select('sc.effective_on')
          .whereRef('sc.coach_id', '=', 'c.id')
          .where('sc.status', '=', 'left')
          .orderBy('sc.id', 'desc')
          .limit(1)
          .as('left_on'),
    ])
    .where('c.id', 'in', ids)
    .execute()
}

/** Active coaches (mine or everyone's) with their cadence and last signed-off session. */
export function cadenceRows(db: Db, supervisorAccountId: number | null) {
  let q = db
    .selectFrom('coaches as c')
    .select([
      'c.id',
      'c.legal_name',
      'c.preferred_name',
      'c.supervision_cadence_days',
      'c.start_date',
      (eb) =>
        eb
          .selectFrom('session_coaches as sc')
          .select((e) => e.fn.max('sc.held_on').as('last'))
          .whereRef('sc.coach_id', '=', 'c.id')
          .where('sc.signed_off', '=', 1)
          .as('last_session_on'),
    ])
    .where('c.status', '=', 'active')
  if (supervisorAccountId !== null) q = q.where('c.supervisor_account_id', '=', supervisorAccountId)
  return q.execute()
}

/** Per current coach (mine or everyone's), their signed-off sessions since `from` by function. */
export function balanceRows(db: Db, supervisorAccountId: number | null, from: string) {
  let q = db
    .selectFrom('coaches as c')
    .innerJoin('session_coaches as sc', (join) =>
      join.onRef('sc.coach_id', '=', 'c.id').on('sc.signed_off', '=', 1).on('sc.held_on', '>=', from),
    )
    .innerJoin('supervision_sessions as s', 's.id', 'sc.session_id')
    .select((eb) => [
      'c.id',
      'c.legal_name',
      'c.preferred_name',
      eb.fn.countAll<number>().as('sessions'),
      eb.fn.sum<number>('s.normative').as('normative'),
      eb.fn.sum<number>('s.formative').as('formative'),
      eb.fn.sum<number>('s.restorative').as('restorative'),
      sql<string | null>`max(CASE WHEN s.restorative = 1 THEN s.held_on END)`.as('last_restorative_on'),
    ])
    .where('c.status', 'in', ['active', 'on_leave'])
    .groupBy('c.id')
  if (supervisorAccountId !== null) q = q.where('c.supervisor_account_id', '=', supervisorAccountId)
  return q.execute()
}

/** Current coaches (mine or everyone's) by name, for the balance rows of coaches with no session lately. */
export function currentCoaches(db: Db, supervisorAccountId: number | null) {
  let q = db
    .selectFrom('coaches as c')
    .select(['c.id', 'c.legal_name', 'c.preferred_name'])
    .where('c.status', 'in', ['active', 'on_leave'])
  if (supervisorAccountId !== null) q = q.where('c.supervisor_account_id', '=', supervisorAccountId)
  return q.orderBy('c.sort_name').orderBy('c.id').execute()
}

/** Open items of signed-off sessions due by `until`: for a supervisor's own, those of their coaches and sessions. */
export function dueItems(db: Db, supervisorAccountId: number | null, until: string) {
  let q = visibleItems(db, { kind: 'all' })
    .where('ai.done_at', 'is', null)
    .where('ai.due_on', '<=', until)
    .where('s.status', '=', 'signed_off')
  if (supervisorAccountId !== null) {
    const me = supervisorAccountId
    q = q.where(({ eb, or }) => or([eb('s.supervisor_account_id', '=', me), eb('c.supervisor_account_id', '=', me)]))
  }
  return q.orderBy('ai.due_on').orderBy('ai.id').limit(200).execute()
}

/** Barriers of signed-off sessions from `from` on, counted by quarter and kind, and the sessions per quarter. */
export async function barrierCounts(db: Db, from: string, supervisorAccountId: number | null) {
  const quarter = (column: string) =>
    sql<string>`substr(${sql.ref(column)}, 1, 4) || '-Q' || ((CAST(substr(${sql.ref(column)}, 6, 2) AS INTEGER) + 2) / 3)`
  let barriers = db
    .selectFrom('session_barriers as b')
    .innerJoin('supervision_sessions as s', 's.id', 'b.session_id')
    .select((eb) => [quarter('s.held_on').as('quarter'), 'b.kind', eb.fn.countAll<number>().as('n')])
    .where('s.held_on', '>=', from)
    .where('s.status', '=', 'signed_off')
    .groupBy(['quarter', 'b.kind'])
  let sessions = db
    .selectFrom('supervision_sessions as s')
    .select((eb) => [quarter('s.held_on').as('quarter'), eb.fn.countAll<number>().as('n')])
    .where('s.held_on', '>=', from)
    .where('s.status', '=', 'signed_off')
    .groupBy('quarter')
  if (supervisorAccountId !== null) {
    barriers = barriers.where('s.supervisor_account_id', '=', supervisorAccountId)
    sessions = sessions.where('s.supervisor_account_id', '=', supervisorAccountId)
  }
  return { barriers: await barriers.execute(), sessions: await sessions.execute() }
}

// ---------------------------------------------------------------------------------------------------------------
// Search. Two steps: the keys of one page, best first (bm25 over every match, no snippet yet), then the text of each
// hit of the page alone, so a common word costs one rank per match and twenty rows read, not a snippet a match.

/** 0 shared note, 1 action item, 2 private note: the order hits of equal rank come in. */
export type HitKind = 0 | 1 | 2
export interface HitKey {
  kind: HitKind
  /** The session for a note, the item for an action item. */
  id: number
  rank: number
}

const rankOf = (table: string) => sql<number>`CAST(round(bm25(${sql.raw(table)}) * 1000000) AS INTEGER)`

export async function searchKeys(
  db: Db,
  match: string,
  scope: SessionScope,
  after: readonly [number, number, number] | null,
  limit: number,
): Promise<HitKey[]> {
  if (scope.kind === 'none') return []
  const parts = []
  if (scope.kind === 'all') {
    parts.push(sql`SELECT 0 AS kind, rowid AS id, ${rankOf('session_notes_fts')} AS rank
      FROM session_notes_fts WHERE session_notes_fts MATCH ${match}`)
    parts.push(sql`SELECT 1 AS kind, rowid AS id, ${rankOf('action_items_fts')} AS rank
      FROM action_items_fts WHERE action_items_fts MATCH ${match}`)
    parts.push(sql`SELECT 2 AS kind, rowid AS id, ${rankOf('private_notes_fts')} AS rank
      FROM supervisors.private_notes_fts WHERE private_notes_fts MATCH ${match}`)
  } else {
    const me = scope.coachId
    parts.push(sql`SELECT 0 AS kind, f.rowid AS id, ${rankOf('session_notes_fts')} AS rank
      FROM session_notes_fts AS f
      JOIN session_coaches AS mine ON mine.session_id = f.rowid AND mine.coach_id = ${me} AND mine.signed_off = 1
      WHERE session_notes_fts MATCH ${match}`)
    parts.push(sql`SELECT 1 AS kind, f.rowid AS id, ${rankOf('action_items_fts')} AS rank
      FROM action_items_fts AS f
      JOIN action_items AS ai ON ai.id = f.rowid
      JOIN session_coaches AS mine ON mine.session_id = ai.session_id AND mine.coach_id = ${me} AND mine.signed_off = 1
      WHERE action_items_fts MATCH ${match}
        AND (ai.owner_coach_id = ${me} OR (ai.owner = 'supervisor' AND NOT EXISTS (
          SELECT 1 FROM session_coaches AS others WHERE others.session_id = ai.session_id AND others.coach_id <> ${me})))`)
  }
  const union = sql.join(parts, sql` UNION ALL `)
  const afterClause = after ? sql`WHERE (rank, kind, id) > (${after[0]}, ${after[1]}, ${after[2]})` : sql``
  const result = await sql<HitKey>`SELECT kind, id, rank FROM (${union}) ${afterClause}
    ORDER BY rank, kind, id LIMIT ${limit + 1}`.execute(db)
  return result.rows
}

/**
 * The text of each hit of a page and its session, in the page's order (null for a hit gone since its key was read).
 * Read from the rows themselves, by key: the snippet is made from the text (supervision.service.ts), because FTS5's
 * snippet() beside MATCH expands the query again for every hit, 4 to 8 ms each for a word's beginning at 50,000 notes.
 */
export async function textsOf(
  db: Db,
  keys: readonly HitKey[],
): Promise<Array<{ sessionId: number; text: string } | null>> {
  const ids = (kind: HitKind) => [...new Set(keys.filter((k) => k.kind === kind).map((k) => k.id))]
  const [notes, items, privateNotes] = await Promise.all([
    ids(0).length === 0
      ? []
      : db.selectFrom('supervision_sessions').select(['id', 'shared_note as text']).where('id', 'in', ids(0)).execute(),
    ids(1).length === 0
      ? []
      : db.selectFrom('action_items').select(['id', 'session_id', 'text']).where('id', 'in', ids(1)).execute(),
    ids(2).length === 0
      ? []
      : db
          .selectFrom('supervisors.private_notes')
          .select(['session_id as id', 'text'])
          .where('session_id', 'in', ids(2))
          .execute(),
  ])
  const byKind = [
    new Map(notes.map((r) => [r.id, { sessionId: r.id, text: r.text }])),
    new Map(items.map((r) => [r.id, { sessionId: r.session_id, text: r.text }])),
    new Map(privateNotes.map((r) => [r.id, { sessionId: r.id, text: r.text }])),
  ]
  return keys.map((key) => byKind[key.kind]!.get(key.id) ?? null)
}

// ---------------------------------------------------------------------------------------------------------------

/** "Session of 2026-11-02" for the audit page. */
export async function sessionNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('supervision_sessions')
    .select(['id', 'held_on', 'format'])
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [r.id, `Supervision of ${r.held_on}`]))
}

export async function actionItemNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('action_items as ai')
    .innerJoin('supervision_sessions as s', 's.id', 'ai.session_id')
    .select(['ai.id', 's.held_on'])
    .where('ai.id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [r.id, `Action item of the supervision of ${r.held_on}`]))
}

// ---------------------------------------------------------------------------------------------------------------
// Bulk writing, for the seeds: years of sessions cannot come through one router call each.

/** One session as the seeds write it: signed off (locked) unless `draft`, with its parts and private note. */
export interface BulkSession {
  format: SupervisionSessionsTable['format']
  heldOn: string
  minutes: number
  supervisorAccountId: number
  functions: { normative: boolean; formative: boolean; restorative: boolean }
  sharedNote: string
  privateNote: string
  coachIds: readonly number[]
  barriers: Array<{ kind: SessionBarriersTable['kind']; detail: string | null }>
  items: Array<{
    text: string
    owner: ActionItemsTable['owner']
    ownerCoachId: number | null
    dueOn: string
    done: { at: string; by: number } | null
  }>
  draft?: boolean
}

const BULK_ROWS = 400

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/**
 * Writes sessions in the caller's transaction, many rows per statement, with ids given here so the parts need no
 * read-back. Each is written as a draft and then signed off, as the app does, so the locking triggers stay armed and
 * the search indexes are kept by their triggers. Private notes need the supervisors' file attached.
 */
export async function insertSessionsInBulk(db: Db, sessions: readonly BulkSession[]): Promise<number> {
  if (sessions.length === 0) return 0
  const last = await db
    .selectFrom('supervision_sessions')
    .select(sql<number>`coalesce(max(id), 0)`.as('id'))
    .executeTakeFirstOrThrow()
  const firstId = last.id + 1
  const withIds = sessions.map((session, i) => ({ id: firstId + i, session }))
  for (const batch of chunks(withIds, BULK_ROWS)) {
    await db
      .insertInto('supervision_sessions')
      .values(
        batch.map(({ id, session: s }) => ({
          id,
          version: 1,
          format: s.format,
          held_on: s.heldOn,
          minutes: s.minutes,
          supervisor_account_id: s.supervisorAccountId,
          normative: s.functions.normative ? 1 : 0,
          formative: s.functions.formative ? 1 : 0,
          restorative: s.functions.restorative ? 1 : 0,
          shared_note: s.sharedNote,
          status: 'draft' as const,
          created_at: `${s.heldOn}T15:00:00.000Z`,
          updated_at: `${s.heldOn}T16:00:00.000Z`,
        })),
      )
      .execute()
    const attendance = batch.flatMap(({ id, session: s }) =>
      s.coachIds.map((coachId) => ({ session_id: id, coach_id: coachId, held_on: s.heldOn, signed_off: 0 })),
    )
    for (const rows of chunks(attendance, BULK_ROWS)) await db.insertInto('session_coaches').values(rows).execute()
    const barriers = batch.flatMap(({ id, session: s }) => s.barriers.map((b) => ({ session_id: id, ...b })))
    for (const rows of chunks(barriers, BULK_ROWS)) await db.insertInto('session_barriers').values(rows).execute()
    const items = batch.flatMap(({ id, session: s }) =>
      s.items.map((item, position) => ({
        session_id: id,
        position,
        text: item.text,
        owner: item.owner,
        owner_coach_id: item.ownerCoachId,
        due_on: item.dueOn,
        done_at: item.done?.at ?? null,
        done_by: item.done?.by ?? null,
      })),
    )
    for (const rows of chunks(items, BULK_ROWS)) await db.insertInto('action_items').values(rows).execute()
    const notes = batch
      .filter(({ session: s }) => s.privateNote !== '')
      .map(({ id, session: s }) => ({
        session_id: id,
        text: s.privateNote,
        locked: 0,
        updated_at: `${s.heldOn}T16:00:00.000Z`,
      }))
    for (const rows of chunks(notes, BULK_ROWS)) await db.insertInto('supervisors.private_notes').values(rows).execute()
  }
  // Signed off the evening of the session, by its supervisor; drafts stay open.
  const signed = withIds.filter(({ session }) => !session.draft).map(({ id }) => id)
  for (const ids of chunks(signed, 5000)) {
    await db
      .updateTable('supervision_sessions')
      .set({
        status: 'signed_off',
        signed_off_at: sql<string>`held_on || 'T17:00:00.000Z'`,
        signed_off_by: sql<number>`supervisor_account_id`,
        version: 2,
      })
      .where('id', 'in', ids)
      .execute()
    await db.updateTable('session_coaches').set({ signed_off: 1 }).where('session_id', 'in', ids).execute()
    await db.updateTable('supervisors.private_notes').set({ locked: 1 }).where('session_id', 'in', ids).execute()
  }
  return sessions.length
}
