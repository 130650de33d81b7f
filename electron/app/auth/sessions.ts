import type { Role } from '@shared/domain/accounts'

/** A signed-in user, as the main process knows them. Lives only in memory, never in the renderer. */
export interface UserSession {
  accountId: number
  username: string
  displayName: string
  role: Role
  coachId: number | null
  mustChangePassword: boolean
  /** The screen locked itself after a period without input, or the user locked it. */
  locked: boolean
  lastActivityAt: number
}

/**
 * Sessions by client: a window's id in the desktop app, an HttpOnly cookie's random value in browser mode. The
 * transport says which client is calling; nothing the caller sends can name another client's session.
 */
export class SessionStore {
  private readonly sessions = new Map<string, UserSession>()

  /** The client's session, locked first if it has been idle longer than `idleLimitMs`. */
  current(client: string, nowMs: number, idleLimitMs: number): UserSession | null {
    const session = this.sessions.get(client) ?? null
    if (session && !session.locked && nowMs - session.lastActivityAt > idleLimitMs) session.locked = true
    return session
  }

  set(client: string, session: UserSession): void {
    this.sessions.set(client, session)
  }

  end(client: string): void {
    this.sessions.delete(client)
  }

  /** Every session of an account, e.g. to end them when the account is deactivated. */
  endAccount(accountId: number): void {
    for (const [client, session] of this.sessions) if (session.accountId === accountId) this.sessions.delete(client)
  }

  endAll(): void {
    this.sessions.clear()
  }

  updateAccount(accountId: number, change: Partial<Pick<UserSession, 'displayName' | 'mustChangePassword'>>): void {
    for (const session of this.sessions.values()) if (session.accountId === accountId) Object.assign(session, change)
  }

  get size(): number {
    return this.sessions.size
  }
}
