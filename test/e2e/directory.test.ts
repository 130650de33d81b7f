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
  watchForPageErrors,
} from './support'

let browser: Browser
let app: Awaited<ReturnType<typeof startBrowserMode>>
let contexts: BrowserContext[]
let pageErrors: string[][]
let call: Awaited<ReturnType<typeof setUpOfficeDirect>>['call']

const ANA = { username: 'ana', displayName: 'Ana Lima', password: 'ana-own-password-1' }
const BEN = { username: 'ben', displayName: 'Ben Osei', password: 'ben-own-password-1' }

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  app = await startBrowserMode()
  contexts = []
  pageErrors = []
  ;({ call } = await setUpOfficeDirect(app))
  // Two coaches of the team, each with an account that has already chosen its own password.
  for (const person of [ANA, BEN]) {
    const coachId = await addCoachDirect(call, person.displayName)
    const first = `${person.password}-first`
    await call('accounts.create', { ...person, password: first, role: 'coach', coachId })
    const own = await routerClient(app, person.username, first)
    await own('auth.changePassword', { currentPassword: first, newPassword: person.password })
  }
})
afterEach(async () => {
  for (const context of contexts) await context.close()
  await app.stop()
  for (const errors of pageErrors) expect(errors).toEqual([])
})

/** A browser of its own, signed in as `who`. */
async function signedIn(who: { username: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  contexts.push(context)
  const page = await context.newPage()
  pageErrors.push(watchForPageErrors(page))
  await page.goto(app.server.url)
  await signIn(page, who.username, who.password)
  return page
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent()

async function openDirectory(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Directory' }).click()
  await expect.poll(() => heading(page)).toBe('Directory of recovery supports')
}

describe('the directory in the browser', () => {
  it('a coach adds a resource with a tip, another finds it by the tip and by a filter and checks it, and a supervisor restores an earlier version', async () => {
    // Ana adds a resource; a web address that is not http or https is refused on its field, nothing saved.
    const ana = await signedIn(ANA)
    await openDirectory(ana)
    await ana.getByRole('link', { name: 'Add a resource' }).click()
    await expect.poll(() => heading(ana)).toBe('Add a resource')
    await ana.getByLabel('Name').fill('Lantern House Peer Centre')
    await ana.getByLabel('Kind of support').selectOption({ label: 'Peer centre' })
    await ana.getByLabel('Description').fill('Drop-in peer centre with an evening all-recovery meeting.')
    await ana.getByRole('checkbox', { name: 'SMART Recovery' }).check()
    await ana.getByRole('checkbox', { name: 'Connectedness' }).check()
    await ana.getByLabel('Phone').fill('+1 555 0190')
    await ana.getByLabel('Web address').fill('javascript:alert(1)')
    await ana.getByRole('button', { name: 'Add an opening time' }).click()
    await ana.getByLabel('Day of opening time 1').selectOption({ label: 'Wednesday' })
    await ana.getByLabel('Closes (opening time 1)').fill('21:00')
    await ana.getByLabel('Languages').fill('English, Tagalog')
    await ana.getByLabel('How to get someone in').fill('Walk in; the desk is staffed by peers.')
    await ana.getByRole('button', { name: 'Add to the directory' }).click()
    await expect
      .poll(() => ana.getByText('Enter a web address starting with https:// or http://').count())
      .toBeGreaterThan(0)
    expect((await call<{ total: number }>('resources.list', {})).total).toBe(0)
    await ana.getByLabel('Web address').fill('https://lantern.example.org/')
    await ana.getByRole('button', { name: 'Add to the directory' }).click()
    await expect.poll(() => heading(ana)).toBe('Lantern House Peer Centre')
    await expect.poll(() => ana.getByRole('status').filter({ hasText: 'was added' }).count()).toBe(1)
    await ana.getByLabel('Add a tip').fill('Ask for Marisol at the front desk, weekday mornings')
    await ana.getByRole('button', { name: 'Add the tip' }).click()
    await expect.poll(() => ana.getByText('Your tip was added').count()).toBe(1)
    await expect.poll(() => ana.getByText('Ask for Marisol at the front desk, weekday mornings').count()).toBe(1)

    // Ben finds it by a word of the tip, accents and case aside, and by filters.
    const ben = await signedIn(BEN)
    await openDirectory(ben)
    const search = ben.getByRole('searchbox', { name: 'Search names, descriptions and tips' })
    await search.fill('MARISOL')
    await expect
      .poll(() => ben.getByRole('status').filter({ hasText: 'resource' }).textContent())
      .toMatch(/^1 resource/)
    await expect.poll(() => ben.getByRole('link', { name: 'Lantern House Peer Centre' }).count()).toBe(1)
    await search.fill('nothing like it')
    await expect.poll(() => ben.getByText('No resources match').count()).toBe(1)
    await search.fill('')
    await ben.getByRole('combobox', { name: 'Pathway', exact: true }).selectOption({ label: 'SMART Recovery' })
    await ben.getByLabel('Language', { exact: true }).fill('tagalog')
    await expect
      .poll(() => ben.getByRole('status').filter({ hasText: 'resource' }).textContent())
      .toMatch(/^1 resource: SMART Recovery pathway, in tagalog/)
    await ben.getByRole('combobox', { name: 'Pathway', exact: true }).selectOption({ label: 'Twelve-step' })
    await expect.poll(() => ben.getByText('No resources match').count()).toBe(1)
    await ben.getByRole('combobox', { name: 'Pathway', exact: true }).selectOption({ label: 'SMART Recovery' })
    await ben.getByRole('link', { name: 'Lantern House Peer Centre' }).click()
    await expect.poll(() => heading(ben)).toBe('Lantern House Peer Centre')

    // Ben marks it checked, then corrects the phone: version 2.
    await ben.getByRole('button', { name: 'Mark as checked' }).click()
    await expect.poll(() => ben.getByText('Marked as checked today').count()).toBe(1)
    await expect.poll(() => ben.getByText(/Last checked .* by Ben Osei/).count()).toBe(1)
    await ben.getByRole('link', { name: 'Edit details' }).click()
    await expect.poll(() => heading(ben)).toBe('Edit Lantern House Peer Centre')
    await ben.getByLabel('Phone').fill('+1 555 0999')
    await ben.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => heading(ben)).toBe('Lantern House Peer Centre')
    await expect.poll(() => ben.getByText('+1 555 0999').count()).toBe(1)

    // The supervisor restores version 1 from the history: a new version 3, with the first phone back.
    const dana = await signedIn(SUPERVISOR)
    await openDirectory(dana)
    await dana.getByRole('link', { name: 'Lantern House Peer Centre' }).click()
    await dana.getByRole('link', { name: 'History' }).click()
    await expect.poll(() => heading(dana)).toBe('History of Lantern House Peer Centre')
    await expect.poll(() => dana.getByText(/Changed phone · .* by Ben Osei/).count()).toBe(1)
    await dana.getByRole('button', { name: 'Restore version 1' }).click()
    const dialog = dana.getByRole('alertdialog', { name: 'Restore version 1?' })
    await dialog.getByRole('button', { name: 'Restore version 1' }).click()
    await expect.poll(() => dana.getByText('Version 1 was restored as version 3.').count()).toBe(1)
    await expect.poll(() => dana.getByText(/Restored version 1 \(phone\) · .* by Dana Whitfield/).count()).toBe(1)

    const saved = await call<{ version: number; phone: string; lastCheckedBy: string; tips: unknown[] }>(
      'resources.get',
      { id: 1 },
    )
    expect(saved).toMatchObject({ version: 3, phone: '+1 555 0190', lastCheckedBy: 'Ben Osei' })
    expect(saved.tips).toHaveLength(1)
    await dana.getByRole('link', { name: 'See the resource' }).click()
    await expect.poll(() => dana.getByText('+1 555 0190').count()).toBe(1)

    // The sheet to hand over holds the resource's details and none of the team's.
    await dana.getByRole('link', { name: 'Print a sheet' }).click()
    const sheet = dana.getByRole('article', { name: 'Printable sheet for Lantern House Peer Centre' })
    await expect.poll(() => sheet.textContent()).toContain('Walk in; the desk is staffed by peers.')
    expect(await sheet.textContent()).not.toContain('Marisol')
  })
})
