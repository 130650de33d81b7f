import type { ParsedInput } from '@shared/api/contract'
import { DOMAIN_KEYS, TRACK_KEYS, type Domain, type Scores } from '@shared/domain/growth'
import {
  CLOSE_HOURS_SHARE,
  CLOSE_MAX_STEPS_MISSING,
  EVALUATION_DISCLAIMER,
  MAX_QUARTERS_A_DAY,
  MIN_COACHES_FOR_A_FIGURE,
  STAGE_ORDER,
  hoursOf,
  nextStageOf,
  quartersOf,
  type Attendance,
  type Evaluation,
  type LadderPage,
  type OfficeLadder,
  type Progress,
  type RequirementKind,
  type RequirementProgress,
  type RequirementSet,
  type Training,
} from '@shared/domain/ladder'
import { evaluateTraining } from '@shared/domain/ladder-evaluation'
import { CAREER_STAGES, type CareerStage, type CoachStatus } from '@shared/domain/roster'
import { instant } from '../clock'
import type { SignedInContext } from '../context'
import type { Db } from '../db/schema'
import { AppError, conflict, notFound } from '../errors'
import { ratingsAround } from '../growth/growth.repository'
import { officeToday } from '../growth/growth.service'
import { listStageChanges } from '../roster/roster.repository'
import { displayName, setCoachStage } from '../roster/roster.service'
import * as repo from './ladder.repository'
import { ladderScope, refused } from './ladder.policy'
import type { RequirementRow } from './ladder.table'

const CURRENT_STATUSES: CoachStatus[] = ['active', 'on_leave']

// ---------------------------------------------------------------------------------------------------------------
// Progress: the arithmetic of one coach against one set, pure so the page and the office view agree.

export interface RequirementFacts {
  id: number
  kind: RequirementKind
  label: string
  category: string | null
  hours_needed_qh: number | null
}

/** Completed approved quarter-hours by training category (null: trainings with none). */
export type QuartersByCategory = ReadonlyMap<string | null, number>

const foldCategory = (category: string | null) => (category === null ? null : category.toLocaleLowerCase('en'))

/** Quarter-hours counting toward an hours requirement: every approved training, or those of its category. */
export function quartersToward(requirement: RequirementFacts, byCategory: QuartersByCategory): number {
  const wanted = foldCategory(requirement.category)
  let total = 0
  for (const [category, quarters] of byCategory) {
    if (wanted === null || foldCategory(category) === wanted) total += quarters
  }
  return total
}

export interface ProgressResult extends Progress {
  /** Quarter-hours, for the office view's share without rounding. */
  quartersDone: number
  quartersNeeded: number
}

export function progressOf(
  requirements: readonly RequirementFacts[],
  byCategory: QuartersByCategory,
  stepsDone: ReadonlySet<number>,
): ProgressResult {
  let quartersDone = 0
  let quartersNeeded = 0
  let stepsNeeded = 0
  let stepsDoneCount = 0
  const missing: string[] = []
  for (const requirement of requirements) {
    if (requirement.kind === 'training_hours') {
      const needed = requirement.hours_needed_qh ?? 0
      const done = quartersToward(requirement, byCategory)
      quartersNeeded += needed
      quartersDone += Math.min(done, needed)
      if (done < needed) missing.push(`${requirement.label}: ${formatHours(needed - done)} more hours`)
    } else {
      stepsNeeded++
      if (stepsDone.has(requirement.id)) stepsDoneCount++
      else missing.push(requirement.label)
    }
  }
  return {
    quartersDone,
    quartersNeeded,
    hoursDone: hoursOf(quartersDone),
    hoursNeeded: hoursOf(quartersNeeded),
    stepsDone: stepsDoneCount,
    stepsNeeded,
    missing,
  }
}

const formatHours = (quarters: number) => String(hoursOf(quarters))

// ---------------------------------------------------------------------------------------------------------------
// Dates.

