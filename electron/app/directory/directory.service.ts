import type { ParsedInput } from '@shared/api/contract'
import {
  RESOURCE_FIELDS,
  ResourceContent,
  isOpenAt,
  minuteOfWeekAt,
  staleThreshold,
  weekSpan,
  type ConnectedCoach,
  type OpeningHours,
  type Pathway,
  type Resource,
  type ResourceFields,
  type ResourceHistory,
  type ResourceListPage,
  type ResourceSummary,
  type VersionKind,
} from '@shared/domain/directory'
import { DOMAIN_KEYS, type DomainKey } from '@shared/domain/domains'
import { instant } from '../clock'
import type { SignedInContext } from '../context'
import type { Db } from '../db/schema'
import { foldForSearch } from '../db/open'
import { decodeCursor, encodeCursor } from '../db/keyset'
import { AppError, conflict, notFound } from '../errors'
import { officeTimeZone } from '../settings/settings.service'
import * as repo from './directory.repository'
import { DIRECTORY_COACH_VIEW } from './directory.policy'

// ---------------------------------------------------------------------------------------------------------------
// Search: the MATCH expression is built here, from words only, so no text a person types can be FTS5 syntax.

/** Beyond these, pasted text adds nothing a person meant to search for. */
export const MAX_SEARCH_WORDS = 12
const MAX_WORD_LENGTH = 64

/**
 * The FTS5 MATCH expression for what a person typed, or null when it holds no words. Each word (letters and digits,
 * folded like the index: lower case, no accents) becomes a quoted string, so quotes, `*`, `:`, `^`, `-`, NEAR,
 * AND/OR/NOT, column names and parentheses are only ever text. Every word must match; the last may be the start of a
 * word, so results come as the person types.
 */
export function matchExpression(text: string): string | null {
  const words = [...new Set(foldForSearch(text).match(/[\p{L}\p{N}]+/gu) ?? [])]
    .slice(0, MAX_SEARCH_WORDS)
    .map((word) => word.slice(0, MAX_WORD_LENGTH))
  if (words.length === 0) return null
  return words.map((word, i) => (i === words.length - 1 && word.length >= 2 ? `"${word}"*` : `"${word}"`)).join(' ')
}

// ---------------------------------------------------------------------------------------------------------------
// A resource's fields, in one canonical shape, so versions compare field by field.

const sortedNumbers = (list: readonly number[]) => [...list].sort((a, b) => a - b)

export function canonicalContent(fields: ResourceFields | ResourceContent): ResourceContent {
  return {
    name: fields.name,
    kind: fields.kind,
    description: fields.description,
    pathwayIds: sortedNumbers(fields.pathwayIds),
    domains: DOMAIN_KEYS.filter((key) => fields.domains.includes(key)),
    phone: fields.phone,
    email: fields.email,
    website: fields.website,
    address: fields.address,
    hours: [...fields.hours]
      .map((h) => ({ day: h.day, opens: h.opens, closes: h.closes, closesNextDay: h.closesNextDay }))
      .sort((a, b) => weekSpan(a).start - weekSpan(b).start),
    hoursNote: fields.hoursNote,
    languages: [...fields.languages],
    eligibility: fields.eligibility,
    howToGetIn: fields.howToGetIn,
    connectedCoachIds: sortedNumbers(fields.connectedCoachIds),
  }
}

/** The fields that differ between two versions, by name. */
export function changedFields(before: ResourceContent, after: ResourceContent): (keyof ResourceContent)[] {
  return RESOURCE_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
}

/** A resource as shown, back to the fields it holds (what a version of it would say). */
export function contentOf(resource: Resource): ResourceContent {
  return canonicalContent({
    ...resource,
    pathwayIds: resource.pathways.map((p) => p.id),
    connectedCoachIds: resource.connections.map((c) => c.coachId),
  })
}

function columnsFor(content: ResourceContent) {
  return {
    name: content.name,
    sort_name: foldForSearch(content.name),
    kind: content.kind,
    description: content.description,
    phone: content.phone,
    email: content.email,
    website: content.website,
    address: content.address,
    hours_note: content.hoursNote,
    eligibility: content.eligibility,
    how_to_get_in: content.howToGetIn,
  }
}

