import type { Rater } from '@shared/domain/growth'
import type { UserSession } from '../auth/sessions'
import { AppError } from '../errors'

/**
 * Record-level rules of ratings that a role alone cannot decide. The service passes the scope into every query, so a
 * coach's query never fetches a record they may not see: supervisors see everything; a coach sees their own
 * self-ratings (drafts included) and their supervisors' ratings of them once completed, never a supervisor's draft;
 * coordinators see no ratings at all (shared/access.ts gives them no channel here, and the scope is empty besides).
 *
 * A record outside the viewer's scope is answered `forbidden`, whether or not it exists, so a coach cannot learn by
 * asking that another coach, or a draft about themself, is there. Only a supervisor is told `not_found`.
 */
export type AssessmentScope = { kind: 'all' } | { kind: 'own'; coachId: number } | { kind: 'none' }

export function assessmentScope(session: UserSession): AssessmentScope {
  if (session.role === 'supervisor') return { kind: 'all' }
  if (session.role === 'coach' && session.coachId !== null) return { kind: 'own', coachId: session.coachId }
  return { kind: 'none' }
}

/** Goals follow the coach: a coach reaches their own, a supervisor everyone's. */
export type CoachReach = { kind: 'all' } | { kind: 'own'; coachId: number } | { kind: 'none' }
export const goalScope = (session: UserSession): CoachReach => assessmentScope(session)

export const refused = () => new AppError('forbidden', 'You do not have permission to do that.')

/** Refuses a coach reaching any coach but themself, and anyone with no scope. */
export function requireCoachReachable(session: UserSession, coachId: number): void {
  const scope = assessmentScope(session)
  if (scope.kind === 'none' || (scope.kind === 'own' && scope.coachId !== coachId)) throw refused()
}

/** The kind of rating the viewer makes: a coach rates themself, a supervisor rates a coach. */
export function raterOf(session: UserSession): Rater {
  if (session.role === 'supervisor') return 'supervisor'
  if (session.role === 'coach') return 'self'
  throw refused()
}

/** Whether the viewer's session reads someone else's ratings (recorded in the audit trail) or only their own. */
export const readsOthers = (session: UserSession, coachId: number): boolean =>
  !(session.role === 'coach' && session.coachId === coachId)

interface DraftFacts {
  status: 'draft' | 'completed'
  rater_account_id: number | null
}
interface AmendFacts {
  status: 'draft' | 'completed'
  rater: Rater
  coach_id: number
  superseded_by: number | null
}

/** A draft is edited, completed or discarded by its author alone: it is signed as theirs when completed. */
export const mayEditDraft = (session: UserSession, row: DraftFacts): boolean =>
  row.status === 'draft' && row.rater_account_id === session.accountId

/**
 * A completed, current assessment is amended by its own kind of rater: a self-rating by the coach themself, a
 * supervisor's rating by any supervisor (who is recorded as the amendment's author).
 */
export function mayAmend(session: UserSession, row: AmendFacts): boolean {
  if (row.status !== 'completed' || row.superseded_by !== null) return false
  if (row.rater === 'self') return session.role === 'coach' && session.coachId === row.coach_id
  return session.role === 'supervisor'
}

export const mayEditGoal = (session: UserSession, coachId: number): boolean =>
  session.role === 'supervisor' || (session.role === 'coach' && session.coachId === coachId)
