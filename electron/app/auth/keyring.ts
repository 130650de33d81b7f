import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto'
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import { DatabaseOpenError } from '../db/errors'
import { fileWriteError } from '../errors'

/**
 * The key file beside the database. Keys exist on disk only wrapped: the database key once per active account (under
 * a key derived from that account's username and password with scrypt) and once under the recovery key; the
 * supervisors' key (which opens the supervisors' file) only in supervisors' slots and under the recovery key.
 *
 * Nothing in the file names an account: a slot is found at sign-in by trying the one derived key on each slot (AES-GCM
 * tells which one it opens), so a dictionary of likely usernames learns nothing without the password as well. Slots
 * from a version-1 file (which found accounts by a salted sha256 of the username) are kept as they were until their
 * account next signs in, and are then rewritten in this form.
 */

export interface KdfParams {
  N: number
  r: number
  p: number
}

/** OWASP's minimum for scrypt (Password Storage Cheat Sheet): N=2^17, r=8, p=1. */
export const PASSWORD_KDF: KdfParams = { N: 2 ** 17, r: 8, p: 1 }

const KEY_BYTES = 32
const FILE_FORMAT = 'rco-casebook-keyring'

/** A 32-byte key sealed with AES-256-GCM. */
export interface Sealed {
  iv: string
  tag: string
  wrapped: string
}

export interface AccountSlot extends Sealed {
  accountId: number
  kdf: KdfParams
  /** The supervisors' key, under the same derived key: only in a supervisor's slot. */
  supervisors?: Sealed
  /** sha256 of the slot's other fields (see `slotCheck`): tells a damaged slot from a wrong password. */
  check?: string
}

export interface RecoverySlot extends Sealed {
  kdf: KdfParams
  salt: string
  supervisors?: Sealed
  check?: string
}

/** A slot of a version-1 key file, waiting for its account's next sign-in. */
export interface LegacySlot extends Sealed {
  accountId: number
  kdf: KdfParams
  salt: string
  /** sha256(lookupSalt, username): what version 1 found accounts by. */
  lookup: string
}

export interface Throttled {
  failures: number
  lastFailureAt: string
}

export interface KeyringFile {
  format: typeof FILE_FORMAT
  version: 2
  /** The office's salt: with the username it salts each account's key derivation. */
  salt: string
  accounts: AccountSlot[]
  legacy: { lookupSalt: string; accounts: LegacySlot[] } | null
  recovery: RecoverySlot
  /** An HMAC of the supervisors' key, to tell the right key from a planted one; null before the office had one. */
  supervisorsCheck: string | null
  /** Wrong tries in a row, by throttle bucket (see throttle.ts): never by name. */
  throttle: Record<string, Throttled>
}

/** The keys a slot opens. */
export interface OpenedKeys {
  database: Buffer
  /** Null for a slot that holds none (not a supervisor's), or one that does not pass the key check. */
  supervisors: Buffer | null
}

/** A key file that cannot be used: the database behind it cannot be opened, so it is reported like a damaged file. */
export class KeyringError extends DatabaseOpenError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('cannot_decrypt', message, options)
    this.name = 'KeyringError'
  }
}

export function newDatabaseKey(): Buffer {
  return randomBytes(KEY_BYTES)
}

/** The recovery key as printed: 40 characters of base32 (200 bits), shown in groups of five. */
export function newRecoveryKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const bytes = randomBytes(25)
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  return out
}

export function formatRecoveryKey(key: string): string {
  return key.match(/.{1,5}/g)!.join('-')
}

/** A key derived from a secret with scrypt; async so the HTTP server stays responsive while it runs. */
export function deriveKey(secret: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs 128 * N * r bytes; Node's default cap (32 MiB) is below OWASP's minimum, so raise it.
    const maxmem = 256 * kdf.N * kdf.r
    scrypt(secret.normalize('NFC'), salt, KEY_BYTES, { ...kdf, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

// --- Sealing one key under another ---------------------------------------------------------------------------

export const accountLabel = (accountId: number) => `rco-casebook account ${accountId}`
export const RECOVERY_LABEL = 'rco-casebook recovery'
const supervisorsLabel = (owner: string) => `rco-casebook supervisors key, ${owner}`

export function seal(key: Buffer, wrapper: Buffer, label: string): Sealed {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', wrapper, iv)
  // The label binds the sealed key to its slot, so a slot copied onto another account does not open as that account.
  cipher.setAAD(Buffer.from(label))
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()])
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
  }
}

