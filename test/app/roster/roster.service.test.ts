import { describe, expect, it } from 'vitest'
import type { Coach, CoachListInput, CoachListPage, CoachSummary } from '@shared/domain/roster'
import { fixedClock } from '../../../electron/app/clock'
import { coachInput, NOW, startTestApp, type TestApp } from '../helpers'

const LATER = '2026-12-01T15:30:00.000Z'

/** The editable fields of a coach as `coaches.update` takes them. */
function fieldsOf(coach: Coach) {
  return {
    legalName: coach.legalName,
    preferredName: coach.preferredName,
    pronouns: coach.pronouns,
    email: coach.email,
    phone: coach.phone,
    startDate: coach.startDate,
    employment: coach.employment,
    title: coach.title,
    supervisorAccountId: coach.supervisorAccountId,
    supervisionCadenceDays: coach.supervisionCadenceDays,
    workSettings: coach.workSettings,
    languages: coach.languages,
  }
}

/** Walks every page of a list, checking each page's size and total, and answers the coaches in order. */
async function allPages(app: TestApp, input: CoachListInput & { limit: number }): Promise<CoachSummary[]> {
  const seen: CoachSummary[] = []
  let after: string | null = null
  let total: number | null = null
  for (let pageCount = 0; pageCount < 100; pageCount++) {
    const page: CoachListPage = await app.call('coaches.list', { ...input, after })
    total ??= page.total
    expect(page.total).toBe(total)
    expect(page.items.length).toBeLessThanOrEqual(input.limit)
    seen.push(...page.items)
    if (page.nextCursor === null) {
      expect(seen).toHaveLength(page.total)
      return seen
    }
    expect(page.items).toHaveLength(input.limit)
    after = page.nextCursor
  }
  throw new Error('paging never ended')
}

describe('coaches.create', () => {
  it('stores the coach with defaults, and answers the saved record', async () => {
    const app = await startTestApp()
    const coach = await app.call('coaches.create', {
      legalName: '  Riley Minimal  ',
      startDate: '2026-01-15',
      employment: 'volunteer',
      title: 'ally',
      supervisionCadenceDays: 30,
      careerStage: 'receiving_support',
    })
    expect(coach).toEqual({
      id: 1,
      version: 1,
      legalName: 'Riley Minimal',
      preferredName: null,
      displayName: 'Riley Minimal',
      pronouns: null,
      email: null,
      phone: null,
      startDate: '2026-01-15',
      status: 'active',
      employment: 'volunteer',
      title: 'ally',
      supervisorAccountId: null,
      supervisorName: null,
      supervisorIsCurrent: false,
      supervisorUnmatched: null,
      supervisionCadenceDays: 30,
      workSettings: [],
      languages: [],
      careerStage: 'receiving_support',
      createdAt: NOW,
      updatedAt: NOW,
      statusHistory: [{ status: 'active', effectiveOn: '2026-01-15', note: null, recordedAt: NOW }],
      stageHistory: [{ stage: 'receiving_support', changedOn: '2026-01-15', recordedAt: NOW }],
    })
    expect(await app.call('coaches.get', { id: 1 })).toEqual(coach)
  })

  it('writes one status row and one stage row, dated from the start date', async () => {
    const app = await startTestApp()
    const coach = await app.call(
      'coaches.create',
      coachInput({ status: 'on_leave', careerStage: 'rcp', startDate: '2024-05-06' }),
    )
    const db = app.snapshot()
    expect(db['coaches']).toHaveLength(1)
    expect(db['coach_status_changes']).toEqual([
      { id: 1, coach_id: coach.id, status: 'on_leave', effective_on: '2024-05-06', note: null, recorded_at: NOW },
    ])
    expect(db['coach_stage_changes']).toEqual([
      { id: 1, coach_id: coach.id, stage: 'rcp', changed_on: '2024-05-06', recorded_at: NOW },
    ])
  })

  it('trims text, keeps lists, turns blank optional text into null and shows the preferred name', async () => {
    const app = await startTestApp()
    const coach = await app.call(
      'coaches.create',
      coachInput({
        legalName: 'Alexandra Quinn',
        preferredName: '  Alex ',
        pronouns: '   ',
        email: '',
        phone: ' ',
        supervisorAccountId: null,
        workSettings: ['police', 'fire'],
        languages: [' Polish ', 'English'],
      }),
    )
    expect(coach).toMatchObject({
      legalName: 'Alexandra Quinn',
      preferredName: 'Alex',
      displayName: 'Alex',
      pronouns: null,
      email: null,
      phone: null,
      supervisorAccountId: null,
      supervisorName: null,
      workSettings: ['police', 'fire'],
      languages: ['Polish', 'English'],
    })
    expect(app.snapshot()['coaches']![0]).toMatchObject({ sort_name: 'alex', work_settings: '["police","fire"]' })
  })

  it('gives each new coach its own id', async () => {
    const app = await startTestApp()
    const a = await app.call('coaches.create', coachInput({ legalName: 'First' }))
    const b = await app.call('coaches.create', coachInput({ legalName: 'Second' }))
    expect(b.id).not.toBe(a.id)
    expect((await app.call('coaches.get', { id: a.id })).legalName).toBe('First')
    expect((await app.call('coaches.get', { id: b.id })).legalName).toBe('Second')
  })
})

