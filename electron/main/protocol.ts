import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../web/server'
import { APP_SCHEME, appFileFor } from './app-protocol'

/** Before the app is ready: the scheme is a standard, secure one (its own origin, a secure context, relative URLs). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, codeCache: true } },
  ])
}

/** Once ready: serves the built renderer's files, and nothing else, under casebook://app/. */
export function serveApp(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const found = appFileFor(rendererDir, request.url)
    if (!found) return new Response('Not found', { status: 404 })
    try {
      return new Response(await readFile(found.file), {
        headers: {
          'Content-Type': found.contentType,
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}
