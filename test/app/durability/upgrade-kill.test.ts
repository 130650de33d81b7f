/**
 * A kill during each upgrade step: a copy of every committed fixture (schema 1 to the one before the latest) is opened
 * by the app's `openDatabase` in a child process, which migrates it to the latest schema and is SIGKILLed inside each
 * step in turn (its changes made, not yet committed). After each kill the file is at the version before that step,
 * sound, and the next open completes the upgrade with every row the fixture recorded. The schema-1 upgrade's encryption, which is not a
 * migration, is killed in recovery.test.ts and in the app crash test (app-crash.test.ts).
 */
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/app/db/open'
import { LATEST_SCHEMA_VERSION } from '../../../electron/app/db/migrations'
import type { ExpectedRows } from '../../fixtures/make-fixtures'
import { tempDir } from './support'

const here = dirname(fileURLToPath(import.meta.url))
const FIXTURES = join(here, '..', '..', 'fixtures', 'db')

/**
 * The child migrates the file with the app's own list of migrations, but step `killAt` kills the process itself once
 * its changes are made and before they commit: the moment a kill does the most harm inside that step.
 */
const CHILD = `
import { openDatabase } from ${JSON.stringify(join(here, '..', '..', '..', 'electron', 'app', 'db', 'open.ts'))}
import { MIGRATIONS } from ${JSON.stringify(join(here, '..', '..', '..', 'electron', 'app', 'db', 'migrations', 'index.ts'))}
const [file, killAtText, keyHex] = process.argv.slice(2)
const killAt = Number(killAtText)
const migrations = MIGRATIONS.map((m) => m.version !== killAt ? m : {
  ...m,
  sql: undefined,
  run(sqlite) {
    if (m.sql !== undefined) sqlite.exec(m.sql)
    else m.run(sqlite)
    process.kill(process.pid, 'SIGKILL')
  },
})
openDatabase(file, { migrations, ...(keyHex ? { key: Buffer.from(keyHex, 'hex') } : {}) })
`

let bundle: string
let bundleDir: string

beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'casebook-upgrade-kill-'))
  const source = join(bundleDir, 'child.ts')
  writeFileSync(source, CHILD)
  bundle = join(bundleDir, 'child.mjs')
  const esbuild = await import('esbuild')
  const nativeModule = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers')
  await esbuild.build({
    entryPoints: [source],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    alias: { '@shared': join(here, '..', '..', '..', 'shared') },
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
}, 60_000)

afterAll(() => rmSync(bundleDir, { recursive: true, force: true }))

/** Runs the child on `file` until step `killAt` kills it. */
function migrateAndKill(file: string, killAt: number, keyHex: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, file, String(killAt), ...(keyHex ? [keyHex] : [])], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the child was not killed in step ${killAt}: ${stderr}`))
      else resolve()
    })
  })
}

const VERSIONS = Array.from({ length: LATEST_SCHEMA_VERSION - 1 }, (_, i) => i + 1)

describe.each(VERSIONS)('killed during each upgrade step from schema %i', (version) => {
  it('is found at the version before the killed step, whole, and then upgrades with every row', async () => {
    const expected = JSON.parse(readFileSync(join(FIXTURES, `v${version}.expected.json`), 'utf8')) as ExpectedRows
    const keyFile = join(FIXTURES, `v${version}.key.txt`)
    const keyHex = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : undefined
    for (let step = version + 1; step <= LATEST_SCHEMA_VERSION; step++) {
      const file = join(tempDir(), 'casebook.sqlite')
      copyFileSync(join(FIXTURES, `v${version}.sqlite`), file)
      await migrateAndKill(file, step, keyHex)
      // The steps before it committed, the killed one left nothing (the -wal, if any, is read as the app will).
      const look = new Sqlite(file, { readonly: true })
      if (keyHex) look.pragma(`key = "x'${keyHex}'"`)
      expect(look.pragma('user_version', { simple: true }), `killed in step ${step}`).toBe(step - 1)
      expect(look.pragma('integrity_check', { simple: true })).toBe('ok')
      look.close()

      const opened = openDatabase(file, keyHex ? { key: Buffer.from(keyHex, 'hex') } : {})
      try {
        expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
        expect(opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
        for (const [table, rows] of Object.entries(expected.tables)) {
          const now = opened.sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all()
          expect(now.length, `${table} after a kill in step ${step}`).toBe(rows.length)
          rows.forEach((row, i) => expect(now[i]).toMatchObject(row as object))
        }
      } finally {
        await opened.close()
      }
    }
  }, 90_000)
})
