import { describe, expect, it } from 'vitest'
import { seedDemo } from '../../../electron/app/seed/demo'
import { startTestApp } from '../helpers'

describe('demo seed', () => {
  it('fills an empty database through the router: settings, a dozen coaches, their later changes', async () => {
    const app = startTestApp()
    const count = await seedDemo(app.core.router)
    expect(count).toBe(12)

    expect((await app.call('settings.get', undefined)).officeName).toBe('Riverbend Recovery Community')
    expect((await app.call('coaches.list', { filter: 'all' })).total).toBe(12)
    expect((await app.call('coaches.list', {})).total).toBe(11)
    expect((await app.call('coaches.list', { filter: 'on_leave' })).items.map((c) => c.displayName)).toEqual(['Bob Kowalski'])
    expect((await app.call('coaches.list', { filter: 'left' })).items.map((c) => c.displayName)).toEqual(['Elena Petrova'])

    const db = app.snapshot()
    expect(db['coach_status_changes']).toHaveLength(12 + 2)
    expect(db['coach_stage_changes']).toHaveLength(12 + 3)
    expect(app.log.entries).toEqual([])
  })

  it('refuses to seed a database that already has coaches, and changes nothing', async () => {
    const app = startTestApp()
    await seedDemo(app.core.router)
    const before = app.snapshot()
    await expect(seedDemo(app.core.router)).rejects.toThrow(/already has 12 coaches/)
    expect(app.snapshot()).toEqual(before)
  })
})
