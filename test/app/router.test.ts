import { describe, expect, it } from 'vitest'
import { CHANNELS, contract, type Channel, type ChannelInput } from '@shared/api/contract'
import { ERROR_CODES } from '@shared/api/result'
import { fixedClock } from '../../electron/app/clock'
import { AppError } from '../../electron/app/errors'
import { createRouter, type Routes } from '../../electron/app/router'
import { buildRoutes } from '../../electron/app/routes'
import { ACCESS, type Access } from '@shared/access'
import { resourceInput } from './directory/inputs'
import {
  contractFieldsOf,
  contractInput,
  dispatchFieldsOf,
  dispatchInput,
  partnerInput,
  partnerWithContract,
} from './contracts/support'
import { RCP_REQUIREMENTS, saveSet, trainingInput } from './ladder/inputs'
import { sessionInput, signedOffSession } from './supervision/inputs'
import { assessmentInput, coachInput, memoryLogger, NOW, startTestApp, type TestApp } from './helpers'

const ENV = { appVersion: 'test', sqliteVersion: '3.0.0', transport: 'http' as const }
const SUPERVISOR_CLIENT = 'test-supervisor'

/** An app with one coach in it, so "nothing changed" compares against a database that has rows. */
async function appWithACoach(): Promise<TestApp> {
  const app = await startTestApp()
  await app.call('coaches.create', coachInput({ legalName: 'Existing Coach' }))
  await app.call('settings.update', { officeName: 'Test Office', coachTitle: 'ally' })
  return app
}

/** Expects `invalid_input` naming exactly `field` among its fields, and the database untouched. */
async function expectInvalid(app: TestApp, channel: string, input: unknown, field: string, message?: RegExp) {
  const before = app.snapshot()
  const error = await app.callError(channel, input, 'invalid_input')
  expect(error.fields, JSON.stringify(error)).toBeDefined()
  expect(Object.keys(error.fields!)).toContain(field)
  if (message) expect(error.fields![field]).toMatch(message)
  expect(app.snapshot()).toEqual(before)
  return error
}

