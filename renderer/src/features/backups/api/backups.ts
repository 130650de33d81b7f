import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ChannelInput } from '@shared/api/contract'
import { call } from '../../../lib/api'
import { chooseFile, FILE_EXTENSIONS } from '../../../lib/files'

export const backupsKey = ['backups'] as const
export const BACKUP_EXTENSION = FILE_EXTENSIONS.backup

export function useBackups() {
  return useQuery({ queryKey: backupsKey, queryFn: () => call('backups.list', {}) })
}

/** "Back up now": the list refetches after, so "Last backup" moves on. */
export function useCreateBackup() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<'backups.create'>) => call('backups.create', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: backupsKey }),
  })
}

/** The location state that carries the restore's notice to the Backups page. */
export function restoredState(notice: string): { restored: string } {
  return { restored: notice }
}

export function restoredNoticeIn(state: unknown): string | null {
  const notice = (state as { restored?: unknown } | null)?.restored
  return typeof notice === 'string' ? notice : null
}

/** The system's file dialog for a backup file (desktop app only; see lib/files.ts). */
export function chooseBackupFile(mode: 'save' | 'open', suggestedName?: string): Promise<string | null> {
  return chooseFile('backup', mode, suggestedName)
}

/** `casebook-2026-03-01.casebook-backup`: today's date in the computer's own time zone. */
export function suggestedBackupName(today: string): string {
  return `casebook-${today}${BACKUP_EXTENSION}`
}

/** A file in `folder`, written with the folder's own separator (a Windows path keeps its backslashes). */
export function pathIn(folder: string, fileName: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/'
  return folder.endsWith(separator) ? `${folder}${fileName}` : `${folder}${separator}${fileName}`
}

/** The last part of a path, whichever separator it uses. */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() || path
}

/** The folder a path is in. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return cut > 0 ? path.slice(0, cut) : path
}

/** Where a restore keeps the files it replaced: `replaced/` in the data folder, beside the automatic backups' folder. */
export function replacedFolderFor(backupsFolder: string): string {
  return pathIn(folderOf(backupsFolder), 'replaced')
}
