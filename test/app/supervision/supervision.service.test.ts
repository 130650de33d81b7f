import { describe, expect, it } from 'vitest'
import { NOTE_MAX } from '@shared/domain/supervision'
import { coachInput, startTestApp, type TestApp, type TestClient } from '../helpers'
import { sessionInput, signedOffSession } from './inputs'

/** An office with two coaches (one with an account), the supervisor signed in on the app's own client. */
async function setUp() {
  const app = await startTestApp()
  const own = await app.call('coaches.create', coachInput({ legalName: 'Robin Own' }))
  const other = await app.call('coaches.create', coachInput({ legalName: 'Sasha Other' }))
  const coach = await app.signInAs('coach', { coachId: own.id })
  return { app, supervisor: app as TestClient, coach, ownId: own.id, otherId: other.id }
}

/** Every row of the supervisors' file too (the snapshot helper reads the main file's tables). */
function privateRows(app: TestApp) {
  const sqlite = app.core.vault.database!.sqlite
  return {
    notes: sqlite.prepare('SELECT * FROM supervisors.private_notes ORDER BY session_id').all(),
    addenda: sqlite.prepare('SELECT * FROM supervisors.private_addenda ORDER BY addendum_id').all(),
  }
}

async function expectNothingChanged(app: TestApp, work: () => Promise<unknown>) {
  const before = app.snapshot()
  const privateBefore = privateRows(app)
  await work()
  expect(app.snapshot()).toEqual(before)
  expect(privateRows(app)).toEqual(privateBefore)
}

async function expectInvalid(app: TestApp, channel: string, input: unknown, field: string) {
  await expectNothingChanged(app, async () => {
    const error = await app.callError(channel, input, 'invalid_input')
    expect(Object.keys(error.fields ?? {}), JSON.stringify(error)).toContain(field)
  })
}

const PLANTED = {
  private: 'zebracorn private words only supervisors read',
  other: 'quokkaline in another coach session',
  groupItem: 'narwhalish action for the other coach',
}

describe('supervision.create', () => {
  it('saves a draft with its coaches, functions, notes, barriers and items, private note included for the supervisor', async () => {
    const { app, ownId } = await setUp()
    const draft = await app.call(
      'supervision.create',
      sessionInput([ownId], { barriers: [{ kind: 'other', detail: 'Bus fares' }, { kind: 'stigma' }] }),
    )
    expect(draft).toMatchObject({
      status: 'draft',
      version: 1,
      format: 'individual',
      heldOn: '2026-11-02',
      minutes: 50,
      functions: ['formative', 'restorative'],
      supervisorName: 'Pat Supervisor',
      coaches: [{ id: ownId, displayName: 'Robin Own' }],
      privateNote: 'Worried about burnout; check in again before the holidays.',
      barriers: [
        { kind: 'other', detail: 'Bus fares' },
        { kind: 'stigma', detail: null },
      ],
      actionItems: [{ text: 'Book the refresher on naloxone', owner: 'coach', coachId: ownId, mayMarkDone: false }],
    })
  })

  it.each([
    ['a session dated in the future', { heldOn: '2026-11-23' }, 'heldOn'],
    ['zero length', { minutes: 0 }, 'minutes'],
    ['a negative length', { minutes: -30 }, 'minutes'],
    ['no function chosen', { functions: [] }, 'functions'],
    [
      'an action item without text',
      { actionItems: [{ text: '  ', owner: 'coach', dueOn: '2026-11-30' }] },
      'actionItems.0.text',
    ],
    [
      'an action item due before the session',
      { actionItems: [{ text: 'Call', owner: 'coach', dueOn: '2026-11-01' }] },
      'actionItems.0.dueOn',
    ],
    ['a shared note over the size limit', { sharedNote: 'x'.repeat(NOTE_MAX + 1) }, 'sharedNote'],
    ['a private note over the size limit', { privateNote: 'x'.repeat(NOTE_MAX + 1) }, 'privateNote'],
    ['"other" barrier without a word of what', { barriers: [{ kind: 'other' }] }, 'barriers.0.detail'],
  ] as const)('refuses %s, saving nothing', async (_what, overrides, field) => {
    const { app, ownId } = await setUp()
    await expectInvalid(app, 'supervision.create', sessionInput([ownId], overrides as never), field)
  })

  it('refuses an individual session with two coaches and a group with one', async () => {
    const { app, ownId, otherId } = await setUp()
    await expectInvalid(app, 'supervision.create', sessionInput([ownId, otherId], { format: 'individual' }), 'coachIds')
    await expectInvalid(app, 'supervision.create', sessionInput([ownId], { format: 'group' }), 'coachIds')
  })

  it('allows a coach who has left only for a session before the day they left', async () => {
    const { app, otherId } = await setUp()
    const coach = await app.call('coaches.get', { id: otherId })
    await app.call('coaches.setStatus', {
      id: otherId,
      expectedVersion: coach.version,
      status: 'left',
      effectiveOn: '2026-10-01',
    })
    await expectInvalid(app, 'supervision.create', sessionInput([otherId], { heldOn: '2026-10-01' }), 'coachIds')
    const earlier = await app.call(
      'supervision.create',
      sessionInput([otherId], { heldOn: '2026-09-30', actionItems: [] }),
    )
    expect(earlier.status).toBe('draft')
  })

  it('refuses an item owned by a coach not in the session, and asks which coach in a group', async () => {
    const { app, ownId, otherId } = await setUp()
    await expectInvalid(
      app,
      'supervision.create',
      sessionInput([ownId], { actionItems: [{ text: 'x', owner: 'coach', coachId: otherId, dueOn: '2026-11-30' }] }),
      'actionItems.0.coachId',
    )
    await expectInvalid(
      app,
      'supervision.create',
      sessionInput([ownId, otherId], { actionItems: [{ text: 'x', owner: 'coach', dueOn: '2026-11-30' }] }),
      'actionItems.0.coachId',
    )
  })

  it('keeps the shared and private notes as typed, without control characters', async () => {
    const { app, ownId } = await setUp()
    const draft = await app.call('supervision.create', sessionInput([ownId], { sharedNote: 'a\u0002b\u0000c\nd' }))
    expect(draft.sharedNote).toBe('abc\nd')
  })
})

