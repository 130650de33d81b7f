import { describe, expect, it } from 'vitest'
import { insertEventsInBulk } from '../../../electron/app/audit/audit.repository'
import type { AuditAction } from '../../../shared/domain/audit'
import { startTestApp } from '../helpers'

/**
 * The audit log's pages under its filters: which index reads them, and that the choice never changes what a page
 * holds. Ten years of events, a few a day, with statistics (ANALYZE) as an office's file would gather none of: the
 * repository chooses the index itself, so the plans must hold without them too.
 */

const DAY_MS = 24 * 60 * 60 * 1000
const START = Date.parse('2016-12-01T00:00:00.000Z')
const ACTIONS: AuditAction[] = ['read', 'update', 'create', 'set_status', 'sign_in']

async function decadeOfEvents() {
  const app = await startTestApp()
  const events = Array.from({ length: 12_000 }, (_, i) => ({
    // A little over three a day, with a step back in time now and then (a computer's clock set right).
    at: new Date(START + ((i * 3650) / 12_000) * DAY_MS - (i % 97 === 0 ? 3 * DAY_MS : 0)).toISOString(),
    accountId: 1,
    action: ACTIONS[i % ACTIONS.length]!,
    recordType: 'coach' as const,
    recordId: 1 + (i % 40),
    summary: `event ${i}`,
  }))
  await insertEventsInBulk(app.core.vault.db, events)
  const sqlite = app.core.vault.database!.sqlite
  const plansOf = async (calls: () => Promise<unknown>) => {
    const sources: string[] = []
    const real = sqlite.prepare.bind(sqlite)
    const target = sqlite as unknown as { prepare: unknown }
    target.prepare = (source: string) => (sources.push(source), real(source))
    try {
      await calls()
    } finally {
      target.prepare = real
    }
    return [...new Set(sources)]
      .filter((source) => /^\s*select\b/i.test(source) && /"audit_events"/.test(source) && /\blimit\b/i.test(source))
      .map((source) => ({
        sql: source,
        plan: (
          real(`EXPLAIN QUERY PLAN ${source}`).all(...(source.match(/\?/g) ?? []).map(() => null)) as {
            detail: string
          }[]
        )
          .map((row) => row.detail)
          .join('\n'),
      }))
  }
  return { app, sqlite, events, plansOf }
}

describe('the audit log under its filters', () => {
  it('reads a short stretch of time by time, whatever else is filtered, and anything else without sorting it', async () => {
    const { app, plansOf } = await decadeOfEvents()
    const short = await plansOf(async () => {
      await app.call('audit.list', { from: '2025-12-01', to: '2025-12-01' })
      await app.call('audit.list', { from: '2025-12-01', to: '2025-12-31', action: 'update' })
      await app.call('audit.list', { from: '2025-12-01', to: '2025-12-07', recordType: 'coach', recordId: 3 })
    })
    expect(short).toHaveLength(3)
    for (const { sql, plan } of short) {
      expect(plan, sql).toMatch(/USING (COVERING )?INDEX audit_events_by_at/)
    }
    const long = await plansOf(async () => {
      await app.call('audit.list', {})
      await app.call('audit.list', { action: 'update' })
      await app.call('audit.list', { from: '2017-01-01', to: '2025-12-31' })
      await app.call('audit.list', { from: '2025-01-01' })
      await app.call('audit.list', { to: '2018-01-01', accountId: 1 })
    })
    expect(long).toHaveLength(5)
    for (const { sql, plan } of long) {
      expect(plan, sql).not.toMatch(/audit_events_by_at/)
      expect(plan, sql).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
    }
  }, 60_000)

  it('answers the same pages whichever way it reads them: every event of the range, newest first by id', async () => {
    const { app, sqlite } = await decadeOfEvents()
    const expected = (from: string, to: string, action?: string) =>
      sqlite
        .prepare(
          `SELECT id FROM audit_events WHERE at >= ? AND at < ? ${action ? 'AND action = ?' : ''} ORDER BY id DESC`,
        )
        .pluck()
        .all(
          ...[`${from}T00:00:00.000Z`, new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY_MS).toISOString()],
          ...(action ? [action] : []),
        ) as number[]
    const pages = async (input: { from: string; to: string; action?: AuditAction }) => {
      const ids: number[] = []
      let cursor: string | undefined
      do {
        const page = await app.call('audit.list', { ...input, limit: 25, ...(cursor ? { cursor } : {}) })
        ids.push(...page.items.map((item) => item.id))
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      return ids
    }
    // Read by time (a month, with the clock's step back in it), and by id (two years).
    for (const range of [
      { from: '2020-03-01', to: '2020-03-31' },
      { from: '2020-03-01', to: '2020-03-31', action: 'update' as const },
      { from: '2019-01-01', to: '2020-12-31', action: 'set_status' as const },
    ]) {
      const want = expected(range.from, range.to, range.action)
      expect(want.length).toBeGreaterThan(10)
      expect(await pages(range)).toEqual(want)
    }
  }, 60_000)
})
