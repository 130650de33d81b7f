import { useEffect, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { z } from 'zod'
import {
  BackupCreateInput,
  BackupPath,
  KEEP_DAILY_BACKUPS,
  KEEP_WEEKLY_BACKUPS,
  type BackupInfo,
  type BackupList,
} from '@shared/domain/backups'
import { ApiCallError } from '../../../lib/api'
import { formatBytes, formatDateTime } from '../../../lib/format'
import { todayIso } from '../../../lib/dates'
import { hasFileDialog } from '../../../lib/files'
import { Dialog, DoneNotice, ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import { Form, FormTextField, NOT_SAVED, problemFromError, SubmitButton } from '../../../components/ui/form'
import { useSession } from '../../auth/session'
import {
  chooseBackupFile,
  folderOf,
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
      <PageHeader documentTitle="Backups" title="Backups" />
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

/** In the desktop app the file comes from the save dialog once the button is pressed: the form itself holds nothing. */
const ChosenInDialog = z.object({})

/** "Back up now": the system's save dialog in the desktop app; a full path, suggested in the backups folder, in browser mode. */
function BackUpNow({ folder }: { folder: string }) {
  const create = useCreateBackup()
  const desktop = hasFileDialog()
  const [done, setDone] = useState<BackupInfo | null>(null)

  return (
    <section className="card section-gap" aria-labelledby="backup-now-heading">
      <h2 id="backup-now-heading">Back up now</h2>
      <p>
        Saves all of the office’s data, still encrypted, to one file. It opens with the password of any supervisor who
        exists now, or with the recovery key.
      </p>
      <Form
        idPrefix="backup-"
        className="form form--compact"
        schema={desktop ? ChosenInDialog : BackupCreateInput}
        defaultValues={{ path: pathIn(folder, suggestedBackupName(todayIso())) }}
        toInput={(values) => (desktop ? {} : { path: values.path })}
        onSubmit={async (input) => {
          setDone(null)
          let path = (input as { path?: string }).path
          if (desktop) {
            const chosen = await chooseBackupFile('save', suggestedBackupName(todayIso()))
            if (chosen === null) return NOT_SAVED
            const checked = BackupPath.safeParse(chosen)
            if (!checked.success) {
              const message = checked.error.issues[0]?.message ?? 'Choose a file'
              throw new ApiCallError({ code: 'invalid_input', message, fields: { path: message } })
            }
            path = checked.data
          }
          return create.mutateAsync({ path: path! })
        }}
        onSaved={setDone}
        problemOf={(error) => {
          // The file's problem ("A file with that name already exists…") says more than its short field text; in the
          // desktop app there is no path field, so it is the form's message.
          if (error instanceof ApiCallError && error.code === 'invalid_input' && error.fields.path) {
            return desktop ? { fields: {}, message: error.message } : { fields: { path: error.message } }
          }
          return problemFromError(error)
        }}
        failureTitle="No backup was made"
        draftKey="backup-now"
      >
        {desktop ? null : (
          <FormTextField
            name="path"
            label="Save the backup as"
            required
            autoComplete="off"
            wide
            hint="The file’s full path on this computer, ending in .casebook-backup. Better still, a drive you then take elsewhere."
          />
        )}
        <SubmitButton busyLabel="Backing up…">{desktop ? 'Back up now…' : 'Back up now'}</SubmitButton>
      </Form>
      {done ? (
        <DoneNotice>
          <p>
            Backed up to <strong>{done.fileName}</strong> in <code className="path">{folderOf(done.path)}</code> (
            {formatBytes(done.sizeBytes)}). Copy it somewhere off this computer.
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
        <div className="table-scroll">
          <table className="table table--dense">
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
                  <td className="cell-text">{backup.fileName}</td>
                  <td className="nowrap">{formatBytes(backup.sizeBytes)}</td>
                  <td>
                    <button type="button" className="button button--small" onClick={() => onRestore(backup)}>
                      Restore this one
                      <span className="visually-hidden"> (made {formatDateTime(backup.createdAt)})</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
