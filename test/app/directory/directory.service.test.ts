import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ChannelInput } from '@shared/api/contract'
import type { Resource, ResourceListPage, ResourceSummary } from '@shared/domain/directory'
import type { Clock } from '../../../electron/app/clock'
import { matchExpression } from '../../../electron/app/directory/directory.service'
import { coachInput, NOW, startTestApp, SUPERVISOR, type TestApp, type TestClient } from '../helpers'
import { fieldsOf, resourceInput } from './inputs'

/** A clock a test moves on: the same office, later. */
function movableClock(start = NOW): Clock & { set(iso: string): void } {
  let now = new Date(start)
  return { now: () => now, set: (iso) => (now = new Date(iso)) }
}

/**
 * Moves the office's clock on; the screens that locked themselves meanwhile are unlocked again, and the people whose
 * locked session ended (months later) sign in again.
 */
async function later(
  clock: ReturnType<typeof movableClock>,
  iso: string,
  ...users: (TestClient & { username: string; password: string })[]
) {
  clock.set(iso)
  for (const user of users) {
    const status = await user.call('auth.status', undefined)
    if (status.state === 'locked') await user.call('auth.unlock', { password: user.password })
    if (status.state === 'signed_out')
      await user.call('auth.signIn', { username: user.username, password: user.password })
  }
}

const asSupervisor = (app: TestApp) =>
  Object.assign(app, { username: SUPERVISOR.username, password: SUPERVISOR.password })

let coaches = 0
/** A coach's account, with its own roster entry. */
async function coachUser(app: TestApp) {
  const entry = await app.call('coaches.create', coachInput({ legalName: `Roster Coach ${++coaches}` }))
  return app.signInAs('coach', { coachId: entry.id })
}

async function create(app: TestClient, overrides: Parameters<typeof resourceInput>[0] = {}) {
  return app.call('resources.create', resourceInput(overrides))
}

async function expectRefused(app: TestApp, channel: string, input: unknown, field: string, message?: RegExp) {
  const before = app.snapshot()
  const error = await app.callError(channel, input, 'invalid_input')
  expect(Object.keys(error.fields ?? {}), JSON.stringify(error)).toContain(field)
  if (message) expect(error.fields![field]).toMatch(message)
  expect(app.snapshot(), `${channel} refused ${field} but changed rows`).toEqual(before)
  return error
}

const names = (page: ResourceListPage) => page.items.map((r) => r.name)