describe('channels', () => {
  it('refuses an unknown channel by name', async () => {
    const app = await startTestApp()
    const error = await app.callError('coaches.delete', { id: 1 }, 'unknown_channel')
    expect(error.message).toContain('"coaches.delete"')
  })

  it.each([
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', { channel: 'app.info' }],
    ['an inherited property name', 'toString'],
    ['a prototype key', '__proto__'],
  ])('refuses a channel that is %s', async (_, channel) => {
    const app = await startTestApp()
    await app.callError(channel, {}, 'unknown_channel')
  })

  it('quotes at most 80 characters of a long unknown channel name', async () => {
    const app = await startTestApp()
    const error = await app.callError('x'.repeat(10_000), {}, 'unknown_channel')
    expect(error.message.length).toBeLessThan(200)
  })

  it('has a route and an access rule for every channel of the contract, and no other', async () => {
    const app = await startTestApp()
    const routes = buildRoutes({ ...ENV, auth: app.core.auth, backups: app.core.backups })
    expect(CHANNELS.length).toBeGreaterThan(0)
    for (const channel of CHANNELS) {
      const route = routes[channel]
      expect(route, channel).toBeDefined()
      expect(ACCESS[channel], channel).toBeDefined()
      expect(typeof route.handle, channel).toBe('function')
    }
    expect(Object.keys(routes).sort()).toEqual([...CHANNELS].sort())
    expect(Object.keys(ACCESS).sort()).toEqual([...CHANNELS].sort())
  })

  // A valid input for every channel; the Record type makes a new channel without an entry a compile error.
  // The auth channels change who is signed in; test/app/auth covers each of them.
  const validInputs: {
    [C in Exclude<Channel, `auth.${string}` | 'backups.restore'>]: (
      app: TestApp,
    ) => Promise<ChannelInput<C>> | ChannelInput<C>
  } = {
    'app.info': () => undefined,
    'accounts.list': () => ({}),
    'accounts.newRecoveryKey': () => ({}),
    'accounts.create': () => ({
      username: 'new.one',
      displayName: 'New One',
      role: 'coordinator',
      password: 'first-password-1',
    }),
    'accounts.deactivate': async (app) => {
      const account = await app.call('accounts.create', {
        username: 'to.go',
        displayName: 'To Go',
        role: 'coordinator',
        password: 'first-password-1',
      })
      return { id: account.id, version: account.version }
    },
    'accounts.reactivate': async (app) => {
      const account = await app.call('accounts.create', {
        username: 'to.return',
        displayName: 'Back',
        role: 'coordinator',
        password: 'first-password-1',
      })
      const gone = await app.call('accounts.deactivate', { id: account.id, version: account.version })
      return { id: gone.id, version: gone.version, password: 'second-password-2' }
    },
    'accounts.resetPassword': async (app) => {
      const account = await app.call('accounts.create', {
        username: 'forgot',
        displayName: 'Forgot',
        role: 'coordinator',
        password: 'first-password-1',
      })
      return { id: account.id, version: account.version, password: 'second-password-2' }
    },
    'accounts.setRole': async (app) => {
      const account = await app.call('accounts.create', {
        username: 'promoted',
        displayName: 'Promoted',
        role: 'coordinator',
        password: 'first-password-1',
      })
      return { id: account.id, version: account.version, role: 'supervisor', password: 'second-password-2' }
    },
    'audit.list': () => ({ limit: 10 }),
    'audit.verify': () => ({}),
    'backups.list': () => ({}),
    'backups.create': (app) => ({ path: `${app.dataDir}/by-hand.casebook-backup` }),
    'settings.get': () => ({}),
    'settings.update': () => ({ officeName: 'Renamed', coachTitle: 'companion' }),
    'coaches.list': () => ({}),
    'coaches.get': () => ({ id: 1 }),
    'coaches.create': () => coachInput({ legalName: 'Another Coach' }),
    'coaches.update': () => ({
      id: 1,
      expectedVersion: 1,
      fields: { ...fieldsOf(coachInput()), legalName: 'Changed' },
    }),
    'coaches.setStatus': () => ({ id: 1, expectedVersion: 1, status: 'on_leave', effectiveOn: '2026-11-01' }),
    'coaches.setStage': () => ({ id: 1, expectedVersion: 1, stage: 'training', changedOn: '2026-11-01' }),
    'resources.list': () => ({ search: 'café', openNow: true }),
    'resources.get': async (app) => ({ id: (await app.call('resources.create', resourceInput())).id }),
    'resources.create': () => resourceInput({ connectedCoachIds: [1] }),
    'resources.update': async (app) => {
      const made = await app.call('resources.create', resourceInput())
      return { id: made.id, expectedVersion: 1, fields: resourceInput({ name: 'Renamed' }) }
    },
    'resources.check': async (app) => ({
      id: (await app.call('resources.create', resourceInput())).id,
      expectedVersion: 1,
    }),
    'resources.addTip': async (app) => ({
      id: (await app.call('resources.create', resourceInput())).id,
      text: 'Ask for Maria',
    }),
    'resources.history': async (app) => ({ id: (await app.call('resources.create', resourceInput())).id }),
    'resources.restore': async (app) => {
      const made = await app.call('resources.create', resourceInput())
      await app.call('resources.update', {
        id: made.id,
        expectedVersion: 1,
        fields: resourceInput({ name: 'Renamed' }),
      })
      return { id: made.id, expectedVersion: 2, version: 1 }
    },
    'resources.pathways': () => ({}),
    'resources.addPathway': () => ({ label: 'Recovery Dharma' }),
    'resources.coaches': () => ({}),
    'assessments.get': async (app) => ({ id: (await app.call('assessments.create', assessmentInput(1))).id }),
    'assessments.create': () => assessmentInput(1),
    'assessments.update': async (app) => {
      const draft = await app.call('assessments.create', assessmentInput(1))
      return { id: draft.id, expectedVersion: draft.version, fields: { assessedOn: '2026-11-02' } }
    },
    'assessments.complete': async (app) => {
      const draft = await app.call('assessments.create', assessmentInput(1))
      return { id: draft.id, expectedVersion: draft.version }
    },
    'assessments.discard': async (app) => {
      const draft = await app.call('assessments.create', assessmentInput(1))
      return { id: draft.id, expectedVersion: draft.version }
    },
    'assessments.amend': async (app) => {
      const draft = await app.call('assessments.create', assessmentInput(1))
      const done = await app.call('assessments.complete', { id: draft.id, expectedVersion: draft.version })
      return {
        id: done.id,
        reason: 'A score was typed in the wrong row',
        fields: { assessedOn: '2026-11-01', scores: { hope: { practice: 6 } } },
      }
    },
    'goals.create': () => ({
      coachId: 1,
      domain: 'hope',
      track: 'practice',
      description: 'Share one recovery story a week',
      targetDate: '2027-02-01',
    }),
    'goals.update': async (app) => {
      const goal = await app.call('goals.create', {
        coachId: 1,
        domain: 'meaning',
        track: 'own',
        description: 'Start the evening class',
        targetDate: '2027-01-15',
      })
      return {
        id: goal.id,
        expectedVersion: goal.version,
        description: goal.description,
        targetDate: goal.targetDate,
        status: 'achieved',
      }
    },
    'coaches.supervisors': () => ({}),
    'growth.coach': () => ({ coachId: 1 }),
    'growth.report': () => ({ coachId: 1 }),
    'growth.team': () => ({ scope: 'everyone' }),
    'partners.list': () => ({}),
    'partners.get': async (app) => ({ id: (await app.call('partners.create', partnerInput())).id }),
    'partners.create': () => partnerInput(),
    'partners.update': async (app) => {
      const partner = await app.call('partners.create', partnerInput())
      return { id: partner.id, expectedVersion: 1, fields: partnerInput({ name: 'Renamed Partner' }) }
    },
    'contracts.list': () => ({}),
    'contracts.get': async (app) => ({ id: (await partnerWithContract(app, [1])).contract.id }),
    'contracts.create': async (app) => contractInput((await app.call('partners.create', partnerInput())).id),
    'contracts.update': async (app) => {
      const { contract } = await partnerWithContract(app, [1])
      return { id: contract.id, expectedVersion: 1, fields: { ...contractFieldsOf(contract), title: 'Renamed' } }
    },
    'contracts.terminate': async (app) => {
      const { contract } = await partnerWithContract(app, [])
      return { id: contract.id, expectedVersion: 1, terminatedOn: '2026-11-01', reason: 'Funding ended' }
    },
    'contracts.dashboard': () => ({}),
    'dispatches.list': () => ({}),
    'dispatches.get': async (app) => {
      const { contract } = await partnerWithContract(app, [1])
      return { id: (await app.call('dispatches.create', dispatchInput(contract.id, 1))).id }
    },
    'dispatches.create': async (app) => dispatchInput((await partnerWithContract(app, [1])).contract.id, 1),
    'dispatches.update': async (app) => {
      const { contract } = await partnerWithContract(app, [1])
      const dispatch = await app.call('dispatches.create', dispatchInput(contract.id, 1))
      return { id: dispatch.id, expectedVersion: 1, fields: { ...dispatchFieldsOf(dispatch), location: 'Bay 9' } }
    },
    'dispatches.suggestCoaches': async (app) => ({ contractId: (await partnerWithContract(app, [1])).contract.id }),
    'dispatches.export': async (app) => ({
      contractId: (await partnerWithContract(app, [1])).contract.id,
      from: '2026-01-01',
      to: '2026-12-31',
    }),
    'ladder.coach': () => ({ coachId: 1 }),
    'ladder.office': () => ({}),
    'ladder.recordStep': async (app) => {
      const set = await saveSet(app, 'rcp', RCP_REQUIREMENTS)
      return { coachId: 1, requirementId: set.requirements[1]!.id, completedOn: '2026-11-01' }
    },
    'ladder.advance': () => ({ coachId: 1, expectedVersion: 1, toStage: 'training', changedOn: '2026-11-01' }),
    'requirements.list': () => ({}),
    'requirements.save': () => ({ stage: 'rcp', expectedVersion: 0, requirements: RCP_REQUIREMENTS }),
    'trainings.list': () => ({}),
    'trainings.create': () => trainingInput(),
    'trainings.update': async (app) => {
      const made = await app.call('trainings.create', trainingInput())
      return { id: made.id, expectedVersion: made.version, fields: trainingInput({ hours: 6 }) }
    },
    'trainings.attend': async (app) => {
      const made = await app.call('trainings.create', trainingInput())
      return { coachId: 1, trainingId: made.id, attendedOn: '2026-10-01', hours: 6, completed: true }
    },
    'trainings.evaluation': async (app) => ({ trainingId: (await app.call('trainings.create', trainingInput())).id }),
    'supervision.create': () => sessionInput([1]),
    'supervision.update': async (app) => {
      const draft = await app.call('supervision.create', sessionInput([1]))
      return { id: draft.id, expectedVersion: draft.version, fields: sessionInput([1], { minutes: 45 }) }
    },
    'supervision.signOff': async (app) => {
      const draft = await app.call('supervision.create', sessionInput([1]))
      return { id: draft.id, expectedVersion: draft.version }
    },
    'supervision.addAddendum': async (app) => ({
      id: (await signedOffSession(app, sessionInput([1]))).id,
      privateText: 'On reflection, ask about sleep too.',
    }),
    'supervision.linkAssessment': async (app) => ({
      sessionId: (await signedOffSession(app, sessionInput([1]))).id,
      assessmentId: (await app.call('assessments.create', assessmentInput(1))).id,
    }),
    'supervision.get': async (app) => ({ id: (await signedOffSession(app, sessionInput([1]))).id }),
    'supervision.list': () => ({ coachId: 1 }),
    'supervision.startPage': () => ({}),
    'supervision.barriers': () => ({ quarters: 4 }),
    'supervision.search': () => ({ query: '"NEAR( boundaries* :^' }),
    'actionItems.list': () => ({ coachId: 1, open: false }),
    'actionItems.markDone': async (app) => ({
      id: (await signedOffSession(app, sessionInput([1]))).actionItems[0]!.id,
    }),
  }

  // The auth channels change who is signed in and restore swaps the database: test/app/auth and test/app/backups.
  const NON_AUTH_CHANNELS = CHANNELS.filter(
    (c): c is keyof typeof validInputs => !c.startsWith('auth.') && c !== 'backups.restore',
  )
  it.each(NON_AUTH_CHANNELS)('%s answers a valid call with output that follows the contract', async (channel) => {
    const app = await appWithACoach()
    const result = await app.callRaw(channel, await (validInputs[channel] as (app: TestApp) => unknown)(app))
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true })
    if (!result.ok) return
    expect(contract[channel].output.safeParse(result.value).success).toBe(true)
    expect(app.log.entries).toEqual([])
  })

  it('app.info reports the transport and versions', async () => {
    const app = await startTestApp()
    const info = await app.call('app.info', undefined)
    expect(info.transport).toBe('http')
    expect(info.appVersion).toBe('test')
    expect(info.sqliteVersion).toMatch(/^3\.\d+\.\d+$/)
  })
})

