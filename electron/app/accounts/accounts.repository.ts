import { sql, type Insertable } from 'kysely'
import type { Db } from '../db/schema'
import type { AccountsTable } from './accounts.table'

/** All SQL of accounts, for the accounts service and for sign-in. */

export function listAccountRows(db: Db) {
  return selectAccounts(db).orderBy('a.active', 'desc').orderBy('a.username').execute()
}

export function findAccountRow(db: Db, id: number) {
  return selectAccounts(db).where('a.id', '=', id).executeTakeFirst()
}

export type AccountWithCoachRow = NonNullable<Awaited<ReturnType<typeof findAccountRow>>>

function selectAccounts(db: Db) {
  return db
    .selectFrom('accounts as a')
    .leftJoin('coaches as c', 'c.id', 'a.coach_id')
    .select([
      'a.id',
      'a.version',
      'a.username',
      'a.display_name',
      'a.role',
      'a.coach_id',
      'a.active',
      'a.must_change_password',
      'a.created_at',
      'a.deactivated_at',
      'c.legal_name',
      'c.preferred_name',
    ])
}

export function findAccount(db: Db, id: number) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Usernames are unique whatever their case (the column is COLLATE NOCASE). */
export function findAccountByUsername(db: Db, username: string) {
  return db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst()
}

export function findAccountForCoach(db: Db, coachId: number) {
  return db.selectFrom('accounts').select('id').where('coach_id', '=', coachId).executeTakeFirst()
}

export async function countActiveSupervisors(db: Db): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'supervisor')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertAccount(db: Db, row: Insertable<AccountsTable>): Promise<number> {
  const inserted = await db.insertInto('accounts').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export function deactivate(db: Db, id: number, now: string) {
  return db
    .updateTable('accounts')
    .set({ active: 0, deactivated_at: now, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute()
}

/** A new first password (a reset or a reactivation): active again, and it must be changed at the next sign-in. */
export function giveFirstPassword(db: Db, id: number, now: string) {
  return db
    .updateTable('accounts')
    .set({
      active: 1,
      deactivated_at: null,
      must_change_password: 1,
      updated_at: now,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute()
}

/** A new role (and the roster entry a coach account belongs to); with a first password given, it must be changed. */
export function setRole(
  db: Db,
  id: number,
  change: { role: AccountsTable['role']; coachId: number | null; firstPassword: boolean; now: string },
) {
  return db
    .updateTable('accounts')
    .set({
      role: change.role,
      coach_id: change.coachId,
      ...(change.firstPassword ? { must_change_password: 1 as const } : {}),
      updated_at: change.now,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute()
}

/** The account chose its own password (or recovered with the recovery key). */
export function passwordChanged(db: Db, id: number, now: string) {
  return db
    .updateTable('accounts')
    .set({ must_change_password: 0, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute()
}

export function countAccounts(db: Db) {
  return db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.n))
}

/** "Dana Whitfield (dana)" by account id, for the audit page. */
export async function accountNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'display_name', 'username'])
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((row) => [row.id, `${row.display_name} (${row.username})`]))
}
