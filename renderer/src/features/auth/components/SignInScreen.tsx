import { useState, type FormEvent } from 'react'
import { fieldErrors } from '@shared/api/validation'
import { MIN_PASSWORD_LENGTH, RecoverInput, SignInInput, type AuthStatus } from '@shared/domain/accounts'
import { call } from '../../../lib/api'
import { ErrorSummary, PageHeading, TextField } from '../../../app/ui'
import { AuthLayout, mismatch, problemFrom, useFocusOnMount } from './AuthLayout'

const SIGN_IN_LABELS = { username: 'Username', password: 'Password' }

export function SignInScreen({ onSignedIn }: { onSignedIn(status: AuthStatus): void }) {
  const [recovering, setRecovering] = useState(false)
  if (recovering) return <RecoverScreen onBack={() => setRecovering(false)} onRecovered={onSignedIn} />
  return <SignInForm onSignedIn={onSignedIn} onRecover={() => setRecovering(true)} />
}

function SignInForm({ onSignedIn, onRecover }: { onSignedIn(status: AuthStatus): void; onRecover(): void }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  useFocusOnMount('signin-username')

  async function submit(event: FormEvent) {
    event.preventDefault()
    const parsed = SignInInput.safeParse({ username, password })
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      setMessage(undefined)
      return
    }
    setBusy(true)
    try {
      onSignedIn(await call('auth.signIn', { username, password }))
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
      <PageHeading documentTitle="Sign in" takeFocus={false}>
        Sign in
      </PageHeading>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorSummary errors={errors} labels={SIGN_IN_LABELS} idPrefix="signin-" message={message} title="Not signed in" />
        <TextField id="signin-username" label={SIGN_IN_LABELS.username} value={username} onChange={setUsername} error={errors.username} required autoComplete="username" maxLength={64} />
        <TextField id="signin-password" label={SIGN_IN_LABELS.password} type="password" value={password} onChange={setPassword} error={errors.password} required autoComplete="current-password" maxLength={256} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
      <p className="auth__aside">
        Forgot your password? Ask a supervisor to reset it.{' '}
        <button type="button" className="link-button link-button--plain" onClick={onRecover}>
          Forgot every password? Use the recovery key
        </button>
      </p>
    </AuthLayout>
  )
}

const RECOVER_LABELS = {
  recoveryKey: 'Recovery key',
  username: 'Supervisor’s username',
  newPassword: 'New password',
  confirmPassword: 'Type the new password again',
}

/** When every supervisor has forgotten their password: the printed recovery key sets a new one. */
function RecoverScreen({ onBack, onRecovered }: { onBack(): void; onRecovered(status: AuthStatus): void }) {
  const [values, setValues] = useState({ recoveryKey: '', username: '', newPassword: '', confirmPassword: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const set = (key: keyof typeof values) => (value: string) => setValues((current) => ({ ...current, [key]: value }))
  const field = (key: keyof typeof values) => ({ id: `recover-${key}`, label: RECOVER_LABELS[key], error: errors[key], value: values[key], onChange: set(key) })

  async function submit(event: FormEvent) {
    event.preventDefault()
    const { confirmPassword, ...input } = values
    const parsed = RecoverInput.safeParse(input)
    const found = parsed.success ? {} : fieldErrors(parsed.error)
    if (!found.newPassword) Object.assign(found, mismatch(values.newPassword, confirmPassword, 'confirmPassword'))
    if (Object.keys(found).length > 0) {
      setErrors(found)
      setMessage(undefined)
      return
    }
    setBusy(true)
    try {
      onRecovered(await call('auth.recover', input))
    } catch (error) {
      const problem = problemFrom(error, 'recoveryKey')
      setErrors(problem.errors)
      setMessage(problem.message)
      setBusy(false)
    }
  }

  return (
    <AuthLayout>
      <PageHeading documentTitle="Use the recovery key">Use the recovery key</PageHeading>
      <p>
        Type the recovery key printed when the office was set up, the username of a supervisor, and a new password for
        that supervisor.
      </p>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorSummary errors={errors} labels={RECOVER_LABELS} idPrefix="recover-" message={message} title="The password was not reset" />
        <TextField {...field('recoveryKey')} required maxLength={200} autoComplete="off" hint="40 letters and digits; spaces, dashes and letter case do not matter" />
        <TextField {...field('username')} required maxLength={64} autoComplete="username" />
        <TextField {...field('newPassword')} type="password" required maxLength={256} autoComplete="new-password" hint={`At least ${MIN_PASSWORD_LENGTH} characters`} />
        <TextField {...field('confirmPassword')} type="password" required maxLength={256} autoComplete="new-password" />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Checking…' : 'Set the new password and sign in'}
          </button>
          <button type="button" className="button" onClick={onBack}>
            Back to sign in
          </button>
        </div>
      </form>
    </AuthLayout>
  )
}
