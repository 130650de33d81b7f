import { CAREER_STAGES } from '@shared/domain/roster'
import { REQUIREMENT_KINDS } from '@shared/domain/ladder'
import { change, onChange, onRead, onWrite } from '../audit/audit'
import type { RoutesOf } from '../router'
import { findCoach } from '../roster/roster.repository'
import * as ladder from './ladder.service'
import * as repo from './ladder.repository'
import { readsOthers } from './ladder.policy'

/**
 * The ladder's channels: who may call them is shared/access.ts; what each records is declared here. Summaries say
 * what happened in words (stages, dates, hours, counts), never names or notes. Someone reading another coach's ladder
 * page is recorded; a coach reading their own is not.
 */
export const ladderRoutes: RoutesOf<'ladder.'> = {
  'ladder.coach': {
    handle: ladder.coachLadder,
    audit: onRead(({ ctx, input }) =>
      readsOthers(ctx.session!, input.coachId)
        ? { action: 'read', recordType: 'coach', recordId: input.coachId, summary: 'Opened the ladder page' }
        : null,
    ),
  },
  'ladder.office': {
    handle: ladder.officeLadder,
    audit: onRead(() => ({
      action: 'read',
      recordType: 'coach',
      recordId: null,
      summary: "Opened the office's ladder view",
    })),
  },
  'ladder.recordStep': {
    handle: ladder.recordStep,
    audit: onChange(
      (db, input) => repo.findRequirement(db, input.requirementId),
      ({ input, before }) => ({
        action: 'record_step',
        recordType: 'coach',
        recordId: input.coachId,
        summary: `Step confirmed toward ${before ? CAREER_STAGES[before.stage] : 'the next stage'} (${
          before ? REQUIREMENT_KINDS[before.kind].toLowerCase() : 'a step'
        }), completed ${input.completedOn}`,
      }),
    ),
  },
  'ladder.advance': {
    handle: ladder.advance,
    audit: onChange(
      (db, input) => findCoach(db, input.coachId),
      ({ input, output, before }) => ({
        action: 'set_stage',
        recordType: 'coach',
        recordId: input.coachId,
        summary: `Stage: ${change(CAREER_STAGES[before!.career_stage], CAREER_STAGES[output.coach.careerStage])} on ${input.changedOn}${
          input.confirmMissing ? ', confirmed with requirements missing' : ''
        }`,
      }),
    ),
  },
}

export const requirementRoutes: RoutesOf<'requirements.'> = {
  'requirements.list': { handle: ladder.listRequirementSets },
  'requirements.save': {
    handle: ladder.saveRequirementSet,
    audit: onChange(
      (db, input) => ladder.requirementSetBefore(db, input.stage),
      ({ before, output }) => ({
        action: before ? 'update' : 'create',
        recordType: 'requirement_set',
        recordId: output.id,
        summary: ladder.describeSetChange(before, output),
      }),
    ),
  },
}

export const trainingRoutes: RoutesOf<'trainings.'> = {
  'trainings.list': { handle: ladder.listTrainings },
  'trainings.create': {
    handle: ladder.createTraining,
    audit: onWrite(({ output }) => ({
      action: 'create',
      recordType: 'training',
      recordId: output.id,
      summary: `Added to the catalogue: ${output.hours} h, ${output.approved ? 'approved' : 'not approved'}`,
    })),
  },
  'trainings.update': {
    handle: ladder.updateTraining,
    audit: onChange(
      (db, input) => repo.findTraining(db, input.id),
      ({ before, output }) => {
        const changed = [
          before && before.name !== output.name ? 'name' : '',
          before && (before.provider ?? null) !== output.provider ? 'provider' : '',
          before && before.hours_qh / 4 !== output.hours
            ? `hours ${change(String(before.hours_qh / 4), String(output.hours))}`
            : '',
          before && (before.approved === 1) !== output.approved
            ? output.approved
              ? 'approved'
              : 'no longer approved'
            : '',
          before && before.category !== output.category ? 'category' : '',
          before && before.domains !== JSON.stringify(output.domains) ? 'domains' : '',
        ].filter(Boolean)
        return {
          action: 'update',
          recordType: 'training',
          recordId: output.id,
          summary: `Training changed: ${changed.join(', ') || 'nothing'}`,
        }
      },
    ),
  },
  'trainings.attend': {
    handle: ladder.recordAttendance,
    audit: onWrite(({ output }) => ({
      action: 'record_attendance',
      recordType: 'coach',
      recordId: output.coachId,
      summary: `Training attendance #${output.trainingId} on ${output.attendedOn}: ${output.hours} h, ${
        output.completed ? 'completed' : 'not completed'
      }`,
    })),
  },
  'trainings.evaluation': {
    handle: ladder.evaluation,
    audit: onRead(({ output }) => ({
      action: 'read',
      recordType: 'training',
      recordId: output.training.id,
      summary: `Opened the evaluation (${output.attendees} attendees, ${output.windowDays}-day window)`,
    })),
  },
}
