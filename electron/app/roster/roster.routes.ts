import { CAREER_STAGES, COACH_STATUSES, type Coach } from '@shared/domain/roster'
import { change, onChange, onWrite } from '../audit/audit'
import type { RoutesOf } from '../router'
import * as repo from './roster.repository'
import * as roster from './roster.service'
import type { CoachRow } from './roster.table'

/** The roster's channels: who may call them is shared/access.ts; what each records is declared here. */
export const rosterRoutes: RoutesOf<'coaches.'> = {
  'coaches.list': { handle: roster.listCoaches },
  'coaches.get': { handle: roster.getCoach },
  'coaches.supervisors': { handle: roster.supervisorChoices },
  'coaches.create': {
    handle: roster.createCoach,
    audit: onWrite(({ output }) => ({
      action: 'create',
      recordType: 'coach',
      recordId: output.id,
      summary: `Added to the roster (${COACH_STATUSES[output.status]}, ${CAREER_STAGES[output.careerStage]})`,
    })),
  },
  'coaches.update': {
    handle: roster.updateCoach,
    audit: onChange(
      (db, input) => repo.findCoach(db, input.id),
      ({ output, before }) => ({
        action: 'update',
        recordType: 'coach',
        recordId: output.id,
        summary: `Details changed: ${changedFields(before, output).join(', ') || 'nothing'}`,
      }),
    ),
  },
  'coaches.setStatus': {
    handle: roster.setCoachStatus,
    audit: onChange(
      (db, input) => repo.findCoach(db, input.id),
      ({ input, output, before }) => ({
        action: 'set_status',
        recordType: 'coach',
        recordId: output.id,
        summary: `Status: ${change(COACH_STATUSES[before!.status], COACH_STATUSES[output.status])} from ${input.effectiveOn}`,
      }),
    ),
  },
  'coaches.setStage': {
    handle: roster.setCoachStage,
    audit: onChange(
      (db, input) => repo.findCoach(db, input.id),
      ({ input, output, before }) => ({
        action: 'set_stage',
        recordType: 'coach',
        recordId: output.id,
        summary: `Stage: ${change(CAREER_STAGES[before!.career_stage], CAREER_STAGES[output.careerStage])} on ${input.changedOn}`,
      }),
    ),
  },
}

const FIELD_NAMES: Array<[keyof CoachRow, (coach: Coach) => unknown, string]> = [
  ['legal_name', (c) => c.legalName, 'legal name'],
  ['preferred_name', (c) => c.preferredName, 'preferred name'],
  ['pronouns', (c) => c.pronouns, 'pronouns'],
  ['email', (c) => c.email, 'email'],
  ['phone', (c) => c.phone, 'phone'],
  ['start_date', (c) => c.startDate, 'start date'],
  ['employment', (c) => c.employment, 'employment'],
  ['title', (c) => c.title, 'title'],
  ['supervisor_account_id', (c) => c.supervisorAccountId, 'supervisor'],
  ['supervision_cadence_days', (c) => c.supervisionCadenceDays, 'supervision cadence'],
  ['work_settings', (c) => JSON.stringify(c.workSettings), 'settings'],
  ['languages', (c) => JSON.stringify(c.languages), 'languages'],
]

/**
 * Which fields an edit changed, by name only. The trail says what changed, never the values (contact details, names):
 * the audit page names the record from the roster itself.
 */
function changedFields(before: CoachRow | undefined, after: Coach): string[] {
  if (!before) return []
  return FIELD_NAMES.filter(([column, value]) => before[column] !== value(after)).map(([, , name]) => name)
}
