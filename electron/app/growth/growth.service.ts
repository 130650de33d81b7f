import type { ParsedInput } from '@shared/api/contract'
import {
  countScores,
  DOMAIN_KEYS,
  NOT_ASSESSED_DAYS,
  TRACK_KEYS,
  type Assessment,
  type AssessmentFields,
  type AssessmentSummary,
  type CoachGrowth,
  type CoachRef,
  type DomainNotes,
  type Goal,
  type GrowthReport,
  type Rater,
  type ReportNotes,
  type Scores,
  type TeamCell,
  type TeamGrowth,
  type TeamQuarter,
} from '@shared/domain/growth'
import type { CoachStatus } from '@shared/domain/roster'
import { instant } from '../clock'
import type { SignedInContext, UserSession } from '../context'
import type { Db } from '../db/schema'
import { AppError, conflict, notFound } from '../errors'
import { readOfficeSettings } from '../settings/settings.repository'
import { officeTimeZone } from '../settings/settings.service'
import * as repo from './growth.repository'
import {
  assessmentScope,
  goalScope,
  mayAmend,
  mayEditDraft,
  mayEditGoal,
  raterOf,
  refused,
  requireCoachReachable,
} from './growth.policy'
import type { ScoreColumns } from './growth.table'

/** How far ahead a goal's target may be: a plan, not a typo for 9999. */
const MAX_GOAL_YEARS_AHEAD = 5

const CURRENT_STATUSES: CoachStatus[] = ['active', 'on_leave']

// ---------------------------------------------------------------------------------------------------------------
// Dates: "today" is the office's, so an assessment made in the evening is not "in the future" in UTC terms.

/** The office's calendar date now, in its own time zone (or the computer's). */
export async function officeToday(ctx: SignedInContext): Promise<string> {
  return dateFormatFor(await officeTimeZone(ctx.db)).format(ctx.clock.now())
}

// A formatter costs far more to build than to use, and every growth call asks for today.
const dateFormats = new Map<string, Intl.DateTimeFormat>()
function dateFormatFor(zone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(zone)
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dateFormats.set(zone, format)
  }
  return format
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + years)
  return d.toISOString().slice(0, 10)
}

const invalid = (field: string, message: string, fieldMessage: string) =>
  new AppError('invalid_input', message, { [field]: fieldMessage })

/** An assessment is of a day that has happened, since the coach started. */
function requireAssessmentDate(field: string, date: string, today: string, coach: repo.CoachRefRow) {
  if (date > today) throw invalid(field, 'An assessment cannot be dated in the future.', 'Must not be after today')
  if (date < coach.start_date) {
    throw invalid(
      field,
      'That date is before the coach started.',
      `Must not be before the coach started (${coach.start_date})`,
    )
  }
}

function requireGoalDate(field: string, date: string, today: string) {
  if (date < today) throw invalid(field, 'A target date cannot be in the past.', 'Must be today or later')
  if (date > addYears(today, MAX_GOAL_YEARS_AHEAD)) {
    throw invalid(
      field,
      `A target date is at most ${MAX_GOAL_YEARS_AHEAD} years ahead.`,
      `Must be within ${MAX_GOAL_YEARS_AHEAD} years`,
    )
  }
}

