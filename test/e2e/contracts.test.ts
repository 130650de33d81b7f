import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import Papa from 'papaparse'
import { addDays, isCovered, localParts, localToInstant } from '@shared/domain/coverage'
import { monthLabel as labelOfMonth } from '../../renderer/src/features/contracts/utils/dashboard'
import {
  addCoachDirect,
  launchChromium,
  setUpOfficeDirect,
  signIn,
  startBrowserMode,
  watchForPageErrors,
} from './support'

/**
 * Partners, contracts and the dispatch log in Chromium, by role and label: a coordinator adds a partner and a
 * contract, logs a request through to completion, sees it on the dashboard and exports the CSV; a coach sees only
 * their own dispatches. The office keeps New York time, so the office wall clock is not the test machine's.
 */

const TIME_ZONE = 'America/New_York'
const SHOTS = process.env.E2E_SHOTS

let browser: Browser
let app: Awaited<ReturnType<typeof startBrowserMode>>
let context: BrowserContext
let page: Page
let pageErrors: string[]
let call: Awaited<ReturnType<typeof setUpOfficeDirect>>['call']

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  app = await startBrowserMode()
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  page = await context.newPage()
  pageErrors = watchForPageErrors(page)
  ;({ call } = await setUpOfficeDirect(app))
  await call('settings.update', { officeName: 'Harbour RCO', coachTitle: 'recovery_coach', timeZone: TIME_ZONE })
})
afterEach(async () => {
  await context.close()
  await app.stop()
  expect(pageErrors).toEqual([])
})

/** An account made by the supervisor, its first password already changed, as a person's first sign-in does. */
async function account(role: 'coordinator' | 'coach', username: string, coachId: number | null = null) {
  const first = `${username} first password`
  const password = `${username} own password`
  await call('accounts.create', { username, displayName: `${username} Person`, role, coachId, password: first })
  const router = app.server.core.router
  const client = `e2e-${username}`
  const signedIn = await router.call('auth.signIn', { username, password: first }, client)
  if (!signedIn.ok) throw new Error(signedIn.error.message)
  const changed = await router.call('auth.changePassword', { currentPassword: first, newPassword: password }, client)
  if (!changed.ok) throw new Error(changed.error.message)
  await router.call('auth.signOut', {}, client)
  return { username, password }
}

/** The office's wall clock `minutesAgo` before now: the date and time a coordinator would type. */
function officeClock(minutesAgo: number) {
  const parts = localParts(Date.now() - minutesAgo * 60_000, TIME_ZONE)
  return { date: parts.date, time: parts.time }
}

const h1 = () => page.getByRole('heading', { level: 1 }).textContent()
const main = () => page.getByRole('main')