describe('coaches.get', () => {
  it('answers not_found for an unknown id, and changes nothing', async () => {
    const app = await startTestApp()
    await app.call('coaches.create', coachInput())
    const before = app.snapshot()
    const error = await app.callError('coaches.get', { id: 999 }, 'not_found')
    expect(error.message).toMatch(/coach/i)
    expect(app.snapshot()).toEqual(before)
  })
})

describe('coaches.update', () => {
  it('saves the fields, bumps the version and the update time, keeps status, stage and history', async () => {
    const dataDir = await (async () => {
      const first = await startTestApp()
      await first.call('coaches.create', coachInput({ legalName: 'Before Edit', careerStage: 'training' }))
      await first.close()
      return first.dataDir
    })()
    const app = await startTestApp({ dataDir, clock: fixedClock(LATER) })
    const original = await app.call('coaches.get', { id: 1 })

    const updated = await app.call('coaches.update', {
      id: 1,
      expectedVersion: 1,
      fields: {
        ...fieldsOf(original),
        legalName: 'After Edit',
        preferredName: 'Eddie',
        supervisionCadenceDays: 7,
        languages: ['French'],
      },
    })
    expect(updated).toMatchObject({
      id: 1,
      version: 2,
      legalName: 'After Edit',
      displayName: 'Eddie',
      supervisionCadenceDays: 7,
      languages: ['French'],
      status: 'active',
      careerStage: 'training',
      createdAt: NOW,
      updatedAt: LATER,
    })
    expect(updated.statusHistory).toEqual(original.statusHistory)
    expect(updated.stageHistory).toEqual(original.stageHistory)
    expect(await app.call('coaches.get', { id: 1 })).toEqual(updated)
    expect(app.snapshot()['coaches']![0]).toMatchObject({ sort_name: 'eddie', version: 2 })

    const again = await app.call('coaches.update', {
      id: 1,
      expectedVersion: 2,
      fields: { ...fieldsOf(updated), preferredName: null },
    })
    expect(again).toMatchObject({ version: 3, displayName: 'After Edit' })
  })

  it('refuses a stale expectedVersion with conflict, and changes nothing', async () => {
    const app = await startTestApp()
    const coach = await app.call('coaches.create', coachInput())
    await app.call('coaches.update', {
      id: coach.id,
      expectedVersion: 1,
      fields: { ...fieldsOf(coach), pronouns: 'he/him' },
    })
    const before = app.snapshot()

    // A second editor still holding version 1.
    await app.callError(
      'coaches.update',
      { id: coach.id, expectedVersion: 1, fields: { ...fieldsOf(coach), legalName: 'Lost Update' } },
      'conflict',
    )
    // Nor may a caller claim a version from the future.
    await app.callError('coaches.update', { id: coach.id, expectedVersion: 3, fields: fieldsOf(coach) }, 'conflict')
    expect(app.snapshot()).toEqual(before)
    expect((await app.call('coaches.get', { id: coach.id })).legalName).toBe(coach.legalName)
  })

  it('answers not_found for an unknown id, and changes nothing', async () => {
    const app = await startTestApp()
    const coach = await app.call('coaches.create', coachInput())
    const before = app.snapshot()
    await app.callError('coaches.update', { id: 999, expectedVersion: 1, fields: fieldsOf(coach) }, 'not_found')
    expect(app.snapshot()).toEqual(before)
  })
})

