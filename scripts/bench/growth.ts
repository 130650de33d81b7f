/**
 * The growth feature's figures, through the real router on a real encrypted database: the growth page's calls for a
 * coach with ten years of quarterly ratings, and the team view over about 75,000 ratings (made by the bulk generator
 * the decade-scale seed uses). `npm run bench` calls `benchGrowth`; `npx tsx scripts/bench/growth.ts` runs it alone.
 * Figures only; nothing here passes or fails. Targets: a screen's channel p95 <= 5 ms, the team view <= 50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Channel, ChannelInput, ChannelOutput } from '@shared/api/contract'
import { startAppCore } from '../../electron/app'
import { seedBulkAssessments } from '../../electron/app/seed/growth'

export interface Figure {
  label: string
  runs: number
  medianMs: number
  p95Ms: number
}

export async function benchGrowth(
  options: { coaches?: number; perCoach?: number; print?: (line: string) => void } = {},
): Promise<Figure[]> {
  const coaches = options.coaches ?? 300
  const perCoach = options.perCoach ?? 250
  const print = options.print ?? ((line: string) => console.log(line))
  const dataDir = mkdtempSync(join(tmpdir(), 'casebook-bench-growth-'))
  const core = startAppCore({ dataDir, transport: 'http', appVersion: 'bench', log: { error: () => undefined } })
  const figures: Figure[] = []

  const callAs =
    (client: string) =>
    async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
      const result = await core.router.call(channel, input, client)
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
      return result.value as ChannelOutput<C>
    }
  const supervisor = callAs('bench-supervisor')
  const coach = callAs('bench-coach')

  async function time(label: string, runs: number, fn: (i: number) => Promise<unknown>) {
    for (let i = 0; i < Math.min(20, runs); i++) await fn(i) // warm the statement cache and the page cache
    const samples: number[] = []
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint()
      await fn(i)
      samples.push(Number(process.hrtime.bigint() - start) / 1e6)
    }
    samples.sort((a, b) => a - b)
    const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!
    const figure = { label, runs, medianMs: pick(0.5), p95Ms: pick(0.95) }
    figures.push(figure)
    print(
      `${label.padEnd(58)} median ${figure.medianMs.toFixed(2).padStart(7)} ms   p95 ${figure.p95Ms.toFixed(2).padStart(7)} ms   (${runs} runs)`,
    )
  }

  try {
    const password = 'bench-password-1'
    await supervisor('auth.setup', {
      officeName: 'Bench',
      coachTitle: 'recovery_coach',
      username: 'bench.sup',
      displayName: 'Bench Supervisor',
      password,
    })
    const coachFields = (i: number) => ({
      legalName: `Coach ${String(i).padStart(4, '0')}`,
      startDate: '2015-01-05',
      employment: 'part_time' as const,
      title: 'recovery_coach' as const,
      supervisionCadenceDays: 14,
      assignedSupervisor: i % 3 === 0 ? 'Bench Supervisor' : 'Another Supervisor',
      careerStage: 'employment' as const,
    })
    const ids: number[] = []
    for (let i = 0; i < coaches; i++) ids.push((await supervisor('coaches.create', coachFields(i))).id)
    const [own, ...rest] = ids
    await supervisor('accounts.create', {
      username: 'bench.coach',
      displayName: 'Bench Coach',
      role: 'coach',
      coachId: own!,
      password: `${password}-first`,
    })
    await coach('auth.signIn', { username: 'bench.coach', password: `${password}-first` })
    await coach('auth.changePassword', { currentPassword: `${password}-first`, newPassword: password })

    const today = new Date().toISOString().slice(0, 10)
    const db = core.vault.db
    // Ten years of quarterly ratings for the coach of the growth page: 40 self and 40 supervisor.
    await seedBulkAssessments(db, [own!], { endOn: today, perCoach: 80, years: 10, seed: 1 })
    const started = process.hrtime.bigint()
    const bulk = await seedBulkAssessments(db, rest, { endOn: today, perCoach, years: 10, seed: 2 })
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    print(`bulk generator: ${bulk.assessments} ratings over ${rest.length} coaches in ${seconds.toFixed(2)} s`)

    const page = await coach('growth.coach', { coachId: own! })
    print(`growth page of a coach with ${page.assessments.length} ratings (ten years, quarterly, self and supervisor)`)
    const ratingIds = page.assessments.map((a) => a.id)

    await time('growth page (growth.coach), the coach themself', 300, () => coach('growth.coach', { coachId: own! }))
    await time('growth page (growth.coach), a supervisor (read recorded)', 300, () =>
      supervisor('growth.coach', { coachId: own! }),
    )
    await time('an assessment (assessments.get), a supervisor', 300, (i) =>
      supervisor('assessments.get', { id: ratingIds[i % ratingIds.length]! }),
    )
    await time('report (growth.report), a supervisor', 200, () => supervisor('growth.report', { coachId: own! }))
    let draft = await coach('assessments.create', { coachId: own!, assessedOn: today })
    await time('draft autosave (assessments.update), the coach', 300, async (i) => {
      draft = await coach('assessments.update', {
        id: draft.id,
        expectedVersion: draft.version,
        fields: { assessedOn: today, scores: { hope: { practice: 1 + (i % 10) } } },
      })
    })
    await time('start and complete a rating, a supervisor', 100, async () => {
      const made = await supervisor('assessments.create', {
        coachId: rest[0]!,
        assessedOn: today,
        scores: { hope: { practice: 7, own: 6 } },
      })
      await supervisor('assessments.complete', { id: made.id, expectedVersion: made.version })
    })

    const team = await supervisor('growth.team', { scope: 'everyone' })
    print(
      `team view over ${core.vault.database!.sqlite.prepare('SELECT count(*) FROM assessments').pluck().get()} ratings: ${team.quarters.length} quarters, ${team.coachCount} coaches`,
    )
    await time('team view, everyone, supervisor ratings', 50, () => supervisor('growth.team', { scope: 'everyone' }))
    await time('team view, my coaches, supervisor ratings', 50, () => supervisor('growth.team', { scope: 'mine' }))
    await time('team view, everyone incl. former, self ratings', 50, () =>
      supervisor('growth.team', { scope: 'everyone', coaches: 'all', rater: 'self' }),
    )
    return figures
  } finally {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchGrowth()
