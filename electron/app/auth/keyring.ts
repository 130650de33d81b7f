import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import { DatabaseOpenError } from '../db/errors'

/**
 * The key file beside the database. The database key exists on disk only wrapped: once per active account, under a
 * key derived from that account's password, and once under the recovery key. Nothing in this file is readable text
 * written through the app: accounts are found by a salted hash of the username.
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

export interface WrappedKey {
  kdf: KdfParams
  salt: string
  iv: string
  tag: string
  wrapped: string
}

export interface AccountSlot extends WrappedKey {
  accountId: number
  /** sha256(lookupSalt, username): finds the slot at sign-in without storing the username. */
  lookup: string
  /** Wrong passwords in a row, and when the last one was. Reset by a right one or by a new password. */
  failures: number
  lastFailureAt: string | null
}

export interface KeyringFile {
  format: typeof FILE_FORMAT
  version: 1
  lookupSalt: string
  accounts: AccountSlot[]
  recovery: WrappedKey & { failures: number; lastFailureAt: string | null }
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

/** A fresh salt and the key derived from it: the slow part of writing a slot, done before any transaction. */
export async function prepareWrapper(
  secret: string,
  kdf: KdfParams,
): Promise<{ salt: Buffer; key: Buffer; kdf: KdfParams }> {
  const salt = randomBytes(16)
  return { salt, key: await deriveKey(secret, salt, kdf), kdf }
}

export function wrapKey(
  databaseKey: Buffer,
  wrapper: { salt: Buffer; key: Buffer; kdf: KdfParams },
  label: string,
): WrappedKey {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', wrapper.key, iv)
  // The label binds the wrapped key to its slot, so a slot copied onto another account does not open as that account.
  cipher.setAAD(Buffer.from(label))
  const wrapped = Buffer.concat([cipher.update(databaseKey), cipher.final()])
  return {
    kdf: wrapper.kdf,
    salt: wrapper.salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
  }
}

/** The database key, or null when the secret is wrong. */
export async function unwrapKey(slot: WrappedKey, secret: string, label: string): Promise<Buffer | null> {
  const key = await deriveKey(secret, Buffer.from(slot.salt, 'base64'), slot.kdf)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(slot.iv, 'base64'))
    decipher.setAAD(Buffer.from(label))
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()])
  } catch {
    return null
  } finally {
    key.fill(0)
  }
}

export const accountLabel = (accountId: number) => `rco-casebook account ${accountId}`
export const RECOVERY_LABEL = 'rco-casebook recovery'

export function lookupFor(keyring: Pick<KeyringFile, 'lookupSalt'>, username: string): string {
  return createHash('sha256')
    .update(Buffer.from(keyring.lookupSalt, 'base64'))
    .update(username.toLowerCase())
    .digest('hex')
}

export function findAccountSlot(keyring: KeyringFile, username: string): AccountSlot | undefined {
  const wanted = Buffer.from(lookupFor(keyring, username), 'hex')
  return keyring.accounts.find((slot) => timingSafeEqual(Buffer.from(slot.lookup, 'hex'), wanted))
}

export function keyringFileFor(databaseFile: string): string {
  return join(dirname(databaseFile), `${basename(databaseFile).replace(/\.sqlite$/, '')}.keys.json`)
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
const WrappedKeySchema = {
  kdf: KdfSchema,
  salt: base64Of(16),
  iv: base64Of(12),
  tag: base64Of(16),
  wrapped: base64Of(KEY_BYTES),
  failures: z.number().int().min(0).max(1_000_000),
  lastFailureAt: z.string().max(40).nullable(),
}
const KeyringSchema = z.strictObject({
  format: z.literal(FILE_FORMAT),
  version: z.literal(1),
  lookupSalt: base64Of(16),
  accounts: z
    .array(
      z.strictObject({
        ...WrappedKeySchema,
        accountId: z.number().int().positive(),
        lookup: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(10_000),
  recovery: z.strictObject(WrappedKeySchema),
})

/** The key file's contents, checked field by field: a damaged or crafted file is refused, never half used. */
export function parseKeyring(value: unknown): KeyringFile | null {
  const parsed = KeyringSchema.safeParse(value)
  return parsed.success ? (parsed.data as KeyringFile) : null
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

/** Writes the whole file beside the old one, flushes it, then renames it over: a crash leaves the old or the new. */
export function writeKeyring(file: string, keyring: KeyringFile): void {
  const temporary = `${file}.tmp-${process.pid}`
  const fd = openSync(temporary, 'w', 0o600)
  try {
    writeSync(fd, JSON.stringify(keyring, null, 2))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, file)
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

export function newKeyring(recovery: WrappedKey): KeyringFile {
  return {
    format: FILE_FORMAT,
    version: 1,
    lookupSalt: randomBytes(16).toString('base64'),
    accounts: [],
    recovery: { ...recovery, failures: 0, lastFailureAt: null },
  }
}

export function accountSlot(
  keyring: KeyringFile,
  accountId: number,
  username: string,
  wrapped: WrappedKey,
): AccountSlot {
  return { ...wrapped, accountId, lookup: lookupFor(keyring, username), failures: 0, lastFailureAt: null }
}

/** `keyring` with `accountId`'s slot (new or replaced) opening `databaseKey` under `wrapper`, the password's derived key. */
export function withAccountSlot(
  keyring: KeyringFile,
  accountId: number,
  username: string,
  databaseKey: Buffer,
  wrapper: { salt: Buffer; key: Buffer; kdf: KdfParams },
): KeyringFile {
  const slot = accountSlot(keyring, accountId, username, wrapKey(databaseKey, wrapper, accountLabel(accountId)))
  return { ...keyring, accounts: [...keyring.accounts.filter((s) => s.accountId !== accountId), slot] }
}

export function withoutAccountSlot(keyring: KeyringFile, accountId: number): KeyringFile {
  return { ...keyring, accounts: keyring.accounts.filter((s) => s.accountId !== accountId) }
}
