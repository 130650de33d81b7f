/** Small helpers for the durability tests: they work on the database layer (`openDatabase`) and plain better-sqlite3. */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'

// The same clean-up stack and temporary folders as the other Node-side tests.
export { onCleanup, tempDir } from '../helpers'

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

export const SIDE_SUFFIXES = ['-wal', '-shm', '-journal'] as const

/** The sha256 of the file and of each of its companions that exists (`null` when absent). */
export function fingerprint(file: string): Record<string, string | null> {
  const result: Record<string, string | null> = { main: existsSync(file) ? sha256(file) : null }
  for (const suffix of SIDE_SUFFIXES) result[suffix] = existsSync(file + suffix) ? sha256(file + suffix) : null
  return result
}

/** A deterministic pseudo-random generator (mulberry32), so a failing case can be reproduced from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function randomBytes(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length)
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256)
  return bytes
}
