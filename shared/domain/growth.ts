import { z } from 'zod'
import { type ChannelSpec } from '../api/spec'
import { Id, IsoDate, IsoInstant, enumOf, isoDate, optionalText, requiredText } from './common'
import { CoachStatus } from './roster'

/** The growth model's eight domains (Best, Casteel, Smith, Patton 2022): three of recovery capital, five of CHIME. */
export const DOMAINS = {
  personal: 'Personal recovery capital',
  social: 'Social recovery capital',
  community: 'Community recovery capital',
  connectedness: 'Connectedness',
  hope: 'Hope',
  identity: 'Identity',
  meaning: 'Meaning',
  empowerment: 'Empowerment',
} as const
export type Domain = keyof typeof DOMAINS
export const Domain = enumOf(DOMAINS, 'Choose one of the eight domains')
export const DOMAIN_KEYS = Object.keys(DOMAINS) as Domain[]

/** Short labels for narrow places (chart titles, grid rows on a small window). */
export const DOMAIN_SHORT_LABELS: Record<Domain, string> = {
  personal: 'Personal',
  social: 'Social',
  community: 'Community',
  connectedness: 'Connectedness',
  hope: 'Hope',
  identity: 'Identity',
  meaning: 'Meaning',
  empowerment: 'Empowerment',
}

/** The twin track: never merged into one number. */
export const TRACKS = {
  practice: 'Practice',
  own: 'Own recovery',
} as const
export type Track = keyof typeof TRACKS
export const Track = enumOf(TRACKS, 'Choose the practice or the own track')
export const TRACK_KEYS = Object.keys(TRACKS) as Track[]

export const TRACK_DESCRIPTIONS: Record<Track, string> = {
  practice: 'How well the coach builds this kind of capital with the people they support',
  own: "The coach's own recovery capital and wellbeing in this domain",
}

/** What each domain asks, per track: shown beside the score being entered. */
export const DOMAIN_QUESTIONS: Record<Domain, Record<Track, string>> = {
  personal: {
    practice: 'How well do you use empathy, relationship building and peer skills with the people you support?',
    own: 'How strong are your own internal resources: your skills, qualities and sense of self?',
  },
  social: {
    practice: 'How well do you engage prosocial groups and people to support someone in recovery?',
    own: 'How strong and supportive is your own social network?',
  },
  community: {
    practice: 'How well do you know local community assets and link people into them?',
    own: 'How well do the community and its activities support your own life and wellbeing?',
  },
  connectedness: {
    practice: 'How well are you a key connection, with bridges to groups and networks, for the people you support?',
    own: 'How connected do you feel to people and groups who support your recovery?',
  },
  hope: {
    practice: 'How well does your work pass on the belief that "you can have what I have got"?',
    own: 'How hopeful do you feel about your own recovery and future?',
  },
  identity: {
    practice: 'How well do you help people build many positive identities and group memberships?',
    own: 'How strong and positive is your own sense of who you are, beyond a "user" identity?',
  },
  meaning: {
    practice: 'How well do you support people into meaningful activity: work, learning, volunteering, faith, sport?',
    own: 'How much meaning and purpose do your own activities give you?',
  },
  empowerment: {
    practice: 'How well do you help people move from "we can" to "I can"?',
    own: 'How strong are your own self-esteem and self-efficacy?',
  },
}

/** Who rated: the coach themself, or a supervisor. Shown side by side, never averaged together. */
export const RATERS = {
  self: 'Self',
  supervisor: 'Supervisor',
} as const
export type Rater = keyof typeof RATERS
export const Rater = enumOf(RATERS, 'Choose self or supervisor')

export const ASSESSMENT_STATUSES = {
  draft: 'Draft',
  completed: 'Completed',
} as const
export type AssessmentStatus = keyof typeof ASSESSMENT_STATUSES
export const AssessmentStatus = enumOf(ASSESSMENT_STATUSES)

export const MIN_SCORE = 1
export const MAX_SCORE = 10

/** DOMAIN.md's bands for display, lowest first. */
export const BANDS = [
  { min: 1, max: 2, label: 'Needs significant support' },
  { min: 3, max: 4, label: 'Building' },
  { min: 5, max: 6, label: 'Developing' },
  { min: 7, max: 8, label: 'Established' },
  { min: 9, max: 10, label: 'Can teach others' },
] as const