/** The editable fields of a create input (what coaches.update takes). */
function fieldsOf(input: ReturnType<typeof coachInput>) {
  const { status: _status, careerStage: _stage, ...fields } = input
  return fields
}

describe('input validation: invalid_input naming the field, and nothing written', () => {
  it('wrong types', async () => {
    const app = await appWithACoach()
    await expectInvalid(app, 'coaches.create', coachInput({ legalName: 42 as never }), 'legalName')
    await expectInvalid(
      app,
      'coaches.create',
      coachInput({ supervisionCadenceDays: '14' as never }),
      'supervisionCadenceDays',
    )
    await expectInvalid(app, 'coaches.create', coachInput({ workSettings: 'community' as never }), 'workSettings')
    await expectInvalid(app, 'coaches.create', coachInput({ languages: ['English', 7] as never }), 'languages.1')
    await expectInvalid(app, 'coaches.get', { id: '1' }, 'id')
    await expectInvalid(app, 'coaches.list', { limit: '10' }, 'limit')
    await expectInvalid(app, 'settings.update', { officeName: ['x'], coachTitle: 'ally' }, 'officeName')
  })

  it.each([
    ['null', null],
    ['a string', 'legalName'],
    ['an array', [coachInput()]],
    ['a number', 1],
  ])('an input that is %s instead of an object', async (_, input) => {
    const app = await appWithACoach()
    await expectInvalid(app, 'coaches.create', input, '_')
  })

  it('missing fields', async () => {
    const app = await appWithACoach()
    const { startDate: _, ...noStart } = coachInput()
    await expectInvalid(app, 'coaches.create', noStart, 'startDate', /Start date is required/)
    const { legalName: __, ...noName } = coachInput()
    await expectInvalid(app, 'coaches.create', noName, 'legalName', /Legal name is required/)
    await expectInvalid(app, 'coaches.get', {}, 'id')
    await expectInvalid(app, 'coaches.setStage', { id: 1, expectedVersion: 1, stage: 'rcp' }, 'changedOn')
    await expectInvalid(app, 'settings.update', { officeName: 'Only a name' }, 'coachTitle')
  })

  it('reports every bad field at once', async () => {
    const app = await appWithACoach()
    const error = await expectInvalid(
      app,
      'coaches.create',
      coachInput({ legalName: '', startDate: 'soon', employment: 'boss' as never }),
      'legalName',
    )
    expect(Object.keys(error.fields!).sort()).toEqual(['employment', 'legalName', 'startDate'])
    expect(error.message).toBe('Please check the 3 highlighted fields.')
  })

  it('oversized strings', async () => {
    const app = await appWithACoach()
    await expectInvalid(app, 'coaches.create', coachInput({ legalName: 'a'.repeat(201) }), 'legalName', /at most 200/)
    await expectInvalid(app, 'coaches.list', { search: 's'.repeat(101) }, 'search', /at most 100/)
    await expectInvalid(app, 'coaches.create', coachInput({ pronouns: 'p'.repeat(51) }), 'pronouns')
    await expectInvalid(app, 'coaches.list', { after: 'c'.repeat(501) }, 'after')
  })

  it('accepts strings exactly at the limit (the limits are not off by one)', async () => {
    const app = await startTestApp()
    const coach = await app.call('coaches.create', coachInput({ legalName: 'a'.repeat(200) }))
    expect(coach.legalName).toHaveLength(200)
    const page = await app.call('coaches.list', { search: 'a'.repeat(100), filter: 'all' })
    expect(page.items.map((c) => c.id)).toEqual([coach.id])
  })

  it('unexpected extra keys, at the top and nested', async () => {
    const app = await appWithACoach()
    await expectInvalid(app, 'coaches.create', { ...coachInput(), isAdmin: true }, 'isAdmin', /not expected/)
    await expectInvalid(app, 'coaches.get', { id: 1, include: 'everything' }, 'include')
    await expectInvalid(app, 'app.info', { verbose: true }, 'verbose')
    await expectInvalid(app, 'settings.update', { officeName: 'x', coachTitle: 'ally', updatedAt: NOW }, 'updatedAt')
    await expectInvalid(
      app,
      'coaches.update',
      { id: 1, expectedVersion: 1, fields: { ...fieldsOf(coachInput()), version: 9 } },
      'fields.version',
    )
    // The status and stage have their own channels; update must not sneak them in.
    const sneaky = await expectInvalid(
      app,
      'coaches.update',
      { id: 1, expectedVersion: 1, fields: coachInput({ status: 'left' }) },
      'fields.status',
    )
    expect(Object.keys(sneaky.fields!).sort()).toEqual(['fields.careerStage', 'fields.status'])
  })

  it.each(['2026-02-30', '2026-13-01', '2025-02-29', '2026-1-5', '05/01/2026', '2026-01-01T00:00:00Z', ''])(
    'an invalid date %j',
    async (date) => {
      const app = await appWithACoach()
      await expectInvalid(app, 'coaches.create', coachInput({ startDate: date }), 'startDate')
      await expectInvalid(
        app,
        'coaches.setStatus',
        { id: 1, expectedVersion: 1, status: 'left', effectiveOn: date },
        'effectiveOn',
      )
    },
  )

  it('accepts a real leap day', async () => {
    const app = await startTestApp()
    expect((await app.call('coaches.create', coachInput({ startDate: '2024-02-29' }))).startDate).toBe('2024-02-29')
  })

  it.each([1.5, 0, -3, 366, Number.NaN, Number.POSITIVE_INFINITY])('a supervision cadence of %s days', async (days) => {
    const app = await appWithACoach()
    await expectInvalid(app, 'coaches.create', coachInput({ supervisionCadenceDays: days }), 'supervisionCadenceDays')
  })

  it('enums, emails, phones and duplicates in lists', async () => {
    const app = await appWithACoach()
    await expectInvalid(app, 'coaches.create', coachInput({ employment: 'contractor' as never }), 'employment')
    await expectInvalid(app, 'coaches.create', coachInput({ careerStage: 'expert' as never }), 'careerStage')
    await expectInvalid(app, 'coaches.create', coachInput({ status: 'retired' as never }), 'status')
    await expectInvalid(app, 'coaches.create', coachInput({ email: 'not-an-email' }), 'email')
    await expectInvalid(app, 'coaches.create', coachInput({ phone: 'call me' }), 'phone')
    await expectInvalid(app, 'coaches.create', coachInput({ workSettings: ['police', 'police'] }), 'workSettings')
    await expectInvalid(app, 'coaches.create', coachInput({ languages: ['English', 'english'] }), 'languages')
    await expectInvalid(app, 'coaches.list', { filter: 'deleted' }, 'filter')
    await expectInvalid(app, 'coaches.list', { sort: 'age' }, 'sort')
    await expectInvalid(app, 'coaches.list', { limit: 0 }, 'limit')
    await expectInvalid(app, 'coaches.list', { limit: 101 }, 'limit')
  })

  it('ids and versions must be positive whole numbers', async () => {
    const app = await appWithACoach()
    await expectInvalid(app, 'coaches.get', { id: 0 }, 'id')
    await expectInvalid(app, 'coaches.get', { id: -1 }, 'id')
    await expectInvalid(app, 'coaches.get', { id: 1.5 }, 'id')
    await expectInvalid(app, 'coaches.get', { id: Number.MAX_SAFE_INTEGER + 2 }, 'id')
    await expectInvalid(
      app,
      'coaches.setStage',
      { id: 1, expectedVersion: 0, stage: 'rcp', changedOn: '2026-01-01' },
      'expectedVersion',
    )
  })
})

