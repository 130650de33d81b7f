import { sql, type Insertable, type SelectQueryBuilder, type Updateable } from 'kysely'
import { MINUTES_PER_WEEK, type ResourceContent, type ResourceKind } from '@shared/domain/directory'
import type { DomainKey } from '@shared/domain/domains'
import type { CoachStatus } from '@shared/domain/roster'
import type { Database, Db } from '../db/schema'
import type { ResourcesTable, ResourceVersionsTable } from './directory.table'
import type { CoachView } from './directory.policy'

/** All SQL of the directory. The database (or the call's transaction) is passed in. */

type ResourceQuery = SelectQueryBuilder<Database & { r: ResourcesTable }, 'r', object>

/**
 * A resource with everything shown of it, in one statement: its small tables as JSON arrays (in the order they are
 * shown), how many tips it has, and who last checked it. Of a connected coach it selects only what makes a display
 * name (DIRECTORY_COACH_VIEW in directory.policy.ts).
 */
function withDetails<Q extends ResourceQuery>(q: Q) {
  return q
    .leftJoin('accounts as checker', 'checker.id', 'r.last_checked_by')
    .selectAll('r')
    .select([
      'checker.display_name as checked_by_name',
      sql<string>`(SELECT json_group_array(json_object('id', p.id, 'label', p.label) ORDER BY p.folded_label)
        FROM resource_pathway_links l JOIN resource_pathways p ON p.id = l.pathway_id WHERE l.resource_id = r.id)`.as(
        'pathways_json',
      ),
      sql<string>`(SELECT json_group_array(d.domain) FROM resource_domains d WHERE d.resource_id = r.id)`.as(
        'domains_json',
      ),
      sql<string>`(SELECT json_group_array(g.language ORDER BY g.position)
        FROM resource_languages g WHERE g.resource_id = r.id)`.as('languages_json'),
      sql<string>`(SELECT json_group_array(json_object('day', h.day, 'opens', h.opens, 'closes', h.closes,
          'closesNextDay', h.closes_next_day) ORDER BY h.start_minute)
        FROM resource_hours h WHERE h.resource_id = r.id)`.as('hours_json'),
      sql<string>`(SELECT json_group_array(json_object('coachId', c.id, 'displayName', coalesce(c.preferred_name,
          c.legal_name)) ORDER BY c.sort_name, c.id)
        FROM resource_connections rc JOIN coaches c ON c.id = rc.coach_id WHERE rc.resource_id = r.id)`.as(
        'connections_json',
      ),
      sql<number>`(SELECT count(*) FROM resource_tips t WHERE t.resource_id = r.id)`.as('tip_count'),
    ])
}

