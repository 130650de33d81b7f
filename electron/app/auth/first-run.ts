import type { ParsedInput } from '@shared/api/contract'
import type { AuthStatus } from '@shared/domain/auth'
import { renameSync, rmSync } from 'node:fs'
import { instant } from '../clock'
import type { Context } from '../context'
import type { Db } from '../db/schema'
import { openDatabase } from '../db/open'
import { AppError } from '../errors'
import * as accounts from '../accounts/accounts.repository'
import { writeOfficeSettings } from '../settings/settings.repository'
import type { Auth } from './auth.service'
import { SUPERVISORS_FILE } from '../db/supervisors'
import {
  accountSlot,
  accountWrapper,
  formatRecoveryKey,
  newDatabaseKey,
  newKeyring,
  newRecoveryKey,
  recoverySlot,
  recoveryWrapper,
  supervisorsCheckOf,
  type KeyringFile,
} from './keyring'

/** The first supervisor is account 1 in a database that has none, so its slot can be written before the database. */
const FIRST_ACCOUNT_ID = 1

/**
 * First run: the office's name, its first supervisor and its recovery key. The database key and the supervisors' key
 * are made here, both sealed under the supervisor's password and under the recovery key, and the database is created
 * (or, from before sign-in existed, encrypted) with the first account in it, beside an empty supervisors' file.
 */
export async function setUpOffice(
  auth: Auth,
  ctx: Context,
  input: ParsedInput<'auth.setup'>,
): Promise<{ recoveryKey: string; status: AuthStatus }> {
  const vault = auth.vault
  const state = vault.state()
  if (state.kind !== 'setup') throw new AppError('conflict', 'This office is already set up; sign in instead.')
  const keys = { database: newDatabaseKey(), supervisors: newDatabaseKey() }
  const recoveryKey = newRecoveryKey()
  const base = newKeyring()
  const [passwordWrapper, recovery] = await Promise.all([
    accountWrapper(base, input.username, input.password, auth.kdf),
    recoveryWrapper(recoveryKey, auth.kdf),
  ])
  const now = instant(auth.clock)
  const keyring: KeyringFile = {
    ...base,
    recovery: recoverySlot(recovery, keys),
    accounts: [accountSlot(FIRST_ACCOUNT_ID, passwordWrapper, keys)],
    supervisorsCheck: supervisorsCheckOf(keys.supervisors),
  }
  try {
    if (state.existingData) await setUpOverUnencrypted(auth, keyring, keys, input, now)
    else await setUpNew(auth, keyring, keys, input, now)
    await auth.security.flush()
    await auth.recordRecoveries()
    await auth.autoLock.load(vault.db)
    await auth.attachSupervisors(keys.supervisors, FIRST_ACCOUNT_ID)
  } finally {
    passwordWrapper.key.fill(0)
    recovery.key.fill(0)
    keys.database.fill(0)
    keys.supervisors.fill(0)
  }
  const session = await auth.startSession(ctx.client, FIRST_ACCOUNT_ID)
  auth.runAfterSignIn()
  return { recoveryKey: formatRecoveryKey(recoveryKey), status: auth.statusOf(session) }
}

/** The new office's empty supervisors' file, built beside its final name (renamed into place with the database). */
async function buildSupervisorsFile(file: string, key: Buffer): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true })
  const opened = openDatabase(file, { key, kind: SUPERVISORS_FILE })
  try {
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    await opened.close()
  }
}

/**
 * A new office: the database is built beside its final name with the first account in it, then the key file is
 * written, then the database is renamed into place. A failure or crash before the rename leaves no database, so the
 * next start is a first run again (a key file left behind is set aside, never reused).
 */
async function setUpNew(
  auth: Auth,
  keyring: KeyringFile,
  keys: { database: Buffer; supervisors: Buffer },
  input: ParsedInput<'auth.setup'>,
  now: string,
) {
  const vault = auth.vault
  const file = vault.databaseFile
  const staging = `${file}.setup`
  const supervisorsStaging = `${vault.supervisorsFile}.setup`
  const removeStaging = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      rmSync(`${staging}${suffix}`, { force: true })
      rmSync(`${supervisorsStaging}${suffix}`, { force: true })
    }
  }
  removeStaging()
  try {
    const opened = openDatabase(staging, { key: keys.database })
    try {
      await writeFirstAccount(opened.db, input, now)
      opened.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    } finally {
      await opened.close()
    }
    await buildSupervisorsFile(supervisorsStaging, keys.supervisors)
    vault.setAsideStaleKeyring(now)
    vault.saveKeyring(keyring)
    // The supervisors' file first: a crash between the two renames leaves no database, so first run starts again.
    renameSync(supervisorsStaging, vault.supervisorsFile)
    renameSync(staging, file)
  } finally {
    removeStaging()
  }
  vault.open(keys.database, now)
}

/**
 * First run over an unencrypted database from before sign-in: the key file is written first, then the first account,
 * then the file is encrypted in place. If the account cannot be written, the key file is set aside again; if the
 * encryption is cut off, the next sign-in finishes it.
 */
async function setUpOverUnencrypted(
  auth: Auth,
  keyring: KeyringFile,
  keys: { database: Buffer; supervisors: Buffer },
  input: ParsedInput<'auth.setup'>,
  now: string,
) {
  const vault = auth.vault
  const opened = vault.openUnencrypted()
  try {
    if ((await accounts.countAccounts(opened.db)) > 0) {
      throw new AppError('conflict', 'This database already has accounts; sign in instead.')
    }
    vault.setAsideStaleKeyring(now)
    await buildSupervisorsFile(vault.supervisorsFile, keys.supervisors)
    vault.saveKeyring(keyring)
    try {
      await writeFirstAccount(opened.db, input, now)
    } catch (error) {
      vault.setAsideStaleKeyring(`${now}-failed`)
      throw error
    }
    await vault.encryptOpen(keys.database)
  } catch (error) {
    await vault.close()
    throw error
  }
}

async function writeFirstAccount(db: Db, input: ParsedInput<'auth.setup'>, now: string) {
  await db.transaction().execute(async (trx) => {
    await writeOfficeSettings(trx, { office_name: input.officeName, coach_title: input.coachTitle, updated_at: now })
    await accounts.insertAccount(trx, {
      id: FIRST_ACCOUNT_ID,
      version: 1,
      username: input.username,
      display_name: input.displayName,
      role: 'supervisor',
      coach_id: null,
      active: 1,
      must_change_password: 0,
      created_at: now,
      updated_at: now,
    })
  })
}
