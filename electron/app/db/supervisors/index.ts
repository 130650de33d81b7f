import type { DatabaseKind } from '../open'
import type { Migration } from '../migrations'
import { supervisors001AuditSeal } from './001_audit_seal'
import { supervisors002Supervision } from './002_supervision'

/**
 * The supervisors' file (casebook.supervisors.sqlite): supervisor-only data, encrypted under the supervisors' key
 * that only supervisors' slots and the recovery key hold. Attached to the main connection as schema `supervisors`
 * while a supervisor is signed in and unlocked, detached when the last one signs out or locks.
 *
 * A feature that keeps supervisor-only tables (private notes and their FTS5 index) declares them here: a numbered
 * migration in this folder, registered below, with plain (unqualified) names; it runs on this file alone when it is
 * next attached. Its queries name the tables `supervisors.<table>` (add them so to db/schema.ts's Database), and its
 * policy decides who may read them: while attached, the app itself can, whoever is calling.
 */
export const SUPERVISOR_MIGRATIONS: readonly Migration[] = [supervisors001AuditSeal, supervisors002Supervision]

export const LATEST_SUPERVISORS_VERSION = SUPERVISOR_MIGRATIONS[SUPERVISOR_MIGRATIONS.length - 1]!.version

/** "RCP1": marks a file as this app's supervisors' file. */
export const SUPERVISORS_APPLICATION_ID = 1380143153

export const SUPERVISORS_FILE: DatabaseKind = {
  label: "supervisors' file",
  applicationId: SUPERVISORS_APPLICATION_ID,
  migrations: SUPERVISOR_MIGRATIONS,
}

/** The schema name the file is attached as. */
export const SUPERVISORS_SCHEMA = 'supervisors'

export function supervisorsFileFor(databaseFile: string): string {
  return databaseFile.replace(/\.sqlite$/, '') + '.supervisors.sqlite'
}
