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
 * A locked session left this long without a call ends: a screen locked overnight signs its user out, and once no one
 * is signed in the database closes and its key leaves memory. (A browser tab reloaded or closed leaves its session
 * behind, unreachable without the token the page held; this is what ends it.)
 */
export const END_LOCKED_AFTER_MS = 12 * 60 * 60 * 1000

/**
 * Sessions by client: a window's id in the desktop app, a browser's cookie and page token in browser mode. The
 * transport says which client is calling; nothing the caller sends can name another client's session.
 */
export class SessionStore {
  private readonly sessions = new Map<string, UserSession>()
  /** Sessions that locked themselves since the last sweep, for their lock to be recorded. */
  private newlyLocked: UserSession[] = []

  /** The client's session, locked first if it has been idle longer than `idleLimitMs`. */
  current(client: string, nowMs: number, idleLimitMs: number): UserSession | null {
    const session = this.sessions.get(client) ?? null
    if (session) this.lockIfIdle(session, nowMs, idleLimitMs)
    return session
  }

  private lockIfIdle(session: UserSession, nowMs: number, idleLimitMs: number) {
    if (!session.locked && nowMs - session.lastActivityAt > idleLimitMs) {
      session.locked = true
      this.newlyLocked.push(session)
    }
  }

  /** Locks every idle session and ends those locked and unused too long; answers what locked or ended since last. */
  sweep(nowMs: number, idleLimitMs: number): { locked: UserSession[]; ended: UserSession[] } {
    const ended: UserSession[] = []
    for (const [client, session] of this.sessions) {
      this.lockIfIdle(session, nowMs, idleLimitMs)
      if (session.locked && nowMs - session.lastActivityAt > END_LOCKED_AFTER_MS) {
        this.sessions.delete(client)
        ended.push(session)
      }
    }
    const locked = this.newlyLocked
    this.newlyLocked = []
    return { locked, ended }
  }

  has(client: string): boolean {
    return this.sessions.has(client)
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

  /** Moves a session to a new client id. */
  move(from: string, to: string): void {
    const session = this.sessions.get(from)
    this.sessions.delete(from)
    if (session) this.sessions.set(to, session)
  }

  endAll(): void {
    this.sessions.clear()
  }

  get size(): number {
    return this.sessions.size
  }

  /** Whether someone of `role` is signed in with the screen unlocked (a supervisor: the supervisors' file stays in). */
  hasUnlocked(role: Role): boolean {
    for (const session of this.sessions.values()) if (session.role === role && !session.locked) return true
    return false
  }
}
