import { z } from 'zod'
import { type ChannelSpec } from '../api/spec'
import {
  Id,
  IsoDate,
  IsoInstant,
  enumOf,
  isoDate,
  optionalEmail,
  optionalPhone,
  optionalText,
  requiredText,
} from './common'
import { addDays, coverageProblems, type CoverageWindow, type Weekday } from './coverage'
import { CoachStatus } from './roster'

// ---------------------------------------------------------------------------------------------------------------
// Partners.

export const PARTNER_TYPES = {
  emergency_department: 'Emergency department',
  hospital: 'Hospital',
  police: 'Police',
  fire: 'Fire service',
  prison_jail: 'Prison or jail',
  drug_court: 'Drug court',
  treatment_centre: 'Treatment centre',
  managed_care: 'Managed-care organisation',
  other: 'Other',
} as const
export type PartnerType = keyof typeof PARTNER_TYPES
export const PartnerType = enumOf(PARTNER_TYPES, 'Choose a listed kind of partner')

/** Someone at the partner the office deals with (staff of the partner, never a person the coaches see). */
export const PartnerContact = z.strictObject({
  name: requiredText('Contact name', 120),
  role: optionalText('Role', 120),
  phone: optionalPhone,
  email: optionalEmail,
})
export type PartnerContact = z.output<typeof PartnerContact>

export const MAX_CONTACTS = 20

export const PartnerFields = z.strictObject({
  name: requiredText('Name', 200),
  type: PartnerType,
  address: optionalText('Address', 500),
  notes: optionalText('Notes', 2000),
  contacts: z.array(PartnerContact).max(MAX_CONTACTS, `At most ${MAX_CONTACTS} contacts`).default([]),
})
export type PartnerFields = z.output<typeof PartnerFields>
export type PartnerFieldsInput = z.input<typeof PartnerFields>

export const PartnerUpdateInput = z.strictObject({
  id: Id,
  /** The version the editor started from; a newer one on disk means someone else saved first. */
  expectedVersion: z.number().int().positive(),
  fields: PartnerFields,
})

export const PartnerSummary = z.object({
  id: Id,
  name: z.string(),
  type: PartnerType,
  /** Contracts in force today. */
  activeContracts: z.number().int(),
})
export type PartnerSummary = z.infer<typeof PartnerSummary>

export const PartnerListInput = z.strictObject({
  search: z.string().trim().max(100, 'Search must be at most 100 characters').default(''),
  type: PartnerType.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Opaque key of the last row of the previous page. */
  after: z.string().max(500).nullish(),
})
export type PartnerListInput = z.input<typeof PartnerListInput>

export const PartnerListPage = z.object({
  items: z.array(PartnerSummary),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
})
export type PartnerListPage = z.infer<typeof PartnerListPage>

// ---------------------------------------------------------------------------------------------------------------
// Money.

/**
 * The currencies a contract may be written in: a closed list, so a typo is refused rather than stored. Every one has
 * two minor digits (cents, pence); values are stored as whole minor units.
 */
export const CURRENCIES = {
  USD: 'US dollar',
  CAD: 'Canadian dollar',
  GBP: 'Pound sterling',
  EUR: 'Euro',
  AUD: 'Australian dollar',
  NZD: 'New Zealand dollar',
} as const
export type Currency = keyof typeof CURRENCIES
export const Currency = enumOf(CURRENCIES, 'Choose one of the listed currencies')
export const CURRENCY_MINOR_DIGITS: Record<Currency, number> = { USD: 2, CAD: 2, GBP: 2, EUR: 2, AUD: 2, NZD: 2 }

/** A contract's value in minor units: a whole number, never negative, below a trillion (far past any contract). */
export const MinorUnits = z
  .number({ error: 'Enter an amount like 12,500.00' })
  .int('Value must be a whole number of cents (minor units)')
  .min(0, 'Value must not be negative')
  .max(1e12, 'Value is too large')

export const BILLING_BASES = {
  fixed: 'Fixed fee',
  per_dispatch: 'Per dispatch',
  per_hour: 'Per hour',
} as const
export type BillingBasis = keyof typeof BILLING_BASES
export const BillingBasis = enumOf(BILLING_BASES, 'Choose fixed, per dispatch or per hour')

// ---------------------------------------------------------------------------------------------------------------
// Contracts.

export const CONTRACT_STATUSES = {
  draft: 'Not started',
  active: 'Active',
  expired: 'Expired',
  terminated: 'Terminated',
} as const
export type ContractStatus = keyof typeof CONTRACT_STATUSES
export const ContractStatus = enumOf(CONTRACT_STATUSES)

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/
const weekday = z
  .number({ error: 'Choose a day' })
  .int('Choose a day')
  .min(0, 'Choose a day')
  .max(6, 'Choose a day')
  .transform((day) => day as Weekday)
