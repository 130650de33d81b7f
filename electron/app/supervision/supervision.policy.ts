import type { UserSession } from '../auth/sessions'
import { AppError } from '../errors'

/**
 * Record-level rules of supervision that a role alone cannot decide, applied in the queries (the service passes the
 * scope into every one, so a coach's query never fetches what they may not read):
 * - supervisors: every session, drafts and private notes included;
 * - a coach: the signed-off sessions they attended, with the shared note, and of the action items their own, plus
 *   the supervisor's items of a session no other coach attended; never a draft, never a private note (no query of a
 *   coach's names the supervisors' file at all, attached or not), never another coach's session;
 * - coordinators: nothing (shared/access.ts gives them no channel here, and the scope is empty besides).
 * A session outside the scope is answered `forbidden`, whether or not it exists; only a supervisor is told `not_found`.
 */
export type SessionScope = { kind: 'all' } | { kind: 'coach'; coachId: number } | { kind: 'none' }

export function sessionScope(session: UserSession): SessionScope {
  if (session.role === 'supervisor') return { kind: 'all' }
  if (session.role === 'coach' && session.coachId !== null) return { kind: 'coach', coachId: session.coachId }
  return { kind: 'none' }
}

/** Whether the viewer reads private notes: supervisors alone. */
export const readsPrivateNotes = (scope: SessionScope): scope is { kind: 'all' } => scope.kind === 'all'

export const refused = () => new AppError('forbidden', 'You do not have permission to do that.')

/** The coach whose sessions a list asks for: a coach only themself. */
export function requireCoachInScope(scope: SessionScope, coachId: number | undefined): number | null {
  if (scope.kind === 'all') return coachId ?? null
  if (scope.kind === 'coach' && (coachId === undefined || coachId === scope.coachId)) return scope.coachId
  throw refused()
}

interface ItemFacts {
  owner: 'coach' | 'supervisor'
  owner_coach_id: number | null
}

/** An item is marked done by its own coach, or by a supervisor (any item). */
export function mayMarkDone(scope: SessionScope, item: ItemFacts): boolean {
  if (scope.kind === 'all') return true
  return scope.kind === 'coach' && item.owner === 'coach' && item.owner_coach_id === scope.coachId
}
