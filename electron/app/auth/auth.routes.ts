import type { AuditDeclaration } from '../audit/audit'
import { afterSuccess, inOwnTransaction } from '../audit/audit'
import type { ParsedInput, ChannelOutput } from '@shared/api/contract'
import type { RoutesOf } from '../router'
import type { Auth } from './auth.service'
import { setUpOffice } from './first-run'

/**
 * Sign-in and the screen lock. These channels are public (they answer before anyone is signed in) and check the
 * caller themselves; most open or change the database themselves, so they record their event once they succeeded.
 */
export function authRoutes(auth: Auth): RoutesOf<'auth.'> {
  return {
    'auth.status': { handle: (ctx) => auth.status(ctx.client) },
    'auth.setup': {
      exclusive: 'key file',
      handle: (ctx, input) => setUpOffice(auth, ctx, input),
      audit: setupEvent(auth),
    },
    'auth.signIn': {
      exclusive: 'password check',
      handle: (ctx, input) => auth.signIn(ctx, input),
      audit: afterSuccess(() => ({ action: 'sign_in', recordType: 'session', recordId: null, summary: 'Signed in' })),
    },
    'auth.signOut': {
      handle: (ctx) => auth.signOut(ctx),
      // Only a session that existed is recorded as ending (the recorder names whoever was signed in).
      audit: {
        kind: 'after',
        start: (_db, _input, ctx) => {
          const wasSignedIn = auth.sessions.current(ctx.client, 0, Number.POSITIVE_INFINITY) !== null
          return () =>
            wasSignedIn ? { action: 'sign_out', recordType: 'session', recordId: null, summary: 'Signed out' } : null
        },
      },
    },
    'auth.lock': {
      handle: (ctx) => auth.lock(ctx),
      audit: afterSuccess(() => ({
        action: 'lock',
        recordType: 'session',
        recordId: null,
        summary: 'Locked the screen',
      })),
    },
    'auth.touch': { handle: (ctx) => auth.touch(ctx) },
    'auth.unlock': {
      exclusive: 'password check',
      handle: (ctx, input) => auth.unlock(ctx, input),
      audit: afterSuccess(() => ({
        action: 'unlock',
        recordType: 'session',
        recordId: null,
        summary: 'Unlocked the screen',
      })),
    },
    'auth.changePassword': {
      exclusive: 'password check',
      handle: (ctx, input) => auth.changePassword(ctx, input),
      audit: inOwnTransaction(({ output }) => ({
        action: 'change_password',
        recordType: 'account',
        recordId: output.state === 'signed_in' ? output.user.accountId : null,
        summary: 'Chose a new password',
      })),
    },
    'auth.recover': {
      exclusive: 'password check',
      handle: (ctx, input) => auth.recover(ctx, input),
      audit: inOwnTransaction(({ output }) => {
        const accountId = output.state === 'signed_in' ? output.user.accountId : undefined
        return {
          action: 'recover',
          recordType: 'account',
          recordId: accountId ?? null,
          summary: 'A new password set with the recovery key',
          ...(accountId !== undefined ? { actorAccountId: accountId } : {}),
        }
      }),
    },
  }
}

/** Setting up over an older, unencrypted file also encrypts it: the event says which happened. */
function setupEvent(auth: Auth): AuditDeclaration<ParsedInput<'auth.setup'>, ChannelOutput<'auth.setup'>> {
  return {
    kind: 'after',
    start() {
      const state = auth.vault.state()
      const overExistingData = state.kind === 'setup' && state.existingData
      return () =>
        overExistingData
          ? {
              action: 'encrypt',
              recordType: 'database',
              recordId: null,
              summary: 'Set up the office over its existing records and encrypted them',
            }
          : {
              action: 'setup',
              recordType: 'office_settings',
              recordId: null,
              summary: 'Set up the office with its first supervisor',
            }
    },
  }
}