/** The band word of a score, or null for a blank or a value off the scale. */
export function bandOf(score: number | null | undefined): string | null {
  if (score === null || score === undefined || !Number.isInteger(score)) return null
  return BANDS.find((band) => score >= band.min && score <= band.max)?.label ?? null
}

/** Shown wherever ratings are shown. */
export const DISCLAIMER =
  'These ratings are a reflective development tool for conversations between a coach and their supervisor. They are not a validated clinical instrument and must not be used as one.'

/** Self and supervisor ratings this far apart in the same period are shown as a disagreement, not averaged away. */
export const DISAGREEMENT_THRESHOLD = 3

/** How long without a supervisor's rating before the team view lists a coach as not assessed. */
export const NOT_ASSESSED_DAYS = 90

// ---------------------------------------------------------------------------------------------------------------
// Scores and notes: one entry per domain, and per track for scores.

/** A score: a whole number from 1 to 10, or blank (null). */
export const Score = z
  .number({ error: 'A score is a whole number from 1 to 10, or blank' })
  .int('A score is a whole number from 1 to 10')
  .min(MIN_SCORE, 'A score is at least 1')
  .max(MAX_SCORE, 'A score is at most 10')
  .nullable()

export type TrackScores = Record<Track, number | null>
export type Scores = Record<Domain, TrackScores>
export type DomainNotes = Record<Domain, string | null>

/** The same schema for each of the eight domains, written out so the keys stay typed. */
function byDomain<T extends z.ZodType>(schema: T) {
  return z.strictObject({
    personal: schema,
    social: schema,
    community: schema,
    connectedness: schema,
    hope: schema,
    identity: schema,
    meaning: schema,
    empowerment: schema,
  })
}

const TrackScoresInput = z
  .strictObject({ practice: Score.optional(), own: Score.optional() })
  .transform((t): TrackScores => ({ practice: t.practice ?? null, own: t.own ?? null }))

/** Up to sixteen scores; a domain or track left out is blank. Unknown domains or tracks are refused. */
export const ScoresInput = byDomain(TrackScoresInput.optional()).transform(
  (given): Scores =>
    Object.fromEntries(DOMAIN_KEYS.map((d) => [d, given[d] ?? { practice: null, own: null }])) as Scores,
)

export const DomainNotesInput = byDomain(optionalText('Note', 2000).optional()).transform(
  (given): DomainNotes => Object.fromEntries(DOMAIN_KEYS.map((d) => [d, given[d] ?? null])) as DomainNotes,
)

export const ScoresSchema = byDomain(z.object({ practice: Score, own: Score }))
export const DomainNotesSchema = byDomain(z.string().nullable())

export const emptyScores = (): Scores =>
  Object.fromEntries(DOMAIN_KEYS.map((d) => [d, { practice: null, own: null }])) as Scores

export const countScores = (scores: Scores): number =>
  DOMAIN_KEYS.reduce((n, d) => n + (scores[d].practice !== null ? 1 : 0) + (scores[d].own !== null ? 1 : 0), 0)

// ---------------------------------------------------------------------------------------------------------------
// Assessments.

/** What a person fills in on an assessment (a draft's autosave sends all of it). */
export const AssessmentFields = z.strictObject({
  assessedOn: isoDate('Date of the assessment'),
  // prefault, not default: the empty object still goes through the transform that fills in the blanks.
  scores: ScoresInput.prefault({}),
  notes: DomainNotesInput.prefault({}),
  overallNote: optionalText('Overall note', 4000),
})
export type AssessmentFieldsInput = z.input<typeof AssessmentFields>
export type AssessmentFields = z.output<typeof AssessmentFields>

/** A new draft. Who rated follows from the caller: a coach rates themself, a supervisor rates a coach. */
export const AssessmentCreateInput = AssessmentFields.extend({ coachId: Id })
export type AssessmentCreateInput = z.input<typeof AssessmentCreateInput>

const ExpectedVersion = z.number().int().positive()

