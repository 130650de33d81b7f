import { useState } from 'react'
import type { AuthStatus } from '@shared/domain/auth'
import { PageHeading } from '../../../components/ui'
import { formatDateTime } from '../../../lib/format'
import { folderOf, replacedFolderFor } from '../../backups/api/backups'
import { AuthLayout } from './AuthLayout'
import { RestoreScreen } from './RestoreScreen'

type Unavailable = Extract<AuthStatus, { state: 'unavailable' }>

/**
 * The database cannot be opened (damaged, not this app's, from a newer version). Nothing was written to it; the
 * person can restore the latest automatic backup, or another backup file, with a supervisor's password of that
 * backup or the recovery key.
 */
export function UnavailableScreen({
  message,
  latestBackup,
  onRestored,
  onRetry,
}: Pick<Unavailable, 'message' | 'latestBackup'> & {
  onRestored(status: AuthStatus, notice: string): void
  onRetry(): void
}) {
  const [restoring, setRestoring] = useState<'latest' | 'other' | null>(null)
  // The automatic backups are in `backups/` inside the data folder; a restore keeps the replaced files in `replaced/`.
  const replacedFolder = latestBackup ? replacedFolderFor(folderOf(latestBackup.path)) : undefined

  if (restoring) {
    const latest = restoring === 'latest' && latestBackup ? latestBackup : undefined
    return (
      <RestoreScreen
        title={latest ? 'Restore the latest backup' : 'Restore from a backup'}
        backup={latest}
        replaces="unreadable"
        replacedFolder={replacedFolder}
        onRestored={onRestored}
        onBack={() => setRestoring(null)}
      >
        <p>
          {latest
            ? 'The app made this backup automatically. '
            : 'Choose a backup file: one the app made automatically, or one a supervisor saved with “Back up now”. '}
          To open it, type the username and password of a supervisor as they were when the backup was made, or the
          office’s recovery key.
        </p>
      </RestoreScreen>
    )
  }

  return (
    <AuthLayout wide>
      <PageHeading documentTitle="The data cannot be opened">The office’s data cannot be opened</PageHeading>
      <div role="alert" className="notice notice--error">
        <p>{message}</p>
      </div>
      <p>
        Nothing was written to the file: the app left it exactly as it found it. You can put the office’s data back from
        a backup; the file that cannot be opened is kept aside, not deleted.
      </p>
      {latestBackup ? (
        <section className="card section-gap" aria-labelledby="latest-backup-heading">
          <h2 id="latest-backup-heading">The latest automatic backup</h2>
          <p>
            Made <time dateTime={latestBackup.createdAt}>{formatDateTime(latestBackup.createdAt)}</time>. Anything
            entered after that will not be in it.
          </p>
          <button type="button" className="button button--primary" onClick={() => setRestoring('latest')}>
            Restore the latest backup (made {formatDateTime(latestBackup.createdAt)})
          </button>
        </section>
      ) : (
        <p className="notice">
          The app found no automatic backup in the data folder. If a backup was copied somewhere else, restore that
          file.
        </p>
      )}
      <div className="form__actions section-gap">
        <button type="button" className="button" onClick={() => setRestoring('other')}>
          Restore another backup file…
        </button>
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    </AuthLayout>
  )
}
