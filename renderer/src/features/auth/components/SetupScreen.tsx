import { useState } from 'react'
import { MIN_PASSWORD_LENGTH, SetupInput, type AuthStatus } from '@shared/domain/auth'
import { COACH_TITLES, capitalise } from '@shared/domain/settings'
import type { ChannelOutput } from '@shared/api/contract'
import { call } from '../../../lib/api'
import { PageHeading } from '../../../components/ui'
import { Form, FormSelectField, FormTextField, SubmitButton } from '../../../components/ui/form'
import { confirmed } from '../utils/forms'
import { AuthLayout } from './AuthLayout'
import { RestoreScreen } from './RestoreScreen'

const TITLE_OPTIONS = Object.fromEntries(Object.entries(COACH_TITLES).map(([key, w]) => [key, capitalise(w.plural)]))

type SetupProps = {
  officeName: string
  coachTitle: string
  existingData: boolean
  onDone(result: ChannelOutput<'auth.setup'>, officeName: string): void
  /** The office came back from a backup instead (a new computer). */
  onRestored(status: AuthStatus, notice: string): void
}

/** First run: a new office and its first supervisor, or an existing office restored from its backup. */
export function SetupScreen({ onRestored, ...props }: SetupProps) {
  const [restoring, setRestoring] = useState(false)
  if (!restoring) return <SetUpOffice {...props} onRestore={() => setRestoring(true)} />
  return (
    <RestoreScreen
      title="Restore the office from a backup"
      replaces="nothing"
      onRestored={onRestored}
      onBack={() => setRestoring(false)}
    >
      <p>
        Bring the office’s data to this computer from a backup file: one made with “Back up now”, or an automatic backup
        copied from the old computer’s data folder. To open it, type the username and password of a supervisor as they
        were when the backup was made, or the office’s recovery key.
      </p>
    </RestoreScreen>
  )
}

/** The new office: the database is encrypted from here on. */
function SetUpOffice({
  officeName: existingName,
  coachTitle: existingTitle,
  existingData,
  onDone,
  onRestore,
}: Omit<SetupProps, 'onRestored'> & { onRestore(): void }) {
  return (
    <AuthLayout wide>
      <PageHeading documentTitle="Set up the office">Set up the office</PageHeading>
      <p>
        Welcome. Name the office and create the first supervisor account. Supervisors add everyone else’s accounts
        later.
      </p>
      {existingData ? (
        <p className="notice">
          This computer already holds the office’s records. Setting up encrypts them: from now on they open only with a
          password, or with the recovery key you are shown next.
        </p>
      ) : null}
      <Form
        idPrefix="setup-"
        schema={SetupInput}
        defaultValues={{
          officeName: existingName,
          coachTitle: existingTitle,
          displayName: '',
          username: '',
          password: '',
          confirmPassword: '',
        }}
        toInput={({ confirmPassword: _confirm, ...input }) => input}
        check={(values) => confirmed(values.password, values.confirmPassword, 'confirmPassword')}
        onSubmit={(input) => call('auth.setup', input)}
        onSaved={(result, values) => onDone(result, values.officeName.trim())}
        failureTitle={(hasFieldErrors) => (hasFieldErrors ? undefined : 'The office was not set up')}
      >
        <fieldset className="form__section">
          <legend>The office</legend>
          <FormTextField name="officeName" label="Office name" required autoComplete="organization" />
          <FormSelectField
            name="coachTitle"
            label="What the office calls its coaches"
            hint="Used for the roster and across the app"
            options={TITLE_OPTIONS}
          />
        </fieldset>
        <fieldset className="form__section">
          <legend>The first supervisor: you</legend>
          <FormTextField name="displayName" label="Your name" required autoComplete="name" />
          <FormTextField
            name="username"
            label="Username"
            required
            autoComplete="username"
            hint="What you type to sign in: letters, digits, dots, dashes or underscores"
          />
          <FormTextField
            name="password"
            label="Password"
            type="password"
            required
            autoComplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one that is easy to remember.`}
          />
          <FormTextField
            name="confirmPassword"
            label="Type the password again"
            type="password"
            required
            autoComplete="new-password"
          />
        </fieldset>
        <div className="form__actions">
          <SubmitButton busyLabel="Setting up…">Set up the office</SubmitButton>
        </div>
      </Form>
      <p className="auth__aside">
        Restoring this office on a new computer?{' '}
        <button type="button" className="link-button link-button--plain" onClick={onRestore}>
          Restore from a backup
        </button>
      </p>
    </AuthLayout>
  )
}
