import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { parseKeyring, type KeyringFile } from '../auth/keyring'
import { fileErrorSentence } from '../errors'

/**
 * A backup is one file: a short header naming it, the key file as it was when the backup was made (so any account
 * of that moment, or the recovery key, opens it), then the database as `VACUUM INTO` wrote it, still encrypted, and
 * (from format 2) the supervisors' file, still encrypted under the supervisors' key, with its WAL if it had one.
 * Format 1 backups (the database alone) still restore.
 */
const MAGIC = Buffer.from('RCO-CASEBOOK-BACKUP\n', 'latin1')
export const BACKUP_EXTENSION = '.casebook-backup'

/** Larger than any office's backup; a file beyond it is refused before it is read (it is read into memory whole). */
export const MAX_BACKUP_BYTES = 2 * 1024 ** 3

export interface BackupHeader {
  format: 1 | 2
  createdAt: string
  appVersion: string
  schemaVersion: number
  keyring: KeyringFile
  databaseBytes: number
  /** Format 2: the supervisors' file and its WAL (0 bytes when it had none). */
  supervisorsSchemaVersion?: number
  supervisorsBytes?: number
  supervisorsWalBytes?: number
}

export interface BackupParts {
  database: Buffer
  supervisors: Buffer
  supervisorsWal: Buffer
}

export class BackupFileError extends Error {}

export function writeBackupFile(
  target: string,
  header: Omit<BackupHeader, 'databaseBytes' | 'supervisorsBytes' | 'supervisorsWalBytes' | 'format'>,
  parts: BackupParts,
): void {
  const json = Buffer.from(
    JSON.stringify({
      ...header,
      format: 2,
      databaseBytes: parts.database.length,
      supervisorsBytes: parts.supervisors.length,
      supervisorsWalBytes: parts.supervisorsWal.length,
    }),
    'utf8',
  )
  const length = Buffer.alloc(4)
  length.writeUInt32BE(json.length)
  const temporary = `${target}.partial-${process.pid}`
  // 'wx': never overwrite, not even a file that appeared a moment ago.
  const fd = openSync(temporary, 'wx', 0o600)
  try {
    for (const part of [MAGIC, length, json, parts.database, parts.supervisors, parts.supervisorsWal])
      writeSync(fd, part)
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

/** A backup's parts as files on disk (the copies `VACUUM INTO` wrote), or null for a part that is empty. */
export interface BackupSources {
  database: string
  supervisors: string | null
  supervisorsWal: string | null
}

const CHUNK_BYTES = 1024 * 1024

/**
 * `writeBackupFile` from files, streamed through one buffer a chunk at a time with asynchronous reads and writes: a
 * decade's copy is never held in memory whole, and the main thread answers calls between chunks. The same format and
 * the same guarantee (a temporary file, synced, then put in place without overwriting: complete or absent).
 */
export async function writeBackupFileFrom(
  target: string,
  header: Omit<BackupHeader, 'databaseBytes' | 'supervisorsBytes' | 'supervisorsWalBytes' | 'format'>,
  sources: BackupSources,
): Promise<void> {
  const sizeOf = async (file: string | null) => (file ? (await stat(file)).size : 0)
  const sizes = [
    await sizeOf(sources.database),
    await sizeOf(sources.supervisors),
    await sizeOf(sources.supervisorsWal),
  ]
  const json = Buffer.from(
    JSON.stringify({
      ...header,
      format: 2,
      databaseBytes: sizes[0],
      supervisorsBytes: sizes[1],
      supervisorsWalBytes: sizes[2],
    }),
    'utf8',
  )
  const length = Buffer.alloc(4)
  length.writeUInt32BE(json.length)
  const temporary = `${target}.partial-${process.pid}`
  const out = await open(temporary, 'wx', 0o600)
  try {
    await out.write(Buffer.concat([MAGIC, length, json]))
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES)
    const files = [sources.database, sources.supervisors, sources.supervisorsWal]
    for (let i = 0; i < files.length; i++) {
      const file = files[i]
      if (!file || sizes[i] === 0) continue
      const input = await open(file, 'r')
      try {
        // Exactly the size the header names, even if the file grew since (nothing writes these copies, but be sure).
        for (let done = 0; done < sizes[i]!;) {
          const { bytesRead } = await input.read(chunk, 0, Math.min(CHUNK_BYTES, sizes[i]! - done), done)
          if (bytesRead === 0) throw new BackupFileError('A part of the backup shrank while it was being written.')
          await out.write(chunk, 0, bytesRead)
          done += bytesRead
        }
      } finally {
        await input.close()
      }
    }
    await out.sync()
  } catch (error) {
    await out.close()
    rmSync(temporary, { force: true })
    throw error
  }
  await out.close()
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

/**
 * Reads a whole backup, after checking it is a regular file of a size a backup can have. Opened without blocking and
 * checked on the open handle, so a FIFO or a device in its place is refused instead of freezing the app (and a file
 * swapped in after the check is the one checked); read asynchronously, so other calls are answered meanwhile.
 */
export async function readBackupFile(file: string): Promise<{ header: BackupHeader; parts: BackupParts }> {
  let bytes: Buffer
  try {
    const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
    try {
      const stat = await handle.stat()
      if (!stat.isFile()) throw new BackupFileError('That is not a file: choose a backup file.')
      if (stat.size > MAX_BACKUP_BYTES) throw new BackupFileError('That file is far larger than a backup can be.')
      bytes = await handle.readFile()
    } finally {
      await handle.close()
    }
  } catch (cause) {
    if (cause instanceof BackupFileError) throw cause
    throw new BackupFileError(
      `The backup file could not be read. ${fileErrorSentence(cause) ?? 'The system refused to read it.'}`,
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
  const size = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0
  if (
    (header.format !== 1 && header.format !== 2) ||
    !keyring ||
    !size(header.databaseBytes) ||
    typeof header.schemaVersion !== 'number' ||
    (header.format === 2 &&
      (!size(header.supervisorsBytes) ||
        !size(header.supervisorsWalBytes) ||
        typeof header.supervisorsSchemaVersion !== 'number'))
  ) {
    throw new BackupFileError('The backup file is damaged or from a version of the app this one cannot read.')
  }
  header.keyring = keyring
  const rest = bytes.subarray(headerEnd)
  const databaseEnd = header.databaseBytes
  const supervisorsEnd = databaseEnd + (header.supervisorsBytes ?? 0)
  if (rest.length !== supervisorsEnd + (header.supervisorsWalBytes ?? 0)) {
    throw new BackupFileError('The backup file is incomplete: it is shorter or longer than it says.')
  }
  return {
    header,
    parts: {
      database: rest.subarray(0, databaseEnd),
      supervisors: rest.subarray(databaseEnd, supervisorsEnd),
      supervisorsWal: rest.subarray(supervisorsEnd),
    },
  }
}

/** Only the header, without reading the database part: for listing backups. Null when the file is not a backup. */
export function readBackupHeader(file: string): Omit<BackupHeader, 'keyring'> | null {
  let fd: number | undefined
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
    if (!fstatSync(fd).isFile()) return null
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
