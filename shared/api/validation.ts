import type { z } from 'zod'
import type { ApiError } from './result'

/** One message per field path (`legalName`, `languages.2`; `_` for the whole input), the first issue winning. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const prefix = issue.path.length ? `${issue.path.join('.')}.` : ''
      for (const key of issue.keys) fields[`${prefix}${key}`] ??= 'This field is not expected here'
      continue
    }
    const path = issue.path.length ? issue.path.join('.') : '_'
    fields[path] ??= issue.message
  }
  return fields
}

/** The `invalid_input` answer for input that failed its schema: the same on both sides of the contract. */
export function invalidInput(error: z.ZodError): ApiError {
  const fields = fieldErrors(error)
  const messages = Object.values(fields)
  return {
    code: 'invalid_input',
    message:
      messages.length === 1
        ? `Please check: ${messages[0]}`
        : `Please check the ${messages.length} highlighted fields.`,
    fields,
  }
}
