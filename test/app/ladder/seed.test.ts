import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS, seedDemo } from '../../../electron/app/seed/demo'
import { clientOf, startTestApp } from '../helpers'

describe('the demo seed of the ladder', () => {
  it('holds a catalogue, the RCP as CCAR describes it, and coaches at every point of their progress', async () => {
    const app = await startTestApp({ setup: false })
    await seedDemo(app.core.router)
    const supervisor = clientOf(app.core, 'check')
    await supervisor.call('auth.signIn', {
      username: DEMO_ACCOUNTS.supervisor.username,
      password: DEMO_ACCOUNTS.supervisor.password,
    })
    const trainings = await supervisor.call('trainings.list', {})
    expect(trainings.length).toBe(8)
    expect(trainings.filter((t) => t.approved)).toHaveLength(7)
    const rcp = (await supervisor.call('requirements.list', {})).find((s) => s.stage === 'rcp')!
    expect(rcp.requirements.map((r) => [r.kind, r.hoursNeeded])).toEqual([
      ['training_hours', 60],
      ['document_or_step', null],
      ['document_or_step', null],
      ['interview_or_signoff', null],
    ])
    const office = await supervisor.call('ladder.office', {})
    expect(office.stageCounts.filter((s) => s.count > 0).length).toBeGreaterThanOrEqual(4)
    expect(office.close.length).toBeGreaterThan(0)
    expect(office.hoursByQuarter.length).toBeGreaterThan(8)
    const coaches = await supervisor.call('coaches.list', { filter: 'current', limit: 100 })
    const shares = new Set<string>()
    for (const coach of coaches.items) {
      const page = await supervisor.call('ladder.coach', { coachId: coach.id })
      if (page.nextStage && page.hasRequirementSet) {
        shares.add(
          page.progress.missing.length === 0 ? 'ready' : page.progress.stepsDone > 0 ? 'on the way' : 'starting',
        )
      }
    }
    expect(shares.size).toBeGreaterThanOrEqual(2)
  })
})
