import { z } from 'zod'
import { type ChannelSpec } from '../api/spec'
import { Id, IsoDate, IsoInstant, enumOf, isoDate, optionalText, requiredText } from './common'
import { ContractSummary, PartnerType } from './contracts'

export const DISPATCH_OUTCOMES = {
  engaged: 'Engaged',
  declined: 'Declined',
  left_before_arrival: 'Left before arrival',
  linked_treatment: 'Linked to treatment',
  linked_rco: 'Linked to RCO services',
  naloxone: 'Naloxone provided',
  other: 'Other',
} as const
export type DispatchOutcome = keyof typeof DISPATCH_OUTCOMES
export const DispatchOutcome = enumOf(DISPATCH_OUTCOMES, 'Choose a listed outcome')

/** Outcomes a dispatch may close with although no coach arrived. */
export const OUTCOMES_WITHOUT_ARRIVAL: readonly DispatchOutcome[] = ['left_before_arrival', 'other']

/**
 * What the form says beside the reference code: the log never holds who was seen. The rule behind it (no spaces, at
 * least one digit) lets through the partner's own codes ("MRN-48213", "ED/2291") and refuses a name typed by habit.
 */
export const REFERENCE_CODE_HINT =
  'A code from the partner at most (such as MRN-48213), never the name of the person seen: no spaces, at least one digit.'

export const ReferenceCode = z
  .string()
  .trim()
  .max(24, 'A reference code is at most 24 characters')
  .refine((value) => value === '' || /^[A-Za-z0-9][A-Za-z0-9#./_-]*$/.test(value), {
    message: 'A reference code has no spaces: letters, digits and # . / _ - only (never a name)',
  })
  .refine((value) => value === '' || /\d/.test(value), {
    message: 'A reference code has at least one digit, so it cannot be a name',
  })
  .nullish()
  .transform((value) => (value ? value : null))

/** An instant from the form, kept as the clock writes them (milliseconds, Z) so they compare as text. */
const Instant = IsoInstant.transform((value) => new Date(value).toISOString())

/** The same, named for its field's message: a time the form could not read arrives as text the schema refuses. */
const stepInstant = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .refine((value) => IsoInstant.safeParse(value).success, `${label}: enter a date and a 24-hour time like 14:05`)
    .transform((value) => new Date(value).toISOString())

const dispatchShape = {
  requestedAt: stepInstant('Request time'),
  /** Who asked, by role or name at the partner ("Charge nurse, ED"): partner staff, never the person seen. */
  requester: requiredText('Who asked', 120),
  location: optionalText('Location or unit', 120),
  referenceCode: ReferenceCode,
  coachId: Id.nullable().default(null),
  /**
   * Sending a coach who is not on the contract's team is allowed, but only once the coordinator has confirmed it: the
   * first save is refused with a message on `coachId` saying so. The dispatch model sends the team, yet a person
   * waiting in an emergency department is better served by another coach than by none.
   */
  sendOffTeam: z.boolean().default(false),
  acceptedAt: stepInstant('Accepted time').nullable().default(null),
  arrivedAt: stepInstant('Arrival time').nullable().default(null),
  completedAt: stepInstant('Completion time').nullable().default(null),
  outcome: DispatchOutcome.nullable().default(null),
  followUpOn: isoDate('Follow-up date').nullable().default(null),
}

interface DispatchTimes {
  requestedAt: string
  coachId: number | null
  acceptedAt: string | null
  arrivedAt: string | null
  completedAt: string | null
  outcome: DispatchOutcome | null
}

