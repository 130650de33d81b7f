import { SESSION_FORMATS } from '@shared/domain/supervision'
import { onChange, onRead, onWrite } from '../audit/audit'
import type { RoutesOf } from '../router'
import * as repo from './supervision.repository'
import * as supervision from './supervision.service'

/**
 * The supervision channels: who may call them is shared/access.ts; what each records is declared here. Summaries
 * never hold note text, an action's words or a search's words. Every opening of a session's notes is recorded, a
 * coach's of their own sessions too (the issue asks for every opening); a search is recorded with its number of
 * results only.
 */
export const supervisionRoutes: RoutesOf<'supervision.'> = {
  'supervision.create': {
    handle: supervision.createSession,
    audit: onWrite(({ output }) => ({
      action: 'create',
      recordType: 'supervision_session',
      recordId: output.id,
      summary: `Draft session started (${SESSION_FORMATS[output.format].toLowerCase()}, dated ${output.heldOn}, ${plural(output.coaches.length, 'coach')})`,
    })),
  },
  'supervision.update': {
    handle: supervision.updateSession,
    audit: onChange(
      (db, input) => repo.findSession(db, input.id, { kind: 'all' }),
      ({ before, output }) => ({
        action: 'update',
        recordType: 'supervision_session',
        recordId: output.id,
        summary: `Draft saved (version ${output.version})${before && before.held_on !== output.heldOn ? `, date ${before.held_on} → ${output.heldOn}` : ''}${before && before.shared_note !== output.sharedNote ? ', shared note changed' : ''}`,
      }),
    ),
  },
  'supervision.signOff': {
    handle: supervision.signOffSession,
    audit: onWrite(({ output }) => ({
      action: 'sign_off',
      recordType: 'supervision_session',
      recordId: output.id,
      summary: `Signed off and locked the session dated ${output.heldOn} (${plural(output.actionItems.length, 'action item')})`,
    })),
  },
  'supervision.addAddendum': {
    handle: supervision.addAddendum,
    audit: onWrite(({ input, output }) => ({
      action: 'add_addendum',
      recordType: 'supervision_session',
      recordId: output.id,
      summary: `Addendum added (${[input.sharedText !== null ? 'shared' : null, input.privateText !== null ? 'private' : null].filter(Boolean).join(' and ')})`,
    })),
  },
  'supervision.linkAssessment': {
    handle: supervision.linkAssessment,
    audit: onWrite(({ input, output }) => ({
      action: 'update',
      recordType: 'supervision_session',
      recordId: output.id,
      summary: `Assessment #${input.assessmentId} linked to the session`,
    })),
  },
  'supervision.get': {
    handle: supervision.getSession,
    audit: onRead(({ output }) => ({
      action: 'read',
      recordType: 'supervision_session',
      recordId: output.id,
      summary:
        output.privateNote !== null
          ? "Opened the session's notes, the private note included"
          : "Opened the session's shared notes",
    })),
  },
  'supervision.list': {
    handle: supervision.listSessions,
    audit: onRead(({ input, output }) => ({
      action: 'read',
      recordType: input.coachId !== undefined ? 'coach' : 'supervision_session',
      recordId: input.coachId ?? null,
      summary: `Opened a list of supervision sessions with their shared notes (${plural(output.items.length, 'session')})`,
    })),
  },
  'supervision.startPage': { handle: supervision.startPage },
  'supervision.barriers': { handle: supervision.barriersOverTime },
  'supervision.search': {
    handle: supervision.search,
    audit: onRead(({ output }) => ({
      action: 'read',
      recordType: 'supervision_session',
      recordId: null,
      summary: `Searched supervision notes: ${plural(output.items.length, 'result')}${output.nextCursor ? ' on the first page, more follow' : ''}`,
    })),
  },
}

export const actionItemRoutes: RoutesOf<'actionItems.'> = {
  'actionItems.list': { handle: supervision.listItems },
  'actionItems.markDone': {
    handle: supervision.markItemDone,
    audit: onWrite(({ output }) => ({
      action: output.doneAt ? 'mark_done' : 'update',
      recordType: 'action_item',
      recordId: output.id,
      summary: output.doneAt ? 'Marked done' : 'Marked not done',
    })),
  },
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : word.endsWith('ch') ? 'es' : 's'}`
