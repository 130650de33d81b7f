import { z } from 'zod'
import { type ChannelSpec } from '../api/spec'
import { Id, IsoDate, IsoInstant, enumOf, isoDate, optionalText, requiredText } from './common'

export const SESSION_FORMATS = {
  individual: 'Individual',
  group: 'Group',
  ad_hoc: 'Ad hoc',
} as const
export type SessionFormat = keyof typeof SESSION_FORMATS
export const SessionFormat = enumOf(SESSION_FORMATS, 'Choose individual, group or ad hoc')

/** Proctor's three functions of supervision. */
export const SUPERVISION_FUNCTIONS = {
  normative: 'Normative',
  formative: 'Formative',
  restorative: 'Restorative',
} as const
export type SupervisionFunction = keyof typeof SUPERVISION_FUNCTIONS
export const SupervisionFunction = enumOf(SUPERVISION_FUNCTIONS, 'Choose a listed function')
export const FUNCTION_KEYS = Object.keys(SUPERVISION_FUNCTIONS) as SupervisionFunction[]
export const FUNCTION_HINTS: Record<SupervisionFunction, string> = {
  normative: 'standards, ethics, boundaries',
  formative: 'learning and skills',
  restorative: 'wellbeing and support',
}

export const BARRIER_KINDS = {
  payer_funding: 'Payer or funding',
  host_site_policy: 'Host-site policy',
  stigma: 'Stigma',
  other: 'Other',
} as const
export type BarrierKind = keyof typeof BARRIER_KINDS
export const BarrierKind = enumOf(BARRIER_KINDS, 'Choose a listed barrier')
export const BARRIER_KEYS = Object.keys(BARRIER_KINDS) as BarrierKind[]

export const ITEM_OWNERS = {
  coach: 'The coach',
  supervisor: 'The supervisor',
} as const
export type ItemOwner = keyof typeof ITEM_OWNERS
export const ItemOwner = enumOf(ITEM_OWNERS, 'Choose the coach or the supervisor')

export const SESSION_STATUSES = {
  draft: 'Draft',
  signed_off: 'Signed off',
} as const
export type SessionStatus = keyof typeof SESSION_STATUSES

/** A note's size limit, in characters: about eight pages, said so in the form. */
export const NOTE_MAX = 20_000
export const MAX_SESSION_MINUTES = 600
export const MAX_GROUP_COACHES = 20

/** Text as typed, ends trimmed, with control characters other than line breaks and tabs taken out. */
function noteText(label: string) {
  return (
    z
      .string()
      .max(NOTE_MAX + 1000, `${label} must be at most ${NOTE_MAX.toLocaleString('en')} characters`)
      // eslint-disable-next-line no-control-regex -- taking control characters out is the point
      .transform((value) => value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim())
      .pipe(z.string().max(NOTE_MAX, `${label} must be at most ${NOTE_MAX.toLocaleString('en')} characters`))
      .default('')
  )
}

const unique = <T>(list: readonly T[]) => new Set(list).size === list.length

export const BarrierInput = z
  .strictObject({
    kind: BarrierKind,
    detail: optionalText('What the barrier was', 200),
  })
  .refine((b) => b.kind !== 'other' || b.detail !== null, {
    message: 'Say in a word what the barrier was',
    path: ['detail'],
  })
export type BarrierInput = z.input<typeof BarrierInput>

export const ActionItemInput = z.strictObject({
  text: requiredText('The action', 500),
  owner: ItemOwner,
  /** The coach who owns it, for an item owned by a coach; may be left out when the session has one coach. */
  coachId: Id.nullish().transform((v) => v ?? null),
  dueOn: isoDate('Due date'),
})
export type ActionItemInput = z.input<typeof ActionItemInput>