describe('router behaviour around the handler', () => {
  function routerWith(overrides: Partial<Routes>, app: TestApp, access: Partial<Record<Channel, Access>> = {}) {
    const log = memoryLogger()
    const router = createRouter(
      {
        vault: app.core.vault,
        clock: fixedClock(NOW),
        log,
        sessionFor: (client) => app.core.auth.sessionFor(client),
        exclusive: (work) => work(),
        access: { ...ACCESS, ...access },
      },
      { ...buildRoutes({ ...ENV, auth: app.core.auth, backups: app.core.backups }), ...overrides } as Routes,
    )
    return { router, log }
  }

  it('refuses a call the access rule does not allow, before the handler runs', async () => {
    const app = await appWithACoach()
    const before = app.snapshot()
    const { router } = routerWith({}, app, { 'coaches.create': [] })

    const anonymous = await router.call('coaches.create', coachInput(), 'a-window-nobody-signed-in')
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    const signedIn = await router.call('coaches.create', coachInput(), SUPERVISOR_CLIENT)
    expect(signedIn).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(app.snapshot()).toEqual(before)
  })

  it('hands the handler the parsed input, not the raw one', async () => {
    const app = await appWithACoach()
    const coach = await app.signInAs('coach', { coachId: 1 })
    const seen: unknown[] = []
    const base = buildRoutes({ ...ENV, auth: app.core.auth, backups: app.core.backups })['coaches.list']
    const { router } = routerWith(
      { 'coaches.list': { ...base, handle: (ctx, input) => (seen.push(input), base.handle(ctx, input)) } },
      app,
    )
    const result = await router.call('coaches.list', { search: '  Existing  ' }, coach.client)
    expect(result.ok).toBe(true)
    expect(seen).toEqual([{ search: 'Existing', filter: 'current', sort: 'name', limit: 25 }])
  })

  it('turns an answer that breaks the contract into internal, and logs it', async () => {
    const app = await startTestApp()
    const { router, log } = routerWith(
      {
        'app.info': {
          handle: () => ({ appVersion: 'x', transport: 'carrier-pigeon' }) as never,
        },
      },
      app,
    )
    const result = await router.call('app.info', undefined, SUPERVISOR_CLIENT)
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(log.entries).toHaveLength(1)
    expect(log.entries[0]!.message).toContain('app.info')
  })

  it('passes an AppError through as data, and hides an unexpected error behind internal', async () => {
    const app = await startTestApp()
    const { router, log } = routerWith(
      {
        'coaches.get': {
          handle: () => {
            throw new AppError('conflict', 'Expected conflict.', { legalName: 'Taken' })
          },
        },
        'coaches.list': {
          handle: () => {
            throw new Error('secret internal detail')
          },
        },
      },
      app,
    )
    expect(await router.call('coaches.get', { id: 1 }, SUPERVISOR_CLIENT)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Expected conflict.', fields: { legalName: 'Taken' } },
    })
    expect(log.entries).toEqual([])

    const hidden = await router.call('coaches.list', {}, SUPERVISOR_CLIENT)
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(hidden)).not.toContain('secret internal detail')
    expect(log.entries).toHaveLength(1)
  })

  it('maps a SQLite constraint failure to conflict, and rolls its transaction back', async () => {
    const app = await appWithACoach()
    const before = app.snapshot()
    const { router } = routerWith(
      {
        'coaches.get': {
          handle: async (ctx) => {
            await ctx.db.transaction().execute(async (trx) => {
              await trx.updateTable('office_settings').set({ office_name: 'Half-done' }).execute()
              await trx.updateTable('coaches').set({ supervision_cadence_days: 0 }).execute() // CHECK fails
            })
            throw new Error('unreachable')
          },
        },
      },
      app,
    )
    expect(await router.call('coaches.get', { id: 1 }, SUPERVISOR_CLIENT)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
    expect(app.snapshot()).toEqual(before)
  })

  it('answers only with the error codes of the contract', async () => {
    const app = await startTestApp()
    const answers = await Promise.all([
      app.callRaw('nope', {}),
      app.callRaw('coaches.get', { id: 'x' }),
      app.callRaw('coaches.get', { id: 999 }),
    ])
    for (const answer of answers) {
      expect(answer.ok).toBe(false)
      if (!answer.ok) expect(ERROR_CODES).toContain(answer.error.code)
    }
  })
})