describe('supervision.update (autosave)', () => {
  it('saves a draft again and again, each time from the version it answered', async () => {
    const { app, ownId } = await setUp()
    let draft = await app.call('supervision.create', sessionInput([ownId]))
    for (const note of ['One', 'One two', 'One two three']) {
      draft = await app.call('supervision.update', {
        id: draft.id,
        expectedVersion: draft.version,
        fields: sessionInput([ownId], { sharedNote: note, privateNote: `${note} (private)` }),
      })
    }
    expect(draft).toMatchObject({ version: 4, sharedNote: 'One two three', privateNote: 'One two three (private)' })
  })

  it('tells the second of two editors of the same draft, saving nothing over the first', async () => {
    const { app, ownId } = await setUp()
    const second = await app.signInAs('supervisor')
    const draft = await app.call('supervision.create', sessionInput([ownId]))
    await app.call('supervision.update', {
      id: draft.id,
      expectedVersion: draft.version,
      fields: sessionInput([ownId], { sharedNote: 'First' }),
    })
    await expectNothingChanged(app, () =>
      second.callError(
        'supervision.update',
        { id: draft.id, expectedVersion: draft.version, fields: sessionInput([ownId], { sharedNote: 'Second' }) },
        'conflict',
      ),
    )
    expect((await app.call('supervision.get', { id: draft.id })).sharedNote).toBe('First')
  })

  it('refuses to edit a signed-off session, changing nothing', async () => {
    const { app, ownId } = await setUp()
    const done = await signedOffSession(app, sessionInput([ownId]))
    await expectNothingChanged(app, () =>
      app.callError(
        'supervision.update',
        { id: done.id, expectedVersion: done.version, fields: sessionInput([ownId], { sharedNote: 'Rewritten' }) },
        'conflict',
      ),
    )
  })

  it('refuses bad input on the field, inside fields', async () => {
    const { app, ownId } = await setUp()
    const draft = await app.call('supervision.create', sessionInput([ownId]))
    await expectInvalid(
      app,
      'supervision.update',
      { id: draft.id, expectedVersion: draft.version, fields: sessionInput([ownId], { heldOn: '2027-01-01' }) },
      'fields.heldOn',
    )
  })
})

