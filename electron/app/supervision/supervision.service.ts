import type { ParsedInput } from '@shared/api/contract'
import {
  BARRIER_KEYS,
  FUNCTION_KEYS,
  type ActionItem,
  type BarrierKind,
  type BarrierQuarter,
  type BarriersOverTime,
  type SEARCH_KINDS,
  type SearchHit,
  type SearchPage,
  type Session,
  type SessionFields,
  type SessionListPage,
  type SnippetPart,
  type StartPage,
} from '@shared/domain/supervision'
import { instant } from '../clock'
import type { SignedInContext } from '../context'
import type { Db } from '../db/schema'
import { decodeCursor, encodeCursor, pageOf } from '../db/keyset'
import { AppError, conflict, notFound } from '../errors'
import { matchExpression } from '../directory/directory.service'
import { foldForSearch } from '../db/open'
import { addDays, officeToday } from '../growth/growth.service'
import * as repo from './supervision.repository'
import {
  mayMarkDone,
  readsPrivateNotes,
  refused,
  requireCoachInScope,
  sessionScope,
  type SessionScope,
} from './supervision.policy'

const SIX_MONTHS_DAYS = 183
const DUE_AHEAD_DAYS = 7
const MAX_DUE_YEARS = 2

const invalid = (field: string, message: string, fieldMessage = message) =>
  new AppError('invalid_input', message, { [field]: fieldMessage })

const displayName = (row: { legal_name: string | null; preferred_name: string | null }) =>
  row.preferred_name ?? row.legal_name ?? ''

/** Outside the scope, or missing: a supervisor is told it is missing, anyone else only that they may not. */
function missing(scope: SessionScope, what: string): AppError {
  return scope.kind === 'all' ? notFound(what) : refused()
}