/** The sealed key, or null when `wrapper` is not the key it was sealed under (or the label differs). */
export function unseal(sealed: Sealed, wrapper: Buffer, label: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrapper, Buffer.from(sealed.iv, 'base64'))
    decipher.setAAD(Buffer.from(label))
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(sealed.wrapped, 'base64')), decipher.final()])
  } catch {
    return null
  }
}

// --- The supervisors' key ------------------------------------------------------------------------------------

export function supervisorsCheckOf(supervisorsKey: Buffer): string {
  return createHmac('sha256', supervisorsKey).update('rco-casebook supervisors key check').digest('base64')
}

/** Whether `key` is the office's supervisors' key, and not random bytes someone sealed into their own slot. */
export function isSupervisorsKey(keyring: KeyringFile, key: Buffer | null): boolean {
  if (!key || !keyring.supervisorsCheck) return false
  const expected = Buffer.from(keyring.supervisorsCheck, 'base64')
  const actual = Buffer.from(supervisorsCheckOf(key), 'base64')
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}

// --- Account slots -------------------------------------------------------------------------------------------

/** The derived key of a password, the slow part of writing or opening a slot (done before any transaction). */
export interface Wrapper {
  key: Buffer
  kdf: KdfParams
}

/** The salt of an account's derivation: the office's salt with the username, so it is never stored. */
function accountSalt(keyring: Pick<KeyringFile, 'salt'>, username: string): Buffer {
  return createHash('sha256')
    .update(Buffer.from(keyring.salt, 'base64'))
    .update('\0rco-casebook account\0')
    .update(username.toLowerCase().normalize('NFC'))
    .digest()
    .subarray(0, 16)
}

export async function accountWrapper(
  keyring: Pick<KeyringFile, 'salt'>,
  username: string,
  password: string,
  kdf: KdfParams,
): Promise<Wrapper> {
  return { key: await deriveKey(password, accountSalt(keyring, username), kdf), kdf }
}

export function accountSlot(accountId: number, wrapper: Wrapper, keys: OpenedKeys): AccountSlot {
  const label = accountLabel(accountId)
  return {
    accountId,
    kdf: wrapper.kdf,
    ...seal(keys.database, wrapper.key, label),
    ...(keys.supervisors ? { supervisors: seal(keys.supervisors, wrapper.key, supervisorsLabel(label)) } : {}),
  }
}

function openSlot(keyring: KeyringFile, slot: AccountSlot, wrapper: Buffer): OpenedKeys | null {
  const label = accountLabel(slot.accountId)
  const database = unseal(slot, wrapper, label)
  if (!database) return null
  const supervisors = slot.supervisors ? unseal(slot.supervisors, wrapper, supervisorsLabel(label)) : null
  return { database, supervisors: checkedSupervisorsKey(keyring, supervisors) }
}

/** The key if it passes the check; otherwise zeroed and null (a planted key is worth nothing). */
function checkedSupervisorsKey(keyring: KeyringFile, key: Buffer | null): Buffer | null {
  if (key && isSupervisorsKey(keyring, key)) return key
  key?.fill(0)
  return null
}

export interface OpenedAccount {
  accountId: number
  keys: OpenedKeys
  /** The derived key, to rewrite this account's slot without deriving again; null for a version-1 slot. */
  wrapper: Wrapper | null
}

/**
 * Finds the account whose slot `username` and `password` open. One key derivation per distinct cost in the file
 * (normally one), whether or not the name exists; a version-1 slot costs one more, and an unknown name pays the same.
 */
