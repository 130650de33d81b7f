import { describe, expect, it } from 'vitest'
import { coachInput, startTestApp, type TestApp } from '../helpers'
import { keep, RCP_REQUIREMENTS, saveSet, trainingInput } from './inputs'

/** An office with one coach at the training stage (started 2025-03-01), the RCP set, and two trainings. */
async function ladderOffice() {
  const app = await startTestApp()
  const coach = await app.call('coaches.create', coachInput({ careerStage: 'training', startDate: '2025-03-01' }))
  const set = await saveSet(app, 'rcp', RCP_REQUIREMENTS)
  const academy = await app.call('trainings.create', trainingInput({ name: 'Recovery Coach Academy', hours: 30 }))
  const ethics = await app.call('trainings.create', trainingInput({ name: 'Ethics', hours: 6, category: 'Ethics' }))
  const unapproved = await app.call(
    'trainings.create',
    trainingInput({ name: 'Lunch talk', hours: 1, approved: false }),
  )
  return { app, coach, set, academy, ethics, unapproved }
}

const attend = (app: TestApp, coachId: number, trainingId: number, attendedOn: string, hours: number, done = true) =>
  app.call('trainings.attend', { coachId, trainingId, attendedOn, hours, completed: done })

describe('requirements.save', () => {
  it('keeps the RCP set as data: hours in quarters, kinds and order', async () => {
    const { set } = await ladderOffice()
    expect(set).toMatchObject({ stage: 'rcp', version: 1 })
    expect(set.requirements.map((r) => [r.kind, r.label, r.hoursNeeded])).toEqual([
      ['training_hours', 'Approved training', 60],
      ['document_or_step', 'Resume submitted', null],
      ['document_or_step', 'Recovery account written', null],
      ['interview_or_signoff', 'Peer panel interview passed', null],
    ])
  })

  it('refuses a set with no requirement, bad hours and a changed kind, saving nothing', async () => {
    const { app, set } = await ladderOffice()
    const before = app.snapshot()
    const none = await app.callError(
      'requirements.save',
      { stage: 'rcp', expectedVersion: 1, requirements: [] },
      'invalid_input',
    )
    expect(none.fields).toHaveProperty('requirements')
    for (const hours of [-5, 0, 10.1, 3000]) {
      const bad = await app.callError(
        'requirements.save',
        { stage: 'rcp', expectedVersion: 1, requirements: [{ kind: 'training_hours', label: 'Hours', hours }] },
        'invalid_input',
      )
      expect(bad.fields).toHaveProperty(['requirements.0.hours'])
    }
    const kind = await app.callError(
      'requirements.save',
      {
        stage: 'rcp',
        expectedVersion: 1,
        requirements: [{ id: set.requirements[1]!.id, kind: 'interview_or_signoff', label: 'Resume submitted' }],
      },
      'invalid_input',
    )
    expect(kind.fields).toHaveProperty(['requirements.0.kind'])
    await app.callError(
      'requirements.save',
      { stage: 'receiving_support', expectedVersion: 0, requirements: RCP_REQUIREMENTS },
      'invalid_input',
    )
    expect(app.snapshot()).toEqual(before)
  })

  it('tells the second of two editors of the same set, saving nothing of theirs', async () => {
    const { app, set } = await ladderOffice()
    const other = await app.signInAs('supervisor')
    await other.call('requirements.save', {
      stage: 'rcp',
      expectedVersion: set.version,
      requirements: [...keep(set), { kind: 'document_or_step', label: 'Two references' }],
    })
    const before = app.snapshot()
    await app.callError(
      'requirements.save',
      { stage: 'rcp', expectedVersion: set.version, requirements: keep(set).slice(0, 2) },
      'conflict',
    )
    expect(app.snapshot()).toEqual(before)
  })

  it('lets only supervisors keep the sets', async () => {
    const { app } = await ladderOffice()
    const coordinator = await app.signInAs('coordinator')
    const before = app.snapshot()
    await coordinator.callError(
      'requirements.save',
      { stage: 'rcp', expectedVersion: 1, requirements: RCP_REQUIREMENTS },
      'forbidden',
    )
    expect(app.snapshot()).toEqual(before)
    expect(await coordinator.call('requirements.list', {})).toHaveLength(4)
  })
})

