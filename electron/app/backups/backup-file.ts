import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { dirname } from 'node:path'
import { parseKeyring, type KeyringFile } from '../auth/keyring'

/**
 * A backup is one file: a short header naming it, the key file as it was when the backup was made (so any account
 * of that moment, or the recovery key, opens it), then the database as `VACUUM INTO` wrote it, still encrypted.
 */
const MAGIC = Buffer.from('RCO-CASEBOOK-BACKUP\n', 'latin1')
export const BACKUP_EXTENSION = '.casebook-backup'

export interface BackupHeader {
  format: 1
  createdAt: string
  appVersion: string
  schemaVersion: number
  keyring: KeyringFile
  databaseBytes: number
}

export class BackupFileError extends Error {}

export function writeBackupFile(target: string, header: Omit<BackupHeader, 'databaseBytes'>, database: Buffer): void {
  const json = Buffer.from(JSON.stringify({ ...header, databaseBytes: database.length }), 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32BE(json.length)
  const temporary = `${target}.partial-${process.pid}`
  // 'wx': never overwrite, not even a file that appeared a moment ago.
  const fd = openSync(temporary, 'wx', 0o600)
  try {
    for (const part of [MAGIC, length, json, database]) writeSync(fd, part)
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(temporary, { force: true })
    throw error
  }
  closeSync(fd)
  placeWithoutOverwriting(temporary, target)
  try {
    const dirFd = openSync(dirname(target), 'r')
    fsyncSync(dirFd)
    closeSync(dirFd)
  } catch {
    // Directories cannot be opened on some platforms; the rename is still atomic.
  }
}

/** Renames `from` to `to` unless `to` exists, even one that appeared a moment ago: a hard link refuses to replace. */
function placeWithoutOverwriting(from: string, to: string) {
  try {
    linkSync(from, to)
    rmSync(from, { force: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') {
      rmSync(from, { force: true })
      throw new BackupFileError('A file with that name already exists; choose another name.')
    }
    // Some drives (FAT, some network shares) have no hard links: check, then rename.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'ENOSYS') {
      if (existsSync(to)) {
        rmSync(from, { force: true })
        throw new BackupFileError('A file with that name already exists; choose another name.')
      }
      renameSync(from, to)
      return
    }
    rmSync(from, { force: true })
    throw error
  }
}

export function readBackupFile(file: string): { header: BackupHeader; database: Buffer } {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (cause) {
    throw new BackupFileError(
      `The backup file could not be read (${(cause as NodeJS.ErrnoException).code ?? 'error'}).`,
    )
  }
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupFileError('That file is not a backup made by this app.')
  }
  const headerLength = bytes.readUInt32BE(MAGIC.length)
  const headerEnd = MAGIC.length + 4 + headerLength
  let header: BackupHeader
  try {
    header = JSON.parse(bytes.subarray(MAGIC.length + 4, headerEnd).toString('utf8')) as BackupHeader
  } catch {
    throw new BackupFileError('The backup file is damaged: its header cannot be read.')
  }
  const keyring = parseKeyring(header.keyring)
  if (
    header.format !== 1 ||
    !keyring ||
    typeof header.databaseBytes !== 'number' ||
    typeof header.schemaVersion !== 'number'
  ) {
    throw new BackupFileError('The backup file is damaged or from a version of the app this one cannot read.')
  }
  header.keyring = keyring
  const database = bytes.subarray(headerEnd)
  if (database.length !== header.databaseBytes) {
    throw new BackupFileError('The backup file is incomplete: it is shorter or longer than it says.')
  }
  return { header, database }
}

/** Only the header, without reading the database part: for listing backups. Null when the file is not a backup. */
export function readBackupHeader(file: string): Omit<BackupHeader, 'keyring'> | null {
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    const start = Buffer.alloc(MAGIC.length + 4)
    if (readSync(fd, start, 0, start.length, 0) !== start.length || !start.subarray(0, MAGIC.length).equals(MAGIC))
      return null
    const length = start.readUInt32BE(MAGIC.length)
    if (length > 16 * 1024 * 1024) return null
    const json = Buffer.alloc(length)
    if (readSync(fd, json, 0, length, start.length) !== length) return null
    const { keyring: _keyring, ...header } = JSON.parse(json.toString('utf8')) as BackupHeader
    return typeof header.createdAt === 'string' ? header : null
  } catch {
    return null
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