/** A date after the office's today, or before the coach started, is refused on its field. */
function requireDateInCoachTime(field: string, date: string, today: string, startDate: string, what: string) {
  if (date > today) {
    throw new AppError('invalid_input', `${what} cannot be in the future.`, { [field]: 'Must not be after today' })
  }
  if (date < startDate) {
    throw new AppError('invalid_input', `${what} is before the coach started.`, {
      [field]: `Must not be before the coach started (${startDate})`,
    })
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A coach's ladder page.

async function requireCoach(ctx: SignedInContext, coachId: number): Promise<repo.LadderCoachRow> {
  const scope = ladderScope(ctx.session)
  const row = await repo.findCoachInScope(ctx.db, coachId, scope)
  if (row) return row
  // Outside a coach's own scope the answer is the same whether or not the record exists.
  if (scope.kind === 'own') throw refused()
  throw notFound('That coach')
}

function toAttendance(row: repo.AttendanceRow): Attendance {
  return {
    id: row.id,
    coachId: row.coach_id,
    trainingId: row.training_id,
    trainingName: row.training_name,
    approved: row.approved === 1,
    category: row.category,
    attendedOn: row.attended_on,
    hours: hoursOf(row.hours_qh),
    completed: row.completed === 1,
    note: row.note,
    recordedByName: row.recorded_by_name,
  }
}

/** Completed, approved quarter-hours by category, from the attendances the page lists anyway. */
function quartersByCategoryOf(rows: readonly repo.AttendanceRow[]): Map<string | null, number> {
  const byCategory = new Map<string | null, number>()
  for (const row of rows) {
    if (row.completed !== 1 || row.approved !== 1) continue
    byCategory.set(row.category, (byCategory.get(row.category) ?? 0) + row.hours_qh)
  }
  return byCategory
}

export async function loadLadderPage(ctx: SignedInContext, coach: repo.LadderCoachRow): Promise<LadderPage> {
  const db = ctx.db
  const nextStage = nextStageOf(coach.career_stage)
  const [stages, steps, attendances, set, today] = await Promise.all([
    listStageChanges(db, coach.id),
    repo.listStepsOf(db, coach.id),
    repo.listAttendancesOf(db, coach.id),
    nextStage ? repo.findSet(db, nextStage) : Promise.resolve(undefined),
    officeToday(ctx),
  ])
  const requirements = set ? await repo.listRequirements(db, set.id, { activeOnly: true }) : []
  const byCategory = quartersByCategoryOf(attendances)
  const stepsById = new Map(steps.map((step) => [step.requirement_id, step]))
  const progress = progressOf(requirements, byCategory, new Set(stepsById.keys()))
  const rows: RequirementProgress[] = requirements.map((r) => {
    const step = stepsById.get(r.id)
    const isHours = r.kind === 'training_hours'
    const quarters = isHours ? quartersToward(r, byCategory) : 0
    return {
      requirementId: r.id,
      kind: r.kind,
      label: r.label,
      category: r.category,
      hoursNeeded: isHours ? hoursOf(r.hours_needed_qh ?? 0) : null,
      hoursDone: isHours ? hoursOf(quarters) : null,
      done: isHours ? quarters >= (r.hours_needed_qh ?? 0) : Boolean(step),
      completedOn: step?.completed_on ?? null,
      confirmedByName: step?.confirmed_by_name ?? null,
    }
  })
  const { quartersDone: _done, quartersNeeded: _needed, ...shown } = progress
  return {
    coach: {
      id: coach.id,
      displayName: displayName(coach.legal_name, coach.preferred_name),
      startDate: coach.start_date,
      status: coach.status,
      careerStage: coach.career_stage,
      version: coach.version,
    },
    today,
    stageHistory: stages.map((s) => ({ stage: s.stage, changedOn: s.changed_on })),
    nextStage,
    requirements: rows,
    hasRequirementSet: requirements.length > 0,
    progress: shown,
    completedSteps: steps.map((s) => ({
      requirementId: s.requirement_id,
      label: s.label,
      kind: s.kind,
      stage: s.stage,
      completedOn: s.completed_on,
      confirmedByName: s.confirmed_by_name,
      note: s.note,
      retired: s.retired_at !== null,
    })),
    attendances: attendances.map(toAttendance),
    totalHours: hoursOf(attendances.reduce((sum, a) => sum + (a.completed === 1 ? a.hours_qh : 0), 0)),
  }
}

export async function coachLadder(ctx: SignedInContext, input: ParsedInput<'ladder.coach'>): Promise<LadderPage> {
  return loadLadderPage(ctx, await requireCoach(ctx, input.coachId))
}

export async function recordStep(ctx: SignedInContext, input: ParsedInput<'ladder.recordStep'>): Promise<LadderPage> {
  const coach = await requireCoach(ctx, input.coachId)
  const requirement = await repo.findRequirement(ctx.db, input.requirementId)
  if (!requirement) throw notFound('That requirement')
  if (requirement.retired_at !== null) {
    throw new AppError('invalid_input', 'That requirement was retired from its set.', {
      requirementId: 'Retired: choose a current requirement',
    })
  }
  if (requirement.kind === 'training_hours') {
    throw new AppError('invalid_input', 'Training hours come from attendances, not from a step.', {
      requirementId: 'Record the training attendance instead',
    })
  }
  if (STAGE_ORDER.indexOf(requirement.stage) <= STAGE_ORDER.indexOf(coach.career_stage)) {
    throw new AppError('invalid_input', 'That requirement is for a stage the coach has already reached.', {
      requirementId: 'Choose a requirement of a stage ahead of the coach',
    })
  }
  const steps = await repo.listStepsOf(ctx.db, coach.id)
  const already = steps.find((s) => s.requirement_id === requirement.id)
  if (already) {
    throw new AppError('invalid_input', 'That step is already recorded for this coach.', {
      requirementId: `Already recorded on ${already.completed_on}`,
    })
  }
  requireDateInCoachTime('completedOn', input.completedOn, await officeToday(ctx), coach.start_date, 'The step')
  await repo.insertStep(ctx.db, {
    coach_id: coach.id,
    requirement_id: requirement.id,
    completed_on: input.completedOn,
    confirmed_by: ctx.session.accountId,
    note: input.note,
    recorded_at: instant(ctx.clock),
  })
  return loadLadderPage(ctx, coach)
}

/**
 * Moving a coach up: one stage at a time, through the roster's own stage change (one history, one rule about dates
 * and versions). With something still missing it answers what, and moves only when the caller confirms.
 */
export async function advance(ctx: SignedInContext, input: ParsedInput<'ladder.advance'>): Promise<LadderPage> {
  const coach = await requireCoach(ctx, input.coachId)
  const next = nextStageOf(coach.career_stage)
  if (next === null) {
    throw new AppError('invalid_input', 'The coach is at the top of the ladder.', { toStage: 'No stage above this' })
  }
  if (input.toStage !== next) {
    throw new AppError('invalid_input', `A coach moves one stage at a time: next is ${CAREER_STAGES[next]}.`, {
      toStage: `Must be the next stage, ${CAREER_STAGES[next]}`,
    })
  }
  if (coach.version !== input.expectedVersion) {
    throw conflict('Someone else changed this coach since you opened it. Reload to see their changes, then try again.')
  }
  const page = await loadLadderPage(ctx, coach)
  if (page.progress.missing.length > 0 && !input.confirmMissing) {
    throw new AppError('invalid_input', `Still missing: ${page.progress.missing.join('; ')}.`, {
      confirmMissing: 'Something is still missing: confirm to move up anyway',
    })
  }
  await setCoachStage(ctx, {
    id: coach.id,
    expectedVersion: input.expectedVersion,
    stage: next,
    changedOn: input.changedOn,
  })
  return loadLadderPage(ctx, (await repo.findCoachInScope(ctx.db, coach.id, { kind: 'all' }))!)
}

// ---------------------------------------------------------------------------------------------------------------
// Requirement sets.

function toRequirementSet(stage: CareerStage, set: repo.SetRow | undefined, rows: RequirementRow[]): RequirementSet {
  return {
    id: set?.id ?? null,
    stage,
    version: set?.version ?? 0,
    updatedAt: set?.updated_at ?? null,
    updatedByName: set?.updated_by_name ?? null,
    requirements: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      label: r.label,
      hoursNeeded: r.hours_needed_qh === null ? null : hoursOf(r.hours_needed_qh),
      category: r.category,
      retiredAt: r.retired_at,
    })),
  }
}

