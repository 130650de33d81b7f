import { z } from 'zod'
import { NoInput, type ChannelSpec } from '../api/spec'
import {
  Id,
  IsoDate,
  IsoInstant,
  isoDate,
  optionalEmail,
  optionalPhone,
  optionalText,
  requiredText,
  enumOf,
} from './common'
import { CoachTitle } from './settings'

export const COACH_STATUSES = {
  active: 'Active',
  on_leave: 'On leave',
  left: 'Left (archived)',
} as const
export type CoachStatus = keyof typeof COACH_STATUSES
export const CoachStatus = enumOf(COACH_STATUSES, 'Choose active, on leave or left')

export const EMPLOYMENT_TYPES = {
  volunteer: 'Volunteer',
  part_time: 'Part time',
  full_time: 'Full time',
} as const
export type EmploymentType = keyof typeof EMPLOYMENT_TYPES
export const EmploymentType = enumOf(EMPLOYMENT_TYPES, 'Choose volunteer, part time or full time')

/** The dispatch model's career ladder, in order. */
export const CAREER_STAGES = {
  receiving_support: 'Receiving support',
  volunteering: 'Volunteering',
  training: 'Training',
  rcp: 'Recovery Coach Professional (RCP)',
  employment: 'Employment',
} as const
export type CareerStage = keyof typeof CAREER_STAGES
export const CareerStage = enumOf(CAREER_STAGES, 'Choose a stage on the career ladder')

/** The settings a coach can work in: the partner types of the dispatch model, plus the community. */
export const WORK_SETTINGS = {
  emergency_department: 'Emergency department',
  hospital: 'Hospital',
  police: 'Police',
  fire: 'Fire station',
  prison_jail: 'Prison or jail',
  drug_court: 'Drug court',
  treatment_centre: 'Treatment centre',
  managed_care: 'Managed-care organisation',
  community: 'Community',
} as const
export type WorkSetting = keyof typeof WORK_SETTINGS
export const WorkSetting = enumOf(WORK_SETTINGS, 'Choose a listed setting')

/** The fields a coordinator or supervisor edits on the coach form. */
export const CoachFields = z.strictObject({
  legalName: requiredText('Legal name', 200),
  preferredName: optionalText('Preferred name', 200),
  pronouns: optionalText('Pronouns', 50),
  email: optionalEmail,
  phone: optionalPhone,
  startDate: isoDate('Start date'),
  employment: EmploymentType,
  title: CoachTitle,
  /** The coach's supervisor: a supervisor's account. */
  supervisorAccountId: Id.nullish().transform((value) => value ?? null),
  supervisionCadenceDays: z
    .number({ error: 'Cadence must be a number of days' })
    .int('Cadence must be a whole number of days')
    .min(1, 'Cadence must be at least 1 day')
    .max(365, 'Cadence must be at most 365 days'),
  workSettings: z
    .array(WorkSetting)
    .max(20)
    .refine((list) => new Set(list).size === list.length, 'Each setting once')
    .default([]),
  languages: z
    .array(requiredText('Language', 50))
    .max(20, 'At most 20 languages')
    .refine((list) => new Set(list.map((l) => l.toLowerCase())).size === list.length, 'Each language once')
    .default([]),
})
export type CoachFields = z.output<typeof CoachFields>
export type CoachFieldsInput = z.input<typeof CoachFields>

export const CoachCreateInput = CoachFields.extend({
  status: CoachStatus.default('active'),
  careerStage: CareerStage,
})
export type CoachCreateInput = z.input<typeof CoachCreateInput>

export const CoachUpdateInput = z.strictObject({
  id: Id,
  /** The version the editor started from; a newer one on disk means someone else saved first. */
  expectedVersion: z.number().int().positive(),
  fields: CoachFields,
})

export const CoachStatusInput = z.strictObject({
  id: Id,
  expectedVersion: z.number().int().positive(),
  status: CoachStatus,
  effectiveOn: isoDate('Effective date'),
  note: optionalText('Note', 500),
})