export async function openAccount(
  keyring: KeyringFile,
  username: string,
  password: string,
  onlyAccountId?: number,
): Promise<OpenedAccount | null> {
  const slots = keyring.accounts.filter((s) => onlyAccountId === undefined || s.accountId === onlyAccountId)
  const costs = new Map<string, KdfParams>()
  for (const slot of slots) costs.set(JSON.stringify(slot.kdf), slot.kdf)
  if (costs.size === 0) costs.set(JSON.stringify(keyring.recovery.kdf), keyring.recovery.kdf)
  const found: OpenedAccount[] = []
  for (const kdf of costs.values()) {
    const wrapper = await accountWrapper(keyring, username, password, kdf)
    for (const slot of slots) {
      if (found.length > 0 || JSON.stringify(slot.kdf) !== JSON.stringify(kdf)) continue
      const keys = openSlot(keyring, slot, wrapper.key)
      if (keys) found.push({ accountId: slot.accountId, keys, wrapper })
    }
    if (found[0]?.wrapper !== wrapper) wrapper.key.fill(0)
  }
  if (keyring.legacy && keyring.legacy.accounts.length > 0) {
    const legacy = await openLegacy(keyring.legacy, username, password, onlyAccountId)
    if (legacy && found.length > 0) legacy.keys.database.fill(0)
    else if (legacy) found.push(legacy)
  }
  return found[0] ?? null
}

async function openLegacy(
  legacy: NonNullable<KeyringFile['legacy']>,
  username: string,
  password: string,
  onlyAccountId: number | undefined,
): Promise<OpenedAccount | null> {
  const wanted = Buffer.from(legacyLookup(legacy.lookupSalt, username), 'hex')
  const slot = legacy.accounts.find(
    (s) =>
      (onlyAccountId === undefined || s.accountId === onlyAccountId) &&
      timingSafeEqual(Buffer.from(s.lookup, 'hex'), wanted),
  )
  const kdf = slot?.kdf ?? legacy.accounts[0]!.kdf
  // Derived for an unknown name too, so the clock does not tell a name with a version-1 slot from one without.
  const key = await deriveKey(password, slot ? Buffer.from(slot.salt, 'base64') : randomBytes(16), kdf)
  try {
    const database = slot ? unseal(slot, key, accountLabel(slot.accountId)) : null
    return slot && database ? { accountId: slot.accountId, keys: { database, supervisors: null }, wrapper: null } : null
  } finally {
    key.fill(0)
  }
}

function legacyLookup(lookupSalt: string, username: string): string {
  return createHash('sha256').update(Buffer.from(lookupSalt, 'base64')).update(username.toLowerCase()).digest('hex')
}

/** `keyring` with `slot` in place of any slot (or version-1 slot) of its account. */
export function withAccountSlot(keyring: KeyringFile, slot: AccountSlot): KeyringFile {
  const without = withoutAccountSlot(keyring, slot.accountId)
  return { ...without, accounts: [...without.accounts, slot] }
}

export function withoutAccountSlot(keyring: KeyringFile, accountId: number): KeyringFile {
  return {
    ...keyring,
    accounts: keyring.accounts.filter((s) => s.accountId !== accountId),
    legacy: keyring.legacy && {
      ...keyring.legacy,
      accounts: keyring.legacy.accounts.filter((s) => s.accountId !== accountId),
    },
  }
}

/** Whether an account has a slot at all (a deactivated account has none). */
export function hasSlot(keyring: KeyringFile, accountId: number): boolean {
  return (
    keyring.accounts.some((s) => s.accountId === accountId) ||
    (keyring.legacy?.accounts.some((s) => s.accountId === accountId) ?? false)
  )
}

// --- The recovery key ----------------------------------------------------------------------------------------

/** The recovery key's derived key, with a salt of its own (it is not an account's). */
export async function recoveryWrapper(recoveryKey: string, kdf: KdfParams): Promise<Wrapper & { salt: Buffer }> {
  const salt = randomBytes(16)
  return { salt, key: await deriveKey(recoveryKey, salt, kdf), kdf }
}

