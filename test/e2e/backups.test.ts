import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  addCoachDirect,
  launchChromium,
  routerClient,
  setUpOffice,
  setUpOfficeDirect,
  signIn,
  startBrowserMode,
  SUPERVISOR,
  waitForHeading,
  watchForPageErrors,
} from './support'

type BrowserMode = Awaited<ReturnType<typeof startBrowserMode>>

let browser: Browser
let context: BrowserContext
let page: Page
let pageErrors: string[]
/** Every server a test started, stopped (and its data folder removed) after it. */
let servers: BrowserMode[]
/** Where "Back up now" saves in these tests: a folder outside the data folder, as the app advises. */
let elsewhere: string

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  servers = []
  elsewhere = mkdtempSync(join(tmpdir(), 'casebook-e2e-backups-'))
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  page = await context.newPage()
  pageErrors = watchForPageErrors(page)
})
afterEach(async () => {
  await context.close()
  for (const server of servers) await server.stop()
  rmSync(elsewhere, { recursive: true, force: true })
  expect(pageErrors).toEqual([])
})

async function browserMode(options: { dataDir?: string } = {}): Promise<BrowserMode> {
  const app = await startBrowserMode(options)
  servers.push(app)
  return app
}

/** Screenshots for a person to look at: `E2E_SCREENSHOTS=1 npx vitest run --project e2e` writes them to /tmp. */
async function screenshot(name: string, fullPage = true) {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `/tmp/casebook-${name}.png`, fullPage })
}

const nav = () => page.getByRole('navigation', { name: 'Main' })

async function rosterNames(url: string): Promise<string[]> {
  await page.goto(`${url}#/coaches`)
  await waitForHeading(page, 'Recovery coaches')
  const table = page.getByRole('table', { name: 'Recovery coaches' })
  await table.waitFor()
  return (await table.getByRole('rowheader').getByRole('link').allTextContents()).sort()
}

/** The field a control's error is described by, as a screen reader reads it. */
async function describedBy(label: string | RegExp, within = page.locator('body')): Promise<string> {
  const field = within.getByLabel(label)
  expect(await field.getAttribute('aria-invalid')).toBe('true')
  const ids = (await field.getAttribute('aria-describedby'))!.split(' ')
  const texts = await Promise.all(ids.map((id) => page.locator(`#${id}`).textContent()))
  return texts.join(' ')
}

