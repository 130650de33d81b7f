import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  addCoachDirect,
  launchChromium,
  reloadAndSignIn,
  setUpOfficeDirect,
  signIn,
  startBrowserMode,
  SUPERVISOR,
  waitForHeading,
  watchForPageErrors,
} from './support'

let browser: Browser
let app: Awaited<ReturnType<typeof startBrowserMode>>
let context: BrowserContext
let page: Page
let pageErrors: string[]
let office: Awaited<ReturnType<typeof setUpOfficeDirect>>

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  app = await startBrowserMode()
  office = await setUpOfficeDirect(app)
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  page = await context.newPage()
  pageErrors = watchForPageErrors(page)
})
afterEach(async () => {
  await context.close()
  await app.stop()
  expect(pageErrors).toEqual([])
})

const h1 = () => page.getByRole('heading', { level: 1 }).textContent()
const nav = () => page.getByRole('navigation', { name: 'Main' })
const call = <T>(channel: string, input: unknown) => office.call<T>(channel, input)

/** Screenshots for a person to look at: `E2E_SCREENSHOTS=1 npx vitest run --project e2e` writes them to /tmp. */
async function screenshot(name: string, fullPage = true) {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `/tmp/casebook-${name}.png`, fullPage })
}

async function openAsSupervisor(address = '') {
  await page.goto(`${app.server.url}${address}`)
  await signIn(page, SUPERVISOR.username, SUPERVISOR.password)
}

/** Whether the page asks before a reload or close: the browser's own question follows a cancelled beforeunload. */
function asksBeforeUnload(): Promise<boolean> {
  return page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true })))
}

async function lockWithButton() {
  await page.getByRole('button', { name: 'Lock' }).click()
  const question = page.getByRole('alertdialog', { name: 'Lock the screen now?' })
  await question.waitFor()
  expect(await question.textContent()).toContain('kept while the screen is locked')
  await question.getByRole('button', { name: 'Lock now' }).click()
  await waitForHeading(page, 'The screen is locked')
}

async function unlock() {
  await page.getByLabel('Password').fill(SUPERVISOR.password)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
}