describe('coaches.setStatus', () => {
  it("archives a coach who left: still readable, gone from the current list, shown under 'left' and 'all'", async () => {
    const app = await startTestApp()
    const stays = await app.call('coaches.create', coachInput({ legalName: 'Stays Here' }))
    const leaves = await app.call('coaches.create', coachInput({ legalName: 'Leaves Soon', startDate: '2025-01-01' }))

    const left = await app.call('coaches.setStatus', {
      id: leaves.id,
      expectedVersion: 1,
      status: 'left',
      effectiveOn: '2026-10-31',
      note: 'Took a job elsewhere',
    })
    expect(left).toMatchObject({ status: 'left', version: 2, updatedAt: NOW })
    expect(left.statusHistory).toEqual([
      { status: 'left', effectiveOn: '2026-10-31', note: 'Took a job elsewhere', recordedAt: NOW },
      { status: 'active', effectiveOn: '2025-01-01', note: null, recordedAt: NOW },
    ])
    expect(await app.call('coaches.get', { id: leaves.id })).toEqual(left)

    const ids = async (filter: CoachListInput['filter']) =>
      (await app.call('coaches.list', { filter })).items.map((c) => c.id)
    expect(await ids(undefined)).toEqual([stays.id])
    expect(await ids('current')).toEqual([stays.id])
    expect(await ids('active')).toEqual([stays.id])
    expect(await ids('left')).toEqual([leaves.id])
    expect((await ids('all')).sort()).toEqual([stays.id, leaves.id].sort())
    expect(app.snapshot()['coach_status_changes']).toHaveLength(3)
  })

  it('can bring a coach back, keeping the whole history newest first', async () => {
    const app = await startTestApp()
    const coach = await app.call('coaches.create', coachInput({ startDate: '2025-01-01' }))
    await app.call('coaches.setStatus', {
      id: coach.id,
      expectedVersion: 1,
      status: 'on_leave',
      effectiveOn: '2026-03-01',
    })
    await app.call('coaches.setStatus', { id: coach.id, expectedVersion: 2, status: 'left', effectiveOn: '2026-06-01' })
    const back = await app.call('coaches.setStatus', {
      id: coach.id,
      expectedVersion: 3,
      status: 'active',
      effectiveOn: '2026-09-01',
      note: '',
    })
    expect(back.version).toBe(4)
    expect(back.statusHistory.map((s) => [s.status, s.effectiveOn, s.note])).toEqual([
      ['active', '2026-09-01', null],
      ['left', '2026-06-01', null],
      ['on_leave', '2026-03-01', null],
      ['active', '2025-01-01', null],
    ])
  })

  it('refuses the status the coach already has, and changes nothing', async () => {
    const app = await startTestApp()
    const coach = await app.call('coaches.create', coachInput())
    await app.call('coaches.setStatus', { id: coach.id, expectedVersion: 1, status: 'left', effectiveOn: '2026-10-31' })
    const before = app.snapshot()
    const error = await app.callError(
      'coaches.setStatus',
      { id: coach.id, expectedVersion: 2, status: 'left', effectiveOn: '2026-11-01' },
      'invalid_input',
    )
    expect(error.fields).toHaveProperty('status')
    expect(app.snapshot()).toEqual(before)
  })

  it('refuses a stale version and an unknown coach, changing nothing', async () => {
    const app = await startTestApp()
    const coach = await app.call('coaches.create', coachInput())
    await app.call('coaches.update', { id: coach.id, expectedVersion: 1, fields: fieldsOf(coach) })
    const before = app.snapshot()
    await app.callError(
      'coaches.setStatus',
      { id: coach.id, expectedVersion: 1, status: 'on_leave', effectiveOn: '2026-11-01' },
      'conflict',
    )
    await app.callError(
      'coaches.setStatus',
      { id: 999, expectedVersion: 1, status: 'on_leave', effectiveOn: '2026-11-01' },
      'not_found',
    )
    expect(app.snapshot()).toEqual(before)
  })
})

