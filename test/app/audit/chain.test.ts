import { rmSync } from 'node:fs'
import Sqlite from 'better-sqlite3-multiple-ciphers'
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { describe, expect, it } from 'vitest'
import { openAccount, readKeyring } from '../../../electron/app/auth/keyring'
import { insertEventsInBulk } from '../../../electron/app/audit/audit.repository'
import { auditChainHash, type ChainedRow } from '../../../electron/app/audit/chain'
import { coachInput, onCleanup, startTestApp, SUPERVISOR, type TestApp } from '../helpers'

/**
 * The audit trail as a hash chain sealed from the supervisors' file: what the app itself refuses, and what someone
 * with a copy of the files and a coach's password can do outside the app and how the check finds it.
 */

const COACH_NAME = 'casey.coach'

const NOTE = { at: '2026-11-20T09:00:00.000Z', accountId: 1, action: 'read', recordType: 'coach', recordId: 1 } as const

/** A supervisor's office with a coach signed in elsewhere, and `extra` more events (made in bulk). */
async function office(extra = 0) {
  const app = await startTestApp()
  const coachId = (await app.call('coaches.create', coachInput())).id
  const coach = await app.signInAs('coach', { coachId, username: COACH_NAME })
  if (extra > 0) {
    await insertEventsInBulk(
      app.core.vault.db,
      Array.from({ length: extra }, (_, i) => ({ ...NOTE, summary: `Opened the growth page (${i})` })),
    )
  }
  return { app, coach, coachId }
}

function events(app: TestApp) {
  return app.snapshot()['audit_events']! as unknown as (ChainedRow & { hash: string })[]
}

/**
 * Closes the app and opens its database file as an outsider would: another SQLite program, the database key from the
 * key file with a coach's password. The audit triggers are dropped for `change` and put back as they were after.
 */
async function tamper(app: TestApp, coach: { password: string }, change: (raw: BetterSqlite3.Database) => void) {
  await app.close()
  const keyring = readKeyring(app.core.vault.keyringFile)!
  const opened = await openAccount(keyring, COACH_NAME, coach.password)
  expect(opened?.keys.supervisors ?? null).toBeNull()
  const raw = new Sqlite(app.core.databaseFile)
  onCleanup(() => raw.open && raw.close())
  raw.pragma(`key = "x'${opened!.keys.database.toString('hex')}'"`)
  const triggers = raw
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_events'")
    .all() as { name: string; sql: string }[]
  expect(triggers.length).toBeGreaterThanOrEqual(3)
  for (const trigger of triggers) raw.exec(`DROP TRIGGER "${trigger.name}"`)
  change(raw)
  for (const trigger of triggers) raw.exec(trigger.sql)
  raw.close()
}

/** Back in the app: the supervisor signs in (which checks the tail against the seal) and asks for the check. */
async function reopen(app: TestApp) {
  const again = await startTestApp({ dataDir: app.dataDir, setup: false })
  await again.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })
  return again
}

function rowsOf(raw: BetterSqlite3.Database) {
  return raw.prepare('SELECT * FROM audit_events ORDER BY id').all() as (ChainedRow & { hash: string })[]
}

