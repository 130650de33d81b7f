import { describe, expect, it } from 'vitest'
import type { Assessment } from '@shared/domain/growth'
import { assessmentInput, coachInput, startTestApp, type TestApp, type TestClient } from '../helpers'

/** An office with two coaches (one with an account), the supervisor who set it up, and a second supervisor. */
async function growthOffice() {
  const app = await startTestApp()
  const own = await app.call('coaches.create', coachInput({ legalName: 'Robin Own' }))
  const other = await app.call('coaches.create', coachInput({ legalName: 'Sasha Other', supervisorAccountId: null }))
  const coach = await app.signInAs('coach', { coachId: own.id })
  const secondSupervisor = await app.signInAs('supervisor')
  return { app, supervisor: app as TestClient, coach, secondSupervisor, ownId: own.id, otherId: other.id }
}

/** A completed assessment, made and completed by `client`. */
async function completed(client: TestClient, input: ReturnType<typeof assessmentInput>): Promise<Assessment> {
  const draft = await client.call('assessments.create', input)
  return client.call('assessments.complete', { id: draft.id, expectedVersion: draft.version })
}

/** Expects `invalid_input` naming `field`, and the database untouched. */
async function expectInvalid(app: TestApp, client: TestClient, channel: string, input: unknown, field: string) {
  const before = app.snapshot()
  const error = await client.callError(channel, input, 'invalid_input')
  expect(Object.keys(error.fields ?? {}), JSON.stringify(error)).toContain(field)
  expect(app.snapshot()).toEqual(before)
  return error
}

async function expectRefused(app: TestApp, client: TestClient, channel: string, input: unknown, code: string) {
  const before = app.snapshot()
  const error = await client.callError(channel, input, code as never)
  expect(app.snapshot()).toEqual(before)
  return error
}

/** The trail in the order it was written (a snapshot sorts rows by content). */
function auditRows(app: TestApp) {
  const rows = (app.snapshot()['audit_events'] ?? []) as Array<Record<string, unknown>>
  return rows.sort((a, b) => Number(a['id']) - Number(b['id']))
}

describe('assessments.create', () => {
  it("starts a coach's self-assessment as a draft of their own, blanks filled in, notes kept", async () => {
    const { coach, ownId } = await growthOffice()
    const draft = await coach.call('assessments.create', assessmentInput(ownId))
    expect(draft).toMatchObject({
      coachId: ownId,
      coachName: 'Robin Own',
      rater: 'self',
      raterName: 'coach 1',
      status: 'draft',
      version: 1,
      revision: 1,
      assessedOn: '2026-11-01',
      completedAt: null,
      mayEdit: true,
      mayAmend: false,
      overallNote: 'A steady quarter.',
      amendmentReason: null,
    })
    expect(draft.scores.personal).toEqual({ practice: 7, own: 6 })
    expect(draft.scores.meaning).toEqual({ practice: null, own: null })
    expect(draft.notes.hope).toBe('Carries hope into every first meeting.')
    expect(draft.notes.identity).toBeNull()
    expect(draft.history).toEqual([
      expect.objectContaining({ id: draft.id, revision: 1, reason: null, current: true, authorName: 'coach 1' }),
    ])
  })

  it("makes a supervisor's rating when a supervisor rates a coach", async () => {
    const { supervisor, otherId } = await growthOffice()
    const draft = await supervisor.call('assessments.create', assessmentInput(otherId, { scores: {} }))
    expect(draft).toMatchObject({ rater: 'supervisor', raterName: 'Pat Supervisor', status: 'draft' })
  })

  it.each([
    ['a score below 1', { hope: { practice: 0 } }, 'scores.hope.practice'],
    ['a score above 10', { hope: { own: 11 } }, 'scores.hope.own'],
    ['a score that is not whole', { meaning: { practice: 7.5 } }, 'scores.meaning.practice'],
    ['a score given as text', { social: { own: '7' } }, 'scores.social.own'],
    ['an unknown domain', { courage: { practice: 5 } }, 'scores.courage'],
    ['an unknown track', { hope: { clinical: 5 } }, 'scores.hope.clinical'],
  ])('refuses %s on its field, saving nothing', async (_what, scores, field) => {
    const { app, coach, ownId } = await growthOffice()
    const error = await expectInvalid(app, coach, 'assessments.create', { ...assessmentInput(ownId), scores }, field)
    expect(error.fields![field]!.length).toBeGreaterThan(0)
  })

  it('refuses a date in the future and one before the coach started, on the date field', async () => {
    const { app, coach, ownId } = await growthOffice()
    const future = await expectInvalid(
      app,
      coach,
      'assessments.create',
      assessmentInput(ownId, { assessedOn: '2026-11-23' }),
      'assessedOn',
    )
    expect(future.fields!['assessedOn']).toMatch(/after today/)
    const early = await expectInvalid(
      app,
      coach,
      'assessments.create',
      assessmentInput(ownId, { assessedOn: '2025-02-28' }),
      'assessedOn',
    )
    expect(early.fields!['assessedOn']).toMatch(/2025-03-01/)
    await expectInvalid(
      app,
      coach,
      'assessments.create',
      assessmentInput(ownId, { assessedOn: '2026-02-30' }),
      'assessedOn',
    )
    // Today itself is fine.
    await coach.call('assessments.create', assessmentInput(ownId, { assessedOn: '2026-11-22' }))
  })

  it('refuses a coach rating another coach, and a supervisor rating a coach who does not exist', async () => {
    const { app, coach, supervisor, otherId } = await growthOffice()
    await expectRefused(app, coach, 'assessments.create', assessmentInput(otherId), 'forbidden')
    await expectRefused(app, supervisor, 'assessments.create', assessmentInput(999), 'not_found')
  })

  it('records the start of the draft without any score or note in the trail', async () => {
    const { app, coach, ownId } = await growthOffice()
    const draft = await coach.call('assessments.create', assessmentInput(ownId))
    const event = auditRows(app).at(-1)!
    expect(event).toMatchObject({
      action: 'create',
      record_type: 'assessment',
      record_id: draft.id,
      account_id: coach.accountId,
      summary: 'Draft self-assessment started, dated 2026-11-01',
    })
  })
})

