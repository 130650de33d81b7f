/**
 * The long crash run: `npm run crash -- --cycles 1000 [--lanes 2] [--seed N]`. Kills the app itself that many times
 * (scripts/crash/harness.ts says how and what is checked) and prints the figures; exits 1 if anything was lost or
 * failed to open. `npm test` runs the same harness for 100 kills (test/app/durability/app-crash.test.ts).
 */
import { runCrash } from './crash/harness'

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  if (index < 0) return fallback
  const value = Number(process.argv[index + 1])
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number`)
  return value
}

const cycles = option('cycles', 1000)
const stats = await runCrash({ cycles, lanes: option('lanes', 2), seed: option('seed', 20261122) })
const { problems, ...figures } = stats
console.log(JSON.stringify(figures, null, 2))
for (const problem of problems) console.log(`problem: ${problem}`)
process.exit(problems.length > 0 || stats.lost > 0 || stats.failedOpens > 0 ? 1 : 0)
