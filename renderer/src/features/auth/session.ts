import { createContext, useContext } from 'react'
import type { Channel } from '@shared/api/contract'
import { mayCall } from '@shared/access'
import type { AuthStatus, SignedInUser } from '@shared/domain/auth'

/** The signed-in user and what the shell can do with the session. Present only inside the unlocked app. */
export interface Session {
  user: SignedInUser
  autoLockMinutes: number
  /** Locks the screen now: the app and its cached data leave the page until the password is typed again. */
  lock(): void
  signOut(): void
  /** Takes an answer of an `auth.*` channel (after changing the password, for one). */
  update(status: AuthStatus): void
  /**
   * After a backup was restored: the app leaves the page with everything it cached, then opens again from the
   * restored data (signed in, or at sign-in), telling the person `notice`.
   */
  restored(status: AuthStatus, notice: string): void
}

export const SessionContext = createContext<Session | null>(null)

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession is used outside the signed-in app')
  return session
}

export function useCurrentUser(): SignedInUser {
  return useSession().user
}

/**
 * Whether the signed-in user's role may call `channel` (shared/access.ts, the one table the router enforces). The UI
 * shows a page, a link or a button only where its channel is allowed; hiding is never the control, the main process
 * decides on every call.
 */
export function may(user: SignedInUser, channel: Channel): boolean {
  return mayCall(user.role, channel)
}

/**
 * Whether the user works with the whole roster. A coach may call the roster's channels too, but its policy gives them
 * their own record only, so they get their own page instead of a list.
 */
export function seesRoster(user: SignedInUser): boolean {
  return may(user, 'coaches.list') && user.role !== 'coach'
}