describe('assessments.update (the draft saving itself)', () => {
  it('saves the whole draft and counts up its version', async () => {
    const { coach, ownId } = await growthOffice()
    const draft = await coach.call('assessments.create', assessmentInput(ownId))
    const saved = await coach.call('assessments.update', {
      id: draft.id,
      expectedVersion: draft.version,
      fields: { assessedOn: '2026-11-02', scores: { hope: { practice: 9 } }, notes: { meaning: 'Evening class' } },
    })
    expect(saved.version).toBe(2)
    expect(saved.assessedOn).toBe('2026-11-02')
    expect(saved.scores.hope).toEqual({ practice: 9, own: null })
    expect(saved.scores.personal).toEqual({ practice: null, own: null })
    expect(saved.notes).toMatchObject({ meaning: 'Evening class', hope: null })
    expect(saved.overallNote).toBeNull()
  })

  it('tells the second of two windows saving the same draft, and keeps the first save', async () => {
    const { app, coach, ownId } = await growthOffice()
    const draft = await coach.call('assessments.create', assessmentInput(ownId))
    const secondWindow = app.clientFor('second-window')
    await secondWindow.call('auth.signIn', { username: 'coach.1', password: coach.password })
    const first = await coach.call('assessments.update', {
      id: draft.id,
      expectedVersion: 1,
      fields: { assessedOn: '2026-11-01', scores: { hope: { practice: 9 } } },
    })
    const error = await expectRefused(
      app,
      secondWindow,
      'assessments.update',
      { id: draft.id, expectedVersion: 1, fields: { assessedOn: '2026-11-01', scores: { hope: { practice: 2 } } } },
      'conflict',
    )
    expect(error.message).toMatch(/saved from somewhere else/)
    expect((await coach.call('assessments.get', { id: draft.id })).scores.hope.practice).toBe(
      first.scores.hope.practice,
    )
  })

  it("refuses another person saving someone else's draft, overwriting nothing", async () => {
    const { app, supervisor, secondSupervisor, otherId } = await growthOffice()
    const draft = await supervisor.call('assessments.create', assessmentInput(otherId))
    const error = await expectRefused(
      app,
      secondSupervisor,
      'assessments.update',
      { id: draft.id, expectedVersion: draft.version, fields: { assessedOn: '2026-11-01' } },
      'forbidden',
    )
    expect(error.message).toMatch(/person who started this draft/)
  })

  it('refuses editing a completed assessment: it is locked', async () => {
    const { app, coach, ownId } = await growthOffice()
    const done = await completed(coach, assessmentInput(ownId))
    const error = await expectRefused(
      app,
      coach,
      'assessments.update',
      { id: done.id, expectedVersion: done.version, fields: { assessedOn: '2026-11-01' } },
      'conflict',
    )
    expect(error.message).toMatch(/locked.*amendment/)
  })

  it('checks the date on its field and an unknown field as bad input', async () => {
    const { app, coach, ownId } = await growthOffice()
    const draft = await coach.call('assessments.create', assessmentInput(ownId))
    await expectInvalid(
      app,
      coach,
      'assessments.update',
      { id: draft.id, expectedVersion: 1, fields: { assessedOn: '2027-01-01' } },
      'fields.assessedOn',
    )
    await expectInvalid(
      app,
      coach,
      'assessments.update',
      { id: draft.id, expectedVersion: 1, fields: { assessedOn: '2026-11-01', rater: 'supervisor' } },
      'fields.rater',
    )
  })

  it('records which scores and notes changed in count only, never their values', async () => {
    const { app, coach, ownId } = await growthOffice()
    const draft = await coach.call('assessments.create', assessmentInput(ownId))
    await coach.call('assessments.update', {
      id: draft.id,
      expectedVersion: 1,
      fields: { ...assessmentFields(), scores: { personal: { practice: 7, own: 6 }, hope: { practice: 9, own: 5 } } },
    })
    expect(auditRows(app).at(-1)!['summary']).toBe('Draft saved: 1 score and 0 notes changed')
  })
})

