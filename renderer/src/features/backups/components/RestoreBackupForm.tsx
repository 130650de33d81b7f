import { useState, type FormEvent } from 'react'
import { fieldErrors } from '@shared/api/validation'
import { BackupRestoreInput } from '@shared/domain/backups'
import { type AuthStatus } from '@shared/domain/auth'
import { ApiCallError, call } from '../../../lib/api'
import { ErrorSummary, formatDateTime, RadioGroup, TextField, useFormFields } from '../../../app/ui'
import { chooseBackupFile, fileNameOf, hasFileDialog } from '../api/backups'

/** What restoring replaces, for the warning and the button: the office's working data, a file that cannot be opened, or nothing yet. */
export type Replaces = 'current' | 'unreadable' | 'nothing'

type Method = 'password' | 'recoveryKey'

const LABELS = {
  path: 'Backup file',
  username: 'Supervisor’s username',
  password: 'Their password when the backup was made',
  recoveryKey: 'Recovery key',
}
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
  const [path, setPath] = useState(backup?.path ?? '')
  const [method, setMethod] = useState<Method>('password')
  const form = useFormFields({ username: '', password: '', recoveryKey: '' }, 'restore-', LABELS)
  const { values, errors, message, busy, field } = form

  async function submit(event: FormEvent) {
    event.preventDefault()
    const input =
      method === 'password'
        ? { path, username: values.username, password: values.password }
        : { path, recoveryKey: values.recoveryKey }
    const parsed = BackupRestoreInput.options[method === 'password' ? 0 : 1].safeParse(input)
    if (!parsed.success) return form.show({ errors: fieldErrors(parsed.error) })
    form.setBusy(true)
    try {
      const status = await call('backups.restore', input as BackupRestoreInput)
      onRestored(status, restoredNotice(status, fileNameOf(parsed.data.path), replaces, replacedFolder))
    } catch (error) {
      const problem = restoreProblem(error, method)
      form.show(problem)
      if (problem.errors.password) form.set('password')('')
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
      <ErrorSummary
        errors={errors}
        labels={LABELS}
        idPrefix="restore-"
        message={message}
        title="Nothing was restored"
      />
      {backup ? (
        <dl className="details">
          <dt>Backup</dt>
          <dd>{fileNameOf(backup.path)}</dd>
          <dt>Made</dt>
          <dd>
            <time dateTime={backup.createdAt}>{formatDateTime(backup.createdAt)}</time>
          </dd>
        </dl>
      ) : (
        <BackupFileField value={path} onChange={setPath} error={errors.path} />
      )}
      <RadioGroup
        id="restore-method"
        legend="Open the backup with"
        hint="A backup opens with the password a supervisor had when it was made, even if it has changed since, or with the recovery key printed when the office was set up."
        options={METHODS}
        value={method}
        onChange={(next) => {
          setMethod(next)
          form.show({ errors: {} })
        }}
      />
      {method === 'password' ? (
        <>
          <TextField {...field('username')} required maxLength={64} autoComplete="off" />
          <TextField {...field('password')} type="password" required maxLength={256} autoComplete="off" />
        </>
      ) : (
        <TextField
          {...field('recoveryKey')}
          required
          maxLength={200}
          autoComplete="off"
          hint="40 letters and digits; spaces, dashes and letter case do not matter"
        />
      )}
      <RestoreWarning replaces={replaces} replacedFolder={replacedFolder} method={method} />
      <div className="form__actions">
        <button
          type="submit"
          className={replaces === 'current' ? 'button button--danger' : 'button button--primary'}
          disabled={busy}
          aria-describedby="restore-warning"
        >
          {busy ? 'Restoring…' : BUTTON[replaces]}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </button>
      </div>
    </form>
  )
}

/** The file to restore: the system's dialog in the desktop app, its full path typed in browser mode. */
function BackupFileField({ value, onChange, error }: { value: string; onChange(path: string): void; error?: string }) {
  if (!hasFileDialog()) {
    return (
      <TextField
        id="restore-path"
        label="Full path of the backup file"
        value={value}
        onChange={onChange}
        error={error}
        required
        maxLength={4096}
        autoComplete="off"
        wide
        hint="As it is on this computer, ending in .casebook-backup"
      />
    )
  }
  return (
    <div className={error ? 'field field--error' : 'field'} role="group" aria-labelledby="restore-path-label">
      <span className="field__label" id="restore-path-label">
        {LABELS.path}
      </span>
      {error ? (
        <p className="field__error" id="restore-path-error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <p className="file-choice" id="restore-path-value">
        {value || <span className="muted">No file chosen yet</span>}
      </p>
      <button
        type="button"
        id="restore-path"
        className="button"
        aria-describedby={error ? 'restore-path-value restore-path-error' : 'restore-path-value'}
        onClick={async () => {
          const chosen = await chooseBackupFile('open')
          if (chosen) onChange(chosen)
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

function RestoreWarning({
  replaces,
  replacedFolder,
  method,
}: {
  replaces: Replaces
  replacedFolder?: string
  method: Method
}) {
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
function restoreProblem(error: unknown, method: Method): { errors: Record<string, string>; message?: string } {
  if (!(error instanceof ApiCallError)) {
    return { errors: {}, message: error instanceof Error ? error.message : 'Something went wrong; please try again.' }
  }
  // A wrong password or recovery key comes with its field; the message says more than the field's short text.
  if (error.code === 'unauthenticated' && (error.fields.password || error.fields.recoveryKey)) {
    return { errors: { [method]: error.message } }
  }
  if (error.code === 'invalid_input' && Object.keys(error.fields).length > 0) {
    const fields = Object.keys(error.fields)
    // The file's own problem ("That backup is damaged…") says more than its short field text.
    if (fields.length === 1 && fields[0] === 'path') return { errors: { path: error.message } }
    return { errors: error.fields }
  }
  return { errors: {}, message: error.message }
}
