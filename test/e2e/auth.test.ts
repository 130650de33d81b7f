import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  addCoachDirect,
  launchChromium,
  reloadAndSignIn,
  routerClient,
  setUpOffice,
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
})
afterEach(async () => {
  await context.close()
  await app.stop()
  expect(pageErrors).toEqual([])
})

const h1 = () => page.getByRole('heading', { level: 1 }).textContent()
const nav = () => page.getByRole('navigation', { name: 'Main' })
const navLinks = () => nav().getByRole('link').allTextContents()

/** The screen every account created or reset by a supervisor meets first. */
async function chooseNewPassword(first: string, next: string) {
  await waitForHeading(page, 'Choose a new password')
  // Nothing of the app is reachable before the new password is chosen.
  expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0)
  await page.getByLabel('First password (the one you were given)').fill(first)
  await page.getByLabel(/^New password/).fill(next)
  await page.getByLabel('Type the new password again').fill(next)
  await page.getByRole('button', { name: 'Save my new password' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await waitForHeading(page, 'Sign in')
}

describe('signing in', () => {
  it('sets up the office on first run, shows the recovery key once, and opens as its supervisor', async () => {
    await page.goto(app.server.url)
    await waitForHeading(page, 'Set up the office')
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')

    // Mistakes are caught next to their fields before anything is written.
    await page.getByLabel('Office name').fill(SUPERVISOR.officeName)
    await page.getByLabel('Your name').fill(SUPERVISOR.displayName)
    await page.getByLabel('Username').fill(SUPERVISOR.username)
    await page.getByLabel(/^Password/).fill('too short')
    await page.getByLabel('Type the password again').fill('too short')
    await page.getByRole('button', { name: 'Set up the office' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('at least 12 characters')
    expect(await page.getByLabel(/^Password/).getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByLabel(/^Password/).getAttribute('autocomplete')).toBe('new-password')
    await page.getByLabel(/^Password/).fill(SUPERVISOR.password)
    await page.getByLabel('Type the password again').fill(`${SUPERVISOR.password}!`)
    await page.getByRole('button', { name: 'Set up the office' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The two passwords are not the same')
    await page.getByLabel('Type the password again').fill(SUPERVISOR.password)
    await page.getByRole('button', { name: 'Set up the office' }).click()

    // The recovery key, once, grouped for copying by hand.
    await waitForHeading(page, 'Your recovery key')
    const sheet = page.getByRole('region', { name: `Recovery key for ${SUPERVISOR.officeName}` })
    const recoveryKey = (await sheet.locator('.recovery-key').textContent())!
    expect(recoveryKey).toMatch(/^([A-Z2-7]{4}-){9}[A-Z2-7]{4}$/)
    expect(await page.getByRole('button', { name: 'Print the recovery key' }).count()).toBe(1)
    await page.getByRole('button', { name: 'Continue to the app' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Tick the box')
    expect(await h1()).toBe('Your recovery key')
    await page.getByRole('checkbox', { name: 'I have stored the recovery key safely' }).check()
    await page.getByRole('button', { name: 'Continue to the app' }).click()

    // Signed in as the supervisor, who sees every part of the app.
    await waitForHeading(page, 'Recovery coaches')
    const account = page.getByRole('region', { name: 'Your account' })
    expect(await account.textContent()).toContain('Dana Whitfield')
    expect(await account.textContent()).toContain('Supervisor')
    expect(await navLinks()).toEqual([
      'Recovery coaches',
      'Team growth',
      'Career ladder',
      'Contracts',
      'Supervision',
      'Directory',
      'Accounts',
      'Audit log',
      'Office settings',
      'Backups',
    ])
    expect(await page.getByText(SUPERVISOR.officeName).count()).toBe(1)

    // A reload asks to sign in again (the page's session token lives in its memory only), and the key is never
    // shown again.
    await reloadAndSignIn(page)
    await waitForHeading(page, 'Recovery coaches')
    expect(await page.content()).not.toContain(recoveryKey)

    // Signing out: the sign-in screen, with focus in the username field and nothing of the app behind it.
    await signOut()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('signin-username')
    expect(await nav().count()).toBe(0)
    expect(await page.getByLabel('Password').getAttribute('autocomplete')).toBe('current-password')

    // A wrong password is refused, said next to the password field, and the field is emptied.
    await page.getByLabel('Username').fill(SUPERVISOR.username)
    await page.getByLabel('Password').fill('not the right password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('do not match')
    const password = page.getByLabel('Password')
    expect(await password.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator(`#${await password.getAttribute('aria-describedby')}`).textContent()).toContain(
      'do not match',
    )
    expect(await password.inputValue()).toBe('')
    expect(await h1()).toBe('Sign in')

    // Every password forgotten: the recovery key sets a new one and signs in.
    await page.getByRole('button', { name: 'Forgot every password? Use the recovery key' }).click()
    await waitForHeading(page, 'Use the recovery key')
    await page.getByLabel('Recovery key').fill(recoveryKey.toLowerCase().replaceAll('-', ' '))
    await page.getByLabel('Supervisor’s username').fill(SUPERVISOR.username)
    await page.getByLabel(/^New password/).fill('a brand new harbour password')
    await page.getByLabel('Type the new password again').fill('a brand new harbour password')
    await page.getByRole('button', { name: 'Set the new password and sign in' }).click()
    await waitForHeading(page, 'Recovery coaches')
    expect(await page.getByRole('region', { name: 'Your account' }).textContent()).toContain('Dana Whitfield')
  })

  it('shows each role only what it may use, and a coach only their own page', async () => {
    await setUpOffice(page, app.server.url)
    const call = await routerClient(app)
    const rosaId = await addCoachDirect(call, 'Rosa Diaz')
    const samId = await addCoachDirect(call, 'Sam Lee')

    // The supervisor adds a coordinator and a coach account.
    await nav().getByRole('link', { name: 'Accounts' }).click()
    await waitForHeading(page, 'Accounts')
    const form = page.getByRole('region', { name: 'Add an account' })
    await form.getByLabel(/^Name/).fill('Casey Morgan')
    await form.getByLabel('Username').fill('casey')
    await form.getByLabel('Role').selectOption({ label: 'Coordinator' })
    await form.getByLabel('First password').fill('casey first password')
    await form.getByRole('button', { name: 'Add account' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Account casey was added' }).count()).toBe(1)

    // A coach account must name its roster entry.
    await form.getByLabel(/^Name/).fill('Rosa Diaz')
    await form.getByLabel('Username').fill('rosa')
    await form.getByLabel('Role').selectOption({ label: 'Coach' })
    await form.getByLabel('First password').fill('rosa first password')
    await form.getByRole('button', { name: 'Add account' }).click()
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Choose the roster entry')
    await form.getByLabel('Which recovery coach').selectOption({ label: 'Rosa Diaz' })
    await form.getByRole('button', { name: 'Add account' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Account rosa was added' }).count()).toBe(1)

    const table = page.getByRole('table', { name: /Accounts/ })
    const rosaRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'rosa' }) })
    expect(await rosaRow.textContent()).toContain('Coach')
    expect(await rosaRow.getByRole('link', { name: 'Rosa Diaz' }).count()).toBe(1)
    expect(await rosaRow.textContent()).toContain('Must change password')
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(
      expect.arrayContaining(['Username', 'Name', 'Role', 'Linked recovery coach', 'State']),
    )
    await signOut()

    // The coordinator: the roster, nothing else.
    await signIn(page, 'casey', 'casey first password')
    await chooseNewPassword('casey first password', 'casey own password here')
    await waitForHeading(page, 'Recovery coaches')
    expect(await navLinks()).toEqual(['Recovery coaches', 'Career ladder', 'Contracts', 'Directory'])
    expect(await page.getByRole('region', { name: 'Your account' }).textContent()).toContain('Coordinator')
    await expect.poll(() => page.getByRole('link', { name: 'Sam Lee' }).count()).toBe(1)
    expect(await page.getByRole('link', { name: 'Add a recovery coach' }).count()).toBe(1)
    for (const address of ['#/accounts', '#/audit', '#/settings']) {
      await page.goto(`${app.server.url}${address}`)
      await waitForHeading(page, 'You do not have access to this page')
    }
    await page.goto(`${app.server.url}#/coaches/${samId}`)
    await waitForHeading(page, /^Sam Lee/)
    expect(await page.getByRole('link', { name: 'Edit details' }).count()).toBe(1)
    await signOut()

    // The coach: lands on their own page, read-only, and reaches no one else's.
    await signIn(page, 'rosa', 'rosa first password')
    await chooseNewPassword('rosa first password', 'rosa own password here')
    await waitForHeading(page, /^Rosa Diaz/)
    // On their growth page: a coach opens the app for it.
    expect(page.url()).toContain(`#/coaches/${rosaId}?tab=growth`)
    expect(await navLinks()).toEqual([
      'My profile',
      'My growth',
      'My ladder',
      'My dispatches',
      'My contracts',
      'My supervision',
      'Directory',
    ])
    await page.getByRole('link', { name: 'Profile', exact: true }).click()
    expect(await page.getByRole('region', { name: 'Your account' }).textContent()).toContain('Coach')
    expect(await page.getByRole('link', { name: 'Edit details' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: /Change status|Archive/ }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Record stage change' }).count()).toBe(0)
    expect(await page.getByRole('region', { name: 'Career ladder' }).textContent()).toContain('Training')

    await page.goto(`${app.server.url}#/coaches/${samId}`)
    await waitForHeading(page, 'You do not have access to this page')
    expect(await page.content()).not.toContain('Sam Lee')
    await page.goto(`${app.server.url}#/coaches/${samId}/edit`)
    await waitForHeading(page, 'You do not have access to this page')
    expect(await page.content()).not.toContain('Sam Lee')
    // The roster list is not theirs: it opens their own page instead.
    await page.goto(`${app.server.url}#/coaches`)
    await waitForHeading(page, /^Rosa Diaz/)
    expect(await page.content()).not.toContain('Sam Lee')
    await page.goto(`${app.server.url}#/accounts`)
    await waitForHeading(page, 'You do not have access to this page')
  })

  it('lets a supervisor deactivate, reactivate and reset accounts, and keeps an audit log of it', async () => {
    await setUpOffice(page, app.server.url)
    const call = await routerClient(app)
    await call('accounts.create', {
      username: 'casey',
      displayName: 'Casey Morgan',
      role: 'coordinator',
      coachId: null,
      password: 'casey first password',
    })
    await page.goto(`${app.server.url}#/accounts`)
    await waitForHeading(page, 'Accounts')
    const table = page.getByRole('table', { name: /Accounts/ })
    const casey = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'casey' }) })

    // Deactivating asks first; cancelling changes nothing.
    await casey.getByRole('button', { name: 'Deactivate casey' }).click()
    const dialog = page.getByRole('dialog', { name: 'Deactivate Casey Morgan (casey)' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
    expect(await casey.textContent()).toContain('Active')
    await casey.getByRole('button', { name: 'Deactivate casey' }).click()
    await dialog.getByRole('button', { name: 'Deactivate account' }).click()
    await expect.poll(() => casey.textContent()).toContain('Deactivated')
    expect(await page.getByRole('status').filter({ hasText: 'was deactivated' }).count()).toBe(1)

    // Reactivating needs a new first password, checked before it is sent.
    await casey.getByRole('button', { name: 'Reactivate casey' }).click()
    const reactivate = page.getByRole('dialog', { name: 'Reactivate Casey Morgan (casey)' })
    await reactivate.getByLabel('New first password').fill('short')
    await reactivate.getByRole('button', { name: 'Reactivate account' }).click()
    await expect.poll(() => reactivate.getByRole('alert').textContent()).toContain('at least 12 characters')
    await reactivate.getByLabel('New first password').fill('casey second password')
    await reactivate.getByRole('button', { name: 'Reactivate account' }).click()
    await expect.poll(() => casey.textContent()).toContain('Active')
    expect(await casey.textContent()).toContain('Must change password')

    await casey.getByRole('button', { name: 'Reset password of casey' }).click()
    const reset = page.getByRole('dialog', { name: 'Reset the password of Casey Morgan (casey)' })
    await reset.getByLabel('New first password').fill('casey third password')
    await reset.getByRole('button', { name: 'Reset password' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'has a new first password' }).count()).toBe(1)

    // The audit log: who did what, filtered, a page at a time.
    for (let i = 0; i < 55; i += 1)
      await call('settings.update', { officeName: `Harbour RCO ${i}`, coachTitle: 'recovery_coach' })
    await nav().getByRole('link', { name: 'Audit log' }).click()
    await waitForHeading(page, 'Audit log')
    const events = page.getByRole('table', { name: /Audit events/ })
    await expect.poll(() => events.getByRole('row').count()).toBe(51) // a header row and the first 50
    await page.getByRole('button', { name: 'Load more events' }).click()
    await expect.poll(() => events.getByRole('row').count()).toBeGreaterThan(51)
    expect(await events.getByRole('columnheader').allTextContents()).toEqual([
      'When',
      'Who',
      'Action',
      'Record type',
      'Record',
      'What changed',
    ])

    await page.getByLabel('Action').selectOption({ label: 'Deactivated' })
    await expect.poll(() => events.getByRole('row').count()).toBe(2)
    const row = events.getByRole('row').nth(1)
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      SUPERVISOR.username,
      'Deactivated',
      'Account',
      // Named, not numbered (issue 8): the account's name and username, and what happened to it.
      expect.stringMatching(/^.+ \([a-z0-9._-]+\)$/),
      'Deactivated: can no longer sign in',
    ])
    await page.getByLabel('Action').selectOption({ label: 'Any' })
    await page.getByLabel('Record type').selectOption({ label: 'Account' })
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'events shown' }).textContent())
      .toMatch(/^\d+ events shown$/)
    const actions = await events.locator('tbody tr td:nth-child(3)').allTextContents()
    expect(actions).toEqual(expect.arrayContaining(['Deactivated', 'Reactivated', 'Reset password', 'Created']))
    await page.getByLabel('From').fill('2000-01-01')
    await page.getByLabel('To', { exact: true }).fill('2000-01-02')
    await expect.poll(() => page.getByText('No events match these filters.').count()).toBe(1)
  })

  it('locks itself after the office’s idle time, with nothing of the page left behind, and unlocks with the password', async () => {
    await setUpOffice(page, app.server.url)
    const call = await routerClient(app)
    await addCoachDirect(call, 'Rosa Diaz')

    // The supervisor shortens the automatic lock to one minute.
    await nav().getByRole('link', { name: 'Office settings' }).click()
    const minutes = page.getByLabel('Lock the screen after this many minutes without use')
    expect(await minutes.inputValue()).toBe('10')
    await minutes.fill('0')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('at least 1 minute')
    await minutes.fill('1')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect.poll(() => page.getByText('Settings saved.').count()).toBe(1)

    // From a fresh load under a clock the test controls (the session survives the reload).
    await page.clock.install()
    await page.goto(`${app.server.url}#/coaches`)
    await expect.poll(() => page.getByRole('link', { name: 'Rosa Diaz' }).count()).toBe(1)

    // Input keeps it open…
    await page.clock.fastForward('00:50')
    await page.mouse.move(200, 300)
    await page.clock.fastForward('00:50')
    expect(await h1()).toBe('Recovery coaches')
    // …and a minute without any locks it.
    await page.clock.fastForward('01:05')
    await waitForHeading(page, 'The screen is locked')
    expect(await page.content()).not.toContain('Rosa Diaz')
    expect(await nav().count()).toBe(0)
    expect(await page.getByText('Dana Whitfield').count()).toBe(1)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('unlock-password')
    const status = await call<{ state: string }>('auth.status', {})
    expect(status.state).toBe('signed_in') // the direct client has its own session; the page's is the one locked

    // The main process agrees: the page's calls are refused until it is unlocked.
    const refused = await page.evaluate(async () => {
      const response = await fetch('/api/coaches.list', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      })
      return ((await response.json()) as { error?: { code: string } }).error?.code
    })
    expect(refused).toBe('unauthenticated')

    await page.getByLabel('Password').fill('not my password at all')
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Still locked')
    await page.getByLabel('Password').fill(SUPERVISOR.password)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await waitForHeading(page, 'Recovery coaches')
    await expect.poll(() => page.getByRole('link', { name: 'Rosa Diaz' }).count()).toBe(1)
  })

  it('changes the password from the header; another tab signs in, locks and signs out on its own', async () => {
    await setUpOffice(page, app.server.url)
    await page.getByRole('link', { name: 'Change password' }).click()
    await waitForHeading(page, 'Change your password')
    await page.getByLabel('Current password').fill('not the current one')
    await page.getByLabel(/^New password/).fill('an even longer harbour password')
    await page.getByLabel('Type the new password again').fill('an even longer harbour password')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The password was not changed')
    expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true')
    await page.getByLabel('Current password').fill(SUPERVISOR.password)
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your password was changed' }).count()).toBe(1)
    // The old password no longer signs in; the new one does.
    const router = app.server.core.router
    expect(
      await router.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password }, 'e2e-check'),
    ).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(
      await router.call(
        'auth.signIn',
        { username: SUPERVISOR.username, password: 'an even longer harbour password' },
        'e2e-check',
      ),
    ).toMatchObject({ ok: true })
    // Another tab of the same browser holds no session token yet: the cookie alone signs no one in, so it signs in
    // by itself, as another window of the desktop app does.
    const other = await context.newPage()
    const otherErrors = watchForPageErrors(other)
    await other.goto(`${app.server.url}#/coaches`)
    await signIn(other, SUPERVISOR.username, 'an even longer harbour password')
    await waitForHeading(other, 'Recovery coaches')

    // The lock button locks this tab at once; the other tab's session is its own and goes on.
    await page.getByRole('button', { name: 'Lock' }).click()
    await waitForHeading(page, 'The screen is locked')
    await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click()
    await waitForHeading(other, 'Accounts')

    await page.getByRole('button', { name: 'Sign out' }).click()
    await waitForHeading(page, 'Sign in')
    await other.getByRole('button', { name: 'Sign out' }).click()
    await waitForHeading(other, 'Sign in')
    await other.reload()
    await waitForHeading(other, 'Sign in')
    expect(otherErrors).toEqual([])
  })
})
