import { EVERYONE, STAFF, SUPERVISORS, type Routes } from './router'
import * as accounts from './accounts/accounts.service'
import { listAudit } from './audit/audit'
import type { Auth } from './auth/auth.service'
import type { Backups } from './backups/backups.service'
import * as roster from './roster/roster.service'
import * as settings from './settings/settings.service'
import type { AppEnvironment } from './context'

const PUBLIC = { public: true } as const

/**
 * Every channel of the contract and who may call it (DOMAIN.md's table of roles). The type requires a rule for every
 * channel, and the permission test walks them all for every role.
 */
export function buildRoutes(env: AppEnvironment & { auth: Auth; backups: Backups }): Routes {
  const { auth, backups } = env
  return {
    'app.info': {
      access: PUBLIC,
      handle: () => ({ appVersion: env.appVersion, sqliteVersion: env.sqliteVersion, transport: env.transport }),
    },
    'auth.status': { access: PUBLIC, handle: (ctx) => auth.status(ctx.client) },
    'auth.setup': { access: PUBLIC, handle: (ctx, input) => auth.setup(ctx, input) },
    'auth.signIn': { access: PUBLIC, handle: (ctx, input) => auth.signIn(ctx, input) },
    'auth.signOut': { access: PUBLIC, handle: (ctx) => auth.signOut(ctx) },
    'auth.lock': { access: PUBLIC, handle: (ctx) => auth.lock(ctx) },
    'auth.touch': { access: PUBLIC, handle: (ctx) => auth.touch(ctx) },
    'auth.unlock': { access: PUBLIC, handle: (ctx, input) => auth.unlock(ctx, input) },
    'auth.changePassword': { access: PUBLIC, handle: (ctx, input) => auth.changePassword(ctx, input) },
    'auth.recover': { access: PUBLIC, handle: (ctx, input) => auth.recover(ctx, input) },

    'accounts.list': { access: { roles: SUPERVISORS }, handle: (ctx) => accounts.listAccounts(auth, ctx) },
    'accounts.create': {
      access: { roles: SUPERVISORS },
      handle: (ctx, input) => accounts.createAccount(auth, ctx, input),
    },
    'accounts.deactivate': {
      access: { roles: SUPERVISORS },
      handle: (ctx, input) => accounts.deactivateAccount(auth, ctx, input),
    },
    'accounts.reactivate': {
      access: { roles: SUPERVISORS },
      handle: (ctx, input) => accounts.reactivateAccount(auth, ctx, input),
    },
    'accounts.resetPassword': {
      access: { roles: SUPERVISORS },
      handle: (ctx, input) => accounts.resetAccountPassword(auth, ctx, input),
    },
    'accounts.newRecoveryKey': { access: { roles: SUPERVISORS }, handle: (ctx) => auth.newRecoveryKey(ctx) },
    'audit.list': { access: { roles: SUPERVISORS }, handle: listAudit },
    'backups.list': { access: { roles: SUPERVISORS }, handle: (ctx) => backups.list(ctx) },
    'backups.create': { access: { roles: SUPERVISORS }, handle: (ctx, input) => backups.create(ctx, input) },
    // Public so a new machine or a damaged database can be restored; with a working database it demands a
    // signed-in supervisor itself, and always the backup's own supervisor password or the recovery key.
    'backups.restore': { access: PUBLIC, handle: (ctx, input) => backups.restore(ctx, input) },

    'settings.get': { access: { roles: EVERYONE }, handle: settings.getOfficeSettings },
    'settings.update': {
      access: { roles: SUPERVISORS },
      handle: async (ctx, input) => {
        const saved = await settings.updateOfficeSettings(ctx, input)
        auth.autoLockMinutes = saved.autoLockMinutes
        return saved
      },
    },

    'coaches.list': { access: { roles: EVERYONE }, handle: roster.listCoaches },
    'coaches.get': { access: { roles: EVERYONE, ownCoach: (input) => input.id }, handle: roster.getCoach },
    'coaches.create': { access: { roles: STAFF }, handle: roster.createCoach },
    'coaches.update': { access: { roles: STAFF }, handle: roster.updateCoach },
    'coaches.setStatus': { access: { roles: STAFF }, handle: roster.setCoachStatus },
    'coaches.setStage': { access: { roles: STAFF }, handle: roster.setCoachStage },
  }
}
