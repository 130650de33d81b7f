import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS, seedDemo } from '../../../electron/app/seed/demo'
import { seedBulkAssessments } from '../../../electron/app/seed/growth'
import { clientOf, coachInput, startTestApp, TODAY } from '../helpers'

describe('the growth demo seed', () => {
  it('gives every demo coach years of self and supervisor ratings, two amendments, a draft and some goals', async () => {
    const app = await startTestApp({ setup: false })
    const vault = app.core.vault
    // The database opens during the seed's own set-up, so it is read then.
    await seedDemo(app.core.router, {
      get db() {
        return vault.db
      },
      today: TODAY,
    })
    // The database closed when the seed signed out; it opens again for the next person to sign in.
    await app.call('auth.signIn', {
      username: DEMO_ACCOUNTS.supervisor.username,
      password: DEMO_ACCOUNTS.supervisor.password,
    })
    const db = app.snapshot()
    const assessments = db['assessments'] as Array<Record<string, unknown>>
    const coaches = db['coaches'] as Array<Record<string, unknown>>
    for (const coach of coaches) {
      const mine = assessments.filter((a) => a['coach_id'] === coach['id'])
      expect(mine.filter((a) => a['rater'] === 'self').length, String(coach['legal_name'])).toBeGreaterThan(0)
      expect(mine.filter((a) => a['rater'] === 'supervisor').length, String(coach['legal_name'])).toBeGreaterThan(0)
    }
    expect(assessments.length).toBeGreaterThan(150)
    expect(assessments.filter((a) => a['amends_id'] !== null)).toHaveLength(2)
    expect(assessments.filter((a) => a['status'] === 'draft')).toHaveLength(1)
    expect(assessments.some((a) => a['hope_own'] === null)).toBe(true)
    expect(assessments.every((a) => String(a['assessed_on']) <= TODAY)).toBe(true)
    expect((db['development_goals'] as unknown[]).length).toBeGreaterThanOrEqual(5)

    // The demo coach signs in to a living chart, and the seed's rows pass the contract on the way out.
    const coach = clientOf(app.core, 'coach')
    await coach.call('auth.signIn', { username: DEMO_ACCOUNTS.coach.username, password: DEMO_ACCOUNTS.coach.password })
    const me = (await coach.call('auth.status', {})) as { user?: { coachId: number | null } }
    const page = await coach.call('growth.coach', { coachId: me.user!.coachId! })
    expect(page.assessments.filter((a) => a.status === 'completed').length).toBeGreaterThan(20)
    expect(page.goals.length).toBe(3)
    const supervisor = clientOf(app.core, 'supervisor')
    await supervisor.call('auth.signIn', {
      username: DEMO_ACCOUNTS.supervisor.username,
      password: DEMO_ACCOUNTS.supervisor.password,
    })
    const view = await supervisor.call('growth.team', { scope: 'mine' })
    expect(view.quarters.length).toBeGreaterThan(8)
    expect(view.notAssessed.length).toBeGreaterThan(0)
    expect(app.log.entries).toEqual([])
  })
})

describe('the bulk rating generator', () => {
  it('writes the same rows for the same coaches and seed, each rating completed and in its coach’s span', async () => {
    const runs = []
    for (let run = 0; run < 2; run++) {
      const app = await startTestApp()
      const ids: number[] = []
      for (let i = 0; i < 3; i++) {
        ids.push((await app.call('coaches.create', coachInput({ legalName: `Bulk ${i}`, startDate: '2020-01-01' }))).id)
      }
      const result = await seedBulkAssessments(app.core.vault.db, ids, { endOn: TODAY, perCoach: 40, seed: 7 })
      const rows = app.snapshot()['assessments'] as Array<Record<string, unknown>>
      expect(rows).toHaveLength(result.assessments)
      expect(result.assessments).toBe(120 + result.amendments)
      expect(rows.every((r) => r['status'] === 'completed')).toBe(true)
      expect(rows.every((r) => String(r['assessed_on']) >= '2020-01-01' && String(r['assessed_on']) <= TODAY)).toBe(
        true,
      )
      const superseded = rows.filter((r) => r['superseded_by'] !== null)
      expect(superseded).toHaveLength(result.amendments)
      runs.push(rows)
      await app.close()
    }
    expect(runs[1]).toEqual(runs[0])
  })
})