/** Times in order (request ≤ accepted ≤ arrived ≤ completed) and each step only after the one it needs. */
export function dispatchOrderProblems(d: DispatchTimes): Record<string, string> {
  const problems: Record<string, string> = {}
  if (d.acceptedAt !== null && d.coachId === null) problems['coachId'] = 'Choose the coach who accepted'
  if (d.acceptedAt !== null && d.acceptedAt < d.requestedAt) {
    problems['acceptedAt'] = 'Accepted must not be before the request'
  }
  if (d.arrivedAt !== null) {
    if (d.acceptedAt === null) problems['arrivedAt'] = 'Record when the coach accepted before their arrival'
    else if (d.arrivedAt < d.acceptedAt) problems['arrivedAt'] = 'Arrival must not be before acceptance'
    if (d.arrivedAt < d.requestedAt) problems['arrivedAt'] = 'Arrival must not be before the request'
  }
  if (d.completedAt !== null) {
    const previous = d.arrivedAt ?? d.acceptedAt ?? d.requestedAt
    if (d.completedAt < previous) problems['completedAt'] = 'Completion must not be before the step before it'
    if (d.outcome === null) problems['outcome'] = 'Choose how the dispatch ended'
    else if (d.arrivedAt === null && !OUTCOMES_WITHOUT_ARRIVAL.includes(d.outcome)) {
      problems['arrivedAt'] = 'Record the arrival, or choose “Left before arrival” or “Other”'
    }
  } else if (d.outcome !== null) {
    problems['completedAt'] = 'Record when the dispatch ended, with its outcome'
  }
  return problems
}

function inOrder(value: DispatchTimes, ctx: z.RefinementCtx) {
  for (const [path, message] of Object.entries(dispatchOrderProblems(value))) {
    ctx.addIssue({ code: 'custom', path: [path], message })
  }
}

/** What a coordinator edits on a dispatch; the contract is chosen once, when the request is logged. */
export const DispatchFields = z.strictObject(dispatchShape).superRefine(inOrder)
export type DispatchFields = z.output<typeof DispatchFields>
export type DispatchFieldsInput = z.input<typeof DispatchFields>

export const DispatchCreateInput = z.strictObject({ contractId: Id, ...dispatchShape }).superRefine(inOrder)
export type DispatchCreateInput = z.input<typeof DispatchCreateInput>

export const DispatchUpdateInput = z.strictObject({
  id: Id,
  expectedVersion: z.number().int().positive(),
  fields: DispatchFields,
})

export const Dispatch = z.object({
  id: Id,
  version: z.number().int(),
  contractId: Id,
  contractReference: z.string(),
  partnerName: z.string(),
  partnerType: PartnerType,
  requestedAt: IsoInstant,
  requester: z.string(),
  location: z.string().nullable(),
  referenceCode: z.string().nullable(),
  coachId: Id.nullable(),
  coachName: z.string().nullable(),
  /** Sent although not on the contract's team (confirmed by whoever logged it). */
  sentOffTeam: z.boolean(),
  acceptedAt: IsoInstant.nullable(),
  arrivedAt: IsoInstant.nullable(),
  completedAt: IsoInstant.nullable(),
  outcome: DispatchOutcome.nullable(),
  followUpOn: IsoDate.nullable(),
  /** Requested outside the contract's coverage windows (allowed, and marked). */
  outsideCoverage: z.boolean(),
  /** Whole minutes from request to arrival, rounded down; null until a coach arrived. */
  minutesToArrival: z.number().int().nullable(),
  targetMinutes: z.number().int(),
  open: z.boolean(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
})
export type Dispatch = z.infer<typeof Dispatch>

export const DISPATCH_STATES = { all: 'All', open: 'Open', closed: 'Closed' } as const
export type DispatchState = keyof typeof DISPATCH_STATES

export const DispatchListInput = z
  .strictObject({
    contractId: Id.optional(),
    coachId: Id.optional(),
    /** Office local dates, inclusive. */
    from: isoDate('From').optional(),
    to: isoDate('To').optional(),
    state: enumOf(DISPATCH_STATES).default('all'),
    limit: z.number().int().min(1).max(200).default(50),
    after: z.string().max(500).nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to < value.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'To must not be before From' })
    }
  })
export type DispatchListInput = z.input<typeof DispatchListInput>

export const DispatchListPage = z.object({ items: z.array(Dispatch), nextCursor: z.string().nullable() })
export type DispatchListPage = z.infer<typeof DispatchListPage>

export const SuggestInput = z.strictObject({
  contractId: Id,
  /** When the request came in (default now): its week is the load that counts. */
  at: Instant.optional(),
})

