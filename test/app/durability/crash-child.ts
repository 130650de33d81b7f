/**
 * The process crash.test.ts kills. It opens the database with the app's own `openDatabase` (real migrations, WAL,
 * synchronous=FULL, the key when given) and commits transactions from crash-plan.ts in a loop until it is killed.
 *
 *   node --import tsx test/app/durability/crash-child.ts <file> [key-hex]
 *
 * (The test runs a bundle of this same file, built with esbuild at test time, because starting tsx costs ~0.6 s per
 * process against ~0.2 s for the bundle.)
 *
 * It reports on stdout, one line each, with a synchronous write to the pipe, so a line written before the kill has
 * reached the parent: `opening`, then `opened <counter>`, then `committed <seq>` after each commit returns. A commit
 * is reported only after it returned, so the database may hold one more transaction than was reported, never fewer.
 */
import { writeSync } from 'node:fs'
import { openDatabase } from '../../../electron/app/db/open'
import { counterOf, transactionWriter } from './crash-plan'

const [file, keyHex] = process.argv.slice(2)
if (!file) {
  process.stderr.write('usage: crash-child <database file> [key hex]\n')
  process.exit(2)
}

const say = (line: string) => writeSync(1, `${line}\n`)

say('opening')
const opened = openDatabase(file, keyHex ? { key: Buffer.from(keyHex, 'hex') } : {})
let seq = counterOf(opened.sqlite)
say(`opened ${seq}`)
const write = transactionWriter(opened.sqlite)
for (;;) {
  seq += 1
  write(seq)
  say(`committed ${seq}`)
}
