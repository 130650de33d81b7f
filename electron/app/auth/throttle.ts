import { createHash } from 'node:crypto'
import { instant, type Clock } from '../clock'
import { AppError } from '../errors'
import type { KeyringFile, Throttled } from './keyring'

/**
 * Wrong passwords slow the next try down, up to a ceiling, and never lock anyone out for good: a stranger who keeps
 * guessing can hold a name up by a minute at a time, not shut a supervisor out of the office.
 *
 * Tries are counted by bucket, not by name: one of 256 buckets, from a hash of the typed name with the office's salt.
 * An unknown name and a real one are counted, answered and delayed alike (sign-in cannot tell them apart: the key
 * file holds no names), and the counts, kept in the key file so they outlast a restart, show at most which bucket a
 * recent wrong try fell in, never a name.
 */

/** Wrong tries in a row before each further try must wait. */
export const FREE_FAILURES = 3
/** The longest wait between tries, however many wrong ones came before. */
export const RETRY_CEILING_MS = 60_000

export const RECOVERY_THROTTLE = 'recovery'

/** The wait after `failures` wrong tries in a row: nothing for the first few, then doubling from 1 s to the ceiling. */
export function retryDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0
  return Math.min(2 ** Math.min(failures - FREE_FAILURES, 30) * 1000, RETRY_CEILING_MS)
}

/** The bucket a typed username's tries are counted in. */
export function throttleKeyFor(keyring: Pick<KeyringFile, 'salt'>, username: string): string {
  const digest = createHash('sha256')
    .update(Buffer.from(keyring.salt, 'base64'))
    .update('\0rco-casebook throttle\0')
    .update(username.trim().toLowerCase().normalize('NFC'))
    .digest()
  return `name:${digest[0]}`
}

/** Milliseconds until the next try is allowed; 0 when it may go ahead now. */
export function remainingWaitMs(entry: Throttled | undefined, clock: Clock): number {
  if (!entry) return 0
  const wait = retryDelayMs(entry.failures)
  if (wait === 0) return 0
  return Math.max(0, new Date(entry.lastFailureAt).getTime() + wait - clock.now().getTime())
}

export function tooManyAttempts(remainingMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(remainingMs / 1000))
  return new AppError(
    'too_many_attempts',
    `Too many wrong tries. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
  )
}

/** `keyring` with one more wrong try counted in `key`. */
export function withFailure(keyring: KeyringFile, key: string, clock: Clock): KeyringFile {
  const entry = keyring.throttle[key]
  const throttle = {
    ...keyring.throttle,
    [key]: { failures: (entry?.failures ?? 0) + 1, lastFailureAt: instant(clock) },
  }
  // Buckets whose wait ended long ago are dropped, so the file does not keep a history of tries.
  for (const [name, value] of Object.entries(throttle)) {
    if (name !== key && clock.now().getTime() - new Date(value.lastFailureAt).getTime() > 24 * 3_600_000) {
      delete throttle[name]
    }
  }
  return { ...keyring, throttle }
}

export function withoutFailures(keyring: KeyringFile, key: string): KeyringFile {
  if (!keyring.throttle[key]) return keyring
  const { [key]: _cleared, ...rest } = keyring.throttle
  return { ...keyring, throttle: rest }
}

/** Accounts whose next sign-in must wait right now (for the accounts page). */
export function waitingAccounts(
  keyring: KeyringFile | null,
  accounts: readonly { id: number; username: string }[],
  clock: Clock,
): Set<number> {
  if (!keyring) return new Set()
  return new Set(
    accounts
      .filter((a) => remainingWaitMs(keyring.throttle[throttleKeyFor(keyring, a.username)], clock) > 0)
      .map((a) => a.id),
  )
}
