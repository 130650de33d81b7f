import type { UserSession } from '../auth/sessions'
import { AppError } from '../errors'

/**
 * Record-level rules of the dispatch log. Coordinators and supervisors reach every dispatch; a coach only the ones
 * they were sent on, read-only. Services pass the scope into their queries: a coach's query never fetches another
 * coach's dispatch, and asking for one (or for another coach's list) is refused.
 */
export type DispatchScope = { kind: 'all' } | { kind: 'own'; coachId: number | null }

export function dispatchScope(session: UserSession): DispatchScope {
  return session.role === 'coach' ? { kind: 'own', coachId: session.coachId } : { kind: 'all' }
}

const forbidden = () => new AppError('forbidden', 'You do not have permission to do that.')

/** A coach asking for another coach's dispatches. */
export function requireCoachFilterInScope(scope: DispatchScope, coachId: number | undefined): void {
  if (scope.kind === 'own' && coachId !== undefined && coachId !== scope.coachId) throw forbidden()
}

/** A dispatch the scope does not reach: forbidden for a coach (revealing nothing), not found for staff. */
export function outOfScope(scope: DispatchScope): AppError {
  return scope.kind === 'all' ? new AppError('not_found', 'That dispatch was not found.') : forbidden()
}
