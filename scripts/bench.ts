/**
 * `npm run bench`: how fast the things people wait for are, on this machine, through the real router and a real
 * encrypted database. Figures only; nothing here passes or fails.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Channel, ChannelInput, ChannelOutput } from '@shared/api/contract'
import { startAppCore } from '../electron/app'

const COACHES = Number(process.env.BENCH_COACHES ?? 5000)
const dataDir = mkdtempSync(join(tmpdir(), 'casebook-bench-'))
const core = startAppCore({ dataDir, transport: 'http', appVersion: 'bench', log: { error: () => undefined } })
const client = 'bench'

async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await core.router.call(channel, input, client)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value as ChannelOutput<C>
}

async function time(label: string, runs: number, fn: (i: number) => Promise<unknown>) {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    await fn(i)
    samples.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  samples.sort((a, b) => a - b)
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(2)
  console.log(
    `${label.padEnd(44)} median ${pick(0.5).padStart(8)} ms   p90 ${pick(0.9).padStart(8)} ms   (${runs} runs)`,
  )
}

try {
  const password = 'bench-password-1'
  await time('first run (setup, scrypt N=2^17 x2)', 1, () =>
    call('auth.setup', {
      officeName: 'Bench',
      coachTitle: 'recovery_coach',
      username: 'bench.sup',
      displayName: 'Bench',
      password,
    }),
  )
  await time(`add a coach (to ${COACHES})`, COACHES, (i) =>
    call('coaches.create', {
      legalName: `Coach ${String(i).padStart(5, '0')} ${['Reyes', 'Okafor', 'Blake', 'Shah'][i % 4]}`,
      startDate: '2024-01-01',
      employment: 'part_time',
      title: 'recovery_coach',
      supervisionCadenceDays: 14,
      workSettings: ['community'],
      languages: ['English'],
      careerStage: 'training',
    }),
  )
  await time('roster: first page of 25, by name', 200, () => call('coaches.list', {}))
  let cursor: string | null = null
  await time('roster: next page of 25 (keyset)', 150, async () => {
    const page = await call('coaches.list', cursor ? { after: cursor } : {})
    cursor = page.nextCursor
  })
  await time('roster: find by name ("okafor")', 200, () => call('coaches.list', { search: 'okafor' }))
  await time('coach page', 200, (i) => call('coaches.get', { id: 1 + (i % COACHES) }))
  await time('audit log: first page of 50', 100, () => call('audit.list', {}))
  await call('auth.signOut', {})
  await time('sign in (scrypt N=2^17, r=8, p=1)', 5, async () => {
    await call('auth.signIn', { username: 'bench.sup', password })
    await call('auth.signOut', {})
  })
  await call('auth.signIn', { username: 'bench.sup', password })
  await time('back up now (VACUUM INTO + write)', 5, (i) =>
    call('backups.create', { path: join(dataDir, `b${i}.casebook-backup`) }),
  )
} finally {
  await core.close()
  rmSync(dataDir, { recursive: true, force: true })
}