function detailRows(content: ResourceContent) {
  return {
    languages: content.languages.map((language) => ({ language, folded: foldForSearch(language) })),
    hours: content.hours.map((h) => ({ ...h, ...weekSpan(h) })),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Rows to DTOs.

const displayName = (row: { legal_name: string; preferred_name: string | null }) => row.preferred_name ?? row.legal_name

/** What "now" means for a viewer of the directory: which minute of the office's week, and when checks go stale. */
async function moment(ctx: SignedInContext) {
  const now = ctx.clock.now()
  return { minute: minuteOfWeekAt(now, await officeTimeZone(ctx.db)), staleBefore: staleThreshold(now) }
}
type Moment = Awaited<ReturnType<typeof moment>>

const parsed = <T>(json: string | null): T[] => (json ? (JSON.parse(json) as T[]) : [])
const domainOrder = (d: DomainKey) => DOMAIN_KEYS.indexOf(d)

/** A resource as the list shows it: its row with its small tables, read in the same statement. */
function toSummary(row: repo.ShownResourceRow, at: Moment): ResourceSummary {
  const hours = parsed<{ day: OpeningHours['day']; opens: string; closes: string; closesNextDay: number }>(
    row.hours_json,
  ).map((h) => ({ day: h.day, opens: h.opens, closes: h.closes, closesNextDay: h.closesNextDay === 1 }))
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    kind: row.kind,
    description: row.description,
    pathways: parsed<{ id: number; label: string }>(row.pathways_json),
    domains: parsed<DomainKey>(row.domains_json).sort((a, b) => domainOrder(a) - domainOrder(b)),
    phone: row.phone,
    email: row.email,
    website: row.website,
    address: row.address,
    hours,
    hoursNote: row.hours_note,
    languages: parsed<string>(row.languages_json),
    eligibility: row.eligibility,
    howToGetIn: row.how_to_get_in,
    connections: parsed<ConnectedCoach>(row.connections_json),
    lastCheckedAt: row.last_checked_at,
    lastCheckedBy: row.checked_by_name,
    stale: row.last_checked_at < at.staleBefore,
    openNow: isOpenAt(hours, at.minute),
    updatedAt: row.updated_at,
    tipCount: Number(row.tip_count),
  }
}

/** The summaries of a page, in the page's order. */
async function summariesOf(db: Db, ids: readonly number[], at: Moment): Promise<ResourceSummary[]> {
  const byId = new Map((await repo.resourcesShown(db, ids)).map((row) => [row.id, row]))
  return ids.flatMap((id) => {
    const row = byId.get(id)
    return row ? [toSummary(row, at)] : []
  })
}

export async function loadResource(ctx: SignedInContext, id: number): Promise<Resource> {
  const [row, tips, at] = await Promise.all([repo.findResourceShown(ctx.db, id), repo.tipsOf(ctx.db, id), moment(ctx)])
  if (!row) throw notFound('That resource')
  const { tipCount: _tipCount, ...shown } = toSummary(row, at)
  return {
    ...shown,
    createdAt: row.created_at,
    createdBy: row.created_by_name,
    updatedBy: row.updated_by_name,
    tips: tips.map((t) => ({ id: t.id, text: t.text, at: t.at, by: t.by })),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reads.

export async function getResource(ctx: SignedInContext, input: ParsedInput<'resources.get'>): Promise<Resource> {
  return loadResource(ctx, input.id)
}

const ORDER_KEYS = { name: 'sort_name', last_checked: 'last_checked_at' } as const

/** A page marker that says which order it belongs to, so a marker from another order is refused, not misread. */
function decodeAfter<const S extends readonly ('string' | 'number')[]>(after: string, order: string, shape: S) {
  const [tag, ...key] = decodeCursor(after, ['string', ...shape] as const, 'after') as unknown as [string, ...never[]]
  if (tag !== order) {
    throw new AppError('invalid_input', 'The page marker is not valid; start the list again.', {
      after: 'Not a valid page marker',
    })
  }
  return key as unknown as { [I in keyof S]: S[I] extends 'string' ? string : number }
}

export async function listResources(
  ctx: SignedInContext,
  input: ParsedInput<'resources.list'>,
): Promise<ResourceListPage> {
  const at = await moment(ctx)
  const match = matchExpression(input.search)
  const filters: repo.DirectoryFilters = {
    kind: input.kind ?? null,
    pathwayId: input.pathwayId ?? null,
    domain: input.domain ?? null,
    language: input.language ? foldForSearch(input.language) : null,
    openAtMinute: input.openNow ? at.minute : null,
    checkedBefore: input.staleOnly ? at.staleBefore : null,
    match,
  }
  const total = await repo.countResources(ctx.db, filters)
  if (match !== null) {
    const rows = await repo.searchResourcePage(
      ctx.db,
      { ...filters, match },
      {
        limit: input.limit,
        after: input.after ? decodeAfter(input.after, 'relevance', ['number', 'number'] as const) : null,
      },
    )
    const kept = rows.slice(0, input.limit)
    const last = kept[kept.length - 1]
    return {
      items: await summariesOf(
        ctx.db,
        kept.map((row) => row.id),
        at,
      ),
      total,
      nextCursor: rows.length > input.limit && last ? encodeCursor(['relevance', last.score, last.id]) : null,
      order: 'relevance',
    }
  }
  const sort = ORDER_KEYS[input.sort]
  const rows = await repo.listResourcePage(ctx.db, filters, {
    limit: input.limit,
    sort,
    after: input.after ? decodeAfter(input.after, input.sort, ['string', 'number'] as const) : null,
  })
  const kept = rows.slice(0, input.limit)
  const last = kept[kept.length - 1]
  return {
    items: await summariesOf(
      ctx.db,
      kept.map((row) => row.id),
      at,
    ),
    total,
    nextCursor: rows.length > input.limit && last ? encodeCursor([input.sort, last[sort], last.id]) : null,
    order: input.sort,
  }
}

export async function resourceHistory(
  ctx: SignedInContext,
  input: ParsedInput<'resources.history'>,
): Promise<ResourceHistory> {
  const row = await repo.findResource(ctx.db, input.id)
  if (!row) throw notFound('That resource')
  const [versions, checks] = await Promise.all([repo.listVersions(ctx.db, input.id), repo.listChecks(ctx.db, input.id)])
  const parsed = versions.map((v) => ({ ...v, content: ResourceContent.parse(JSON.parse(v.content)) }))
  const pathwayIds = [...new Set(parsed.flatMap((v) => v.content.pathwayIds))]
  const coachIds = [...new Set(parsed.flatMap((v) => v.content.connectedCoachIds))]
  const [pathways, coaches] = await Promise.all([
    repo.pathwayLabels(ctx.db, pathwayIds),
    repo.coachesByIds(ctx.db, coachIds, DIRECTORY_COACH_VIEW),
  ])
  return {
    id: row.id,
    currentVersion: row.version,
    versions: parsed.map((v) => ({
      version: v.version,
      kind: v.kind,
      at: v.at,
      by: v.by,
      changed: JSON.parse(v.changed) as (keyof ResourceContent)[],
      restoredFrom: v.restored_from,
      content: v.content,
    })),
    checks: checks.map((k) => ({ version: k.version, at: k.at, by: k.by })),
    pathways: pathways.map((p) => ({ id: p.id, label: p.label })),
    coaches: coaches.map((c) => ({ coachId: c.id, displayName: displayName(c) })),
  }
}

export async function listPathways(ctx: SignedInContext): Promise<{ items: Pathway[] }> {
  const rows = await repo.listPathways(ctx.db)
  return { items: rows.map((p) => ({ id: p.id, label: p.label, builtIn: p.built_in === 1 })) }
}

export async function coachChoices(ctx: SignedInContext): Promise<{ items: ConnectedCoach[] }> {
  const rows = await repo.coachChoices(ctx.db, {
    columns: DIRECTORY_COACH_VIEW.columns,
    statuses: DIRECTORY_COACH_VIEW.connectableStatuses,
  })
  return { items: rows.map((c) => ({ coachId: c.id, displayName: displayName(c) })) }
}

// ---------------------------------------------------------------------------------------------------------------
// Writes.

const invalid = (message: string, fields: Record<string, string>) => new AppError('invalid_input', message, fields)

/**
 * Pathways and coaches named must exist; a coach newly named as a connection must still be on the team (one kept
 * from before stays, so an old connection does not block every other edit).
 */
async function requireReferences(db: Db, content: ResourceContent, before: ResourceContent | null, prefix: string) {
  const pathways = await repo.pathwayLabels(db, content.pathwayIds)
  if (pathways.length !== content.pathwayIds.length) {
    throw invalid('One of the pathways is not on the list.', {
      [`${prefix}pathwayIds`]: 'Choose pathways from the list',
    })
  }
  const coaches = await repo.coachesByIds(db, content.connectedCoachIds, DIRECTORY_COACH_VIEW)
  if (coaches.length !== content.connectedCoachIds.length) {
    throw invalid('One of the connected coaches is not on the roster.', {
      [`${prefix}connectedCoachIds`]: 'Choose coaches from the list',
    })
  }
  const connectable: readonly string[] = DIRECTORY_COACH_VIEW.connectableStatuses
  const gone = coaches.find((c) => !connectable.includes(c.status) && !before?.connectedCoachIds.includes(c.id))
  if (gone) {
    throw invalid(`${displayName(gone)} has left the team, so cannot be named as a new connection.`, {
      [`${prefix}connectedCoachIds`]: `${displayName(gone)} has left the team`,
    })
  }
}

/** The resource at `expectedVersion`, or not_found, or conflict when someone saved a newer version first. */
async function requireCurrent(db: Db, id: number, expectedVersion: number, message: string) {
  const row = await repo.findResource(db, id)
  if (!row) throw notFound('That resource')
  if (row.version !== expectedVersion) throw conflict(message)
  return row
}

async function currentContent(db: Db, id: number, version: number): Promise<ResourceContent> {
  const row = await repo.findVersion(db, id, version)
  if (!row) throw new Error(`Resource ${id} has no version ${version} in its history`)
  return ResourceContent.parse(JSON.parse(row.content))
}

const EDIT_CONFLICT =
  'Someone else changed this resource since you opened it. Reload to see their changes, then make yours again.'

/** Saves `content` as the version after `expectedVersion`: the record, its small tables and its history. */
async function writeVersion(
  ctx: SignedInContext,
  id: number,
  expectedVersion: number,
  content: ResourceContent,
  history: { kind: VersionKind; changed: string[]; restoredFrom: number | null },
) {
  const now = instant(ctx.clock)
  const account = ctx.session.accountId
  const written = await repo.updateResourceIfVersion(ctx.db, id, expectedVersion, {
    ...columnsFor(content),
    updated_at: now,
    updated_by: account,
  })
  if (!written) throw conflict(EDIT_CONFLICT)
  await repo.replaceDetails(ctx.db, id, content, detailRows(content))
  await repo.insertVersion(ctx.db, {
    resource_id: id,
    version: expectedVersion + 1,
    kind: history.kind,
    content: JSON.stringify(content),
    changed: JSON.stringify(history.changed),
    restored_from: history.restoredFrom,
    at: now,
    account_id: account,
  })
}

/** A new resource; whoever adds it vouches for it, so it counts as checked by them. */
export async function createResource(ctx: SignedInContext, input: ParsedInput<'resources.create'>): Promise<Resource> {
  const content = canonicalContent(input)
  await requireReferences(ctx.db, content, null, '')
  const now = instant(ctx.clock)
  const account = ctx.session.accountId
  const id = await repo.insertResource(ctx.db, {
    ...columnsFor(content),
    version: 1,
    created_at: now,
    created_by: account,
    updated_at: now,
    updated_by: account,
    last_checked_at: now,
    last_checked_by: account,
  })
  await repo.replaceDetails(ctx.db, id, content, detailRows(content))
  await repo.insertVersion(ctx.db, {
    resource_id: id,
    version: 1,
    kind: 'created',
    content: JSON.stringify(content),
    changed: '[]',
    restored_from: null,
    at: now,
    account_id: account,
  })
  await repo.markCheckedIfVersion(ctx.db, id, 1, { at: now, accountId: account })
  return loadResource(ctx, id)
}

export async function updateResource(ctx: SignedInContext, input: ParsedInput<'resources.update'>): Promise<Resource> {
  await requireCurrent(ctx.db, input.id, input.expectedVersion, EDIT_CONFLICT)
  const before = await currentContent(ctx.db, input.id, input.expectedVersion)
  const content = canonicalContent(input.fields)
  const changed = changedFields(before, content)
  if (changed.length === 0) {
    throw invalid('Nothing to save: the resource already says all of this.', { fields: 'Nothing has changed' })
  }
  await requireReferences(ctx.db, content, before, 'fields.')
  await writeVersion(ctx, input.id, input.expectedVersion, content, { kind: 'edited', changed, restoredFrom: null })
  return loadResource(ctx, input.id)
}

export async function checkResource(ctx: SignedInContext, input: ParsedInput<'resources.check'>): Promise<Resource> {
  const message =
    'Someone changed this resource since you opened it, so what you checked is no longer what it says. Reload, look over the new details, then mark it checked.'
  await requireCurrent(ctx.db, input.id, input.expectedVersion, message)
  const checked = await repo.markCheckedIfVersion(ctx.db, input.id, input.expectedVersion, {
    at: instant(ctx.clock),
    accountId: ctx.session.accountId,
  })
  if (!checked) throw conflict(message)
  return loadResource(ctx, input.id)
}

export async function addTip(ctx: SignedInContext, input: ParsedInput<'resources.addTip'>): Promise<Resource> {
  if (!(await repo.resourceExists(ctx.db, input.id))) throw notFound('That resource')
  await repo.insertTip(ctx.db, {
    resource_id: input.id,
    text: input.text,
    at: instant(ctx.clock),
    account_id: ctx.session.accountId,
  })
  return loadResource(ctx, input.id)
}

/** Brings back an earlier version's fields as a new version: the history only grows, so a restore can be undone too. */
export async function restoreVersion(ctx: SignedInContext, input: ParsedInput<'resources.restore'>): Promise<Resource> {
  const current = await requireCurrent(ctx.db, input.id, input.expectedVersion, EDIT_CONFLICT)
  if (input.version >= current.version) {
    throw invalid(`Version ${input.version} is not an earlier version.`, {
      version: `Choose a version before ${current.version}, the current one`,
    })
  }
  const earlier = await repo.findVersion(ctx.db, input.id, input.version)
  if (!earlier) throw invalid(`There is no version ${input.version}.`, { version: 'No such version' })
  const content = ResourceContent.parse(JSON.parse(earlier.content))
  const changed = changedFields(await currentContent(ctx.db, input.id, current.version), content)
  if (changed.length === 0) {
    throw invalid(`Version ${input.version} says exactly what the resource says now.`, {
      version: 'Same as the current version',
    })
  }
  await writeVersion(ctx, input.id, input.expectedVersion, content, {
    kind: 'restored',
    changed,
    restoredFrom: input.version,
  })
  return loadResource(ctx, input.id)
}

export async function addPathway(ctx: SignedInContext, input: ParsedInput<'resources.addPathway'>): Promise<Pathway> {
  const folded = foldForSearch(input.label)
  if (await repo.findPathwayByFoldedLabel(ctx.db, folded)) {
    throw invalid('That pathway is already on the list.', { label: 'Already on the list' })
  }
  const id = await repo.insertPathway(ctx.db, {
    label: input.label,
    folded_label: folded,
    created_at: instant(ctx.clock),
    created_by: ctx.session.accountId,
  })
  return { id, label: input.label, builtIn: false }
}