/** Just the record, for the checks of a write (versions, existence). */
export function findResource(db: Db, id: number) {
  return db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The record as its page shows it, with who made and last changed it. */
export function findResourceShown(db: Db, id: number) {
  return withDetails(db.selectFrom('resources as r') as ResourceQuery)
    .leftJoin('accounts as creator', 'creator.id', 'r.created_by')
    .leftJoin('accounts as editor', 'editor.id', 'r.updated_by')
    .select(['creator.display_name as created_by_name', 'editor.display_name as updated_by_name'])
    .where('r.id', '=', id)
    .executeTakeFirst()
}

/** Several records as the list shows them (in no particular order: the caller keeps its page's order). */
export function resourcesShown(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return withDetails(db.selectFrom('resources as r') as ResourceQuery)
    .where('r.id', 'in', ids)
    .execute()
}

export type ShownResourceRow = Awaited<ReturnType<typeof resourcesShown>>[number]

export async function resourceExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('resources').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

export function tipsOf(db: Db, id: number) {
  return db
    .selectFrom('resource_tips as t')
    .leftJoin('accounts as a', 'a.id', 't.account_id')
    .select(['t.id', 't.text', 't.at', 'a.display_name as by'])
    .where('t.resource_id', '=', id)
    .orderBy('t.id', 'desc')
    .execute()
}

// ---------------------------------------------------------------------------------------------------------------
// Writes.

export async function insertResource(db: Db, row: Insertable<ResourcesTable>): Promise<number> {
  const inserted = await db.insertInto('resources').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

/** Writes only if the row is still at `expectedVersion`, moving it to the next version; answers whether it did. */
export async function updateResourceIfVersion(
  db: Db,
  id: number,
  expectedVersion: number,
  values: Updateable<ResourcesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('resources')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** Records a check of the resource as it is at `version`, only if it still is; answers whether it did. */
export async function markCheckedIfVersion(
  db: Db,
  id: number,
  version: number,
  check: { at: string; accountId: number },
): Promise<boolean> {
  const result = await db
    .updateTable('resources')
    .set({ last_checked_at: check.at, last_checked_by: check.accountId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  if (result.numUpdatedRows !== 1n) return false
  await db
    .insertInto('resource_checks')
    .values({ resource_id: id, version, at: check.at, account_id: check.accountId })
    .execute()
  return true
}

/** Replaces the resource's small tables with what `content` says (already canonical: see the service). */
export async function replaceDetails(
  db: Db,
  id: number,
  content: ResourceContent,
  rows: {
    languages: { language: string; folded: string }[]
    hours: { day: string; opens: string; closes: string; closesNextDay: boolean; start: number; end: number }[]
  },
) {
  for (const table of [
    'resource_pathway_links',
    'resource_domains',
    'resource_languages',
    'resource_hours',
    'resource_connections',
  ] as const) {
    await db.deleteFrom(table).where('resource_id', '=', id).execute()
  }
  if (content.pathwayIds.length) {
    await db
      .insertInto('resource_pathway_links')
      .values(content.pathwayIds.map((pathway_id) => ({ resource_id: id, pathway_id })))
      .execute()
  }
  if (content.domains.length) {
    await db
      .insertInto('resource_domains')
      .values(content.domains.map((domain) => ({ resource_id: id, domain })))
      .execute()
  }
  if (rows.languages.length) {
    await db
      .insertInto('resource_languages')
      .values(rows.languages.map((l, position) => ({ resource_id: id, position, ...l })))
      .execute()
  }
  if (rows.hours.length) {
    await db
      .insertInto('resource_hours')
      .values(
        rows.hours.map((h) => ({
          resource_id: id,
          day: h.day as never,
          opens: h.opens,
          closes: h.closes,
          closes_next_day: h.closesNextDay ? (1 as const) : (0 as const),
          start_minute: h.start,
          end_minute: h.end,
        })),
      )
      .execute()
  }
  if (content.connectedCoachIds.length) {
    await db
      .insertInto('resource_connections')
      .values(content.connectedCoachIds.map((coach_id) => ({ resource_id: id, coach_id })))
      .execute()
  }
}

export function insertVersion(db: Db, row: Insertable<ResourceVersionsTable>) {
  return db.insertInto('resource_versions').values(row).execute()
}

export function insertTip(db: Db, row: { resource_id: number; text: string; at: string; account_id: number }) {
  return db.insertInto('resource_tips').values(row).execute()
}

// ---------------------------------------------------------------------------------------------------------------
// History.

export function findVersion(db: Db, id: number, version: number) {
  return db
    .selectFrom('resource_versions')
    .selectAll()
    .where('resource_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
}

export function listVersions(db: Db, id: number) {
  return db
    .selectFrom('resource_versions as v')
    .leftJoin('accounts as a', 'a.id', 'v.account_id')
    .select(['v.version', 'v.kind', 'v.content', 'v.changed', 'v.restored_from', 'v.at', 'a.display_name as by'])
    .where('v.resource_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute()
}

export function listChecks(db: Db, id: number) {
  return db
    .selectFrom('resource_checks as k')
    .leftJoin('accounts as a', 'a.id', 'k.account_id')
    .select(['k.version', 'k.at', 'a.display_name as by'])
    .where('k.resource_id', '=', id)
    .orderBy('k.id', 'desc')
    .execute()
}

// ---------------------------------------------------------------------------------------------------------------
// Pathways and coaches.

export function listPathways(db: Db) {
  return db.selectFrom('resource_pathways').select(['id', 'label', 'built_in']).orderBy('folded_label').execute()
}

export function pathwayLabels(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('resource_pathways').select(['id', 'label']).where('id', 'in', ids).execute()
}

export function findPathwayByFoldedLabel(db: Db, folded: string) {
  return db.selectFrom('resource_pathways').select('id').where('folded_label', '=', folded).executeTakeFirst()
}

export async function insertPathway(
  db: Db,
  row: { label: string; folded_label: string; created_at: string; created_by: number },
): Promise<number> {
  const inserted = await db
    .insertInto('resource_pathways')
    .values({ ...row, built_in: 0 })
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}

export function findPathway(db: Db, id: number) {
  return db.selectFrom('resource_pathways').select(['id', 'label', 'built_in']).where('id', '=', id).executeTakeFirst()
}

/** The coaches among `ids` that exist, with their status. */
export function coachesByIds(db: Db, ids: readonly number[], view: CoachView) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('coaches as c')
    .select(['c.status', ...view.columns])
    .where('c.id', 'in', ids)
    .execute()
}

/** Coaches who can be named as a connection: the statuses `view` allows, by name. */
export function coachChoices(db: Db, view: CoachView & { statuses: readonly CoachStatus[] }) {
  return db
    .selectFrom('coaches as c')
    .select(view.columns)
    .where('c.status', 'in', view.statuses)
    .orderBy('c.sort_name')
    .orderBy('c.id')
    .execute()
}

// ---------------------------------------------------------------------------------------------------------------
// The list, with or without search words.

export interface DirectoryFilters {
  kind: ResourceKind | null
  pathwayId: number | null
  domain: DomainKey | null
  /** Folded. */
  language: string | null
  /** The minute of the week it is now in the office's time zone, when only open resources are wanted. */
  openAtMinute: number | null
  /** Only resources last checked before this instant. */
  checkedBefore: string | null
  /** An FTS5 MATCH expression built from quoted words (never the person's raw text). */
  match: string | null
}

function filtered<Q extends ResourceQuery>(q: Q, f: DirectoryFilters): Q {
  let query = q
  if (f.kind !== null) query = query.where('r.kind', '=', f.kind) as Q
  if (f.pathwayId !== null) {
    const pathwayId = f.pathwayId
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('resource_pathway_links as l')
          .select('l.pathway_id')
          .whereRef('l.resource_id', '=', 'r.id')
          .where('l.pathway_id', '=', pathwayId),
      ),
    ) as Q
  }
  if (f.domain !== null) {
    const domain = f.domain
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('resource_domains as d')
          .select('d.domain')
          .whereRef('d.resource_id', '=', 'r.id')
          .where('d.domain', '=', domain),
      ),
    ) as Q
  }
  if (f.language !== null) {
    const language = f.language
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('resource_languages as lang')
          .select('lang.folded')
          .whereRef('lang.resource_id', '=', 'r.id')
          .where('lang.folded', '=', language),
      ),
    ) as Q
  }
  if (f.openAtMinute !== null) {
    const minute = f.openAtMinute
    const wrapped = minute + MINUTES_PER_WEEK
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('resource_hours as h')
          .select('h.start_minute')
          .whereRef('h.resource_id', '=', 'r.id')
          .where((h) =>
            h.or([
              h.and([h('h.start_minute', '<=', minute), h('h.end_minute', '>', minute)]),
              // Sunday night's hours run on into Monday morning.
              h.and([h('h.start_minute', '<=', wrapped), h('h.end_minute', '>', wrapped)]),
            ]),
          ),
      ),
    ) as Q
  }
  if (f.checkedBefore !== null) query = query.where('r.last_checked_at', '<', f.checkedBefore) as Q
  return query
}