describe('assessments.complete', () => {
  it('completes and locks the draft: shown as completed, no longer editable, amendable by its kind of rater', async () => {
    const { coach, ownId } = await growthOffice()
    const done = await completed(coach, assessmentInput(ownId))
    expect(done).toMatchObject({ status: 'completed', version: 2, mayEdit: false, mayAmend: true })
    expect(done.completedAt).toBe('2026-11-22T10:00:00.000Z')
  })

  it('refuses completing an assessment with no score at all, on the scores field', async () => {
    const { app, coach, ownId } = await growthOffice()
    const draft = await coach.call('assessments.create', assessmentInput(ownId, { scores: {} }))
    await expectInvalid(app, coach, 'assessments.complete', { id: draft.id, expectedVersion: 1 }, 'scores')
  })

  it("refuses completing someone else's draft", async () => {
    const { app, coach, supervisor, secondSupervisor, ownId, otherId } = await growthOffice()
    const selfDraft = await coach.call('assessments.create', assessmentInput(ownId))
    await expectRefused(app, supervisor, 'assessments.complete', { id: selfDraft.id, expectedVersion: 1 }, 'forbidden')
    const supervisorDraft = await supervisor.call('assessments.create', assessmentInput(otherId))
    await expectRefused(
      app,
      secondSupervisor,
      'assessments.complete',
      { id: supervisorDraft.id, expectedVersion: 1 },
      'forbidden',
    )
  })

  it('refuses completing from a stale window', async () => {
    const { app, coach, ownId } = await growthOffice()
    const draft = await coach.call('assessments.create', assessmentInput(ownId))
    await coach.call('assessments.update', { id: draft.id, expectedVersion: 1, fields: assessmentFields() })
    await expectRefused(app, coach, 'assessments.complete', { id: draft.id, expectedVersion: 1 }, 'conflict')
  })
})

/** The editable part of assessmentInput. */
function assessmentFields() {
  const { coachId: _coachId, ...fields } = assessmentInput(1)
  return fields
}

