/** Every error a channel can answer with. Errors are data: they cross IPC and HTTP as plain objects. */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'unknown_channel',
  'forbidden',
  'unauthenticated',
  'conflict',
  'storage_full',
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
