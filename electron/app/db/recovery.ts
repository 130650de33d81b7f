import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
import Sqlite from 'better-sqlite3-multiple-ciphers'

/**
 * What SQLite would do on its own at the first read-write open after a crash, made safe: it applies a -wal (as much of
 * it as checks out) or rolls back a hot -journal, and neither can be undone afterwards. A -wal damaged in the middle
 * loses every commit after the damage without a word, and an older -wal of the same database put back beside it
 * rewinds the file. So, before that first open, the files are copied aside (`recovered/<stamp>/`), the -wal is read
 * frame by frame, and its effect is compared with the file alone; the copy is kept only when it holds something the
 * open did not keep.
 */

/** What opening found beside the file and did about it, said for the audit trail (a supervisor reads it). */
export interface Recovery {
  kind: 'hot_journal' | 'wal_damaged' | 'wal_not_applied'
  summary: string
  /** The folder holding the copies of the files as they were before the open. */
  aside: string
}

export const RECOVERED_FOLDER = 'recovered'

/** A -wal of this size or less holds no frame: nothing to apply, nothing to keep. */
const WAL_HEADER_BYTES = 32
const FRAME_HEADER_BYTES = 24

export interface WalFacts {
  /** Frames SQLite will apply (up to and including the last commit frame among the valid ones). */
  appliedFrames: number
  /** The first frame, counted from 1, that belongs to this -wal (its salts match) but whose checksum fails. */
  brokenAt: number | null
  /** Commit frames of this -wal after the broken one: transactions that were committed and that SQLite will drop. */
  committedAfterBreak: number
}

/**
 * Reads a -wal as SQLite does (https://sqlite.org/fileformat2.html#walformat): a frame counts while its salts match the
 * header and its running checksum holds. With the database's encryption the pages are ciphertext, but the frame
 * headers and checksums are SQLite's own, so this works on either.
 */
export function readWal(bytes: Buffer): WalFacts | null {
  if (bytes.length < WAL_HEADER_BYTES) return null
  const magic = bytes.readUInt32BE(0)
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return null
  const bigEndian = (magic & 1) === 1
  const pageSize = bytes.readUInt32BE(8)
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return null
  const salt1 = bytes.readUInt32BE(16)
  const salt2 = bytes.readUInt32BE(20)
  let [s0, s1] = checksum(bytes, 0, 24, bigEndian, 0, 0)
  if (s0 !== bytes.readUInt32BE(24) || s1 !== bytes.readUInt32BE(28)) return null
  const frameBytes = FRAME_HEADER_BYTES + pageSize
  const frames = Math.floor((bytes.length - WAL_HEADER_BYTES) / frameBytes)
  let appliedFrames = 0
  let brokenAt: number | null = null
  let committedAfterBreak = 0
  for (let i = 0; i < frames; i++) {
    const at = WAL_HEADER_BYTES + i * frameBytes
    const ours = bytes.readUInt32BE(at + 8) === salt1 && bytes.readUInt32BE(at + 12) === salt2
    const commit = bytes.readUInt32BE(at + 4) !== 0
    if (brokenAt !== null) {
      if (ours && commit) committedAfterBreak++
      continue
    }
    if (!ours) break
    ;[s0, s1] = checksum(bytes, at, 8, bigEndian, s0, s1)
    ;[s0, s1] = checksum(bytes, at + FRAME_HEADER_BYTES, pageSize, bigEndian, s0, s1)
    if (s0 !== bytes.readUInt32BE(at + 16) || s1 !== bytes.readUInt32BE(at + 20)) {
      brokenAt = i + 1
      continue
    }
    if (commit) appliedFrames = i + 1
  }
  return { appliedFrames, brokenAt, committedAfterBreak }
}

function checksum(bytes: Buffer, from: number, length: number, bigEndian: boolean, s0: number, s1: number) {
  for (let i = from; i < from + length; i += 8) {
    const x0 = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i)
    const x1 = bigEndian ? bytes.readUInt32BE(i + 4) : bytes.readUInt32LE(i + 4)
    s0 = (s0 + x0 + s1) >>> 0
    s1 = (s1 + x1 + s0) >>> 0
  }
  return [s0, s1] as const
}

const nonEmpty = (file: string) => existsSync(file) && statSync(file).isFile() && statSync(file).size > 0

/** Whether a first read-write open would change anything beside the file: a -wal with content, or a -journal. */
export function hasPendingCompanions(file: string): boolean {
  return nonEmpty(`${file}-wal`) || nonEmpty(`${file}-journal`)
}

/** Copies the file and its -wal and -journal into a new folder of `recovered/`, flushed to disk. */
export function copyAside(file: string, stamp: string): string {
  const root = join(dirname(file), RECOVERED_FOLDER)
  const aside = join(root, `${stamp.replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`)
  mkdirSync(aside, { recursive: true, mode: 0o700 })
  for (const suffix of ['', '-wal', '-journal']) {
    if (!existsSync(file + suffix)) continue
    const target = join(aside, basename(file) + suffix)
    copyFileSync(file + suffix, target)
    fsyncFile(target)
  }
  fsyncFolder(aside)
  fsyncFolder(root)
  return aside
}