describe('coaches.setStage', () => {
  it('moves the coach up the ladder and records each step', async () => {
    const app = await startTestApp()
    const coach = await app.call('coaches.create', coachInput({ careerStage: 'volunteering', startDate: '2025-02-01' }))
    const training = await app.call('coaches.setStage', {
      id: coach.id,
      expectedVersion: 1,
      stage: 'training',
      changedOn: '2025-09-01',
    })
    expect(training).toMatchObject({ careerStage: 'training', version: 2, status: 'active' })
    const rcp = await app.call('coaches.setStage', {
      id: coach.id,
      expectedVersion: 2,
      stage: 'rcp',
      changedOn: '2026-04-15',
    })
    expect(rcp.stageHistory).toEqual([
      { stage: 'rcp', changedOn: '2026-04-15', recordedAt: NOW },
      { stage: 'training', changedOn: '2025-09-01', recordedAt: NOW },
      { stage: 'volunteering', changedOn: '2025-02-01', recordedAt: NOW },
    ])
    expect(rcp.statusHistory).toHaveLength(1)
    expect(app.snapshot()['coach_stage_changes']).toHaveLength(3)
    expect(app.snapshot()['coach_status_changes']).toHaveLength(1)
  })

  it('refuses the current stage, a stale version and an unknown coach, changing nothing', async () => {
    const app = await startTestApp()
    const coach = await app.call('coaches.create', coachInput({ careerStage: 'training' }))
    const before = app.snapshot()
    const same = await app.callError(
      'coaches.setStage',
      { id: coach.id, expectedVersion: 1, stage: 'training', changedOn: '2026-01-01' },
      'invalid_input',
    )
    expect(same.fields).toHaveProperty('stage')
    await app.callError(
      'coaches.setStage',
      { id: coach.id, expectedVersion: 2, stage: 'rcp', changedOn: '2026-01-01' },
      'conflict',
    )
    await app.callError(
      'coaches.setStage',
      { id: 999, expectedVersion: 1, stage: 'rcp', changedOn: '2026-01-01' },
      'not_found',
    )
    expect(app.snapshot()).toEqual(before)
  })
})

