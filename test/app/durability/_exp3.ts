import Sqlite from 'better-sqlite3-multiple-ciphers'
import { mkdtempSync, readFileSync, existsSync, statSync, copyFileSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex').slice(0, 12)
const ls = (f: string) => ['', '-wal', '-shm', '-journal'].map((s) => `${s||'main'}:${existsSync(f+s) ? statSync(f+s).size : '-'}`).join(' ')
function ro(f: string) {
  let out = ''
  try { const s = new Sqlite(f, { readonly: true, fileMustExist: true }); s.pragma('locking_mode=EXCLUSIVE'); try { out = JSON.stringify([s.pragma('application_id', {simple:true}), s.prepare('select count(*) from sqlite_schema').pluck().get(), s.prepare("select count(*) from t").pluck().get(), s.pragma('quick_check', {simple:true})]) } catch (e: any) { out = 'ERR ' + e.code + ' ' + e.message } s.close() } catch (e: any) { out = 'OPENERR ' + e.code + ' ' + e.message }
  return out
}
const dir = mkdtempSync(join(tmpdir(), 'exp-'))
const a = join(dir, 'a.sqlite')
{
  const s = new Sqlite(a); s.pragma('journal_mode=WAL'); s.pragma('application_id=42'); s.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)')
  s.pragma('wal_checkpoint(TRUNCATE)')
  s.exec('INSERT INTO t VALUES (2)')
  copyFileSync(a, a + '.c'); copyFileSync(a + '-wal', a + '.c-wal'); 
  const s2 = new Sqlite(a); // keep open concurrently to test while another process has it
  console.log('concurrent', ro(a), ls(a))
  s2.close(); s.close()
}
for (const [name, f] of [['wal+pending', a + '.c'], ['wal, no side files', a]] as const) {
  const b = sha(f), l = ls(f)
  const r = ro(f)
  console.log(name, r, '|', b, l, '->', sha(f), ls(f))
}