describe('a completed assessment is locked in the database itself', () => {
  it('refuses any change to its scores, notes or date, and its deletion, even in plain SQL', async () => {
    const { app, coach, ownId } = await growthOffice()
    const done = await completed(coach, assessmentInput(ownId))
    const sqlite = app.core.vault.database!.sqlite
    expect(() => sqlite.prepare('UPDATE assessments SET hope_practice = 1 WHERE id = ?').run(done.id)).toThrow(/locked/)
    expect(() => sqlite.prepare("UPDATE assessments SET domain_notes = '{}' WHERE id = ?").run(done.id)).toThrow(
      /locked/,
    )
    expect(() => sqlite.prepare("UPDATE assessments SET status = 'draft' WHERE id = ?").run(done.id)).toThrow(/locked/)
    expect(() => sqlite.prepare('DELETE FROM assessments WHERE id = ?').run(done.id)).toThrow(/kept/)
    expect(() => sqlite.prepare('UPDATE assessments SET hope_practice = 11 WHERE id = ?').run(done.id)).toThrow()
  })

  it('lets its one change, superseded_by, be set once and never again', async () => {
    const { app, coach, ownId } = await growthOffice()
    const done = await completed(coach, assessmentInput(ownId))
    const amended = await coach.call('assessments.amend', {
      id: done.id,
      reason: 'Typed hope into the wrong column',
      fields: assessmentFields(),
    })
    const sqlite = app.core.vault.database!.sqlite
    expect(() => sqlite.prepare('UPDATE assessments SET superseded_by = NULL WHERE id = ?').run(done.id)).toThrow(
      /superseded once/,
    )
    expect(() =>
      sqlite.prepare('UPDATE assessments SET superseded_by = ? WHERE id = ?').run(amended.id, amended.id),
    ).not.toThrow()
    expect(() =>
      sqlite.prepare('UPDATE assessments SET superseded_by = ? WHERE id = ?').run(done.id, amended.id),
    ).toThrow(/superseded once/)
  })

  it('refuses storing a score off the scale or a fraction in plain SQL', async () => {
    const { app, coach, ownId } = await growthOffice()
    const draft = await coach.call('assessments.create', assessmentInput(ownId))
    const sqlite = app.core.vault.database!.sqlite
    expect(() => sqlite.prepare('UPDATE assessments SET hope_own = 0 WHERE id = ?').run(draft.id)).toThrow(/CHECK/)
    expect(() => sqlite.prepare('UPDATE assessments SET hope_own = 7.5 WHERE id = ?').run(draft.id)).toThrow()
  })
})

describe('assessments.discard', () => {
  it('deletes a draft of the caller', async () => {
    const { app, coach, ownId } = await growthOffice()
    const draft = await coach.call('assessments.create', assessmentInput(ownId))
    expect(await coach.call('assessments.discard', { id: draft.id, expectedVersion: 1 })).toEqual({ id: draft.id })
    expect(app.snapshot()['assessments']).toEqual([])
    expect(auditRows(app).at(-1)).toMatchObject({
      action: 'discard',
      summary: 'Discarded the draft self-assessment dated 2026-11-01',
    })
  })

  it('refuses deleting a completed assessment', async () => {
    const { app, coach, ownId } = await growthOffice()
    const done = await completed(coach, assessmentInput(ownId))
    await expectRefused(app, coach, 'assessments.discard', { id: done.id, expectedVersion: done.version }, 'conflict')
  })
})

