import { useEffect, type ReactNode } from 'react'
import { ApiCallError } from '../../../lib/api'

/** The frame of every screen before the app opens: the app's name and one card, with nothing of the office's data. */
export function AuthLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <div className="auth">
      <header className="auth__header">
        <p className="auth__brand">RCO Casebook</p>
      </header>
      <main id="main" tabIndex={-1} className={wide ? 'auth__card auth__card--wide' : 'auth__card'}>
        {children}
      </main>
    </div>
  )
}

export interface FormProblem {
  errors: Record<string, string>
  message?: string
}

/** A failed auth call as a form shows it: bad input next to its fields, anything else as one message. */
export function problemFrom(error: unknown, fieldForMessage?: string): FormProblem {
  if (error instanceof ApiCallError) {
    if (error.code === 'invalid_input' && Object.keys(error.fields).length > 0) return { errors: error.fields }
    if (error.code === 'unauthenticated' && fieldForMessage) return { errors: { [fieldForMessage]: error.message } }
    return { errors: {}, message: error.message }
  }
  return { errors: {}, message: error instanceof Error ? error.message : 'Something went wrong; please try again.' }
}

/** Moves focus to a field when a screen opens (sign-in, lock), where typing straight away is what people expect. */
export function useFocusOnMount(id: string) {
  useEffect(() => {
    document.getElementById(id)?.focus()
  }, [id])
}

export function mismatch(password: string, confirmation: string, field: string): Record<string, string> {
  return password !== confirmation ? { [field]: 'The two passwords are not the same' } : {}
}