export const CoachStageInput = z.strictObject({
  id: Id,
  expectedVersion: z.number().int().positive(),
  stage: CareerStage,
  changedOn: isoDate('Date of the change'),
})

export const StatusChange = z.object({
  status: CoachStatus,
  effectiveOn: IsoDate,
  note: z.string().nullable(),
  recordedAt: IsoInstant,
})
export const StageChange = z.object({
  stage: CareerStage,
  changedOn: IsoDate,
  recordedAt: IsoInstant,
})

export const Coach = z.object({
  id: Id,
  version: z.number().int(),
  legalName: z.string(),
  preferredName: z.string().nullable(),
  displayName: z.string(),
  pronouns: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  startDate: IsoDate,
  status: CoachStatus,
  employment: EmploymentType,
  title: CoachTitle,
  supervisorAccountId: Id.nullable(),
  /** The supervisor's name as their account has it today. */
  supervisorName: z.string().nullable(),
  /** False once the linked account is no longer an active supervisor: the link is kept, and shown so. */
  supervisorIsCurrent: z.boolean(),
  /** What the roster's old free text said and no supervisor's account matched (the supervision migration), for someone to fix. */
  supervisorUnmatched: z.string().nullable(),
  supervisionCadenceDays: z.number().int(),
  workSettings: z.array(WorkSetting),
  languages: z.array(z.string()),
  careerStage: CareerStage,
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  statusHistory: z.array(StatusChange),
  stageHistory: z.array(StageChange),
})
export type Coach = z.infer<typeof Coach>

export const CoachSummary = Coach.pick({
  id: true,
  languages: true,
  workSettings: true,
  supervisorAccountId: true,
  supervisorName: true,
  displayName: true,
  legalName: true,
  pronouns: true,
  status: true,
  employment: true,
  title: true,
  startDate: true,
  careerStage: true,
})
export type CoachSummary = z.infer<typeof CoachSummary>

export const ROSTER_FILTERS = {
  current: 'Active and on leave',
  active: 'Active',
  on_leave: 'On leave',
  left: 'Left (archived)',
  all: 'Everyone',
} as const
export type RosterFilter = keyof typeof ROSTER_FILTERS

export const ROSTER_SORTS = {
  name: 'Name',
  start_date: 'Start date',
} as const
export type RosterSort = keyof typeof ROSTER_SORTS

export const CoachListInput = z.strictObject({
  search: z.string().trim().max(100, 'Search must be at most 100 characters').default(''),
  filter: enumOf(ROSTER_FILTERS).default('current'),
  sort: enumOf(ROSTER_SORTS).default('name'),
  /** Only coaches who speak this language (any case). */
  language: z.string().trim().max(50, 'Language must be at most 50 characters').optional(),
  /** Only coaches who work in this setting. */
  workSetting: WorkSetting.optional(),
  /** Only coaches of this supervisor. */
  supervisorAccountId: Id.optional(),
  limit: z.number().int().min(1).max(100).default(25),
  /** Opaque key of the last row of the previous page. */
  after: z.string().max(500).nullish(),
})
export type CoachListInput = z.input<typeof CoachListInput>

export const CoachListPage = z.object({
  items: z.array(CoachSummary),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
})
export type CoachListPage = z.infer<typeof CoachListPage>

/** The supervisors a coach may be assigned to: active supervisors' accounts. */
export const SupervisorChoices = z.object({ items: z.array(z.object({ id: Id, displayName: z.string() })) })
export type SupervisorChoices = z.infer<typeof SupervisorChoices>

/** The roster channels of the contract. */
export const rosterChannels = {
  'coaches.list': { input: CoachListInput, output: CoachListPage },
  'coaches.get': { input: z.strictObject({ id: Id }), output: Coach },
  'coaches.create': { input: CoachCreateInput, output: Coach },
  'coaches.update': { input: CoachUpdateInput, output: Coach },
  'coaches.setStatus': { input: CoachStatusInput, output: Coach },
  'coaches.setStage': { input: CoachStageInput, output: Coach },
  'coaches.supervisors': { input: NoInput, output: SupervisorChoices },
} as const satisfies Record<string, ChannelSpec>
