import type { ParsedInput } from '@shared/api/contract'
import type { Account } from '@shared/domain/accounts'
import { instant, type Clock } from '../clock'
import type { SignedInContext } from '../context'
import type { Db } from '../db/schema'
import { AppError, conflict, notFound } from '../errors'
import type { Vault } from '../vault'
import type { SessionStore } from '../auth/sessions'
import type { Role } from '@shared/domain/auth'
import {
  accountSlot,
  accountWrapper,
  formatRecoveryKey,
  newRecoveryKey,
  recoverySlot,
  recoveryWrapper,
  withAccountSlot,
  withoutAccountSlot,
  type KdfParams,
  type OpenedKeys,
} from '../auth/keyring'
import { waitingAccounts } from '../auth/throttle'
import { findCoach } from '../roster/roster.repository'
import * as repo from './accounts.repository'

/**
 * Accounts are managed by supervisors. Every change writes the account's key slot and the database together: the key
 * file is saved inside the call's transaction and put back if it rolls back. The slow key derivation for a new
 * password runs before the transaction opens (these routes are `own`-transaction and `exclusive`). A supervisor's slot
 * also holds the supervisors' key, which the calling supervisor has open; no one else's slot does.
 */
export interface AccountsDeps {
  vault: Vault
  sessions: SessionStore
  kdf: KdfParams
}

function toAccount(row: repo.AccountWithCoachRow, waiting: Set<number>): Account {
  return {
    id: row.id,
    version: row.version,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    coachId: row.coach_id,
    coachName: row.coach_id === null ? null : (row.preferred_name ?? row.legal_name ?? null),
    active: row.active === 1,
    locked: waiting.has(row.id),
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
  }
}

export async function listAccounts(deps: AccountsDeps, ctx: SignedInContext): Promise<Account[]> {
  const rows = await repo.listAccountRows(ctx.db)
  const waiting = waitingAccounts(deps.vault.keyring, rows, ctx.clock)
  return rows.map((row) => toAccount(row, waiting))
}

async function loadAccount(deps: AccountsDeps, db: Db, id: number, clock: Clock): Promise<Account> {
  const row = await repo.findAccountRow(db, id)
  if (!row) throw notFound('That account')
  return toAccount(row, waitingAccounts(deps.vault.keyring, [row], clock))
}

/** What a slot of `role` holds: the database key, and for a supervisor the supervisors' key too. */
function keysFor(deps: AccountsDeps, role: Role): OpenedKeys {
  return {
    database: deps.vault.openKey(),
    supervisors: role === 'supervisor' ? deps.vault.openSupervisorsKey() : null,
  }
}

async function requireVersion(db: Db, id: number, version: number) {
  const row = await repo.findAccount(db, id)
  if (!row) throw notFound('That account')
  if (row.version !== version) {
    throw conflict('Someone else changed this account since you opened it. Reload to see the change, then try again.')
  }
  return row
}

