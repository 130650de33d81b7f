import type { z } from 'zod'
import { BackupRestoreInput } from '@shared/domain/backups'
import { type AuthStatus } from '@shared/domain/auth'
import { ApiCallError, call } from '../../../lib/api'
import { formatDateTime } from '../../../lib/format'
import { hasFileDialog } from '../../../lib/files'
import {
  Form,
  FormRadioGroup,
  FormTextField,
  problemFromError,
  SubmitButton,
  useFormField,
  useFormValue,
  type FormProblem,
} from '../../../components/ui/form'
import { chooseBackupFile, fileNameOf } from '../api/backups'

/** What restoring replaces, for the warning and the button: the office's working data, a file that cannot be opened, or nothing yet. */
export type Replaces = 'current' | 'unreadable' | 'nothing'

type Method = 'password' | 'recoveryKey'

const METHODS: ReadonlyArray<readonly [Method, string]> = [
  ['password', 'A supervisor’s username and password from the backup'],
  ['recoveryKey', 'The office’s recovery key'],
]
const BUTTON: Record<Replaces, string> = {
  current: 'Replace the current data with this backup',
  unreadable: 'Restore this backup',
  nothing: 'Restore this backup',
}

/**
 * Restoring a backup, the same wherever it starts (the Backups page, the screen shown when the data cannot be opened,
 * first run on a new computer): the file, a supervisor's password of that backup or the recovery key, and a plain
 * warning of what is replaced, confirmed with one button.
 */
export function RestoreBackupForm({
  backup,
  replaces,
  replacedFolder,
  onRestored,
  onCancel,
  cancelLabel = 'Cancel',
}: {
  /** A backup already chosen (listed, or the latest automatic one); without it the form asks for the file. */
  backup?: { path: string; createdAt: string }
  replaces: Replaces
  /** Where the replaced files are kept, when known. */
  replacedFolder?: string
  /** With what to tell the person once the app has reloaded. */
  onRestored(status: AuthStatus, notice: string): void
  onCancel(): void
  cancelLabel?: string
}) {
  // The schema of the chosen way in: the union alone would answer "invalid input" rather than which field is wrong.
  const [byPassword, byKey] = BackupRestoreInput.options as unknown as [
    z.ZodType<unknown, BackupRestoreInput>,
    z.ZodType<unknown, BackupRestoreInput>,
  ]
  return (
    <Form
      idPrefix="restore-"
      schema={(values) => (values.method === 'password' ? byPassword : byKey)}
      defaultValues={{ path: backup?.path ?? '', method: 'password', username: '', password: '', recoveryKey: '' }}
      toInput={({ path, method, username, password, recoveryKey }) =>
        method === 'password' ? { path, username, password } : { path, recoveryKey }
      }
      onSubmit={async (input, values) => {
        const status = await call('backups.restore', input)
        onRestored(status, restoredNotice(status, fileNameOf(values.path.trim()), replaces, replacedFolder))
        return status
      }}
      problemOf={(error, values) => restoreProblem(error, values.method as Method)}
      clearOnFailure={(problem: FormProblem) => (problem.fields.password ? ['password'] : [])}
      failureTitle="Nothing was restored"
    >
      {backup ? (
        <dl className="details">
          <dt>Backup</dt>
          <dd>{fileNameOf(backup.path)}</dd>
          <dt>Made</dt>
          <dd>
            <time dateTime={backup.createdAt}>{formatDateTime(backup.createdAt)}</time>
          </dd>
        </dl>
      ) : hasFileDialog() ? (
        <ChosenBackupFile />
      ) : (
        <FormTextField
          name="path"
          label="Full path of the backup file"
          required
          autoComplete="off"
          wide
          hint="As it is on this computer, ending in .casebook-backup"
        />
      )}
      <FormRadioGroup<Method>
        name="method"
        legend="Open the backup with"
        hint="A backup opens with the password a supervisor had when it was made, even if it has changed since, or with the recovery key printed when the office was set up."
        options={METHODS}
      />
      <SecretFields />
      <RestoreWarning replaces={replaces} replacedFolder={replacedFolder} />
      <div className="form__actions">
        <SubmitButton
          className={replaces === 'current' ? 'button button--danger' : 'button button--primary'}
          busyLabel="Restoring…"
          describedBy="restore-warning"
        >
          {BUTTON[replaces]}
        </SubmitButton>
        <button type="button" className="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </Form>
  )
}

