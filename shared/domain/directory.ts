import { z } from 'zod'
import { NoInput, type ChannelSpec } from '../api/spec'
import { Id, IsoInstant, enumOf, optionalEmail, optionalPhone, optionalText, requiredText } from './common'
import { DomainKey } from './domains'

/**
 * The team's directory of community recovery supports (DOMAIN.md, "The team's shared knowledge"): who to call and
 * when. Every role reads and keeps all of it; every change is a new version that can be restored.
 */

export const RESOURCE_KINDS = {
  mutual_aid: 'Mutual aid',
  recovery_housing: 'Recovery housing',
  treatment: 'Treatment',
  medication: 'Medication for addiction treatment',
  harm_reduction: 'Harm reduction',
  peer_centre: 'Peer centre',
  employment: 'Employment',
  education: 'Education',
  faith: 'Faith',
  family: 'Family',
  legal: 'Legal',
  food_shelter: 'Food and shelter',
  other: 'Other',
} as const
export type ResourceKind = keyof typeof RESOURCE_KINDS
export const ResourceKind = enumOf(RESOURCE_KINDS, 'Choose a kind of support')

/**
 * The pathways every office starts with (migration 5 writes them, with ids 1 to 6). An office adds its own, so
 * pathways are rows, referred to by id; this list is only what the first rows say.
 */
export const STARTING_PATHWAYS = [
  'Twelve-step',
  'SMART Recovery',
  'Faith-based',
  'Medication-assisted',
  'Harm reduction',
  'Secular',
] as const

export const WEEKDAYS = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
} as const
export type Weekday = keyof typeof WEEKDAYS
export const Weekday = enumOf(WEEKDAYS, 'Choose a day of the week')
export const WEEKDAY_KEYS = Object.keys(WEEKDAYS) as Weekday[]

export const MINUTES_PER_DAY = 24 * 60
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY

/** A resource not checked for this long is stale: the team is asked to check it. */
export const STALE_AFTER_MONTHS = 6

// ---------------------------------------------------------------------------------------------------------------
// Opening hours: local wall-clock times in the office's time zone, per weekday. An evening that runs past midnight
// says so (`closesNextDay`), so "22:00 to 02:00" is never mistaken for hours typed the wrong way round.

const clock = (label: string, allowMidnightEnd: boolean) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .regex(
      allowMidnightEnd ? /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^([01]\d|2[0-3]):[0-5]\d$/,
      `${label} must be a time like 09:30${allowMidnightEnd ? ' (24:00 for midnight)' : ''}`,
    )

export const OpeningHours = z.strictObject({
  day: Weekday,
  opens: clock('Opening time', false),
  closes: clock('Closing time', true),
  /** Closes after midnight, on the following day (a night shelter, an evening meeting running late). */
  closesNextDay: z.boolean().default(false),
})
export type OpeningHours = z.output<typeof OpeningHours>
export type OpeningHoursInput = z.input<typeof OpeningHours>

export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

/** Where an interval lies in the week, in minutes from Monday 00:00; `end` passes 10080 for Sunday night into Monday. */
export function weekSpan(hours: OpeningHours): { start: number; end: number } {
  const start = WEEKDAY_KEYS.indexOf(hours.day) * MINUTES_PER_DAY + minutesOf(hours.opens)
  const end =
    WEEKDAY_KEYS.indexOf(hours.day) * MINUTES_PER_DAY +
    minutesOf(hours.closes) +
    (hours.closesNextDay ? MINUTES_PER_DAY : 0)
  return { start, end }
}

export const describeHours = (h: OpeningHours) =>
  `${WEEKDAYS[h.day]} ${h.opens}–${h.closes}${h.closesNextDay ? ' (next day)' : ''}`

