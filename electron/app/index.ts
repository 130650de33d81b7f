import { join } from 'node:path'
import { mkdirSync } from 'node:fs'
import { systemClock, type Clock } from './clock'
import type { Logger } from './context'
import { openDatabase, type OpenedDatabase } from './db/open'
import { createRouter, type Router } from './router'
import { buildRoutes } from './routes'

export const DATABASE_FILE_NAME = 'casebook.sqlite'

export interface AppCore {
  router: Router
  database: OpenedDatabase
  databaseFile: string
  close(): Promise<void>
}

export interface StartOptions {
  dataDir: string
  transport: 'electron' | 'http'
  appVersion: string
  clock?: Clock
  log?: Logger
}

export const consoleLogger: Logger = {
  error: (message, detail) => console.error(`[casebook] ${message}`, detail ?? ''),
}

/** Opens the data folder's database and builds the router both transports serve. Plain Node: no Electron here. */
export function startAppCore(options: StartOptions): AppCore {
  mkdirSync(options.dataDir, { recursive: true })
  const databaseFile = join(options.dataDir, DATABASE_FILE_NAME)
  const database = openDatabase(databaseFile)
  const sqliteVersion = (database.sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v
  const router = createRouter(
    { db: database.db, clock: options.clock ?? systemClock, log: options.log ?? consoleLogger },
    buildRoutes({
      appVersion: options.appVersion,
      sqliteVersion,
      schemaVersion: database.schemaVersion,
      transport: options.transport,
    }),
  )
  return { router, database, databaseFile, close: () => database.close() }
}
