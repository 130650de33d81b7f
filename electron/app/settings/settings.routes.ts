import { COACH_TITLES } from '@shared/domain/settings'
import { change, onChange } from '../audit/audit'
import type { RoutesOf } from '../router'
import { readOfficeSettings } from './settings.repository'
import { getOfficeSettings, updateOfficeSettings, type AutoLock } from './settings.service'

export function settingsRoutes(autoLock: AutoLock): RoutesOf<'settings.'> {
  return {
    'settings.get': { handle: getOfficeSettings },
    'settings.update': {
      handle: (ctx, input) => updateOfficeSettings(ctx, input, autoLock),
      audit: onChange(
        (db) => readOfficeSettings(db),
        ({ output, before }) => {
          const changes: string[] = []
          if (before.office_name !== output.officeName) changes.push('office name')
          if (before.coach_title !== output.coachTitle) {
            changes.push(
              `word for coaches ${change(COACH_TITLES[before.coach_title].plural, COACH_TITLES[output.coachTitle].plural)}`,
            )
          }
          if (before.auto_lock_minutes !== output.autoLockMinutes) {
            changes.push(`automatic lock ${change(`${before.auto_lock_minutes} min`, `${output.autoLockMinutes} min`)}`)
          }
          if (before.time_zone !== output.timeZone) {
            changes.push(
              `time zone ${change(before.time_zone ?? 'the computer’s', output.timeZone ?? 'the computer’s')}`,
            )
          }
          return {
            action: 'update',
            recordType: 'office_settings',
            recordId: null,
            summary: changes.length ? `Changed: ${changes.join('; ')}` : 'Saved unchanged',
          }
        },
      ),
    },
  }
}
