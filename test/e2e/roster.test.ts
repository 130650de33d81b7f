import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  launchChromium,
  reloadAndSignIn,
  routerClient,
  setUpOffice,
  signIn,
  startBrowserMode,
  SUPERVISOR,
  watchForPageErrors,
} from './support'

let browser: Browser
let app: Awaited<ReturnType<typeof startBrowserMode>>
let context: BrowserContext
let page: Page
let pageErrors: string[]

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  app = await startBrowserMode()
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  page = await context.newPage()
  pageErrors = watchForPageErrors(page)
  direct = null
  // Every office starts with its first supervisor; the roster is theirs to keep.
  await setUpOffice(page, app.server.url)
})
afterEach(async () => {
  await context.close()
  await app.stop()
  expect(pageErrors).toEqual([])
})

let direct: Awaited<ReturnType<typeof routerClient>> | null = null
/** The supervisor's own second client, signed in once per test when first needed. */
async function supervisorCall<T>(channel: string, input: unknown): Promise<T> {
  direct ??= await routerClient(app)
  return direct<T>(channel, input)
}

async function coachCount(): Promise<number> {
  return (await supervisorCall<{ total: number }>('coaches.list', { filter: 'all' })).total
}

async function addCoach(legalName: string, extra: { preferredName?: string } = {}) {
  await page.goto(`${app.server.url}#/coaches`)
  await page.getByRole('link', { name: 'Add a recovery coach' }).click()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Add a recovery coach')
  await page.getByLabel('Legal name').fill(legalName)
  if (extra.preferredName) await page.getByLabel('Preferred name').fill(extra.preferredName)
  await page.getByLabel('Pronouns').fill('she/her')
  await page.getByLabel('Email').fill('rosa.diaz@example.org')
  await page.getByLabel('Languages').fill('English, Spanish')
  await page.getByLabel('Start date').fill('2024-05-01')
  await page.getByLabel('Employment').selectOption({ label: 'Full time' })
  await page.getByLabel('Career-ladder stage').selectOption({ label: 'Training' })
  await page.getByRole('checkbox', { name: 'Emergency department' }).check()
  await page.getByLabel('Assigned supervisor').selectOption({ label: 'Dana Whitfield' })
  await page.getByRole('button', { name: 'Add recovery coach' }).click()
}

