import type { ErrorCode } from '@shared/api/result'

/** An expected failure a service reports to the caller; the router turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`)
export const conflict = (message: string) => new AppError('conflict', message)
