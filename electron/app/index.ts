import { join } from 'node:path'
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { systemClock, type Clock } from './clock'
import type { Logger } from './context'
import { createRouter, type Router } from './router'
import { buildRoutes } from './routes'
import { Auth } from './auth/auth.service'
import { KeyFileQueue } from './auth/queue'
import { AutoLock } from './settings/settings.service'
import { PASSWORD_KDF, type KdfParams } from './auth/keyring'
import { SessionStore } from './auth/sessions'
import { Vault } from './vault'
import { Backups, finishInterruptedRestore } from './backups/backups.service'
import { FOLDER_MODE } from './db/open'

export const DATABASE_FILE_NAME = 'casebook.sqlite'

export interface AppCore {
  router: Router
  vault: Vault
  auth: Auth
  backups: Backups
  databaseFile: string
  /** A window or browser page is gone: its session ends, and what no one needs open closes. */
  endClient(client: string): Promise<void>
  close(): Promise<void>
}

export interface StartOptions {
  dataDir: string
  transport: 'electron' | 'http'
  appVersion: string
  clock?: Clock
  log?: Logger
  /** Password hashing cost. Only tests lower it, to keep hundreds of sign-ins fast; the app always uses the default. */
  passwordKdf?: KdfParams
}

export const consoleLogger: Logger = {
  error: (message, detail) => console.error(`[casebook] ${message}`, detail ?? ''),
}

/**
 * Builds the router both transports serve over the data folder. The database stays closed until someone signs in:
 * its key is unwrapped from the key file by a password. Plain Node: no Electron here.
 */
export function startAppCore(options: StartOptions): AppCore {
  ownerOnlyFolder(options.dataDir)
  const releaseLock = lockDataFolder(options.dataDir)
  const databaseFile = join(options.dataDir, DATABASE_FILE_NAME)
  const clock = options.clock ?? systemClock
  const log = options.log ?? consoleLogger
  const vault = new Vault(databaseFile)
  const interrupted = finishInterruptedRestore(vault)
  if (interrupted === 'refused') {
    log.error('A restore marker named files outside the data folder, or was damaged; it was set aside, not followed.')
  } else if (interrupted !== 'none') log.error(`A restore was cut off at the last start; it was ${interrupted}.`)
  const queue = new KeyFileQueue()
  const auth = new Auth(
    vault,
    new SessionStore(),
    clock,
    options.passwordKdf ?? PASSWORD_KDF,
    new AutoLock(),
    queue,
    log,
  )
  const backups = new Backups(vault, auth, clock, options.appVersion)
  auth.latestBackup = () => backups.automatic()[0] ?? null
  auth.afterSignIn = () => backups.automaticIfDue()
  auth.onBackgroundError = (error) =>
    log.error('The automatic backup failed', (error as { code?: string })?.code ?? (error as Error)?.name)
  const router = createRouter(
    {
      vault,
      clock,
      log,
      sessionFor: (client) => auth.sessionFor(client),
      exclusive: (work, checksPassword) => queue.run(work, { checksPassword }),
      beforeCall: () => auth.sweep(),
      afterCall: () => auth.reconcile(),
    },
    buildRoutes({
      appVersion: options.appVersion,
      sqliteVersion: sqliteLibraryVersion(),
      transport: options.transport,
      auth,
      backups,
    }),
  )
  // Idle sessions lock, and what no one needs open closes, even while nobody calls.
  // The audit seal follows the head in the same beat (see audit/seal.ts), in the key-file queue so a detach waits.
  const sweeper = setInterval(() => {
    auth.reconcile().catch((error) => log.error('Closing what no one needs open failed', (error as Error)?.name))
    void queue.run(() => auth.sealNow())
  }, SWEEP_EVERY_MS)
  sweeper.unref()
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    clearInterval(sweeper)
    try {
      await queue.run(() => vault.close())
    } finally {
      releaseLock()
    }
  }
  const endClient = async (client: string) => {
    auth.sessions.end(client)
    await auth.reconcile()
  }
  return { router, vault, auth, backups, databaseFile, endClient, close }
}

const SWEEP_EVERY_MS = 30_000

/** The data folder owner-only (0700) where the system has such modes; created if missing. */
function ownerOnlyFolder(dir: string) {
  mkdirSync(dir, { recursive: true, mode: FOLDER_MODE })
  try {
    chmodSync(dir, FOLDER_MODE)
  } catch {
    // Not supported here (Windows): the folder keeps the permissions the system gives it.
  }
}

export const LOCK_FILE_NAME = 'casebook.lock'

/**
 * One app at a time per data folder: two (the desktop app and browser mode, say) would each keep their own copy of
 * the key file and overwrite the other's changes. A lock left by a process that no longer runs is taken over.
 */
function lockDataFolder(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE_NAME)
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex') })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx', mode: 0o600 })
      return () => {
        try {
          if (readFileSync(file, 'utf8') === mine) rmSync(file)
        } catch {
          // Already gone.
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = readLockHolder(file)
      if (holder && holder.host === hostname() && isRunning(holder.pid)) {
        throw new DataFolderInUseError(
          `The data folder ${dataDir} is already open in another copy of RCO Casebook (process ${holder.pid}). Close that one first.`,
        )
      }
      // Left by a process that ended without cleaning up (a crash): take it over.
      rmSync(file, { force: true })
    }
  }
  throw new DataFolderInUseError(`The data folder ${dataDir} could not be locked for this copy of the app.`)
}

export class DataFolderInUseError extends Error {
  override name = 'DataFolderInUseError'
}

function readLockHolder(file: string): { pid: number; host: string } | null {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; host?: unknown }
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host } : null
  } catch {
    return null
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function sqliteLibraryVersion(): string {
  const memory = new Sqlite(':memory:')
  try {
    return memory.prepare('SELECT sqlite_version()').pluck().get() as string
  } finally {
    memory.close()
  }
}
