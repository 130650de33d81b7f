import { z } from 'zod'
import { type ChannelSpec } from '../api/spec'
import { Id, IsoDate, IsoInstant, enumOf, isoDate, optionalText, requiredText } from './common'
import { CAREER_STAGES, CareerStage, CoachStatus } from './roster'
import { Domain, Rater, Track } from './growth'

/**
 * The career ladder's requirements, trainings and what they change. Requirements are data a supervisor keeps (they
 * differ by state and office); hours are stored as whole quarter-hours so sums never drift.
 */

export const STAGE_ORDER = Object.keys(CAREER_STAGES) as CareerStage[]

/** The stage after `stage`, or null at the top of the ladder. */
export function nextStageOf(stage: CareerStage): CareerStage | null {
  return STAGE_ORDER[STAGE_ORDER.indexOf(stage) + 1] ?? null
}

export const REQUIREMENT_KINDS = {
  training_hours: 'Hours of approved training',
  document_or_step: 'A document or step to complete',
  interview_or_signoff: 'An interview or sign-off',
} as const
export type RequirementKind = keyof typeof REQUIREMENT_KINDS
export const RequirementKind = enumOf(REQUIREMENT_KINDS, 'Choose training hours, a document or step, or an interview')

export const QUARTERS_PER_HOUR = 4
/** The most a coach can train in one day, in quarter-hours. */
export const MAX_QUARTERS_A_DAY = 24 * QUARTERS_PER_HOUR

/** Quarter-hours as hours, for display: 250 -> 62.5. */
export const hoursOf = (quarters: number) => quarters / QUARTERS_PER_HOUR
/** Hours as whole quarter-hours; only called on values the Hours schema passed. */
export const quartersOf = (hours: number) => Math.round(hours * QUARTERS_PER_HOUR)

const isQuarter = (hours: number) => Math.abs(hours * QUARTERS_PER_HOUR - Math.round(hours * QUARTERS_PER_HOUR)) < 1e-9

/** Hours typed by a person: positive, in quarters of an hour, at most `max`. */
export function hoursField(label: string, max: number) {
  return z
    .number({ error: `${label} must be a number of hours` })
    .positive(`${label} must be more than 0`)
    .max(max, `${label} must be at most ${max}`)
    .refine(isQuarter, `${label} must be in quarters of an hour (such as 1.25 or 7.5)`)
}

/** A close coach: at least this share of the hours done and at most this many steps missing. */
export const CLOSE_HOURS_SHARE = 0.75
export const CLOSE_MAX_STEPS_MISSING = 1

/** The evaluation's default window after a training, in days, and the fewest coaches a figure should rest on. */
export const DEFAULT_EVALUATION_WINDOW_DAYS = 180
export const MIN_COACHES_FOR_A_FIGURE = 5

export const EVALUATION_DISCLAIMER =
  'A reflective aid, not a trial. These figures compare the ratings of the coaches who attended, before and after; ' +
  'they do not show that the training caused any change. Coaches chose or were chosen to attend, other things happened ' +
  'in the same months, and ratings are reflective development tools, not validated clinical instruments.'

// ---------------------------------------------------------------------------------------------------------------
// Requirement sets.

const Category = optionalText('Category', 80)

export const RequirementInput = z
  .strictObject({
    /** An existing requirement of the set; absent for a new one. */
    id: Id.optional(),
    kind: RequirementKind,
    label: requiredText('Requirement', 200),
    /** training_hours only: hours needed. */
    hours: hoursField('Hours needed', 2000).nullish(),
    /** training_hours only: count only trainings of this category (blank: every approved training). */
    category: Category,
  })
  .superRefine((value, context) => {
    if (value.kind === 'training_hours' && (value.hours === null || value.hours === undefined)) {
      context.addIssue({ code: 'custom', path: ['hours'], message: 'Hours needed is required for training hours' })
    }
    if (value.kind !== 'training_hours' && value.hours != null) {
      context.addIssue({ code: 'custom', path: ['hours'], message: 'Only training hours have hours needed' })
    }
    if (value.kind !== 'training_hours' && value.category) {
      context.addIssue({ code: 'custom', path: ['category'], message: 'Only training hours have a category' })
    }
  })
export type RequirementInput = z.input<typeof RequirementInput>

export const RequirementSetSaveInput = z.strictObject({
  stage: CareerStage,
  /** The set's version the editor started from; 0 when the stage had no set yet. */
  expectedVersion: z.number().int().min(0),
  /** The set's requirements as they should now be: one left out is retired (kept for who completed it). */
  requirements: z.array(RequirementInput).max(50, 'At most 50 requirements'),
})
export type RequirementSetSaveInput = z.input<typeof RequirementSetSaveInput>

