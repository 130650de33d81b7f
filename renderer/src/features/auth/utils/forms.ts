import { ApiCallError } from '../../../lib/api'
import { problemFromError, type FormProblem } from '../../../components/ui/form/problems'

/**
 * A failed sign-in, unlock or recovery as its form shows it: `unauthenticated` there means the password or recovery
 * key was wrong (not that a session ended), so the message goes next to that field.
 */
export function wrongSecretOn(field: string) {
  return (error: unknown): FormProblem =>
    error instanceof ApiCallError && error.code === 'unauthenticated'
      ? { fields: { [field]: error.message } }
      : problemFromError(error)
}

/** A new password typed twice: the second must be the same. */
export function confirmed(password: string, confirmation: string, field: string): Record<string, string> {
  return password !== confirmation ? { [field]: 'The two passwords are not the same' } : {}
}