const clockTime = (label: string) =>
  z.string({ error: `${label} is required` }).regex(HHMM, `${label} must be a 24-hour time like 18:00`)

export const CoverageWindowInput = z.strictObject({
  startDay: weekday,
  startTime: clockTime('Start time'),
  endDay: weekday,
  endTime: clockTime('End time'),
})

export const MAX_COVERAGE_WINDOWS = 14
export const MAX_TEAM = 100

/** The coverage windows of a contract: none means at all hours; overlapping or empty windows are refused. */
export const Coverage = z
  .array(CoverageWindowInput)
  .max(MAX_COVERAGE_WINDOWS, `At most ${MAX_COVERAGE_WINDOWS} coverage windows`)
  .superRefine((windows, ctx) => {
    for (const [index, message] of coverageProblems(windows as CoverageWindow[])) {
      ctx.addIssue({ code: 'custom', path: [index], message })
    }
  })

const contractShape = {
  reference: requiredText('Reference', 40).regex(
    /^[\p{L}\p{N}][\p{L}\p{N} ./_-]*$/u,
    'Reference uses letters, digits, spaces and . / _ -',
  ),
  title: requiredText('Title', 200),
  startDate: isoDate('Start date'),
  endDate: isoDate('End date'),
  valueMinor: MinorUnits,
  currency: Currency,
  billingBasis: BillingBasis,
  coverage: Coverage.default([]),
  targetMinutes: z
    .number({ error: 'Target must be a number of minutes' })
    .int('Target must be a whole number of minutes')
    .min(1, 'Target must be at least 1 minute')
    .max(1440, 'Target must be at most 1440 minutes (a day)'),
  expectedPerMonth: z
    .number({ error: 'Expected dispatches must be a number' })
    .int('Expected dispatches must be a whole number')
    .min(0, 'Expected dispatches must not be negative')
    .max(100000, 'Expected dispatches must be at most 100000'),
  team: z
    .array(Id)
    .max(MAX_TEAM, `At most ${MAX_TEAM} coaches on a team`)
    .refine((ids) => new Set(ids).size === ids.length, 'Each coach once')
    .default([]),
  renewalNoticeDays: z
    .number({ error: 'Notice must be a number of days' })
    .int('Notice must be a whole number of days')
    .min(0, 'Notice must not be negative')
    .max(365, 'Notice must be at most 365 days'),
}

function endNotBeforeStart(value: { startDate: string; endDate: string }, ctx: z.RefinementCtx) {
  if (value.endDate < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'End date must not be before the start date' })
  }
}

/** What a coordinator edits on a contract. Its partner is chosen once, when it is made. */
export const ContractFields = z.strictObject(contractShape).superRefine(endNotBeforeStart)
export type ContractFields = z.output<typeof ContractFields>
export type ContractFieldsInput = z.input<typeof ContractFields>

export const ContractCreateInput = z.strictObject({ partnerId: Id, ...contractShape }).superRefine(endNotBeforeStart)
export type ContractCreateInput = z.input<typeof ContractCreateInput>

export const ContractUpdateInput = z.strictObject({
  id: Id,
  expectedVersion: z.number().int().positive(),
  fields: ContractFields,
})

export const ContractTerminateInput = z.strictObject({
  id: Id,
  expectedVersion: z.number().int().positive(),
  terminatedOn: isoDate('Termination date'),
  reason: requiredText('Reason', 500),
})

export const TeamMember = z.object({ coachId: Id, displayName: z.string(), status: CoachStatus })

export const Contract = z.object({
  id: Id,
  version: z.number().int(),
  partnerId: Id,
  partnerName: z.string(),
  partnerType: PartnerType,
  reference: z.string(),
  title: z.string(),
  startDate: IsoDate,
  endDate: IsoDate,
  status: ContractStatus,
  terminatedOn: IsoDate.nullable(),
  terminationReason: z.string().nullable(),
  /** Null for a coach: the contract's money is the office's business. */
  valueMinor: z.number().int().nullable(),
  currency: Currency,
  billingBasis: BillingBasis.nullable(),
  coverage: z.array(CoverageWindowInput),
  targetMinutes: z.number().int(),
  expectedPerMonth: z.number().int(),
  /** A coach sees only themself here, never their teammates. */
  team: z.array(TeamMember),
  renewalNoticeDays: z.number().int(),
  /** Inside its notice period: time to renew or let it end. */
  renewalDue: z.boolean(),
  /** The first day of the notice period. */
  noticeFrom: IsoDate,
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
})
export type Contract = z.infer<typeof Contract>

export const ContractSummary = Contract.pick({
  id: true,
  partnerId: true,
  partnerName: true,
  reference: true,
  title: true,
  startDate: true,
  endDate: true,
  status: true,
  renewalDue: true,
  targetMinutes: true,
})
export type ContractSummary = z.infer<typeof ContractSummary>

