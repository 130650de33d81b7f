import { z } from 'zod'
import { NoInput, type ChannelSpec } from '../api/spec'
import { Id, IsoInstant, requiredText, enumOf } from './common'
import { CoachTitle } from './settings'

export const ROLES = {
  supervisor: 'Supervisor',
  coordinator: 'Coordinator',
  coach: 'Coach',
} as const
export type Role = keyof typeof ROLES
export const Role = enumOf(ROLES, 'Choose supervisor, coordinator or coach')

export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

/** A password is checked for length only: no trimming, any characters, as NIST SP 800-63B advises. */
export const Password = z
  .string({ error: 'Password is required' })
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `Password must be at most ${MAX_PASSWORD_LENGTH} characters`)

/** What a user types to sign in: any non-empty text, so a short wrong password gets the same answer as a long one. */
export const EnteredPassword = z
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
  z.object({
    state: z.literal('setup'),
    existingData: z.boolean(),
    officeName: z.string(),
    coachTitle: CoachTitle,
    /**
     * The database file is there but empty (zero bytes) beside its key file: the office's data was emptied (a disk
     * or sync tool), not a new office. Said first, with the latest backup; setting up anew stays possible.
     */
    emptied: z
      .object({ message: z.string(), latestBackup: z.object({ path: z.string(), createdAt: IsoInstant }).nullable() })
      .optional(),
  }),
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

/** The auth channels of the contract. */
export const authChannels = {
  'auth.status': { input: NoInput, output: AuthStatus },
  'auth.setup': { input: SetupInput, output: SetupResult },
  'auth.signIn': { input: SignInInput, output: AuthStatus },
  'auth.signOut': { input: NoInput, output: AuthStatus },
  'auth.lock': { input: NoInput, output: AuthStatus },
  /** Someone is still at the screen: keeps the session from locking while they type a long form. */
  'auth.touch': { input: NoInput, output: AuthStatus },
  'auth.unlock': { input: UnlockInput, output: AuthStatus },
  'auth.changePassword': { input: ChangePasswordInput, output: AuthStatus },
  'auth.recover': { input: RecoverInput, output: AuthStatus },
} as const satisfies Record<string, ChannelSpec>