async function shot(name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

describe('partners, contracts and the dispatch log in the browser', () => {
  it('lets a coordinator add a partner and a contract, log a request to completion, see it and export it', async () => {
    const avery = await addCoachDirect(call, 'Avery Quinn')
    await addCoachDirect(call, 'Blake Moreno')
    const coordinator = await account('coordinator', 'chris')
    await page.goto(app.server.url)
    await signIn(page, coordinator.username, coordinator.password)

    // The partner, with a contact.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contracts' }).click()
    await expect.poll(h1).toBe('Contracts dashboard')
    await page.getByRole('navigation', { name: 'Contracts section' }).getByRole('link', { name: 'Partners' }).click()
    await page.getByRole('link', { name: 'Add a partner' }).click()
    await expect.poll(h1).toBe('Add a partner')
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('St Jude Emergency Department')
    await page.getByLabel('Kind').selectOption({ label: 'Emergency department' })
    await page.getByRole('button', { name: 'Add a contact' }).click()
    await page.getByLabel('Name of contact 1').fill('Alex Charge')
    await page.getByLabel('Role of contact 1').fill('Charge nurse')
    await page.getByLabel('Email of contact 1').fill('not an email')
    await page.getByRole('button', { name: 'Add partner' }).click()
    // Refused on the contact's own field, nothing saved.
    await expect.poll(() => main().getByText('Enter an email like name@example.org').count()).toBeGreaterThan(0)
    expect((await call<{ total: number }>('partners.list', {})).total).toBe(0)
    await page.getByLabel('Email of contact 1').fill('alex@example.org')
    await page.getByRole('button', { name: 'Add partner' }).click()
    await expect.poll(h1).toBe('St Jude Emergency Department')
    expect(await page.getByRole('region', { name: 'Contacts' }).textContent()).toContain('Alex Charge, Charge nurse')

    // Its contract, with a weekend coverage window and Avery on the team.
    const today = officeClock(0).date
    await page.getByRole('link', { name: 'Add a contract' }).click()
    await expect.poll(h1).toBe('Add a contract')
    expect(await page.getByLabel('Partner').inputValue()).not.toBe('')
    await page.getByLabel('Reference').fill('ED-2026-01')
    await page.getByLabel('Title').fill('Emergency department peer coaching')
    await page.getByLabel('Start date').fill(addDays(today, -60))
    await page.getByLabel('End date').fill(addDays(today, 300))
    await page.getByLabel('Value').fill('-125')
    await page.getByRole('button', { name: 'Add a coverage window' }).click()
    await page.getByLabel('To day of window 1').selectOption({ label: 'Friday' })
    await page.getByLabel('To time of window 1').fill('18:00')
    await page.getByRole('button', { name: 'Add contract' }).click()
    // Both mistakes are named, each on its field.
    await expect.poll(() => main().getByText('Value must not be negative').count()).toBeGreaterThan(0)
    await expect.poll(() => main().getByText('Window 1 must end at a different time').count()).toBeGreaterThan(0)
    await page.getByLabel('Value').fill('125,000.00')
    await page.getByLabel('To day of window 1').selectOption({ label: 'Monday' })
    await page.getByLabel('To time of window 1').fill('08:00')
    await page.getByRole('button', { name: 'Add a coverage window' }).click()
    await page.getByRole('button', { name: 'Remove window 2' }).click()
    await page.getByRole('checkbox', { name: 'Avery Quinn' }).check()
    await shot('contract-form')
    await page.getByRole('button', { name: 'Add contract' }).click()
    await expect.poll(h1).toBe('ED-2026-01: Emergency department peer coaching')
    const terms = page.getByRole('region', { name: 'Terms' })
    expect(await terms.textContent()).toContain('125,000.00 USD')
    expect(await page.getByRole('region', { name: 'Coverage' }).textContent()).toContain('Fri 18:00 – Mon 08:00')
    await shot('contract-page')

    // A request two hours ago, followed through to completion. A name as the reference code is refused.
    const requested = officeClock(120)
    await page.getByRole('link', { name: 'Log a request' }).click()
    await expect.poll(h1).toBe('Log a request')
    await page.getByLabel('Who asked').fill('Charge nurse, ED')
    await page.getByLabel('Reference code').fill('Maria Lopez')
    await page.getByLabel('Requested: date').fill(requested.date)
    await page.getByLabel('Requested: time').fill(requested.time)
    // The free team member is suggested first.
    await expect
      .poll(() => page.getByLabel('Coach sent').locator('option').nth(1).textContent())
      .toBe('Avery Quinn: free, 0 this week')
    await page.getByLabel('Coach sent').selectOption({ index: 1 })
    const accepted = officeClock(115)
    const arrived = officeClock(90)
    const completed = officeClock(30)
    await page.getByLabel('Accepted: date').fill(accepted.date)
    await page.getByLabel('Accepted: time').fill(accepted.time)
    await page.getByLabel('Arrived: date').fill(arrived.date)
    await page.getByLabel('Arrived: time').fill(arrived.time)
    await page.getByLabel('Completed: date').fill(completed.date)
    await page.getByLabel('Completed: time').fill(completed.time)
    await page.getByLabel('Outcome').selectOption({ label: 'Linked to treatment' })
    await page.getByRole('button', { name: 'Log the request' }).click()
    await expect.poll(() => main().getByText('A reference code has no spaces').count()).toBeGreaterThan(0)
    expect((await call<{ items: unknown[] }>('dispatches.list', {})).items).toEqual([])
    await page.getByLabel('Reference code').fill('MRN-48213')
    await shot('dispatch-form')
    await page.getByRole('button', { name: 'Log the request' }).click()
    await expect.poll(h1).toBe('Dispatch to St Jude Emergency Department')
    const followThrough = page.getByRole('region', { name: 'Follow-through (office time)' })
    await expect.poll(() => followThrough.textContent()).toContain('Linked to treatment')
    expect(await followThrough.textContent()).toContain('(30 minutes; target 45)')
    expect(await followThrough.textContent()).toContain(`${requested.time}`)
    const saved = (
      await call<{ items: Array<{ coachId: number; arrivedAt: string; requestedAt: string }> }>('dispatches.list', {})
    ).items
    expect(saved).toHaveLength(1)
    expect(saved[0]!.coachId).toBe(avery)

    // In the log, and on the dashboard for its contract.
    await page.getByRole('link', { name: 'Dispatch log' }).click()
    await expect.poll(h1).toBe('Dispatch log')
    const log = page.getByRole('table', { name: 'Dispatch log' })
    await expect.poll(() => log.getByRole('row').count()).toBe(2)
    expect(await log.textContent()).toContain('Avery Quinn')
    await page.getByRole('navigation', { name: 'Contracts section' }).getByRole('link', { name: 'Dashboard' }).click()
    await expect.poll(h1).toBe('Contracts dashboard')
    await page.getByLabel('Figures for').selectOption({ label: 'ED-2026-01 (St Jude Emergency Department)' })
    const monthOfRequest = requested.date.slice(0, 7)
    const months = page.getByRole('table', { name: 'Requests by month' })
    const monthLabel = labelOfMonth(monthOfRequest)
    // Whether two hours ago fell in the weekend window depends on the day the test runs: worked out, not assumed.
    const weekend = [{ startDay: 4, startTime: '18:00', endDay: 0, endTime: '08:00' }] as const
    const outside = isCovered(weekend, localToInstant(requested.date, requested.time, TIME_ZONE)!, TIME_ZONE) ? 0 : 1
    await expect
      .poll(() => months.getByRole('row', { name: new RegExp(`^${monthLabel}`) }).textContent())
      .toBe(`${monthLabel}11100%${outside}`)
    const arrival = page.getByRole('table', { name: /Minutes to arrival by month/ })
    expect(await arrival.getByRole('row', { name: new RegExp(`^${monthLabel}`) }).textContent()).toBe(
      `${monthLabel}30301 of 1`,
    )
    const weeks = page.getByRole('table', { name: 'Dispatches per coach, weeks starting Monday' })
    expect(
      await weeks
        .getByRole('row', { name: /Avery Quinn/ })
        .getByRole('cell')
        .last()
        .textContent(),
    ).toBe('1')
    await shot('dashboard')

    // The CSV of the contract's dispatches: a download in a browser, opening in a spreadsheet as it is.
    await page.getByRole('navigation', { name: 'Contracts section' }).getByRole('link', { name: 'Contracts' }).click()
    await expect.poll(h1).toBe('Contracts')
    await page.getByRole('table', { name: 'Contracts' }).getByRole('link', { name: 'ED-2026-01' }).click()
    await expect.poll(h1).toContain('ED-2026-01')
    await page.getByLabel('From').fill(addDays(today, -30))
    await page.getByLabel('To').fill(today)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^dispatches-ED-2026-01-.*\.csv$/)
    const text = readFileSync((await download.path())!, 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data
    expect(rows).toHaveLength(2)
    expect(rows[1]).toContain('MRN-48213')
    expect(rows[1]).toContain('Avery Quinn')
    await expect.poll(() => main().getByText('Exported 1 dispatches').count()).toBe(1)
  })

  it('shows a coach only their own dispatches, and their contract read-only', async () => {
    const avery = await addCoachDirect(call, 'Avery Quinn')
    const blake = await addCoachDirect(call, 'Blake Moreno')
    const partner = await call<{ id: number }>('partners.create', {
      name: 'Harbour Police Department',
      type: 'police',
      contacts: [],
    })
    const today = officeClock(0).date
    const contract = await call<{ id: number }>('contracts.create', {
      partnerId: partner.id,
      reference: 'PD-7',
      title: 'Police ride-alongs',
      startDate: addDays(today, -90),
      endDate: addDays(today, 200),
      valueMinor: 5_000_000,
      currency: 'USD',
      billingBasis: 'fixed',
      targetMinutes: 30,
      expectedPerMonth: 10,
      team: [avery, blake],
      renewalNoticeDays: 30,
    })
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString()
    const dispatchOf = (coachId: number, code: string, minutesAgo: number) =>
      call<{ id: number }>('dispatches.create', {
        contractId: contract.id,
        requestedAt: at(minutesAgo),
        requester: 'Duty sergeant',
        referenceCode: code,
        coachId,
        acceptedAt: at(minutesAgo - 5),
        arrivedAt: at(minutesAgo - 20),
        completedAt: at(minutesAgo - 60),
        outcome: 'engaged',
      })
    await dispatchOf(avery, 'PD-1001', 300)
    await dispatchOf(avery, 'PD-1002', 200)
    const blakes = await dispatchOf(blake, 'PD-2001', 250)
    const coach = await account('coach', 'avery', avery)

    await page.goto(app.server.url)
    await signIn(page, coach.username, coach.password)
    const nav = page.getByRole('navigation', { name: 'Main' })
    // Their own parts among the navigation other features add to; none of the staff's contract pages.
    const links = await nav.getByRole('link').allTextContents()
    expect(links).toEqual(expect.arrayContaining(['My profile', 'My dispatches', 'My contracts']))
    expect(links).not.toContain('Contracts')
    await nav.getByRole('link', { name: 'My dispatches' }).click()
    await expect.poll(h1).toBe('My dispatches')
    const mine = page.getByRole('table', { name: 'My dispatches' })
    await expect.poll(() => mine.getByRole('row').count()).toBe(3)
    // No coach column (they are all theirs) and nothing of Blake's, nor a way to log a request.
    expect(await mine.textContent()).not.toContain('Blake')
    expect(await page.getByRole('link', { name: 'Log a request' }).count()).toBe(0)
    await shot('my-dispatches')

    // Another coach's dispatch, by its address: refused by the main process, said plainly.
    await page.goto(`${app.server.url}#/dispatches/${blakes.id}`)
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not found|not yours|do not have/i)
    expect(await main().textContent()).not.toContain('PD-2001')

    // Their contract, read-only: no money, no teammates, no edit.
    await nav.getByRole('link', { name: 'My contracts' }).click()
    await expect.poll(h1).toBe('My contracts')
    await page.getByRole('link', { name: 'PD-7' }).click()
    await expect.poll(h1).toBe('PD-7: Police ride-alongs')
    const body = (await main().textContent()) ?? ''
    expect(body).not.toContain('50,000.00')
    expect(body).not.toContain('Blake')
    expect(await page.getByRole('link', { name: 'Edit contract' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Export CSV' }).count()).toBe(0)
  })
})
