import type { UserSession } from '../auth/sessions'
import { AppError } from '../errors'

/**
 * Record-level rules of the roster that a role alone cannot decide. Services apply them in their queries: a coach's
 * query never fetches another coach's row, and asking for one by id is refused.
 */

/** The coaches whose records a viewer reaches: a coach only their own (none if their account has no roster entry). */
export type CoachScope = { kind: 'all' } | { kind: 'own'; coachId: number | null }

export function coachScope(session: UserSession): CoachScope {
  return session.role === 'coach' ? { kind: 'own', coachId: session.coachId } : { kind: 'all' }
}

export function mayReachCoach(session: UserSession, coachId: number): boolean {
  const scope = coachScope(session)
  return scope.kind === 'all' || scope.coachId === coachId
}

/** Refuses, as `forbidden`, a viewer asking for a coach outside their scope. */
export function requireCoachInScope(session: UserSession, coachId: number): void {
  if (!mayReachCoach(session, coachId)) {
    throw new AppError('forbidden', 'You do not have permission to do that.')
  }
}