/** Every stage a coach can move into, with its set (empty when none was made yet). */
export async function listRequirementSets(ctx: SignedInContext): Promise<RequirementSet[]> {
  const sets = await repo.listSets(ctx.db)
  const result: RequirementSet[] = []
  for (const stage of STAGE_ORDER.slice(1)) {
    const set = sets.find((s) => s.stage === stage)
    result.push(
      toRequirementSet(stage, set, set ? await repo.listRequirements(ctx.db, set.id, { activeOnly: false }) : []),
    )
  }
  return result
}

export async function saveRequirementSet(
  ctx: SignedInContext,
  input: ParsedInput<'requirements.save'>,
): Promise<RequirementSet> {
  if (input.stage === STAGE_ORDER[0]) {
    throw new AppError('invalid_input', 'Coaches start at the first stage: it has no requirements.', {
      stage: 'Choose a stage a coach moves up to',
    })
  }
  if (input.requirements.length === 0) {
    throw new AppError('invalid_input', 'A requirement set needs at least one requirement.', {
      requirements: 'Add at least one requirement',
    })
  }
  const now = instant(ctx.clock)
  const set = await repo.findSet(ctx.db, input.stage)
  if ((set?.version ?? 0) !== input.expectedVersion) {
    throw conflict(
      'Someone else changed these requirements since you opened them. Reload to see their changes, then try again.',
    )
  }
  const existing = set ? await repo.listRequirements(ctx.db, set.id, { activeOnly: true }) : []
  const byId = new Map(existing.map((r) => [r.id, r]))
  const labels = new Set<string>()
  const kept = new Set<number>()
  input.requirements.forEach((item, i) => {
    const folded = item.label.toLocaleLowerCase('en')
    if (labels.has(folded)) {
      throw new AppError('invalid_input', 'Two requirements have the same name.', {
        [`requirements.${i}.label`]: 'Each requirement once',
      })
    }
    labels.add(folded)
    if (item.id === undefined) return
    const current = byId.get(item.id)
    if (!current || kept.has(item.id)) {
      throw new AppError('invalid_input', 'That requirement is not a current one of this set.', {
        [`requirements.${i}.id`]: 'Not a current requirement of this set',
      })
    }
    if (current.kind !== item.kind) {
      throw new AppError('invalid_input', 'A requirement keeps its kind: retire it and add a new one.', {
        [`requirements.${i}.kind`]: 'A requirement keeps its kind',
      })
    }
    kept.add(item.id)
  })

  let setId: number
  if (set) {
    setId = set.id
    const written = await repo.updateSetIfVersion(ctx.db, set.id, input.expectedVersion, {
      updated_at: now,
      updated_by: ctx.session.accountId,
    })
    if (!written) throw conflict('Someone else changed these requirements at the same moment. Reload and try again.')
  } else {
    setId = await repo.insertSet(ctx.db, {
      stage: input.stage,
      version: 1,
      updated_at: now,
      updated_by: ctx.session.accountId,
    })
  }
  for (const [position, item] of input.requirements.entries()) {
    const values = {
      label: item.label,
      hours_needed_qh: item.kind === 'training_hours' ? quartersOf(item.hours!) : null,
      category: item.kind === 'training_hours' ? item.category : null,
      position,
    }
    if (item.id === undefined) {
      await repo.insertRequirement(ctx.db, { ...values, set_id: setId, kind: item.kind, created_at: now })
    } else {
      const current = byId.get(item.id)!
      const changed =
        current.label !== values.label ||
        current.hours_needed_qh !== values.hours_needed_qh ||
        current.category !== values.category ||
        current.position !== position
      if (changed) await repo.updateRequirement(ctx.db, item.id, values)
    }
  }
  // Left out means retired: the row stays, and so does every completion that points at it.
  await repo.retireRequirements(
    ctx.db,
    existing.filter((r) => !kept.has(r.id)).map((r) => r.id),
    now,
  )
  const saved = await repo.findSet(ctx.db, input.stage)
  return toRequirementSet(input.stage, saved, await repo.listRequirements(ctx.db, setId, { activeOnly: false }))
}

