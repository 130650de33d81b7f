import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, type Page } from 'playwright-core'
import { startWebServer } from '../../electron/web/server'
import { SEEDED_ACCOUNTS } from '../../electron/app/seed/decade'
import type { AppCore } from '../../electron/app'
import type { Bench } from './measure'
import { CONTRACT_SCREENS } from './contracts'
import { SUPERVISION_SCREENS } from './supervision'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** A screen a person opens: its address (or how to find it in the seeded data), and what shows its content is there. */
export interface Screen {
  name: string
  hash: string | ((core: AppCore) => string)
  ready(page: Page): Promise<unknown>
}

const rosterScreen: Screen = {
  name: 'the roster',
  hash: '#/coaches',
  ready: (page) => page.getByRole('table').getByRole('row').nth(1).waitFor(),
}

/** The coach with the longest history of ratings (the growth benchmark's ten years of them), on their growth tab. */
const growthScreen: Screen = {
  name: "a coach's growth page (ten years of ratings)",
  hash: (core) => {
    const coachId = core.vault
      .database!.sqlite.prepare('SELECT coach_id FROM assessments GROUP BY coach_id ORDER BY count(*) DESC LIMIT 1')
      .pluck()
      .get() as number
    return `#/coaches/${coachId}?tab=growth`
  },
  // Visible content: the page's heading and the first domain's chart drawn (the charts further down are drawn as
  // they come near the window, components/ui/WhenNear.tsx).
  ready: async (page) => {
    await page.getByRole('heading', { name: 'Each domain over time' }).waitFor()
    await page
      .getByRole('img', { name: /line chart of the scores/ })
      .first()
      .locator('.recharts-line')
      .first()
      .waitFor()
  },
}

/** Features add the screens they own (the growth page, supervision search, the contract dashboard). */
export const SCREENS: Screen[] = [rosterScreen, growthScreen, ...CONTRACT_SCREENS, ...SUPERVISION_SCREENS]

/** A light screen to leave to between runs, so each run navigates to the measured screen afresh. */
const ELSEWHERE = '#/account/password'

/** From navigation to visible content, in Chromium against browser mode on the seeded data folder. */
export async function benchBrowser(bench: Bench, dataDir: string, rendererDir: string): Promise<void> {
  const server = await startWebServer({
    dataDir,
    port: 0,
    rendererDir,
    appVersion: 'bench',
    log: { error: () => undefined },
  })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await bench.measure('browser: navigation to the sign-in screen', { runs: 20, warmup: 2, target: 300 }, async () => {
      await page.goto(server.url)
      await page.getByRole('button', { name: 'Sign in' }).waitFor()
    })
    const { username, password } = SEEDED_ACCOUNTS.supervisor
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ timeout: 60_000 })
    for (const screen of SCREENS) {
      const hash = typeof screen.hash === 'string' ? screen.hash : screen.hash(server.core)
      // Within the signed-in page, as a person moves through the app: a reload signs out (the page's session token is
      // kept in memory only), so a full load would measure the sign-in again. The first run loads the screen's code.
      await bench.measure(
        `browser: navigation to ${screen.name}`,
        { runs: 20, warmup: 1, target: 300, selfTimed: true },
        async () => {
          await page.evaluate((to) => (location.hash = to), ELSEWHERE)
          await page.getByRole('heading', { name: 'Change your password' }).waitFor()
          const start = performance.now()
          await page.evaluate((to) => (location.hash = to), hash)
          await screen.ready(page)
          return performance.now() - start
        },
      )
    }
    bench.record(await domAfterScrolling(page))
  } finally {
    await browser.close()
    await server.close()
  }
}

/** The roster shown in full (everyone, ever), scrolled to its end: how many elements the page then holds. */
async function domAfterScrolling(page: Page) {
  await page.evaluate(() => (location.hash = '#/coaches?show=all'))
  await rosterScreen.ready(page)
  for (let i = 0; i < 200; i++) {
    const more = page.getByRole('button', { name: /Show more/ })
    if ((await more.count()) > 0 && (await more.isEnabled())) await more.click()
    await page.mouse.wheel(0, 20_000)
    await page.waitForTimeout(30)
    const atEnd = await page.evaluate(() => window.innerHeight + window.scrollY >= document.body.scrollHeight - 2)
    if (atEnd && (await more.count()) === 0) break
  }
  const nodes = await page.evaluate(() => document.querySelectorAll('*').length)
  return {
    name: 'browser: elements on the page after scrolling the whole roster',
    p50_ms: nodes,
    p95_ms: nodes,
    target_ms: 1500,
    runs: 1,
    unit: 'elements',
  }
}

/** The renderer's initial JavaScript (what the sign-in screen loads), gzipped, and each lazily loaded part. */
export function benchBundle(bench: Bench, rendererDir: string): void {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
  const initial = new Set([...html.matchAll(/(?:src|href)="(?:\.\/|\/)?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!))
  const size = (file: string) => gzipSync(readFileSync(join(rendererDir, file))).length
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10
  const initialBytes = [...initial].reduce((sum, file) => sum + size(file), 0)
  bench.record({
    name: 'renderer: initial JavaScript, gzipped',
    p50_ms: kb(initialBytes),
    p95_ms: kb(initialBytes),
    target_ms: 200,
    runs: 1,
    unit: 'kB',
  })
  for (const file of readdirSync(join(rendererDir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .sort()) {
    if (initial.has(`assets/${file}`)) continue
    const bytes = kb(size(`assets/${file}`))
    bench.record({
      name: `renderer: lazy part ${file.replace(/-[\w-]{8}\.js$/, '')}, gzipped`,
      p50_ms: bytes,
      p95_ms: bytes,
      target_ms: 200,
      runs: 1,
      unit: 'kB',
    })
  }
}
