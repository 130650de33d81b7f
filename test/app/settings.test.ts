import { describe, expect, it } from 'vitest'
import { COACH_TITLES } from '@shared/domain/settings'
import { fixedClock } from '../../electron/app/clock'
import { NOW, startTestApp } from './helpers'

const SYSTEM_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone

describe('office settings', () => {
  it("keep the office's time zone, or follow the computer's, and refuse one that does not exist", async () => {
    const app = await startTestApp()
    const set = await app.call('settings.update', {
      officeName: 'Office',
      coachTitle: 'ally',
      timeZone: 'America/Chicago',
    })
    expect(set).toMatchObject({ timeZone: 'America/Chicago', effectiveTimeZone: 'America/Chicago' })
    expect((await app.call('settings.update', { officeName: 'Office', coachTitle: 'ally' })).timeZone).toBe(
      'America/Chicago',
    )
    for (const bad of ['Mars/Olympus_Mons', 'not a zone', '', 'x'.repeat(100), 7]) {
      const before = app.snapshot()
      const error = await app.callError(
        'settings.update',
        { officeName: 'Office', coachTitle: 'ally', timeZone: bad },
        'invalid_input',
      )
      expect(Object.keys(error.fields ?? {})).toContain('timeZone')
      expect(app.snapshot()).toEqual(before)
    }
    const back = await app.call('settings.update', { officeName: 'Office', coachTitle: 'ally', timeZone: null })
    expect(back).toMatchObject({ timeZone: null, effectiveTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })
  })

  it('start with the name and title given at first run, and a 10-minute automatic lock', async () => {
    const app = await startTestApp()
    const expected = {
      officeName: 'Test Office',
      coachTitle: 'recovery_coach',
      autoLockMinutes: 10,
      timeZone: null,
      effectiveTimeZone: SYSTEM_ZONE,
      updatedAt: NOW,
    }
    expect(await app.call('settings.get', undefined)).toEqual(expected)
    expect(await app.call('settings.get', {})).toEqual(expected)
    expect(app.snapshot()['office_settings']).toHaveLength(1)
  })

  it('keep the automatic lock when an update leaves it out, and change it when given', async () => {
    const app = await startTestApp()
    await app.call('settings.update', { officeName: 'Office', coachTitle: 'ally', autoLockMinutes: 3 })
    expect((await app.call('settings.update', { officeName: 'Office', coachTitle: 'ally' })).autoLockMinutes).toBe(3)
    expect(app.core.auth.autoLockMinutes).toBe(3)
    for (const bad of [0, 241, 2.5, '5']) {
      const before = app.snapshot()
      await app.callError(
        'settings.update',
        { officeName: 'Office', coachTitle: 'ally', autoLockMinutes: bad },
        'invalid_input',
      )
      expect(app.snapshot()).toEqual(before)
    }
  })

  it('save, answer the saved values, and survive closing and reopening the data folder', async () => {
    const first = await startTestApp()
    const saved = await first.call('settings.update', {
      officeName: '  Harbour Recovery Hub ',
      coachTitle: 'navigator',
    })
    expect(saved).toEqual({
      officeName: 'Harbour Recovery Hub',
      coachTitle: 'navigator',
      autoLockMinutes: 10,
      timeZone: null,
      effectiveTimeZone: SYSTEM_ZONE,
      updatedAt: NOW,
    })
    await first.close()

    const later = '2027-01-02T03:04:05.000Z'
    const second = await startTestApp({ dataDir: first.dataDir, clock: fixedClock(later) })
    expect(await second.call('settings.get', undefined)).toEqual(saved)
    const changed = await second.call('settings.update', {
      officeName: 'Harbour Recovery Hub',
      coachTitle: 'companion',
    })
    expect(changed).toEqual({
      officeName: 'Harbour Recovery Hub',
      coachTitle: 'companion',
      autoLockMinutes: 10,
      timeZone: null,
      effectiveTimeZone: SYSTEM_ZONE,
      updatedAt: later,
    })
    expect(second.snapshot()['office_settings']).toHaveLength(1) // still one row, updated in place
  })

  it.each(Object.keys(COACH_TITLES))('accept the title %s', async (title) => {
    const app = await startTestApp()
    const saved = await app.call('settings.update', {
      officeName: 'Office',
      coachTitle: title as keyof typeof COACH_TITLES,
    })
    expect(saved.coachTitle).toBe(title)
  })

  it('accept a name of exactly 120 characters', async () => {
    const app = await startTestApp()
    const saved = await app.call('settings.update', { officeName: 'n'.repeat(120), coachTitle: 'ally' })
    expect(saved.officeName).toHaveLength(120)
  })

  it.each([
    ['an unknown title', { officeName: 'Office', coachTitle: 'captain' }, 'coachTitle'],
    ['a missing title', { officeName: 'Office' }, 'coachTitle'],
    ['an empty name', { officeName: '', coachTitle: 'ally' }, 'officeName'],
    ['a name of only spaces', { officeName: '    ', coachTitle: 'ally' }, 'officeName'],
    ['a 121-character name', { officeName: 'n'.repeat(121), coachTitle: 'ally' }, 'officeName'],
    ['a name that is not text', { officeName: 12, coachTitle: 'ally' }, 'officeName'],
    ['an extra key', { officeName: 'Office', coachTitle: 'ally', updatedAt: NOW }, 'updatedAt'],
  ])('refuse %s with invalid_input, and change nothing', async (_, input, field) => {
    const app = await startTestApp()
    await app.call('settings.update', { officeName: 'Before', coachTitle: 'ambassador' })
    const before = app.snapshot()
    const error = await app.callError('settings.update', input, 'invalid_input')
    expect(Object.keys(error.fields ?? {})).toEqual([field])
    expect(app.snapshot()).toEqual(before)
    expect(await app.call('settings.get', undefined)).toEqual({
      officeName: 'Before',
      coachTitle: 'ambassador',
      autoLockMinutes: 10,
      timeZone: null,
      effectiveTimeZone: SYSTEM_ZONE,
      updatedAt: NOW,
    })
  })
})