/** What is wrong with a set of opening hours: each problem on the interval and field it belongs to. */
export function hoursProblems(hours: readonly OpeningHours[]): { path: (number | string)[]; message: string }[] {
  const problems: { path: (number | string)[]; message: string }[] = []
  const valid: { index: number; start: number; end: number }[] = []
  hours.forEach((h, index) => {
    const opens = minutesOf(h.opens)
    const closes = minutesOf(h.closes)
    if (h.closesNextDay) {
      if (closes === MINUTES_PER_DAY) {
        problems.push({ path: [index, 'closes'], message: 'Midnight is the end of the same day: untick "next day"' })
        return
      }
      if (closes > opens) {
        problems.push({ path: [index, 'closes'], message: 'Open more than 24 hours in one go: split it into days' })
        return
      }
    } else if (closes <= opens) {
      problems.push({
        path: [index, 'closes'],
        message: 'Closes before it opens (if it closes after midnight, tick "next day")',
      })
      return
    }
    const span = weekSpan(h)
    for (const other of valid) {
      // The week is a circle: Sunday night into Monday morning meets Monday's own hours.
      const overlaps = [-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK].some(
        (shift) => span.start + shift < other.end && other.start < span.end + shift,
      )
      if (overlaps) {
        problems.push({ path: [index], message: `Overlaps ${describeHours(hours[other.index]!)}` })
        return
      }
    }
    valid.push({ index, ...span })
  })
  return problems
}

/** Whether hours are open at `minute` of the week (0 = Monday 00:00); null when no hours are known. */
export function isOpenAt(hours: readonly OpeningHours[], minute: number): boolean | null {
  if (hours.length === 0) return null
  return hours.some((h) => {
    const { start, end } = weekSpan(h)
    return (start <= minute && minute < end) || (start <= minute + MINUTES_PER_WEEK && minute + MINUTES_PER_WEEK < end)
  })
}

const WEEKDAY_BY_SHORT_NAME: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 }

/** The minute of the week (0 = Monday 00:00) that `instant` is on the clocks of `timeZone`. */
export function minuteOfWeekAt(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  const day = WEEKDAY_BY_SHORT_NAME[part('weekday')] ?? 0
  return day * MINUTES_PER_DAY + (Number(part('hour')) % 24) * 60 + Number(part('minute'))
}

/** The instant before which a check is too old: six months before `now`, on the same day of the month where it exists. */
export function staleThreshold(now: Date): string {
  const threshold = new Date(now.getTime())
  const day = threshold.getUTCDate()
  threshold.setUTCDate(1)
  threshold.setUTCMonth(threshold.getUTCMonth() - STALE_AFTER_MONTHS)
  const lastDay = new Date(Date.UTC(threshold.getUTCFullYear(), threshold.getUTCMonth() + 1, 0)).getUTCDate()
  threshold.setUTCDate(Math.min(day, lastDay))
  return threshold.toISOString()
}

// ---------------------------------------------------------------------------------------------------------------
// Contact details.

/**
 * A web address the app will open: http or https only, to a named host, with no credentials in it. Anything else
 * (javascript:, file:, a bare word) is refused, here when saved and again by the desktop app's external opener.
 */
export function safeWebAddress(value: string): string | null {
  if (!/^https?:\/\/[^\s]+$/i.test(value)) return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (!url.hostname.includes('.') || url.username || url.password) return null
  return url.href
}

const website = z
  .string()
  .trim()
  .max(500, 'Web address must be at most 500 characters')
  .refine(
    (value) => value === '' || safeWebAddress(value) !== null,
    'Enter a web address starting with https:// or http://',
  )
  .nullish()
  .transform((value) => (value ? value : null))

const uniqueList = <T>(list: readonly T[]) => new Set(list).size === list.length

// ---------------------------------------------------------------------------------------------------------------
// A resource.

/** Everything a person edits on a resource; a version of the resource is exactly these fields. */
export const ResourceFields = z.strictObject({
  name: requiredText('Name', 200),
  kind: ResourceKind,
  description: optionalText('Description', 2000),
  pathwayIds: z.array(Id).max(30, 'At most 30 pathways').refine(uniqueList, 'Each pathway once').default([]),
  domains: z.array(DomainKey).max(8).refine(uniqueList, 'Each domain once').default([]),
  phone: optionalPhone,
  email: optionalEmail,
  website,
  address: optionalText('Address', 500),
  hours: z
    .array(OpeningHours)
    .max(28, 'At most 28 opening times')
    .default([])
    .superRefine((hours, ctx) => {
      for (const problem of hoursProblems(hours)) ctx.addIssue({ code: 'custom', ...problem })
    }),
  hoursNote: optionalText('Note on the hours', 200),
  languages: z
    .array(requiredText('Language', 50))
    .max(20, 'At most 20 languages')
    .refine((list) => uniqueList(list.map((l) => l.toLowerCase())), 'Each language once')
    .default([]),
  eligibility: optionalText('Who is eligible', 1000),
  howToGetIn: optionalText('How to get someone in', 2000),
  /** Coaches who have a connection there (roster ids). */
  connectedCoachIds: z.array(Id).max(50, 'At most 50 connections').refine(uniqueList, 'Each coach once').default([]),
})
export type ResourceFields = z.output<typeof ResourceFields>
export type ResourceFieldsInput = z.input<typeof ResourceFields>

