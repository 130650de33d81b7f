/** Every error a channel can answer with. Errors are data: they cross IPC and HTTP as plain objects. */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'unknown_channel',
  'forbidden',
  'unauthenticated',
  'conflict',
  /** Too many wrong passwords: wait, or ask a supervisor to reset the password. */
  'too_many_attempts',
  'storage_full',
  /** The database file could not be opened (damaged, not this app's, from a newer version). */
  'database_unavailable',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiError {
  code: ErrorCode
  message: string
  /** For `invalid_input`: a message per field path, such as `legalName` or `languages.2`. */
  fields?: Record<string, string>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }
