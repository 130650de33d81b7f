import { useState, type FormEvent } from 'react'
import type { AuthStatus } from '@shared/domain/auth'
import { call } from '../../../lib/api'
import { ErrorSummary, PageHeading, TextField } from '../../../app/ui'
import { AuthLayout, problemFrom, useFocusOnMount } from './AuthLayout'

const LABELS = { password: 'Password' }

/** The locked screen: who is signed in and a password field, nothing else of the app. */
export function LockScreen({
  username,
  displayName,
  onUnlocked,
  onSignOut,
}: {
  username: string
  displayName: string
  onUnlocked(status: AuthStatus): void
  onSignOut(): void
}) {
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  useFocusOnMount('unlock-password')

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!password) {
      setErrors({ password: 'Type your password to unlock' })
      return
    }
    setBusy(true)
    try {
      onUnlocked(await call('auth.unlock', { password }))
    } catch (error) {
      const problem = problemFrom(error, 'password')
      setErrors(problem.errors)
      setMessage(problem.message)
      setPassword('')
      setBusy(false)
    }
  }

  return (
    <AuthLayout>
      <PageHeading documentTitle="Locked" takeFocus={false}>
        The screen is locked
      </PageHeading>
      <p>
        Signed in as <strong>{displayName}</strong> (<span className="auth__username">{username}</span>). Type your
        password to go on where you left off.
      </p>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorSummary errors={errors} labels={LABELS} idPrefix="unlock-" message={message} title="Still locked" />
        {/* For password managers: which account the password belongs to. */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <TextField
          id="unlock-password"
          label={LABELS.password}
          type="password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          required
          autoComplete="current-password"
          maxLength={256}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
          <button type="button" className="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </form>
    </AuthLayout>
  )
}
