import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startWebServer, type WebServer } from '../../electron/web/server'

export const ROOT = resolve(__dirname, '../..')
export const RENDERER_DIR = join(ROOT, 'out/renderer')

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

/**
 * Browser mode, served in this process from the built renderer: on a fresh data folder of its own, or on `dataDir`
 * (a folder an earlier server left, to start again on the same files). `stop()` removes the folder unless told to
 * keep it.
 */
export async function startBrowserMode(options: { dataDir?: string } = {}): Promise<{
  server: WebServer
  dataDir: string
  stop(options?: { keepData?: boolean }): Promise<void>
}> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'casebook-e2e-'))
  const server = await startWebServer({ dataDir, port: 0, rendererDir: RENDERER_DIR, appVersion: 'e2e' })
  return {
    server,
    dataDir,
    stop: async ({ keepData = false } = {}) => {
      await server.close()
      if (!keepData) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Fails the test on any error the page throws or logs, rather than letting it pass unseen. */
export function watchForPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  return errors
}

/** The first supervisor every end-to-end office is set up with. */
export const SUPERVISOR = {
  officeName: 'Harbour RCO',
  displayName: 'Dana Whitfield',
  username: 'dana',
  password: 'harbour lights at dawn',
}

async function heading(page: Page): Promise<string | null> {
  return page
    .getByRole('heading', { level: 1 })
    .textContent()
    .catch(() => null)
}

/** Waits until the page's h1 reads `text` (exactly, or matching). */
export async function waitForHeading(page: Page, text: string | RegExp, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const current = await heading(page)
    if (current !== null && (typeof text === 'string' ? current === text : text.test(current))) return
    if (Date.now() > deadline) throw new Error(`Expected the heading ${String(text)}, found ${JSON.stringify(current)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * First run, through the UI as a person does it: the set-up form, then the recovery key shown once, then the app.
 * Answers the recovery key as shown.
 */
export async function setUpOffice(page: Page, url: string, who = SUPERVISOR): Promise<string> {
  await page.goto(url)
  await waitForHeading(page, 'Set up the office')
  await page.getByLabel('Office name').fill(who.officeName)
  await page.getByLabel('Your name').fill(who.displayName)
  await page.getByLabel('Username').fill(who.username)
  await page.getByLabel(/^Password/).fill(who.password)
  await page.getByLabel('Type the password again').fill(who.password)
  await page.getByRole('button', { name: 'Set up the office' }).click()
  await waitForHeading(page, 'Your recovery key')
  const recoveryKey =
    (await page
      .getByRole('region', { name: /Recovery key for/ })
      .locator('.recovery-key')
      .textContent()) ?? ''
  await page.getByRole('checkbox', { name: 'I have stored the recovery key safely' }).check()
  await page.getByRole('button', { name: 'Continue to the app' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
  return recoveryKey
}

/** Signs in on the sign-in screen and waits for the app (or the new-password screen) to open. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await waitForHeading(page, 'Sign in')
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page
    .getByRole('button', { name: 'Sign out', exact: true })
    .or(page.getByRole('heading', { name: 'Choose a new password' }))
    .first()
    .waitFor()
}

/**
 * Reloads the page and signs in again: browser mode keeps each page's session token in that page's memory only, so a
 * reload (like a new tab) starts signed out. The app then opens where the address points.
 */
export async function reloadAndSignIn(page: Page, username = SUPERVISOR.username, password = SUPERVISOR.password) {
  await page.reload()
  await signIn(page, username, password)
}

/**
 * A second client of the same router, signed in on its own: for arranging data and checking what was saved without
 * going through the page. Each call of this signs in once (about half a second of password hashing).
 */
export async function routerClient(
  app: { server: WebServer },
  username = SUPERVISOR.username,
  password = SUPERVISOR.password,
) {
  const client = directClientId()
  const router = app.server.core.router
  const signedIn = await router.call('auth.signIn', { username, password }, client)
  if (!signedIn.ok) throw new Error(`Direct sign-in failed: ${signedIn.error.message}`)
  return directCaller(app, client)
}

/**
 * First run through the router rather than the page, quicker where the set-up screen is not what is tested. Answers
 * the recovery key and a client signed in as the first supervisor (setting up signs in, and makes the day's
 * automatic backup).
 */
export async function setUpOfficeDirect(app: { server: WebServer }, who = SUPERVISOR) {
  const client = directClientId()
  const result = await app.server.core.router.call(
    'auth.setup',
    {
      officeName: who.officeName,
      coachTitle: 'recovery_coach',
      displayName: who.displayName,
      username: who.username,
      password: who.password,
    },
    client,
  )
  if (!result.ok) throw new Error(`Set-up failed: ${result.error.message}`)
  return { recoveryKey: (result.value as { recoveryKey: string }).recoveryKey, call: directCaller(app, client) }
}

function directClientId(): string {
  return `e2e-direct-${Math.random().toString(36).slice(2)}`
}

function directCaller(app: { server: WebServer }, client: string) {
  const router = app.server.core.router
  return async function call<T = unknown>(channel: string, input: unknown): Promise<T> {
    const result = await router.call(channel, input, client)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.value as T
  }
}

/** A roster entry added straight through the router (`call` from routerClient or setUpOfficeDirect). */
export async function addCoachDirect(
  call: (channel: string, input: unknown) => Promise<unknown>,
  legalName: string,
): Promise<number> {
  const coach = (await call('coaches.create', {
    legalName,
    preferredName: null,
    pronouns: 'she/her',
    email: null,
    phone: '+1 555 0100',
    startDate: '2025-03-01',
    employment: 'part_time',
    title: 'recovery_coach',
    // Dana Whitfield, who set the office up.
    supervisorAccountId: 1,
    supervisionCadenceDays: 14,
    workSettings: ['emergency_department'],
    languages: ['English'],
    careerStage: 'training',
  })) as { id: number }
  return coach.id
}