describe('backups', () => {
  it('backs up now to a chosen file and restores it with a supervisor’s password; a wrong password changes nothing', async () => {
    const app = await browserMode()
    await setUpOffice(page, app.server.url)
    const call = await routerClient(app)
    await addCoachDirect(call, 'Rosa Diaz')
    await addCoachDirect(call, 'Sam Lee')

    await nav().getByRole('link', { name: 'Backups' }).click()
    await waitForHeading(page, 'Backups')
    // Setting up made the day's automatic backup.
    await expect.poll(() => page.getByText(/^Last backup:/).count()).toBe(1)
    const automatic = page.getByRole('table', { name: /Automatic backups/ })
    expect(await automatic.getByRole('columnheader').allTextContents()).toEqual(['Made', 'File', 'Size', 'Actions'])
    expect(await automatic.getByRole('row').count()).toBe(2)
    expect(await automatic.getByRole('cell').first().textContent()).toMatch(/^auto-\d{4}-\d{2}-\d{2}\.casebook-backup$/)
    expect(await page.getByText('the last 7 days’ and one for each of the last 4 weeks').count()).toBe(1)
    expect(await page.getByText('Copy backups off this computer.').count()).toBe(1)

    // Browser mode has no file dialog: the full path, suggested in the backups folder.
    const saveAs = page.getByLabel('Save the backup as')
    expect(await saveAs.inputValue()).toMatch(
      new RegExp(`^${app.dataDir}/backups/casebook-\\d{4}-\\d{2}-\\d{2}\\.casebook-backup$`),
    )
    const file = join(elsewhere, 'harbour-before-jordan.casebook-backup')
    await saveAs.fill(file)
    await page.getByRole('button', { name: 'Back up now' }).click()
    const done = page.getByRole('status').filter({ hasText: 'Backed up to harbour-before-jordan.casebook-backup' })
    await done.waitFor()
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Backed up to')
    expect(existsSync(file)).toBe(true)
    await screenshot('backups-page')

    // The same name again is refused next to the field, and nothing is overwritten.
    const before = readFileSync(file)
    await page.getByRole('button', { name: 'Back up now' }).click()
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'No backup was made' }).count()).toBe(1)
    expect(await describedBy('Save the backup as')).toContain('already exists')
    expect(readFileSync(file).equals(before)).toBe(true)

    // Something entered after the backup.
    await addCoachDirect(call, 'Jordan Blake')

    await page.getByRole('button', { name: 'Restore from a backup…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Restore from a backup' })
    await dialog.waitFor()
    await dialog.getByLabel('Full path of the backup file').fill(file)
    expect(
      await dialog.getByRole('radio', { name: 'A supervisor’s username and password from the backup' }).isChecked(),
    ).toBe(true)
    expect(await dialog.getByText('This replaces all of the office’s current data').count()).toBe(1)
    expect(await dialog.getByText(`${app.dataDir}/replaced`).count()).toBe(1)
    await dialog.getByLabel(/^Supervisor’s username/).fill(SUPERVISOR.username)
    await dialog.getByLabel('Their password when the backup was made').fill('not the password it had')
    await dialog.getByRole('button', { name: 'Replace the current data with this backup' }).click()
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Nothing was restored')
    expect(await describedBy('Their password when the backup was made', dialog)).toContain('do not match')
    await screenshot('backups-restore-form', false)
    // Nothing changed: the page is still open, and so is the direct client's session, on the same data.
    expect((await call<{ total: number }>('coaches.list', { filter: 'all' })).total).toBe(3)
    expect(existsSync(join(app.dataDir, 'replaced'))).toBe(false)

    await dialog.getByLabel('Their password when the backup was made').fill(SUPERVISOR.password)
    await dialog.getByRole('button', { name: 'Replace the current data with this backup' }).click()
    const restored = page
      .getByRole('status')
      .filter({ hasText: 'The backup harbour-before-jordan.casebook-backup was restored and you are signed in' })
    await restored.waitFor()
    expect(await page.getByRole('dialog').count()).toBe(0)
    expect(await h1()).toBe('Backups')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('was restored')
    await screenshot('backups-restored')
    // Everyone else was signed out, and the replaced files are kept aside.
    await expect(call('coaches.list', { filter: 'all' })).rejects.toThrow(/unauthenticated/)
    expect(readdirSync(join(app.dataDir, 'replaced'))).toHaveLength(1)

    expect(await rosterNames(app.server.url)).toEqual(['Rosa Diaz', 'Sam Lee'])
  })

  it('shows a coordinator no Backups page', async () => {
    const app = await browserMode()
    const { call } = await setUpOfficeDirect(app)
    await call('accounts.create', {
      username: 'casey',
      displayName: 'Casey Morgan',
      role: 'coordinator',
      coachId: null,
      password: 'casey first password',
    })
    await page.goto(app.server.url)
    await signIn(page, 'casey', 'casey first password')
    await page.getByLabel('First password (the one you were given)').fill('casey first password')
    await page.getByLabel(/^New password/).fill('casey own password here')
    await page.getByLabel('Type the new password again').fill('casey own password here')
    await page.getByRole('button', { name: 'Save my new password' }).click()
    await waitForHeading(page, 'Recovery coaches')
    expect(await nav().getByRole('link').allTextContents()).toEqual([
      'Recovery coaches',
      'Career ladder',
      'Contracts',
      'Directory',
    ])
    await page.goto(`${app.server.url}#/backups`)
    await waitForHeading(page, 'You do not have access to this page')
    expect(await page.getByRole('button', { name: /Back up now|Restore/ }).count()).toBe(0)
  })

  it('offers the latest automatic backup when the data cannot be opened, and restores it', async () => {
    const first = await startBrowserMode()
    const { call } = await setUpOfficeDirect(first)
    await addCoachDirect(call, 'Rosa Diaz')
    await addCoachDirect(call, 'Sam Lee')
    // Today's automatic backup was made at set-up; make it again now, as the next day's first sign-in would.
    const backups = join(first.dataDir, 'backups')
    // The set-up's backup runs after its answer, in the background: finished first.
    await first.server.core.backups.idle()
    for (const name of readdirSync(backups)) rmSync(join(backups, name))
    await first.server.core.backups.automaticIfDue()
    await addCoachDirect(call, 'Late Entry')
    await first.stop({ keepData: true })

    // The second page of the database overwritten.
    const database = join(first.dataDir, 'casebook.sqlite')
    const damaged = readFileSync(database)
    damaged.fill(0xab, 4096, 8192)
    writeFileSync(database, damaged)

    const app = await browserMode({ dataDir: first.dataDir })
    await page.goto(app.server.url)
    await waitForHeading(page, 'Sign in')
    await page.getByLabel('Username').fill(SUPERVISOR.username)
    await page.getByLabel('Password').fill(SUPERVISOR.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await waitForHeading(page, 'The office’s data cannot be opened')
    expect(await page.getByRole('alert').textContent()).toMatch(/damaged/)
    expect(await page.getByText('Nothing was written to the file').count()).toBe(1)
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    expect(readFileSync(database).equals(damaged)).toBe(true)
    await screenshot('backups-unavailable')

    // A reload asks again and lands on the same screen.
    await page.reload()
    await waitForHeading(page, 'The office’s data cannot be opened')
    await page.getByRole('button', { name: /^Restore the latest backup \(made .+\)$/ }).click()
    await waitForHeading(page, 'Restore the latest backup')
    expect(await page.getByText(/^auto-\d{4}-\d{2}-\d{2}\.casebook-backup$/).count()).toBe(1)
    await page.getByLabel(/^Supervisor’s username/).fill(SUPERVISOR.username)
    await page.getByLabel('Their password when the backup was made').fill(SUPERVISOR.password)
    await screenshot('backups-restore-latest')
    await page.getByRole('button', { name: 'Restore this backup' }).click()

    await page.getByRole('status').filter({ hasText: 'was restored and you are signed in' }).waitFor()
    expect(await h1()).toBe('Backups')
    expect(await nav().getByRole('link', { name: 'Backups' }).getAttribute('aria-current')).toBe('page')
    // The damaged file was kept aside, unchanged.
    const [aside] = readdirSync(join(app.dataDir, 'replaced'))
    expect(readFileSync(join(app.dataDir, 'replaced', aside!, 'casebook.sqlite')).equals(damaged)).toBe(true)
    expect(await rosterNames(app.server.url)).toEqual(['Rosa Diaz', 'Sam Lee'])
  })

  it('says an emptied database file is not a new office, and offers the latest backup before a new office', async () => {
    const first = await startBrowserMode()
    const { call } = await setUpOfficeDirect(first)
    await addCoachDirect(call, 'Rosa Diaz')
    const backups = join(first.dataDir, 'backups')
    // The set-up's backup runs after its answer, in the background: finished first.
    await first.server.core.backups.idle()
    for (const name of readdirSync(backups)) rmSync(join(backups, name))
    await first.server.core.backups.automaticIfDue()
    await first.server.core.backups.idle()
    await first.stop({ keepData: true })
    // Emptied outside the app (a sync tool, a copy that stopped), beside its key file.
    writeFileSync(join(first.dataDir, 'casebook.sqlite'), '')

    const app = await browserMode({ dataDir: first.dataDir })
    await page.goto(app.server.url)
    await waitForHeading(page, 'The office’s data file is empty')
    expect(await page.getByRole('alert').textContent()).toMatch(/0 bytes, although its key file is beside it/)
    // The latest backup comes first; a new office last.
    const buttons = await page.getByRole('button').allTextContents()
    expect(buttons[0]).toMatch(/^Restore the latest backup \(made .+\)$/)
    expect(buttons.at(-1)).toBe('Set up a new, empty office instead')
    await screenshot('backups-emptied')
    await page.getByRole('button', { name: /^Restore the latest backup/ }).click()
    await waitForHeading(page, 'Restore the latest backup')
    await page.getByLabel(/^Supervisor’s username/).fill(SUPERVISOR.username)
    await page.getByLabel('Their password when the backup was made').fill(SUPERVISOR.password)
    await page.getByRole('button', { name: 'Restore this backup' }).click()
    await page.getByRole('status').filter({ hasText: 'was restored and you are signed in' }).waitFor()
    expect(await rosterNames(app.server.url)).toEqual(['Rosa Diaz'])
  })

  it('restores an office on a new computer from the set-up screen with the recovery key', async () => {
    const old = await browserMode()
    const { call, recoveryKey } = await setUpOfficeDirect(old)
    await addCoachDirect(call, 'Rosa Diaz')
    const file = join(elsewhere, 'harbour.casebook-backup')
    await call('backups.create', { path: file })

    const app = await browserMode()
    await page.goto(app.server.url)
    await waitForHeading(page, 'Set up the office')
    await page.getByRole('button', { name: 'Restore from a backup' }).click()
    await waitForHeading(page, 'Restore the office from a backup')
    await page.getByLabel('Full path of the backup file').fill('harbour.casebook-backup')
    await page.getByRole('radio', { name: 'The office’s recovery key' }).check()
    expect(await page.getByLabel('Their password when the backup was made').count()).toBe(0)
    await page.getByRole('button', { name: 'Restore this backup' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Nothing was restored')
    expect(await describedBy('Full path of the backup file')).toContain('full path')
    expect(await describedBy(/^Recovery key/)).toContain('A recovery key is 40 letters and digits')
    await page.getByLabel('Full path of the backup file').fill(file)
    await page.getByLabel(/^Recovery key/).fill(recoveryKey.toLowerCase())
    await screenshot('backups-setup-restore')
    await page.getByRole('button', { name: 'Restore this backup' }).click()

    // The recovery key opens the backup but signs nobody in: the sign-in screen says what happened.
    await waitForHeading(page, 'Sign in')
    const notice = page.getByRole('status').filter({ hasText: 'The backup harbour.casebook-backup was restored' })
    await notice.waitFor()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('signin-notice')
    await screenshot('backups-signin-after-restore')
    await signIn(page, SUPERVISOR.username, SUPERVISOR.password)
    expect(await rosterNames(app.server.url)).toEqual(['Rosa Diaz'])
  })
})

const h1 = () => page.getByRole('heading', { level: 1 }).textContent()
