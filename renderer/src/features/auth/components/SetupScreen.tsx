import { useState } from 'react'
import { MIN_PASSWORD_LENGTH, SetupInput, type AuthStatus } from '@shared/domain/auth'
import { COACH_TITLES, capitalise } from '@shared/domain/settings'
import type { ChannelOutput } from '@shared/api/contract'
import { call } from '../../../lib/api'
import { PageHeading } from '../../../components/ui'
import { Form, FormSelectField, FormTextField, SubmitButton } from '../../../components/ui/form'
import { confirmed } from '../utils/forms'
import { formatDateTime } from '../../../lib/format'
import { folderOf, replacedFolderFor } from '../../backups/api/backups'
import { AuthLayout } from './AuthLayout'
import { RestoreScreen } from './RestoreScreen'

const TITLE_OPTIONS = Object.fromEntries(Object.entries(COACH_TITLES).map(([key, w]) => [key, capitalise(w.plural)]))

type Emptied = NonNullable<Extract<AuthStatus, { state: 'setup' }>['emptied']>

type SetupProps = {
  officeName: string
  coachTitle: string
  existingData: boolean
  /** The database file was found empty beside its key file: said first, with the latest backup. */
  emptied?: Emptied
  onDone(result: ChannelOutput<'auth.setup'>, officeName: string): void
  /** The office came back from a backup instead (a new computer). */
  onRestored(status: AuthStatus, notice: string): void
}

/** First run: a new office and its first supervisor, or an existing office restored from its backup. */
export function SetupScreen({ onRestored, emptied, ...props }: SetupProps) {
  const [view, setView] = useState<'emptied' | 'form' | 'restore' | 'restore-latest'>(emptied ? 'emptied' : 'form')
  const latest = emptied?.latestBackup ?? undefined
  if (view === 'emptied' && emptied) {
    return (
      <EmptiedOffice
        emptied={emptied}
        onRestoreLatest={() => setView('restore-latest')}
        onRestoreOther={() => setView('restore')}
        onSetUp={() => setView('form')}
      />
    )
  }
  if (view === 'form') return <SetUpOffice {...props} onRestore={() => setView('restore')} />
  const back = () => setView(emptied ? 'emptied' : 'form')
  if (view === 'restore-latest' && latest) {
    return (
      <RestoreScreen
        title="Restore the latest backup"
        backup={latest}
        replaces="unreadable"
        replacedFolder={replacedFolderFor(folderOf(latest.path))}
        onRestored={onRestored}
        onBack={back}
      >
        <p>
          The app made this backup automatically. To open it, type the username and password of a supervisor as they
          were when the backup was made, or the office’s recovery key.
        </p>
      </RestoreScreen>
    )
  }
  return (
    <RestoreScreen
      title="Restore the office from a backup"
      replaces={emptied ? 'unreadable' : 'nothing'}
      onRestored={onRestored}
      onBack={back}
    >
      <p>
        Bring the office’s data to this computer from a backup file: one made with “Back up now”, or an automatic backup
        copied from the old computer’s data folder. To open it, type the username and password of a supervisor as they
        were when the backup was made, or the office’s recovery key.
      </p>
    </RestoreScreen>
  )
}

/** The database file is empty beside its key file: what happened, the latest backup first, a new office last. */
function EmptiedOffice({
  emptied,
  onRestoreLatest,
  onRestoreOther,
  onSetUp,
}: {
  emptied: Emptied
  onRestoreLatest(): void
  onRestoreOther(): void
  onSetUp(): void
}) {
  const latest = emptied.latestBackup
  return (
    <AuthLayout wide>
      <PageHeading documentTitle="The office’s data file is empty">The office’s data file is empty</PageHeading>
      <div role="alert" className="notice notice--error">
        <p>{emptied.message}</p>
      </div>
      {latest ? (
        <section className="card section-gap" aria-labelledby="emptied-latest-heading">
          <h2 id="emptied-latest-heading">The latest automatic backup</h2>
          <p>
            Made <time dateTime={latest.createdAt}>{formatDateTime(latest.createdAt)}</time>. Anything entered after
            that will not be in it.
          </p>
          <button type="button" className="button button--primary" onClick={onRestoreLatest}>
            Restore the latest backup (made {formatDateTime(latest.createdAt)})
          </button>
        </section>
      ) : (
        <p className="notice">
          The app found no automatic backup in the data folder. If a backup was copied somewhere else, restore that
          file.
        </p>
      )}
      <div className="form__actions section-gap">
        <button type="button" className="button" onClick={onRestoreOther}>
          Restore another backup file…
        </button>
        <button type="button" className="button" onClick={onSetUp}>
          Set up a new, empty office instead
        </button>
      </div>
    </AuthLayout>
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
