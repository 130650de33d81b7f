import { z } from 'zod'
import { NoInput, type ChannelSpec } from '../api/spec'
import { Id, IsoInstant } from './common'
import { DisplayName, Password, Role, Username } from './auth'

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
  /** Wrong passwords were tried for this name just now, so its next sign-in must wait a little (never for good). */
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

/**
 * A new role for an account. Making someone a supervisor gives their slot the supervisors' key, which is sealed under
 * their password: so it takes a first password, as a reset does, to change at their next sign-in.
 */
export const AccountSetRoleInput = z
  .strictObject({
    id: Id,
    version: z.number().int().positive(),
    role: Role,
    coachId: Id.nullish().transform((value) => value ?? null),
    password: Password.optional(),
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
    if (value.role === 'supervisor' && value.password === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'Give a first password: the supervisors’ key is sealed under it',
      })
    }
  })
export type AccountSetRoleInput = z.input<typeof AccountSetRoleInput>

/** The accounts channels of the contract. */
export const accountChannels = {
  'accounts.list': { input: NoInput, output: z.array(Account) },
  'accounts.create': { input: AccountCreateInput, output: Account },
  'accounts.deactivate': { input: AccountRef, output: Account },
  'accounts.reactivate': { input: AccountResetPasswordInput, output: Account },
  'accounts.resetPassword': { input: AccountResetPasswordInput, output: Account },
  /** A new recovery key for the office, shown once; the old one stops working. */
  'accounts.newRecoveryKey': { input: NoInput, output: z.object({ recoveryKey: z.string() }) },
  'accounts.setRole': { input: AccountSetRoleInput, output: Account },
} as const satisfies Record<string, ChannelSpec>