describe('assessments.amend', () => {
  it('keeps the original and adds a completed version saying who amended it, when and why', async () => {
    const { app, supervisor, secondSupervisor, otherId } = await growthOffice()
    const original = await completed(supervisor, assessmentInput(otherId))
    const amended = await secondSupervisor.call('assessments.amend', {
      id: original.id,
      reason: 'Hope (own) belonged to the practice column',
      fields: { ...assessmentFields(), scores: { hope: { practice: 5, own: 8 } } },
    })
    expect(amended).toMatchObject({
      status: 'completed',
      revision: 2,
      amendsId: original.id,
      supersededById: null,
      raterName: 'supervisor 2',
      rater: 'supervisor',
      amendmentReason: 'Hope (own) belonged to the practice column',
    })
    expect(amended.history.map((v) => [v.id, v.revision, v.authorName, v.reason, v.current])).toEqual([
      [original.id, 1, 'Pat Supervisor', null, false],
      [amended.id, 2, 'supervisor 2', 'Hope (own) belonged to the practice column', true],
    ])
    const kept = await supervisor.call('assessments.get', { id: original.id })
    expect(kept).toMatchObject({ supersededById: amended.id, mayAmend: false, scores: original.scores })
    // The page shows only the current version.
    const page = await supervisor.call('growth.coach', { coachId: otherId })
    expect(page.assessments.map((a) => a.id)).toEqual([amended.id])
    expect(app.snapshot()['assessments']).toHaveLength(2)
  })

  it('chains a second amendment to the first, and refuses amending a version already amended', async () => {
    const { app, coach, ownId } = await growthOffice()
    const original = await completed(coach, assessmentInput(ownId))
    const second = await coach.call('assessments.amend', { id: original.id, reason: 'One', fields: assessmentFields() })
    const third = await coach.call('assessments.amend', { id: second.id, reason: 'Two', fields: assessmentFields() })
    expect(third.history.map((v) => v.revision)).toEqual([1, 2, 3])
    expect(third.amendsId).toBe(second.id)
    const error = await expectRefused(
      app,
      coach,
      'assessments.amend',
      { id: original.id, reason: 'Three', fields: assessmentFields() },
      'conflict',
    )
    expect(error.message).toMatch(/already been amended/)
  })

  it('refuses an amendment without a reason, or of a draft', async () => {
    const { app, coach, ownId } = await growthOffice()
    const done = await completed(coach, assessmentInput(ownId))
    await expectInvalid(
      app,
      coach,
      'assessments.amend',
      { id: done.id, reason: '   ', fields: assessmentFields() },
      'reason',
    )
    await expectInvalid(app, coach, 'assessments.amend', { id: done.id, fields: assessmentFields() }, 'reason')
    const draft = await coach.call('assessments.create', assessmentInput(ownId))
    await expectRefused(
      app,
      coach,
      'assessments.amend',
      { id: draft.id, reason: 'x', fields: assessmentFields() },
      'conflict',
    )
  })

  it("lets only the rating kind amend: a coach their self-ratings, a supervisor the supervisors'", async () => {
    const { app, coach, supervisor, ownId } = await growthOffice()
    const self = await completed(coach, assessmentInput(ownId))
    const rating = await completed(supervisor, assessmentInput(ownId))
    await expectRefused(
      app,
      supervisor,
      'assessments.amend',
      { id: self.id, reason: 'x', fields: assessmentFields() },
      'forbidden',
    )
    await expectRefused(
      app,
      coach,
      'assessments.amend',
      { id: rating.id, reason: 'x', fields: assessmentFields() },
      'forbidden',
    )
  })
})

describe('who sees which assessment', () => {
  it("shows a coach their own drafts and a supervisor's ratings of them only once completed", async () => {
    const { app, coach, supervisor, ownId } = await growthOffice()
    const selfDraft = await coach.call('assessments.create', assessmentInput(ownId))
    const supervisorDraft = await supervisor.call(
      'assessments.create',
      assessmentInput(ownId, { assessedOn: '2026-11-05' }),
    )
    let page = await coach.call('growth.coach', { coachId: ownId })
    expect(page.assessments.map((a) => a.id)).toEqual([selfDraft.id])
    await expectRefused(app, coach, 'assessments.get', { id: supervisorDraft.id }, 'forbidden')

    await supervisor.call('assessments.complete', { id: supervisorDraft.id, expectedVersion: supervisorDraft.version })
    page = await coach.call('growth.coach', { coachId: ownId })
    expect(page.assessments.map((a) => [a.id, a.rater, a.status])).toEqual([
      [selfDraft.id, 'self', 'draft'],
      [supervisorDraft.id, 'supervisor', 'completed'],
    ])
    const seen = await coach.call('assessments.get', { id: supervisorDraft.id })
    expect(seen).toMatchObject({ mayEdit: false, mayAmend: false })
    expect(seen.notes.hope).toBe('Carries hope into every first meeting.')
  })

  it('shows a supervisor everything, drafts included', async () => {
    const { coach, supervisor, secondSupervisor, ownId } = await growthOffice()
    await coach.call('assessments.create', assessmentInput(ownId))
    await secondSupervisor.call('assessments.create', assessmentInput(ownId))
    const page = await supervisor.call('growth.coach', { coachId: ownId })
    expect(page.assessments.map((a) => [a.rater, a.status, a.mayEdit])).toEqual([
      ['self', 'draft', false],
      ['supervisor', 'draft', false],
    ])
    expect(page.viewerRater).toBe('supervisor')
  })

  it("refuses a coach another coach's assessment by id, and an id that does not exist, alike", async () => {
    const { app, coach, supervisor, otherId } = await growthOffice()
    const theirs = await completed(supervisor, assessmentInput(otherId))
    const refusedTheirs = await expectRefused(app, coach, 'assessments.get', { id: theirs.id }, 'forbidden')
    const refusedMissing = await expectRefused(app, coach, 'assessments.get', { id: 4242 }, 'forbidden')
    expect(refusedMissing.message).toBe(refusedTheirs.message)
    expect(JSON.stringify(refusedTheirs)).not.toContain('Sasha')
    await expectRefused(app, supervisor, 'assessments.get', { id: 4242 }, 'not_found')
    await expectRefused(app, coach, 'growth.coach', { coachId: otherId }, 'forbidden')
    await expectRefused(app, coach, 'growth.report', { coachId: otherId }, 'forbidden')
  })

  it('answers coordinators nothing of ratings', async () => {
    const { app, coach, ownId } = await growthOffice()
    await completed(coach, assessmentInput(ownId))
    const coordinator = await app.signInAs('coordinator')
    for (const [channel, input] of [
      ['growth.coach', { coachId: ownId }],
      ['growth.report', { coachId: ownId }],
      ['growth.team', {}],
      ['assessments.get', { id: 1 }],
    ] as const) {
      const error = await coordinator.callError(channel, input, 'forbidden')
      expect(JSON.stringify(error)).not.toMatch(/hope|score/i)
    }
  })
})