describe('nothing typed is lost', () => {
  it('asks before leaving a page with unsaved changes: staying keeps the text, leaving discards it', async () => {
    await openAsSupervisor('#/coaches')
    await waitForHeading(page, 'Recovery coaches')
    await page.getByRole('link', { name: 'Add a recovery coach' }).click()
    await waitForHeading(page, 'Add a recovery coach')
    expect(await asksBeforeUnload()).toBe(false)
    await page.getByLabel('Legal name').fill('Kai Moana')
    expect(await asksBeforeUnload()).toBe(true)

    // A link in the app asks; the safe answer has the focus.
    await nav().getByRole('link', { name: 'Recovery coaches' }).click()
    const question = page.getByRole('alertdialog', { name: 'Leave without saving?' })
    await question.waitFor()
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stay on this page')
    await screenshot('forms-leave-question', false)
    await question.getByRole('button', { name: 'Stay on this page' }).click()
    await expect.poll(() => question.count()).toBe(0)
    expect(await h1()).toBe('Add a recovery coach')
    expect(await page.getByLabel('Legal name').inputValue()).toBe('Kai Moana')

    // The browser's Back asks too, and Escape stays.
    await page.goBack()
    await question.waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => question.count()).toBe(0)
    expect(page.url()).toContain('#/coaches/new')
    expect(await page.getByLabel('Legal name').inputValue()).toBe('Kai Moana')

    // So does signing out.
    await page.getByRole('button', { name: 'Sign out' }).click()
    const signOut = page.getByRole('alertdialog', { name: 'Sign out without saving?' })
    await signOut.getByRole('button', { name: 'Stay on this page' }).click()
    await expect.poll(() => signOut.count()).toBe(0)
    expect(await page.getByLabel('Legal name').inputValue()).toBe('Kai Moana')

    // Leaving on purpose discards what was typed.
    await nav().getByRole('link', { name: 'Recovery coaches' }).click()
    await question.getByRole('button', { name: 'Leave without saving' }).click()
    await waitForHeading(page, 'Recovery coaches')
    await page.getByRole('link', { name: 'Add a recovery coach' }).click()
    await waitForHeading(page, 'Add a recovery coach')
    expect(await page.getByLabel('Legal name').inputValue()).toBe('')
    expect(await asksBeforeUnload()).toBe(false)

    // A saved form does not ask.
    await page.getByLabel('Legal name').fill('Kai Moana')
    await page.getByRole('button', { name: 'Add recovery coach' }).click()
    await waitForHeading(page, /^Kai Moana/)
    await nav().getByRole('link', { name: 'Recovery coaches' }).click()
    await waitForHeading(page, 'Recovery coaches')
  })

  it('keeps what was typed across the automatic lock and the Lock button for the same person, and for nobody else', async () => {
    await call('settings.update', {
      officeName: SUPERVISOR.officeName,
      coachTitle: 'recovery_coach',
      autoLockMinutes: 1,
    })
    await call('accounts.create', {
      username: 'casey',
      displayName: 'Casey Morgan',
      role: 'coordinator',
      coachId: null,
      password: 'casey first password',
    })
    await page.clock.install()
    await openAsSupervisor('#/coaches/new')
    await waitForHeading(page, 'Add a recovery coach')
    await page.getByLabel('Legal name').fill('Kai Moana')
    await page.getByLabel('Languages').fill('English, Māori')
    await page.getByRole('checkbox', { name: 'Police' }).check()

    // The automatic lock: the app leaves the page, and what was typed with it.
    await page.clock.fastForward('01:05')
    await waitForHeading(page, 'The screen is locked')
    expect(await page.content()).not.toContain('Kai Moana')
    await unlock()
    await waitForHeading(page, 'Add a recovery coach')
    expect(await page.getByLabel('Legal name').inputValue()).toBe('Kai Moana')
    expect(await page.getByLabel('Languages').inputValue()).toBe('English, Māori')
    expect(await page.getByRole('checkbox', { name: 'Police' }).isChecked()).toBe(true)
    expect(
      await page.getByRole('status').filter({ hasText: 'What you typed before the screen was locked' }).count(),
    ).toBe(1)
    // Still not saved, so leaving still asks.
    expect(await asksBeforeUnload()).toBe(true)

    // The Lock button asks first, then keeps it the same way.
    await page.getByLabel('Legal name').fill('Kai Moana Ngata')
    await lockWithButton()
    await unlock()
    await waitForHeading(page, 'Add a recovery coach')
    expect(await page.getByLabel('Legal name').inputValue()).toBe('Kai Moana Ngata')

    // Signing out from the lock screen forgets it: the next person, and the same one later, start empty.
    await lockWithButton()
    await page.getByRole('button', { name: 'Sign out' }).click()
    await signIn(page, 'casey', 'casey first password')
    await page.getByLabel('First password (the one you were given)').fill('casey first password')
    await page.getByLabel(/^New password/).fill('casey own password here')
    await page.getByLabel('Type the new password again').fill('casey own password here')
    await page.getByRole('button', { name: 'Save my new password' }).click()
    await waitForHeading(page, 'Recovery coaches')
    await page.goto(`${app.server.url}#/coaches/new`)
    await waitForHeading(page, 'Add a recovery coach')
    expect(await page.getByLabel('Legal name').inputValue()).toBe('')
    expect(await page.content()).not.toContain('Kai Moana')
  })

  it('saves once when Save is double-clicked, with no conflict reported', async () => {
    const id = await addCoachDirect(call, 'Sam Lee')
    const before = await call<{ version: number }>('coaches.get', { id })
    await openAsSupervisor(`#/coaches/${id}/edit`)
    await waitForHeading(page, 'Edit Sam Lee')
    await page.getByLabel('Phone').fill('555 0111')
    await page.getByRole('button', { name: 'Save changes' }).dblclick()
    await expect.poll(() => page.getByText('Changes saved.').count()).toBe(1)
    expect(await page.getByText(/Someone else changed/).count()).toBe(0)
    const after = await call<{ version: number; phone: string }>('coaches.get', { id })
    expect(after.phone).toBe('555 0111')
    expect(after.version).toBe(before.version + 1)
    const updates = await call<{ items: unknown[] }>('audit.list', {
      recordType: 'coach',
      recordId: id,
      action: 'update',
    })
    expect(updates.items).toHaveLength(1)
  })

  it('shows an edit conflict beside what was typed, and saves mine over theirs or takes theirs', async () => {
    const id = await addCoachDirect(call, 'Sam Lee')
    await openAsSupervisor(`#/coaches/${id}/edit`)
    await waitForHeading(page, 'Edit Sam Lee')
    await page.getByLabel('Phone').fill('555 0111')

    // Someone else saves the phone and the pronouns meanwhile.
    const saved = await call<{ version: number }>('coaches.get', { id })
    const fields = {
      legalName: 'Sam Lee',
      preferredName: null,
      pronouns: 'they/them',
      email: null,
      phone: '555 0199',
      startDate: '2025-03-01',
      employment: 'part_time',
      title: 'recovery_coach',
      supervisorAccountId: 1,
      supervisionCadenceDays: 14,
      workSettings: ['emergency_department'],
      languages: ['English'],
    }
    await call('coaches.update', { id, expectedVersion: saved.version, fields })

    await page.getByRole('button', { name: 'Save changes' }).click()
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed this coach' })
    await conflict.waitFor()
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toContain('conflict')
    const both = conflict.getByRole('table', { name: 'Fields you both changed' })
    const phoneRow = both.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Phone' }) })
    expect(await phoneRow.getByRole('cell').allTextContents()).toEqual(['555 0199', '555 0111', 'Use theirs for Phone'])
    // What only they changed shows their value; what was typed is kept.
    expect(await conflict.textContent()).toContain('Pronouns: they/them')
    expect(await page.getByLabel('Pronouns').inputValue()).toBe('they/them')
    expect(await page.getByLabel('Phone').inputValue()).toBe('555 0111')
    await screenshot('forms-conflict')
    // Nothing was saved yet.
    expect((await call<{ phone: string }>('coaches.get', { id })).phone).toBe('555 0199')

    await conflict.getByRole('button', { name: 'Save my version over theirs' }).click()
    await expect.poll(() => page.getByText('Changes saved.').count()).toBe(1)
    const mine = await call<{ phone: string; pronouns: string; version: number }>('coaches.get', { id })
    expect(mine).toMatchObject({ phone: '555 0111', pronouns: 'they/them' })

    // Once more, and this time take theirs.
    await page.getByRole('link', { name: 'Edit details' }).click()
    await waitForHeading(page, 'Edit Sam Lee')
    await page.getByLabel('Phone').fill('555 0222')
    await call('coaches.update', { id, expectedVersion: mine.version, fields: { ...fields, phone: '555 0333' } })
    await page.getByRole('button', { name: 'Save changes' }).click()
    await conflict.waitFor()
    await conflict.getByRole('button', { name: 'Discard mine and take theirs' }).click()
    await expect.poll(() => page.getByLabel('Phone').inputValue()).toBe('555 0333')
    expect(await page.getByRole('status').filter({ hasText: 'The form now shows what they saved' }).count()).toBe(1)
    // Their version is now what the form started from: leaving does not ask.
    await nav().getByRole('link', { name: 'Recovery coaches' }).click()
    await waitForHeading(page, 'Recovery coaches')
  })
})