/** The fields' names as the history and the audit trail say them. */
export const RESOURCE_FIELD_LABELS: Record<keyof ResourceFields, string> = {
  name: 'name',
  kind: 'kind of support',
  description: 'description',
  pathwayIds: 'pathways',
  domains: 'domains',
  phone: 'phone',
  email: 'email',
  website: 'web address',
  address: 'address',
  hours: 'opening hours',
  hoursNote: 'note on the hours',
  languages: 'languages',
  eligibility: 'who is eligible',
  howToGetIn: 'how to get someone in',
  connectedCoachIds: 'connections',
}
export const RESOURCE_FIELDS = Object.keys(RESOURCE_FIELD_LABELS) as (keyof ResourceFields)[]
export const ResourceFieldName = enumOf(RESOURCE_FIELD_LABELS)

/** A version as stored: the fields, already checked when they were saved. */
export const ResourceContent = z.object({
  name: z.string(),
  kind: ResourceKind,
  description: z.string().nullable(),
  pathwayIds: z.array(Id),
  domains: z.array(DomainKey),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  address: z.string().nullable(),
  hours: z.array(OpeningHours),
  hoursNote: z.string().nullable(),
  languages: z.array(z.string()),
  eligibility: z.string().nullable(),
  howToGetIn: z.string().nullable(),
  connectedCoachIds: z.array(Id),
})
export type ResourceContent = z.infer<typeof ResourceContent>

export const Pathway = z.object({ id: Id, label: z.string(), builtIn: z.boolean() })
export type Pathway = z.infer<typeof Pathway>

/** A coach as the directory shows them, to every role: a display name, nothing else. */
export const ConnectedCoach = z.object({ coachId: Id, displayName: z.string() })
export type ConnectedCoach = z.infer<typeof ConnectedCoach>

export const ResourceTip = z.object({
  id: Id,
  text: z.string(),
  at: IsoInstant,
  /** The account that added it, by display name (null if the account is gone). */
  by: z.string().nullable(),
})
export type ResourceTip = z.infer<typeof ResourceTip>

const resourceShape = {
  id: Id,
  version: z.number().int().positive(),
  name: z.string(),
  kind: ResourceKind,
  description: z.string().nullable(),
  pathways: z.array(Pathway.pick({ id: true, label: true })),
  domains: z.array(DomainKey),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  address: z.string().nullable(),
  hours: z.array(OpeningHours),
  hoursNote: z.string().nullable(),
  languages: z.array(z.string()),
  eligibility: z.string().nullable(),
  howToGetIn: z.string().nullable(),
  connections: z.array(ConnectedCoach),
  lastCheckedAt: IsoInstant,
  lastCheckedBy: z.string().nullable(),
  /** Not checked for six months or more. */
  stale: z.boolean(),
  /** Open at this moment in the office's time zone; null when no hours are known. */
  openNow: z.boolean().nullable(),
  updatedAt: IsoInstant,
}

/** One row of the directory's list: what the list and the printed sheet of a list show. */
export const ResourceSummary = z.object({ ...resourceShape, tipCount: z.number().int() })
export type ResourceSummary = z.infer<typeof ResourceSummary>

export const Resource = z.object({
  ...resourceShape,
  createdAt: IsoInstant,
  createdBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
  /** Newest first. */
  tips: z.array(ResourceTip),
})
export type Resource = z.infer<typeof Resource>

export const VERSION_KINDS = { created: 'Added', edited: 'Edited', restored: 'Restored' } as const
export type VersionKind = keyof typeof VERSION_KINDS

export const ResourceVersion = z.object({
  version: z.number().int().positive(),
  kind: enumOf(VERSION_KINDS),
  at: IsoInstant,
  by: z.string().nullable(),
  /** The fields this version changed from the one before it (none for the first). */
  changed: z.array(ResourceFieldName),
  /** For a restore: the version whose fields it brought back. */
  restoredFrom: z.number().int().positive().nullable(),
  content: ResourceContent,
})
export type ResourceVersion = z.infer<typeof ResourceVersion>

