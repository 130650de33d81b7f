import { describe, expect, it } from 'vitest'
import { SEEDED_ACCOUNTS, seedScale, type Scale } from '../../../electron/app/seed/decade'
import { DEMO_ACCOUNTS, seedDemo } from '../../../electron/app/seed/demo'
import { clientOf, startTestApp, TODAY } from '../helpers'

async function demo() {
  const app = await startTestApp({ setup: false })
  const vault = app.core.vault
  await seedDemo(app.core.router, {
    get db() {
      return vault.db
    },
    today: TODAY,
  })
  const dana = clientOf(app.core, 'dana')
  await dana.call('auth.signIn', {
    username: DEMO_ACCOUNTS.supervisor.username,
    password: DEMO_ACCOUNTS.supervisor.password,
  })
  return { app, dana }
}

describe('the supervision demo seed', () => {
  it('gives both supervisors two years of individual and group sessions, every function, barriers and items', async () => {
    const { app, dana } = await demo()
    const db = app.snapshot()
    const sessions = db['supervision_sessions']!
    expect(new Set(sessions.map((s) => s['supervisor_account_id'])).size).toBe(2)
    expect(sessions.length).toBeGreaterThan(200)
    expect(sessions.some((s) => s['format'] === 'group')).toBe(true)
    expect(sessions.some((s) => s['format'] === 'individual')).toBe(true)
    for (const f of ['normative', 'formative', 'restorative']) expect(sessions.some((s) => s[f] === 1)).toBe(true)
    expect(sessions.filter((s) => s['status'] === 'draft')).toHaveLength(2)
    expect(sessions.every((s) => String(s['held_on']) <= TODAY && String(s['held_on']) >= '2024-11-22')).toBe(true)
    expect(db['session_barriers']!.length).toBeGreaterThan(20)
    const items = db['action_items']!
    expect(items.some((i) => i['done_at'] === null)).toBe(true)
    expect(items.some((i) => i['done_at'] !== null)).toBe(true)

    // Jordan and Grace overdue, Tommy due this week: the start page reads them from the seed's dates.
    const everyone = await dana.call('supervision.startPage', { scope: 'everyone' })
    const states = Object.fromEntries(everyone.cadence.map((row) => [row.displayName, row.state]))
    expect(states).toMatchObject({
      'Jordan Blake': 'overdue',
      'Grace Nakamura': 'overdue',
      'Tommy Okafor': 'due_this_week',
    })
    expect(states['Marisol Reyes']).toBeUndefined()
    const mine = await dana.call('supervision.startPage', { scope: 'mine' })
    expect(mine.cadence.map((row) => row.displayName)).not.toContain('Grace Nakamura')
    expect(mine.balance.length).toBeGreaterThan(0)
    const barriers = await dana.call('supervision.barriers', { scope: 'everyone', quarters: 8 })
    expect(barriers.quarters.some((q) => q.counts.stigma > 0)).toBe(true)
  })

  it('the demo coach reads her shared notes and items, never a private note', async () => {
    const { app } = await demo()
    const coach = clientOf(app.core, 'marisol')
    await coach.call('auth.signIn', { username: DEMO_ACCOUNTS.coach.username, password: DEMO_ACCOUNTS.coach.password })
    const page = await coach.call('supervision.list', { limit: 100 })
    expect(page.items.length).toBeGreaterThan(20)
    expect(page.items.every((s) => s.privateNote === null && s.status === 'signed_off')).toBe(true)
    expect(page.items.some((s) => s.format === 'group' && s.otherCoaches > 0)).toBe(true)
    // The private notes are there, for a supervisor: none of their sentences reaches the coach.
    const sqlite = app.core.vault.database!.sqlite
    const privateTexts = sqlite.prepare('SELECT text FROM supervisors.private_notes').pluck().all() as string[]
    expect(privateTexts.length).toBeGreaterThan(50)
    const listed = JSON.stringify(page)
    for (const text of privateTexts.slice(0, 50)) expect(listed).not.toContain(text.slice(0, 40))
    const found = await coach.call('supervision.search', { query: 'sobriety date' })
    expect(found.items.every((hit) => hit.kind !== 'private_note')).toBe(true)
  })
})

describe('the supervision part of a seeded office', () => {
  const SMALL: Scale = { name: 'office', years: 4, coaches: 25, auditEvents: 500 }

  it('writes sessions in proportion, linked to the coaches’ supervisors by account, the same every time', async () => {
    const first = await startTestApp({ setup: false })
    const report = await seedScale(first.core, SMALL, TODAY)
    const expected = Math.round((50_000 * 25 * 4) / 3000)
    const line = report.find((l) => l.startsWith('supervision:'))!
    const written = Number(/(\d+) supervision sessions/.exec(line)![1])
    expect(written).toBeGreaterThan(expected * 0.9)
    expect(written).toBeLessThanOrEqual(expected * 1.05)
    const db = first.snapshot()
    expect(db['coaches']!.every((c) => c['supervisor_account_id'] !== null && c['assigned_supervisor'] === null)).toBe(
      true,
    )
    const sessions = db['supervision_sessions']!
    expect(sessions).toHaveLength(written)
    const length = sessions.reduce((sum, s) => sum + String(s['shared_note']).length, 0) / sessions.length
    expect(length).toBeGreaterThan(600)

    const supervisor = clientOf(first.core, 'check')
    await supervisor.call('auth.signIn', {
      username: SEEDED_ACCOUNTS.supervisor.username,
      password: SEEDED_ACCOUNTS.supervisor.password,
    })
    const found = await supervisor.call('supervision.search', { query: 'naloxone', limit: 5 })
    expect(found.items).toHaveLength(5)

    const second = await startTestApp({ setup: false })
    await seedScale(second.core, SMALL, TODAY)
    expect(second.snapshot()['supervision_sessions']).toEqual(sessions)
  })
})