describe('the coach page', () => {
  it('asks before archiving, and the notice that follows undoes it', async () => {
    const id = await addCoachDirect(call, 'Rosa Diaz')
    await openAsSupervisor(`#/coaches/${id}`)
    await waitForHeading(page, /^Rosa Diaz/)
    await page.getByLabel('New status').selectOption({ label: 'Left (archived)' })
    await page.getByRole('button', { name: 'Archive (mark as left)' }).click()
    const question = page.getByRole('alertdialog', { name: 'Archive Rosa Diaz?' })
    await question.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => question.count()).toBe(0)
    expect((await call<{ status: string }>('coaches.get', { id })).status).toBe('active')

    await page.getByRole('button', { name: 'Archive (mark as left)' }).click()
    await question.getByRole('button', { name: 'Archive' }).click()
    const archived = page.getByRole('status').filter({ hasText: 'Rosa Diaz was archived' })
    await archived.waitFor()
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Rosa Diaz was archived')
    expect((await call<{ status: string }>('coaches.get', { id })).status).toBe('left')
    expect(await page.getByText('has left and is archived').count()).toBe(1)

    await archived.getByRole('button', { name: /^Undo/ }).click()
    await page.getByRole('status').filter({ hasText: 'Undone: Rosa Diaz is active again.' }).waitFor()
    const coach = await call<{ status: string; statusHistory: { status: string }[] }>('coaches.get', { id })
    expect(coach.status).toBe('active')
    expect(coach.statusHistory.map((change) => change.status)).toEqual(['active', 'left', 'active'])
    expect(await page.getByText('has left and is archived').count()).toBe(0)
  })

  it('ties a status or stage error to its field', async () => {
    const id = await addCoachDirect(call, 'Rosa Diaz')
    await openAsSupervisor(`#/coaches/${id}`)
    await waitForHeading(page, /^Rosa Diaz/)
    const status = page.getByRole('region', { name: 'Status' })
    await status.getByLabel('Effective from').fill('')
    await status.getByRole('button', { name: 'Change status' }).click()
    const summary = status.getByRole('alert')
    await expect.poll(() => summary.textContent()).toContain('Effective date must be a date like')
    const date = status.getByLabel('Effective from')
    expect(await date.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator(`#${await date.getAttribute('aria-describedby')}`).textContent()).toContain(
      'Effective date must be a date like',
    )
    await summary.getByRole('button', { name: /Effective from/ }).click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('status-effectiveOn')

    const stage = page.getByRole('region', { name: 'Career ladder' })
    await stage.getByLabel('Reached on').fill('')
    await stage.getByRole('button', { name: 'Record stage change' }).click()
    await expect.poll(() => stage.getByRole('alert').textContent()).toContain('Date of the change must be a date like')
    expect(await stage.getByLabel('Reached on').getAttribute('aria-invalid')).toBe('true')
    expect((await call<{ statusHistory: unknown[] }>('coaches.get', { id })).statusHistory).toHaveLength(1)
  })

  it('refuses an implausible date on its field: before the coach started, or years ahead', async () => {
    const id = await addCoachDirect(call, 'Rosa Diaz') // started 2025-03-01
    await openAsSupervisor(`#/coaches/${id}`)
    await waitForHeading(page, /^Rosa Diaz/)
    const status = page.getByRole('region', { name: 'Status' })
    await status.getByLabel('Effective from').fill('1999-01-01')
    await status.getByRole('button', { name: 'Change status' }).click()
    await expect.poll(() => status.getByRole('alert').textContent()).toContain('before the coach started')
    expect(await status.getByLabel('Effective from').getAttribute('aria-invalid')).toBe('true')
    const stage = page.getByRole('region', { name: 'Career ladder' })
    await stage.getByLabel('Stage').selectOption({ label: 'Recovery Coach Professional (RCP)' })
    await stage.getByLabel('Reached on').fill('2099-12-31')
    await stage.getByRole('button', { name: 'Record stage change' }).click()
    await expect.poll(() => stage.getByRole('alert').textContent()).toContain('no more than a year from today')
    const coach = await call<{ statusHistory: unknown[]; stageHistory: unknown[] }>('coaches.get', { id })
    expect([coach.statusHistory.length, coach.stageHistory.length]).toEqual([1, 1])
  })

  it("keeps the office's time zone, and follows the computer's again when asked", async () => {
    await openAsSupervisor('#/settings')
    await waitForHeading(page, 'Office settings')
    await page.getByLabel('The office’s time zone').selectOption('America/Chicago')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Settings saved' }).count()).toBe(1)
    expect(await call<{ timeZone: string | null }>('settings.get', {})).toMatchObject({ timeZone: 'America/Chicago' })
    await reloadAndSignIn(page)
    await waitForHeading(page, 'Office settings')
    expect(await page.getByLabel('The office’s time zone').inputValue()).toBe('America/Chicago')
    await page.getByLabel('The office’s time zone').selectOption('')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(async () => (await call<{ timeZone: string | null }>('settings.get', {})).timeZone).toBeNull()
  })

  it('shows the app’s own calm page, with a way back, when a page cannot be shown', async () => {
    const id = await addCoachDirect(call, 'Rosa Diaz')
    await openAsSupervisor()
    await waitForHeading(page, 'Recovery coaches')
    await page.route('**/api/coaches.get', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"ok": tru' }),
    )
    await page.getByRole('link', { name: 'Rosa Diaz' }).click()
    await waitForHeading(page, 'Something went wrong on this page')
    const main = page.getByRole('main')
    expect(await main.textContent()).toContain('Nothing you saved before is lost')
    expect(await main.textContent()).not.toMatch(/SyntaxError|Unreadable|at \w+ \(|\.js:\d+/)
    // The navigation is still there.
    expect(await nav().getByRole('link').count()).toBeGreaterThan(0)
    await screenshot('forms-error-page', false)
    // The failure was reported to the console, once, and nothing else went wrong.
    expect(pageErrors.length).toBeGreaterThan(0)
    expect(pageErrors.every((text) => text.includes('coaches.get could not be read'))).toBe(true)
    pageErrors.length = 0

    await page.unroute('**/api/coaches.get')
    await page.getByRole('link', { name: 'Go to your start page' }).click()
    await waitForHeading(page, 'Recovery coaches')
    await page.getByRole('link', { name: 'Rosa Diaz' }).click()
    await waitForHeading(page, /^Rosa Diaz/)
    expect(page.url()).toContain(`#/coaches/${id}`)
  })

  it('wraps long unbroken text instead of widening the page', async () => {
    const longName = `${'Bartholomew'.repeat(18)}xy`
    expect(longName).toHaveLength(200)
    const id = await addCoachDirect(call, longName)
    const coach = await call<{ version: number }>('coaches.get', { id })
    await call('coaches.setStatus', {
      id,
      expectedVersion: coach.version,
      status: 'on_leave',
      effectiveOn: '2025-06-01',
      note: `See https://example.org/${'a'.repeat(300)}`,
    })
    await call('accounts.create', {
      username: 'longname',
      displayName: 'D'.repeat(120),
      role: 'coach',
      coachId: id,
      password: 'a long first password',
    })
    await openAsSupervisor()
    const fitsTheWindow = () =>
      page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)
    for (const [address, heading] of [
      ['#/coaches', 'Recovery coaches'],
      [`#/coaches/${id}`, /^Bartholomew/],
      [`#/coaches/${id}/edit`, /^Edit Bartholomew/],
      ['#/accounts', 'Accounts'],
      ['#/audit', 'Audit log'],
    ] as const) {
      await page.goto(`${app.server.url}${address}`)
      await waitForHeading(page, heading)
      await page
        .getByRole('main')
        .getByText(/Bartholomew|DDDD|Created|Changed/)
        .filter({ visible: true })
        .first()
        .waitFor()
      expect(await fitsTheWindow(), address).toBe(true)
    }
    await page.goto(`${app.server.url}#/coaches/${id}`)
    await waitForHeading(page, /^Bartholomew/)
    await screenshot('forms-long-name')
    // Narrower, as on a small laptop screen.
    await page.setViewportSize({ width: 800, height: 900 })
    expect(await fitsTheWindow()).toBe(true)
  })
})

