import { z } from 'zod'
import { NoInput, type ChannelSpec } from '../api/spec'
import { IsoInstant } from './common'
import { AuthStatus, EnteredPassword, RecoveryKeyText, Username } from './auth'

/** Automatic backups kept: one for each of the last KEEP_DAILY days, and the newest of each of the last KEEP_WEEKLY weeks. */
export const KEEP_DAILY_BACKUPS = 7
export const KEEP_WEEKLY_BACKUPS = 4

/** A backup file's full path, as the supervisor chose it or as listed. */
export const BackupPath = z
  .string({ error: 'Choose a file' })
  .trim()
  .min(1, 'Choose a file')
  .max(4096, 'That path is too long')
  .refine((value) => !value.includes('\0'), 'That path is not valid')
  .refine((value) => value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value), 'Give the full path of the file')
  .refine((value) => value.endsWith('.casebook-backup'), 'A backup file name ends with .casebook-backup')

export const BackupInfo = z.object({
  path: z.string(),
  fileName: z.string(),
  createdAt: IsoInstant,
  sizeBytes: z.number().int().nonnegative(),
})
export type BackupInfo = z.infer<typeof BackupInfo>

export const BackupList = z.object({
  /** The automatic backups' folder, inside the data folder. */
  folder: z.string(),
  lastBackupAt: IsoInstant.nullable(),
  automatic: z.array(BackupInfo),
})
export type BackupList = z.infer<typeof BackupList>

export const BackupCreateInput = z.strictObject({ path: BackupPath })

/** A backup opens with the username and password of a supervisor it holds, or with the office's recovery key. */
export const BackupRestoreInput = z.union([
  z.strictObject({ path: BackupPath, username: Username, password: EnteredPassword }),
  z.strictObject({ path: BackupPath, recoveryKey: RecoveryKeyText }),
])
export type BackupRestoreInput = z.input<typeof BackupRestoreInput>

/** The backups channels of the contract. */
export const backupChannels = {
  'backups.list': { input: NoInput, output: BackupList },
  'backups.create': { input: BackupCreateInput, output: BackupInfo },
  'backups.restore': { input: BackupRestoreInput, output: AuthStatus },
} as const satisfies Record<string, ChannelSpec>