/** What a save changed, in words, for the audit trail (no labels: counts only). */
export function describeSetChange(before: RequirementSet | null, after: RequirementSet): string {
  const active = (set: RequirementSet | null) => (set?.requirements ?? []).filter((r) => r.retiredAt === null)
  const beforeIds = new Set(active(before).map((r) => r.id))
  const afterActive = active(after)
  const added = afterActive.filter((r) => !beforeIds.has(r.id)).length
  const retired = [...beforeIds].filter((id) => !afterActive.some((r) => r.id === id)).length
  const changed = afterActive.filter((r) => {
    const old = before?.requirements.find((b) => b.id === r.id)
    return old && (old.label !== r.label || old.hoursNeeded !== r.hoursNeeded || old.category !== r.category)
  }).length
  const parts = [
    added ? `${added} added` : '',
    changed ? `${changed} changed` : '',
    retired ? `${retired} retired` : '',
  ].filter(Boolean)
  return `Requirements for ${CAREER_STAGES[after.stage]}: ${parts.join(', ') || 'reordered'} (${afterActive.length} now)`
}

export async function requirementSetBefore(db: Db, stage: CareerStage): Promise<RequirementSet | null> {
  const set = await repo.findSet(db, stage)
  return set ? toRequirementSet(stage, set, await repo.listRequirements(db, set.id, { activeOnly: false })) : null
}

