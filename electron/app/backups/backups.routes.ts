import { afterSuccess } from '../audit/audit'
import { AppError, isDiskFull } from '../errors'
import type { RoutesOf } from '../router'
import type { Backups } from './backups.service'

export function backupRoutes(backups: Backups): RoutesOf<'backups.'> {
  return {
    'backups.list': { handle: (ctx) => backups.list(ctx) },
    // VACUUM INTO cannot run inside a transaction, so the event is recorded once the file is written.
    'backups.create': {
      handle: (ctx, input) => backups.create(ctx, input),
      audit: {
        ...afterSuccess(({ output }) => ({
          action: 'backup',
          recordType: 'database',
          recordId: null,
          summary: `Backed up to ${output.fileName}`,
        })),
        unrecorded: (output, error) =>
          isDiskFull(error)
            ? new AppError(
                'storage_full',
                `The backup was written to ${output.path}, but the disk holding the office's data is full, so the ` +
                  'backup could not be recorded in the audit trail. Free some space on that disk.',
              )
            : null,
      },
    },
    // Public so a new machine or a damaged database can be restored; with a working database it demands a
    // signed-in supervisor itself, and always the backup's own supervisor password or the recovery key.
    'backups.restore': {
      exclusive: 'password check',
      handle: (ctx, input) => backups.restore(ctx, input),
      // Names the replaced files and where they are kept, with the replaced trail's last event: a rewind shows.
      audit: afterSuccess(() => ({
        action: 'restore',
        recordType: 'database',
        recordId: null,
        summary: backups.describeLastRestore(),
      })),
    },
  }
}
