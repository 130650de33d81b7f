import { ChangePasswordInput, MIN_PASSWORD_LENGTH, type AuthStatus } from '@shared/domain/auth'
import { call } from '../../../lib/api'
import { PageHeading } from '../../../components/ui'
import { Form, FormTextField, SubmitButton } from '../../../components/ui/form'
import { confirmed, wrongSecretOn } from '../utils/forms'
import { AuthLayout } from './AuthLayout'

const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' }

export function ChangePasswordForm({
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
  return (
    <Form
      idPrefix="password-"
      schema={ChangePasswordInput}
      defaultValues={EMPTY}
      toInput={({ confirmPassword: _confirm, ...input }) => input}
      check={(values) => ({
        ...confirmed(values.newPassword, values.confirmPassword, 'confirmPassword'),
        ...(values.newPassword && values.newPassword === values.currentPassword
          ? { newPassword: 'Choose a password different from the current one' }
          : {}),
      })}
      onSubmit={(input) => call('auth.changePassword', input)}
      valuesAfterSave={() => EMPTY}
      onSaved={onChanged}
      problemOf={wrongSecretOn('currentPassword')}
      failureTitle="The password was not changed"
    >
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <FormTextField
        name="currentPassword"
        label={currentLabel}
        type="password"
        required
        autoComplete="current-password"
      />
      <FormTextField
        name="newPassword"
        label="New password"
        type="password"
        required
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one that is easy to remember.`}
      />
      <FormTextField
        name="confirmPassword"
        label="Type the new password again"
        type="password"
        required
        autoComplete="new-password"
      />
      <div className="form__actions">
        <SubmitButton busyLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </Form>
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