// ---------------------------------------------------------------------------------------------------------------
// Trainings and attendances.

function toTraining(row: repo.TrainingWithCountRow): Training {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    provider: row.provider,
    hours: hoursOf(row.hours_qh),
    approved: row.approved === 1,
    category: row.category,
    domains: JSON.parse(row.domains) as Domain[],
    attendees: Number(row.attendees),
  }
}

function trainingColumns(fields: ParsedInput<'trainings.create'>) {
  return {
    name: fields.name,
    provider: fields.provider,
    hours_qh: quartersOf(fields.hours),
    approved: fields.approved ? (1 as const) : (0 as const),
    category: fields.category,
    domains: JSON.stringify(fields.domains),
    sort_name: fields.name.toLocaleLowerCase('en'),
  }
}

async function loadTraining(db: Db, id: number): Promise<Training> {
  const row = await repo.findTraining(db, id)
  if (!row) throw notFound('That training')
  return toTraining(row)
}

export async function listTrainings(ctx: SignedInContext): Promise<Training[]> {
  return (await repo.listTrainings(ctx.db)).map(toTraining)
}

export async function createTraining(ctx: SignedInContext, input: ParsedInput<'trainings.create'>): Promise<Training> {
  const now = instant(ctx.clock)
  const id = await repo.insertTraining(ctx.db, {
    ...trainingColumns(input),
    version: 1,
    created_at: now,
    updated_at: now,
  })
  return loadTraining(ctx.db, id)
}

export async function updateTraining(ctx: SignedInContext, input: ParsedInput<'trainings.update'>): Promise<Training> {
  const current = await repo.findTraining(ctx.db, input.id)
  if (!current) throw notFound('That training')
  if (current.version !== input.expectedVersion) {
    throw conflict(
      'Someone else changed this training since you opened it. Reload to see their changes, then try again.',
    )
  }
  const written = await repo.updateTrainingIfVersion(ctx.db, input.id, input.expectedVersion, {
    ...trainingColumns(input.fields),
    updated_at: instant(ctx.clock),
  })
  if (!written) throw conflict('Someone else changed this training at the same moment. Reload and try again.')
  return loadTraining(ctx.db, input.id)
}

export async function recordAttendance(
  ctx: SignedInContext,
  input: ParsedInput<'trainings.attend'>,
): Promise<Attendance> {
  const coach = await requireCoach(ctx, input.coachId)
  const training = await repo.findTraining(ctx.db, input.trainingId)
  if (!training) throw notFound('That training')
  requireDateInCoachTime('attendedOn', input.attendedOn, await officeToday(ctx), coach.start_date, 'The attendance')
  const quarters = quartersOf(input.hours)
  if (quarters > training.hours_qh) {
    throw new AppError('invalid_input', 'That is more hours than the training has.', {
      hours: `Must be at most the training's ${hoursOf(training.hours_qh)} hours`,
    })
  }
  const already = await repo.quartersOnDay(ctx.db, coach.id, input.attendedOn)
  if (already + quarters > MAX_QUARTERS_A_DAY) {
    throw new AppError('invalid_input', 'That makes more than 24 hours of training on one day.', {
      hours: `At most ${hoursOf(MAX_QUARTERS_A_DAY - already)} more hours on ${input.attendedOn}`,
    })
  }
  const id = await repo.insertAttendance(ctx.db, {
    coach_id: coach.id,
    training_id: training.id,
    attended_on: input.attendedOn,
    hours_qh: quarters,
    completed: input.completed ? 1 : 0,
    note: input.note,
    recorded_by: ctx.session.accountId,
    recorded_at: instant(ctx.clock),
  })
  return toAttendance(await repo.findAttendance(ctx.db, id))
}

// ---------------------------------------------------------------------------------------------------------------
// The office view.

