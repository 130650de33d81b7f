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

/** A system error's code (ENOSPC and the like), if it has one. */
export const systemCode = (error: unknown): string => String((error as { code?: unknown })?.code ?? '')

/** A full disk, as the system or SQLite says it. */
export const isDiskFull = (error: unknown): boolean => ['ENOSPC', 'EDQUOT', 'SQLITE_FULL'].includes(systemCode(error))

/**
 * A sentence a person can act on for a system error on a file the app reads or writes: never the bare code. Null for
 * a code with no sentence of its own.
 */
export function fileErrorSentence(error: unknown): string | null {
  switch (systemCode(error)) {
    case 'ENOENT':
      return 'That file or folder does not exist (it may have been moved, renamed or removed).'
    case 'ENOTDIR':
      return 'Part of that path is a file, not a folder.'
    case 'ENAMETOOLONG':
      return 'That name is too long for the system: choose a shorter file name or a folder nearer the top.'
    case 'EISDIR':
      return 'That is a folder, not a file.'
    case 'EACCES':
    case 'EPERM':
      return 'The app is not allowed to use that place: choose a folder you can write to, or ask whoever manages this computer.'
    case 'EROFS':
      return 'That drive can only be read, not written to.'
    case 'ENOSPC':
    case 'EDQUOT':
      return 'That drive is full.'
    case 'EBUSY':
    case 'ETXTBSY':
      return 'Another program is using that file right now: close it and try again.'
    case 'EMFILE':
    case 'ENFILE':
      return 'Too many files are open on this computer right now: close some programs and try again.'
    case 'EIO':
      return 'The drive could not be read or written (it may be failing or unplugged).'
    default:
      return null
  }
}

/** The key file or another of the app's files could not be written: `storage_full` on a full disk, said in words. */
export function fileWriteError(error: unknown, what: string): AppError {
  if (isDiskFull(error)) {
    return new AppError(
      'storage_full',
      `The disk is full, so ${what} could not be saved and nothing was changed. Free some space and try again.`,
    )
  }
  const sentence = fileErrorSentence(error)
  return new AppError(
    'internal',
    `${what[0]!.toUpperCase()}${what.slice(1)} could not be saved: ${sentence ?? 'the system refused to write it.'} Nothing was changed.`,
  )
}
