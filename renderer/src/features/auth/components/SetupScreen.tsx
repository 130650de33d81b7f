import { useState, type FormEvent } from 'react'
import { fieldErrors } from '@shared/api/validation'
import { MIN_PASSWORD_LENGTH, SetupInput, type AuthStatus } from '@shared/domain/auth'
import { COACH_TITLES, capitalise } from '@shared/domain/settings'
import type { ChannelOutput } from '@shared/api/contract'
import { call } from '../../../lib/api'
import { ErrorSummary, PageHeading, SelectField, TextField, useFormFields } from '../../../app/ui'
import { AuthLayout, mismatch, problemFrom } from './AuthLayout'
import { RestoreScreen } from './RestoreScreen'

const LABELS = {
  officeName: 'Office name',
  coachTitle: 'What the office calls its coaches',
  displayName: 'Your name',
  username: 'Username',
  password: 'Password',
  confirmPassword: 'Type the password again',
}
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
  const form = useFormFields(
    {
      officeName: existingName,
      coachTitle: existingTitle,
      displayName: '',
      username: '',
      password: '',
      confirmPassword: '',
    },
    'setup-',
    LABELS,
  )
  const { values, errors, message, busy, field } = form

  async function submit(event: FormEvent) {
    event.preventDefault()
    const { confirmPassword, ...input } = values
    const parsed = SetupInput.safeParse(input)
    const found = parsed.success ? {} : fieldErrors(parsed.error)
    if (!found.password) Object.assign(found, mismatch(values.password, confirmPassword, 'confirmPassword'))
    if (Object.keys(found).length > 0) return form.show({ errors: found })
    form.setBusy(true)
    try {
      const result = await call('auth.setup', input as SetupInput)
      onDone(result, input.officeName.trim())
    } catch (error) {
      form.show(problemFrom(error))
    }
  }

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
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorSummary
          errors={errors}
          labels={LABELS}
          idPrefix="setup-"
          message={message}
          title={message && !Object.keys(errors).length ? 'The office was not set up' : undefined}
        />
        <fieldset className="form__section">
          <legend>The office</legend>
          <TextField {...field('officeName')} required maxLength={200} autoComplete="organization" />
          <SelectField {...field('coachTitle')} hint="Used for the roster and across the app" options={TITLE_OPTIONS} />
        </fieldset>
        <fieldset className="form__section">
          <legend>The first supervisor: you</legend>
          <TextField {...field('displayName')} required maxLength={200} autoComplete="name" />
          <TextField
            {...field('username')}
            required
            maxLength={64}
            autoComplete="username"
            hint="What you type to sign in: letters, digits, dots, dashes or underscores"
          />
          <TextField
            {...field('password')}
            type="password"
            required
            autoComplete="new-password"
            maxLength={256}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one that is easy to remember.`}
          />
          <TextField
            {...field('confirmPassword')}
            type="password"
            required
            autoComplete="new-password"
            maxLength={256}
          />
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Setting up…' : 'Set up the office'}
          </button>
        </div>
      </form>
      <p className="auth__aside">
        Restoring this office on a new computer?{' '}
        <button type="button" className="link-button link-button--plain" onClick={onRestore}>
          Restore from a backup
        </button>
      </p>
    </AuthLayout>
  )
}