describe('office settings', () => {
  it('makes a new recovery key after asking, shows it once, and the old key stops working', async () => {
    const oldKey = office.recoveryKey
    await openAsSupervisor('#/settings')
    await waitForHeading(page, 'Office settings')
    await page.getByRole('button', { name: 'Make a new recovery key…' }).click()
    const question = page.getByRole('alertdialog', { name: 'Make a new recovery key?' })
    expect(await question.textContent()).toContain(
      'Backups made before today still open with the recovery key of their time',
    )
    await question.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => question.count()).toBe(0)

    await page.getByRole('button', { name: 'Make a new recovery key…' }).click()
    await question.getByRole('button', { name: 'Make a new recovery key' }).click()
    const sheet = page.getByRole('region', { name: `Recovery key for ${SUPERVISOR.officeName}` })
    await sheet.waitFor()
    const newKey = (await sheet.locator('.recovery-key').textContent())!
    expect(newKey).toMatch(/^([A-Z2-7]{4}-){9}[A-Z2-7]{4}$/)
    expect(newKey.replaceAll('-', '')).not.toBe(oldKey.replaceAll('-', ''))
    expect(await page.getByRole('button', { name: 'Print the recovery key' }).count()).toBe(1)
    await screenshot('forms-new-recovery-key')

    // Until it is stored, leaving asks.
    expect(await asksBeforeUnload()).toBe(true)
    await nav().getByRole('link', { name: 'Accounts' }).click()
    const leave = page.getByRole('alertdialog', { name: 'The recovery key is not stored yet' })
    await leave.getByRole('button', { name: 'Stay and store it' }).click()
    await expect.poll(() => leave.count()).toBe(0)
    await page.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Tick the box')
    await page.getByRole('checkbox', { name: 'I have stored the recovery key safely' }).check()
    await page.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('status').filter({ hasText: 'The new recovery key is in use' }).waitFor()
    expect(await page.content()).not.toContain(newKey)
    expect(await asksBeforeUnload()).toBe(false)

    // The old key no longer opens the office; the new one does.
    const router = app.server.core.router
    const recover = (recoveryKey: string) =>
      router.call(
        'auth.recover',
        { recoveryKey, username: SUPERVISOR.username, newPassword: 'a recovered harbour password' },
        'e2e-recover',
      )
    expect(await recover(oldKey)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(await recover(newKey)).toMatchObject({ ok: true })
  })
})
