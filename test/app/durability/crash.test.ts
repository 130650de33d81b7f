/**
 * Crash test: a child process (crash-child.ts) opens the database with the app's `openDatabase` and commits
 * transactions in a loop; this test kills it with SIGKILL at random moments, well over 100 times, and after every
 * kill checks the files exactly as the crash left them:
 *
 *   - they open with `openDatabase` and pass a full `PRAGMA integrity_check` and `foreign_key_check`;
 *   - every transaction the child reported as committed is there, and at most one more (committed, killed before it
 *     could say so);
 *   - no transaction is half there: each kept coach has exactly its history rows, with their exact contents, and the
 *     counter row names the newest coach.
 *
 * The check runs on a copy of the database and its -wal (the -shm is only an index SQLite rebuilds), so the real files
 * keep their crashed state and the next child has to recover them itself; some kills land during that recovery.
 * Two lanes run side by side, one encrypted (what the app keeps on disk once an account exists) and one not (a
 * database from before sign-in); a third kills children while they create a new database and run its migrations.
 *
 * This proves what a killed process leaves; a power cut (which also loses the OS's unwritten pages) is what
 * synchronous=FULL is for, and cannot be simulated here.
 */
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/app/db/open'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/app/db/migrations'
import { counterName, counterOf, itemsFor, noteFor, stageDate, supervisorFor, WINDOW } from './crash-plan'
import { prng, tempDir } from './support'

const here = dirname(fileURLToPath(import.meta.url))
const CHILD_SOURCE = join(here, 'crash-child.ts')

/** Kills per lane; with the fresh-database kills, well over 100 in all. */
const ROUNDS_PER_LANE = 60
const FRESH_ROUNDS = 20
const KEY_HEX = 'a5'.repeat(32)

// ---------------------------------------------------------------------------------------------------------------
// Starting the child cheaply: a bundle of crash-child.ts and the real db layer, built once with esbuild.

let childArgs: (file: string, keyHex?: string) => string[]
let bundleDir: string

afterAll(() => rmSync(bundleDir, { recursive: true, force: true }))

beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'casebook-crash-bundle-'))
  const dir = bundleDir
  const outfile = join(dir, 'crash-child.mjs')
  try {
    const esbuild = await import('esbuild')
    const nativeModule = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers')
    await esbuild.build({
      entryPoints: [CHILD_SOURCE],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
      plugins: [
        {
          // The native driver stays outside the bundle, imported by absolute path so the bundle can live in /tmp.
          name: 'native-driver',
          setup(build) {
            build.onResolve({ filter: /^better-sqlite3-multiple-ciphers$/ }, () => ({
              path: nativeModule,
              external: true,
            }))
          },
        },
      ],
    })
    childArgs = (file, keyHex) => [outfile, file, ...(keyHex ? [keyHex] : [])]
  } catch {
    // Without esbuild, the same child through tsx: slower to start, same code.
    childArgs = (file, keyHex) => ['--import', 'tsx', CHILD_SOURCE, file, ...(keyHex ? [keyHex] : [])]
  }
}, 60_000)

// ---------------------------------------------------------------------------------------------------------------
// One child's life: start, wait for a moment, SIGKILL.

interface ChildRun {
  /** Every `committed <seq>` line read before the kill. */
  committed: number[]
  /** The counter the child found on opening, if it got that far. */
  openedAt: number | null
  /** True if the child died by our SIGKILL (and not, say, on an error of its own). */
  killed: boolean
  stderr: string
}

type KillMoment = { after: 'opening' | 'opened'; delayMs: number }

function runAndKill(file: string, keyHex: string | undefined, moment: KillMoment): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, childArgs(file, keyHex), { stdio: ['ignore', 'pipe', 'pipe'] })
    const run: ChildRun = { committed: [], openedAt: null, killed: false, stderr: '' }
    let buffer = ''
    let timer: NodeJS.Timeout | undefined
    const killSoon = () => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), moment.delayMs)
    }
    const onLine = (line: string) => {
      if (line === 'opening') {
        if (moment.after === 'opening') killSoon()
      } else if (line.startsWith('opened ')) {
        run.openedAt = Number(line.slice(7))
        if (moment.after === 'opened') killSoon()
      } else if (line.startsWith('committed ')) {
        run.committed.push(Number(line.slice(10)))
      } else if (line !== '') {
        run.stderr += `unexpected stdout: ${line}\n`
      }
    }
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk
      let newline: number
      while ((newline = buffer.indexOf('\n')) >= 0) {
        onLine(buffer.slice(0, newline))
        buffer = buffer.slice(newline + 1)
      }
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => (run.stderr += chunk))
    // A child that never reaches its moment (stuck, or dead on an error) must not hang the test.
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.on('error', reject)
    // 'close' (not 'exit'): every line the child wrote before dying has been read by then.
    child.on('close', (_code, signal) => {
      clearTimeout(watchdog)
      if (timer) clearTimeout(timer)
      run.killed = signal === 'SIGKILL' && timer !== undefined
      resolve(run)
    })
  })
}

