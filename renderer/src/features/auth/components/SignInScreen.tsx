import { useState } from 'react'
import { MIN_PASSWORD_LENGTH, RecoverInput, SignInInput, type AuthStatus } from '@shared/domain/auth'
import { call } from '../../../lib/api'
import { PageHeading } from '../../../components/ui'
import { Form, FormTextField, SubmitButton } from '../../../components/ui/form'
import { confirmed, wrongSecretOn } from '../utils/forms'
import { AuthLayout, useFocusOnMount } from './AuthLayout'

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
  useFocusOnMount(notice ? 'signin-notice' : 'signin-username')
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
      <Form
        idPrefix="signin-"
        schema={SignInInput}
        defaultValues={{ username: '', password: '' }}
        onSubmit={(input) => call('auth.signIn', input)}
        onSaved={onSignedIn}
        problemOf={wrongSecretOn('password')}
        clearOnFailure={['password']}
        failureTitle="Not signed in"
      >
        <FormTextField name="username" label="Username" required autoComplete="username" />
        <FormTextField name="password" label="Password" type="password" required autoComplete="current-password" />
        <div className="form__actions">
          <SubmitButton busyLabel="Signing in…">Sign in</SubmitButton>
        </div>
      </Form>
      <p className="auth__aside">
        Forgot your password? Ask a supervisor to reset it.{' '}
        <button type="button" className="link-button link-button--plain" onClick={onRecover}>
          Forgot every password? Use the recovery key
        </button>
      </p>
    </AuthLayout>
  )
}

/** When every supervisor has forgotten their password: the printed recovery key sets a new one. */
function RecoverScreen({ onBack, onRecovered }: { onBack(): void; onRecovered(status: AuthStatus): void }) {
  return (
    <AuthLayout>
      <PageHeading documentTitle="Use the recovery key">Use the recovery key</PageHeading>
      <p>
        Type the recovery key printed when the office was set up, the username of a supervisor, and a new password for
        that supervisor.
      </p>
      <Form
        idPrefix="recover-"
        schema={RecoverInput}
        defaultValues={{ recoveryKey: '', username: '', newPassword: '', confirmPassword: '' }}
        toInput={({ confirmPassword: _confirm, ...input }) => input}
        check={(values) => confirmed(values.newPassword, values.confirmPassword, 'confirmPassword')}
        onSubmit={(input) => call('auth.recover', input)}
        onSaved={onRecovered}
        problemOf={wrongSecretOn('recoveryKey')}
        failureTitle="The password was not reset"
      >
        <FormTextField
          name="recoveryKey"
          label="Recovery key"
          required
          autoComplete="off"
          hint="40 letters and digits; spaces, dashes and letter case do not matter"
        />
        <FormTextField name="username" label="Supervisor’s username" required autoComplete="username" />
        <FormTextField
          name="newPassword"
          label="New password"
          type="password"
          required
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters`}
        />
        <FormTextField
          name="confirmPassword"
          label="Type the new password again"
          type="password"
          required
          autoComplete="new-password"
        />
        <div className="form__actions">
          <SubmitButton busyLabel="Checking…">Set the new password and sign in</SubmitButton>
          <button type="button" className="button" onClick={onBack}>
            Back to sign in
          </button>
        </div>
      </Form>
    </AuthLayout>
  )
}
