import { instant, type Clock } from '../clock'
import type { Logger } from '../context'
import type { Vault } from '../vault'
import { findAccountByUsername } from '../accounts/accounts.repository'
import type { AuditEntry } from './audit'
import { insertEvent } from './audit.repository'

/**
 * Security events: failed sign-ins (a known name, an unknown one, a recovery key), refusals while a name must wait,
 * the screen locking itself, the audit seal's own notes. The one kind of event not declared on a route, because most
 * happen on calls that fail, or before there is a database to write to: then they wait in memory (never on disk,
 * where the typed name would be readable) and are written, with the time they happened, once the database opens.
 */
export interface SecurityEvent extends AuditEntry {
  /**
   * The name someone typed: once the database is open it names the account (record and actor) if there is one, and
   * `summaryForUnknownName` replaces the summary if there is not. The name itself is never written.
   */
  username?: string
  summaryForUnknownName?: string
}

/** At most this many wait for the database; older ones are dropped, and the drop is recorded. */
const MAX_PENDING = 1000

export class SecurityEvents {
  private pending: Array<SecurityEvent & { at: string }> = []
  private dropped = 0

  constructor(
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  get waiting(): number {
    return this.pending.length
  }

  /** Written now if the database is open, else kept until it opens. A failure to write is logged, never thrown. */
  async record(event: SecurityEvent): Promise<void> {
    const timed = { ...event, at: instant(this.clock) }
    if (!this.vault.database) {
      if (this.pending.length >= MAX_PENDING) {
        this.pending.shift()
        this.dropped += 1
      }
      this.pending.push(timed)
      return
    }
    try {
      await this.write(timed)
    } catch (error) {
      this.log.error('A security event could not be recorded', (error as { code?: string })?.code ?? 'error')
    }
  }

  /** Writes what waited for the database, oldest first. Called right after the database opens. */
  async flush(): Promise<void> {
    const events = this.pending.splice(0)
    if (this.dropped > 0) {
      events.unshift({
        at: events[0]?.at ?? instant(this.clock),
        action: 'sign_in_failed',
        recordType: 'session',
        recordId: null,
        summary: `${this.dropped} earlier sign-in events were lost: more came before the database opened than are kept`,
      })
      this.dropped = 0
    }
    for (const event of events) {
      try {
        await this.write(event)
      } catch (error) {
        this.log.error('A security event could not be recorded', (error as { code?: string })?.code ?? 'error')
      }
    }
  }

  /** Through the chain's trigger like every event; sealed too if a supervisor is signed in. */
  private async write(event: SecurityEvent & { at: string }): Promise<void> {
    const db = this.vault.db
    const account = event.username !== undefined ? await findAccountByUsername(db, event.username) : undefined
    const accountId = event.actorAccountId ?? account?.id ?? null
    await insertEvent(db, {
      at: event.at,
      accountId,
      action: event.action,
      recordType: event.recordType,
      recordId: event.username !== undefined ? (account?.id ?? null) : event.recordId,
      summary:
        event.username !== undefined && !account ? (event.summaryForUnknownName ?? event.summary) : event.summary,
    })
  }
}