export const Requirement = z.object({
  id: Id,
  kind: RequirementKind,
  label: z.string(),
  hoursNeeded: z.number().nullable(),
  category: z.string().nullable(),
  retiredAt: IsoInstant.nullable(),
})
export type Requirement = z.infer<typeof Requirement>

export const RequirementSet = z.object({
  /** Null while the stage has no set. */
  id: Id.nullable(),
  stage: CareerStage,
  /** 0 while the stage has no set. */
  version: z.number().int(),
  updatedAt: IsoInstant.nullable(),
  updatedByName: z.string().nullable(),
  /** Active requirements first, in their order; then the retired ones. */
  requirements: z.array(Requirement),
})
export type RequirementSet = z.infer<typeof RequirementSet>

// ---------------------------------------------------------------------------------------------------------------
// Trainings and attendances.

export const TrainingFields = z.strictObject({
  name: requiredText('Name', 200),
  provider: optionalText('Provider', 200),
  hours: hoursField('Hours', 500),
  approved: z.boolean(),
  /** Which training-hours requirements it counts toward: those with this category, or with none. */
  category: Category,
  domains: z
    .array(Domain)
    .max(8)
    .refine((list) => new Set(list).size === list.length, 'Each domain once')
    .default([]),
})
export type TrainingFields = z.output<typeof TrainingFields>
export type TrainingFieldsInput = z.input<typeof TrainingFields>

export const TrainingUpdateInput = z.strictObject({
  id: Id,
  expectedVersion: z.number().int().positive(),
  fields: TrainingFields,
})

export const Training = z.object({
  id: Id,
  version: z.number().int(),
  name: z.string(),
  provider: z.string().nullable(),
  hours: z.number(),
  approved: z.boolean(),
  category: z.string().nullable(),
  domains: z.array(Domain),
  attendees: z.number().int(),
})
export type Training = z.infer<typeof Training>

export const AttendanceInput = z.strictObject({
  coachId: Id,
  trainingId: Id,
  attendedOn: isoDate('Date attended'),
  hours: hoursField('Hours', 24),
  completed: z.boolean(),
  note: optionalText('Note', 500),
})
export type AttendanceInput = z.input<typeof AttendanceInput>

export const Attendance = z.object({
  id: Id,
  coachId: Id,
  trainingId: Id,
  trainingName: z.string(),
  approved: z.boolean(),
  category: z.string().nullable(),
  attendedOn: IsoDate,
  hours: z.number(),
  completed: z.boolean(),
  note: z.string().nullable(),
  recordedByName: z.string().nullable(),
})
export type Attendance = z.infer<typeof Attendance>

// ---------------------------------------------------------------------------------------------------------------
// A coach's ladder page, steps and moving up.

export const StepInput = z.strictObject({
  coachId: Id,
  requirementId: Id,
  completedOn: isoDate('Date completed'),
  note: optionalText('Note', 500),
})
export type StepInput = z.input<typeof StepInput>

export const RequirementProgress = z.object({
  requirementId: Id,
  kind: RequirementKind,
  label: z.string(),
  category: z.string().nullable(),
  /** training_hours: hours needed and done (done may pass needed); null for steps. */
  hoursNeeded: z.number().nullable(),
  hoursDone: z.number().nullable(),
  done: z.boolean(),
  completedOn: IsoDate.nullable(),
  confirmedByName: z.string().nullable(),
})
export type RequirementProgress = z.infer<typeof RequirementProgress>

export const CompletedStep = z.object({
  requirementId: Id,
  label: z.string(),
  kind: RequirementKind,
  stage: CareerStage,
  completedOn: IsoDate,
  confirmedByName: z.string().nullable(),
  note: z.string().nullable(),
  /** The requirement was retired from its set since: kept here, no longer counted. */
  retired: z.boolean(),
})

export const Progress = z.object({
  /** Hours counted toward the hours requirements, each capped at what it needs; and their total needed. */
  hoursDone: z.number(),
  hoursNeeded: z.number(),
  stepsDone: z.number().int(),
  stepsNeeded: z.number().int(),
  /** What is still missing, in words; empty when every requirement is met. */
  missing: z.array(z.string()),
})
export type Progress = z.infer<typeof Progress>