// ---------------------------------------------------------------------------------------------------------------
// The check after each kill, on a copy of the crashed files.

/** Copies the database and its -wal (as the crash left them) into a new folder; answers the copy's path. */
function copyCrashed(file: string, into: string): { copy: string; walBytes: number } {
  rmSync(into, { recursive: true, force: true })
  mkdirSync(into, { recursive: true })
  const copy = join(into, 'casebook.sqlite')
  if (!existsSync(file)) return { copy, walBytes: 0 }
  copyFileSync(file, copy)
  let walBytes = 0
  if (existsSync(`${file}-wal`)) {
    copyFileSync(`${file}-wal`, `${copy}-wal`)
    walBytes = statSync(`${file}-wal`).size
  }
  return { copy, walBytes }
}

/** Opens the copy with the app's code and checks every transaction is whole; answers the counter (newest seq). */
async function verifyWhole(file: string, keyHex: string | undefined): Promise<number> {
  const opened = openDatabase(file, keyHex ? { key: Buffer.from(keyHex, 'hex') } : {})
  try {
    const { sqlite } = opened
    expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(sqlite.pragma('foreign_key_check')).toEqual([])

    const counter = counterOf(sqlite)
    const first = Math.max(1, counter - WINDOW + 1)
    const expectedIds = counter === 0 ? [] : Array.from({ length: counter - first + 1 }, (_, i) => first + i)

    const coaches = sqlite
      .prepare(
        'SELECT id, version, legal_name, supervision_cadence_days AS items, assigned_supervisor FROM coaches ORDER BY id',
      )
      .all() as { id: number; version: number; legal_name: string; items: number; assigned_supervisor: string }[]
    expect(
      coaches.map((c) => c.id),
      `coaches present with counter ${counter}`,
    ).toEqual(expectedIds)
    for (const coach of coaches) {
      const ok =
        coach.version === coach.id &&
        coach.legal_name === `Crash ${coach.id}` &&
        coach.items === itemsFor(coach.id) &&
        coach.assigned_supervisor === supervisorFor(coach.id)
      expect(ok, `coach ${coach.id} has the fields its transaction wrote`).toBe(true)
    }

    const statuses = sqlite.prepare('SELECT coach_id, note FROM coach_status_changes ORDER BY id').all() as {
      coach_id: number
      note: string
    }[]
    const stages = sqlite.prepare('SELECT coach_id, changed_on FROM coach_stage_changes ORDER BY id').all() as {
      coach_id: number
      changed_on: string
    }[]
    const expectedStatuses: { coach_id: number; note: string }[] = []
    const expectedStages: { coach_id: number; changed_on: string }[] = []
    for (const id of expectedIds) {
      for (let item = 1; item <= itemsFor(id); item++) {
        expectedStatuses.push({ coach_id: id, note: noteFor(id, item) })
        expectedStages.push({ coach_id: id, changed_on: stageDate(item) })
      }
    }
    // Exactly the history rows of the kept coaches, in commit order: none missing, none extra, none altered.
    expect(statuses.length, 'status rows').toBe(expectedStatuses.length)
    expect(statuses).toEqual(expectedStatuses)
    expect(stages).toEqual(expectedStages)
    if (counter > 0) {
      expect(sqlite.prepare('SELECT office_name FROM office_settings').pluck().get()).toBe(counterName(counter))
    }
    return counter
  } finally {
    await opened.close()
  }
}

interface LaneStats {
  kills: number
  killedWhileOpening: number
  killedWhileWriting: number
  commitsReported: number
  /** Kills after which the database held one commit more than was reported (killed between commit and report). */
  unreportedCommit: number
  /** Checks that had to recover committed transactions from a -wal the crash left. */
  recoveredFromWal: number
  finalCounter: number
}