describe('audit of reads', () => {
  it("records a supervisor opening a coach's growth page, report or assessment, and nothing for a coach's own", async () => {
    const { app, coach, supervisor, ownId } = await growthOffice()
    const done = await completed(coach, assessmentInput(ownId))
    let before = auditRows(app).length
    await coach.call('growth.coach', { coachId: ownId })
    await coach.call('growth.report', { coachId: ownId })
    await coach.call('assessments.get', { id: done.id })
    expect(auditRows(app)).toHaveLength(before)

    before = auditRows(app).length
    await supervisor.call('growth.coach', { coachId: ownId })
    await supervisor.call('growth.report', { coachId: ownId })
    await supervisor.call('assessments.get', { id: done.id })
    const added = auditRows(app).slice(before)
    expect(added.map((r) => [r['action'], r['record_type'], r['record_id'], r['summary'], r['account_id']])).toEqual([
      ['read', 'coach', ownId, 'Opened the growth page', 1],
      ['read', 'coach', ownId, 'Opened the development report', 1],
      ['read', 'assessment', done.id, 'Opened the assessment', 1],
    ])
  })

  it('names assessments and goals on the audit page, with no score or note in any summary', async () => {
    const { coach, supervisor, ownId } = await growthOffice()
    await completed(coach, assessmentInput(ownId))
    await supervisor.call('goals.create', {
      coachId: ownId,
      domain: 'hope',
      track: 'practice',
      description: 'Secret goal words',
      targetDate: '2027-01-01',
    })
    const page = await supervisor.call('audit.list', { limit: 50 })
    const names = page.items.filter((e) => e.recordType !== 'coach' && e.recordType !== 'account')
    expect(names.map((e) => e.recordName)).toContain('Self-rating of Robin Own, 2026-11-01')
    expect(names.map((e) => e.recordName)).toContain('Goal of Robin Own: Hope')
    const summaries = page.items.map((e) => e.summary ?? '').join('\n')
    expect(summaries).not.toMatch(/Carries hope|steady quarter|Secret goal/)
  })
})