export const LadderPage = z.object({
  coach: z.object({
    id: Id,
    displayName: z.string(),
    startDate: IsoDate,
    status: CoachStatus,
    careerStage: CareerStage,
    /** The roster record's version, for moving up. */
    version: z.number().int(),
  }),
  today: IsoDate,
  stageHistory: z.array(z.object({ stage: CareerStage, changedOn: IsoDate })),
  nextStage: CareerStage.nullable(),
  /** The next stage's active requirements with the coach's progress; empty when the stage has no set. */
  requirements: z.array(RequirementProgress),
  /** Whether the next stage has a requirement set at all. */
  hasRequirementSet: z.boolean(),
  progress: Progress,
  /** Every step the coach completed, at any stage, retired requirements included. */
  completedSteps: z.array(CompletedStep),
  attendances: z.array(Attendance),
  totalHours: z.number(),
})
export type LadderPage = z.infer<typeof LadderPage>

export const AdvanceInput = z.strictObject({
  coachId: Id,
  expectedVersion: z.number().int().positive(),
  /** The stage asked for: it must be the next one (no skipping). */
  toStage: CareerStage,
  changedOn: isoDate('Date of the change'),
  /** Move up although something is missing: the person saw the list and confirmed. */
  confirmMissing: z.boolean().default(false),
})
export type AdvanceInput = z.input<typeof AdvanceInput>

// ---------------------------------------------------------------------------------------------------------------
// The office view.

export const OfficeLadder = z.object({
  today: IsoDate,
  /** Current coaches (active and on leave) per stage, in ladder order. */
  stageCounts: z.array(z.object({ stage: CareerStage, count: z.number().int() })),
  /** Coaches close to their next stage (or ready for it), closest first. */
  close: z.array(
    z.object({
      coachId: Id,
      displayName: z.string(),
      stage: CareerStage,
      nextStage: CareerStage,
      hoursDone: z.number(),
      hoursNeeded: z.number(),
      stepsMissing: z.number().int(),
      ready: z.boolean(),
    }),
  ),
  /** Completed training hours per quarter (`2026-Q3`), approved and all, oldest first. */
  hoursByQuarter: z.array(z.object({ quarter: z.string(), approvedHours: z.number(), allHours: z.number() })),
})
export type OfficeLadder = z.infer<typeof OfficeLadder>

// ---------------------------------------------------------------------------------------------------------------
// Training evaluation.

export const EvaluationInput = z.strictObject({
  trainingId: Id,
  windowDays: z
    .number({ error: 'Window must be a number of days' })
    .int('Window must be a whole number of days')
    .min(14, 'Window must be at least 14 days')
    .max(730, 'Window must be at most 730 days')
    .default(DEFAULT_EVALUATION_WINDOW_DAYS),
})
export type EvaluationInput = z.input<typeof EvaluationInput>

export const EvaluationFigure = z.object({
  domain: Domain,
  track: Track,
  rater: Rater,
  /** Coaches with a score both before and after. */
  n: z.number().int(),
  meanBefore: z.number().nullable(),
  meanAfter: z.number().nullable(),
  meanChange: z.number().nullable(),
  tooFew: z.boolean(),
})
export type EvaluationFigure = z.infer<typeof EvaluationFigure>

export const Evaluation = z.object({
  training: z.object({ id: Id, name: z.string() }),
  windowDays: z.number().int(),
  attendees: z.number().int(),
  /** Per kind of rating: attendees with a completed rating before, and with one after within the window. */
  coverage: z.array(z.object({ rater: Rater, withBefore: z.number().int(), withBoth: z.number().int() })),
  figures: z.array(EvaluationFigure),
  minCoaches: z.number().int(),
  disclaimer: z.string(),
})
export type Evaluation = z.infer<typeof Evaluation>

/** The ladder's channels: `ladder.*` (pages and moving up), `requirements.*`, `trainings.*`. */
export const ladderChannels = {
  'ladder.coach': { input: z.strictObject({ coachId: Id }), output: LadderPage },
  'ladder.office': { input: z.strictObject({}), output: OfficeLadder },
  'ladder.recordStep': { input: StepInput, output: LadderPage },
  'ladder.advance': { input: AdvanceInput, output: LadderPage },
  'requirements.list': { input: z.strictObject({}), output: z.array(RequirementSet) },
  'requirements.save': { input: RequirementSetSaveInput, output: RequirementSet },
  'trainings.list': { input: z.strictObject({}), output: z.array(Training) },
  'trainings.create': { input: TrainingFields, output: Training },
  'trainings.update': { input: TrainingUpdateInput, output: Training },
  'trainings.attend': { input: AttendanceInput, output: Attendance },
  'trainings.evaluation': { input: EvaluationInput, output: Evaluation },
} as const satisfies Record<string, ChannelSpec>