function SecretFields() {
  const method = useFormValue<Method>('method')
  return method === 'password' ? (
    <>
      <FormTextField name="username" label="Supervisor’s username" required autoComplete="off" />
      <FormTextField
        name="password"
        label="Their password when the backup was made"
        type="password"
        required
        autoComplete="off"
      />
    </>
  ) : (
    <FormTextField
      name="recoveryKey"
      label="Recovery key"
      required
      autoComplete="off"
      hint="40 letters and digits; spaces, dashes and letter case do not matter"
    />
  )
}

/** The file to restore, in the desktop app: chosen in the system's dialog, its path shown. */
function ChosenBackupFile() {
  const { id, field, error } = useFormField('path', 'Backup file')
  const value = typeof field.value === 'string' ? field.value : ''
  return (
    <div className={error ? 'field field--error' : 'field'} role="group" aria-labelledby={`${id}-label`}>
      <span className="field__label" id={`${id}-label`}>
        Backup file
      </span>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <p className="file-choice" id={`${id}-value`}>
        {value || <span className="muted">No file chosen yet</span>}
      </p>
      <button
        type="button"
        id={id}
        className="button"
        aria-describedby={error ? `${id}-value ${id}-error` : `${id}-value`}
        onClick={async () => {
          const chosen = await chooseBackupFile('open')
          if (chosen) field.onChange(chosen)
        }}
      >
        {value ? 'Choose another file…' : 'Choose a backup file…'}
      </button>
    </div>
  )
}

function restoredNotice(status: AuthStatus, fileName: string, replaces: Replaces, replacedFolder?: string): string {
  if (status.state !== 'signed_in') {
    return `The backup ${fileName} was restored. Sign in with a username and password as they were when it was made; if nobody knows one, use the recovery key to set a new password.`
  }
  const others = replaces === 'current' ? ' Everyone else was signed out.' : ''
  const kept =
    replaces === 'nothing'
      ? ''
      : ` The files it replaced are kept in ${replacedFolder ?? 'the data folder’s “replaced” folder'}.`
  return `The backup ${fileName} was restored and you are signed in.${others}${kept}`
}

function RestoreWarning({ replaces, replacedFolder }: { replaces: Replaces; replacedFolder?: string }) {
  const method = useFormValue<Method>('method')
  const where = replacedFolder ? <code className="path">{replacedFolder}</code> : 'the data folder’s “replaced” folder'
  const after =
    method === 'password'
      ? 'You are then signed in as that supervisor.'
      : 'Then sign in with a password as it was when the backup was made.'
  return (
    <div className="notice notice--warning" id="restore-warning">
      {replaces === 'current' ? (
        <>
          <p>
            <strong>This replaces all of the office’s current data with the backup’s.</strong> Anything entered since
            the backup was made will no longer be in the app.
          </p>
          <p>
            The current files are not deleted: they are kept aside in {where}. Everyone signed in, on every computer and
            window, is signed out. {after}
          </p>
        </>
      ) : replaces === 'unreadable' ? (
        <p>
          <strong>The backup’s data takes the place of the file that cannot be opened.</strong> That file is not
          deleted: it is kept aside, with its key file, in {where}. Anything entered since the backup was made will not
          be in the app. {after}
        </p>
      ) : (
        <p>
          <strong>The backup’s data becomes this office’s data on this computer.</strong> Anything already in the data
          folder is kept aside in {where}. {after}
        </p>
      )}
    </div>
  )
}

/** A refused restore as the form shows it: a wrong secret next to its field, a bad file next to the file. */
function restoreProblem(error: unknown, method: Method): FormProblem {
  if (!(error instanceof ApiCallError)) return problemFromError(error)
  // A wrong password or recovery key comes with its field; the message says more than the field's short text.
  if (error.code === 'unauthenticated' && (error.fields.password || error.fields.recoveryKey)) {
    return { fields: { [method]: error.message } }
  }
  if (error.code === 'invalid_input' && Object.keys(error.fields).length > 0) {
    const fields = Object.keys(error.fields)
    // The file's own problem ("That backup is damaged…") says more than its short field text.
    if (fields.length === 1 && fields[0] === 'path') return { fields: { path: error.message } }
    return { fields: error.fields }
  }
  return { fields: {}, message: error.message }
}
