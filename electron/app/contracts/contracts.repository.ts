import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely'
import type { ContractFilter, PartnerType } from '@shared/domain/contracts'
import type { CoverageWindow } from '@shared/domain/coverage'
import type { Db } from '../db/schema'
import type { ContractScope } from './contracts.policy'
import type { ContractsTable, PartnerContactsTable, PartnersTable } from './contracts.table'

/** All SQL of partners and contracts. The database (or the call's transaction) is passed in. */

// ---------------------------------------------------------------------------------------------------------------
// Partners.

export function findPartner(db: Db, id: number) {
  return db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertPartner(db: Db, row: Insertable<PartnersTable>): Promise<number> {
  const inserted = await db.insertInto('partners').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

/** Writes only if the row is still at `expectedVersion`; answers whether it did. */
export async function updatePartnerIfVersion(
  db: Db,
  id: number,
  expectedVersion: number,
  values: Updateable<PartnersTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('partners')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export function listContacts(db: Db, partnerId: number) {
  return db
    .selectFrom('partner_contacts')
    .select(['name', 'role', 'phone', 'email'])
    .where('partner_id', '=', partnerId)
    .orderBy('position')
    .execute()
}

/** The partner's contacts become exactly `contacts`, in that order. */
export async function replaceContacts(
  db: Db,
  partnerId: number,
  contacts: readonly Omit<Insertable<PartnerContactsTable>, 'partner_id' | 'position'>[],
) {
  await db.deleteFrom('partner_contacts').where('partner_id', '=', partnerId).execute()
  if (contacts.length === 0) return
  await db
    .insertInto('partner_contacts')
    .values(contacts.map((contact, position) => ({ ...contact, partner_id: partnerId, position })))
    .execute()
}

/** Contracts in force on `today`, as a condition on `contracts`. */
function inForce(today: string): Expression<SqlBool> {
  return sql<SqlBool>`(contracts.terminated_on IS NULL AND contracts.start_date <= ${today} AND contracts.end_date >= ${today})`
}

export interface PartnerQuery {
  /** Folded for search and escaped for LIKE with `\` as the escape character. */
  likePattern: string | null
  type: PartnerType | null
  today: string
  after: readonly [string, number] | null
  limit: number
}

function partnersFiltered(db: Db, query: Pick<PartnerQuery, 'likePattern' | 'type'>) {
  let q = db.selectFrom('partners')
  if (query.type !== null) q = q.where('type', '=', query.type)
  if (query.likePattern !== null) q = q.where(sql<SqlBool>`sort_name LIKE ${query.likePattern} ESCAPE '\\'`)
  return q
}

/** One page of partners by name, keyset-paged on (sort_name, id), with how many contracts each has in force. */
export function listPartnerPage(db: Db, query: PartnerQuery) {
  let q = partnersFiltered(db, query).select((eb) => [
    'partners.id',
    'partners.name',
    'partners.type',
    'partners.sort_name',
    eb
      .selectFrom('contracts')
      .select(eb.fn.countAll<number>().as('n'))
      .whereRef('contracts.partner_id', '=', 'partners.id')
      .where(inForce(query.today))
      .as('active_contracts'),
  ])
  const after = query.after
  if (after) q = q.where((eb) => eb(eb.refTuple('sort_name', 'id'), '>', eb.tuple(after[0], after[1])))
  return q
    .orderBy('sort_name')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute()
}

export async function countPartners(db: Db, query: Pick<PartnerQuery, 'likePattern' | 'type'>) {
  const row = await partnersFiltered(db, query)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Partner names by id, for the audit page. */
export async function partnerNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('partners').select(['id', 'name']).where('id', 'in', ids).execute()
  return new Map(rows.map((row) => [row.id, row.name]))
}

// ---------------------------------------------------------------------------------------------------------------
// Contracts.

/**
 * Contracts with their partner. A CROSS JOIN, which SQLite never reorders: the contracts' own indexes (reference, end
 * date, partner) drive every query here, and a page stops after its rows instead of sorting every contract.
 */
function contractsWithPartner(db: Db) {
  return db.selectFrom('contracts').crossJoin('partners').whereRef('partners.id', '=', 'contracts.partner_id')
}

function inScope(scope: ContractScope): Expression<SqlBool> {
  return scope.kind === 'all'
    ? sql<SqlBool>`1`
    : sql<SqlBool>`EXISTS (SELECT 1 FROM contract_team WHERE contract_team.contract_id = contracts.id
        AND contract_team.coach_id = ${scope.coachId ?? -1})`
}

/** The contract with its partner's name and type, if the scope reaches it. */
export function findContract(db: Db, id: number, scope: ContractScope = { kind: 'all' }) {
  return contractsWithPartner(db)
    .selectAll('contracts')
    .select(['partners.name as partner_name', 'partners.type as partner_type'])
    .where('contracts.id', '=', id)
    .where(inScope(scope))
    .executeTakeFirst()
}

/** The contract row alone: for version checks and audit summaries. */
export function findContractRow(db: Db, id: number) {
  return db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function referenceTaken(db: Db, reference: string, exceptId: number | null): Promise<boolean> {
  let q = db.selectFrom('contracts').select('id').where('reference', '=', reference)
  if (exceptId !== null) q = q.where('id', '<>', exceptId)
  return (await q.executeTakeFirst()) !== undefined
}

export async function insertContract(db: Db, row: Insertable<ContractsTable>): Promise<number> {
  const inserted = await db.insertInto('contracts').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export async function updateContractIfVersion(
  db: Db,
  id: number,
  expectedVersion: number,
  values: Updateable<ContractsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('contracts')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/** Coverage windows of several contracts at once, in their order. */
export async function listCoverage(db: Db, contractIds: readonly number[]) {
  if (contractIds.length === 0) return new Map<number, CoverageWindow[]>()
  const rows = await db
    .selectFrom('contract_coverage')
    .select(['contract_id', 'start_day', 'start_time', 'end_day', 'end_time'])
    .where('contract_id', 'in', contractIds)
    .orderBy('contract_id')
    .orderBy('position')
    .execute()
  const byContract = new Map<number, CoverageWindow[]>()
  for (const row of rows) {
    const list = byContract.get(row.contract_id) ?? []
    list.push({ startDay: row.start_day, startTime: row.start_time, endDay: row.end_day, endTime: row.end_time })
    byContract.set(row.contract_id, list)
  }
  return byContract
}

export async function replaceCoverage(db: Db, contractId: number, windows: readonly CoverageWindow[]) {
  await db.deleteFrom('contract_coverage').where('contract_id', '=', contractId).execute()
  if (windows.length === 0) return
  await db
    .insertInto('contract_coverage')
    .values(
      windows.map((w, position) => ({
        contract_id: contractId,
        position,
        start_day: w.startDay,
        start_time: w.startTime,
        end_day: w.endDay,
        end_time: w.endTime,
      })),
    )
    .execute()
}

/** The team, by display name; only `onlyCoachId` when given (a coach sees themself, never their teammates). */
export function listTeam(db: Db, contractId: number, onlyCoachId: number | null = null) {
  let q = db
    .selectFrom('contract_team')
    .innerJoin('coaches', 'coaches.id', 'contract_team.coach_id')
    .select(['coaches.id', 'coaches.legal_name', 'coaches.preferred_name', 'coaches.status', 'coaches.sort_name'])
    .where('contract_team.contract_id', '=', contractId)
  if (onlyCoachId !== null) q = q.where('contract_team.coach_id', '=', onlyCoachId)
  return q.orderBy('coaches.sort_name').orderBy('coaches.id').execute()
}

export async function replaceTeam(db: Db, contractId: number, coachIds: readonly number[]) {
  await db.deleteFrom('contract_team').where('contract_id', '=', contractId).execute()
  if (coachIds.length === 0) return
  await db
    .insertInto('contract_team')
    .values(coachIds.map((coachId) => ({ contract_id: contractId, coach_id: coachId })))
    .execute()
}

export async function isOnTeam(db: Db, contractId: number, coachId: number): Promise<boolean> {
  const row = await db
    .selectFrom('contract_team')
    .select('coach_id')
    .where('contract_id', '=', contractId)
    .where('coach_id', '=', coachId)
    .executeTakeFirst()
  return row !== undefined
}

/** The coaches among `ids` that exist, with their status and name. */
export function findCoaches(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('coaches')
    .select(['id', 'legal_name', 'preferred_name', 'status'])
    .where('id', 'in', ids)
    .execute()
}

export interface ContractQuery {
  filter: ContractFilter
  today: string
  scope: ContractScope
  partnerId: number | null
  coachId: number | null
  /** Folded for search and escaped for LIKE with `\` as the escape character. */
  likePattern: string | null
  after: readonly [string, number] | null
  limit: number
}

/** The condition a list filter puts on a contract's dates on `today`. */
function filterCondition(filter: ContractFilter, today: string): Expression<SqlBool> {
  const live = sql<SqlBool>`contracts.terminated_on IS NULL`
  switch (filter) {
    case 'all':
      return sql<SqlBool>`1`
    case 'current':
      return sql<SqlBool>`(${live} AND contracts.end_date >= ${today})`
    case 'active':
      return inForce(today)
    case 'renewal_due':
      return sql<SqlBool>`(${inForce(today)}
        AND date(contracts.end_date, printf('-%d days', contracts.renewal_notice_days)) <= ${today})`
    case 'draft':
      return sql<SqlBool>`(${live} AND contracts.start_date > ${today})`
    case 'expired':
      return sql<SqlBool>`(${live} AND contracts.end_date < ${today})`
    case 'terminated':
      return sql<SqlBool>`contracts.terminated_on IS NOT NULL`
  }
}

const summaryColumns = [
  'contracts.id',
  'contracts.partner_id',
  'partners.name as partner_name',
  'contracts.reference',
  'contracts.title',
  'contracts.start_date',
  'contracts.end_date',
  'contracts.terminated_on',
  'contracts.renewal_notice_days',
  'contracts.target_minutes',
] as const

/** One page of contracts by reference, keyset-paged on (reference, id). */
export function listContractPage(db: Db, query: ContractQuery) {
  let q = contractsWithPartner(db)
    .select(summaryColumns)
    .where(filterCondition(query.filter, query.today))
    .where(inScope(query.scope))
  if (query.partnerId !== null) q = q.where('contracts.partner_id', '=', query.partnerId)
  if (query.coachId !== null) {
    const coachId = query.coachId
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('contract_team')
          .select('contract_team.coach_id')
          .whereRef('contract_team.contract_id', '=', 'contracts.id')
          .where('contract_team.coach_id', '=', coachId),
      ),
    )
  }
  if (query.likePattern !== null) {
    q = q.where(
      sql<SqlBool>`fold_for_search(contracts.reference || ' ' || contracts.title || ' ' || partners.name)
        LIKE ${query.likePattern} ESCAPE '\\'`,
    )
  }
  const after = query.after
  if (after) {
    q = q.where((eb) => eb(eb.refTuple('contracts.reference', 'contracts.id'), '>', eb.tuple(after[0], after[1])))
  }
  return q
    .orderBy('contracts.reference')
    .orderBy('contracts.id')
    .limit(query.limit + 1)
    .execute()
}

/** Every contract of a partner (a handful), newest first. */
export function contractsOfPartner(db: Db, partnerId: number) {
  return contractsWithPartner(db)
    .select(summaryColumns)
    .where('contracts.partner_id', '=', partnerId)
    .orderBy('contracts.start_date', 'desc')
    .orderBy('contracts.id', 'desc')
    .execute()
}

/** Contracts in force on `today` (the dashboard's list), by end date. */
export function contractsInForce(db: Db, today: string, limit: number) {
  return contractsWithPartner(db)
    .select(summaryColumns)
    .where('contracts.end_date', '>=', today)
    .where(inForce(today))
    .orderBy('contracts.end_date')
    .orderBy('contracts.id')
    .limit(limit)
    .execute()
}

/** "REF-1 (Title)" by id, for the audit page. */
export async function contractNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('contracts').select(['id', 'reference', 'title']).where('id', 'in', ids).execute()
  return new Map(rows.map((row) => [row.id, `${row.reference} (${row.title})`]))
}