function requireSomeScore(scores: Scores) {
  if (countScores(scores) === 0) {
    throw invalid('scores', 'Give at least one score before completing.', 'Give at least one score')
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Rows to DTOs.

const displayName = (row: { legal_name: string; preferred_name: string | null }) => row.preferred_name ?? row.legal_name

const toCoachRef = (row: repo.CoachRefRow): CoachRef => ({
  id: row.id,
  displayName: displayName(row),
  startDate: row.start_date,
  status: row.status,
})

function scoresOf(row: ScoreColumns): Scores {
  return Object.fromEntries(
    DOMAIN_KEYS.map((d) => [d, { practice: row[`${d}_practice`], own: row[`${d}_own`] }]),
  ) as Scores
}

export function scoreColumnsOf(scores: Scores): ScoreColumns {
  const columns = {} as ScoreColumns
  for (const d of DOMAIN_KEYS) for (const t of TRACK_KEYS) columns[`${d}_${t}`] = scores[d][t]
  return columns
}

/** The packed scores of a summary row (see the repository's packedScores). */
function scoresOfPacked(packed: string): Scores {
  const scores = {} as Scores
  let i = 0
  for (const d of DOMAIN_KEYS) {
    const practice = packed.charCodeAt(i++) - 64
    const own = packed.charCodeAt(i++) - 64
    scores[d] = { practice: practice > 0 ? practice : null, own: own > 0 ? own : null }
  }
  return scores
}

function notesOf(json: string): DomainNotes {
  const stored = JSON.parse(json) as Partial<Record<string, string>>
  return Object.fromEntries(DOMAIN_KEYS.map((d) => [d, stored[d] ?? null])) as DomainNotes
}

/** Only the notes written down: a blank note is not stored. */
export function notesJson(notes: DomainNotes): string {
  return JSON.stringify(Object.fromEntries(DOMAIN_KEYS.filter((d) => notes[d] !== null).map((d) => [d, notes[d]])))
}

function columnsFor(fields: AssessmentFields) {
  return {
    assessed_on: fields.assessedOn,
    ...scoreColumnsOf(fields.scores),
    domain_notes: notesJson(fields.notes),
    overall_note: fields.overallNote,
  }
}

function toSummary(
  row: repo.AssessmentWithAuthorRow | repo.AssessmentSummaryRow,
  session: UserSession,
): AssessmentSummary {
  return {
    id: row.id,
    version: row.version,
    coachId: row.coach_id,
    rater: row.rater,
    raterName: row.rater_name,
    assessedOn: row.assessed_on,
    status: row.status,
    scores: 'scores' in row ? scoresOfPacked(row.scores) : scoresOf(row),
    revision: row.revision,
    amendsId: row.amends_id,
    supersededById: row.superseded_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
    mayEdit: mayEditDraft(session, row),
    mayAmend: mayAmend(session, row),
  }
}

async function toAssessment(db: Db, row: repo.AssessmentWithAuthorRow, session: UserSession): Promise<Assessment> {
  const [coach, chain] = await Promise.all([
    repo.findCoachRef(db, row.coach_id),
    repo.listChain(db, row.original_id ?? row.id),
  ])
  return {
    ...toSummary(row, session),
    coachName: coach ? displayName(coach) : '',
    notes: notesOf(row.domain_notes),
    overallNote: row.overall_note,
    amendmentReason: row.amendment_reason,
    history: chain.map((version) => ({
      id: version.id,
      revision: version.revision,
      assessedOn: version.assessed_on,
      authorName: version.author_name,
      at: version.completed_at ?? version.created_at,
      reason: version.amendment_reason,
      current: version.superseded_by === null,
    })),
  }
}

function toGoal(row: repo.GoalWithAuthorRow, session: UserSession): Goal {
  return {
    id: row.id,
    version: row.version,
    coachId: row.coach_id,
    domain: row.domain,
    track: row.track,
    description: row.description,
    targetDate: row.target_date,
    status: row.status,
    statusChangedOn: row.status_changed_on,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    mayEdit: mayEditGoal(session, row.coach_id),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Finding records within the viewer's scope.

/** Outside the scope, or missing: a supervisor is told it is missing, anyone else only that they may not. */
function missing(session: UserSession, what: string): AppError {
  return assessmentScope(session).kind === 'all' ? notFound(what) : refused()
}

async function requireCoach(ctx: SignedInContext, coachId: number): Promise<repo.CoachRefRow> {
  requireCoachReachable(ctx.session, coachId)
  const coach = await repo.findCoachRef(ctx.db, coachId)
  if (!coach) throw missing(ctx.session, 'That coach')
  return coach
}

async function requireAssessment(ctx: SignedInContext, id: number): Promise<repo.AssessmentWithAuthorRow> {
  const row = await repo.findAssessment(ctx.db, id, assessmentScope(ctx.session))
  if (!row) throw missing(ctx.session, 'That assessment')
  return row
}

async function loadAssessment(ctx: SignedInContext, id: number): Promise<Assessment> {
  return toAssessment(ctx.db, await requireAssessment(ctx, id), ctx.session)
}

/** The draft the caller may change, at the version they started from. */
async function requireOwnDraft(ctx: SignedInContext, id: number, expectedVersion: number) {
  const row = await requireAssessment(ctx, id)
  if (row.status === 'completed') {
    throw conflict('This assessment is completed and locked. To correct it, record an amendment with a reason.')
  }
  if (!mayEditDraft(ctx.session, row)) {
    throw new AppError('forbidden', 'Only the person who started this draft can change, complete or discard it.')
  }
  if (row.version !== expectedVersion) {
    throw conflict(
      'This draft was saved from somewhere else since you opened it. Nothing of yours was saved over it: reload to see the newer version.',
    )
  }
  return row
}

const savedElsewhere = () =>
  conflict(
    'This draft was saved from somewhere else at the same moment. Nothing was overwritten: reload and try again.',
  )

// ---------------------------------------------------------------------------------------------------------------
// Assessments.

export async function getAssessment(ctx: SignedInContext, input: ParsedInput<'assessments.get'>): Promise<Assessment> {
  return loadAssessment(ctx, input.id)
}

export async function createAssessment(
  ctx: SignedInContext,
  input: ParsedInput<'assessments.create'>,
): Promise<Assessment> {
  const rater = raterOf(ctx.session)
  const coach = await requireCoach(ctx, input.coachId)
  requireAssessmentDate('assessedOn', input.assessedOn, await officeToday(ctx), coach)
  const now = instant(ctx.clock)
  const id = await repo.insertAssessment(ctx.db, {
    ...columnsFor(input),
    version: 1,
    coach_id: coach.id,
    rater,
    rater_account_id: ctx.session.accountId,
    status: 'draft',
    revision: 1,
    created_at: now,
    updated_at: now,
  })
  return loadAssessment(ctx, id)
}

export async function updateAssessment(
  ctx: SignedInContext,
  input: ParsedInput<'assessments.update'>,
): Promise<Assessment> {
  const row = await requireOwnDraft(ctx, input.id, input.expectedVersion)
  const coach = await requireCoach(ctx, row.coach_id)
  requireAssessmentDate('fields.assessedOn', input.fields.assessedOn, await officeToday(ctx), coach)
  const written = await repo.updateDraftIfVersion(ctx.db, row.id, input.expectedVersion, {
    ...columnsFor(input.fields),
    updated_at: instant(ctx.clock),
  })
  if (!written) throw savedElsewhere()
  return loadAssessment(ctx, row.id)
}

export async function completeAssessment(
  ctx: SignedInContext,
  input: ParsedInput<'assessments.complete'>,
): Promise<Assessment> {
  const row = await requireOwnDraft(ctx, input.id, input.expectedVersion)
  requireSomeScore(scoresOf(row))
  const coach = await requireCoach(ctx, row.coach_id)
  // The draft may have been dated days ago: still checked, in case the coach's start date was corrected since.
  requireAssessmentDate('assessedOn', row.assessed_on, await officeToday(ctx), coach)
  const now = instant(ctx.clock)
  const written = await repo.updateDraftIfVersion(ctx.db, row.id, input.expectedVersion, {
    status: 'completed',
    completed_at: now,
    updated_at: now,
  })
  if (!written) throw savedElsewhere()
  return loadAssessment(ctx, row.id)
}

export async function discardAssessment(
  ctx: SignedInContext,
  input: ParsedInput<'assessments.discard'>,
): Promise<{ id: number }> {
  const row = await requireOwnDraft(ctx, input.id, input.expectedVersion)
  if (!(await repo.deleteDraftIfVersion(ctx.db, row.id, input.expectedVersion))) throw savedElsewhere()
  return { id: row.id }
}

export async function amendAssessment(
  ctx: SignedInContext,
  input: ParsedInput<'assessments.amend'>,
): Promise<Assessment> {
  const row = await requireAssessment(ctx, input.id)
  if (row.status === 'draft') {
    throw conflict('This assessment is still a draft: change it directly, no amendment is needed.')
  }
  if (row.superseded_by !== null) {
    throw conflict('This version has already been amended. Open the latest version and amend that one.')
  }
  if (!mayAmend(ctx.session, row)) {
    throw new AppError(
      'forbidden',
      row.rater === 'self'
        ? 'Only the coach can amend their own self-assessment.'
        : "Only a supervisor can amend a supervisor's rating.",
    )
  }
  const coach = await requireCoach(ctx, row.coach_id)
  requireAssessmentDate('fields.assessedOn', input.fields.assessedOn, await officeToday(ctx), coach)
  requireSomeScore(input.fields.scores)
  const now = instant(ctx.clock)
  const id = await repo.insertAssessment(ctx.db, {
    ...columnsFor(input.fields),
    version: 1,
    coach_id: row.coach_id,
    rater: row.rater,
    rater_account_id: ctx.session.accountId,
    status: 'completed',
    amends_id: row.id,
    original_id: row.original_id ?? row.id,
    revision: row.revision + 1,
    amendment_reason: input.reason,
    created_at: now,
    updated_at: now,
    completed_at: now,
  })
  if (!(await repo.supersede(ctx.db, row.id, id))) {
    throw conflict('Someone amended this assessment at the same moment. Reload to see their version.')
  }
  return loadAssessment(ctx, id)
}

// ---------------------------------------------------------------------------------------------------------------
// Development goals.

async function loadGoal(ctx: SignedInContext, id: number): Promise<Goal> {
  const row = await repo.findGoal(ctx.db, id, goalScope(ctx.session))
  if (!row) throw missing(ctx.session, 'That goal')
  return toGoal(row, ctx.session)
}

export async function createGoal(ctx: SignedInContext, input: ParsedInput<'goals.create'>): Promise<Goal> {
  const coach = await requireCoach(ctx, input.coachId)
  const today = await officeToday(ctx)
  requireGoalDate('targetDate', input.targetDate, today)
  const now = instant(ctx.clock)
  const id = await repo.insertGoal(ctx.db, {
    version: 1,
    coach_id: coach.id,
    domain: input.domain,
    track: input.track,
    description: input.description,
    target_date: input.targetDate,
    status: 'open',
    status_changed_on: today,
    created_by: ctx.session.accountId,
    created_at: now,
    updated_at: now,
  })
  return loadGoal(ctx, id)
}

export async function updateGoal(ctx: SignedInContext, input: ParsedInput<'goals.update'>): Promise<Goal> {
  const row = await repo.findGoal(ctx.db, input.id, goalScope(ctx.session))
  if (!row) throw missing(ctx.session, 'That goal')
  if (!mayEditGoal(ctx.session, row.coach_id)) throw refused()
  if (row.version !== input.expectedVersion) {
    throw conflict('Someone else changed this goal since you opened it. Reload to see their changes, then try again.')
  }
  const today = await officeToday(ctx)
  // A target already passed may stay as it was; a new one must be ahead.
  if (input.targetDate !== row.target_date) requireGoalDate('targetDate', input.targetDate, today)
  const written = await repo.updateGoalIfVersion(ctx.db, row.id, input.expectedVersion, {
    description: input.description,
    target_date: input.targetDate,
    status: input.status,
    ...(input.status !== row.status ? { status_changed_on: today } : {}),
    updated_at: instant(ctx.clock),
  })
  if (!written) throw conflict('Someone else changed this goal at the same moment. Reload and try again.')
  return loadGoal(ctx, row.id)
}

// ---------------------------------------------------------------------------------------------------------------
// The growth page, the report and the team view.

export async function coachGrowth(ctx: SignedInContext, input: ParsedInput<'growth.coach'>): Promise<CoachGrowth> {
  const coach = await requireCoach(ctx, input.coachId)
  const scope = assessmentScope(ctx.session)
  const [rows, goals, today] = await Promise.all([
    repo.listCurrentAssessments(ctx.db, coach.id, scope, { completedOnly: false }),
    repo.listGoals(ctx.db, coach.id, null),
    officeToday(ctx),
  ])
  return {
    coach: toCoachRef(coach),
    today,
    viewerRater: raterOf(ctx.session),
    assessments: rows.map((row) => toSummary(row, ctx.session)),
    goals: goals.map((row) => toGoal(row, ctx.session)),
  }
}

export async function growthReport(ctx: SignedInContext, input: ParsedInput<'growth.report'>): Promise<GrowthReport> {
  const coach = await requireCoach(ctx, input.coachId)
  const scope = assessmentScope(ctx.session)
  const [rows, goals, today, settings, ...latest] = await Promise.all([
    repo.listCurrentAssessments(ctx.db, coach.id, scope, { completedOnly: true }),
    repo.listGoals(ctx.db, coach.id, ['open']),
    officeToday(ctx),
    readOfficeSettings(ctx.db),
    ...(['self', 'supervisor'] as const).map((rater) => repo.latestCompleted(ctx.db, coach.id, rater, scope)),
  ])
  const latestNotes: ReportNotes[] = latest
    .filter((row): row is repo.AssessmentWithAuthorRow => row !== undefined)
    .map((row) => ({
      assessmentId: row.id,
      rater: row.rater,
      assessedOn: row.assessed_on,
      raterName: row.rater_name,
      notes: notesOf(row.domain_notes),
      overallNote: row.overall_note,
    }))
  return {
    officeName: settings.office_name,
    generatedOn: today,
    coach: toCoachRef(coach),
    assessments: rows.map((row) => toSummary(row, ctx.session)),
    latestNotes,
    openGoals: goals.map((row) => toGoal(row, ctx.session)),
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100

const QUARTER_LENGTH = 7 // 2026-Q3
const PACKED_LENGTH = QUARTER_LENGTH + 16

/**
 * Sums per quarter over each coach's packed quarters (see AssessmentQuartersByCoachTable), then each cell's figures.
 * Plain loops over typed arrays: this runs over every coach's whole history on each opening of the team view.
 */
export function teamQuartersOf(rows: readonly { quarters: string }[]): TeamQuarter[] {
  const CELLS = repo.SCORE_COLUMNS.length
  // Per cell: count, sum, sum of squares, min, max; then the number of coaches in the quarter.
  const sums = new Map<string, Float64Array>()
  for (const { quarters } of rows) {
    for (let start = 0; start < quarters.length; start += PACKED_LENGTH) {
      const quarter = quarters.slice(start, start + QUARTER_LENGTH)
      let acc = sums.get(quarter)
      if (!acc) {
        acc = new Float64Array(CELLS * 5 + 1)
        for (let i = 0; i < CELLS; i++) acc[i * 5 + 3] = Infinity
        sums.set(quarter, acc)
      }
      acc[CELLS * 5]!++
      for (let i = 0; i < CELLS; i++) {
        const score = quarters.charCodeAt(start + QUARTER_LENGTH + i) - 64
        if (score <= 0) continue
        const at = i * 5
        acc[at]!++
        acc[at + 1]! += score
        acc[at + 2]! += score * score
        if (score < acc[at + 3]!) acc[at + 3] = score
        if (score > acc[at + 4]!) acc[at + 4] = score
      }
    }
  }
  const cell = (acc: Float64Array, i: number): TeamCell => {
    const n = acc[i * 5]!
    if (n === 0) return { n: 0, mean: null, min: null, max: null, sd: null }
    const mean = acc[i * 5 + 1]! / n
    // Rounding can leave a hair below zero when every score is the same.
    const variance = Math.max(0, acc[i * 5 + 2]! / n - mean * mean)
    return { n, mean: round2(mean), min: acc[i * 5 + 3]!, max: acc[i * 5 + 4]!, sd: round2(Math.sqrt(variance)) }
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([quarter, acc]) => ({
      quarter,
      coaches: acc[CELLS * 5]!,
      cells: Object.fromEntries(
        DOMAIN_KEYS.map((d) => [
          d,
          Object.fromEntries(TRACK_KEYS.map((t) => [t, cell(acc, repo.SCORE_COLUMNS.indexOf(`${d}_${t}`))])),
        ]),
      ) as TeamQuarter['cells'],
    }))
}

export async function teamGrowth(ctx: SignedInContext, input: ParsedInput<'growth.team'>): Promise<TeamGrowth> {
  const filters: repo.TeamFilters = {
    statuses: input.coaches === 'current' ? CURRENT_STATUSES : null,
    supervisorAccountId: input.scope === 'mine' ? ctx.session.accountId : null,
  }
  const [coachCount, rows, lastRated, today] = await Promise.all([
    repo.countChosenCoaches(ctx.db, filters),
    repo.teamQuarterScores(ctx.db, input.rater, filters),
    repo.lastRatedByCoach(ctx.db, filters),
    officeToday(ctx),
  ])
  const quarters = teamQuartersOf(rows)
  const cutoff = addDays(today, -NOT_ASSESSED_DAYS)
  const notAssessed = lastRated
    .filter((row) => row.last_supervisor_on === null || row.last_supervisor_on <= cutoff)
    .map((row) => ({
      coachId: row.id,
      displayName: displayName(row),
      status: row.status,
      lastSupervisorOn: row.last_supervisor_on,
      lastSelfOn: row.last_self_on,
    }))
    .sort(
      (a, b) =>
        (a.lastSupervisorOn ?? '').localeCompare(b.lastSupervisorOn ?? '') ||
        a.displayName.localeCompare(b.displayName, 'en'),
    )
  return { today, coachCount, quarters, notAssessed }
}

// ---------------------------------------------------------------------------------------------------------------
// For the audit declarations: what a save changed, by domain name only (never the scores or the note text).

export function describeDraftSave(before: repo.AssessmentWithAuthorRow | undefined, after: Assessment): string {
  if (!before) return 'Draft saved'
  const previous = scoresOf(before)
  const previousNotes = notesOf(before.domain_notes)
  let scores = 0
  let notes = 0
  for (const d of DOMAIN_KEYS) {
    for (const t of TRACK_KEYS) if (previous[d][t] !== after.scores[d][t]) scores++
    if (previousNotes[d] !== after.notes[d]) notes++
  }
  if (before.overall_note !== after.overallNote) notes++
  const parts = [
    `${scores} score${scores === 1 ? '' : 's'} and ${notes} note${notes === 1 ? '' : 's'} changed`,
    ...(before.assessed_on !== after.assessedOn ? [`date ${before.assessed_on} → ${after.assessedOn}`] : []),
  ]
  return `Draft saved: ${parts.join(', ')}`
}

export const raterWords: Record<Rater, string> = { self: 'self-assessment', supervisor: "supervisor's rating" }