/** Relevance, as an integer so it can be a page key: bm25 (lower is better) weighs names most, then descriptions. */
const score = sql<number>`CAST(round(bm25(resources_fts, 10.0, 4.0, 2.0, 1.0) * 1000000) AS INTEGER)`

export interface PageQuery {
  limit: number
}

/** The keys of one page by name or by least recently checked, keyset-paged on (sort column, id). */
export function listResourcePage(
  db: Db,
  filters: DirectoryFilters,
  page: PageQuery & { sort: 'sort_name' | 'last_checked_at'; after: readonly [string, number] | null },
) {
  let q = filtered(db.selectFrom('resources as r') as ResourceQuery, filters).select([
    'r.id',
    'r.sort_name',
    'r.last_checked_at',
  ])
  const after = page.after
  if (after) {
    const column = page.sort === 'sort_name' ? ('r.sort_name' as const) : ('r.last_checked_at' as const)
    q = q.where((eb) => eb(eb.refTuple(column, 'r.id'), '>', eb.tuple(after[0], after[1])))
  }
  return q
    .orderBy(page.sort === 'sort_name' ? 'r.sort_name' : 'r.last_checked_at')
    .orderBy('r.id')
    .limit(page.limit + 1)
    .execute()
}

/** The keys of one page of search hits, best first, keyset-paged on (score, id). */
export function searchResourcePage(
  db: Db,
  filters: DirectoryFilters & { match: string },
  page: PageQuery & { after: readonly [number, number] | null },
) {
  let q = filtered(
    db
      .selectFrom('resources_fts')
      .innerJoin('resources as r', 'r.id', 'resources_fts.rowid')
      .where(sql<boolean>`resources_fts MATCH ${filters.match}`) as unknown as ResourceQuery,
    filters,
  ).select(['r.id', score.as('score')])
  const after = page.after
  if (after) q = q.where(sql<boolean>`(${score}, r.id) > (${after[0]}, ${after[1]})`)
  return q
    .orderBy(sql`score`)
    .orderBy('r.id')
    .limit(page.limit + 1)
    .execute()
}

export async function countResources(db: Db, filters: DirectoryFilters): Promise<number> {
  let base = db.selectFrom('resources as r') as ResourceQuery
  if (filters.match !== null) {
    const match = filters.match
    base = base.where(({ eb, selectFrom }) =>
      eb(
        'r.id',
        'in',
        selectFrom('resources_fts')
          .select('rowid')
          .where(sql<boolean>`resources_fts MATCH ${match}`),
      ),
    ) as ResourceQuery
  }
  const row = await filtered(base, filters)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

// ---------------------------------------------------------------------------------------------------------------
// Names for the audit page.

export async function resourceNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('resources').select(['id', 'name']).where('id', 'in', ids).execute()
  return new Map(rows.map((row) => [row.id, row.name]))
}

export async function pathwayNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  return new Map((await pathwayLabels(db, ids)).map((row) => [row.id, row.label]))
}