describe('supervision.signOff and the lock', () => {
  it('locks the session in the database itself: a direct UPDATE of a note or item is refused', async () => {
    const { app, ownId } = await setUp()
    const done = await signedOffSession(app, sessionInput([ownId]))
    expect(done).toMatchObject({ status: 'signed_off', signedOffByName: 'Pat Supervisor' })
    const sqlite = app.core.vault.database!.sqlite
    expect(() => sqlite.prepare("UPDATE supervision_sessions SET shared_note = 'x' WHERE id = ?").run(done.id)).toThrow(
      /signed-off/,
    )
    expect(() => sqlite.prepare("UPDATE action_items SET text = 'x' WHERE session_id = ?").run(done.id)).toThrow(
      /signed-off/,
    )
    expect(() => sqlite.prepare('DELETE FROM session_barriers WHERE session_id = ?').run(done.id)).toThrow(/signed-off/)
    expect(() =>
      sqlite.prepare("UPDATE supervisors.private_notes SET text = 'x' WHERE session_id = ?").run(done.id),
    ).toThrow(/signed-off/)
  })

  it('keeps the original beside an addendum, shared and private apart', async () => {
    const { app, coach, ownId } = await setUp()
    const done = await signedOffSession(app, sessionInput([ownId]))
    const amended = await app.call('supervision.addAddendum', {
      id: done.id,
      sharedText: 'The next session is on the 9th.',
      privateText: 'Also ask about sleep.',
    })
    expect(amended.sharedNote).toBe(done.sharedNote)
    expect(amended.addenda).toMatchObject([
      {
        sharedText: 'The next session is on the 9th.',
        privateText: 'Also ask about sleep.',
        writtenByName: 'Pat Supervisor',
      },
    ])
    const seen = await coach.call('supervision.get', { id: done.id })
    expect(seen.addenda).toMatchObject([{ sharedText: 'The next session is on the 9th.', privateText: null }])
  })

  it('refuses an addendum to a draft, and an empty one', async () => {
    const { app, ownId } = await setUp()
    const draft = await app.call('supervision.create', sessionInput([ownId]))
    await expectNothingChanged(app, () =>
      app.callError('supervision.addAddendum', { id: draft.id, sharedText: 'x' }, 'conflict'),
    )
    await expectInvalid(app, 'supervision.addAddendum', { id: draft.id, sharedText: '  ' }, 'sharedText')
  })
})

