import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  launchChromium,
  setUpOfficeDirect,
  signIn,
  startBrowserMode,
  SUPERVISOR,
  waitForHeading,
  watchForPageErrors,
} from './support'

/** Issue 9 in the browser: the page's session token, the check of the audit trail, and changing a role. */

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
  call = (await setUpOfficeDirect(app)).call
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  page = await context.newPage()
  pageErrors = watchForPageErrors(page)
})
afterEach(async () => {
  await context.close()
  await app.stop()
  expect(pageErrors).toEqual([])
})

async function screenshot(name: string) {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `/tmp/casebook-${name}.png`, fullPage: true })
}

const nav = () => page.getByRole('navigation', { name: 'Main' })

describe('privacy in the browser', () => {
  it('keeps the session token in the page’s memory only: a call with the cookie alone is signed out', async () => {
    const tokens: string[] = []
    page.on('response', (response) => {
      const token = response.headers()['x-casebook-session']
      if (token) tokens.push(token)
    })
    await page.goto(app.server.url)
    await signIn(page, SUPERVISOR.username, SUPERVISOR.password)
    await waitForHeading(page, 'Recovery coaches')
    expect(tokens).toHaveLength(1)
    const kept = await page.evaluate(() => ({
      storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
    }))
    expect(kept.storage).not.toContain(tokens[0])
    expect(kept.cookie).not.toContain(tokens[0])

    // The same browser, the same cookie, but no token: signed out. With the token: signed in.
    const answers = await page.evaluate(async (token) => {
      const ask = async (headers: Record<string, string>) => {
        const response = await fetch('/api/auth.status', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: '{}',
        })
        return ((await response.json()) as { value?: { state: string } }).value?.state
      }
      return [await ask({}), await ask({ 'X-Casebook-Session': token! })]
    }, tokens[0])
    expect(answers).toEqual(['signed_out', 'signed_in'])
  })

  it('checks the audit trail on a supervisor’s request, and names the event changed outside the app', async () => {
    await page.goto(`${app.server.url}#/audit`)
    await signIn(page, SUPERVISOR.username, SUPERVISOR.password)
    await waitForHeading(page, 'Audit log')
    const check = page.getByRole('region', { name: 'Check the trail' })
    await check.getByRole('button', { name: 'Check the trail now' }).click()
    const intact = page.getByRole('status').filter({ hasText: 'The audit trail is intact' })
    await expect.poll(() => intact.count()).toBe(1)
    expect(await intact.textContent()).toMatch(/Sealed with the supervisors’ key through event \d+\./)
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^The audit trail is intact/)
    // The check is itself in the log.
    await expect.poll(() => page.getByRole('cell', { name: 'Checked the audit trail', exact: true }).count()).toBe(1)

    // Another program with the database key drops the triggers, edits the second event and puts them back.
    const sqlite = app.server.core.vault.database!.sqlite
    const triggers = sqlite
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_events'")
      .all() as { name: string; sql: string }[]
    for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`)
    sqlite.exec("UPDATE audit_events SET summary = 'Nothing to see' WHERE id = 2")
    for (const trigger of triggers) sqlite.exec(trigger.sql)

    await check.getByRole('button', { name: 'Check the trail now' }).click()
    const broken = page.getByRole('alert').filter({ hasText: 'changed outside the app' })
    await expect.poll(() => broken.count()).toBe(1)
    expect(await broken.textContent()).toContain('The audit trail was changed outside the app, at event 2.')
    expect(await broken.textContent()).toContain('Event 2 does not match its hash')
    await screenshot('audit-trail-check')
  })

  it('changes a coordinator into a supervisor with a first password, and back', async () => {
    await call('accounts.create', {
      username: 'cora',
      displayName: 'Cora Lane',
      role: 'coordinator',
      coachId: null,
      password: 'cora first password',
    })
    await page.goto(`${app.server.url}#/accounts`)
    await signIn(page, SUPERVISOR.username, SUPERVISOR.password)
    await waitForHeading(page, 'Accounts')
    await page.getByRole('button', { name: 'Change role of cora' }).click()
    const dialog = page.getByRole('dialog', { name: 'Change the role of Cora Lane (cora)' })
    await dialog.getByLabel('Role').selectOption({ label: 'Supervisor' })
    // Making a supervisor asks for the first password the supervisors' key is sealed under.
    await dialog.getByRole('button', { name: 'Change role' }).click()
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('at least 12 characters')
    expect(await dialog.getByLabel('New first password').getAttribute('aria-invalid')).toBe('true')
    await dialog.getByLabel('New first password').fill('promoted first pass')
    await screenshot('accounts-change-role')
    await dialog.getByRole('button', { name: 'Change role' }).click()
    const done = page.getByRole('status').filter({ hasText: 'Cora Lane (cora) is now a supervisor.' })
    await expect.poll(() => done.count()).toBe(1)
    const row = page.getByRole('row', { name: /cora/ })
    expect(await row.getByRole('cell', { name: 'Supervisor' }).count()).toBe(1)
    expect(await row.textContent()).toContain('Must change password')

    await page.getByRole('button', { name: 'Change role of cora' }).click()
    await dialog.getByLabel('Role').selectOption({ label: 'Coordinator' })
    expect(await dialog.getByLabel('New first password').count()).toBe(0)
    await dialog.getByRole('button', { name: 'Change role' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'is now a coordinator' }).count()).toBe(1)

    await nav().getByRole('link', { name: 'Audit log' }).click()
    await waitForHeading(page, 'Audit log')
    await expect.poll(() => page.getByRole('cell', { name: 'Role: Coordinator → Supervisor' }).count()).toBe(1)
  })
})