describe('goals', () => {
  const goal = (coachId: number, overrides = {}) => ({
    coachId,
    domain: 'meaning' as const,
    track: 'own' as const,
    description: 'Start the evening pottery class',
    targetDate: '2027-02-28',
    ...overrides,
  })

  it('sets a goal for a coach, open from today, and lists it on the growth page', async () => {
    const { coach, ownId } = await growthOffice()
    const made = await coach.call('goals.create', goal(ownId))
    expect(made).toMatchObject({
      status: 'open',
      statusChangedOn: '2026-11-22',
      createdByName: 'coach 1',
      mayEdit: true,
    })
    const page = await coach.call('growth.coach', { coachId: ownId })
    expect(page.goals.map((g) => g.id)).toEqual([made.id])
  })

  it('refuses a target date in the past or too far ahead, an unknown domain, a blank description', async () => {
    const { app, coach, ownId } = await growthOffice()
    await expectInvalid(app, coach, 'goals.create', goal(ownId, { targetDate: '2026-11-21' }), 'targetDate')
    await expectInvalid(app, coach, 'goals.create', goal(ownId, { targetDate: '2032-01-01' }), 'targetDate')
    await expectInvalid(app, coach, 'goals.create', goal(ownId, { domain: 'courage' }), 'domain')
    await expectInvalid(app, coach, 'goals.create', goal(ownId, { track: 'both' }), 'track')
    await expectInvalid(app, coach, 'goals.create', goal(ownId, { description: ' ' }), 'description')
  })

  it('changes status with the date it changed, and tells a stale editor', async () => {
    const { app, app: supervisor, ownId } = await growthOffice()
    const made = await supervisor.call('goals.create', goal(ownId))
    const done = await supervisor.call('goals.update', {
      id: made.id,
      expectedVersion: made.version,
      description: made.description,
      targetDate: made.targetDate,
      status: 'achieved',
    })
    expect(done).toMatchObject({ status: 'achieved', statusChangedOn: '2026-11-22', version: 2 })
    await expectRefused(
      app,
      supervisor,
      'goals.update',
      { id: made.id, expectedVersion: 1, description: 'x', targetDate: made.targetDate, status: 'dropped' },
      'conflict',
    )
    expect(auditRows(app).at(-1)!['summary']).toBe('Goal changed: status Open → Achieved')
  })

  it("refuses a coach another coach's goals", async () => {
    const { app, coach, supervisor, otherId } = await growthOffice()
    await expectRefused(app, coach, 'goals.create', goal(otherId), 'forbidden')
    const theirs = await supervisor.call('goals.create', goal(otherId))
    await expectRefused(
      app,
      coach,
      'goals.update',
      { id: theirs.id, expectedVersion: 1, description: 'x', targetDate: theirs.targetDate, status: 'dropped' },
      'forbidden',
    )
  })
})

describe('growth.report', () => {
  it('holds the office, today, completed ratings only, the latest notes the viewer may see, and open goals', async () => {
    const { coach, supervisor, ownId } = await growthOffice()
    await completed(coach, assessmentInput(ownId, { assessedOn: '2026-06-01', notes: { hope: 'Older self note' } }))
    const latestSelf = await completed(coach, assessmentInput(ownId, { notes: { hope: 'Latest self note' } }))
    await coach.call('assessments.create', assessmentInput(ownId, { notes: { hope: 'Draft note' } }))
    await supervisor.call('assessments.create', assessmentInput(ownId, { notes: { hope: 'Supervisor draft note' } }))
    const open = await coach.call('goals.create', {
      coachId: ownId,
      domain: 'hope',
      track: 'own',
      description: 'Keep a weekly gratitude note',
      targetDate: '2027-01-01',
    })
    const dropped = await coach.call('goals.create', {
      coachId: ownId,
      domain: 'social',
      track: 'own',
      description: 'Join the running club',
      targetDate: '2027-01-01',
    })
    await coach.call('goals.update', {
      id: dropped.id,
      expectedVersion: dropped.version,
      description: dropped.description,
      targetDate: dropped.targetDate,
      status: 'dropped',
    })

    const report = await coach.call('growth.report', { coachId: ownId })
    expect(report).toMatchObject({
      officeName: 'Test Office',
      generatedOn: '2026-11-22',
      coach: { displayName: 'Robin Own' },
    })
    expect(report.assessments.every((a) => a.status === 'completed')).toBe(true)
    expect(report.assessments).toHaveLength(2)
    expect(report.latestNotes).toEqual([
      expect.objectContaining({
        assessmentId: latestSelf.id,
        rater: 'self',
        notes: expect.objectContaining({ hope: 'Latest self note' }),
      }),
    ])
    expect(report.openGoals.map((g) => g.id)).toEqual([open.id])
    expect(JSON.stringify(report)).not.toMatch(/Draft note|Supervisor draft note/)
  })
})