export function recoverySlot(wrapper: Wrapper & { salt: Buffer }, keys: OpenedKeys): RecoverySlot {
  return {
    kdf: wrapper.kdf,
    salt: wrapper.salt.toString('base64'),
    ...seal(keys.database, wrapper.key, RECOVERY_LABEL),
    ...(keys.supervisors ? { supervisors: seal(keys.supervisors, wrapper.key, supervisorsLabel(RECOVERY_LABEL)) } : {}),
  }
}

export async function openRecovery(keyring: KeyringFile, recoveryKey: string): Promise<OpenedKeys | null> {
  const slot = keyring.recovery
  const key = await deriveKey(recoveryKey, Buffer.from(slot.salt, 'base64'), slot.kdf)
  try {
    const database = unseal(slot, key, RECOVERY_LABEL)
    if (!database) return null
    const supervisors = slot.supervisors ? unseal(slot.supervisors, key, supervisorsLabel(RECOVERY_LABEL)) : null
    return { database, supervisors: checkedSupervisorsKey(keyring, supervisors) }
  } finally {
    key.fill(0)
  }
}

// --- The file ------------------------------------------------------------------------------------------------

export function newKeyring(): Omit<KeyringFile, 'recovery'> {
  return {
    format: FILE_FORMAT,
    version: 2,
    salt: randomBytes(16).toString('base64'),
    accounts: [],
    legacy: null,
    supervisorsCheck: null,
    throttle: {},
  }
}

export function keyringFileFor(databaseFile: string): string {
  return join(dirname(databaseFile), `${basename(databaseFile).replace(/\.sqlite$/, '')}.keys.json`)
}

/** The key file as a backup keeps it: no count of anyone's wrong tries. */
export function withoutThrottle(keyring: KeyringFile): KeyringFile {
  return { ...keyring, throttle: {} }
}

const base64Of = (bytes: number) =>
  z.string().refine((value) => /^[A-Za-z0-9+/]*={0,2}$/.test(value) && Buffer.from(value, 'base64').length === bytes)

/** scrypt's cost as this app writes it; a file asking for more (memory, time) or another shape is refused. */
const KdfSchema = z.strictObject({
  N: z
    .number()
    .int()
    .min(2 ** 10)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0),
  r: z.literal(8),
  p: z.literal(1),
})
const SealedSchema = { iv: base64Of(12), tag: base64Of(16), wrapped: base64Of(KEY_BYTES) }
const Instant = z.string().max(40)
const ThrottledSchema = z.strictObject({ failures: z.number().int().min(0).max(1_000_000), lastFailureAt: Instant })
const AccountId = z.number().int().positive()
const Lookup = z.string().regex(/^[0-9a-f]{64}$/)

const V2Schema = z.strictObject({
  format: z.literal(FILE_FORMAT),
  version: z.literal(2),
  salt: base64Of(16),
  accounts: z
    .array(
      z.strictObject({
        ...SealedSchema,
        accountId: AccountId,
        kdf: KdfSchema,
        supervisors: z.strictObject(SealedSchema).optional(),
        check: base64Of(32).optional(),
      }),
    )
    .max(10_000),
  legacy: z
    .strictObject({
      lookupSalt: base64Of(16),
      accounts: z
        .array(
          z.strictObject({ ...SealedSchema, accountId: AccountId, kdf: KdfSchema, salt: base64Of(16), lookup: Lookup }),
        )
        .max(10_000),
    })
    .nullable(),
  recovery: z.strictObject({
    ...SealedSchema,
    kdf: KdfSchema,
    salt: base64Of(16),
    supervisors: z.strictObject(SealedSchema).optional(),
    check: base64Of(32).optional(),
  }),
  supervisorsCheck: base64Of(32).nullable(),
  throttle: z
    .record(z.string().regex(/^[a-z]+(:\d{1,3})?$/), ThrottledSchema)
    .refine((t) => Object.keys(t).length <= 300),
})