async function crashLane(name: string, keyHex: string | undefined, rounds: number, seed: number): Promise<LaneStats> {
  const dir = tempDir(`casebook-crash-${name}-`)
  const file = join(dir, 'casebook.sqlite')
  const random = prng(seed)
  const stats: LaneStats = {
    kills: 0,
    killedWhileOpening: 0,
    killedWhileWriting: 0,
    commitsReported: 0,
    unreportedCommit: 0,
    recoveredFromWal: 0,
    finalCounter: 0,
  }
  let counter = 0
  for (let round = 1; round <= rounds; round++) {
    // Mostly while writing; one kill in five while opening (recovering the last crash, checking, migrating).
    const moment: KillMoment =
      round > 2 && random() < 0.2
        ? { after: 'opening', delayMs: Math.floor(random() * 12) }
        : { after: 'opened', delayMs: Math.floor(random() * 70) }
    const run = await runAndKill(file, keyHex, moment)
    const where = `${name} lane, round ${round} (${moment.after} + ${moment.delayMs} ms)`
    expect(run.killed, `${where}: the child died on its own:\n${run.stderr}`).toBe(true)
    expect(run.stderr, where).toBe('')
    stats.kills++
    if (run.committed.length > 0) stats.killedWhileWriting++
    else stats.killedWhileOpening++
    stats.commitsReported += run.committed.length

    // The child carried on from where the last check found the database.
    if (run.openedAt !== null) expect(run.openedAt, `${where}: counter seen by the child`).toBe(counter)
    expect(run.committed, `${where}: commits reported in order`).toEqual(run.committed.map((_, i) => counter + 1 + i))

    const { copy, walBytes } = copyCrashed(file, join(dir, 'check'))
    if (walBytes > 0) stats.recoveredFromWal++
    const found = await verifyWhole(copy, keyHex)
    const lastReported = run.committed.at(-1) ?? counter
    expect(found, `${where}: every reported commit survived (reported up to ${lastReported})`).toBeGreaterThanOrEqual(
      lastReported,
    )
    expect(found, `${where}: at most the one unreported commit in flight at the kill`).toBeLessThanOrEqual(
      lastReported + 1,
    )
    if (found === lastReported + 1) stats.unreportedCommit++
    counter = found
  }
  rmSync(join(dir, 'check'), { recursive: true, force: true })

  // Finally the real files themselves, recovered in place.
  stats.finalCounter = await verifyWhole(file, keyHex)
  expect(stats.finalCounter).toBe(counter)
  return stats
}

describe('SIGKILL at random moments', () => {
  it(`loses no reported commit and leaves no transaction half-written (2 lanes x ${ROUNDS_PER_LANE} kills)`, async () => {
    const started = performance.now()
    // allSettled: if one lane fails, the other still finishes before the clean-up removes its folder.
    const settled = await Promise.allSettled([
      crashLane('encrypted', KEY_HEX, ROUNDS_PER_LANE, 4242),
      crashLane('plain', undefined, ROUNDS_PER_LANE, 1717),
    ])
    for (const lane of settled) if (lane.status === 'rejected') throw lane.reason
    const [encrypted, plain] = settled.map((lane) => (lane as PromiseFulfilledResult<LaneStats>).value) as [
      LaneStats,
      LaneStats,
    ]
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(`crash lanes in ${seconds} s:`, JSON.stringify({ encrypted, plain }))

    for (const stats of [encrypted, plain]) {
      expect(stats.kills).toBe(ROUNDS_PER_LANE)
      // The kills really landed in the middle of work, not on idle or unstarted processes.
      expect(stats.killedWhileWriting).toBeGreaterThanOrEqual(ROUNDS_PER_LANE / 3)
      expect(stats.commitsReported).toBeGreaterThan(ROUNDS_PER_LANE * 2)
      expect(stats.recoveredFromWal).toBeGreaterThan(ROUNDS_PER_LANE / 2)
      // The window of kept coaches was filled and old ones deleted, so freed pages were reused too.
      expect(stats.finalCounter).toBeGreaterThan(WINDOW)
    }
  }, 180_000)

  it(`leaves a usable file when killed while creating a new database and migrating it (${FRESH_ROUNDS} kills)`, async () => {
    const random = prng(99)
    const dir = tempDir('casebook-crash-fresh-')
    const seen = new Set<number>()
    for (let round = 1; round <= FRESH_ROUNDS; round++) {
      const keyHex = round % 2 === 0 ? KEY_HEX : undefined
      const file = join(dir, `fresh-${round}.sqlite`)
      const run = await runAndKill(file, keyHex, { after: 'opening', delayMs: Math.floor(random() * 15) })
      expect(run.killed, `fresh round ${round}: the child died on its own:\n${run.stderr}`).toBe(true)

      // As the crash left it: either no file, or a file at some schema version with exactly that version's tables.
      const { copy } = copyCrashed(file, join(dir, `check-${round}`))
      if (existsSync(file) && statSync(file).size > 0) {
        const look = new Sqlite(copy)
        if (keyHex) look.pragma(`key = "x'${keyHex}'"`)
        const version = look.pragma('user_version', { simple: true }) as number
        const tables = look.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() as number
        look.close()
        seen.add(version)
        const expectedTables = [0, 4, 6, 6, 6, 22, 26, 26, 32, 37, 53, 53] // tables after migrations 0 to 11
        expect(MIGRATIONS.length, 'update expectedTables when a migration adds tables').toBe(11)
        expect(tables, `fresh round ${round}: tables at schema ${version}`).toBe(expectedTables[version])
      } else {
        seen.add(-1)
      }
      // And the app's code opens it, completes the migrations and finds it whole.
      expect(await verifyWhole(copy, keyHex)).toBeGreaterThanOrEqual(0)
    }
    console.log(
      `fresh-database kills: schema versions found after the kill: ${[...seen].sort().join(', ')} (-1: no file yet)`,
    )
  }, 120_000)
})