export const ResourceHistory = z.object({
  id: Id,
  currentVersion: z.number().int().positive(),
  /** Newest first. */
  versions: z.array(ResourceVersion),
  /** Every time someone marked it checked, newest first, with the version they checked. */
  checks: z.array(z.object({ version: z.number().int().positive(), at: IsoInstant, by: z.string().nullable() })),
  /** Names for the pathway and coach ids the versions hold. */
  pathways: z.array(Pathway.pick({ id: true, label: true })),
  coaches: z.array(ConnectedCoach),
})
export type ResourceHistory = z.infer<typeof ResourceHistory>

// ---------------------------------------------------------------------------------------------------------------
// Inputs.

const expectedVersion = z
  .number({ error: 'The version you started from is required' })
  .int()
  .positive()
  .max(Number.MAX_SAFE_INTEGER)

export const RESOURCE_SORTS = {
  name: 'Name',
  last_checked: 'Least recently checked',
} as const
export type ResourceSort = keyof typeof RESOURCE_SORTS

/** How long a search may be. Long, on purpose: pasted text is searched by its first words rather than refused. */
export const MAX_SEARCH_LENGTH = 20_000

export const ResourceListInput = z.strictObject({
  /** Words to find in names, descriptions and tips; any text at all is safe here. */
  search: z.string().max(MAX_SEARCH_LENGTH, 'Search must be at most 20,000 characters').default(''),
  kind: ResourceKind.optional(),
  pathwayId: Id.optional(),
  domain: DomainKey.optional(),
  /** Only resources that speak this language (any case or accents). */
  language: z.string().trim().max(50, 'Language must be at most 50 characters').optional(),
  /** Only resources open at this moment, in the office's time zone. */
  openNow: z.boolean().default(false),
  /** Only resources not checked for six months or more. */
  staleOnly: z.boolean().default(false),
  /** Without search words; a search is ordered by how well each resource matches. */
  sort: enumOf(RESOURCE_SORTS).default('name'),
  limit: z.number().int().min(1).max(100).default(25),
  /** Opaque key of the last row of the previous page. */
  after: z.string().max(500).nullish(),
})
export type ResourceListInput = z.input<typeof ResourceListInput>

export const RESOURCE_ORDERS = { relevance: 'Best match', ...RESOURCE_SORTS } as const
export const ResourceListPage = z.object({
  items: z.array(ResourceSummary),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
  /** How the items are ordered: by relevance when the search held words. */
  order: enumOf(RESOURCE_ORDERS),
})
export type ResourceListPage = z.infer<typeof ResourceListPage>

export const ResourceUpdateInput = z.strictObject({
  id: Id,
  /** The version the editor started from; a newer one means someone else saved first. */
  expectedVersion,
  fields: ResourceFields,
})

export const ResourceCheckInput = z.strictObject({
  id: Id,
  /** The version the person checked: if it changed meanwhile, they checked details that are no longer there. */
  expectedVersion,
})

export const TIP_MAX_LENGTH = 500
export const ResourceTipInput = z.strictObject({
  id: Id,
  text: requiredText('Tip', TIP_MAX_LENGTH),
})

export const ResourceRestoreInput = z.strictObject({
  id: Id,
  expectedVersion,
  /** The earlier version whose fields come back, as a new version. */
  version: z.number({ error: 'Choose the version to restore' }).int().positive().max(Number.MAX_SAFE_INTEGER),
})

export const PathwayInput = z.strictObject({ label: requiredText('Pathway', 60) })

export const PathwayList = z.object({ items: z.array(Pathway) })
export const CoachChoices = z.object({ items: z.array(ConnectedCoach) })

/** The directory channels of the contract. */
export const directoryChannels = {
  'resources.list': { input: ResourceListInput, output: ResourceListPage },
  'resources.get': { input: z.strictObject({ id: Id }), output: Resource },
  'resources.create': { input: ResourceFields, output: Resource },
  'resources.update': { input: ResourceUpdateInput, output: Resource },
  'resources.check': { input: ResourceCheckInput, output: Resource },
  'resources.addTip': { input: ResourceTipInput, output: Resource },
  'resources.history': { input: z.strictObject({ id: Id }), output: ResourceHistory },
  'resources.restore': { input: ResourceRestoreInput, output: Resource },
  'resources.pathways': { input: NoInput, output: PathwayList },
  'resources.addPathway': { input: PathwayInput, output: Pathway },
  /** Coaches who can be named as a connection (current ones), by display name: the team's shared knowledge. */
  'resources.coaches': { input: NoInput, output: CoachChoices },
} as const satisfies Record<string, ChannelSpec>
