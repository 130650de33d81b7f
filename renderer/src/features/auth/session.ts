import { createContext, useContext } from 'react'
import type { AuthStatus, Role, SignedInUser } from '@shared/domain/auth'

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

/** Who may use which part of the UI. The main process decides for real on every call; this only hides what a role can't use. */
export const CAN = {
  seeRoster: ['supervisor', 'coordinator'],
  editRoster: ['supervisor', 'coordinator'],
  manageAccounts: ['supervisor'],
  readAudit: ['supervisor'],
  editSettings: ['supervisor'],
  manageBackups: ['supervisor'],
} as const satisfies Record<string, readonly Role[]>

export function can(user: SignedInUser, what: keyof typeof CAN): boolean {
  return (CAN[what] as readonly Role[]).includes(user.role)
}
