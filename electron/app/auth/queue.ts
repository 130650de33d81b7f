import { AppError } from '../errors'

/** Calls waiting for the one-at-a-time password check before more are refused. */
const MAX_WAITING_PASSWORD_CHECKS = 8

/**
 * Key-file changes and password checks, one at a time, so two windows cannot interleave a read-change-write of the
 * key file. Each password check costs a slow key derivation, so a flood of them is refused rather than queued.
 */
export class KeyFileQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private waiting = 0

  run<T>(work: () => Promise<T>, options: { checksPassword?: boolean } = {}): Promise<T> {
    if (options.checksPassword && this.waiting >= MAX_WAITING_PASSWORD_CHECKS) {
      return Promise.reject(
        new AppError('too_many_attempts', 'The app is busy checking passwords. Try again in a moment.'),
      )
    }
    this.waiting++
    const run = this.tail.then(work, work).finally(() => this.waiting--)
    this.tail = run.catch(() => undefined)
    return run
  }

  /** A password check: refused rather than queued when too many already wait. */
  checkingPassword<T>(work: () => Promise<T>): Promise<T> {
    return this.run(work, { checksPassword: true })
  }
}
