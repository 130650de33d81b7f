/**
 * `npx tsx --cpu-prof scripts/bench/profile-router.ts DIR`: the router path alone (a coach's page and the roster's first
 * page, many times), for a CPU profile of where its overhead goes. Not part of the benchmark.
 */
import { startAppCore } from '../../electron/app'
import { SEEDED_ACCOUNTS } from '../../electron/app/seed/decade'
import { callerFor } from './core'

const dataDir = process.argv[2] ?? 'bench-data'
const core = startAppCore({ dataDir, transport: 'http', appVersion: 'bench', log: { error: () => undefined } })
try {
  const call = callerFor(core, 'profile')
  const { username, password } = SEEDED_ACCOUNTS.supervisor
  await call('auth.signIn', { username, password })
  await core.vault.idle()
  const runs = Number(process.env.RUNS ?? 5000)
  for (const [channel, input] of [
    ['coaches.get', { id: 1 }],
    ['coaches.list', {}],
    ['audit.list', {}],
  ] as const) {
    const start = performance.now()
    for (let i = 0; i < runs; i++) await call(channel, input as never)
    console.log(`${channel}: ${((performance.now() - start) / runs).toFixed(3)} ms a call`)
  }
} finally {
  await core.close()
}