describe('ladder.coach: progress toward the next stage', () => {
  it('adds approved, completed hours, capped per requirement, and counts steps', async () => {
    const { app, coach, set, academy, ethics, unapproved } = await ladderOffice()
    await attend(app, coach.id, academy.id, '2025-04-01', 7.5)
    await attend(app, coach.id, academy.id, '2025-04-02', 7.25)
    await attend(app, coach.id, ethics.id, '2025-05-01', 6)
    await attend(app, coach.id, academy.id, '2025-05-02', 8, false) // not completed: not counted
    await attend(app, coach.id, unapproved.id, '2025-05-03', 1) // not approved: not counted
    await app.call('ladder.recordStep', {
      coachId: coach.id,
      requirementId: set.requirements[1]!.id,
      completedOn: '2025-06-01',
    })
    const page = await app.call('ladder.coach', { coachId: coach.id })
    expect(page.nextStage).toBe('rcp')
    expect(page.progress).toEqual({
      hoursDone: 20.75,
      hoursNeeded: 60,
      stepsDone: 1,
      stepsNeeded: 3,
      missing: ['Approved training: 39.25 more hours', 'Recovery account written', 'Peer panel interview passed'],
    })
    expect(page.requirements[1]).toMatchObject({
      done: true,
      completedOn: '2025-06-01',
      confirmedByName: 'Pat Supervisor',
    })
    expect(page.attendances).toHaveLength(5)
    expect(page.totalHours).toBe(21.75)
  })

  it('counts a category requirement only from trainings of that category', async () => {
    const { app, coach, set, academy, ethics } = await ladderOffice()
    const saved = await saveSet(app, 'rcp', [
      ...keep(set),
      { kind: 'training_hours', label: 'Ethics hours', hours: 10, category: 'ethics' },
    ])
    expect(saved.version).toBe(2)
    await attend(app, coach.id, academy.id, '2025-04-01', 8)
    await attend(app, coach.id, ethics.id, '2025-05-01', 6)
    const page = await app.call('ladder.coach', { coachId: coach.id })
    expect(page.requirements.map((r) => [r.label, r.hoursDone])).toContainEqual(['Ethics hours', 6])
    expect(page.requirements[0]!.hoursDone).toBe(14)
    expect(page.progress).toMatchObject({ hoursDone: 20, hoursNeeded: 70 })
  })

  it('keeps a completed step in the history when its requirement is retired, and counts the new set', async () => {
    const { app, coach, set } = await ladderOffice()
    const resume = set.requirements[1]!
    await app.call('ladder.recordStep', { coachId: coach.id, requirementId: resume.id, completedOn: '2025-06-01' })
    const changed = await saveSet(app, 'rcp', [
      ...keep(set).filter((r) => r.id !== resume.id),
      { kind: 'document_or_step', label: 'Portfolio' },
    ])
    expect(changed.requirements.find((r) => r.id === resume.id)?.retiredAt).not.toBeNull()
    const page = await app.call('ladder.coach', { coachId: coach.id })
    expect(page.requirements.map((r) => r.label)).toEqual([
      'Approved training',
      'Recovery account written',
      'Peer panel interview passed',
      'Portfolio',
    ])
    expect(page.progress.stepsDone).toBe(0)
    expect(page.completedSteps).toEqual([
      expect.objectContaining({ label: 'Resume submitted', retired: true, completedOn: '2025-06-01', stage: 'rcp' }),
    ])
    // A retired requirement takes no new completions.
    await app.callError(
      'ladder.recordStep',
      { coachId: coach.id, requirementId: resume.id, completedOn: '2025-06-02' },
      'invalid_input',
    )
  })

  it("shows a coach their own page, and refuses another coach's, recording only the staff's reads", async () => {
    const { app, coach } = await ladderOffice()
    const other = await app.call('coaches.create', coachInput({ legalName: 'Other Secretname' }))
    const client = await app.signInAs('coach', { coachId: coach.id })
    const before = app.snapshot()['audit_events']!.length
    const own = await client.call('ladder.coach', { coachId: coach.id })
    expect(own.coach.id).toBe(coach.id)
    expect(app.snapshot()['audit_events']!.length).toBe(before)
    const refused = await client.callError('ladder.coach', { coachId: other.id }, 'forbidden')
    expect(JSON.stringify(refused)).not.toContain('Secretname')
    await client.callError('ladder.coach', { coachId: 98765 }, 'forbidden')
    const coordinator = await app.signInAs('coordinator')
    await coordinator.call('ladder.coach', { coachId: coach.id })
    const reads = app.snapshot()['audit_events']!.filter((e) => e['action'] === 'read')
    expect(reads.at(-1)).toMatchObject({ record_type: 'coach', record_id: coach.id })
  })
})

