import { instant, type Clock } from '../clock'
import { AppError } from '../errors'
import { prepareWrapper, type AccountSlot, type KdfParams, type KeyringFile } from './keyring'

/** Wrong passwords in a row before an account locks until a supervisor resets its password. */
export const LOCK_AFTER_FAILURES = 10
/** Wrong passwords in a row allowed before each further try must wait. */
const FREE_FAILURES = 3

/** How long to wait after `failures` wrong passwords in a row: nothing for the first few, then doubling from 1 s. */
export function retryDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0
  return Math.min(2 ** (failures - FREE_FAILURES), 300) * 1000
}

export interface Throttled {
  failures: number
  lastFailureAt: string | null
}

export function lockedOutError() {
  return new AppError(
    'too_many_attempts',
    `This account is locked after ${LOCK_AFTER_FAILURES} wrong passwords in a row. A supervisor can reset its password.`,
  )
}

/** Refuses a try while the slot must still wait after its last wrong secret, or is locked out. */
export function refuseWhileThrottled(slot: Throttled & { accountId?: number }, clock: Clock): void {
  if (slot.accountId !== undefined && slot.failures >= LOCK_AFTER_FAILURES) throw lockedOutError()
  const wait = retryDelayMs(slot.failures)
  if (wait > 0 && slot.lastFailureAt) {
    const remaining = new Date(slot.lastFailureAt).getTime() + wait - clock.now().getTime()
    if (remaining > 0) {
      const seconds = Math.ceil(remaining / 1000)
      throw new AppError(
        'too_many_attempts',
        `Too many wrong tries. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
      )
    }
  }
}

/** Accounts locked out by wrong passwords, as the key file counts them. */
export function lockedOutAccounts(keyring: KeyringFile | null): Set<number> {
  return new Set(
    (keyring?.accounts ?? []).filter((s: AccountSlot) => s.failures >= LOCK_AFTER_FAILURES).map((s) => s.accountId),
  )
}

/** Wrong tries against usernames that have no account, slowed down the same way as real ones. */
export class UnknownNames {
  private readonly tries = new Map<string, Throttled>()

  constructor(
    private readonly clock: Clock,
    private readonly kdf: KdfParams,
  ) {}

  async fail(username: string, password: string): Promise<void> {
    const entry = this.tries.get(username) ?? { failures: 0, lastFailureAt: null }
    refuseWhileThrottled(entry, this.clock)
    // Spend the same time as a real check, so a wrong username cannot be told from a wrong password by the clock.
    await prepareWrapper(password, this.kdf)
    entry.failures += 1
    entry.lastFailureAt = instant(this.clock)
    if (this.tries.size > 10_000) this.tries.clear()
    this.tries.set(username, entry)
  }
}