export const CONTRACT_FILTERS = {
  current: 'Active and not started',
  active: 'Active',
  renewal_due: 'Renewal due',
  draft: 'Not started',
  expired: 'Expired',
  terminated: 'Terminated',
  all: 'All',
} as const
export type ContractFilter = keyof typeof CONTRACT_FILTERS

export const ContractListInput = z.strictObject({
  search: z.string().trim().max(100, 'Search must be at most 100 characters').default(''),
  filter: enumOf(CONTRACT_FILTERS).default('current'),
  partnerId: Id.optional(),
  /** Only contracts with this coach on the team. */
  coachId: Id.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  after: z.string().max(500).nullish(),
})
export type ContractListInput = z.input<typeof ContractListInput>

export const ContractListPage = z.object({
  items: z.array(ContractSummary),
  nextCursor: z.string().nullable(),
})
export type ContractListPage = z.infer<typeof ContractListPage>

export const Partner = z.object({
  id: Id,
  version: z.number().int(),
  name: z.string(),
  type: PartnerType,
  address: z.string().nullable(),
  notes: z.string().nullable(),
  contacts: z.array(
    z.object({
      name: z.string(),
      role: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    }),
  ),
  contracts: z.array(ContractSummary),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
})
export type Partner = z.infer<typeof Partner>

// ---------------------------------------------------------------------------------------------------------------
// Rules both sides show.

export interface ContractDates {
  startDate: string
  endDate: string
  terminatedOn: string | null
}

/** The status a contract's dates give it on `today` (office local date), unless it was terminated. */
export function contractStatus(contract: ContractDates, today: string): ContractStatus {
  if (contract.terminatedOn !== null) return 'terminated'
  if (today < contract.startDate) return 'draft'
  if (today > contract.endDate) return 'expired'
  return 'active'
}

/** The first day of the notice period: `renewalNoticeDays` before the end date (the end date itself with none). */
export const noticeFrom = (endDate: string, renewalNoticeDays: number) => addDays(endDate, -renewalNoticeDays)

/** Active and inside its notice period. */
export function isRenewalDue(contract: ContractDates & { renewalNoticeDays: number }, today: string): boolean {
  return (
    contractStatus(contract, today) === 'active' && today >= noticeFrom(contract.endDate, contract.renewalNoticeDays)
  )
}

/** The last day a request may be logged under the contract: its end date, or the day before it was terminated. */
export function lastDayInForce(contract: ContractDates): string {
  return contract.terminatedOn !== null && contract.terminatedOn <= contract.endDate
    ? addDays(contract.terminatedOn, -1)
    : contract.endDate
}

/**
 * Whole minor units from what a person typed ("12,500.50", "12500"), or a message saying what is wrong. Commas and
 * spaces group thousands; more decimals than the currency has, a sign or any other character is refused.
 */
export function parseMoney(
  text: string,
  currency: Currency,
): { ok: true; minor: number } | { ok: false; message: string } {
  const digits = CURRENCY_MINOR_DIGITS[currency]
  const cleaned = text.trim().replace(/[\s,]/g, '')
  if (cleaned === '') return { ok: false, message: 'Value is required' }
  if (cleaned.startsWith('-')) return { ok: false, message: 'Value must not be negative' }
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned)
  if (!match) return { ok: false, message: 'Enter an amount like 12,500.00' }
  const fraction = match[2] ?? ''
  if (fraction.length > digits) return { ok: false, message: `At most ${digits} decimal places` }
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
  if (!Number.isSafeInteger(minor) || minor > 1e12) return { ok: false, message: 'Value is too large' }
  return { ok: true, minor }
}

/** "12,500.00" for 1250000 minor units: the number alone (the currency is shown beside it). */
export function formatMinor(minor: number, currency: Currency): string {
  const digits = CURRENCY_MINOR_DIGITS[currency]
  const whole = Math.floor(minor / 10 ** digits)
  const fraction = String(minor % 10 ** digits).padStart(digits, '0')
  return `${whole.toLocaleString('en-US')}${digits > 0 ? `.${fraction}` : ''}`
}

/** The partner and contract channels of the contract (dispatches and the dashboard are in dispatches.ts). */
export const contractChannels = {
  'partners.list': { input: PartnerListInput, output: PartnerListPage },
  'partners.get': { input: z.strictObject({ id: Id }), output: Partner },
  'partners.create': { input: PartnerFields, output: Partner },
  'partners.update': { input: PartnerUpdateInput, output: Partner },
  'contracts.list': { input: ContractListInput, output: ContractListPage },
  'contracts.get': { input: z.strictObject({ id: Id }), output: Contract },
  'contracts.create': { input: ContractCreateInput, output: Contract },
  'contracts.update': { input: ContractUpdateInput, output: Contract },
  'contracts.terminate': { input: ContractTerminateInput, output: Contract },
} as const satisfies Record<string, ChannelSpec>
