import { z } from 'zod'
import {
  Account,
  AccountCreateInput,
  AccountRef,
  AccountResetPasswordInput,
  AuditListInput,
  AuditPage,
  AuthStatus,
  BackupCreateInput,
  BackupInfo,
  BackupList,
  BackupRestoreInput,
  ChangePasswordInput,
  RecoverInput,
  SetupInput,
  SetupResult,
  SignInInput,
  UnlockInput,
} from '../domain/accounts'
import { Id } from '../domain/common'
import { OfficeSettings, OfficeSettingsInput } from '../domain/office'
import {
  Coach,
  CoachCreateInput,
  CoachListInput,
  CoachListPage,
  CoachStageInput,
  CoachStatusInput,
  CoachUpdateInput,
} from '../domain/roster'

const NoInput = z
  .strictObject({})
  .optional()
  .transform(() => ({}))

export const AppInfo = z.object({
  appVersion: z.string(),
  sqliteVersion: z.string(),
  transport: z.enum(['electron', 'http']),
})

/**
 * The one contract between the UI and the main process: every channel, with the schema its input must pass and the
 * schema its answer follows. Main validates with it; the renderer's client is typed from it.
 */
export const contract = {
  'app.info': { input: NoInput, output: AppInfo },
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
  'accounts.list': { input: NoInput, output: z.array(Account) },
  'accounts.create': { input: AccountCreateInput, output: Account },
  'accounts.deactivate': { input: AccountRef, output: Account },
  'accounts.reactivate': { input: AccountResetPasswordInput, output: Account },
  'accounts.resetPassword': { input: AccountResetPasswordInput, output: Account },
  'audit.list': { input: AuditListInput, output: AuditPage },
  'backups.list': { input: NoInput, output: BackupList },
  'backups.create': { input: BackupCreateInput, output: BackupInfo },
  'backups.restore': { input: BackupRestoreInput, output: AuthStatus },
  'settings.get': { input: NoInput, output: OfficeSettings },
  'settings.update': { input: OfficeSettingsInput, output: OfficeSettings },
  'coaches.list': { input: CoachListInput, output: CoachListPage },
  'coaches.get': { input: z.strictObject({ id: Id }), output: Coach },
  'coaches.create': { input: CoachCreateInput, output: Coach },
  'coaches.update': { input: CoachUpdateInput, output: Coach },
  'coaches.setStatus': { input: CoachStatusInput, output: Coach },
  'coaches.setStage': { input: CoachStageInput, output: Coach },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

export type Contract = typeof contract
export type Channel = keyof Contract
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>

export const CHANNELS = Object.keys(contract) as Channel[]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)
}