export async function createAccount(
  deps: AccountsDeps,
  ctx: SignedInContext,
  input: ParsedInput<'accounts.create'>,
): Promise<Account> {
  const wrapper = await accountWrapper(deps.vault.requireKeyring(), input.username, input.password, deps.kdf)
  try {
    return await ctx.transaction(async (db) => {
      if (await repo.findAccountByUsername(db, input.username)) {
        throw new AppError('conflict', 'That username is already taken.', { username: 'Already taken; choose another' })
      }
      if (input.coachId !== null) {
        if (!(await findCoach(db, input.coachId))) {
          throw new AppError('invalid_input', 'That roster entry does not exist.', { coachId: 'No such coach' })
        }
        if (await repo.findAccountForCoach(db, input.coachId)) {
          throw new AppError('conflict', 'That coach already has an account.', { coachId: 'Already has an account' })
        }
      }
      const now = instant(ctx.clock)
      const id = await repo.insertAccount(db, {
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
      const keyring = deps.vault.requireKeyring()
      deps.vault.saveKeyringWith(ctx, withAccountSlot(keyring, accountSlot(id, wrapper, keysFor(deps, input.role))))
      return loadAccount(deps, db, id, ctx.clock)
    })
  } finally {
    wrapper.key.fill(0)
  }
}

export async function deactivateAccount(
  deps: AccountsDeps,
  ctx: SignedInContext,
  input: ParsedInput<'accounts.deactivate'>,
): Promise<Account> {
  return ctx.transaction(async (db) => {
    const row = await requireVersion(db, input.id, input.version)
    if (row.active === 0) throw conflict('That account is already deactivated.')
    if (row.id === ctx.session.accountId) {
      throw new AppError('invalid_input', 'You cannot deactivate your own account.', { id: 'Your own account' })
    }
    if (row.role === 'supervisor' && (await repo.countActiveSupervisors(db)) <= 1) {
      throw conflict('The office needs at least one active supervisor.')
    }
    await repo.deactivate(db, input.id, instant(ctx.clock))
    deps.vault.saveKeyringWith(ctx, withoutAccountSlot(deps.vault.requireKeyring(), input.id))
    ctx.afterCommit(() => deps.sessions.endAccount(input.id))
    return loadAccount(deps, db, input.id, ctx.clock)
  })
}

/** Reactivation and a password reset both give the account a new first password, which it must change. */
function giveFirstPassword(action: 'reactivate' | 'reset_password') {
  return async (
    deps: AccountsDeps,
    ctx: SignedInContext,
    input: ParsedInput<'accounts.resetPassword'>,
  ): Promise<Account> => {
    const existing = await repo.findAccount(ctx.db, input.id)
    if (!existing) throw notFound('That account')
    const wrapper = await accountWrapper(deps.vault.requireKeyring(), existing.username, input.password, deps.kdf)
    try {
      return await ctx.transaction(async (db) => {
        const row = await requireVersion(db, input.id, input.version)
        if (action === 'reactivate' && row.active === 1) throw conflict('That account is already active.')
        if (action === 'reset_password' && row.active === 0) {
          throw conflict('That account is deactivated; reactivate it to give it a password.')
        }
        await repo.giveFirstPassword(db, input.id, instant(ctx.clock))
        const keyring = deps.vault.requireKeyring()
        deps.vault.saveKeyringWith(
          ctx,
          withAccountSlot(keyring, accountSlot(input.id, wrapper, keysFor(deps, row.role))),
        )
        // Sessions signed in with the old password end; the new first password must be changed at the next sign-in.
        ctx.afterCommit(() => deps.sessions.endAccount(input.id))
        return loadAccount(deps, db, input.id, ctx.clock)
      })
    } finally {
      wrapper.key.fill(0)
    }
  }
}

export const reactivateAccount = giveFirstPassword('reactivate')
export const resetAccountPassword = giveFirstPassword('reset_password')

/** A new recovery key for the office: the old one stops opening the current key file (older backups keep theirs). */
export async function makeNewRecoveryKey(deps: AccountsDeps, ctx: SignedInContext): Promise<{ recoveryKey: string }> {
  const recoveryKey = newRecoveryKey()
  const wrapper = await recoveryWrapper(recoveryKey, deps.kdf)
  try {
    return await ctx.transaction(async () => {
      const keyring = deps.vault.requireKeyring()
      // The recovery key opens the supervisors' file too: it is the way back in when every supervisor's password is lost.
      const recovery = recoverySlot(wrapper, keysFor(deps, 'supervisor'))
      deps.vault.saveKeyringWith(ctx, { ...keyring, recovery })
      return { recoveryKey: formatRecoveryKey(recoveryKey) }
    })
  } finally {
    wrapper.key.fill(0)
  }
}

/**
 * A new role. Made a supervisor, an account's slot gains the supervisors' key, sealed under the first password given
 * here (the app never knows anyone's own password); no longer a supervisor, its slot loses it. Either way the
 * account's sessions end, so it signs in again as what it now is. The last active supervisor keeps the role.
 */
export async function setAccountRole(
  deps: AccountsDeps,
  ctx: SignedInContext,
  input: ParsedInput<'accounts.setRole'>,
): Promise<Account> {
  const existing = await repo.findAccount(ctx.db, input.id)
  if (!existing) throw notFound('That account')
  const wrapper = input.password
    ? await accountWrapper(deps.vault.requireKeyring(), existing.username, input.password, deps.kdf)
    : null
  try {
    return await ctx.transaction(async (db) => {
      const row = await requireVersion(db, input.id, input.version)
      if (row.id === ctx.session.accountId) {
        throw new AppError('invalid_input', 'You cannot change your own role; another supervisor can.', {
          id: 'Your own account',
        })
      }
      if (row.active === 0) throw conflict('That account is deactivated; reactivate it first.')
      if (row.role === input.role && row.coach_id === input.coachId)
        throw conflict('The account already has that role.')
      if (row.role === 'supervisor' && input.role !== 'supervisor' && (await repo.countActiveSupervisors(db)) <= 1) {
        throw conflict('The office needs at least one active supervisor.')
      }
      if (input.coachId !== null && input.coachId !== row.coach_id) {
        if (!(await findCoach(db, input.coachId))) {
          throw new AppError('invalid_input', 'That roster entry does not exist.', { coachId: 'No such coach' })
        }
        if (await repo.findAccountForCoach(db, input.coachId)) {
          throw new AppError('conflict', 'That coach already has an account.', { coachId: 'Already has an account' })
        }
      }
      await repo.setRole(db, input.id, {
        role: input.role,
        coachId: input.coachId,
        firstPassword: wrapper !== null,
        now: instant(ctx.clock),
      })
      const keyring = deps.vault.requireKeyring()
      const slot = keyring.accounts.find((s) => s.accountId === input.id)
      if (wrapper) {
        deps.vault.saveKeyringWith(
          ctx,
          withAccountSlot(keyring, accountSlot(input.id, wrapper, keysFor(deps, input.role))),
        )
      } else if (slot?.supervisors) {
        // No longer a supervisor: the slot keeps only what it held under the same password, the database key.
        const { supervisors: _removed, ...rest } = slot
        deps.vault.saveKeyringWith(ctx, withAccountSlot(keyring, rest))
      } else if (!slot) {
        // A slot from a version-1 key file: rewritten at its next sign-in, holding no supervisors' key either way.
        deps.vault.saveKeyringWith(ctx, keyring)
      }
      ctx.afterCommit(() => deps.sessions.endAccount(input.id))
      return loadAccount(deps, db, input.id, ctx.clock)
    })
  } finally {
    wrapper?.key.fill(0)
  }
}
