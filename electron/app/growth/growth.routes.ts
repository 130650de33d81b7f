import { countScores, DOMAINS, GOAL_STATUSES, RATERS, TEAM_SCOPES, TRACKS } from '@shared/domain/growth'
import { change, onChange, onRead, onWrite } from '../audit/audit'
import type { RoutesOf } from '../router'
import * as repo from './growth.repository'
import * as growth from './growth.service'
import { readsOthers } from './growth.policy'

/**
 * The growth channels: who may call them is shared/access.ts; what each records is declared here. Summaries say what
 * happened and to which kind of rating, never a score or a note. Reads of someone else's ratings (a supervisor
 * opening a coach's growth page, report or assessment, or the team view) are recorded; a coach reading their own is
 * not.
 */
export const assessmentRoutes: RoutesOf<'assessments.'> = {
  'assessments.get': {
    handle: growth.getAssessment,
    audit: onRead(({ ctx, output }) =>
      readsOthers(ctx.session!, output.coachId)
        ? { action: 'read', recordType: 'assessment', recordId: output.id, summary: 'Opened the assessment' }
        : null,
    ),
  },
  'assessments.create': {
    handle: growth.createAssessment,
    audit: onWrite(({ output }) => ({
      action: 'create',
      recordType: 'assessment',
      recordId: output.id,
      summary: `Draft ${growth.raterWords[output.rater]} started, dated ${output.assessedOn}`,
    })),
  },
  'assessments.update': {
    handle: growth.updateAssessment,
    audit: onChange(
      (db, input) => repo.findAssessment(db, input.id, { kind: 'all' }),
      ({ before, output }) => ({
        action: 'update',
        recordType: 'assessment',
        recordId: output.id,
        summary: growth.describeDraftSave(before, output),
      }),
    ),
  },
  'assessments.complete': {
    handle: growth.completeAssessment,
    audit: onWrite(({ output }) => ({
      action: 'complete',
      recordType: 'assessment',
      recordId: output.id,
      summary: `Completed and locked the ${growth.raterWords[output.rater]} dated ${output.assessedOn} (${countScores(output.scores)} of 16 scores)`,
    })),
  },
  'assessments.discard': {
    handle: growth.discardAssessment,
    audit: onChange(
      (db, input) => repo.findAssessment(db, input.id, { kind: 'all' }),
      ({ before, output }) => ({
        action: 'discard',
        recordType: 'assessment',
        recordId: output.id,
        summary: before
          ? `Discarded the draft ${growth.raterWords[before.rater]} dated ${before.assessed_on}`
          : 'Discarded a draft',
      }),
    ),
  },
  'assessments.amend': {
    handle: growth.amendAssessment,
    audit: onWrite(({ input, output }) => ({
      action: 'amend',
      recordType: 'assessment',
      recordId: output.id,
      summary: `Amended the ${growth.raterWords[output.rater]} #${input.id} as revision ${output.revision}, with a reason`,
    })),
  },
}

export const goalRoutes: RoutesOf<'goals.'> = {
  'goals.create': {
    handle: growth.createGoal,
    audit: onWrite(({ output }) => ({
      action: 'create',
      recordType: 'development_goal',
      recordId: output.id,
      summary: `Goal set: ${DOMAINS[output.domain]}, ${TRACKS[output.track].toLowerCase()} track, target ${output.targetDate}`,
    })),
  },
  'goals.update': {
    handle: growth.updateGoal,
    audit: onChange(
      (db, input) => repo.findGoal(db, input.id, { kind: 'all' }),
      ({ before, output }) => {
        const changed = [
          ...(before && before.status !== output.status
            ? [`status ${change(GOAL_STATUSES[before.status], GOAL_STATUSES[output.status])}`]
            : []),
          ...(before && before.target_date !== output.targetDate
            ? [`target ${change(before.target_date, output.targetDate)}`]
            : []),
          ...(before && before.description !== output.description ? ['description'] : []),
        ]
        return {
          action: 'update',
          recordType: 'development_goal',
          recordId: output.id,
          summary: `Goal changed: ${changed.join(', ') || 'nothing'}`,
        }
      },
    ),
  },
}

export const growthRoutes: RoutesOf<'growth.'> = {
  'growth.coach': {
    handle: growth.coachGrowth,
    audit: onRead(({ ctx, input }) =>
      readsOthers(ctx.session!, input.coachId)
        ? { action: 'read', recordType: 'coach', recordId: input.coachId, summary: 'Opened the growth page' }
        : null,
    ),
  },
  'growth.report': {
    handle: growth.growthReport,
    audit: onRead(({ ctx, input }) =>
      readsOthers(ctx.session!, input.coachId)
        ? { action: 'read', recordType: 'coach', recordId: input.coachId, summary: 'Opened the development report' }
        : null,
    ),
  },
  'growth.team': {
    handle: growth.teamGrowth,
    audit: onRead(({ input }) => ({
      action: 'read',
      recordType: 'coach',
      recordId: null,
      summary: `Opened the team growth view (${TEAM_SCOPES[input.scope].toLowerCase()}, ${RATERS[input.rater].toLowerCase()} ratings)`,
    })),
  },
}
