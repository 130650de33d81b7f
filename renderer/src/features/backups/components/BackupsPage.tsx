import { useEffect, useState, type FormEvent } from 'react'
import { useLocation, useNavigate } from 'react-router'
import {
  BackupPath,
  KEEP_DAILY_BACKUPS,
  KEEP_WEEKLY_BACKUPS,
  type BackupInfo,
  type BackupList,
} from '@shared/domain/backups'
import { ApiCallError } from '../../../lib/api'
import {
  Dialog,
  DoneNotice,
  ErrorState,
  ErrorSummary,
  formatDateTime,
  LoadingState,
  PageHeading,
  TextField,
  todayIso,
} from '../../../app/ui'
import { useSession } from '../../auth/session'
import {
  chooseBackupFile,
  folderOf,
  formatSize,
  hasFileDialog,
  pathIn,
  replacedFolderFor,
  restoredNoticeIn,
  suggestedBackupName,
  useBackups,
  useCreateBackup,
} from '../api/backups'
import { RestoreBackupForm } from './RestoreBackupForm'

/** Supervisors only: when the last backup was made, "Back up now", the automatic backups, and restoring one. */
export function BackupsPage() {
  const backups = useBackups()
  const session = useSession()
  const location = useLocation()
  const navigate = useNavigate()
  // After a restore the app opens here, with what happened; it is said once, not again on a reload.
  const [restored] = useState(() => restoredNoticeIn(location.state))
  useEffect(() => {
    if (restored) void navigate(location.pathname, { replace: true, state: null })
  }, []) // eslint-disable-line react-hooks/exhaustive-deps
  const [restoring, setRestoring] = useState<{ backup?: BackupInfo } | null>(null)
  const list = backups.data

  return (
    <>
      <PageHeading documentTitle="Backups">Backups</PageHeading>
      {restored ? (
        <DoneNotice>
          <p>{restored}</p>
        </DoneNotice>
      ) : null}
      {backups.isPending ? <LoadingState what="backups" /> : null}
      {backups.isError ? <ErrorState error={backups.error} /> : null}
      {list ? (
        <>
          <LastBackup at={list.lastBackupAt} />
          <BackUpNow folder={list.folder} />
          <AutomaticBackups list={list} onRestore={(backup) => setRestoring({ backup })} />
          <section className="card section-gap" aria-labelledby="restore-heading">
            <h2 id="restore-heading">Restore from a backup</h2>
            <p>
              Puts the office’s data back as it was when a backup was made. It opens with the password a supervisor had
              then, or with the recovery key. The current data is kept aside in{' '}
              <code className="path">{replacedFolderFor(list.folder)}</code>, and everyone is signed out.
            </p>
            <button type="button" className="button" onClick={() => setRestoring({})}>
              Restore from a backup…
            </button>
          </section>
          {restoring ? (
            <Dialog
              title={
                restoring.backup
                  ? `Restore the backup made ${formatDateTime(restoring.backup.createdAt)}`
                  : 'Restore from a backup'
              }
              onClose={() => setRestoring(null)}
              wide
            >
              <RestoreBackupForm
                backup={restoring.backup}
                replaces="current"
                replacedFolder={replacedFolderFor(list.folder)}
                onRestored={session.restored}
                onCancel={() => setRestoring(null)}
              />
            </Dialog>
          ) : null}
        </>
      ) : null}
    </>
  )
}

function LastBackup({ at }: { at: string | null }) {
  if (!at) {
    return (
      <p className="notice notice--warning">
        <strong>No backup yet.</strong> Back up now, and copy the file somewhere off this computer.
      </p>
    )
  }
  return (
    <p className="lead">
      Last backup: <time dateTime={at}>{formatDateTime(at)}</time>
    </p>
  )
}

const BACKUP_LABELS = { path: 'Save the backup as' }