/** What the session editor saves, whole, on every autosave. */
export const SessionFields = z.strictObject({
  format: SessionFormat,
  coachIds: z
    .array(Id)
    .min(1, 'Choose at least one coach')
    .max(MAX_GROUP_COACHES, `At most ${MAX_GROUP_COACHES} coaches`)
    .refine(unique, 'Each coach once'),
  heldOn: isoDate('Date'),
  minutes: z
    .number({ error: 'Length must be a number of minutes' })
    .int('Length must be a whole number of minutes')
    .min(1, 'Length must be at least 1 minute')
    .max(MAX_SESSION_MINUTES, `Length must be at most ${MAX_SESSION_MINUTES} minutes`),
  functions: z.array(SupervisionFunction).min(1, 'Choose at least one function').refine(unique, 'Each function once'),
  sharedNote: noteText('The shared note'),
  privateNote: noteText('The private note'),
  barriers: z.array(BarrierInput).max(12, 'At most 12 barriers').default([]),
  actionItems: z.array(ActionItemInput).max(30, 'At most 30 action items').default([]),
})
export type SessionFields = z.output<typeof SessionFields>
export type SessionFieldsInput = z.input<typeof SessionFields>

export const SessionUpdateInput = z.strictObject({
  id: Id,
  /** The version the editor started from; a newer one on disk means someone else saved first. */
  expectedVersion: z.number().int().positive(),
  fields: SessionFields,
})

export const SessionSignOffInput = z.strictObject({ id: Id, expectedVersion: z.number().int().positive() })

export const AddendumInput = z
  .strictObject({
    id: Id,
    sharedText: optionalText('The shared addendum', NOTE_MAX),
    privateText: optionalText('The private addendum', NOTE_MAX),
  })
  .refine((a) => a.sharedText !== null || a.privateText !== null, {
    message: 'Write the addendum',
    path: ['sharedText'],
  })

export const CoachName = z.object({ id: Id, displayName: z.string() })
export type CoachName = z.infer<typeof CoachName>

export const ActionItem = z.object({
  id: Id,
  sessionId: Id,
  text: z.string(),
  owner: ItemOwner,
  coachId: Id.nullable(),
  coachName: z.string().nullable(),
  dueOn: IsoDate,
  doneAt: IsoInstant.nullable(),
  doneByName: z.string().nullable(),
  /** Whether the viewer may mark it done (or not done): its coach, or a supervisor, once signed off. */
  mayMarkDone: z.boolean(),
})
export type ActionItem = z.infer<typeof ActionItem>

export const Barrier = z.object({ kind: BarrierKind, detail: z.string().nullable() })
export type Barrier = z.infer<typeof Barrier>

export const Addendum = z.object({
  id: Id,
  sharedText: z.string().nullable(),
  /** Supervisors only; null for anyone else, and where none was written. */
  privateText: z.string().nullable(),
  writtenByName: z.string(),
  writtenAt: IsoInstant,
})
export type Addendum = z.infer<typeof Addendum>

export const Session = z.object({
  id: Id,
  version: z.number().int(),
  status: enumOf(SESSION_STATUSES),
  format: SessionFormat,
  heldOn: IsoDate,
  minutes: z.number().int(),
  functions: z.array(SupervisionFunction),
  supervisorAccountId: Id,
  supervisorName: z.string(),
  /** A coach sees only themself here; `otherCoaches` counts the rest of a group. */
  coaches: z.array(CoachName),
  otherCoaches: z.number().int().nonnegative(),
  sharedNote: z.string(),
  /** Supervisors only, and only when the session is opened (null in lists, and always for anyone else). */
  privateNote: z.string().nullable(),
  barriers: z.array(Barrier),
  actionItems: z.array(ActionItem),
  addenda: z.array(Addendum),
  assessmentIds: z.array(Id),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  signedOffAt: IsoInstant.nullable(),
  signedOffByName: z.string().nullable(),
})
export type Session = z.infer<typeof Session>

export const SessionListInput = z.strictObject({
  /** Whose sessions; a coach may leave it out (their own) or name themself. */
  coachId: Id.optional(),
  limit: z.number().int().min(1).max(100).default(20),
  after: z.string().max(500).nullish(),
})
export const SessionListPage = z.object({ items: z.array(Session), nextCursor: z.string().nullable() })
export type SessionListPage = z.infer<typeof SessionListPage>

export const ActionItemListInput = z.strictObject({
  coachId: Id.optional(),
  /** Open items only (the default), or every item. */
  open: z.boolean().default(true),
})
export const ActionItemList = z.object({
  items: z.array(ActionItem.extend({ heldOn: IsoDate })),
})

export const MarkDoneInput = z.strictObject({ id: Id, done: z.boolean().default(true) })

