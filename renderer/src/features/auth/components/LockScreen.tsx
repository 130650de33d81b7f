import { UnlockInput, type AuthStatus } from '@shared/domain/auth'
import { call } from '../../../lib/api'
import { PageHeading } from '../../../components/ui'
import { Form, FormTextField, SubmitButton } from '../../../components/ui/form'
import { wrongSecretOn } from '../utils/forms'
import { AuthLayout, useFocusOnMount } from './AuthLayout'

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
  useFocusOnMount('unlock-password')
  return (
    <AuthLayout>
      <PageHeading documentTitle="Locked" takeFocus={false}>
        The screen is locked
      </PageHeading>
      <p>
        Signed in as <strong>{displayName}</strong> (<span className="auth__username">{username}</span>). Type your
        password to go on where you left off.
      </p>
      <Form
        idPrefix="unlock-"
        schema={UnlockInput}
        defaultValues={{ password: '' }}
        onSubmit={(input) => call('auth.unlock', input)}
        onSaved={onUnlocked}
        problemOf={wrongSecretOn('password')}
        clearOnFailure={['password']}
        failureTitle="Still locked"
      >
        {/* For password managers: which account the password belongs to. */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <FormTextField name="password" label="Password" type="password" required autoComplete="current-password" />
        <div className="form__actions">
          <SubmitButton busyLabel="Unlocking…">Unlock</SubmitButton>
          <button type="button" className="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </Form>
    </AuthLayout>
  )
}
