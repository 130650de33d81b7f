import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS, seedDemo } from '../../../electron/app/seed/demo'
import { clientOf, startTestApp } from '../helpers'

describe('the demo directory', () => {
  it('adds about forty resources through the router, with tips, connections and every kind of support', async () => {
    const app = await startTestApp({ setup: false })
    await seedDemo(app.core.router)
    const coach = clientOf(app.core, 'look')
    await coach.call('auth.signIn', { username: DEMO_ACCOUNTS.coach.username, password: DEMO_ACCOUNTS.coach.password })

    const all = await coach.call('resources.list', { limit: 100 })
    expect(all.total).toBeGreaterThanOrEqual(38)
    expect(all.total).toBeLessThanOrEqual(45)
    expect(new Set(all.items.map((r) => r.kind)).size).toBe(13)
    expect(new Set(all.items.flatMap((r) => r.pathways.map((p) => p.id))).size).toBe(6)
    expect(all.items.filter((r) => r.tipCount > 0).length).toBeGreaterThan(12)
    expect(all.items.filter((r) => r.connections.length > 0).length).toBeGreaterThan(25)
    expect(all.items.some((r) => r.hours.some((h) => h.closesNextDay))).toBe(true)
    // Marisol, the demo coach, finds where she has a connection, and a tip by one of its words.
    expect(
      all.items.filter((r) => r.connections.some((c) => c.displayName === 'Marisol Reyes')).length,
    ).toBeGreaterThan(3)
    expect((await coach.call('resources.list', { search: 'denise' })).items.map((r) => r.name)).toEqual([
      'Willow House (women and children)',
    ])
    expect((await coach.call('resources.list', { language: 'polish' })).total).toBeGreaterThan(3)
    expect(app.log.entries).toEqual([])
  })
})
