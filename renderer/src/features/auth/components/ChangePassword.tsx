import { useState, type FormEvent } from 'react'
import { fieldErrors } from '@shared/api/validation'
import { ChangePasswordInput, MIN_PASSWORD_LENGTH, type AuthStatus } from '@shared/domain/auth'
import { call } from '../../../lib/api'
import { ErrorSummary, PageHeading, TextField, useFormFields } from '../../../app/ui'
import { useSession } from '../session'
import { AuthLayout, mismatch, problemFrom } from './AuthLayout'

const LABELS = {
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'Type the new password again',
}

function ChangePasswordForm({
  currentLabel,
  username,
  onChanged,
  submitLabel,
}: {
  currentLabel: string
  username: string
  onChanged(status: AuthStatus): void
  submitLabel: string
}) {
  const labels = { ...LABELS, currentPassword: currentLabel }
  const form = useFormFields({ currentPassword: '', newPassword: '', confirmPassword: '' }, 'password-', labels)
  const { values, errors, message, busy, field } = form

  async function submit(event: FormEvent) {
    event.preventDefault()
    const { confirmPassword, ...input } = values
    const parsed = ChangePasswordInput.safeParse(input)
    const found = parsed.success ? {} : fieldErrors(parsed.error)
    if (!found.newPassword) Object.assign(found, mismatch(values.newPassword, confirmPassword, 'confirmPassword'))
    if (!found.newPassword && input.newPassword && input.newPassword === input.currentPassword) {
      found.newPassword = 'Choose a password different from the current one'
    }
    if (Object.keys(found).length > 0) return form.show({ errors: found })
    form.setBusy(true)
    try {
      const status = await call('auth.changePassword', input)
      form.setValues({ currentPassword: '', newPassword: '', confirmPassword: '' })
      form.show({ errors: {} })
      onChanged(status)
    } catch (error) {
      form.show(problemFrom(error, 'currentPassword'))
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
      <ErrorSummary
        errors={errors}
        labels={labels}
        idPrefix="password-"
        message={message}
        title="The password was not changed"
      />
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <TextField
        {...field('currentPassword')}
        type="password"
        required
        maxLength={256}
        autoComplete="current-password"
      />
      <TextField
        {...field('newPassword')}
        type="password"
        required
        maxLength={256}
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one that is easy to remember.`}
      />
      <TextField {...field('confirmPassword')} type="password" required maxLength={256} autoComplete="new-password" />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  )
}

/** Before anything else, for an account a supervisor created or reset: the first password is theirs to replace. */
export function MustChangePasswordScreen({
  username,
  displayName,
  onChanged,
  onSignOut,
}: {
  username: string
  displayName: string
  onChanged(status: AuthStatus): void
  onSignOut(): void
}) {
  return (
    <AuthLayout>
      <PageHeading documentTitle="Choose a new password">Choose a new password</PageHeading>
      <p>
        Welcome, {displayName}. A supervisor gave your account a first password. Choose your own before you go on; only
        you will know it.
      </p>
      <ChangePasswordForm
        currentLabel="First password (the one you were given)"
        username={username}
        onChanged={onChanged}
        submitLabel="Save my new password"
      />
      <p className="auth__aside">
        <button type="button" className="link-button link-button--plain" onClick={onSignOut}>
          Sign out instead
        </button>
      </p>
    </AuthLayout>
  )
}

/** The page in the app, for a signed-in user who wants a new password. */
export function ChangePasswordPage() {
  const session = useSession()
  const [done, setDone] = useState(false)
  return (
    <>
      <PageHeading documentTitle="Change your password">Change your password</PageHeading>
      {done ? (
        <p role="status" className="notice notice--success">
          Your password was changed. Use the new one from now on.
        </p>
      ) : null}
      <ChangePasswordForm
        currentLabel={LABELS.currentPassword}
        username={session.user.username}
        submitLabel="Change password"
        onChanged={(status) => {
          setDone(true)
          session.update(status)
        }}
      />
    </>
  )
}
