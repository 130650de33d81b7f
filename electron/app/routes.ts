import type { Routes } from './router'
import type { AppEnvironment } from './context'
import type { Auth } from './auth/auth.service'
import type { Backups } from './backups/backups.service'
import type { RecordNamers } from './audit/audit'
import { accountRoutes } from './accounts/accounts.routes'
import { accountNames } from './accounts/accounts.repository'
import { auditCheckRoutes, auditRoutes } from './audit/audit.routes'
import { authRoutes } from './auth/auth.routes'
import { backupRoutes } from './backups/backups.routes'
import { directoryRoutes } from './directory/directory.routes'
import { pathwayNames, resourceNames } from './directory/directory.repository'
import { contractRoutes } from './contracts/contracts.routes'
import { contractNames, partnerNames } from './contracts/contracts.repository'
import { dispatchRoutes } from './dispatches/dispatches.routes'
import { dispatchNames } from './dispatches/dispatches.repository'
import { rosterRoutes } from './roster/roster.routes'
import { coachNames } from './roster/roster.repository'
import { settingsRoutes } from './settings/settings.routes'
import { assessmentRoutes, goalRoutes, growthRoutes } from './growth/growth.routes'
import { assessmentNames, goalNames } from './growth/growth.repository'
import { ladderRoutes, requirementRoutes, trainingRoutes } from './ladder/ladder.routes'
import { requirementSetNames, trainingNames } from './ladder/ladder.repository'
import { actionItemRoutes, supervisionRoutes } from './supervision/supervision.routes'
import { actionItemNames, sessionNames } from './supervision/supervision.repository'

/**
 * Every feature's routes, merged: one route per channel of the contract (the type makes a missing one a compile
 * error). Who may call each is shared/access.ts; each route declares what its successful call records.
 */
export function buildRoutes(env: AppEnvironment & { auth: Auth; backups: Backups }): Routes {
  const { auth, backups } = env
  const recordNames: RecordNamers = {
    coach: coachNames,
    account: accountNames,
    resource: resourceNames,
    resource_pathway: pathwayNames,
    assessment: assessmentNames,
    development_goal: goalNames,
    partner: partnerNames,
    contract: contractNames,
    dispatch: dispatchNames,
    requirement_set: requirementSetNames,
    training: trainingNames,
    supervision_session: sessionNames,
    action_item: actionItemNames,
  }
  return {
    'app.info': {
      handle: () => ({ appVersion: env.appVersion, sqliteVersion: env.sqliteVersion, transport: env.transport }),
    },
    ...authRoutes(auth),
    ...accountRoutes({ vault: auth.vault, sessions: auth.sessions, kdf: auth.kdf }),
    ...auditRoutes(recordNames),
    ...auditCheckRoutes(auth),
    ...backupRoutes(backups),
    ...settingsRoutes(auth.autoLock),
    ...rosterRoutes,
    ...directoryRoutes,
    ...assessmentRoutes,
    ...goalRoutes,
    ...growthRoutes,
    ...contractRoutes,
    ...dispatchRoutes,
    ...ladderRoutes,
    ...requirementRoutes,
    ...trainingRoutes,
    ...supervisionRoutes,
    ...actionItemRoutes,
  }
}
