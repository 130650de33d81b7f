import type { UserSession } from '../auth/sessions'
import { AppError } from '../errors'

/**
 * Record-level rules of contracts that a role alone cannot decide. Coordinators and supervisors reach every contract;
 * a coach only those whose team they are on, read-only, and without the contract's money or their teammates. Services
 * pass the scope into their queries, so a coach's query never fetches another contract.
 */
export type ContractScope = { kind: 'all' } | { kind: 'team'; coachId: number | null }

export function contractScope(session: UserSession): ContractScope {
  return session.role === 'coach' ? { kind: 'team', coachId: session.coachId } : { kind: 'all' }
}

/** What of a contract a viewer is shown: staff everything, a coach the terms of their work. */
export type ContractView = { kind: 'staff' } | { kind: 'coach'; coachId: number | null }

export function contractView(session: UserSession): ContractView {
  return session.role === 'coach' ? { kind: 'coach', coachId: session.coachId } : { kind: 'staff' }
}

/** A contract outside a coach's scope is refused as forbidden, whether or not it exists: the answer reveals nothing. */
export function outOfScope(scope: ContractScope, what: string): AppError {
  return scope.kind === 'all'
    ? new AppError('not_found', `${what} was not found.`)
    : new AppError('forbidden', 'You do not have permission to do that.')
}
