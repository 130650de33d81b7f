import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  addCoachDirect,
  launchChromium,
  routerClient,
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
let coachId: number

const COACH = { name: 'Robin Ellis', username: 'robin', password: 'robin keeps the river running' }
const RCP = 'Recovery Coach Professional (RCP)'

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  app = await startBrowserMode()
  const supervisor = (await setUpOfficeDirect(app)).call
  coachId = await addCoachDirect(supervisor, COACH.name) // at the training stage
  const first = `${COACH.password} at first`
  await supervisor('accounts.create', {
    username: COACH.username,
    displayName: COACH.name,
    role: 'coach',
    coachId,
    password: first,
  })
  const asCoach = await routerClient(app, COACH.username, first)
  await asCoach('auth.changePassword', { currentPassword: first, newPassword: COACH.password })
  await supervisor('trainings.create', {
    name: 'Recovery Coach Academy',
    provider: 'CCAR',
    hours: 30,
    approved: true,
    domains: ['personal', 'hope'],
  })
  await supervisor('requirements.save', {
    stage: 'rcp',
    expectedVersion: 0,
    requirements: [
      { kind: 'training_hours', label: 'Approved training', hours: 60 },
      { kind: 'document_or_step', label: 'Resume submitted' },
      { kind: 'document_or_step', label: 'Recovery account written' },
      { kind: 'interview_or_signoff', label: 'Peer panel interview passed' },
    ],
  })
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  page = await context.newPage()
  pageErrors = watchForPageErrors(page)
})
afterEach(async () => {
  await context.close()
  await app.stop()
  expect(pageErrors).toEqual([])
})

const progressLine = () => page.locator('.lead').filter({ hasText: 'hours,' }).innerText()

describe('the career ladder in the browser', () => {
  it('a supervisor edits the RCP requirements, records training and a step, and moves the coach up; the coach sees it', async () => {
    await page.goto(app.server.url)
    await signIn(page, SUPERVISOR.username, SUPERVISOR.password)

    // The requirements, from the navigation.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Career ladder' }).click()
    await waitForHeading(page, 'Career ladder')
    await page.getByRole('link', { name: 'Requirements' }).click()
    await waitForHeading(page, 'Ladder requirements')
    await page.getByRole('button', { name: 'Edit Approved training' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Hours needed').fill('40.3')
    await dialog.getByRole('button', { name: 'Save requirement' }).click()
    await expect.poll(() => dialog.getByText('quarters of an hour').count()).toBeGreaterThan(0)
    await dialog.getByLabel('Hours needed').fill('40')
    await dialog.getByRole('button', { name: 'Save requirement' }).click()
    await expect.poll(() => page.getByText('Requirement changed.').count()).toBe(1)
    await page.getByLabel('Kind').selectOption({ label: 'A document or step to complete' })
    await page.getByLabel(/^Requirement( \*)?$/).fill('Two references')
    await page.getByRole('button', { name: 'Add requirement' }).click()
    await expect.poll(() => page.getByText('Requirement added.').count()).toBe(1)
    const rows = page.getByRole('table').locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(5)
    expect(await rows.first().innerText()).toContain('40')
    await page.screenshot({ path: '/tmp/ladder-requirements.png', fullPage: true })

    // The coach's Ladder tab: record a training and a step, and see the progress.
    await page.goto(`${app.server.url}#/coaches/${coachId}`)
    await waitForHeading(page, /^Robin Ellis/)
    await page.getByRole('link', { name: 'Ladder', exact: true }).click()
    await page.getByRole('heading', { name: `Toward ${RCP}` }).waitFor()
    expect(await progressLine()).toBe('0 of 40 hours, 0 of 4 steps done.')
    await page.getByLabel('Training', { exact: true }).selectOption({ label: 'Recovery Coach Academy (30 h)' })
    await page.getByLabel('Date attended').fill('2026-01-10')
    await page.getByRole('textbox', { name: 'Hours' }).fill('7.5')
    await page.getByRole('button', { name: 'Record training' }).click()
    await expect.poll(() => page.getByText('Recorded: Recovery Coach Academy, 7.5 hours.').count()).toBe(1)
    await expect.poll(progressLine).toBe('7.5 of 40 hours, 0 of 4 steps done.')
    await page.getByLabel('Step', { exact: true }).selectOption({ label: 'Resume submitted' })
    await page.getByLabel('Completed on').fill('2026-02-01')
    await page.getByRole('button', { name: 'Record step' }).click()
    await expect.poll(progressLine).toBe('7.5 of 40 hours, 1 of 4 steps done.')
    await page.screenshot({ path: '/tmp/ladder-coach.png', fullPage: true })

    // Moving up with something missing asks first, and says what.
    await page.getByLabel('Reached on').fill('2026-11-01')
    await page.getByRole('button', { name: `Move up to ${RCP}…` }).click()
    const confirm = page.getByRole('alertdialog')
    expect(await confirm.innerText()).toContain('Approved training: 32.5 more hours')
    await confirm.getByRole('button', { name: 'Move up anyway' }).click()
    await expect.poll(() => page.getByText(`Moved up to ${RCP}.`).count()).toBe(1)
    await page.getByRole('heading', { name: `Stage: ${RCP}` }).waitFor()

    // The coach sees their own ladder page, and nothing to change on it.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await signIn(page, COACH.username, COACH.password)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My ladder' }).click()
    await page.getByRole('heading', { name: `Stage: ${RCP}` }).waitFor()
    expect(await page.getByRole('region', { name: 'Trainings attended' }).innerText()).toContain(
      'Recovery Coach Academy',
    )
    expect(await page.getByRole('button', { name: 'Record training' }).count()).toBe(0)
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Career ladder' }).count(),
    ).toBe(0)
    await page.screenshot({ path: '/tmp/ladder-own.png', fullPage: true })
  }, 120_000)
})