/** "Back up now": the system's save dialog in the desktop app; a full path, suggested in the backups folder, in browser mode. */
function BackUpNow({ folder }: { folder: string }) {
  const create = useCreateBackup()
  const desktop = hasFileDialog()
  const [path, setPath] = useState(() => pathIn(folder, suggestedBackupName(todayIso())))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | undefined>()
  const [done, setDone] = useState<BackupInfo | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setDone(null)
    const target = desktop ? await chooseBackupFile('save', suggestedBackupName(todayIso())) : path
    if (target === null) return
    const parsed = BackupPath.safeParse(target)
    if (!parsed.success) return fail({ path: parsed.error.issues[0]?.message ?? 'Choose a file' })
    try {
      const info = await create.mutateAsync({ path: parsed.data })
      setErrors({})
      setMessage(undefined)
      setDone(info)
    } catch (error) {
      // The file's problem ("A file with that name already exists…") goes next to the path.
      if (error instanceof ApiCallError && error.code === 'invalid_input' && error.fields.path)
        fail({ path: error.message })
      else fail({}, error instanceof Error ? error.message : 'The backup was not made.')
    }
  }

  // In the desktop app there is no path field: a problem with the chosen file is said at the top.
  function fail(found: Record<string, string>, text?: string) {
    setErrors(desktop ? {} : found)
    setMessage(desktop ? (found.path ?? text) : text)
  }

  return (
    <section className="card section-gap" aria-labelledby="backup-now-heading">
      <h2 id="backup-now-heading">Back up now</h2>
      <p>
        Saves all of the office’s data, still encrypted, to one file. It opens with the password of any supervisor who
        exists now, or with the recovery key.
      </p>
      <form className="form form--compact" onSubmit={submit} noValidate aria-busy={create.isPending}>
        <ErrorSummary
          errors={errors}
          labels={BACKUP_LABELS}
          idPrefix="backup-"
          message={message}
          title="No backup was made"
        />
        {desktop ? null : (
          <TextField
            id="backup-path"
            label={BACKUP_LABELS.path}
            value={path}
            onChange={setPath}
            error={errors.path}
            required
            maxLength={4096}
            autoComplete="off"
            wide
            hint="The file’s full path on this computer, ending in .casebook-backup. Better still, a drive you then take elsewhere."
          />
        )}
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? 'Backing up…' : desktop ? 'Back up now…' : 'Back up now'}
        </button>
      </form>
      {done ? (
        <DoneNotice>
          <p>
            Backed up to <strong>{done.fileName}</strong> in <code className="path">{folderOf(done.path)}</code> (
            {formatSize(done.sizeBytes)}). Copy it somewhere off this computer.
          </p>
        </DoneNotice>
      ) : null}
    </section>
  )
}

function AutomaticBackups({ list, onRestore }: { list: BackupList; onRestore(backup: BackupInfo): void }) {
  return (
    <section className="section-gap" aria-labelledby="automatic-heading">
      <h2 id="automatic-heading">Automatic backups</h2>
      <p>
        The app makes one backup a day it is used, in <code className="path">{list.folder}</code>. It keeps the last{' '}
        {KEEP_DAILY_BACKUPS} days’ and one for each of the last {KEEP_WEEKLY_BACKUPS} weeks, and removes older ones.
      </p>
      <p className="notice">
        <strong>Copy backups off this computer.</strong> A backup kept only here is lost with the computer: copy one
        regularly to a drive kept somewhere else.
      </p>
      {list.automatic.length === 0 ? (
        <p className="empty">No automatic backups yet.</p>
      ) : (
        <table className="table">
          <caption>Automatic backups, newest first ({list.automatic.length})</caption>
          <thead>
            <tr>
              <th scope="col">Made</th>
              <th scope="col">File</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.automatic.map((backup) => (
              <tr key={backup.path}>
                <th scope="row" className="nowrap">
                  <time dateTime={backup.createdAt}>{formatDateTime(backup.createdAt)}</time>
                </th>
                <td>{backup.fileName}</td>
                <td className="nowrap">{formatSize(backup.sizeBytes)}</td>
                <td>
                  <button type="button" className="button button--small" onClick={() => onRestore(backup)}>
                    Restore this one<span className="visually-hidden"> (made {formatDateTime(backup.createdAt)})</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
