import { describe, expect, it } from 'vitest'
import { CHANNELS } from '@shared/api/contract'
import type { Role } from '@shared/domain/auth'
import { buildRoutes } from '../../../electron/app/routes'
import { callExample, office, READS_SOMEONE_ELSES, snapshotIfOpen } from '../examples'
import { type Snapshot } from '../helpers'

/**
 * Audit declared, not remembered, checked for the whole contract: every successful call of a route that declares an
 * event records exactly that one event (by the caller, with words saying what changed), every route that declares
 * none changes nothing at all, and a refused or failed call records nothing.
 */

const ROLES: Role[] = ['supervisor', 'coordinator', 'coach']

/** The trail, less the day's automatic backup: a background job that records itself after a sign-in, not a call. */
function auditRows(snapshot: Snapshot | null) {
  const rows = (snapshot?.['audit_events'] ?? []) as Array<Record<string, unknown>>
  return rows.filter((row) => !(row['action'] === 'backup' && String(row['summary']).startsWith('Automatic backup')))
}

function withoutAudit(snapshot: Snapshot | null) {
  if (!snapshot) return null
  const { audit_events: _audit, ...rest } = snapshot
  return rest
}

describe('the audit trail, channel by channel', () => {
  it.each(ROLES)(
    'records exactly the declared event for each successful call of the %s, and nothing else',
    async (role) => {
      const shared = await office()
      const routes = buildRoutes({
        appVersion: 't',
        sqliteVersion: 't',
        transport: 'http',
        auth: shared.app.core.auth,
        backups: shared.app.core.backups,
      })
      let checked = 0
      for (const channel of CHANNELS) {
        const { prepared, app, client } = await callExample(shared, channel, role)
        const before = snapshotIfOpen(app)
        const result = await client.callRaw(channel, prepared.input)
        if (!result.ok) continue // refused for this role: the permission matrix checks that it changed nothing
        checked++
        const after = snapshotIfOpen(app)
        // By content, not by id: a restore puts back a trail whose ids the old one also had.
        const known = new Set(auditRows(before).map((row) => JSON.stringify(row)))
        const added = auditRows(after).filter((row) => !known.has(JSON.stringify(row)))
        const declared = routes[channel].audit
        if (!declared) {
          expect(after, `${channel} declares no audit event but changed the database`).toEqual(before)
          continue
        }
        if (declared.kind === 'read') {
          const readsOthers = READS_SOMEONE_ELSES[channel]
          expect(
            readsOthers,
            `${channel} declares a read: say in READS_SOMEONE_ELSES whose records it reads`,
          ).toBeDefined()
          expect(added.length, `${channel} read by the ${role}`).toBe(readsOthers!(role) ? 1 : 0)
          // A read records what was looked at or what left the app, never a change.
          for (const row of added) expect(['read', 'export'], `${channel} read`).toContain(row['action'])
          expect(withoutAudit(after), `${channel} is a read but changed records`).toEqual(withoutAudit(before))
        } else {
          expect(added.length, `${channel} should record exactly one event`).toBe(1)
        }
        for (const row of added) {
          expect(typeof row['summary'], `${channel} summary`).toBe('string')
          expect((row['summary'] as string).length, `${channel} summary`).toBeGreaterThan(0)
          if (app === shared.app) expect(row['account_id'], `${channel} actor`).toBe(shared.clients[role].accountId)
        }
      }
      expect(checked).toBeGreaterThan(5)
    },
  )

  it('records nothing for a call refused as bad input, by any channel', async () => {
    const shared = await office()
    const before = shared.app.snapshot()
    for (const channel of CHANNELS) {
      const result = await shared.supervisor.callRaw(channel, { notAField: 'x'.repeat(10) })
      expect(result.ok, channel).toBe(false)
    }
    expect(shared.app.snapshot()).toEqual(before)
  })
})
