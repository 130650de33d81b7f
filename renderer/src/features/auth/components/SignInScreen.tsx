import { useState, type FormEvent } from 'react'
import { fieldErrors } from '@shared/api/validation'
import { MIN_PASSWORD_LENGTH, RecoverInput, SignInInput, type AuthStatus } from '@shared/domain/auth'
import { call } from '../../../lib/api'
import { ErrorSummary, PageHeading, TextField, useFormFields } from '../../../app/ui'
import { AuthLayout, mismatch, problemFrom, useFocusOnMount } from './AuthLayout'

const SIGN_IN_LABELS = { username: 'Username', password: 'Password' }

/** `notice`: what happened just before (a backup was restored), said first. */
export function SignInScreen({ onSignedIn, notice }: { onSignedIn(status: AuthStatus): void; notice?: string }) {
  const [recovering, setRecovering] = useState(false)
  if (recovering) return <RecoverScreen onBack={() => setRecovering(false)} onRecovered={onSignedIn} />
  return <SignInForm onSignedIn={onSignedIn} onRecover={() => setRecovering(true)} notice={notice} />
}

function SignInForm({
  onSignedIn,
  onRecover,
  notice,
}: {
  onSignedIn(status: AuthStatus): void
  onRecover(): void
  notice?: string
}) {
  const form = useFormFields({ username: '', password: '' }, 'signin-', SIGN_IN_LABELS)
  const { values, errors, message, busy, field } = form
  useFocusOnMount(notice ? 'signin-notice' : 'signin-username')

  async function submit(event: FormEvent) {
    event.preventDefault()
    const parsed = SignInInput.safeParse(values)
    if (!parsed.success) return form.show({ errors: fieldErrors(parsed.error) })
    form.setBusy(true)
    try {
      onSignedIn(await call('auth.signIn', values))
    } catch (error) {
      form.show(problemFrom(error, 'password'))
      form.set('password')('')
    }
  }

  return (
    <AuthLayout>
      <PageHeading documentTitle="Sign in" takeFocus={false}>
        Sign in
      </PageHeading>
      {notice ? (
        <div role="status" className="notice notice--success auth__notice" id="signin-notice" tabIndex={-1}>
          <p>{notice}</p>
        </div>
      ) : null}
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorSummary
          errors={errors}
          labels={SIGN_IN_LABELS}
          idPrefix="signin-"
          message={message}
          title="Not signed in"
        />
        <TextField {...field('username')} required autoComplete="username" maxLength={64} />
        <TextField {...field('password')} type="password" required autoComplete="current-password" maxLength={256} />
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
  const form = useFormFields(
    { recoveryKey: '', username: '', newPassword: '', confirmPassword: '' },
    'recover-',
    RECOVER_LABELS,
  )
  const { values, errors, message, busy, field } = form

  async function submit(event: FormEvent) {
    event.preventDefault()
    const { confirmPassword, ...input } = values
    const parsed = RecoverInput.safeParse(input)
    const found = parsed.success ? {} : fieldErrors(parsed.error)
    if (!found.newPassword) Object.assign(found, mismatch(values.newPassword, confirmPassword, 'confirmPassword'))
    if (Object.keys(found).length > 0) return form.show({ errors: found })
    form.setBusy(true)
    try {
      onRecovered(await call('auth.recover', input))
    } catch (error) {
      form.show(problemFrom(error, 'recoveryKey'))
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
        <ErrorSummary
          errors={errors}
          labels={RECOVER_LABELS}
          idPrefix="recover-"
          message={message}
          title="The password was not reset"
        />
        <TextField
          {...field('recoveryKey')}
          required
          maxLength={200}
          autoComplete="off"
          hint="40 letters and digits; spaces, dashes and letter case do not matter"
        />
        <TextField {...field('username')} required maxLength={64} autoComplete="username" />
        <TextField
          {...field('newPassword')}
          type="password"
          required
          maxLength={256}
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters`}
        />
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