export const START_SCOPES = {
  mine: 'My coaches',
  everyone: 'Everyone',
} as const
export type StartScope = keyof typeof START_SCOPES
export const StartPageInput = z.strictObject({ scope: enumOf(START_SCOPES).default('mine') })

export const CADENCE_STATES = {
  overdue: 'Overdue',
  due_this_week: 'Due this week',
} as const

export const CadenceRow = z.object({
  coachId: Id,
  displayName: z.string(),
  cadenceDays: z.number().int(),
  /** The last signed-off session; null when there has been none. */
  lastSessionOn: IsoDate.nullable(),
  dueOn: IsoDate,
  state: enumOf(CADENCE_STATES),
})
export type CadenceRow = z.infer<typeof CadenceRow>

export const BalanceRow = z.object({
  coachId: Id,
  displayName: z.string(),
  sessions: z.number().int(),
  normative: z.number().int(),
  formative: z.number().int(),
  restorative: z.number().int(),
  lastRestorativeOn: IsoDate.nullable(),
})
export type BalanceRow = z.infer<typeof BalanceRow>

export const StartPage = z.object({
  today: IsoDate,
  /** The first day of the balance's six months. */
  balanceFrom: IsoDate,
  cadence: z.array(CadenceRow),
  items: z.array(ActionItem.extend({ heldOn: IsoDate })),
  balance: z.array(BalanceRow),
})
export type StartPage = z.infer<typeof StartPage>

export const BarriersInput = z.strictObject({
  scope: enumOf(START_SCOPES).default('everyone'),
  quarters: z.number().int().min(1).max(40).default(8),
})
export const BarrierQuarter = z.object({
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
  sessions: z.number().int(),
  counts: z.object({ payer_funding: z.number(), host_site_policy: z.number(), stigma: z.number(), other: z.number() }),
})
export type BarrierQuarter = z.infer<typeof BarrierQuarter>
export const BarriersOverTime = z.object({ quarters: z.array(BarrierQuarter) })
export type BarriersOverTime = z.infer<typeof BarriersOverTime>

export const SEARCH_KINDS = {
  shared_note: 'Shared note',
  private_note: 'Private note',
  action_item: 'Action item',
} as const
export type SearchKind = keyof typeof SEARCH_KINDS

export const SearchInput = z.strictObject({
  /** Anything a person types: it becomes quoted words, never FTS syntax. */
  query: z.string().max(10_000, 'Search must be at most 10,000 characters'),
  limit: z.number().int().min(1).max(50).default(20),
  after: z.string().max(500).nullish(),
})

/** A snippet as pieces, each marked a hit or not: shown with <mark>, never as HTML. */
export const SnippetPart = z.object({ text: z.string(), hit: z.boolean() })
export type SnippetPart = z.infer<typeof SnippetPart>

export const SearchHit = z.object({
  kind: enumOf(SEARCH_KINDS),
  sessionId: Id,
  actionItemId: Id.nullable(),
  heldOn: IsoDate,
  coachNames: z.array(z.string()),
  snippet: z.array(SnippetPart),
})
export type SearchHit = z.infer<typeof SearchHit>
export const SearchPage = z.object({ items: z.array(SearchHit), nextCursor: z.string().nullable() })
export type SearchPage = z.infer<typeof SearchPage>

export const LinkAssessmentInput = z.strictObject({ sessionId: Id, assessmentId: Id })

/** The supervision channels of the contract. */
export const supervisionChannels = {
  'supervision.create': { input: SessionFields, output: Session },
  'supervision.update': { input: SessionUpdateInput, output: Session },
  'supervision.signOff': { input: SessionSignOffInput, output: Session },
  'supervision.addAddendum': { input: AddendumInput, output: Session },
  'supervision.linkAssessment': { input: LinkAssessmentInput, output: Session },
  'supervision.get': { input: z.strictObject({ id: Id }), output: Session },
  'supervision.list': { input: SessionListInput, output: SessionListPage },
  'supervision.startPage': { input: StartPageInput, output: StartPage },
  'supervision.barriers': { input: BarriersInput, output: BarriersOverTime },
  'supervision.search': { input: SearchInput, output: SearchPage },
  'actionItems.list': { input: ActionItemListInput, output: ActionItemList },
  'actionItems.markDone': { input: MarkDoneInput, output: ActionItem },
} as const satisfies Record<string, ChannelSpec>