describe('who sees what', () => {
  async function plantedOffice() {
    const office = await setUp()
    const { app, ownId, otherId } = office
    const own = await signedOffSession(
      app,
      sessionInput([ownId], {
        sharedNote: 'Shared: boundaries at the site',
        privateNote: PLANTED.private,
        actionItems: [
          { text: 'Own coach task', owner: 'coach', dueOn: '2026-11-30' },
          { text: 'Supervisor task for a lone coach', owner: 'supervisor', dueOn: '2026-11-30' },
        ],
      }),
    )
    const other = await signedOffSession(
      app,
      sessionInput([otherId], { sharedNote: PLANTED.other, privateNote: PLANTED.other }),
    )
    const group = await signedOffSession(
      app,
      sessionInput([ownId, otherId], {
        sharedNote: 'Group: the team talked about stigma at the court',
        privateNote: PLANTED.private,
        actionItems: [
          { text: 'Group task of mine', owner: 'coach', coachId: ownId, dueOn: '2026-11-30' },
          { text: PLANTED.groupItem, owner: 'coach', coachId: otherId, dueOn: '2026-11-30' },
          { text: 'Supervisor task for the group', owner: 'supervisor', dueOn: '2026-11-30' },
        ],
      }),
    )
    const draft = await app.call('supervision.create', sessionInput([ownId], { sharedNote: 'Draft quokkaline' }))
    return { ...office, own, other, group, draft }
  }

  const leaks = (value: unknown) => {
    const text = JSON.stringify(value)
    return ['zebracorn', 'quokkaline', 'narwhalish', 'Sasha'].filter((word) => text.includes(word))
  }

  it("gives a coach the shared note and their own items, never a private note or another coach's session", async () => {
    const { coach, ownId, own, group, other, draft } = await plantedOffice()
    const mine = await coach.call('supervision.get', { id: own.id })
    expect(mine.privateNote).toBeNull()
    expect(mine.actionItems.map((i) => i.text)).toEqual(['Own coach task', 'Supervisor task for a lone coach'])
    expect(mine.actionItems.map((i) => i.mayMarkDone)).toEqual([true, false])
    const inGroup = await coach.call('supervision.get', { id: group.id })
    expect(inGroup.actionItems.map((i) => i.text)).toEqual(['Group task of mine'])
    expect(inGroup.coaches).toEqual([{ id: ownId, displayName: 'Robin Own' }])
    expect(inGroup.otherCoaches).toBe(1)
    expect(leaks([mine, inGroup])).toEqual([])
    await coach.callError('supervision.get', { id: other.id }, 'forbidden')
    await coach.callError('supervision.get', { id: draft.id }, 'forbidden')
    const list = await coach.call('supervision.list', {})
    expect(list.items.map((s) => s.id)).toEqual([group.id, own.id].sort((a, b) => b - a))
    expect(leaks(list)).toEqual([])
    const items = await coach.call('actionItems.list', { open: false })
    expect(items.items.map((i) => i.text).sort()).toEqual(
      ['Group task of mine', 'Own coach task', 'Supervisor task for a lone coach'].sort(),
    )
  })

  it('finds nothing planted where the coach may not read, by search, while a supervisor is signed in too', async () => {
    const { app, coach } = await plantedOffice()
    expect(app.core.vault.supervisorsAttached).toBe(true)
    for (const word of ['zebracorn', 'quokkaline', 'narwhalish', 'Sasha']) {
      const found = await coach.call('supervision.search', { query: word })
      expect(found.items, word).toEqual([])
    }
    const stigma = await coach.call('supervision.search', { query: 'stigma' })
    expect(stigma.items.map((h) => h.kind)).toEqual(['shared_note'])
    expect(leaks(stigma)).toEqual([])
  })

  it('gives a supervisor everything, private notes and drafts included, by search too', async () => {
    const { app, own, group } = await plantedOffice()
    const found = await app.call('supervision.search', { query: 'zebracorn' })
    expect(found.items.map((h) => [h.kind, h.sessionId]).sort()).toEqual(
      [
        ['private_note', own.id],
        ['private_note', group.id],
      ].sort(),
    )
    expect(found.items[0]!.snippet.some((part) => part.hit && part.text.toLowerCase() === 'zebracorn')).toBe(true)
    expect((await app.call('supervision.search', { query: 'quokkaline' })).items).toHaveLength(3)
    expect((await app.call('supervision.search', { query: 'narwhalish' })).items.map((h) => h.kind)).toEqual([
      'action_item',
    ])
  })

  it("refuses a coordinator every supervision channel, and a coach another coach's list", async () => {
    const { app, coach, otherId } = await plantedOffice()
    const coordinator = await app.signInAs('coordinator')
    await coordinator.callError('supervision.search', { query: 'stigma' }, 'forbidden')
    await coordinator.callError('supervision.list', {}, 'forbidden')
    await coach.callError('supervision.list', { coachId: otherId }, 'forbidden')
  })
})

describe('supervision.search', () => {
  const HOSTILE = [
    '"',
    '""',
    'boundaries"',
    'NEAR(boundaries site)',
    'boundaries NEAR/2 site',
    '*',
    'bound*',
    ':',
    'shared_note:boundaries',
    'text:zebracorn',
    '^boundaries',
    '(boundaries',
    'boundaries)',
    '-',
    '- boundaries',
    'AND OR NOT',
    'x'.repeat(10_000),
    '🙂 boundaries 🧭',
    '\u0000\u0002',
    "'; DROP TABLE supervision_sessions; --",
  ]

  it.each(HOSTILE.map((q) => [q.length > 40 ? `${q.length} characters` : JSON.stringify(q), q]))(
    'answers %s with results or nothing, never an error',
    async (_label, query) => {
      const { app, coach, ownId } = await setUp()
      await signedOffSession(app, sessionInput([ownId]))
      for (const client of [app, coach]) {
        const result = await client.callRaw('supervision.search', { query })
        expect(result.ok, JSON.stringify(result)).toBe(true)
      }
      expect(app.log.entries).toEqual([])
    },
  )

  it('folds accents and case, ranks, and pages by key without repeats', async () => {
    const { app, ownId } = await setUp()
    for (let i = 0; i < 7; i++) {
      await signedOffSession(
        app,
        sessionInput([ownId], { sharedNote: `Café ${'résumé '.repeat(i + 1)}talk ${i}`, actionItems: [] }),
      )
    }
    const seen: number[] = []
    let after: string | null = null
    do {
      const page: Awaited<ReturnType<typeof app.call<'supervision.search'>>> = await app.call('supervision.search', {
        query: 'RESUME cafe',
        limit: 3,
        after,
      })
      seen.push(...page.items.map((h) => h.sessionId))
      after = page.nextCursor
    } while (after)
    expect(seen).toHaveLength(7)
    expect(new Set(seen).size).toBe(7)
  })

  it('records a search with its number of results, never its words', async () => {
    const { app, ownId } = await setUp()
    await signedOffSession(app, sessionInput([ownId]))
    await app.call('supervision.search', { query: 'boundaries' })
    const rows = app.snapshot()['audit_events'] as Array<{ action: string; summary: string }>
    const event = rows.find((r) => r.summary?.startsWith('Searched'))!
    expect(event.summary).toBe('Searched supervision notes: 1 result')
    expect(event.summary).not.toMatch(/boundaries/i)
  })
})

