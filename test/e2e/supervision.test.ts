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
const PRIVATE = 'Zebracorn: worried about sleep, for supervisors only'
const SHARED = 'We talked about boundaries at the emergency department and a plan for rest days.'

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  app = await startBrowserMode()
  const supervisor = (await setUpOfficeDirect(app)).call
  coachId = await addCoachDirect(supervisor, COACH.name)
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
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  page = await context.newPage()
  pageErrors = watchForPageErrors(page)
})
afterEach(async () => {
  await context.close()
  await app.stop()
  expect(pageErrors).toEqual([])
})

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/** Moves focus to a control and works it with the keyboard alone. */
async function typeInto(label: string, text: string) {
  await page.getByLabel(label, { exact: true }).focus()
  await page.keyboard.type(text)
}

describe('supervision in the browser', () => {
  it('a supervisor records a session by keyboard; the coach reads the shared part, marks an item done, and never meets the private note', async () => {
    await page.goto(app.server.url)
    await signIn(page, SUPERVISOR.username, SUPERVISOR.password)
    await page.goto(`${app.server.url}#/supervision/new?coach=${coachId}`)
    await waitForHeading(page, 'New supervision session')
    await page.getByRole('checkbox', { name: COACH.name }).waitFor()
    expect(await page.getByRole('checkbox', { name: COACH.name }).isChecked()).toBe(true)
    await page.getByRole('checkbox', { name: /^Restorative/ }).focus()
    await page.keyboard.press('Space')
    await page.getByRole('checkbox', { name: /^Formative/ }).focus()
    await page.keyboard.press('Space')
    await typeInto('Shared note (the coach reads this)', SHARED)
    await typeInto('Private note (supervisors only)', PRIVATE)
    await page.getByRole('checkbox', { name: 'Stigma' }).focus()
    await page.keyboard.press('Space')
    await typeInto('Action 1', 'Book the naloxone refresher')
    await page.getByLabel('Action 1 due', { exact: true }).fill(inDays(7))
    await typeInto('Action 2', 'Call the hospital about a quiet room')
    await page.getByLabel('Owner of action 2').selectOption({ label: 'The supervisor' })
    await page.getByLabel('Action 2 due', { exact: true }).fill(inDays(5))
    await page.getByRole('button', { name: 'Save the draft' }).focus()
    await page.keyboard.press('Enter')
    await waitForHeading(page, /\(draft\)$/)
    expect(await page.getByLabel('Private note (supervisors only)').inputValue()).toBe(PRIVATE)

    await page.getByRole('button', { name: 'Sign off and lock' }).focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('alertdialog', { name: 'Sign off this session?' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Sign off and lock' }).focus()
    await page.keyboard.press('Enter')
    await waitForHeading(page, /\(signed off\)$/)
    expect(await page.getByText(PRIVATE).count()).toBe(1)
    await page.screenshot({ path: '/tmp/supervision-session.png', fullPage: true })

    // The start page, for the supervisor.
    await page.goto(`${app.server.url}#/supervision`)
    await waitForHeading(page, 'Supervision')
    await page.getByRole('table', { name: /Sessions per coach by function/ }).waitFor()
    await page.screenshot({ path: '/tmp/supervision-start.png', fullPage: true })

    // The coach, in a window of their own.
    const coachContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
    const coachPage = await coachContext.newPage()
    const coachErrors = watchForPageErrors(coachPage)
    try {
      await coachPage.goto(app.server.url)
      await signIn(coachPage, COACH.username, COACH.password)
      await coachPage.getByRole('link', { name: 'My supervision' }).click()
      await coachPage.getByText(SHARED).first().waitFor()
      const items = coachPage.getByRole('table', { name: 'Open action items' })
      await items.getByRole('cell', { name: 'Book the naloxone refresher', exact: true }).waitFor()
      // The supervisor's own item of a session the coach attended alone is shown, but is not theirs to mark.
      expect(await items.getByRole('cell', { name: 'Call the hospital about a quiet room', exact: true }).count()).toBe(
        1,
      )
      expect(await items.getByRole('button', { name: /Mark done\W+Call the hospital/ }).count()).toBe(0)
      await coachPage.screenshot({ path: '/tmp/supervision-coach.png', fullPage: true })
      await items.getByRole('button', { name: /^Mark done\W+Book the naloxone refresher/ }).focus()
      await coachPage.keyboard.press('Enter')
      await coachPage.getByText('“Book the naloxone refresher” is marked done.').waitFor()
      expect(await coachPage.content()).not.toContain('Zebracorn')

      await coachPage
        .getByRole('link', { name: /\(signed off\)$/ })
        .first()
        .click()
      await waitForHeading(coachPage, /\(signed off\)$/)
      expect(await coachPage.content()).not.toContain('Zebracorn')
      expect(await coachPage.getByText('Private note').count()).toBe(0)

      // A change of the address's hash is no reload: the page stays signed in.
      await coachPage.goto(`${app.server.url}#/supervision/search`)
      await waitForHeading(coachPage, 'Search supervision notes')
      await coachPage.getByLabel('Search the notes').fill('zebracorn')
      await coachPage.getByText('0 found').waitFor()
      await coachPage.getByLabel('Search the notes').fill('boundaries')
      await coachPage.getByText('1 found').waitFor()
      expect(await coachPage.locator('mark', { hasText: 'boundaries' }).count()).toBe(1)
      expect(await coachPage.content()).not.toContain('Zebracorn')
      await coachPage.screenshot({ path: '/tmp/supervision-search.png', fullPage: true })
    } finally {
      await coachContext.close()
    }
    expect(coachErrors).toEqual([])
  })
})
