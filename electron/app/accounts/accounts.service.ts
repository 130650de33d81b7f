import type { ParsedInput } from '@shared/api/contract'
import type { Account } from '@shared/domain/accounts'
import type { Role } from '@shared/domain/auth'
import type { Kysely } from 'kysely'
import { instant } from '../clock'
import type { Context } from '../context'
import type { Database } from '../db/schema'
import { AppError, conflict, notFound } from '../errors'
import { recordAudit } from '../audit/audit'
import type { Auth } from '../auth/auth.service'

/** Accounts are managed by supervisors. Every change writes the account's key slot and its audit event together. */

function selectAccounts(db: Kysely<Database>) {
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

type AccountRow = Awaited<ReturnType<ReturnType<typeof selectAccounts>['execute']>>[number]

function toAccount(row: AccountRow, lockedOut: Set<number>): Account {
  return {
    id: row.id,
    version: row.version,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    coachId: row.coach_id,
    coachName: row.coach_id === null ? null : (row.preferred_name ?? row.legal_name ?? null),
    active: row.active === 1,
    locked: lockedOut.has(row.id),
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
  }
}

export async function listAccounts(auth: Auth, ctx: Context): Promise<Account[]> {
  const rows = await selectAccounts(ctx.db).orderBy('a.active', 'desc').orderBy('a.username').execute()
  const lockedOut = auth.lockedOut()
  return rows.map((row) => toAccount(row, lockedOut))
}

async function loadAccount(auth: Auth, db: Kysely<Database>, id: number): Promise<Account> {
  const row = await selectAccounts(db).where('a.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('That account')
  return toAccount(row, auth.lockedOut())
}

async function requireVersion(db: Kysely<Database>, id: number, version: number) {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('That account')
  if (row.version !== version) {
    throw conflict('Someone else changed this account since you opened it. Reload to see the change, then try again.')
  }
  return row
}

export async function createAccount(auth: Auth, ctx: Context, input: ParsedInput<'accounts.create'>): Promise<Account> {
  const now = instant(ctx.clock)
  const id = await auth.writeAccountSlot(input.username, input.password, async (trx, saveSlotFor) => {
    const taken = await trx
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst()
    if (taken) {
      throw new AppError('conflict', 'That username is already taken.', { username: 'Already taken; choose another' })
    }
    if (input.coachId !== null) {
      const coach = await trx
        .selectFrom('coaches')
        .select(['id', 'status'])
        .where('id', '=', input.coachId)
        .executeTakeFirst()
      if (!coach) throw new AppError('invalid_input', 'That roster entry does not exist.', { coachId: 'No such coach' })
      const linked = await trx
        .selectFrom('accounts')
        .select('id')
        .where('coach_id', '=', input.coachId)
        .executeTakeFirst()
      if (linked) {
        throw new AppError('conflict', 'That coach already has an account.', { coachId: 'Already has an account' })
      }
    }
    const inserted = await trx
      .insertInto('accounts')
      .values({
        version: 1,
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        coach_id: input.coachId,
        active: 1,
        // A password set by someone else is a first password only.
        must_change_password: 1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, ctx, 'create', 'account', inserted.id)
    saveSlotFor(inserted.id)
    return inserted.id
  })
  return loadAccount(auth, ctx.db, id)
}

export async function deactivateAccount(
  auth: Auth,
  ctx: Context,
  input: ParsedInput<'accounts.deactivate'>,
): Promise<Account> {
  await auth.removeAccountSlot(input.id, async (trx) => {
    const row = await requireVersion(trx, input.id, input.version)
    if (row.active === 0) throw conflict('That account is already deactivated.')
    if (row.id === ctx.session?.accountId) {
      throw new AppError('invalid_input', 'You cannot deactivate your own account.', { id: 'Your own account' })
    }
    if (row.role === 'supervisor') {
      const supervisors = await trx
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'supervisor')
        .where('active', '=', 1)
        .executeTakeFirstOrThrow()
      if (Number(supervisors.n) <= 1) throw conflict('The office needs at least one active supervisor.')
    }
    const now = instant(ctx.clock)
    await trx
      .updateTable('accounts')
      .set({ active: 0, deactivated_at: now, updated_at: now, version: row.version + 1 })
      .where('id', '=', input.id)
      .execute()
    await recordAudit(trx, ctx, 'deactivate', 'account', input.id)
  })
  return loadAccount(auth, ctx.db, input.id)
}

/** Reactivation and a password reset both give the account a new first password, which it must change. */
function setFirstPassword(action: 'reactivate' | 'reset_password') {
  return async (auth: Auth, ctx: Context, input: ParsedInput<'accounts.resetPassword'>): Promise<Account> => {
    const existing = await ctx.db
      .selectFrom('accounts')
      .select('username')
      .where('id', '=', input.id)
      .executeTakeFirst()
    if (!existing) throw notFound('That account')
    await auth.writeAccountSlot(existing.username, input.password, async (trx, saveSlotFor) => {
      const row = await requireVersion(trx, input.id, input.version)
      if (action === 'reactivate' && row.active === 1) throw conflict('That account is already active.')
      if (action === 'reset_password' && row.active === 0) {
        throw conflict('That account is deactivated; reactivate it to give it a password.')
      }
      const now = instant(ctx.clock)
      await trx
        .updateTable('accounts')
        .set({ active: 1, deactivated_at: null, must_change_password: 1, updated_at: now, version: row.version + 1 })
        .where('id', '=', input.id)
        .execute()
      await recordAudit(trx, ctx, action, 'account', input.id)
      saveSlotFor(input.id)
    })
    // Sessions signed in with the old password end; the new first password must be changed at the next sign-in.
    auth.sessions.endAccount(input.id)
    return loadAccount(auth, ctx.db, input.id)
  }
}

export const reactivateAccount = setFirstPassword('reactivate')
export const resetAccountPassword = setFirstPassword('reset_password')
