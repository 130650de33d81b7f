import { ROLES } from '@shared/domain/auth'
import { change, inOwnTransaction } from '../audit/audit'
import { findAccount } from './accounts.repository'
import type { RoutesOf } from '../router'
import * as accounts from './accounts.service'

export function accountRoutes(deps: accounts.AccountsDeps): RoutesOf<'accounts.'> {
  return {
    'accounts.list': { handle: (ctx) => accounts.listAccounts(deps, ctx) },
    'accounts.create': {
      exclusive: 'key file',
      handle: (ctx, input) => accounts.createAccount(deps, ctx, input),
      audit: inOwnTransaction(({ output }) => ({
        action: 'create',
        recordType: 'account',
        recordId: output.id,
        summary: `Created as ${ROLES[output.role]}${output.coachName ? `, for the roster entry of ${output.coachName}` : ''}`,
      })),
    },
    'accounts.deactivate': {
      exclusive: 'key file',
      handle: (ctx, input) => accounts.deactivateAccount(deps, ctx, input),
      audit: inOwnTransaction(({ output }) => ({
        action: 'deactivate',
        recordType: 'account',
        recordId: output.id,
        summary: 'Deactivated: can no longer sign in',
      })),
    },
    'accounts.reactivate': {
      exclusive: 'key file',
      handle: (ctx, input) => accounts.reactivateAccount(deps, ctx, input),
      audit: inOwnTransaction(({ output }) => ({
        action: 'reactivate',
        recordType: 'account',
        recordId: output.id,
        summary: 'Reactivated with a first password to change at the next sign-in',
      })),
    },
    'accounts.resetPassword': {
      exclusive: 'key file',
      handle: (ctx, input) => accounts.resetAccountPassword(deps, ctx, input),
      audit: inOwnTransaction(({ output }) => ({
        action: 'reset_password',
        recordType: 'account',
        recordId: output.id,
        summary: 'Given a first password to change at the next sign-in',
      })),
    },
    'accounts.newRecoveryKey': {
      exclusive: 'key file',
      handle: (ctx) => accounts.makeNewRecoveryKey(deps, ctx),
      audit: inOwnTransaction(() => ({
        action: 'new_recovery_key',
        recordType: 'database',
        recordId: null,
        summary: 'A new recovery key; the old one no longer opens the current key file',
      })),
    },
    'accounts.setRole': {
      exclusive: 'key file',
      handle: (ctx, input) => accounts.setAccountRole(deps, ctx, input),
      // In the call's own transaction, before the change: what the role was.
      audit: {
        kind: 'own',
        async start(db, input) {
          const before = await findAccount(db!, input.id)
          return (output) => ({
            action: 'set_role',
            recordType: 'account',
            recordId: output.id,
            summary:
              `Role: ${change(before ? ROLES[before.role] : '?', ROLES[output.role])}` +
              (input.password ? '; given a first password to change at the next sign-in' : ''),
          })
        },
      },
    },
  }
}