describe('actionItems.markDone', () => {
  it('lets the owner coach mark their item done, and a supervisor undo it', async () => {
    const { app, coach, ownId } = await setUp()
    const done = await signedOffSession(app, sessionInput([ownId]))
    const item = await coach.call('actionItems.markDone', { id: done.actionItems[0]!.id })
    expect(item).toMatchObject({ doneAt: '2026-11-22T10:00:00.000Z', doneByName: 'coach 1' })
    await expectNothingChanged(app, () => coach.callError('actionItems.markDone', { id: item.id }, 'conflict'))
    const undone = await app.call('actionItems.markDone', { id: item.id, done: false })
    expect(undone.doneAt).toBeNull()
  })

  it("refuses a coach marking another coach's item in a group session", async () => {
    const { app, coach, ownId, otherId } = await setUp()
    const done = await signedOffSession(
      app,
      sessionInput([ownId, otherId], {
        actionItems: [{ text: 'Theirs', owner: 'coach', coachId: otherId, dueOn: '2026-11-30' }],
      }),
    )
    await expectNothingChanged(app, () =>
      coach.callError('actionItems.markDone', { id: done.actionItems[0]!.id }, 'forbidden'),
    )
  })
})

describe('the start page and barriers', () => {
  it('lists coaches overdue and due this week by cadence, open items due, and the functions over six months', async () => {
    const { app, ownId, otherId } = await setUp()
    // Robin: last session 2026-11-02, every 14 days: due 2026-11-16, overdue. Sasha: never, started 2025-03-01.
    await signedOffSession(
      app,
      sessionInput([ownId], {
        heldOn: '2026-11-02',
        functions: ['normative'],
        actionItems: [{ text: 'Due soon', owner: 'coach', dueOn: '2026-11-25' }],
      }),
    )
    await signedOffSession(
      app,
      sessionInput([ownId], { heldOn: '2026-06-01', functions: ['restorative'], actionItems: [] }),
    )
    const page = await app.call('supervision.startPage', { scope: 'everyone' })
    expect(page.cadence.map((c) => [c.coachId, c.state, c.dueOn])).toEqual([
      [otherId, 'overdue', '2025-03-01'],
      [ownId, 'overdue', '2026-11-16'],
    ])
    expect(page.items.map((i) => i.text)).toEqual(['Due soon'])
    expect(page.balance.find((b) => b.coachId === ownId)).toMatchObject({
      sessions: 2,
      normative: 1,
      formative: 0,
      restorative: 1,
      lastRestorativeOn: '2026-06-01',
    })
    expect(page.balance.find((b) => b.coachId === otherId)).toMatchObject({ sessions: 0 })
  })

  it('counts barriers per quarter by kind', async () => {
    const { app, ownId } = await setUp()
    await signedOffSession(
      app,
      sessionInput([ownId], { heldOn: '2026-11-02', barriers: [{ kind: 'stigma' }, { kind: 'payer_funding' }] }),
    )
    await signedOffSession(app, sessionInput([ownId], { heldOn: '2026-08-02', barriers: [{ kind: 'stigma' }] }))
    const result = await app.call('supervision.barriers', { quarters: 2 })
    expect(result.quarters).toEqual([
      { quarter: '2026-Q3', sessions: 1, counts: { payer_funding: 0, host_site_policy: 0, stigma: 1, other: 0 } },
      { quarter: '2026-Q4', sessions: 1, counts: { payer_funding: 1, host_site_policy: 0, stigma: 1, other: 0 } },
    ])
  })
})
