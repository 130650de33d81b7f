import { anyone, type Routes } from './router'
import * as roster from './roster/roster.service'
import * as settings from './settings/settings.service'
import type { AppEnvironment } from './context'

/** Every channel of the contract and who may call it. The sign-in issue replaces `anyone` with role rules. */
export function buildRoutes(env: AppEnvironment & { transport: 'electron' | 'http' }): Routes {
  return {
    'app.info': {
      allow: anyone,
      handle: () => ({
        appVersion: env.appVersion,
        sqliteVersion: env.sqliteVersion,
        schemaVersion: env.schemaVersion,
        transport: env.transport,
      }),
    },
    'settings.get': { allow: anyone, handle: settings.getOfficeSettings },
    'settings.update': { allow: anyone, handle: settings.updateOfficeSettings },
    'coaches.list': { allow: anyone, handle: roster.listCoaches },
    'coaches.get': { allow: anyone, handle: roster.getCoach },
    'coaches.create': { allow: anyone, handle: roster.createCoach },
    'coaches.update': { allow: anyone, handle: roster.updateCoach },
    'coaches.setStatus': { allow: anyone, handle: roster.setCoachStatus },
    'coaches.setStage': { allow: anyone, handle: roster.setCoachStage },
  }
}
