import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../electron/app/db/open'
import { MIGRATIONS } from '../../../electron/app/db/migrations'
import { migration010Supervision } from '../../../electron/app/db/migrations/010_supervision'
import { FIXTURE_DIR } from '../../fixtures/make-fixtures'
import { coachInput, startTestApp, tempDir } from '../helpers'

/** The schema before supervision's: its fixture is the one upgraded. */
const PREVIOUS = migration010Supervision.version - 1

/** The fixture of the version before supervision, with more coaches written as any app of then could have. */
async function previousWithTexts(texts: Array<string | null>) {
  const file = join(tempDir(), 'casebook.sqlite')
  copyFileSync(join(FIXTURE_DIR, `v${PREVIOUS}.sqlite`), file)
  const key = Buffer.from(readFileSync(join(FIXTURE_DIR, `v${PREVIOUS}.key.txt`), 'utf8').trim(), 'hex')
  const previous = openDatabase(file, { key, migrations: MIGRATIONS.slice(0, PREVIOUS) })
  const insert = previous.sqlite.prepare(`
    INSERT INTO coaches (version, legal_name, sort_name, search_text, start_date, status, employment, title,
      assigned_supervisor, supervision_cadence_days, work_settings, languages, career_stage, created_at, updated_at)
    VALUES (1, ?, ?, '', '2025-01-01', 'active', 'volunteer', 'navigator', ?, 14, '[]', '[]', 'training',
      '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`)
  texts.forEach((text, i) => insert.run(`Added ${i}`, `added ${i}`, text))
  await previous.close()
  return { file, key }
}

describe('the supervision migration: the supervisor as an account', () => {
  it("links each coach whose text names one supervisor's account (case, accents and spaces folded), keeping the text", async () => {
    const { file, key } = await previousWithTexts([
      '  jéss   SUPERVISOR fixture ',
      'Someone Else',
      'Sam Coordinator Fixture',
      '',
    ])
    const opened = openDatabase(file, { key })
    try {
      const rows = opened.sqlite
        .prepare('SELECT legal_name, assigned_supervisor, supervisor_account_id FROM coaches ORDER BY id')
        .all()
      expect(rows).toEqual([
        { legal_name: 'Aroha Ngata Fixture', assigned_supervisor: 'Jess Supervisor Fixture', supervisor_account_id: 1 },
        { legal_name: 'Tomasz Wiśniewski Fixture', assigned_supervisor: null, supervisor_account_id: null },
        {
          legal_name: 'Siosaia Fifita Fixture',
          assigned_supervisor: 'Jess Supervisor Fixture',
          supervisor_account_id: 1,
        },
        { legal_name: 'Added 0', assigned_supervisor: '  jéss   SUPERVISOR fixture ', supervisor_account_id: 1 },
        { legal_name: 'Added 1', assigned_supervisor: 'Someone Else', supervisor_account_id: null },
        // A coordinator is not a supervisor: not matched.
        { legal_name: 'Added 2', assigned_supervisor: 'Sam Coordinator Fixture', supervisor_account_id: null },
        { legal_name: 'Added 3', assigned_supervisor: '', supervisor_account_id: null },
      ])
      expect(opened.sqlite.pragma('foreign_key_check')).toEqual([])
    } finally {
      await opened.close()
    }
  })
})

describe("the roster's supervisor link", () => {
  it('shows the linked name, and text that matched no one as not matched until a supervisor is chosen', async () => {
    const app = await startTestApp()
    const coach = await app.call('coaches.create', coachInput({ supervisorAccountId: null }))
    app.core.vault
      .database!.sqlite.prepare("UPDATE coaches SET assigned_supervisor = 'Old Name' WHERE id = ?")
      .run(coach.id)
    const shown = await app.call('coaches.get', { id: coach.id })
    expect(shown).toMatchObject({ supervisorAccountId: null, supervisorName: null, supervisorUnmatched: 'Old Name' })
    const { statusHistory: _s, stageHistory: _st, ...rest } = shown
    const fields = {
      legalName: rest.legalName,
      startDate: rest.startDate,
      employment: rest.employment,
      title: rest.title,
      supervisionCadenceDays: rest.supervisionCadenceDays,
      supervisorAccountId: 1,
    }
    const fixed = await app.call('coaches.update', { id: coach.id, expectedVersion: shown.version, fields })
    expect(fixed).toMatchObject({
      supervisorAccountId: 1,
      supervisorName: 'Pat Supervisor',
      supervisorIsCurrent: true,
      supervisorUnmatched: null,
    })
    const mine = await app.call('coaches.list', { supervisorAccountId: 1 })
    expect(mine.items.map((c) => c.id)).toEqual([coach.id])
  })

  it('refuses a coordinator as a supervisor, and keeps (and shows) the link of a supervisor made coordinator', async () => {
    const app = await startTestApp()
    const coordinator = await app.call('accounts.create', {
      username: 'sam.c',
      displayName: 'Sam C',
      role: 'coordinator',
      password: 'first-password-1',
    })
    const before = app.snapshot()
    const error = await app.callError(
      'coaches.create',
      coachInput({ supervisorAccountId: coordinator.id }),
      'invalid_input',
    )
    expect(error.fields).toHaveProperty('supervisorAccountId')
    expect(app.snapshot()).toEqual(before)

    const second = await app.call('accounts.create', {
      username: 'lee.s',
      displayName: 'Lee S',
      role: 'supervisor',
      password: 'first-password-1',
    })
    const coach = await app.call('coaches.create', coachInput({ supervisorAccountId: second.id }))
    await app.call('accounts.setRole', { id: second.id, version: second.version, role: 'coordinator' })
    const after = await app.call('coaches.get', { id: coach.id })
    expect(after).toMatchObject({ supervisorAccountId: second.id, supervisorName: 'Lee S', supervisorIsCurrent: false })
    // Editing other fields keeps the link as it is; choosing it anew would be refused.
    const {
      status: _status,
      careerStage: _stage,
      ...fields
    } = coachInput({
      supervisorAccountId: second.id,
      legalName: 'Renamed',
    })
    const edited = await app.call('coaches.update', { id: coach.id, expectedVersion: after.version, fields })
    expect(edited.supervisorAccountId).toBe(second.id)
    const choices = await app.call('coaches.supervisors', {})
    expect(choices.items.map((s) => s.displayName)).toEqual(['Pat Supervisor'])
  })
})