/** A draft's autosave: refused when someone saved since `expectedVersion`. */
export const AssessmentUpdateInput = z.strictObject({
  id: Id,
  expectedVersion: ExpectedVersion,
  fields: AssessmentFields,
})
export const AssessmentVersionInput = z.strictObject({ id: Id, expectedVersion: ExpectedVersion })

/** A correction of a completed assessment: a new, completed version that keeps the old one and says why. */
export const AssessmentAmendInput = z.strictObject({
  id: Id,
  reason: requiredText('Reason for the amendment', 500),
  fields: AssessmentFields,
})
export type AssessmentAmendInput = z.input<typeof AssessmentAmendInput>

export const AssessmentSummary = z.object({
  id: Id,
  version: z.number().int(),
  coachId: Id,
  rater: Rater,
  /** Who wrote this version; null for a self-rating recorded before the coach had an account. */
  raterName: z.string().nullable(),
  assessedOn: IsoDate,
  status: AssessmentStatus,
  scores: ScoresSchema,
  /** 1 for the first version; an amendment counts up. */
  revision: z.number().int().positive(),
  /** The version this one corrects, and the newer version that corrects this one. */
  amendsId: Id.nullable(),
  supersededById: Id.nullable(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  completedAt: IsoInstant.nullable(),
  /** The viewer may edit and complete it (their own draft), or amend it (a current completed one of their kind). */
  mayEdit: z.boolean(),
  mayAmend: z.boolean(),
})
export type AssessmentSummary = z.infer<typeof AssessmentSummary>

export const AssessmentVersion = z.object({
  id: Id,
  revision: z.number().int().positive(),
  assessedOn: IsoDate,
  authorName: z.string().nullable(),
  /** When this version was completed (amendments are completed as they are made). */
  at: IsoInstant,
  reason: z.string().nullable(),
  current: z.boolean(),
})
export type AssessmentVersion = z.infer<typeof AssessmentVersion>

export const Assessment = AssessmentSummary.extend({
  coachName: z.string(),
  notes: DomainNotesSchema,
  overallNote: z.string().nullable(),
  amendmentReason: z.string().nullable(),
  /** Every version of this assessment, first first (just this one while it was never amended). */
  history: z.array(AssessmentVersion),
})
export type Assessment = z.infer<typeof Assessment>

// ---------------------------------------------------------------------------------------------------------------
// Development goals.

export const GOAL_STATUSES = {
  open: 'Open',
  achieved: 'Achieved',
  dropped: 'Dropped',
} as const
export type GoalStatus = keyof typeof GOAL_STATUSES
export const GoalStatus = enumOf(GOAL_STATUSES, 'Choose open, achieved or dropped')

export const GoalCreateInput = z.strictObject({
  coachId: Id,
  domain: Domain,
  track: Track,
  description: requiredText('Description', 500),
  targetDate: isoDate('Target date'),
})
export type GoalCreateInput = z.input<typeof GoalCreateInput>

export const GoalUpdateInput = z.strictObject({
  id: Id,
  expectedVersion: ExpectedVersion,
  description: requiredText('Description', 500),
  targetDate: isoDate('Target date'),
  status: GoalStatus,
})
export type GoalUpdateInput = z.input<typeof GoalUpdateInput>

export const Goal = z.object({
  id: Id,
  version: z.number().int(),
  coachId: Id,
  domain: Domain,
  track: Track,
  description: z.string(),
  targetDate: IsoDate,
  status: GoalStatus,
  /** The day the status last changed (the day it was set, for an open goal). */
  statusChangedOn: IsoDate,
  createdByName: z.string().nullable(),
  createdAt: IsoInstant,
  mayEdit: z.boolean(),
})
export type Goal = z.infer<typeof Goal>

// ---------------------------------------------------------------------------------------------------------------
// A coach's growth page, the report, and the team view.

export const CoachRef = z.object({
  id: Id,
  displayName: z.string(),
  startDate: IsoDate,
  status: CoachStatus,
})
export type CoachRef = z.infer<typeof CoachRef>

export const CoachGrowthInput = z.strictObject({ coachId: Id })

export const CoachGrowth = z.object({
  coach: CoachRef,
  /** The office's today, for a new assessment's default date and the goals' target dates. */
  today: IsoDate,
  /** The kind of rating the viewer makes: self for the coach, supervisor for a supervisor. */
  viewerRater: Rater,
  /** Every assessment of the coach the viewer may see, current versions only, oldest first. */
  assessments: z.array(AssessmentSummary),
  goals: z.array(Goal),
})
export type CoachGrowth = z.infer<typeof CoachGrowth>

export const ReportNotes = z.object({
  assessmentId: Id,
  rater: Rater,
  assessedOn: IsoDate,
  raterName: z.string().nullable(),
  notes: DomainNotesSchema,
  overallNote: z.string().nullable(),
})
export type ReportNotes = z.infer<typeof ReportNotes>

export const GrowthReport = z.object({
  officeName: z.string(),
  generatedOn: IsoDate,
  coach: CoachRef,
  /** Completed, current assessments only: a report shows no drafts. */
  assessments: z.array(AssessmentSummary),
  /** The latest completed self and supervisor notes the viewer may see. */
  latestNotes: z.array(ReportNotes),
  openGoals: z.array(Goal),
})
export type GrowthReport = z.infer<typeof GrowthReport>

export const TEAM_SCOPES = {
  mine: 'My coaches',
  everyone: 'Everyone',
} as const
export type TeamScope = keyof typeof TEAM_SCOPES

export const TEAM_COACH_FILTERS = {
  current: 'Current coaches (active and on leave)',
  all: 'Everyone, including those who have left',
} as const
export type TeamCoachFilter = keyof typeof TEAM_COACH_FILTERS

export const TeamGrowthInput = z.strictObject({
  scope: enumOf(TEAM_SCOPES).default('mine'),
  coaches: enumOf(TEAM_COACH_FILTERS).default('current'),
  rater: Rater.default('supervisor'),
})
export type TeamGrowthInput = z.input<typeof TeamGrowthInput>

/** One domain and track in one quarter, over each coach's latest rating in that quarter. */
export const TeamCell = z.object({
  /** Coaches with a score here (blanks are not counted). */
  n: z.number().int(),
  mean: z.number().nullable(),
  min: z.number().int().nullable(),
  max: z.number().int().nullable(),
  /** Standard deviation across the coaches (population). */
  sd: z.number().nullable(),
})
export type TeamCell = z.infer<typeof TeamCell>

export const TeamQuarter = z.object({
  /** `2026-Q3`. */
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
  /** Coaches with a rating in the quarter. */
  coaches: z.number().int(),
  cells: byDomain(z.object({ practice: TeamCell, own: TeamCell })),
})
export type TeamQuarter = z.infer<typeof TeamQuarter>

export const NotAssessedCoach = z.object({
  coachId: Id,
  displayName: z.string(),
  status: CoachStatus,
  lastSupervisorOn: IsoDate.nullable(),
  lastSelfOn: IsoDate.nullable(),
})
export type NotAssessedCoach = z.infer<typeof NotAssessedCoach>

export const TeamGrowth = z.object({
  today: IsoDate,
  /** The coaches the filters chose. */
  coachCount: z.number().int(),
  quarters: z.array(TeamQuarter),
  /** Chosen coaches without a supervisor's rating in the last NOT_ASSESSED_DAYS days, longest first. */
  notAssessed: z.array(NotAssessedCoach),
})
export type TeamGrowth = z.infer<typeof TeamGrowth>

/** The growth channels of the contract: assessments, development goals, and the pages built on them. */
export const growthChannels = {
  'assessments.get': { input: z.strictObject({ id: Id }), output: Assessment },
  'assessments.create': { input: AssessmentCreateInput, output: Assessment },
  'assessments.update': { input: AssessmentUpdateInput, output: Assessment },
  'assessments.complete': { input: AssessmentVersionInput, output: Assessment },
  'assessments.discard': { input: AssessmentVersionInput, output: z.object({ id: Id }) },
  'assessments.amend': { input: AssessmentAmendInput, output: Assessment },
  'goals.create': { input: GoalCreateInput, output: Goal },
  'goals.update': { input: GoalUpdateInput, output: Goal },
  'growth.coach': { input: CoachGrowthInput, output: CoachGrowth },
  'growth.report': { input: CoachGrowthInput, output: GrowthReport },
  'growth.team': { input: TeamGrowthInput, output: TeamGrowth },
} as const satisfies Record<string, ChannelSpec>
