import type { FieldErrors } from 'react-hook-form'
import { ApiCallError, UnreadableAnswerError } from '../../../lib/api'

/** What a failed submit shows: a message per field, and one for the form as a whole. */
export interface FormProblem {
  fields: Record<string, string>
  message?: string
}

/**
 * The form field an error's path belongs to, among the fields on screen: `legalName` is itself, `fields.legalName`
 * (the edit's input wraps the fields) and `languages.2` (one entry of the languages box) are the nearest field named
 * in the path. Undefined when no field on screen holds it (then the form's message says it).
 */
export function fieldForPath(path: string, names: readonly string[]): string | undefined {
  const parts = path.split('.').filter((part) => part !== '')
  for (let start = 0; start < parts.length; start += 1) {
    for (let end = parts.length; end > start; end -= 1) {
      const candidate = parts.slice(start, end).join('.')
      if (names.includes(candidate)) return candidate
    }
  }
  return undefined
}

/** Messages by path, placed on the fields on screen (the first message per field wins); the rest are left over. */
export function placeMessages(
  byPath: Record<string, string>,
  names: readonly string[],
): { fields: Record<string, string>; unplaced: string[] } {
  const fields: Record<string, string> = {}
  const unplaced: string[] = []
  for (const [path, message] of Object.entries(byPath)) {
    const name = fieldForPath(path, names)
    if (name === undefined) unplaced.push(message)
    else fields[name] ??= message
  }
  return { fields, unplaced }
}

/** react-hook-form's nested errors (`{ fields: { legalName: { message } } }`) as one message per dotted path. */
export function flattenFieldErrors(errors: FieldErrors | Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {}
  const walk = (node: unknown, path: string) => {
    if (typeof node !== 'object' || node === null) return
    const entry = node as Record<string, unknown>
    if (typeof entry.message === 'string' && typeof entry.type === 'string') flat[path] ??= entry.message
    for (const [key, child] of Object.entries(entry)) {
      if (key === 'message' || key === 'type' || key === 'ref' || key === 'types') continue
      walk(child, path ? `${path}.${key}` : key)
    }
  }
  walk(errors, '')
  return flat
}

/**
 * A failed call as a form shows it. Bad input, and a conflict that names its field ("That username is already
 * taken"), mark their fields; anything else is the form's one message, in the contract's words.
 */
export function problemFromError(error: unknown): FormProblem {
  if (error instanceof ApiCallError) {
    const hasFields = Object.keys(error.fields).length > 0
    if (hasFields && (error.code === 'invalid_input' || error.code === 'conflict')) return { fields: error.fields }
    return { fields: {}, message: error.message }
  }
  if (error instanceof UnreadableAnswerError) {
    return {
      fields: {},
      message: 'The app could not read the answer. Check whether the change was made before you try again.',
    }
  }
  return { fields: {}, message: 'Something went wrong and the change may not have been made. Please try again.' }
}
