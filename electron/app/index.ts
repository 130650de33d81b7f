import { join } from 'node:path'
import { mkdirSync } from 'node:fs'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { systemClock, type Clock } from './clock'
import type { Logger } from './context'
import { createRouter, type Router } from './router'
import { buildRoutes } from './routes'
import { Auth } from './auth/auth.service'
import { PASSWORD_KDF, type KdfParams } from './auth/keyring'
import { SessionStore } from './auth/sessions'
import { Vault } from './vault'
import { Backups, finishInterruptedRestore } from './backups/backups.service'

export const DATABASE_FILE_NAME = 'casebook.sqlite'

export interface AppCore {
  router: Router
  vault: Vault
  auth: Auth
  backups: Backups
  databaseFile: string
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
  mkdirSync(options.dataDir, { recursive: true })
  const databaseFile = join(options.dataDir, DATABASE_FILE_NAME)
  const clock = options.clock ?? systemClock
  const log = options.log ?? consoleLogger
  const vault = new Vault(databaseFile)
  const interrupted = finishInterruptedRestore(vault)
  if (interrupted !== 'none') log.error(`A restore was cut off at the last start; it was ${interrupted}.`)
  const auth = new Auth(vault, new SessionStore(), clock, options.passwordKdf ?? PASSWORD_KDF)
  const backups = new Backups(vault, auth, clock, options.appVersion)
  auth.latestBackup = () => backups.automatic()[0] ?? null
  auth.afterSignIn = () => backups.automaticIfDue()
  auth.onBackgroundError = (error) => log.error('The automatic backup failed', (error as { code?: string })?.code ?? (error as Error)?.name)
  const router = createRouter(
    { vault, clock, log, sessionFor: (client) => auth.sessionFor(client) },
    buildRoutes({ appVersion: options.appVersion, sqliteVersion: sqliteLibraryVersion(), transport: options.transport, auth, backups }),
  )
  return { router, vault, auth, backups, databaseFile, close: () => vault.close() }
}

function sqliteLibraryVersion(): string {
  const memory = new Sqlite(':memory:')
  try {
    return (memory.prepare('SELECT sqlite_version()').pluck().get() as string)
  } finally {
    memory.close()
  }
}