describe('growth.team', () => {
  /** Four coaches: three assigned to Pat Supervisor (one of whom has left), one to nobody. */
  async function team() {
    const app = await startTestApp()
    const make = (legalName: string, supervisorAccountId: number | null, startDate = '2024-01-01') =>
      app.call('coaches.create', coachInput({ legalName, supervisorAccountId, startDate }))
    const a = await make('Ana', 1)
    const b = await make('Ben', 1)
    const c = await make('Cal', 1)
    const d = await make('Dee', null)
    await app.call('coaches.setStatus', {
      id: c.id,
      expectedVersion: c.version,
      status: 'left',
      effectiveOn: '2026-09-30',
    })
    const rate = async (coachId: number, assessedOn: string, hope: number | null, meaning?: number) => {
      const draft = await app.call('assessments.create', {
        coachId,
        assessedOn,
        scores: { hope: { practice: hope }, ...(meaning ? { meaning: { own: meaning } } : {}) },
      })
      const done = await app.call('assessments.complete', { id: draft.id, expectedVersion: draft.version })
      return done
    }
    return { app, a, b, c, d, rate }
  }

  it("averages each coach's latest rating per quarter, with how many coaches stand behind each figure and the spread", async () => {
    const { app, a, b, c, d, rate } = await team()
    await rate(a.id, '2026-07-05', 4) // replaced by a's later rating in Q3
    await rate(a.id, '2026-08-20', 6, 3)
    await rate(b.id, '2026-09-30', 8)
    await rate(d.id, '2026-08-01', 10)
    await rate(c.id, '2026-08-01', 1) // has left: only with coaches "all"
    await rate(b.id, '2026-10-01', null, 9) // Q4: hope blank, meaning own 9

    const mine = await app.call('growth.team', { scope: 'mine' })
    expect(mine.coachCount).toBe(2)
    expect(mine.quarters.map((q) => [q.quarter, q.coaches])).toEqual([
      ['2026-Q3', 2],
      ['2026-Q4', 1],
    ])
    // Q3, my current coaches: a 6, b 8 -> mean 7, sd 1.
    expect(mine.quarters[0]!.cells.hope.practice).toEqual({ n: 2, mean: 7, min: 6, max: 8, sd: 1 })
    expect(mine.quarters[0]!.cells.meaning.own).toEqual({ n: 1, mean: 3, min: 3, max: 3, sd: 0 })
    expect(mine.quarters[0]!.cells.personal.own).toEqual({ n: 0, mean: null, min: null, max: null, sd: null })
    expect(mine.quarters[1]!.cells.hope.practice.n).toBe(0)
    expect(mine.quarters[1]!.cells.meaning.own).toMatchObject({ n: 1, mean: 9 })

    const everyone = await app.call('growth.team', { scope: 'everyone', coaches: 'all' })
    expect(everyone.coachCount).toBe(4)
    // Q3 everyone: a 6, b 8, c 1, d 10 -> mean 6.25, sd sqrt(((6-6.25)^2+(8-6.25)^2+(1-6.25)^2+(10-6.25)^2)/4)
    expect(everyone.quarters[0]!.cells.hope.practice).toEqual({ n: 4, mean: 6.25, min: 1, max: 10, sd: 3.34 })

    const selfView = await app.call('growth.team', { scope: 'everyone', rater: 'self' })
    expect(selfView.quarters).toEqual([])
  })

  it('lists the chosen coaches without a supervisor rating in the last 90 days, never rated first', async () => {
    const { app, a, b, d, rate } = await team()
    await rate(a.id, '2026-08-24', 5) // 90 days before 2026-11-22: due
    await rate(b.id, '2026-08-25', 5) // 89 days: fine
    const coach = await app.signInAs('coach', { coachId: d.id })
    await completed(coach, assessmentInput(d.id, { assessedOn: '2026-11-20' }))
    const view = await app.call('growth.team', { scope: 'everyone' })
    expect(view.notAssessed.map((n) => [n.displayName, n.lastSupervisorOn, n.lastSelfOn])).toEqual([
      ['Dee', null, '2026-11-20'],
      ['Ana', '2026-08-24', null],
    ])
  })

  it('records the opening of the team view', async () => {
    const { app } = await team()
    await app.call('growth.team', { scope: 'mine', rater: 'self' })
    expect(auditRows(app).at(-1)).toMatchObject({
      action: 'read',
      record_type: 'coach',
      record_id: null,
      summary: 'Opened the team growth view (my coaches, self ratings)',
    })
  })
})