describe('coaches.list', () => {
  /** A small roster: mixed case, a preferred name, statuses and start dates that sort differently from names. */
  async function roster() {
    const app = await startTestApp()
    const make = (over: Parameters<typeof coachInput>[0]) => app.call('coaches.create', coachInput(over))
    const c = {
      bea: await make({ legalName: 'bea lowercase', startDate: '2021-06-01' }),
      peggy: await make({ legalName: 'Margaret Ellison', preferredName: 'Peggy', startDate: '2024-02-01' }),
      adam: await make({ legalName: 'Adam Upper', startDate: '2023-01-01' }),
      carl: await make({ legalName: 'Carl Onleave', startDate: '2020-01-01', status: 'on_leave' }),
      zed: await make({ legalName: 'Zed Departed', startDate: '2022-01-01', status: 'left' }),
    }
    return { app, c }
  }

  it('defaults to current coaches sorted by display name, case-insensitively', async () => {
    const { app, c } = await roster()
    const page = await app.call('coaches.list', {})
    expect(page.items.map((s) => s.displayName)).toEqual(['Adam Upper', 'bea lowercase', 'Carl Onleave', 'Peggy'])
    expect(page.total).toBe(4)
    expect(page.nextCursor).toBeNull()
    expect(page.items.find((s) => s.id === c.peggy.id)).toEqual({
      id: c.peggy.id,
      displayName: 'Peggy',
      legalName: 'Margaret Ellison',
      pronouns: 'they/them',
      status: 'active',
      employment: 'part_time',
      title: 'recovery_coach',
      startDate: '2024-02-01',
      careerStage: 'volunteering',
      languages: ['English', 'Spanish'],
      workSettings: ['emergency_department', 'community'],
      supervisorAccountId: 1,
      supervisorName: 'Pat Supervisor',
    })
  })

  it('filters by status', async () => {
    const { app, c } = await roster()
    const ids = async (filter: CoachListInput['filter']) => {
      const page = await app.call('coaches.list', { filter })
      expect(page.total).toBe(page.items.length)
      return page.items.map((s) => s.id)
    }
    expect(await ids('active')).toEqual([c.adam.id, c.bea.id, c.peggy.id])
    expect(await ids('on_leave')).toEqual([c.carl.id])
    expect(await ids('left')).toEqual([c.zed.id])
    expect(await ids('current')).toEqual([c.adam.id, c.bea.id, c.carl.id, c.peggy.id])
    expect(await ids('all')).toEqual([c.adam.id, c.bea.id, c.carl.id, c.peggy.id, c.zed.id])
  })

  it('sorts by start date, oldest first', async () => {
    const { app } = await roster()
    const page = await app.call('coaches.list', { filter: 'all', sort: 'start_date' })
    expect(page.items.map((s) => s.startDate)).toEqual([
      '2020-01-01',
      '2021-06-01',
      '2022-01-01',
      '2023-01-01',
      '2024-02-01',
    ])
  })

  it('searches legal and preferred names, ignoring case and surrounding spaces', async () => {
    const { app, c } = await roster()
    const search = async (text: string, filter: CoachListInput['filter'] = 'all') => {
      const page = await app.call('coaches.list', { search: text, filter })
      expect(page.total).toBe(page.items.length)
      return page.items.map((s) => s.id)
    }
    expect(await search('ellison')).toEqual([c.peggy.id]) // legal name, shown under the preferred one
    expect(await search('PEGGY')).toEqual([c.peggy.id])
    expect(await search('  upper ')).toEqual([c.adam.id])
    expect(await search('BEA LOWER')).toEqual([c.bea.id])
    expect(await search('e')).toHaveLength(5)
    expect(await search('departed')).toEqual([c.zed.id])
    expect(await search('departed', 'current')).toEqual([])
    expect(await search('nobody by this name')).toEqual([])
  })

  it('finds a name whatever its accents and case, both ways round', async () => {
    const app = await startTestApp()
    const lucia = await app.call(
      'coaches.create',
      coachInput({ legalName: 'Lucía Fernández', preferredName: 'Lucy Fernández' }),
    )
    const zoe = await app.call('coaches.create', coachInput({ legalName: 'Zoe Muller' }))
    const found = async (text: string) =>
      (await app.call('coaches.list', { search: text, filter: 'all' })).items.map((c) => c.id)
    expect(await found('lucia')).toEqual([lucia.id])
    expect(await found('FERNANDEZ')).toEqual([lucia.id])
    expect(await found('Fernández')).toEqual([lucia.id])
    expect(await found('zoë müller')).toEqual([zoe.id])
    expect(await found('UCÍA FER')).toEqual([lucia.id])
    expect((await app.call('coaches.list', { search: 'lucia', filter: 'all' })).total).toBe(1)
  })

  it('treats % and _ (and the escape character) in a search as plain characters', async () => {
    const { app } = await roster()
    const search = async (text: string) =>
      (await app.call('coaches.list', { search: text, filter: 'all' })).items.map((s) => s.id)
    expect(await search('%')).toEqual([])
    expect(await search('_')).toEqual([])
    expect(await search('a%e')).toEqual([])
    expect(await search('ad_m')).toEqual([])
    expect(await search('\\')).toEqual([])
    expect(await search('\\%')).toEqual([])

    const odd = await app.call(
      'coaches.create',
      coachInput({ legalName: 'Jo_Anne 100% Real', preferredName: 'Back\\slash' }),
    )
    expect(await search('_')).toEqual([odd.id])
    expect(await search('o_a')).toEqual([odd.id])
    expect(await search('100%')).toEqual([odd.id])
    expect(await search('k\\s')).toEqual([odd.id])
  })

  it('pages by key: limit 2 over 5 coaches gives each coach once, in order, then nextCursor null', async () => {
    const { app } = await roster()
    const full = await app.call('coaches.list', { filter: 'all', limit: 100 })
    expect(full.items).toHaveLength(5)

    const paged = await allPages(app, { filter: 'all', limit: 2 })
    expect(paged.map((s) => s.id)).toEqual(full.items.map((s) => s.id))
    expect(new Set(paged.map((s) => s.id)).size).toBe(5)

    const first = await app.call('coaches.list', { filter: 'all', limit: 2 })
    expect(first.total).toBe(5)
    expect(first.nextCursor).toEqual(expect.any(String))
    const last = await app.call('coaches.list', { filter: 'all', limit: 5 })
    expect(last.nextCursor).toBeNull() // exactly a full page: no empty page after it
  })

  it('pages correctly through ties in the sort key, by either sort, with a filter and a search', async () => {
    const app = await startTestApp()
    // Seven coaches called "Sam" starting the same day, and a few others around them.
    for (let i = 0; i < 7; i++)
      await app.call(
        'coaches.create',
        coachInput({ legalName: `Samuel ${i}`, preferredName: 'Sam', startDate: '2024-01-01' }),
      )
    await app.call('coaches.create', coachInput({ legalName: 'Aaron Before', startDate: '2023-12-31' }))
    await app.call('coaches.create', coachInput({ legalName: 'Zara After', startDate: '2024-01-02' }))
    await app.call(
      'coaches.create',
      coachInput({ legalName: 'Samantha Gone', startDate: '2024-01-01', status: 'left' }),
    )

    for (const sort of ['name', 'start_date'] as const) {
      for (const limit of [1, 2, 3, 4]) {
        const full = await app.call('coaches.list', { sort, limit: 100 })
        const paged = await allPages(app, { sort, limit })
        expect(
          paged.map((s) => s.id),
          `${sort} / ${limit}`,
        ).toEqual(full.items.map((s) => s.id))
        expect(paged).toHaveLength(9)

        const sams = await allPages(app, { sort, limit, search: 'sam', filter: 'all' })
        expect(sams.map((s) => s.legalName).sort()).toEqual(
          [...Array.from({ length: 7 }, (_, i) => `Samuel ${i}`), 'Samantha Gone'].sort(),
        )
      }
    }
    // Within a tie, the id decides.
    const byName = await app.call('coaches.list', { search: 'samuel', limit: 100 })
    const ids = byName.items.map((s) => s.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
  })

  it('refuses a garbage cursor with invalid_input', async () => {
    const { app } = await roster()
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    for (const after of [
      'garbage!!',
      'bm90IGpzb24',
      cursor({ key: 'a', id: 1 }),
      cursor(['a']),
      cursor([1, 2]),
      cursor(['a', 1.5]),
      cursor(['a', '1']),
    ]) {
      const error = await app.callError('coaches.list', { filter: 'all', after }, 'invalid_input')
      expect(error.fields, after).toHaveProperty('after')
    }
  })

  it('accepts a cursor from one page and an empty after', async () => {
    const { app } = await roster()
    const first = await app.call('coaches.list', { filter: 'all', limit: 3 })
    const second = await app.call('coaches.list', { filter: 'all', limit: 3, after: first.nextCursor })
    expect(second.items.map((s) => s.displayName)).toEqual(['Peggy', 'Zed Departed'])
    expect((await app.call('coaches.list', { filter: 'all', after: null })).items).toHaveLength(5)
    expect((await app.call('coaches.list', { filter: 'all', after: '' })).items).toHaveLength(5)
  })

  it('counts the whole filtered list, not the page', async () => {
    const { app } = await roster()
    expect((await app.call('coaches.list', { filter: 'all', limit: 1 })).total).toBe(5)
    expect((await app.call('coaches.list', { limit: 1 })).total).toBe(4)
    expect((await app.call('coaches.list', { search: 'a', filter: 'all', limit: 1 })).total).toBe(5)
    expect((await app.call('coaches.list', { search: 'carl', filter: 'active' })).total).toBe(0)
    expect((await app.call('coaches.list', { search: 'carl', filter: 'on_leave' })).total).toBe(1)
  })

  it('answers an empty page for an empty roster', async () => {
    const app = await startTestApp()
    expect(await app.call('coaches.list', {})).toEqual({ items: [], total: 0, nextCursor: null })
  })
})