/** Version 1, as the app wrote it before the supervisors' key: read, and rewritten as version 2 at the next save. */
const V1Schema = z.strictObject({
  format: z.literal(FILE_FORMAT),
  version: z.literal(1),
  lookupSalt: base64Of(16),
  accounts: z
    .array(
      z.strictObject({
        ...SealedSchema,
        kdf: KdfSchema,
        salt: base64Of(16),
        accountId: AccountId,
        lookup: Lookup,
        failures: z.number().int().min(0).max(1_000_000),
        lastFailureAt: Instant.nullable(),
      }),
    )
    .max(10_000),
  recovery: z.strictObject({
    ...SealedSchema,
    kdf: KdfSchema,
    salt: base64Of(16),
    failures: z.number().int().min(0).max(1_000_000),
    lastFailureAt: Instant.nullable(),
  }),
})

/** The key file's contents, checked field by field: a damaged or crafted file is refused, never half used. */
export function parseKeyring(value: unknown): KeyringFile | null {
  const v2 = V2Schema.safeParse(value)
  if (v2.success) return v2.data as KeyringFile
  const v1 = V1Schema.safeParse(value)
  if (!v1.success) return null
  const { lookupSalt, accounts, recovery } = v1.data
  return {
    ...newKeyring(),
    legacy: {
      lookupSalt,
      accounts: accounts.map(({ failures: _f, lastFailureAt: _l, ...slot }) => slot),
    },
    recovery: { kdf: recovery.kdf, salt: recovery.salt, iv: recovery.iv, tag: recovery.tag, wrapped: recovery.wrapped },
  }
}

export function readKeyring(file: string): KeyringFile | null {
  if (!existsSync(file)) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (cause) {
    throw new KeyringError('The key file beside the database is damaged and cannot be read.', { cause })
  }
  const keyring = parseKeyring(parsed)
  if (!keyring)
    throw new KeyringError('The key file beside the database is damaged, or not one this version of the app can read.')
  return keyring
}

// --- Damaged slots ------------------------------------------------------------------------------------------

/**
 * A slot's check: sha256 over its fields. Not a secret and no protection against someone who rewrites the file (they
 * can recompute it); it tells a slot damaged on disk (a flipped byte) from a wrong password, which AES-GCM alone cannot.
 */
export function slotCheck(slot: AccountSlot | RecoverySlot): string {
  const { check: _check, ...fields } = slot
  const ordered = Object.keys(fields)
    .sort()
    .map((name) => [name, fields[name as keyof typeof fields]])
  return createHash('sha256').update(JSON.stringify(ordered)).digest('base64')
}

/** Checks for the slots that have none yet (new slots, a file from before checks); existing checks are kept as read. */
export function withSlotChecks(keyring: KeyringFile): KeyringFile {
  return {
    ...keyring,
    accounts: keyring.accounts.map((slot) => (slot.check ? slot : { ...slot, check: slotCheck(slot) })),
    recovery: keyring.recovery.check ? keyring.recovery : { ...keyring.recovery, check: slotCheck(keyring.recovery) },
  }
}

/** Slots whose check no longer matches their contents: damaged since they were written. */
export function damagedSlots(keyring: KeyringFile): { accounts: number; recovery: boolean } {
  const damaged = (slot: AccountSlot | RecoverySlot) => slot.check !== undefined && slot.check !== slotCheck(slot)
  return { accounts: keyring.accounts.filter(damaged).length, recovery: damaged(keyring.recovery) }
}

/** Writes the whole file beside the old one, flushes it, then renames it over: a crash leaves the old or the new. */
export function writeKeyring(file: string, unchecked: KeyringFile): void {
  const keyring = withSlotChecks(unchecked)
  const temporary = `${file}.tmp-${process.pid}`
  try {
    const fd = openSync(temporary, 'w', 0o600)
    try {
      const bytes = Buffer.from(JSON.stringify(keyring, null, 2))
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temporary, file)
  } catch (error) {
    // A full disk leaves the temporary file empty or cut short: never left beside the real one.
    rmSync(temporary, { force: true })
    throw fileWriteError(error, 'the key file')
  }
  syncDirectory(dirname(file))
}

function syncDirectory(dir: string) {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