describe('the roster in the browser', () => {
  it('adds, finds, edits and archives a coach, and keeps every change across a reload', async () => {
    await addCoach('Rosa Maria Diaz', { preferredName: 'Rosa Diaz' })
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Rosa Diaz')
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'was added' }).count()).toBe(1)

    // Find them on the roster.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recovery coaches' }).click()
    await page.getByRole('searchbox', { name: 'Find by name' }).fill('rosa')
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'recovery coach' }).textContent())
      .toBe('1 recovery coach')
    await page.getByRole('searchbox', { name: 'Find by name' }).fill('nobody like this')
    await expect.poll(() => page.getByText('No recovery coaches match').count()).toBe(1)
    await page.getByRole('searchbox', { name: 'Find by name' }).fill('Maria')
    await page.getByRole('link', { name: 'Rosa Diaz' }).click()

    // Edit them.
    await page.getByRole('link', { name: 'Edit details' }).click()
    await page.getByLabel('Phone').fill('+1 555 010 2000')
    await page.getByLabel('Supervision every (days)').fill('21')
    await page.getByRole('checkbox', { name: 'Police' }).check()
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => page.getByText('Changes saved.').count()).toBe(1)
    await expect.poll(() => page.getByText('Every 21 days').count()).toBe(1)

    // Archive them.
    await page.getByLabel('New status').selectOption({ label: 'Left (archived)' })
    await page.getByLabel('Effective from').fill('2026-11-20')
    await page.getByLabel('Note (optional)').fill('Moved out of state')
    await page.getByRole('button', { name: 'Archive (mark as left)' }).click()
    // Archiving asks first.
    await page.getByRole('alertdialog', { name: 'Archive Rosa Diaz?' }).getByRole('button', { name: 'Archive' }).click()
    await expect.poll(() => page.getByText('has left and is archived').count()).toBe(1)

    // Reload (which signs in again: the page's session token is in its memory only): everything is still there.
    await reloadAndSignIn(page)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Rosa Diaz')
    const details = page.getByRole('region', { name: 'Details' })
    await expect.poll(() => details.textContent()).toContain('+1 555 010 2000')
    expect(await details.textContent()).toContain('Emergency department, Police')
    expect(await details.textContent()).toContain('English, Spanish')
    expect(await details.textContent()).toContain('Left (archived)')
    expect(await page.getByRole('region', { name: 'Status' }).textContent()).toContain('Moved out of state')

    // Archived, not deleted: gone from the current roster, listed under "Left".
    await page.goto(`${app.server.url}#/coaches`)
    await expect.poll(() => page.getByText('No recovery coaches to show yet.').count()).toBe(1)
    await page.getByLabel('Show').selectOption({ label: 'Left (archived)' })
    await expect.poll(() => page.getByRole('link', { name: 'Rosa Diaz' }).count()).toBe(1)
    expect(await coachCount()).toBe(1)
  })

  it('finds coaches by language, setting and supervisor as well as by name', async () => {
    const base = {
      preferredName: null,
      pronouns: null,
      email: null,
      phone: null,
      startDate: '2024-01-15',
      employment: 'part_time',
      title: 'recovery_coach',
      supervisionCadenceDays: 14,
      careerStage: 'training',
    }
    await supervisorCall('coaches.create', {
      ...base,
      legalName: 'Ana Ruiz',
      languages: ['Spanish', 'English'],
      workSettings: ['police'],
      supervisorAccountId: 1,
    })
    await supervisorCall('coaches.create', {
      ...base,
      legalName: 'Ben Okafor',
      languages: ['Igbo'],
      workSettings: ['hospital'],
      supervisorAccountId: null,
    })
    // Set-up left the page on the roster, loaded before these two were added.
    await reloadAndSignIn(page)
    const names = () =>
      page.getByRole('table', { name: 'Recovery coaches' }).getByRole('rowheader').getByRole('link').allTextContents()
    /** The count said, and (once the list shows it) the names listed. */
    const shown = async (text: string, listed?: string[]) => {
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'recovery coach' }).textContent()).toBe(text)
      if (listed) await expect.poll(names).toEqual(listed)
    }
    await shown('2 recovery coaches')
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: '/tmp/casebook-roster-filters.png' })
    const search = page.getByRole('searchbox', { name: /^Find by name/ })

    // The search box matches languages too. The supervisor is an account now, chosen with the Supervisor filter
    // below (so a renamed account is followed), no longer text the search box looks in.
    await search.fill('igbo')
    await shown('1 recovery coach', ['Ben Okafor'])
    await search.fill('')
    await shown('2 recovery coaches')

    // And the filters narrow by one language, setting or supervisor.
    await page.getByLabel('Speaks').fill('spanish')
    await shown('1 recovery coach', ['Ana Ruiz'])
    await page.getByLabel('Speaks').fill('')
    await shown('2 recovery coaches')
    await page.getByLabel('Works in').selectOption({ label: 'Hospital' })
    await shown('1 recovery coach', ['Ben Okafor'])
    await page.getByLabel('Supervisor', { exact: true }).selectOption({ label: 'Dana Whitfield' })
    await shown('0 recovery coaches')
    expect(await page.getByText('No recovery coaches match these filters.').count()).toBe(1)
    // The filters are in the address: a reload (and signing in again) keeps them.
    await reloadAndSignIn(page)
    await shown('0 recovery coaches')
    expect(await page.getByLabel('Works in').inputValue()).toBe('hospital')
  })

  it('shows every error next to its field and saves nothing when the form is invalid', async () => {
    await page.goto(`${app.server.url}#/coaches/new`)
    await page.getByLabel('Email').fill('not-an-email')
    await page.getByLabel('Supervision every (days)').fill('0')
    await page.getByLabel('Start date').fill('')
    await page.getByRole('button', { name: 'Add recovery coach' }).click()

    const summary = page.getByRole('alert')
    await expect.poll(() => summary.textContent()).toContain('Nothing was saved')
    expect(await summary.textContent()).toContain('Legal name is required')
    const legalName = page.getByLabel('Legal name')
    expect(await legalName.getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByLabel('Supervision every (days)').getAttribute('aria-invalid')).toBe('true')
    // The message is tied to the field, so a screen reader reads it with the label.
    const describedBy = (await legalName.getAttribute('aria-describedby'))!
    expect(await page.locator(`#${describedBy}`).textContent()).toContain('Legal name is required')
    // The summary's entries move focus to their field.
    await summary.getByRole('button', { name: /Email/ }).click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('coach-email')
    expect(await coachCount()).toBe(0)

    // A legal name past the limit is refused too.
    await legalName.fill('x'.repeat(201))
    await page.getByLabel('Email').fill('ok@example.org')
    await page.getByLabel('Supervision every (days)').fill('14')
    await page.getByLabel('Start date').fill('2025-01-01')
    await page.getByRole('button', { name: 'Add recovery coach' }).click()
    await expect.poll(() => summary.textContent()).toContain('at most 200 characters')
    expect(await coachCount()).toBe(0)
  })

  it('reports a conflicting edit made in another window and keeps the other person’s change', async () => {
    await addCoach('Sam Lee')
    await expect.poll(() => page.getByRole('link', { name: 'Edit details' }).count()).toBe(1)
    const coachUrl = page.url()
    await page.getByRole('link', { name: 'Edit details' }).click()
    await expect.poll(() => page.getByLabel('Phone').count()).toBe(1)

    // Another tab signs in on its own (its session token is its own).
    const other = await context.newPage()
    await other.goto(`${coachUrl}/edit`)
    await signIn(other, SUPERVISOR.username, SUPERVISOR.password)
    await other.getByLabel('Phone').fill('555 0199')
    await other.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => other.getByText('Changes saved.').count()).toBe(1)

    await page.getByLabel('Phone').fill('555 0111')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Someone else changed this coach')
    expect((await supervisorCall<{ phone: string }>('coaches.get', { id: 1 })).phone).toBe('555 0199')
  })

  it('uses the office’s own word for its coaches everywhere, and keeps it', async () => {
    await page.goto(`${app.server.url}#/settings`)
    await page.getByLabel('Office name').fill('Harbour Recovery Community')
    await page.getByLabel('What the office calls its coaches').selectOption({ label: 'Navigators' })
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => page.getByText('Settings saved.').count()).toBe(1)
    await reloadAndSignIn(page)
    const nav = page.getByRole('navigation', { name: 'Main' })
    await expect.poll(() => nav.getByRole('link', { name: 'Navigators' }).count()).toBe(1)
    await expect.poll(() => page.getByText('Harbour Recovery Community').count()).toBe(1)
    await nav.getByRole('link', { name: 'Navigators' }).click()
    await expect.poll(() => page.getByRole('link', { name: 'Add a navigator' }).count()).toBe(1)

    // An empty office name is refused and the saved one stays.
    await page.goto(`${app.server.url}#/settings`)
    await page.getByLabel('Office name').fill('   ')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Office name is required')
    expect((await supervisorCall<{ officeName: string }>('settings.get', {})).officeName).toBe(
      'Harbour Recovery Community',
    )
  })

  it('can be used from the keyboard alone, with focus visible', async () => {
    await page.goto(`${app.server.url}#/coaches`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Recovery coaches')
    // Opening a page puts focus on its heading, so a screen reader announces where the person is.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    // Every step forward lands on something that shows it has focus.
    for (const expected of ['Add a recovery coach', 'Find by name, language or supervisor', 'Show', 'Sort by']) {
      await page.keyboard.press('Tab')
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement
        const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null
        return { name: label ?? element.textContent, outline: getComputedStyle(element).outlineStyle }
      })
      expect(focused.name).toBe(expected)
      expect(focused.outline).not.toBe('none')
    }
    // Back up past the main navigation to the skip link, the first stop on the page.
    await page.getByRole('heading', { level: 1 }).focus()
    // The main navigation grows with each feature: every link in it, last to first, then the account's buttons.
    const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()
    expect(links).toEqual(
      expect.arrayContaining(['Recovery coaches', 'Accounts', 'Audit log', 'Office settings', 'Backups']),
    )
    const backwards = [...links.reverse(), 'Sign out', 'Lock', 'Change password', 'Skip to content']
    for (const expected of backwards) {
      await page.keyboard.press('Shift+Tab')
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(expected)
    }
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    await page.getByRole('link', { name: 'Add a recovery coach' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Kai Moana')
    expect(await page.getByLabel('Legal name').inputValue()).toBe('Kai Moana')
  })
})