describe('trainings.attend', () => {
  it('refuses bad hours, a day over 24 hours, a date before the coach started or ahead, saving nothing', async () => {
    const { app, coach, academy, ethics } = await ladderOffice()
    await attend(app, coach.id, academy.id, '2025-04-01', 20)
    const before = app.snapshot()
    const base = { coachId: coach.id, trainingId: academy.id, attendedOn: '2025-04-02', completed: true }
    for (const hours of [-1, 0, 1.1, 25]) {
      const bad = await app.callError('trainings.attend', { ...base, hours }, 'invalid_input')
      expect(bad.fields).toHaveProperty('hours')
    }
    const day = await app.callError(
      'trainings.attend',
      { ...base, attendedOn: '2025-04-01', hours: 4.25 },
      'invalid_input',
    )
    expect(day.fields?.['hours']).toMatch(/4 more hours/)
    const early = await app.callError(
      'trainings.attend',
      { ...base, attendedOn: '2025-02-28', hours: 2 },
      'invalid_input',
    )
    expect(early.fields?.['attendedOn']).toMatch(/before the coach started/)
    const ahead = await app.callError(
      'trainings.attend',
      { ...base, attendedOn: '2026-12-01', hours: 2 },
      'invalid_input',
    )
    expect(ahead.fields).toHaveProperty('attendedOn')
    const more = await app.callError('trainings.attend', { ...base, hours: 7, trainingId: ethics.id }, 'invalid_input')
    expect(more.fields).toHaveProperty('hours')
    await app.callError('trainings.attend', { ...base, trainingId: 999, hours: 2 }, 'not_found')
    expect(app.snapshot()).toEqual(before)
  })

  it('lets a coordinator record attendance but not change the catalogue', async () => {
    const { app, coach, academy } = await ladderOffice()
    const coordinator = await app.signInAs('coordinator')
    const saved = await coordinator.call('trainings.attend', {
      coachId: coach.id,
      trainingId: academy.id,
      attendedOn: '2025-04-01',
      hours: 6,
      completed: true,
    })
    expect(saved).toMatchObject({ hours: 6, trainingName: 'Recovery Coach Academy', recordedByName: 'coordinator 1' })
    await coordinator.callError('trainings.create', trainingInput({ name: 'Mine' }), 'forbidden')
  })
})

describe('ladder.advance', () => {
  it('refuses skipping a stage and asks for confirmation when something is missing, changing nothing', async () => {
    const { app, coach } = await ladderOffice()
    const before = app.snapshot()
    const skip = await app.callError(
      'ladder.advance',
      { coachId: coach.id, expectedVersion: coach.version, toStage: 'employment', changedOn: '2026-11-01' },
      'invalid_input',
    )
    expect(skip.fields).toHaveProperty('toStage')
    const missing = await app.callError(
      'ladder.advance',
      { coachId: coach.id, expectedVersion: coach.version, toStage: 'rcp', changedOn: '2026-11-01' },
      'invalid_input',
    )
    expect(missing.fields).toHaveProperty('confirmMissing')
    expect(missing.message).toContain('Approved training: 60 more hours')
    await app.callError(
      'ladder.advance',
      { coachId: coach.id, expectedVersion: coach.version + 1, toStage: 'rcp', changedOn: '2026-11-01' },
      'conflict',
    )
    expect(app.snapshot()).toEqual(before)
  })

  it("moves up through the roster's stage history, with confirmation, recording one stage event", async () => {
    const { app, coach } = await ladderOffice()
    const moved = await app.call('ladder.advance', {
      coachId: coach.id,
      expectedVersion: coach.version,
      toStage: 'rcp',
      changedOn: '2026-11-01',
      confirmMissing: true,
    })
    expect(moved.coach.careerStage).toBe('rcp')
    expect(moved.nextStage).toBe('employment')
    expect(moved.stageHistory[0]).toEqual({ stage: 'rcp', changedOn: '2026-11-01' })
    const roster = await app.call('coaches.get', { id: coach.id })
    expect(roster.careerStage).toBe('rcp')
    const events = app.snapshot()['audit_events']!.filter((e) => e['action'] === 'set_stage')
    expect(events).toHaveLength(1)
    expect(events[0]!['summary']).toMatch(/Training → Recovery Coach Professional \(RCP\) on 2026-11-01, confirmed/)
  })

  it('moves up without confirmation once everything is done', async () => {
    const { app, coach, set, academy } = await ladderOffice()
    for (const [i, day] of ['2025-04-01', '2025-04-02', '2025-04-03', '2025-04-04'].entries()) {
      await attend(app, coach.id, academy.id, day, i === 3 ? 15 : 15)
    }
    for (const r of set.requirements.slice(1)) {
      await app.call('ladder.recordStep', { coachId: coach.id, requirementId: r.id, completedOn: '2025-06-01' })
    }
    const ready = await app.call('ladder.coach', { coachId: coach.id })
    expect(ready.progress).toMatchObject({ hoursDone: 60, stepsDone: 3, missing: [] })
    const office = await app.call('ladder.office', {})
    expect(office.close).toEqual([expect.objectContaining({ coachId: coach.id, ready: true, stepsMissing: 0 })])
    const moved = await app.call('ladder.advance', {
      coachId: coach.id,
      expectedVersion: ready.coach.version,
      toStage: 'rcp',
      changedOn: '2026-11-01',
    })
    expect(moved.coach.careerStage).toBe('rcp')
  })
})

