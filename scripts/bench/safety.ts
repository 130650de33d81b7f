/**
 * Data safety's figures (issue 15): what the recovery before the first read-write open costs. An encrypted database
 * of `coaches` coaches is opened clean, then after a crash left a -wal (copied aside with the file, read frame by
 * frame, compared with the file alone), and an unencrypted one of the same size is encrypted into a new file (the
 * schema-1 upgrade). `benchSafety` answers the medians in milliseconds; run on its own it prints them:
 *
 *   npx tsx scripts/bench/safety.ts [--coaches 5000]
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { encryptFile, openDatabase } from '../../electron/app/db/open'

const KEY = Buffer.alloc(32, 7)

function insertCoaches(sqlite: ReturnType<typeof openDatabase>['sqlite'], from: number, count: number) {
  const insert = sqlite.prepare(`
    INSERT INTO coaches (id, legal_name, sort_name, start_date, status, employment, title, supervision_cadence_days,
      career_stage, created_at, updated_at, assigned_supervisor)
    VALUES (?, ?, ?, '2025-01-01', 'active', 'volunteer', 'ally', 14, 'training', '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z', ?)`)
  sqlite.transaction(() => {
    for (let id = from; id < from + count; id++) insert.run(id, `Coach ${id}`, `coach ${id}`, 's'.repeat(300))
  })()
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function timed(runs: number, work: () => Promise<void> | void): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await work()
    times.push(performance.now() - started)
  }
  return Math.round(median(times) * 10) / 10
}

export async function benchSafety(options: { coaches?: number; runs?: number } = {}) {
  const coaches = options.coaches ?? 5000
  const runs = options.runs ?? 5
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-safety-'))
  try {
    const clean = join(dir, 'clean.sqlite')
    const made = openDatabase(clean, { key: KEY })
    insertCoaches(made.sqlite, 1, coaches)
    await made.close()
    const cleanOpen = await timed(runs, async () => {
      await openDatabase(clean, { key: KEY }).close()
    })

    // The files as a crash leaves them: 200 commits of one coach each in the -wal, none checkpointed.
    const crashed = join(dir, 'crashed.sqlite')
    copyFileSync(clean, crashed)
    const writer = openDatabase(crashed, { key: KEY })
    writer.sqlite.pragma('wal_autocheckpoint = 0')
    for (let i = 0; i < 200; i++) insertCoaches(writer.sqlite, coaches + 1 + i, 1)
    const crashFiles = join(dir, 'crash-state')
    copyFileSync(crashed, crashFiles)
    copyFileSync(`${crashed}-wal`, `${crashFiles}-wal`)
    writer.sqlite.close()
    const afterCrash = await timed(runs, async () => {
      const target = join(dir, `after-crash.sqlite`)
      for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true })
      copyFileSync(crashFiles, target)
      copyFileSync(`${crashFiles}-wal`, `${target}-wal`)
      await openDatabase(target, { key: KEY }).close()
    })

    const plain = join(dir, 'plain.sqlite')
    const plainMade = openDatabase(plain)
    insertCoaches(plainMade.sqlite, 1, coaches)
    await plainMade.close()
    const upgrade = await timed(runs, () => {
      const target = join(dir, 'upgrade.sqlite')
      for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true })
      copyFileSync(plain, target)
      encryptFile(target, KEY)
    })
    return {
      coaches,
      'open, clean (ms)': cleanOpen,
      'open after a crash, with the -wal copied aside and checked (ms)': afterCrash,
      'schema-1 upgrade: encrypt into a new file and rename (ms)': upgrade,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { coaches: { type: 'string' } } })
  console.log(await benchSafety({ coaches: values.coaches ? Number(values.coaches) : 5000 }))
}
