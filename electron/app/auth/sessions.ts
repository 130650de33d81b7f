import type { Role } from '@shared/domain/auth'

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

  /** Every session of an account (but `except`'s), e.g. when the account is deactivated or its password changes. */
  endAccount(accountId: number, except?: string): void {
    for (const [client, session] of this.sessions) {
      if (session.accountId === accountId && client !== except) this.sessions.delete(client)
    }
  }

  /** Moves a session to a new client id (browser mode issues a new cookie at each sign-in). */
  move(from: string, to: string): void {
    const session = this.sessions.get(from)
    this.sessions.delete(from)
    if (session) this.sessions.set(to, session)
  }

  endAll(): void {
    this.sessions.clear()
  }
}
