import type { Kysely } from 'kysely'
import type { AccountsTables } from '../accounts/accounts.table'
import type { AuditTables } from '../audit/audit.table'
import type { DirectoryTables } from '../directory/directory.table'
import type { GrowthTables } from '../growth/growth.table'
import type { ContractsTables } from '../contracts/contracts.table'
import type { DispatchesTables } from '../dispatches/dispatches.table'
import type { LadderTables } from '../ladder/ladder.table'
import type { RosterTables } from '../roster/roster.table'
import type { SettingsTables } from '../settings/settings.table'
import type { SupervisionTables } from '../supervision/supervision.table'

/** Every table, as the features' table modules declare them. */
export interface Database
  extends
    SettingsTables,
    RosterTables,
    AccountsTables,
    AuditTables,
    DirectoryTables,
    GrowthTables,
    ContractsTables,
    DispatchesTables,
    LadderTables,
    SupervisionTables {}

/** The database or the transaction a call runs in: services pass it to repositories, never import it. */
export type Db = Kysely<Database>
