/**
 * The crash harness: starts the app itself in a child process (child.ts), lets it work through the router as the UI
 * would, and kills it with SIGKILL at a random moment: while it opens (first run, the schema-1 upgrade's encryption,
 * recovering the last crash) or while it saves, changes the password, counts a wrong one, backs up or restores. The
 * next child, starting on the files as the kill left them, must open them and sign in, and finds the coaches it lists
 * checked against every save the app acknowledged:
 *
 *   - every acknowledged save is there; nothing is there that was never sent (at most the one save in flight);
 *   - a restore acknowledged brings back exactly the backup's coaches; one in flight, either state, whole;
 *   - the password is the one last acknowledged (or the one a change in flight set);
 *   - the data folder always opens: never "cannot be opened", never a first run over an office.
 *
 * Every `OFFICE_EVERY` cycles a lane starts a new office, alternately empty and from the schema-1 fixture (whose
 * first run encrypts it: the upgrade), so kills land in first runs and upgrades too.
 */
import { spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const ROOT = resolve(here, '..', '..')
const V1_FIXTURE = join(ROOT, 'test', 'fixtures', 'db', 'v1.sqlite')
const OFFICE_EVERY = 25

export interface CrashStats {
  cycles: number
  kills: number
  killedWhileOpening: number
  killedWhileWorking: number
  offices: number
  upgrades: number
  acknowledgedSaves: number
  passwordChanges: number
  backups: number
  restores: number
  /** Acknowledged saves missing afterwards, or coaches present that were never sent. */
  lost: number
  /** Starts that could not open the data folder or sign in. */
  failedOpens: number
  /** Everything else that went wrong, in words. */
  problems: string[]
  seconds: number
}

/** The native driver, by path: the child's bundle (and its worker thread) load it from there. */
const nativeModule = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers')

/** Builds the child once (esbuild): starting tsx per child would cost more than the child's whole life. */
export async function buildChild(): Promise<{ args: (argv: string[]) => string[]; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-crash-child-'))
  const outfile = join(dir, 'child.mjs')
  const esbuild = await import('esbuild')
  await esbuild.build({
    entryPoints: [join(here, 'child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
    alias: { '@shared': join(ROOT, 'shared') },
    plugins: [
      {
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
  return { args: (argv) => [outfile, ...argv], cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

interface Lane {
  root: string
  dataDir: string
  random: () => number
  /** Coach numbers whose save was acknowledged, as the database must hold them. */
  expected: Set<number>
  inflightSave: number | null
  password: number
  inflightPassword: number | null
  backups: Map<string, { coaches: Set<number>; password: number }>
  inflightRestore: string | null
  /** The newest acknowledged backup of this office, for the next child to restore. */
  lastBackup: string | null
  next: number
  office: number
}

function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function newOffice(lane: Lane, stats: CrashStats) {
  lane.office += 1
  lane.dataDir = join(lane.root, `office-${lane.office}`)
  mkdirSync(lane.dataDir, { recursive: true })
  // Every other office is a schema-1 database from before sign-in: its first run is the upgrade, encrypting it.
  if (lane.office % 2 === 0) {
    copyFileSync(V1_FIXTURE, join(lane.dataDir, 'casebook.sqlite'))
    stats.upgrades += 1
  }
  stats.offices += 1
  lane.expected = new Set()
  lane.inflightSave = null
  lane.password = 0
  lane.inflightPassword = null
  lane.backups = new Map()
  lane.inflightRestore = null
  lane.lastBackup = null
}

/** Checks what a child found on opening against what the lane knows; answers what is wrong, or null. */
function check(lane: Lane, have: number[]): string | null {
  const found = new Set(have)
  const candidates: Set<number>[] = [lane.expected]
  if (lane.inflightRestore) candidates.push(lane.backups.get(lane.inflightRestore)!.coaches)
  for (const candidate of candidates) {
    const missing = [...candidate].filter((n) => !found.has(n))
    const extra = [...found].filter((n) => !candidate.has(n) && n !== lane.inflightSave)
    if (missing.length === 0 && extra.length === 0) return null
  }
  const missing = [...lane.expected].filter((n) => !found.has(n))
  return `expected ${lane.expected.size} coaches (in flight: save ${lane.inflightSave}, restore ${lane.inflightRestore}), found ${found.size}; missing ${missing.slice(0, 10).join(',')}`
}

function runChild(
  lane: Lane,
  args: (argv: string[]) => string[],
  seed: number,
  started: number,
  stats: CrashStats,
): Promise<void> {
  const whileOpening = lane.random() < 0.3
  const delay = Math.floor(lane.random() * (whileOpening ? 120 : 160))
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      args([
        lane.dataDir,
        String(lane.next),
        String(seed),
        String(lane.password),
        String(started),
        ...(lane.lastBackup ? [lane.lastBackup, String(lane.backups.get(lane.lastBackup)!.password)] : []),
      ]),
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CASEBOOK_SQLITE_DRIVER: nativeModule } },
    )
    let timer: NodeJS.Timeout | undefined
    let stderr = ''
    let buffer = ''
    let ready = false
    const killSoon = () => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), delay)
    }
    const problem = (text: string) => stats.problems.push(`office ${lane.office} (${lane.dataDir}): ${text}`)
    const onLine = (line: string) => {
      const [word, ...rest] = line.split(' ')
      const arg = rest.join(' ')
      switch (word) {
        case 'start':
          if (whileOpening) killSoon()
          break
        case 'setup':
          lane.password = 0
          lane.inflightPassword = null
          break
        case 'signed-in': {
          const index = Number(arg)
          const allowed = [lane.password, lane.inflightPassword]
          if (lane.inflightRestore) allowed.push(lane.backups.get(lane.inflightRestore)!.password)
          if (!allowed.includes(index)) problem(`signed in with password ${index}, expected ${lane.password}`)
          lane.password = index
          lane.inflightPassword = null
          break
        }
        case 'have': {
          const have = JSON.parse(arg) as number[]
          const wrong = check(lane, have)
          if (wrong) {
            stats.lost += Math.max(1, [...lane.expected].filter((n) => !have.includes(n)).length)
            problem(wrong)
          }
          lane.expected = new Set(have)
          lane.inflightSave = null
          lane.inflightRestore = null
          lane.next = Math.max(lane.next, ...have.map((n) => n + 1))
          break
        }
        case 'ready':
          ready = true
          if (!whileOpening) killSoon()
          break
        case 'saving':
          lane.inflightSave = Number(arg)
          lane.next = Number(arg) + 1
          break
        case 'saved':
          lane.expected.add(Number(arg))
          lane.inflightSave = null
          stats.acknowledgedSaves += 1
          break
        case 'changing':
          lane.inflightPassword = Number(arg)
          break
        case 'password':
          lane.password = Number(arg)
          lane.inflightPassword = null
          stats.passwordChanges += 1
          break
        case 'backup':
          lane.backups.set(arg, { coaches: new Set(lane.expected), password: lane.password })
          lane.lastBackup = arg
          stats.backups += 1
          break
        case 'restoring':
          lane.inflightRestore = arg
          break
        case 'restored': {
          const backup = lane.backups.get(arg)!
          lane.expected = new Set(backup.coaches)
          lane.password = backup.password
          lane.inflightRestore = null
          stats.restores += 1
          break
        }
        case 'unavailable':
        case 'cannot-sign-in':
          stats.failedOpens += 1
          problem(`${word} ${arg}`)
          break
        default:
          if (line !== '') problem(`child said: ${line}`)
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
    child.stderr.on('data', (chunk: string) => (stderr += chunk))
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 20_000)
    child.on('error', reject)
    child.on('close', (_code, signal) => {
      clearTimeout(watchdog)
      if (timer) clearTimeout(timer)
      const killed = signal === 'SIGKILL' && timer !== undefined
      stats.cycles += 1
      if (killed) {
        stats.kills += 1
        if (ready) stats.killedWhileWorking += 1
        else stats.killedWhileOpening += 1
      } else if (!stats.problems.some((p) => p.includes(lane.dataDir))) {
        stats.problems.push(
          `office ${lane.office}: the child ended by itself (${signal ?? 'exit'}): ${stderr.slice(0, 500)}`,
        )
      }
      resolvePromise()
    })
  })
}

/** Runs `cycles` kills over `lanes` lanes side by side; answers the figures. Never throws for a failed check. */
export async function runCrash(options: { cycles: number; lanes?: number; seed?: number }): Promise<CrashStats> {
  const lanes = options.lanes ?? 2
  const seed = options.seed ?? 20261122
  const started = Date.now()
  const stats: CrashStats = {
    cycles: 0,
    kills: 0,
    killedWhileOpening: 0,
    killedWhileWorking: 0,
    offices: 0,
    upgrades: 0,
    acknowledgedSaves: 0,
    passwordChanges: 0,
    backups: 0,
    restores: 0,
    lost: 0,
    failedOpens: 0,
    problems: [],
    seconds: 0,
  }
  const child = await buildChild()
  const roots: string[] = []
  try {
    await Promise.all(
      Array.from({ length: lanes }, async (_, index) => {
        const root = mkdtempSync(join(tmpdir(), `casebook-crash-lane-${index}-`))
        roots.push(root)
        const lane: Lane = {
          root,
          dataDir: '',
          random: prng(seed + index * 7919),
          expected: new Set(),
          inflightSave: null,
          password: 0,
          inflightPassword: null,
          backups: new Map(),
          inflightRestore: null,
          lastBackup: null,
          next: 1,
          office: index * 100_000,
        }
        const share = Math.floor(options.cycles / lanes) + (index < options.cycles % lanes ? 1 : 0)
        for (let cycle = 0; cycle < share; cycle++) {
          if (cycle % OFFICE_EVERY === 0) {
            rmSync(lane.dataDir || join(root, 'none'), { recursive: true, force: true })
            newOffice(lane, stats)
          }
          await runChild(lane, child.args, seed + index * 100_003 + cycle, started, stats)
          if (stats.problems.length > 20) break
        }
      }),
    )
  } finally {
    child.cleanup()
    for (const root of roots) rmSync(root, { recursive: true, force: true })
  }
  stats.seconds = Math.round((Date.now() - started) / 100) / 10
  return stats
}