/** Walks every page of a list, checking sizes and total, and answers the resources in order. */
async function allPages(app: TestClient, input: ChannelInput<'resources.list'> & { limit: number }) {
  const seen: ResourceSummary[] = []
  let after: string | null = null
  for (let pages = 0; pages < 100; pages++) {
    const page: ResourceListPage = await app.call('resources.list', { ...input, after })
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

describe('resources.create', () => {
  it('stores the resource in a canonical order, as version 1, checked by whoever added it', async () => {
    const app = await startTestApp()
    const coach = await app.call('coaches.create', coachInput({ legalName: 'Marisol Reyes' }))
    const made = await create(app, {
      name: '  Harbour Street Recovery Café ',
      pathwayIds: [6, 1],
      domains: ['connectedness', 'social'],
      hours: [
        { day: 'thu', opens: '09:00', closes: '21:00' },
        { day: 'mon', opens: '09:00', closes: '17:00' },
      ],
      connectedCoachIds: [coach.id],
    })
    expect(made).toMatchObject({
      id: 1,
      version: 1,
      name: 'Harbour Street Recovery Café',
      kind: 'peer_centre',
      pathways: [
        { id: 6, label: 'Secular' },
        { id: 1, label: 'Twelve-step' },
      ],
      domains: ['social', 'connectedness'],
      hours: [
        { day: 'mon', opens: '09:00', closes: '17:00', closesNextDay: false },
        { day: 'thu', opens: '09:00', closes: '21:00', closesNextDay: false },
      ],
      languages: ['English', 'Spanish'],
      connections: [{ coachId: coach.id, displayName: 'Marisol Reyes' }],
      createdAt: NOW,
      createdBy: 'Pat Supervisor',
      lastCheckedAt: NOW,
      lastCheckedBy: 'Pat Supervisor',
      stale: false,
      tips: [],
    })
    const history = await app.call('resources.history', { id: made.id })
    expect(history.versions).toMatchObject([{ version: 1, kind: 'created', by: 'Pat Supervisor', changed: [] }])
    expect(history.checks).toEqual([{ version: 1, at: NOW, by: 'Pat Supervisor' }])
  })

  it('takes a name and a kind alone', async () => {
    const app = await startTestApp()
    const made = await app.call('resources.create', { name: 'Food bank', kind: 'food_shelter' })
    expect(made).toMatchObject({ pathways: [], hours: [], openNow: null, phone: null, website: null })
  })

  it('refuses a resource without a name, saving nothing', async () => {
    const app = await startTestApp()
    await expectRefused(app, 'resources.create', resourceInput({ name: '   ' }), 'name', /Name is required/)
    const { name: _, ...noName } = resourceInput()
    await expectRefused(app, 'resources.create', noName, 'name')
  })

  it.each([
    ['phone', { phone: 'call me maybe' }],
    ['phone', { phone: '12' }],
    ['email', { email: 'not-an-email' }],
    ['email', { email: 'a@b' }],
    ['website', { website: 'javascript:alert(1)' }],
    ['website', { website: 'file:///etc/passwd' }],
    ['website', { website: 'ftp://files.example.org/' }],
    ['website', { website: 'www.example.org' }],
    ['website', { website: 'https://user:secret@example.org/' }],
    ['website', { website: 'https://localhost/' }],
    ['website', { website: 'https://exa mple.org/' }],
    ['kind', { kind: 'casino' }],
    ['domains.0', { domains: ['wealth'] }],
    ['languages', { languages: ['English', 'english'] }],
  ])('refuses a malformed %s (%j), saving nothing', async (field, overrides) => {
    const app = await startTestApp()
    await expectRefused(app, 'resources.create', resourceInput(overrides as never), field)
  })

  it('accepts http and https addresses only, and phone numbers written the usual ways', async () => {
    const app = await startTestApp()
    for (const website of ['https://example.org', 'http://example.org/path?q=1#top', 'HTTPS://EXAMPLE.ORG/']) {
      expect((await create(app, { name: website, website })).website).toBe(website)
    }
    for (const phone of ['+1 (555) 010-0142', '0800 555 0150', '555.0142']) {
      expect((await create(app, { name: phone, phone })).phone).toBe(phone)
    }
  })

  it('refuses hours that end before they start, with the way to say "past midnight"', async () => {
    const app = await startTestApp()
    await expectRefused(
      app,
      'resources.create',
      resourceInput({ hours: [{ day: 'fri', opens: '22:00', closes: '02:00' }] }),
      'hours.0.closes',
      /Closes before it opens.*next day/,
    )
    await expectRefused(
      app,
      'resources.create',
      resourceInput({ hours: [{ day: 'fri', opens: '09:00', closes: '09:00' }] }),
      'hours.0.closes',
    )
    await expectRefused(
      app,
      'resources.create',
      resourceInput({ hours: [{ day: 'fri', opens: '09:00', closes: '10:00', closesNextDay: true }] }),
      'hours.0.closes',
      /more than 24 hours/,
    )
    await expectRefused(
      app,
      'resources.create',
      resourceInput({ hours: [{ day: 'fri', opens: '25:00', closes: '26:00' }] }),
      'hours.0.opens',
    )
  })

  it('refuses overlapping hours, including Sunday night running into Monday morning', async () => {
    const app = await startTestApp()
    await expectRefused(
      app,
      'resources.create',
      resourceInput({
        hours: [
          { day: 'mon', opens: '09:00', closes: '12:00' },
          { day: 'mon', opens: '11:00', closes: '14:00' },
        ],
      }),
      'hours.1',
      /Overlaps Monday 09:00–12:00/,
    )
    await expectRefused(
      app,
      'resources.create',
      resourceInput({
        hours: [
          { day: 'fri', opens: '20:00', closes: '03:00', closesNextDay: true },
          { day: 'sat', opens: '02:00', closes: '05:00' },
        ],
      }),
      'hours.1',
    )
    await expectRefused(
      app,
      'resources.create',
      resourceInput({
        hours: [
          { day: 'mon', opens: '06:00', closes: '12:00' },
          { day: 'sun', opens: '22:00', closes: '07:00', closesNextDay: true },
        ],
      }),
      'hours.1',
      /Overlaps Monday/,
    )
  })

  it('accepts hours past midnight, back-to-back hours and a whole day to 24:00', async () => {
    const app = await startTestApp()
    const made = await create(app, {
      hours: [
        { day: 'sun', opens: '22:00', closes: '06:00', closesNextDay: true },
        { day: 'mon', opens: '06:00', closes: '12:00' },
        { day: 'tue', opens: '00:00', closes: '24:00' },
        { day: 'wed', opens: '00:00', closes: '24:00' },
      ],
    })
    expect(made.hours.map((h) => h.day)).toEqual(['mon', 'tue', 'wed', 'sun'])
  })

  it('refuses pathways and coaches that do not exist, and a coach who has left as a new connection', async () => {
    const app = await startTestApp()
    await expectRefused(app, 'resources.create', resourceInput({ pathwayIds: [1, 99] }), 'pathwayIds')
    await expectRefused(app, 'resources.create', resourceInput({ connectedCoachIds: [42] }), 'connectedCoachIds')
    const left = await app.call('coaches.create', coachInput({ legalName: 'Gone Away', status: 'left' }))
    await expectRefused(
      app,
      'resources.create',
      resourceInput({ connectedCoachIds: [left.id] }),
      'connectedCoachIds',
      /Gone Away has left/,
    )
  })
})

describe('resources.update', () => {
  it('saves a new version that names the fields it changed', async () => {
    const app = await startTestApp()
    const made = await create(app)
    const coordinator = await app.signInAs('coordinator')
    const updated = await coordinator.call('resources.update', {
      id: made.id,
      expectedVersion: 1,
      fields: { ...fieldsOf(made), phone: '+1 555 0199', hours: [{ day: 'tue', opens: '10:00', closes: '16:00' }] },
    })
    expect(updated).toMatchObject({ version: 2, phone: '+1 555 0199', updatedBy: 'coordinator 1', updatedAt: NOW })
    const history = await app.call('resources.history', { id: made.id })
    expect(history.currentVersion).toBe(2)
    expect(history.versions.map((v) => [v.version, v.kind, v.by, v.changed])).toEqual([
      [2, 'edited', 'coordinator 1', ['phone', 'hours']],
      [1, 'created', 'Pat Supervisor', []],
    ])
    expect(history.versions[1]!.content.phone).toBe('+1 555 0142')
    // The trail says which fields changed, never what they now say.
    const trail = await app.call('audit.list', { recordType: 'resource', action: 'update' })
    expect(trail.items[0]).toMatchObject({
      summary: 'Details changed: phone, opening hours (version 2)',
      recordName: 'Harbour Street Recovery Café',
    })
    expect(JSON.stringify(trail)).not.toContain('0199')
  })

  it('tells the second of two editors that someone saved first, and keeps the first one’s change', async () => {
    const app = await startTestApp()
    const made = await create(app)
    const coach = await coachUser(app)
    await app.call('resources.update', {
      id: made.id,
      expectedVersion: 1,
      fields: { ...fieldsOf(made), name: 'First editor' },
    })
    const before = app.snapshot()
    const error = await coach.callError(
      'resources.update',
      { id: made.id, expectedVersion: 1, fields: { ...fieldsOf(made), name: 'Second editor' } },
      'conflict',
    )
    expect(error.message).toMatch(/Someone else changed this resource/)
    expect(app.snapshot()).toEqual(before)
    expect((await app.call('resources.get', { id: made.id })).name).toBe('First editor')
  })

  it('refuses a save that changes nothing, and bad fields, saving nothing', async () => {
    const app = await startTestApp()
    const made = await create(app)
    await expectRefused(app, 'resources.update', { id: made.id, expectedVersion: 1, fields: fieldsOf(made) }, 'fields')
    await expectRefused(
      app,
      'resources.update',
      { id: made.id, expectedVersion: 1, fields: { ...fieldsOf(made), website: 'javascript:void(0)' } },
      'fields.website',
    )
    await expectRefused(
      app,
      'resources.update',
      { id: made.id, expectedVersion: 1, fields: { ...fieldsOf(made), pathwayIds: [77] } },
      'fields.pathwayIds',
    )
    const before = app.snapshot()
    await app.callError('resources.update', { id: 99, expectedVersion: 1, fields: fieldsOf(made) }, 'not_found')
    expect(app.snapshot()).toEqual(before)
  })

  it('keeps a connection to a coach who has since left while other details change', async () => {
    const app = await startTestApp()
    const coach = await app.call('coaches.create', coachInput({ legalName: 'Leaving Soon' }))
    const made = await create(app, { connectedCoachIds: [coach.id] })
    await app.call('coaches.setStatus', { id: coach.id, expectedVersion: 1, status: 'left', effectiveOn: '2026-11-01' })
    const updated = await app.call('resources.update', {
      id: made.id,
      expectedVersion: 1,
      fields: { ...fieldsOf(made), phone: '+1 555 0100' },
    })
    expect(updated.connections).toEqual([{ coachId: coach.id, displayName: 'Leaving Soon' }])
  })
})

describe('resources.check', () => {
  it('marks the resource checked by the caller, without making a new version', async () => {
    const clock = movableClock('2026-03-01T09:00:00.000Z')
    const app = await startTestApp({ clock })
    const made = await create(app)
    await later(clock, NOW, asSupervisor(app))
    expect((await app.call('resources.get', { id: made.id })).stale).toBe(true)
    const coach = await coachUser(app)
    const checked = await coach.call('resources.check', { id: made.id, expectedVersion: 1 })
    expect(checked).toMatchObject({ version: 1, lastCheckedAt: NOW, lastCheckedBy: 'coach 1', stale: false })
    expect((await app.call('resources.history', { id: made.id })).checks.map((c) => c.by)).toEqual([
      'coach 1',
      'Pat Supervisor',
    ])
  })

  it('refuses a check of details that changed since the person looked, saving nothing', async () => {
    const app = await startTestApp()
    const made = await create(app)
    await app.call('resources.update', { id: made.id, expectedVersion: 1, fields: { ...fieldsOf(made), name: 'New' } })
    const before = app.snapshot()
    const error = await app.callError('resources.check', { id: made.id, expectedVersion: 1 }, 'conflict')
    expect(error.message).toMatch(/no longer what it says/)
    expect(app.snapshot()).toEqual(before)
    await app.callError('resources.check', { id: 404, expectedVersion: 1 }, 'not_found')
  })
})

describe('staleness', () => {
  it('is six months unchecked, and the stale list starts with the longest unchecked', async () => {
    const clock = movableClock('2026-01-10T09:00:00.000Z')
    const app = await startTestApp({ clock })
    await create(app, { name: 'Checked in January' })
    await later(clock, '2026-05-22T09:00:00.000Z', asSupervisor(app))
    await create(app, { name: 'Checked in May, just six months ago' })
    await later(clock, '2026-05-22T10:00:01.000Z', asSupervisor(app))
    await create(app, { name: 'Checked in May, a moment too late to be stale' })
    await later(clock, '2026-09-01T09:00:00.000Z', asSupervisor(app))
    await create(app, { name: 'Checked in September' })
    await later(clock, NOW, asSupervisor(app))

    const stale = await app.call('resources.list', { staleOnly: true, sort: 'last_checked' })
    expect(names(stale)).toEqual(['Checked in January', 'Checked in May, just six months ago'])
    expect(stale.items.every((r) => r.stale)).toBe(true)
    const all = await app.call('resources.list', { sort: 'last_checked' })
    expect(all.items.map((r) => r.stale)).toEqual([true, true, false, false])
    expect(all.order).toBe('last_checked')
  })
})

describe('resources.addTip', () => {
  it('adds a dated tip by the caller, newest first, and finds the resource by a word of it', async () => {
    const clock = movableClock('2026-11-01T08:00:00.000Z')
    const app = await startTestApp({ clock })
    const made = await create(app)
    const coach = await coachUser(app)
    await coach.call('resources.addTip', { id: made.id, text: 'Ask for Maria at the front desk, weekday mornings' })
    await later(clock, NOW, asSupervisor(app), coach)
    const tipped = await app.call('resources.addTip', { id: made.id, text: '  The side door is open after 6pm  ' })
    expect(tipped.tips).toMatchObject([
      { text: 'The side door is open after 6pm', at: NOW, by: 'Pat Supervisor' },
      { text: 'Ask for Maria at the front desk, weekday mornings', at: '2026-11-01T08:00:00.000Z', by: 'coach 1' },
    ])
    expect(tipped.version).toBe(1)
    expect(names(await coach.call('resources.list', { search: 'maria' }))).toEqual([made.name])
    expect((await app.call('resources.list', {})).items[0]!.tipCount).toBe(2)
  })

  it('refuses an empty or overlong tip, or one for a resource that does not exist, saving nothing', async () => {
    const app = await startTestApp()
    const made = await create(app)
    await expectRefused(app, 'resources.addTip', { id: made.id, text: '  ' }, 'text', /Tip is required/)
    await expectRefused(app, 'resources.addTip', { id: made.id, text: 'x'.repeat(501) }, 'text', /at most 500/)
    const before = app.snapshot()
    await app.callError('resources.addTip', { id: 9, text: 'Lost' }, 'not_found')
    expect(app.snapshot()).toEqual(before)
  })
})

describe('resources.restore', () => {
  async function edited(app: TestApp) {
    const made = await create(app)
    const v2 = await app.call('resources.update', {
      id: made.id,
      expectedVersion: 1,
      fields: { ...fieldsOf(made), name: 'Wrong name', hours: [], phone: null },
    })
    return { made, v2 }
  }

  it('brings back an earlier version as a new version, which can itself be undone', async () => {
    const app = await startTestApp()
    const { made, v2 } = await edited(app)
    const coach = await coachUser(app)
    const restored = await coach.call('resources.restore', { id: made.id, expectedVersion: 2, version: 1 })
    expect(restored).toMatchObject({ version: 3, name: made.name, phone: made.phone, hours: made.hours })
    const history = await app.call('resources.history', { id: made.id })
    expect(history.versions[0]).toMatchObject({
      version: 3,
      kind: 'restored',
      restoredFrom: 1,
      by: 'coach 1',
      changed: ['name', 'phone', 'hours'],
    })
    expect(history.versions.map((v) => v.version)).toEqual([3, 2, 1])
    expect(names(await app.call('resources.list', { search: 'harbour' }))).toEqual([made.name])
    expect((await app.call('resources.list', { search: 'wrong' })).total).toBe(0)

    const undone = await app.call('resources.restore', { id: made.id, expectedVersion: 3, version: 2 })
    expect(undone).toMatchObject({ version: 4, name: v2.name, hours: [] })
    const trail = await app.call('audit.list', { action: 'restore_version' })
    expect(trail.items.map((e) => e.summary)).toEqual([
      'Version 2 restored as version 4: name, phone, opening hours',
      'Version 1 restored as version 3: name, phone, opening hours',
    ])
  })

  it('refuses the current version, a later one, one that says the same, and a stale start, saving nothing', async () => {
    const app = await startTestApp()
    const { made } = await edited(app)
    await expectRefused(app, 'resources.restore', { id: made.id, expectedVersion: 2, version: 2 }, 'version')
    await expectRefused(app, 'resources.restore', { id: made.id, expectedVersion: 2, version: 7 }, 'version')
    await app.call('resources.restore', { id: made.id, expectedVersion: 2, version: 1 })
    await expectRefused(app, 'resources.restore', { id: made.id, expectedVersion: 3, version: 1 }, 'version', /Same/)
    const before = app.snapshot()
    await app.callError('resources.restore', { id: made.id, expectedVersion: 2, version: 1 }, 'conflict')
    await app.callError('resources.restore', { id: 50, expectedVersion: 1, version: 1 }, 'not_found')
    expect(app.snapshot()).toEqual(before)
  })

  it('keeps the history append-only, even against SQL from outside the app', async () => {
    const app = await startTestApp()
    await edited(app)
    const sqlite = app.core.vault.database!.sqlite
    expect(() => sqlite.prepare("UPDATE resource_versions SET content = '{}'").run()).toThrow(/append-only/)
    expect(() => sqlite.prepare('DELETE FROM resource_versions').run()).toThrow(/append-only/)
    expect(() => sqlite.prepare('DELETE FROM resource_checks').run()).toThrow(/append-only/)
    expect(() =>
      sqlite
        .prepare(
          "INSERT INTO resource_versions (resource_id, version, kind, content, at) VALUES (1, 9, 'edited', '{}', 'x')",
        )
        .run(),
    ).toThrow(/must match its resource/)
  })
})

describe('resources.list', () => {
  async function directory(app: TestApp) {
    const coach = await app.call(
      'coaches.create',
      coachInput({
        legalName: 'Marisol Reyes',
        email: 'marisol.private@example.org',
        phone: '+1 555 0777',
        pronouns: 'she/her',
        languages: ['Tagalog'],
      }),
    )
    const dharma = await app.call('resources.addPathway', { label: 'Recovery Dharma' })
    await create(app, {
      name: 'Alcoholics Anonymous — Central group',
      kind: 'mutual_aid',
      pathwayIds: [1],
      domains: ['social'],
      languages: ['English'],
      description: 'Open meeting every evening.',
    })
    await create(app, {
      name: 'Clínica San José',
      kind: 'medication',
      pathwayIds: [4, 5],
      domains: ['personal', 'hope'],
      languages: ['Español', 'English'],
      description: 'Buprenorphine starts the same day.',
      connectedCoachIds: [coach.id],
    })
    await create(app, {
      name: 'Dharma sitting group',
      kind: 'mutual_aid',
      pathwayIds: [dharma.id],
      domains: ['meaning'],
      languages: [],
      description: null,
    })
    await create(app, {
      name: 'Bridges Housing',
      kind: 'recovery_housing',
      pathwayIds: [],
      domains: ['community'],
      languages: ['English', 'Polish'],
      description: 'Sober living; café downstairs.',
    })
    return { coach, dharma }
  }

  it('lists by name, paging by key', async () => {
    const app = await startTestApp()
    for (let i = 0; i < 12; i++) await create(app, { name: `Resource ${String(i).padStart(2, '0')}` })
    const seen = await allPages(app, { limit: 5 })
    expect(seen.map((r) => r.name)).toEqual(
      Array.from({ length: 12 }, (_, i) => `Resource ${String(i).padStart(2, '0')}`),
    )
  })

  it('filters by kind, pathway, domain and language (any case, any accents), together', async () => {
    const app = await startTestApp()
    const { dharma } = await directory(app)
    expect(names(await app.call('resources.list', { kind: 'mutual_aid' }))).toEqual([
      'Alcoholics Anonymous — Central group',
      'Dharma sitting group',
    ])
    expect(names(await app.call('resources.list', { pathwayId: 5 }))).toEqual(['Clínica San José'])
    expect(names(await app.call('resources.list', { pathwayId: dharma.id }))).toEqual(['Dharma sitting group'])
    expect(names(await app.call('resources.list', { domain: 'community' }))).toEqual(['Bridges Housing'])
    expect(names(await app.call('resources.list', { language: 'ESPANOL' }))).toEqual(['Clínica San José'])
    expect(names(await app.call('resources.list', { language: 'english', kind: 'mutual_aid' }))).toEqual([
      'Alcoholics Anonymous — Central group',
    ])
    const none = await app.call('resources.list', { language: 'English', domain: 'meaning' })
    expect(none).toMatchObject({ items: [], total: 0, nextCursor: null })
  })

  it('shows every role the display names of connected coaches, and nothing else about them', async () => {
    const app = await startTestApp()
    const { coach } = await directory(app)
    const own = await app.call('coaches.create', coachInput({ legalName: 'Own Coach' }))
    const viewer = await app.signInAs('coach', { coachId: own.id })
    const page = await viewer.call('resources.list', { search: 'clinica' })
    expect(page.items[0]!.connections).toEqual([{ coachId: coach.id, displayName: 'Marisol Reyes' }])
    const choices = await viewer.call('resources.coaches', {})
    expect(choices.items).toEqual([
      { coachId: coach.id, displayName: 'Marisol Reyes' },
      { coachId: own.id, displayName: 'Own Coach' },
    ])
    const everything = JSON.stringify([page, choices, await viewer.call('resources.get', { id: page.items[0]!.id })])
    for (const detail of [
      'marisol.private',
      '555 0777',
      'she/her',
      'Hidden Supervisor',
      'Tagalog',
      'Marisol Reyes Test',
    ]) {
      expect(everything).not.toContain(detail)
    }
    await viewer.callError('coaches.get', { id: coach.id }, 'forbidden')
  })

  it('refuses a page marker it did not make, or one from another order', async () => {
    const app = await startTestApp()
    for (let i = 0; i < 3; i++) await create(app, { name: `Harbour ${i}` })
    const byName = await app.call('resources.list', { limit: 1 })
    await expectRefused(app, 'resources.list', { after: 'not-a-cursor' }, 'after')
    await expectRefused(app, 'resources.list', { sort: 'last_checked', after: byName.nextCursor }, 'after')
    await expectRefused(app, 'resources.list', { search: 'harbour', after: byName.nextCursor }, 'after')
  })
})

describe('open now', () => {
  const overnight = {
    name: 'Night shelter',
    hours: [
      { day: 'sat' as const, opens: '22:00', closes: '06:00', closesNextDay: true },
      { day: 'sun' as const, opens: '22:00', closes: '02:00', closesNextDay: true },
    ],
  }

  async function withHours(clock: Clock) {
    const app = await startTestApp({ clock })
    await create(app, overnight)
    await create(app, { name: 'Weekday office', hours: [{ day: 'mon', opens: '09:00', closes: '17:00' }] })
    await create(app, { name: 'No hours known', hours: [] })
    return app
  }

  const openNames = async (app: TestApp) => names(await app.call('resources.list', { openNow: true }))
  const setZone = (app: TestApp, timeZone: string) =>
    app.call('settings.update', { officeName: 'Test Office', coachTitle: 'recovery_coach', timeZone })

  it('reads the hours in the office’s time zone, across midnight, and follows a change of time zone', async () => {
    // 2026-11-22T10:00Z is Sunday 05:00 in New York, Sunday 10:00 in London and Sunday 23:00 in Auckland.
    const app = await withHours(movableClock(NOW))
    await setZone(app, 'America/New_York')
    expect(await openNames(app)).toEqual(['Night shelter'])
    const all = await app.call('resources.list', {})
    expect(all.items.map((r) => [r.name, r.openNow])).toEqual([
      ['Night shelter', true],
      ['No hours known', null],
      ['Weekday office', false],
    ])
    await setZone(app, 'Europe/London')
    expect(await openNames(app)).toEqual([])
    expect((await app.call('resources.get', { id: 1 })).openNow).toBe(false)
    await setZone(app, 'Pacific/Auckland')
    expect(await openNames(app)).toEqual(['Night shelter'])
  })

  it('keeps Sunday night open into Monday morning, and opens Monday’s hours on time', async () => {
    const clock = movableClock('2026-11-22T12:30:00.000Z') // Monday 01:30 in Auckland
    const app = await withHours(clock)
    await setZone(app, 'Pacific/Auckland')
    expect(await openNames(app)).toEqual(['Night shelter'])
    await later(clock, '2026-11-22T13:00:00.000Z', asSupervisor(app)) // Monday 02:00: the shelter has just closed
    expect(await openNames(app)).toEqual([])
    await later(clock, '2026-11-22T20:00:00.000Z', asSupervisor(app)) // Monday 09:00
    expect(await openNames(app)).toEqual(['Weekday office'])
    await later(clock, '2026-11-23T04:00:00.000Z', asSupervisor(app)) // Monday 17:00: closed
    expect(await openNames(app)).toEqual([])
  })
})

describe('search', () => {
  async function searchable(app: TestApp) {
    await create(app, { name: 'Harbour Street Recovery Café', description: 'Peer café and drop-in.' })
    await create(app, {
      name: 'Clínica San José',
      kind: 'medication',
      description: 'Buprenorphine starts; ask about the harbour outreach van.',
      address: null,
    })
    const housing = await create(app, {
      name: 'Bridges Housing',
      kind: 'recovery_housing',
      description: null,
      address: null,
    })
    await app.call('resources.addTip', { id: housing.id, text: 'The manager, Lucía, answers after 4pm.' })
    return housing
  }
  const search = async (app: TestClient, text: string, extra: ChannelInput<'resources.list'> = {}) =>
    names(await app.call('resources.list', { search: text, ...extra }))

  it('finds names, descriptions and tips, ignoring case and accents, best match first', async () => {
    const app = await startTestApp()
    await searchable(app)
    expect(await search(app, 'HARBOUR')).toEqual(['Harbour Street Recovery Café', 'Clínica San José'])
    expect(await search(app, 'cafe')).toEqual(['Harbour Street Recovery Café'])
    expect(await search(app, 'clinica jose')).toEqual(['Clínica San José'])
    expect(await search(app, 'lucia')).toEqual(['Bridges Housing'])
    expect(await search(app, 'LUCÍA 4PM')).toEqual(['Bridges Housing'])
    expect(await search(app, 'bupre')).toEqual(['Clínica San José'])
    expect(await search(app, 'harbour', { kind: 'medication' })).toEqual(['Clínica San José'])
    expect((await app.call('resources.list', { search: 'harbour' })).order).toBe('relevance')
    expect(await search(app, 'nowhere')).toEqual([])
  })

  it('pages through hits by key, each once, best first', async () => {
    const app = await startTestApp()
    for (let i = 0; i < 7; i++) {
      await create(app, { name: `Recovery ${'recovery '.repeat(i % 3)}${i}`, description: 'recovery' })
    }
    const seen = await allPages(app, { search: 'recovery', limit: 3 })
    expect(new Set(seen.map((r) => r.id)).size).toBe(7)
  })

  it('treats FTS5 syntax and any other hostile text as plain words, never as an error', async () => {
    const app = await startTestApp()
    await searchable(app)
    const hostile = [
      '"',
      '""',
      '"harbour',
      'harbour"',
      "'",
      '*',
      'harb*',
      '* OR 1=1',
      'NEAR(harbour café)',
      'NEAR/2',
      'harbour NEAR café',
      'name:harbour',
      'description:',
      '{name description}: harbour',
      '^harbour',
      '^',
      '(',
      ')',
      '(harbour OR',
      'AND',
      'OR',
      'NOT',
      'harbour NOT café',
      '-',
      '- -',
      '-harbour',
      '+',
      ':',
      '::',
      '\\',
      '%',
      '_',
      "'; DROP TABLE resources; --",
      '\u0000',
      '\u202e',
      '😀',
      '🏳️‍🌈 harbour',
      'x'.repeat(10_240),
      'harbour '.repeat(2000),
      '中文 العربية עברית',
      '\ud800',
    ]
    const before = app.snapshot()
    for (const text of hostile) {
      const result = await app.callRaw('resources.list', { search: text })
      expect(result.ok, `search ${JSON.stringify(text.slice(0, 40))}: ${JSON.stringify(result).slice(0, 300)}`).toBe(
        true,
      )
    }
    expect(await search(app, 'name:harbour')).toEqual(await search(app, 'name harbour'))
    expect(await search(app, '"harbour')).toEqual(['Harbour Street Recovery Café', 'Clínica San José'])
    expect(await search(app, '-harbour')).toEqual(['Harbour Street Recovery Café', 'Clínica San José'])
    expect(await search(app, '🏳️‍🌈 harbour')).toHaveLength(2)
    expect(app.snapshot()).toEqual(before)
    expect(app.log.entries).toEqual([])
  })

  it('answers ok for any text at all (a property over random strings)', async () => {
    const app = await startTestApp()
    await searchable(app)
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), async (text) => {
        const result = await app.callRaw('resources.list', { search: text, limit: 5 })
        expect(result.ok).toBe(true)
      }),
      { numRuns: 300, seed: 20261122 },
    )
    expect(app.log.entries).toEqual([])
  })

  it('builds its MATCH expression from quoted words only', () => {
    expect(matchExpression('Café "near" NEAR(x) name:y ^zed *')).toBe('"cafe" "near" "x" "name" "y" "zed"*')
    expect(matchExpression('😀 - * ( ) "')).toBeNull()
    expect(matchExpression('a')).toBe('"a"')
    expect(matchExpression(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))?.split(' ')).toHaveLength(12)
  })
})

