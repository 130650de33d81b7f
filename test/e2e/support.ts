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

/** Browser mode on a fresh data folder of its own, served in this process from the built renderer. */
export async function startBrowserMode(): Promise<{ server: WebServer; dataDir: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'casebook-e2e-'))
  const server = await startWebServer({ dataDir, port: 0, rendererDir: RENDERER_DIR, appVersion: 'e2e' })
  return {
    server,
    dataDir,
    stop: async () => {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
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
