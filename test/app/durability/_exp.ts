import Sqlite from 'better-sqlite3-multiple-ciphers'
import { mkdtempSync, readFileSync, existsSync, statSync, copyFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { openDatabase } from '../../../electron/app/db/open'
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex').slice(0, 12)
const ls = (f: string) => ['', '-wal', '-shm'].map((s) => `${s||'main'}:${existsSync(f+s) ? statSync(f+s).size : '-'}`).join(' ')
function tryOpen(f: string) { try { openDatabase(f).close(); return 'opened' } catch (e: any) { return `${e.reason}: ${e.message}` } }

// A: foreign WAL db with a -wal holding committed frames (app crashed)
const dir = mkdtempSync(join(tmpdir(), 'exp-'))
const a = join(dir, 'a.sqlite')
{
  const s = new Sqlite(a); s.pragma('journal_mode=WAL'); s.pragma('application_id=42'); s.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)')
  s.pragma('wal_checkpoint(TRUNCATE)')
  s.exec('INSERT INTO t VALUES (2)')
  // simulate crash: copy files while open
  copyFileSync(a, a + '.c'); copyFileSync(a + '-wal', a + '.c-wal'); s.close()
}
const ac = a + '.c'
console.log('A before', sha(ac), ls(ac))
console.log('A', tryOpen(ac))
console.log('A after ', sha(ac), ls(ac))