describe('the audit trail as a hash chain', () => {
  it('chains every event, and seals the head before each check while a supervisor is in', async () => {
    const { app } = await office(250)
    const trail = events(app).sort((a, b) => a.id - b.id)
    expect(trail.map((e) => e.id)).toEqual(trail.map((_, i) => i + 1))
    let previous: string | null = null
    for (const event of trail) {
      expect(event.hash).toBe(auditChainHash(previous, event))
      previous = event.hash
    }
    const check = await app.call('audit.verify', {})
    expect(check).toEqual({
      ok: true,
      checked: trail.length,
      sealedThrough: trail.length,
      unsealed: null,
      problem: null,
      earlierBreaks: [],
    })
    // The check is itself recorded, chained and sealed.
    const verified = events(app).find((e) => e.action === 'verify')!
    expect(verified.summary).toMatch(new RegExp(`^Checked the audit trail\\. Intact: ${trail.length} events`))
    expect((await app.call('audit.verify', {})).sealedThrough).toBe(verified.id)
  })

  it('refuses UPDATE, DELETE, INSERT OR REPLACE, a given hash and a gap on the app’s own connection, changing nothing', async () => {
    const { app } = await office()
    const sqlite = app.core.vault.database!.sqlite
    const before = app.snapshot()
    const refused = [
      "UPDATE audit_events SET summary = 'nothing happened' WHERE id = 2",
      'UPDATE audit_events SET hash = NULL WHERE id = 2',
      'DELETE FROM audit_events WHERE id = 2',
      "INSERT OR REPLACE INTO audit_events (id, at, account_id, action, record_type, record_id, summary) VALUES (2, '2026-11-22T10:00:00.000Z', 1, 'read', 'coach', 1, 'replaced')",
      "REPLACE INTO audit_events (id, at, account_id, action, record_type, record_id, summary) VALUES (1, '2026-11-22T10:00:00.000Z', 1, 'read', 'coach', 1, 'replaced')",
      `INSERT INTO audit_events (at, account_id, action, record_type, record_id, summary, hash) VALUES ('2026-11-22T10:00:00.000Z', 1, 'read', 'coach', 1, 'own hash', '${'a'.repeat(64)}')`,
      "INSERT INTO audit_events (id, at, account_id, action, record_type, record_id, summary) VALUES (1000, '2026-11-22T10:00:00.000Z', 1, 'read', 'coach', 1, 'a gap')",
    ]
    for (const statement of refused) expect(() => sqlite.exec(statement), statement).toThrow(/append-only/)
    expect(app.snapshot()).toEqual(before)
    expect((await app.call('audit.verify', {})).ok).toBe(true)
  })

  it('makes another program that lacks the app’s hash function unable to add an event at all', async () => {
    const { app, coach } = await office()
    await app.close()
    const opened = await openAccount(readKeyring(app.core.vault.keyringFile)!, COACH_NAME, coach.password)
    const raw = new Sqlite(app.core.databaseFile)
    onCleanup(() => raw.open && raw.close())
    raw.pragma(`key = "x'${opened!.keys.database.toString('hex')}'"`)
    expect(() =>
      raw.exec(
        "INSERT INTO audit_events (at, account_id, action, record_type, record_id, summary) VALUES ('2026-11-22T10:00:00.000Z', 1, 'read', 'coach', 1, 'from outside')",
      ),
    ).toThrow(/audit_chain_hash/)
  })

  it('chains what is saved while no supervisor is in, and seals it at the next supervisor’s sign-in, saying so', async () => {
    const { app, coachId } = await office()
    const coordinator = await app.signInAs('coordinator')
    await app.call('auth.signOut', {})
    expect(app.core.vault.supervisorsAttached).toBe(false)
    const headBefore = Math.max(...events(app).map((e) => e.id))
    await coordinator.call('coaches.update', {
      id: coachId,
      expectedVersion: 1,
      fields: (({ careerStage: _stage, ...fields }) => fields)(coachInput({ phone: '+1 555 0199' })),
    })
    await coordinator.call('auth.lock', {})
    const head = Math.max(...events(app).map((e) => e.id))
    expect(head).toBeGreaterThan(headBefore)

    await app.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })
    const seal = events(app).find((e) => e.action === 'seal')!
    expect(seal.summary).toBe(
      `Sealed ${head - headBefore} events written since the trail was last sealed (events ${headBefore + 1} to ${head})`,
    )
    const check = await app.call('audit.verify', {})
    expect(check).toMatchObject({ ok: true, unsealed: null, problem: null })
    expect(check.sealedThrough).toBe(check.checked)
  })

  it('names the first bad event when a row is edited outside the app and the triggers put back', async () => {
    const { app, coach } = await office(30)
    await tamper(app, coach, (raw) => {
      raw.prepare("UPDATE audit_events SET summary = 'Opened nothing' WHERE id = 17").run()
    })
    const again = await reopen(app)
    // The seal still matches the untouched head: nothing is noticed at sign-in, the full check finds it.
    expect(events(again).some((e) => e.action === 'seal')).toBe(false)
    const check = await again.call('audit.verify', {})
    expect(check).toMatchObject({
      ok: false,
      checked: 16,
      problem: { eventId: 17, message: 'Event 17 does not match its hash: it, or the event before it, was changed.' },
    })
    const recorded = events(again).find((e) => e.action === 'verify')!
    expect(recorded.summary).toBe(
      'Checked the audit trail. Event 17 does not match its hash: it, or the event before it, was changed. (16 events checked before it)',
    )
  })

  it('names the missing event when a row is deleted outside the app', async () => {
    const { app, coach } = await office(30)
    await tamper(app, coach, (raw) => raw.prepare('DELETE FROM audit_events WHERE id IN (9, 10)').run())
    const again = await reopen(app)
    expect(await again.call('audit.verify', {})).toMatchObject({
      ok: false,
      checked: 8,
      problem: { eventId: 9, message: 'Events 9 to 10 are missing: they were deleted.' },
    })
  })

  it('catches a chain recomputed from an edited row on: the seal at sign-in, the kept copies in the check', async () => {
    const { app, coach } = await office(250)
    let edited = 0
    await tamper(app, coach, (raw) => {
      // Someone who knows the rule rewrites event 142 and every hash after it, so the chain is consistent again.
      const rows = rowsOf(raw)
      const update = raw.prepare('UPDATE audit_events SET summary = ?, hash = ? WHERE id = ?')
      let previous = rows[140]!.hash
      for (const row of rows.slice(141)) {
        const summary = row.id === 142 ? 'Opened nothing' : row.summary
        previous = auditChainHash(previous, { ...row, summary })
        update.run(summary, previous, row.id)
        edited += 1
      }
    })
    expect(edited).toBeGreaterThan(100)
    const again = await reopen(app)
    // The sealed head no longer matches: found at sign-in, kept in the supervisors' file, written into the trail.
    const noted = events(again).find((e) => e.action === 'seal')!
    expect(noted.summary).toMatch(
      /^The trail did not match its seal when a supervisor signed in \(Event \d+ is not the event that was sealed/,
    )
    const check = await again.call('audit.verify', {})
    // The copy of event 200's hash (every hundredth is kept) narrows the rewrite to events 101 to 200.
    expect(check).toMatchObject({
      ok: false,
      problem: {
        eventId: 200,
        message:
          'Event 200 is not the event that was sealed: the trail was rewritten at or before it, after event 100.',
      },
    })
    expect(check.earlierBreaks).toHaveLength(1)
    expect(check.earlierBreaks[0]!.message).toMatch(/is not the event that was sealed/)
  })

  it('catches the newest events deleted outside the app: the seal names an event that is gone', async () => {
    const { app, coach } = await office(30)
    let head = 0
    await tamper(app, coach, (raw) => {
      head = rowsOf(raw).at(-1)!.id
      raw.prepare('DELETE FROM audit_events WHERE id > ?').run(head - 5)
    })
    const again = await reopen(app)
    const check = await again.call('audit.verify', {})
    // Sealing went on from the shortened head, so the chain itself checks; the break stays on record.
    expect(check).toMatchObject({ ok: false, problem: null })
    expect(check.earlierBreaks.map((b) => b.message)).toEqual([
      `Event ${head} was sealed but is gone: the newest events were deleted.`,
    ])
    expect(events(again).find((e) => e.action === 'verify')!.summary).toMatch(
      /^Checked the audit trail\. Chained: \d+ events, sealed through event \d+; but 1 earlier break on record/,
    )
  })

  it('keeps a break on record when the supervisors’ file (and the seal in it) is removed', async () => {
    const { app, coach } = await office(30)
    await tamper(app, coach, (raw) => {
      raw.prepare("UPDATE audit_events SET summary = 'Opened nothing' WHERE id = 5").run()
    })
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${app.core.vault.supervisorsFile}${suffix}`, { force: true })
    const again = await reopen(app)
    expect(events(again).find((e) => e.action === 'supervisors_file')!.summary).toBe(
      'The supervisors’ file was missing; an empty one was made',
    )
    const check = await again.call('audit.verify', {})
    expect(check).toMatchObject({ ok: false, problem: { eventId: 5 } })
    expect(check.earlierBreaks[0]!.message).toMatch(/^The supervisors’ file was missing; an empty one was made/)
  })

  it('adds events in bulk chained like any other, and a failing bulk changes nothing', async () => {
    const { app } = await office(120)
    const before = app.snapshot()
    await expect(
      insertEventsInBulk(app.core.vault.db, [
        { ...NOTE, summary: 'fine' },
        { ...NOTE, at: null as never, summary: 'refused' },
      ]),
    ).rejects.toThrow()
    expect(app.snapshot()).toEqual(before)
    await app.call('coaches.create', coachInput({ legalName: 'After The Bulk' }))
    const check = await app.call('audit.verify', {})
    expect(check).toMatchObject({ ok: true, unsealed: null })
    expect(check.sealedThrough).toBe(check.checked)
  })

  it('seals in the background, never inside a save: the seal follows the head every half minute and at sign-out', async () => {
    const { app } = await office()
    const sealedThrough = () =>
      app.core.vault.database!.sqlite.prepare('SELECT event_id FROM supervisors.audit_seal').pluck().get() as number
    const head = () => Math.max(...events(app).map((e) => e.id))
    await app.core.auth.sealNow()
    expect(sealedThrough()).toBe(head())
    await app.call('coaches.create', coachInput({ legalName: 'Saved Just Now' }))
    // The save committed to the main file alone; its event waits for the next seal.
    expect(sealedThrough()).toBeLessThan(head())
    await app.core.auth.sealNow()
    expect(sealedThrough()).toBe(head())
  })
})