describe('resources.pathways and resources.addPathway', () => {
  it('starts with the six pathways and takes the office’s own, once whatever its case or accents', async () => {
    const app = await startTestApp()
    const start = await app.call('resources.pathways', {})
    expect(start.items.filter((p) => p.builtIn).map((p) => p.label)).toEqual([
      'Faith-based',
      'Harm reduction',
      'Medication-assisted',
      'Secular',
      'SMART Recovery',
      'Twelve-step',
    ])
    const coach = await coachUser(app)
    const added = await coach.call('resources.addPathway', { label: '  Wellbriety ' })
    expect(added).toEqual({ id: 7, label: 'Wellbriety', builtIn: false })
    await expectRefused(app, 'resources.addPathway', { label: 'WELLBRIÉTY' }, 'label', /Already/)
    await expectRefused(app, 'resources.addPathway', { label: 'smart recovery' }, 'label')
    await expectRefused(app, 'resources.addPathway', { label: ' ' }, 'label')
    await expectRefused(app, 'resources.addPathway', { label: 'x'.repeat(61) }, 'label')
    const made = await create(app, { pathwayIds: [added.id] })
    expect(made.pathways).toEqual([{ id: 7, label: 'Wellbriety' }])
  })
})

describe('resources.get', () => {
  it('answers not_found for a resource that does not exist', async () => {
    const app = await startTestApp()
    await app.callError('resources.get', { id: 3 }, 'not_found')
    await expectRefused(app, 'resources.get', { id: -1 }, 'id')
  })

  it('shows the same resource to every role', async () => {
    const app = await startTestApp()
    const made: Resource = await create(app)
    for (const other of [await app.signInAs('coordinator'), await coachUser(app)]) {
      expect(await other.call('resources.get', { id: made.id })).toEqual(made)
    }
  })
})