export async function officeLadder(ctx: SignedInContext): Promise<OfficeLadder> {
  const db = ctx.db
  const [coaches, requirements, hours, quarters, today] = await Promise.all([
    repo.currentCoaches(db, CURRENT_STATUSES),
    repo.activeRequirementsBySet(db),
    repo.approvedQuartersByCoachAndCategory(db, CURRENT_STATUSES),
    repo.quartersByQuarter(db),
    officeToday(ctx),
  ])
  const steps = await repo.stepsDoneAmong(
    db,
    requirements.filter((r) => r.kind !== 'training_hours').map((r) => r.id),
  )
  const requirementsByStage = new Map<CareerStage, typeof requirements>()
  for (const r of requirements) requirementsByStage.set(r.stage, [...(requirementsByStage.get(r.stage) ?? []), r])
  const hoursByCoach = new Map<number, Map<string | null, number>>()
  for (const row of hours) {
    const map = hoursByCoach.get(row.coach_id) ?? new Map<string | null, number>()
    map.set(row.category, Number(row.qh))
    hoursByCoach.set(row.coach_id, map)
  }
  const stepsByCoach = new Map<number, Set<number>>()
  for (const row of steps) {
    const set = stepsByCoach.get(row.coach_id) ?? new Set<number>()
    set.add(row.requirement_id)
    stepsByCoach.set(row.coach_id, set)
  }

  const counts = new Map<CareerStage, number>(STAGE_ORDER.map((s) => [s, 0]))
  const close: OfficeLadder['close'] = []
  const empty = new Map<string | null, number>()
  const none = new Set<number>()
  for (const coach of coaches) {
    counts.set(coach.career_stage, (counts.get(coach.career_stage) ?? 0) + 1)
    const next = nextStageOf(coach.career_stage)
    const set = next ? requirementsByStage.get(next) : undefined
    if (!next || !set) continue
    const p = progressOf(set, hoursByCoach.get(coach.id) ?? empty, stepsByCoach.get(coach.id) ?? none)
    const stepsMissing = p.stepsNeeded - p.stepsDone
    const share = p.quartersNeeded === 0 ? 1 : p.quartersDone / p.quartersNeeded
    if (share >= CLOSE_HOURS_SHARE && stepsMissing <= CLOSE_MAX_STEPS_MISSING) {
      close.push({
        coachId: coach.id,
        displayName: displayName(coach.legal_name, coach.preferred_name),
        stage: coach.career_stage,
        nextStage: next,
        hoursDone: p.hoursDone,
        hoursNeeded: p.hoursNeeded,
        stepsMissing,
        ready: p.missing.length === 0,
      })
    }
  }
  const remaining = (c: OfficeLadder['close'][number]) =>
    c.stepsMissing + (c.hoursNeeded === 0 ? 0 : 1 - c.hoursDone / c.hoursNeeded)
  close.sort((a, b) => remaining(a) - remaining(b) || a.displayName.localeCompare(b.displayName))
  return {
    today,
    stageCounts: STAGE_ORDER.map((stage) => ({ stage, count: counts.get(stage) ?? 0 })),
    close,
    hoursByQuarter: quarters.map((q) => ({
      quarter: q.quarter,
      approvedHours: hoursOf(Number(q.approved_qh)),
      allHours: hoursOf(Number(q.all_qh)),
    })),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Training evaluation.

/** The growth repository's packed scores (domain by domain, practice then own; '@' blank, 'A' for 1). */
function unpackScores(packed: string): Scores {
  let i = 0
  const scores = {} as Scores
  for (const domain of DOMAIN_KEYS) {
    const entry = {} as Scores[Domain]
    for (const track of TRACK_KEYS) {
      const value = packed.charCodeAt(i++) - 64
      entry[track] = value === 0 ? null : value
    }
    scores[domain] = entry
  }
  return scores
}

export async function evaluation(
  ctx: SignedInContext,
  input: ParsedInput<'trainings.evaluation'>,
): Promise<Evaluation> {
  const training = await repo.findTraining(ctx.db, input.trainingId)
  if (!training) throw notFound('That training')
  const attendees = await repo.attendeesOf(ctx.db, training.id)
  const ratings = await ratingsAround(
    ctx.db,
    attendees.map((a) => ({ coachId: a.coach_id, on: a.trained_on })),
    input.windowDays,
  )
  const result = evaluateTraining(
    attendees.map((a) => ({ coachId: a.coach_id, trainedOn: a.trained_on })),
    ratings.map((r) => ({
      coachId: r.coach_id,
      rater: r.rater,
      assessedOn: r.assessed_on,
      scores: unpackScores(r.scores),
    })),
    input.windowDays,
  )
  return {
    training: { id: training.id, name: training.name },
    windowDays: input.windowDays,
    ...result,
    minCoaches: MIN_COACHES_FOR_A_FIGURE,
    disclaimer: EVALUATION_DISCLAIMER,
  }
}
