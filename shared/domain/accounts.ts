import { z } from 'zod'
import { Id, IsoInstant, isoDate, requiredText } from './common'
import { CoachTitle } from './office'

export const ROLES = {
  supervisor: 'Supervisor',
  coordinator: 'Coordinator',
  coach: 'Coach',
} as const
export type Role = keyof typeof ROLES
export const Role = z.enum(Object.keys(ROLES) as [Role, ...Role[]], {
  error: 'Choose supervisor, coordinator or coach',
})

export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

/** A password is checked for length only: no trimming, any characters, as NIST SP 800-63B advises. */
export const Password = z
  .string({ error: 'Password is required' })
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `Password must be at most ${MAX_PASSWORD_LENGTH} characters`)

/** What a user types to sign in: any non-empty text, so a short wrong password gets the same answer as a long one. */
const EnteredPassword = z
  .string({ error: 'Password is required' })
  .min(1, 'Password is required')
  .max(MAX_PASSWORD_LENGTH, `Password must be at most ${MAX_PASSWORD_LENGTH} characters`)

export const Username = z
  .string({ error: 'Username is required' })
  .trim()
  .toLowerCase()
  .min(3, 'Username must be at least 3 characters')
  .max(64, 'Username must be at most 64 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use letters, digits, dots, dashes or underscores, starting with a letter or digit')

export const DisplayName = requiredText('Display name', 120)

/** The recovery key as shown at first run: groups of letters and digits; spaces and dashes are ignored. */
export const RecoveryKeyText = z
  .string({ error: 'Recovery key is required' })
  .max(200, 'Recovery key is too long')
  .transform((value) => value.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-Z2-7]{40}$/, 'A recovery key is 40 letters and digits, as printed at first run'))

export const SignedInUser = z.object({
  accountId: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  /** For a coach: the roster entry the account belongs to. */
  coachId: Id.nullable(),
  mustChangePassword: z.boolean(),
})
export type SignedInUser = z.infer<typeof SignedInUser>

export const AuthStatus = z.discriminatedUnion('state', [
  /** No accounts yet: the first supervisor must be created. `existingData` when an older, unencrypted file is there. */
  z.object({ state: z.literal('setup'), existingData: z.boolean(), officeName: z.string(), coachTitle: CoachTitle }),
  z.object({ state: z.literal('signed_out') }),
  z.object({ state: z.literal('signed_in'), user: SignedInUser, autoLockMinutes: z.number().int() }),
  /** The database cannot be opened (damaged, not this app's, from a newer version): nothing is written to it. */
  z.object({
    state: z.literal('unavailable'),
    message: z.string(),
    latestBackup: z.object({ path: z.string(), createdAt: IsoInstant }).nullable(),
  }),
  /** Signed in but idle too long: only the same user's password unlocks. */
  z.object({ state: z.literal('locked'), user: SignedInUser.pick({ username: true, displayName: true }) }),
])
export type AuthStatus = z.infer<typeof AuthStatus>

export const SetupInput = z.strictObject({
  officeName: requiredText('Office name', 120),
  coachTitle: CoachTitle,
  username: Username,
  displayName: DisplayName,
  password: Password,
})
export type SetupInput = z.input<typeof SetupInput>

export const SetupResult = z.object({
  /** Shown once, to print and keep in the office safe; never stored in readable form. */
  recoveryKey: z.string(),
  status: AuthStatus,
})

export const SignInInput = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Username is required')
    .max(64, 'Username must be at most 64 characters'),
  password: EnteredPassword,
})
export const UnlockInput = z.strictObject({ password: EnteredPassword })
export const ChangePasswordInput = z.strictObject({ currentPassword: EnteredPassword, newPassword: Password })
export const RecoverInput = z.strictObject({ recoveryKey: RecoveryKeyText, username: Username, newPassword: Password })

export const Account = z.object({
  id: Id,
  version: z.number().int().positive(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  coachId: Id.nullable(),
  /** The linked coach's display name, for lists. */
  coachName: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: IsoInstant,
  deactivatedAt: IsoInstant.nullable(),
})
export type Account = z.infer<typeof Account>

export const AccountCreateInput = z
  .strictObject({
    username: Username,
    displayName: DisplayName,
    role: Role,
    coachId: Id.nullish().transform((value) => value ?? null),
    /** A first password the user changes at their first sign-in. */
    password: Password,
  })
  .superRefine((value, ctx) => {
    if (value.role === 'coach' && value.coachId === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['coachId'],
        message: 'Choose the roster entry this coach account belongs to',
      })
    }
    if (value.role !== 'coach' && value.coachId !== null) {
      ctx.addIssue({ code: 'custom', path: ['coachId'], message: 'Only a coach account belongs to a roster entry' })
    }
  })
export type AccountCreateInput = z.input<typeof AccountCreateInput>

export const AccountRef = z.strictObject({ id: Id, version: z.number().int().positive() })
export const AccountResetPasswordInput = z.strictObject({
  id: Id,
  version: z.number().int().positive(),
  password: Password,
})

export const AUDIT_ACTIONS = {
  create: 'Created',
  update: 'Changed',
  set_status: 'Changed status',
  set_stage: 'Changed stage',
  deactivate: 'Deactivated',
  reactivate: 'Reactivated',
  reset_password: 'Reset password',
  change_password: 'Changed own password',
  recover: 'Recovered with recovery key',
  setup: 'Set up the office',
  backup: 'Backed up',
  restore: 'Restored from a backup',
  sign_in: 'Signed in',
  sign_in_failed: 'Failed sign-in',
  sign_out: 'Signed out',
  encrypt: 'Encrypted the database',
  read: 'Read',
} as const
export type AuditAction = keyof typeof AUDIT_ACTIONS
export const AuditAction = z.enum(Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]])

export const AUDIT_RECORD_TYPES = {
  office_settings: 'Office settings',
  coach: 'Coach',
  account: 'Account',
  database: 'Database',
  session: 'Session',
} as const
export type AuditRecordType = keyof typeof AUDIT_RECORD_TYPES
export const AuditRecordType = z.enum(Object.keys(AUDIT_RECORD_TYPES) as [AuditRecordType, ...AuditRecordType[]])

export const AuditEvent = z.object({
  id: Id,
  at: IsoInstant,
  accountId: Id.nullable(),
  actor: z.string().nullable(),
  action: AuditAction,
  recordType: AuditRecordType,
  recordId: Id.nullable(),
})
export type AuditEvent = z.infer<typeof AuditEvent>

export const AuditListInput = z.strictObject({
  accountId: Id.optional(),
  recordType: AuditRecordType.optional(),
  action: AuditAction.optional(),
  recordId: Id.optional(),
  /** Inclusive UTC dates. */
  from: isoDate('From').optional(),
  to: isoDate('To').optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
})
export type AuditListInput = z.input<typeof AuditListInput>
export const AuditPage = z.object({ items: z.array(AuditEvent), nextCursor: z.string().nullable() })

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
