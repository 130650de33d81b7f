import type { UserSession } from '../auth/sessions'
import { AppError } from '../errors'

/**
 * Record-level rules of the ladder that a role alone cannot decide. Supervisors and coordinators reach every coach's
 * ladder; a coach only their own (none if their account has no roster entry). The service passes the scope into its
 * queries, so a coach's query never fetches another coach's row; asking for one is answered `forbidden`, whether or
 * not it exists.
 */
export type LadderScope = { kind: 'all' } | { kind: 'own'; coachId: number | null }

export function ladderScope(session: UserSession): LadderScope {
  return session.role === 'coach' ? { kind: 'own', coachId: session.coachId } : { kind: 'all' }
}

export const refused = () => new AppError('forbidden', 'You do not have permission to do that.')

/** Whether reading this coach's ladder is reading someone else's records (recorded in the audit trail). */
export const readsOthers = (session: UserSession, coachId: number): boolean =>
  !(session.role === 'coach' && session.coachId === coachId)