export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

export function fsyncFolder(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Some systems (Windows) cannot open a folder; a rename there is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** The newest audit event, as text, of the files in `dir` (a scratch copy); null when there is no trail. */
function headOf(file: string, key: Buffer | undefined): string | null {
  const sqlite = new Sqlite(file, { readonly: true, fileMustExist: true })
  try {
    if (key) sqlite.pragma(`key = "x'${key.toString('hex')}'"`)
    sqlite.pragma('temp_store = MEMORY')
    const hasTrail = sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_events'").get()
    if (!hasTrail) return null
    const head = sqlite.prepare('SELECT * FROM audit_events ORDER BY id DESC LIMIT 1').get()
    return head === undefined ? null : JSON.stringify(head)
  } finally {
    sqlite.close()
  }
}

/**
 * Whether the -wal continues the file: the file's own newest audit event must still be there, unchanged, once the
 * -wal is applied. A -wal of an earlier moment of the same database (put back from a copy) fails this: applying it
 * would bring back older pages over newer ones. Read on scratch copies, never on the files themselves. Null when it
 * cannot be told (no trail, or the copies cannot be read: the normal checks will say why).
 */
function walContinuesFile(aside: string, name: string, key: Buffer | undefined): boolean | null {
  const scratch = join(aside, 'check')
  mkdirSync(scratch, { recursive: true })
  const copy = join(scratch, name)
  try {
    copyFileSync(join(aside, name), copy)
    const alone = headOf(copy, key)
    if (alone === null) return null
    for (const suffix of ['-wal', '-shm']) rmSync(copy + suffix, { force: true })
    copyFileSync(join(aside, `${name}-wal`), `${copy}-wal`)
    const withWal = headOf(copy, key)
    if (withWal === null) return false
    const [a, w] = [JSON.parse(alone) as { id: number }, JSON.parse(withWal) as { id: number }]
    if (w.id < a.id) return false
    const sqlite = new Sqlite(copy, { readonly: true, fileMustExist: true })
    try {
      if (key) sqlite.pragma(`key = "x'${key.toString('hex')}'"`)
      const same = sqlite.prepare('SELECT * FROM audit_events WHERE id = ?').get(a.id)
      return same !== undefined && JSON.stringify(same) === alone
    } finally {
      sqlite.close()
    }
  } catch {
    return null
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/**
 * Run before the first read-write open of `file` when it has a -wal with content: copies the files aside, reads the
 * -wal, and sets aside (moves out of the way) a -wal that would rewind the file. Answers what a supervisor must be
 * told, or null when the -wal is the ordinary remains of a crash (the copy is then removed: it holds nothing the open
 * will not keep).
 */
export function prepareWal(file: string, key: Buffer | undefined, stamp: string): Recovery | null {
  const wal = `${file}-wal`
  if (!nonEmpty(wal)) return null
  const aside = copyAside(file, stamp)
  const where = `${RECOVERED_FOLDER}/${basename(aside)}`
  const facts = readWal(readFileSync(wal))
  const continues = walContinuesFile(aside, basename(file), key)
  if (continues === false) {
    // Not applied: the file alone is the newer state. The -wal stays in the copy, for whoever wants to look.
    rmSync(wal, { force: true })
    rmSync(`${file}-shm`, { force: true })
    return {
      kind: 'wal_not_applied',
      aside,
      summary:
        `A -wal file beside ${basename(file)} was older than the file itself (applying it would have undone saved ` +
        `changes), so it was not applied; the files as they were are kept in ${where}`,
    }
  }
  if (facts && facts.brokenAt !== null && facts.committedAfterBreak > 0) {
    return {
      kind: 'wal_damaged',
      aside,
      summary:
        `The -wal left by a crash beside ${basename(file)} was damaged at frame ${facts.brokenAt}: ` +
        `${facts.committedAfterBreak} saved change${facts.committedAfterBreak === 1 ? '' : 's'} after it could not ` +
        `be applied and are missing from the database; the files as they were are kept in ${where}`,
    }
  }
  rmSync(aside, { recursive: true, force: true })
  return null
}

/** The copy kept for a hot -journal, and what a supervisor is told once its rollback has been checked. */
export function journalRecovery(file: string, aside: string): Recovery {
  return {
    kind: 'hot_journal',
    aside,
    summary:
      `A program stopped in the middle of changing ${basename(file)} (a -journal lay beside it); the unfinished ` +
      `change was rolled back as SQLite does after a crash, and the files as they were are kept in ` +
      `${RECOVERED_FOLDER}/${basename(aside)}`,
  }
}

/** Moves `from` over `to` after flushing it, then flushes the folder: a crash leaves one or the other, whole. */
export function durableRename(from: string, to: string): void {
  fsyncFile(from)
  renameSync(from, to)
  fsyncFolder(dirname(to))
}
