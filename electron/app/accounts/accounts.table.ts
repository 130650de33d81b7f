import type { Generated, Selectable } from 'kysely'
import type { Role } from '@shared/domain/auth'

/** Accounts (migration 002). Passwords are not here: each account's slot in the key file holds its wrapped key. */
export interface AccountsTables {
  accounts: AccountsTable
}

export interface AccountsTable {
  id: Generated<number>
  version: number
  username: string
  display_name: string
  role: Role
  coach_id: number | null
  active: 0 | 1
  must_change_password: 0 | 1
  created_at: string
  updated_at: string
  deactivated_at: string | null
}

export type AccountRow = Selectable<AccountsTable>