describe('ladder.office', () => {
  it('counts current coaches per stage, lists who is close, and sums hours per quarter', async () => {
    const { app, coach, set, academy, unapproved } = await ladderOffice()
    const far = await app.call('coaches.create', coachInput({ legalName: 'Far Away', careerStage: 'training' }))
    await app.call('coaches.create', coachInput({ legalName: 'Gone', careerStage: 'rcp', status: 'left' }))
    await attend(app, coach.id, academy.id, '2025-04-01', 24)
    await attend(app, coach.id, academy.id, '2025-04-02', 21) // 45 of 60: exactly 75%
    await attend(app, coach.id, unapproved.id, '2025-07-01', 1)
    await attend(app, far.id, academy.id, '2025-07-02', 10)
    await app.call('ladder.recordStep', {
      coachId: coach.id,
      requirementId: set.requirements[1]!.id,
      completedOn: '2025-06-01',
    })
    const notYet = await app.call('ladder.office', {})
    expect(notYet.close).toEqual([]) // two steps still missing
    await app.call('ladder.recordStep', {
      coachId: coach.id,
      requirementId: set.requirements[2]!.id,
      completedOn: '2025-06-01',
    })
    const office = await app.call('ladder.office', {})
    expect(office.stageCounts).toEqual([
      { stage: 'receiving_support', count: 0 },
      { stage: 'volunteering', count: 0 },
      { stage: 'training', count: 2 },
      { stage: 'rcp', count: 0 },
      { stage: 'employment', count: 0 },
    ])
    expect(office.close).toEqual([
      expect.objectContaining({ coachId: coach.id, hoursDone: 45, hoursNeeded: 60, stepsMissing: 1, ready: false }),
    ])
    expect(office.hoursByQuarter).toEqual([
      { quarter: '2025-Q2', approvedHours: 45, allHours: 45 },
      { quarter: '2025-Q3', approvedHours: 10, allHours: 11 },
    ])
  })
})

describe('trainings.update', () => {
  it('tells the second editor, and refuses bad hours, changing nothing', async () => {
    const { app, academy } = await ladderOffice()
    await app.call('trainings.update', { id: academy.id, expectedVersion: 1, fields: trainingInput({ hours: 32 }) })
    const before = app.snapshot()
    await app.callError(
      'trainings.update',
      { id: academy.id, expectedVersion: 1, fields: trainingInput({ hours: 31 }) },
      'conflict',
    )
    const bad = await app.callError(
      'trainings.update',
      { id: academy.id, expectedVersion: 2, fields: trainingInput({ hours: 2.3 }) },
      'invalid_input',
    )
    expect(bad.fields).toHaveProperty(['fields.hours'])
    expect(app.snapshot()).toEqual(before)
  })
})
