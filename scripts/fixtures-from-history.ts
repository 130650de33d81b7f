/**
 * Where each upgrade fixture came from, checked: for every schema version N, the commit that added
 * test/fixtures/db/vN.sqlite must be one at which N was the newest migration (so the fixture was made by the code
 * that shipped that schema, not by a later script), and that commit's own make-fixtures.ts, run again in a temporary
 * worktree (`git worktree add --detach`), must write the same rows as the committed vN.expected.json. Prints one line
 * per version; writes nothing in this worktree (test/fixtures/db/PROVENANCE.md holds the last run's answer).
 *
 *   npx tsx scripts/fixtures-from-history.ts
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import { LATEST_SCHEMA_VERSION } from '../electron/app/db/migrations'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const git = (...args: string[]) => execFileSync('git', ['-C', ROOT, ...args], { encoding: 'utf8' }).trim()

interface Expected {
  tables: Record<string, unknown[]>
}

/** Every row of every table (but SQLite's own), as make-fixtures.ts records them. */
function rowsOf(file: string): Record<string, unknown[]> {
  const sqlite = new Sqlite(file, { readonly: true })
  try {
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[]
    return Object.fromEntries(tables.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]))
  } finally {
    sqlite.close()
  }
}

const results: string[] = []
let failed = false
for (let version = 1; version <= LATEST_SCHEMA_VERSION; version++) {
  const fixture = `test/fixtures/db/v${version}.sqlite`
  const commit = git('log', '--format=%H', '--', fixture).split('\n').at(-1)!
  const short = commit.slice(0, 7)
  const migrations = git('ls-tree', '--name-only', `${commit}:electron/app/db/migrations`)
    .split('\n')
    .filter((name) => /^\d{3}_.*\.ts$/.test(name)).length
  const dir = mkdtempSync(join(tmpdir(), `casebook-fixture-v${version}-`))
  let verdict: string
  try {
    git('worktree', 'add', '--detach', dir, commit)
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
    // That commit's fixtures are removed in the temporary worktree only, so its script writes them all anew.
    rmSync(join(dir, 'test/fixtures/db'), { recursive: true, force: true })
    execFileSync('npx', ['tsx', 'test/fixtures/make-fixtures.ts'], { cwd: dir, stdio: 'pipe' })
    const made = join(dir, `test/fixtures/db/v${version}.expected.json`)
    const madeFile = join(dir, `test/fixtures/db/v${version}.sqlite`)
    if (!existsSync(madeFile)) throw new Error(`its make-fixtures.ts does not make v${version}`)
    // The earliest script wrote no expected rows beside its (unencrypted) fixture: they are read from the file.
    const again = existsSync(made) ? (JSON.parse(readFileSync(made, 'utf8')) as Expected).tables : rowsOf(madeFile)
    const committed = (
      JSON.parse(readFileSync(join(ROOT, `test/fixtures/db/v${version}.expected.json`), 'utf8')) as Expected
    ).tables
    const same = JSON.stringify(again) === JSON.stringify(committed)
    const newest = migrations === version
    if (!same || !newest) failed = true
    verdict =
      `v${version}: made at ${short}, where the newest migration was ${migrations}` +
      `${newest ? ' (its own version)' : ' (NOT its own version)'}; remade there: ` +
      `${same ? 'the same rows' : 'DIFFERENT rows'}`
  } catch (error) {
    failed = true
    verdict = `v${version}: made at ${short}; could not be remade there: ${String((error as Error).message).split('\n')[0]}`
  } finally {
    try {
      git('worktree', 'remove', '--force', dir)
    } catch {
      rmSync(dir, { recursive: true, force: true })
      git('worktree', 'prune')
    }
  }
  results.push(verdict)
  console.log(verdict)
}
process.exit(failed ? 1 : 0)