export const CoachSuggestion = z.object({
  coachId: Id,
  displayName: z.string(),
  /** Dispatches requested this office week (Monday to Sunday) under any contract. */
  dispatchesThisWeek: z.number().int(),
})
export const Suggestions = z.object({
  /** Active team members not on an open dispatch, least loaded this week first. */
  items: z.array(CoachSuggestion),
  /** Team members left out, and why. */
  unavailable: z.array(
    z.object({ coachId: Id, displayName: z.string(), reason: z.enum(['on_dispatch', 'not_active']) }),
  ),
})
export type Suggestions = z.infer<typeof Suggestions>

// ---------------------------------------------------------------------------------------------------------------
// The dashboard.

/** One contract's (or every contract's) figures for one office month. */
export const MonthFigures = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  requests: z.number().int(),
  /** Requests a coach arrived at. */
  fulfilled: z.number().int(),
  /** fulfilled / requests; null without requests. */
  shareFulfilled: z.number().nullable(),
  /**
   * Minutes from request to arrival over the fulfilled requests (linear interpolation between ranks). Per contract
   * only: null for every contract together, whose targets differ.
   */
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  /** Arrivals no later than the contract's target; null for every contract together (their targets differ). */
  withinTarget: z.number().int().nullable(),
  outsideCoverage: z.number().int(),
})
export type MonthFigures = z.infer<typeof MonthFigures>

export const CoachWeekLoad = z.object({
  coachId: Id,
  displayName: z.string(),
  /** Dispatches per week, one number per week of `weeks`. */
  counts: z.array(z.number().int()),
})
export type CoachWeekLoad = z.infer<typeof CoachWeekLoad>

export const ActiveContractRow = ContractSummary.extend({
  /** This office month so far. */
  thisMonth: MonthFigures,
})
export type ActiveContractRow = z.infer<typeof ActiveContractRow>

export const DashboardInput = z.strictObject({
  /** One contract's figures; every contract's together when left out. */
  contractId: Id.optional(),
  months: z.number().int().min(1).max(36).default(12),
  weeks: z.number().int().min(1).max(26).default(8),
})
export type DashboardInput = z.input<typeof DashboardInput>

export const Dashboard = z.object({
  today: IsoDate,
  timeZone: z.string(),
  activeContracts: z.array(ActiveContractRow),
  renewalsDue: z.array(ContractSummary),
  contractId: Id.nullable(),
  /** The target the months are measured against: the chosen contract's; null for every contract together. */
  targetMinutes: z.number().int().nullable(),
  months: z.array(MonthFigures),
  /** Mondays of the weeks in `coachWeeks`, oldest first. */
  weeks: z.array(IsoDate),
  coachWeeks: z.array(CoachWeekLoad),
})
export type Dashboard = z.infer<typeof Dashboard>

// ---------------------------------------------------------------------------------------------------------------
// Export.

export const ExportInput = z
  .strictObject({
    contractId: Id,
    /** Office local dates, inclusive. */
    from: isoDate('From'),
    to: isoDate('To'),
  })
  .superRefine((value, ctx) => {
    if (value.to < value.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'To must not be before From' })
  })
export type ExportInput = z.input<typeof ExportInput>

export const ExportFile = z.object({
  fileName: z.string(),
  mimeType: z.literal('text/csv'),
  /** The whole file: UTF-8 text starting with a byte-order mark, so spreadsheets read it as UTF-8. */
  content: z.string(),
  rows: z.number().int(),
})
export type ExportFile = z.infer<typeof ExportFile>

/** The dispatch channels of the contract, with the coordinator's dashboard and the CSV export. */
export const dispatchChannels = {
  'dispatches.list': { input: DispatchListInput, output: DispatchListPage },
  'dispatches.get': { input: z.strictObject({ id: Id }), output: Dispatch },
  'dispatches.create': { input: DispatchCreateInput, output: Dispatch },
  'dispatches.update': { input: DispatchUpdateInput, output: Dispatch },
  'dispatches.suggestCoaches': { input: SuggestInput, output: Suggestions },
  'dispatches.export': { input: ExportInput, output: ExportFile },
  'contracts.dashboard': { input: DashboardInput, output: Dashboard },
} as const satisfies Record<string, ChannelSpec>