async function requirePrivateFile(db: Db) {
  if (!(await repo.supervisorsAttached(db))) {
    throw new AppError(
      'forbidden',
      "The supervisors' file is not open: sign in again as a supervisor to write or read private notes.",
    )
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Rules beyond the schema.

interface CheckedFields extends SessionFields {
  items: Array<{ text: string; owner: 'coach' | 'supervisor'; owner_coach_id: number | null; due_on: string }>
}

async function checkFields(ctx: SignedInContext, fields: SessionFields, prefix: string): Promise<CheckedFields> {
  const f = (name: string) => (prefix ? `${prefix}.${name}` : name)
  const today = await officeToday(ctx)
  if (fields.heldOn > today)
    throw invalid(f('heldOn'), 'A session cannot be dated in the future.', 'Must not be after today')
  if (fields.format === 'individual' && fields.coachIds.length !== 1) {
    throw invalid(f('coachIds'), 'An individual session is with one coach.', 'Choose exactly one coach')
  }
  if (fields.format === 'group' && fields.coachIds.length < 2) {
    throw invalid(f('coachIds'), 'A group session is with two or more coaches.', 'Choose at least two coaches')
  }
  const coaches = await repo.findCoachFacts(ctx.db, fields.coachIds)
  const byId = new Map(coaches.map((c) => [c.id, c]))
  for (const id of fields.coachIds) {
    const coach = byId.get(id)
    if (!coach) throw invalid(f('coachIds'), 'One of the coaches chosen is not on the roster.', 'Not on the roster')
    if (fields.heldOn < coach.start_date) {
      throw invalid(
        f('heldOn'),
        'That date is before one of the coaches started.',
        `Must not be before the coach started (${coach.start_date})`,
      )
    }
    if (coach.status === 'left' && coach.left_on !== null && fields.heldOn >= coach.left_on) {
      throw invalid(
        f('coachIds'),
        'One of the coaches had left by that date.',
        `A coach who has left can be chosen only for a session before they left (${coach.left_on})`,
      )
    }
  }
  const latestDue = addDays(today, MAX_DUE_YEARS * 366)
  const items = fields.actionItems.map((item, i) => {
    const at = (name: string) => f(`actionItems.${i}.${name}`)
    if (item.dueOn < fields.heldOn) {
      throw invalid(at('dueOn'), 'An action item cannot be due before the session.', 'Must not be before the session')
    }
    if (item.dueOn > latestDue) {
      throw invalid(at('dueOn'), 'An action item is due within two years.', 'Must be within two years')
    }
    let ownerCoach: number | null = null
    if (item.owner === 'coach') {
      ownerCoach = item.coachId ?? (fields.coachIds.length === 1 ? fields.coachIds[0]! : null)
      if (ownerCoach === null) throw invalid(at('coachId'), 'Say which coach owns the action item.', 'Choose the coach')
      if (!fields.coachIds.includes(ownerCoach)) {
        throw invalid(
          at('coachId'),
          'An action item is owned by a coach of the session.',
          'Choose a coach of this session',
        )
      }
    }
    return { text: item.text, owner: item.owner, owner_coach_id: ownerCoach, due_on: item.dueOn }
  })
  return { ...fields, items }
}

function columnsFor(fields: SessionFields) {
  return {
    format: fields.format,
    held_on: fields.heldOn,
    minutes: fields.minutes,
    normative: fields.functions.includes('normative') ? 1 : 0,
    formative: fields.functions.includes('formative') ? 1 : 0,
    restorative: fields.functions.includes('restorative') ? 1 : 0,
    shared_note: fields.sharedNote,
  }
}

async function writeParts(db: Db, id: number, fields: CheckedFields) {
  await repo.replaceDraftParts(db, id, {
    heldOn: fields.heldOn,
    coachIds: fields.coachIds,
    barriers: fields.barriers.map((b) => ({ kind: b.kind, detail: b.detail })),
    items: fields.items.map((item) => ({ ...item, done_at: null, done_by: null })),
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Rows to DTOs, per viewer.

export function toItem(row: repo.VisibleItemRow, scope: SessionScope): ActionItem {
  return {
    id: row.id,
    sessionId: row.session_id,
    text: row.text,
    owner: row.owner,
    coachId: row.owner_coach_id,
    coachName: row.owner_coach_id !== null ? displayName(row) : null,
    dueOn: row.due_on,
    doneAt: row.done_at,
    doneByName: row.done_by_name,
    mayMarkDone: row.session_status === 'signed_off' && mayMarkDone(scope, row),
  }
}

type SessionRow = NonNullable<Awaited<ReturnType<typeof repo.findSession>>>

/** Sessions as the viewer may see them; the private parts only for a supervisor opening one (`withPrivate`). */
async function toSessions(db: Db, rows: SessionRow[], scope: SessionScope, withPrivate: boolean): Promise<Session[]> {
  const ids = rows.map((r) => r.id)
  const readPrivate = withPrivate && readsPrivateNotes(scope)
  // A supervisor signed in while their file is detached (its check after the sign-in found it damaged) is told so.
  if (readPrivate) await requirePrivateFile(db)
  const [coaches, barriers, items, addenda, assessments, privateAddenda] = await Promise.all([
    repo.coachesOf(db, ids),
    repo.barriersOf(db, ids),
    repo.itemsOf(db, ids, scope),
    repo.addendaOf(db, ids),
    scope.kind === 'all' ? repo.assessmentsOf(db, ids) : Promise.resolve([]),
    readPrivate ? repo.privateAddendaOf(db, ids) : Promise.resolve([]),
  ])
  const privateText = new Map(privateAddenda.map((a) => [a.addendum_id, a.text]))
  const sessions: Session[] = []
  for (const row of rows) {
    const attending = coaches.filter((c) => c.session_id === row.id)
    const shown = scope.kind === 'coach' ? attending.filter((c) => c.id === scope.coachId) : attending
    sessions.push({
      id: row.id,
      version: row.version,
      status: row.status,
      format: row.format,
      heldOn: row.held_on,
      minutes: row.minutes,
      functions: FUNCTION_KEYS.filter((key) => row[key] === 1),
      supervisorAccountId: row.supervisor_account_id,
      supervisorName: row.supervisor_name,
      coaches: shown.map((c) => ({ id: c.id, displayName: displayName(c) })),
      otherCoaches: attending.length - shown.length,
      sharedNote: row.shared_note,
      privateNote: readPrivate ? ((await repo.privateNote(db, row.id)) ?? '') : null,
      barriers: barriers.filter((b) => b.session_id === row.id).map((b) => ({ kind: b.kind, detail: b.detail })),
      actionItems: items.filter((i) => i.session_id === row.id).map((i) => toItem(i, scope)),
      addenda: addenda
        .filter((a) => a.session_id === row.id)
        .map((a) => ({
          id: a.id,
          sharedText: a.shared_text,
          privateText: readPrivate ? (privateText.get(a.id) ?? null) : null,
          writtenByName: a.written_by_name,
          writtenAt: a.written_at,
        })),
      assessmentIds: assessments.filter((a) => a.session_id === row.id).map((a) => a.assessment_id),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      signedOffAt: row.signed_off_at,
      signedOffByName: row.signed_off_by_name,
    })
  }
  return sessions
}

async function requireSession(ctx: SignedInContext, id: number): Promise<SessionRow> {
  const scope = sessionScope(ctx.session)
  const row = await repo.findSession(ctx.db, id, scope)
  if (!row) throw missing(scope, 'That session')
  return row
}

export async function loadSession(ctx: SignedInContext, id: number): Promise<Session> {
  const scope = sessionScope(ctx.session)
  const [session] = await toSessions(ctx.db, [await requireSession(ctx, id)], scope, true)
  return session!
}

// ---------------------------------------------------------------------------------------------------------------
// Writing sessions (supervisors: shared/access.ts).

export async function createSession(ctx: SignedInContext, input: ParsedInput<'supervision.create'>): Promise<Session> {
  await requirePrivateFile(ctx.db)
  const fields = await checkFields(ctx, input, '')
  const now = instant(ctx.clock)
  const id = await repo.insertSession(ctx.db, {
    ...columnsFor(fields),
    version: 1,
    supervisor_account_id: ctx.session.accountId,
    status: 'draft',
    signed_off_at: null,
    signed_off_by: null,
    created_at: now,
    updated_at: now,
  })
  await writeParts(ctx.db, id, fields)
  await repo.writePrivateNote(ctx.db, id, fields.privateNote, now)
  return loadSession(ctx, id)
}

async function requireDraft(ctx: SignedInContext, id: number, expectedVersion: number): Promise<SessionRow> {
  const row = await requireSession(ctx, id)
  if (row.status === 'signed_off') {
    throw conflict('This session is signed off and locked. To correct it, add an addendum.')
  }
  if (row.version !== expectedVersion) {
    throw conflict(
      'Someone else saved this session since you opened it. Reload to see their changes; what you typed is kept beside them.',
    )
  }
  return row
}

export async function updateSession(ctx: SignedInContext, input: ParsedInput<'supervision.update'>): Promise<Session> {
  await requirePrivateFile(ctx.db)
  await requireDraft(ctx, input.id, input.expectedVersion)
  const fields = await checkFields(ctx, input.fields, 'fields')
  const now = instant(ctx.clock)
  const written = await repo.updateDraftIfVersion(ctx.db, input.id, input.expectedVersion, {
    ...columnsFor(fields),
    updated_at: now,
  })
  if (!written) throw conflict('Someone else saved this session at the same moment. Reload and try again.')
  await writeParts(ctx.db, input.id, fields)
  await repo.writePrivateNote(ctx.db, input.id, fields.privateNote, now)
  return loadSession(ctx, input.id)
}

export async function signOffSession(
  ctx: SignedInContext,
  input: ParsedInput<'supervision.signOff'>,
): Promise<Session> {
  await requirePrivateFile(ctx.db)
  await requireDraft(ctx, input.id, input.expectedVersion)
  const done = await repo.signOff(ctx.db, input.id, input.expectedVersion, ctx.session.accountId, instant(ctx.clock))
  if (!done) throw conflict('Someone else saved this session at the same moment. Reload and try again.')
  return loadSession(ctx, input.id)
}

export async function addAddendum(
  ctx: SignedInContext,
  input: ParsedInput<'supervision.addAddendum'>,
): Promise<Session> {
  await requirePrivateFile(ctx.db)
  const row = await requireSession(ctx, input.id)
  if (row.status !== 'signed_off') {
    throw conflict('This session is still a draft: change it directly. Addenda are for signed-off sessions.')
  }
  await repo.insertAddendum(
    ctx.db,
    {
      session_id: input.id,
      shared_text: input.sharedText,
      written_by: ctx.session.accountId,
      written_at: instant(ctx.clock),
    },
    input.privateText,
  )
  return loadSession(ctx, input.id)
}

export async function linkAssessment(
  ctx: SignedInContext,
  input: ParsedInput<'supervision.linkAssessment'>,
): Promise<Session> {
  await requireSession(ctx, input.sessionId)
  const assessment = await repo.findAssessmentCoach(ctx.db, input.assessmentId)
  if (!assessment) throw invalid('assessmentId', 'That assessment was not found.', 'No such assessment')
  const coaches = await repo.coachesOf(ctx.db, [input.sessionId])
  if (!coaches.some((c) => c.id === assessment.coach_id)) {
    throw invalid(
      'assessmentId',
      'That assessment is of a coach who was not in the session.',
      'Not a coach of this session',
    )
  }
  await repo.linkAssessment(ctx.db, input.sessionId, input.assessmentId)
  return loadSession(ctx, input.sessionId)
}

// ---------------------------------------------------------------------------------------------------------------
// Reading.

export const getSession = (ctx: SignedInContext, input: ParsedInput<'supervision.get'>) => loadSession(ctx, input.id)

export async function listSessions(
  ctx: SignedInContext,
  input: ParsedInput<'supervision.list'>,
): Promise<SessionListPage> {
  const scope = sessionScope(ctx.session)
  const coachId = requireCoachInScope(scope, input.coachId)
  const after = input.after ? decodeCursor(input.after, ['string', 'number'], 'after') : null
  const keys =
    coachId === null
      ? await repo.listAllSessionIds(ctx.db, after, input.limit)
      : await repo.listCoachSessionIds(ctx.db, coachId, scope.kind !== 'all', after, input.limit)
  const page = pageOf(keys, input.limit, (k) => [k.held_on, k.session_id])
  const rows = await repo.sessionsByIds(
    ctx.db,
    page.rows.map((k) => k.session_id),
    scope,
  )
  const order = new Map(page.rows.map((k, i) => [k.session_id, i]))
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
  return { items: await toSessions(ctx.db, rows, scope, false), nextCursor: page.nextCursor }
}

export async function listItems(ctx: SignedInContext, input: ParsedInput<'actionItems.list'>) {
  const scope = sessionScope(ctx.session)
  const coachId = requireCoachInScope(scope, input.coachId)
  if (coachId === null) throw invalid('coachId', 'Say whose action items to list.', 'Choose a coach')
  const rows = await repo.itemsForCoach(ctx.db, coachId, scope, input.open)
  return { items: rows.map((row) => ({ ...toItem(row, scope), heldOn: row.held_on })) }
}

export async function markItemDone(
  ctx: SignedInContext,
  input: ParsedInput<'actionItems.markDone'>,
): Promise<ActionItem> {
  const scope = sessionScope(ctx.session)
  const row = await repo.findItem(ctx.db, input.id, scope)
  if (!row) throw missing(scope, 'That action item')
  if (!mayMarkDone(scope, row)) {
    throw new AppError('forbidden', 'Only the coach who owns this action item, or a supervisor, can mark it done.')
  }
  if (row.session_status !== 'signed_off') {
    throw conflict('This session is still a draft: its action items are marked done once it is signed off.')
  }
  if ((row.done_at !== null) === input.done) {
    throw conflict(input.done ? 'This action item is already marked done.' : 'This action item is not marked done.')
  }
  await repo.setItemDone(ctx.db, input.id, input.done ? { at: instant(ctx.clock), by: ctx.session.accountId } : null)
  const fresh = await repo.findItem(ctx.db, input.id, scope)
  return toItem(fresh!, scope)
}

// ---------------------------------------------------------------------------------------------------------------
// The supervisor's start page and the barriers over time.

export async function startPage(ctx: SignedInContext, input: ParsedInput<'supervision.startPage'>): Promise<StartPage> {
  const mine = input.scope === 'mine' ? ctx.session.accountId : null
  const today = await officeToday(ctx)
  const weekAhead = addDays(today, DUE_AHEAD_DAYS)
  const balanceFrom = addDays(today, -SIX_MONTHS_DAYS)
  const [cadence, balance, current, items] = await Promise.all([
    repo.cadenceRows(ctx.db, mine),
    repo.balanceRows(ctx.db, mine, balanceFrom),
    repo.currentCoaches(ctx.db, mine),
    repo.dueItems(ctx.db, mine, weekAhead),
  ])
  const scope = sessionScope(ctx.session)
  const byCoach = new Map(balance.map((b) => [b.id, b]))
  return {
    today,
    balanceFrom,
    cadence: cadence
      .map((c) => {
        // Never supervised: due from the day they started.
        const dueOn = addDays(c.last_session_on ?? c.start_date, c.last_session_on ? c.supervision_cadence_days : 0)
        return {
          coachId: c.id,
          displayName: displayName(c),
          cadenceDays: c.supervision_cadence_days,
          lastSessionOn: c.last_session_on,
          dueOn,
          state: dueOn < today ? ('overdue' as const) : ('due_this_week' as const),
        }
      })
      .filter((c) => c.dueOn <= weekAhead)
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.displayName.localeCompare(b.displayName, 'en')),
    items: items.map((row) => ({ ...toItem(row, scope), heldOn: row.held_on })),
    balance: current.map((c) => {
      const b = byCoach.get(c.id)
      return {
        coachId: c.id,
        displayName: displayName(c),
        sessions: Number(b?.sessions ?? 0),
        normative: Number(b?.normative ?? 0),
        formative: Number(b?.formative ?? 0),
        restorative: Number(b?.restorative ?? 0),
        lastRestorativeOn: b?.last_restorative_on ?? null,
      }
    }),
  }
}

/** `2026-Q4` and the quarters before it, oldest first. */
export function quartersBack(today: string, count: number): string[] {
  let year = Number(today.slice(0, 4))
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    out.unshift(`${year}-Q${q}`)
    q -= 1
    if (q === 0) {
      q = 4
      year -= 1
    }
  }
  return out
}

export async function barriersOverTime(
  ctx: SignedInContext,
  input: ParsedInput<'supervision.barriers'>,
): Promise<BarriersOverTime> {
  const today = await officeToday(ctx)
  const quarters = quartersBack(today, input.quarters)
  const first = quarters[0]!
  const from = `${first.slice(0, 4)}-${String((Number(first.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`
  const counts = await repo.barrierCounts(ctx.db, from, input.scope === 'mine' ? ctx.session.accountId : null)
  const rows = new Map<string, BarrierQuarter>(
    quarters.map((quarter) => [
      quarter,
      {
        quarter,
        sessions: 0,
        counts: Object.fromEntries(BARRIER_KEYS.map((k) => [k, 0])) as Record<BarrierKind, number>,
      },
    ]),
  )
  for (const s of counts.sessions) {
    const row = rows.get(s.quarter)
    if (row) row.sessions = Number(s.n)
  }
  for (const b of counts.barriers) {
    const row = rows.get(b.quarter)
    if (row) row.counts[b.kind] = Number(b.n)
  }
  return { quarters: [...rows.values()] }
}

// ---------------------------------------------------------------------------------------------------------------
// Search.

const KINDS: Array<keyof typeof SEARCH_KINDS> = ['shared_note', 'action_item', 'private_note']

/** How many words a snippet shows, as FTS5's snippet() was asked for before. */
const SNIPPET_WORDS = 24

/** The words of a MATCH expression from matchExpression: each quoted, folded, the last perhaps a word's beginning. */
function termsOf(match: string): Array<{ word: string; prefix: boolean }> {
  return [...match.matchAll(/"([^"]*)"(\*?)/g)].map((m) => ({ word: m[1]!, prefix: m[2] === '*' }))
}

/**
 * The part of `text` around its hits, as parts (the page shows hits with <mark> and never reads text as HTML). Words
 * are found and folded as the index does them (letters and digits with any combining accents after them, as text
 * pasted in decomposed form has; lower case, accents dropped), so what the search
 * matched is what is marked. The snippet is the run of SNIPPET_WORDS words holding the most different words of the
 * query (the earliest such run), with "…" where the text goes on.
 */
export function snippetParts(text: string, match: string): SnippetPart[] {
  const terms = termsOf(match)
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu)].map((m) => {
    const folded = foldForSearch(m[0])
    const term = terms.findIndex((t) => (t.prefix ? folded.startsWith(t.word) : folded === t.word))
    return { start: m.index, end: m.index + m[0].length, term }
  })
  if (words.length === 0) return text ? [{ text, hit: false }] : []
  let best = 0
  let bestScore = -1
  for (let first = 0; first < Math.max(1, words.length - SNIPPET_WORDS + 1); first++) {
    const found = new Set<number>()
    let hits = 0
    for (const word of words.slice(first, first + SNIPPET_WORDS)) {
      if (word.term < 0) continue
      found.add(word.term)
      hits += 1
    }
    // Different words of the query first, then more hits.
    const score = found.size * 1000 + hits
    if (score > bestScore) {
      best = first
      bestScore = score
    }
  }
  const shown = words.slice(best, best + SNIPPET_WORDS)
  const parts: SnippetPart[] = []
  const push = (part: string, hit: boolean) => {
    if (!part) return
    const last = parts.at(-1)
    if (last && last.hit === hit) last.text += part
    else parts.push({ text: part, hit })
  }
  const from = best === 0 ? 0 : shown[0]!.start
  const to = best + SNIPPET_WORDS >= words.length ? text.length : shown.at(-1)!.end
  if (from > 0) push('…', false)
  let at = from
  for (const word of shown) {
    push(text.slice(at, word.start), false)
    push(text.slice(word.start, word.end), word.term >= 0)
    at = word.end
  }
  push(text.slice(at, to), false)
  if (to < text.length) push('…', false)
  return parts
}

export async function search(ctx: SignedInContext, input: ParsedInput<'supervision.search'>): Promise<SearchPage> {
  const scope = sessionScope(ctx.session)
  const match = matchExpression(input.query)
  if (match === null) return { items: [], nextCursor: null }
  if (scope.kind === 'all') await requirePrivateFile(ctx.db)
  const after = input.after ? decodeCursor(input.after, ['number', 'number', 'number'], 'after') : null
  const keys = await repo.searchKeys(ctx.db, match, scope, after, input.limit)
  const page = keys.slice(0, input.limit)
  const nextCursor =
    keys.length > input.limit && page.length > 0
      ? encodeCursor([page.at(-1)!.rank, page.at(-1)!.kind, page.at(-1)!.id])
      : null
  const found = await repo.textsOf(ctx.db, page)
  const sessionIds = [...new Set(found.flatMap((f) => (f ? [f.sessionId] : [])))]
  const [sessions, coaches] = await Promise.all([
    repo.sessionsByIds(ctx.db, sessionIds, scope),
    repo.coachesOf(ctx.db, sessionIds),
  ])
  const heldOn = new Map(sessions.map((s) => [s.id, s.held_on]))
  const items: SearchHit[] = []
  page.forEach((key, i) => {
    const hit = found[i]
    // A hit whose session the viewer cannot read is dropped, never shown: the keys were already scoped.
    if (!hit || !heldOn.has(hit.sessionId)) return
    items.push({
      kind: KINDS[key.kind]!,
      sessionId: hit.sessionId,
      actionItemId: key.kind === 1 ? key.id : null,
      heldOn: heldOn.get(hit.sessionId)!,
      coachNames: coaches
        .filter((c) => c.session_id === hit.sessionId && (scope.kind !== 'coach' || c.id === scope.coachId))
        .map(displayName),
      snippet: snippetParts(hit.text, match),
    })
  })
  return { items, nextCursor }
}
