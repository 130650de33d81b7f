import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { Result } from '@shared/api/result'
import { startAppCore, type AppCore, type StartOptions } from '../app'
import { newClientId } from '../app/auth/auth.service'

/**
 * Browser mode: the same router the desktop app registers on IPC, served over HTTP on 127.0.0.1 only, with the
 * built renderer beside it. Plain Node; nothing here knows about Electron.
 */

export const MAX_BODY_BYTES = 1024 * 1024

/** Names the browser. HttpOnly: the page's scripts never see it. */
export const CLIENT_COOKIE = 'casebook_client'
/**
 * The page's session token: answered in this header by the call that signed the page in, kept in the page's memory
 * only, and sent back in it on every call. A cookie alone names no session: cookies ignore ports, so another program
 * on this machine could be sent ours; it cannot be sent the token, which only ever travels in our own answers.
 */
export const SESSION_HEADER = 'x-casebook-session'
/** Cookies and tokens this server handed out; one it never issued is ignored, whatever it looks like. */
const MAX_CLIENTS = 10_000

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
}

export interface WebServerOptions extends Omit<StartOptions, 'transport'> {
  port: number
  /** The built renderer (`out/renderer`). */
  rendererDir: string
}

export interface WebServer {
  url: string
  core: AppCore
  close(): Promise<void>
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const core = startAppCore({ ...options, transport: 'http' })
  const rendererDir = resolve(options.rendererDir)
  const clients = clientIds()
  let origin = ''

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      console.error('[casebook] request failed', error)
      if (!response.headersSent)
        sendJson(response, 500, transportError('internal', 'The request could not be handled.'))
      else response.destroy()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse) {
    setCommonHeaders(response)
    // A page on another site, or a name that resolves here by rebinding, must not reach the data.
    const host = request.headers.host
    const port = new URL(origin).port
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return sendJson(response, 421, transportError('forbidden', 'Requests must be addressed to 127.0.0.1.'))
    }
    const url = new URL(request.url ?? '/', origin)
    const pathname = safeDecode(url.pathname)
    if (pathname === null) return sendJson(response, 400, transportError('invalid_input', 'The address is not valid.'))
    if (pathname.startsWith('/api/')) return handleApi(request, response, pathname.slice(5))
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, transportError('invalid_input', 'Only GET is served here.'))
    }
    return serveStatic(request, response, pathname)
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, channel: string) {
    response.setHeader('Cache-Control', 'no-store')
    if (request.method !== 'POST')
      return sendJson(response, 405, transportError('invalid_input', 'Use POST for calls.'))
    const requestOrigin = request.headers.origin
    const fetchSite = request.headers['sec-fetch-site']
    if (
      (requestOrigin !== undefined &&
        requestOrigin !== origin &&
        requestOrigin !== origin.replace('127.0.0.1', 'localhost')) ||
      (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
    ) {
      return sendJson(response, 403, transportError('forbidden', 'Calls are accepted only from the app itself.'))
    }
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(response, 415, transportError('invalid_input', 'Calls must send JSON.'))
    }
    const body = await readBody(request)
    if (body === null) {
      // Nothing more of it is read: the connection closes once the answer is out.
      response.setHeader('Connection', 'close')
      response.on('finish', () => request.destroy())
      return sendJson(response, 413, transportError('invalid_input', 'The request is too large.'))
    }
    let input: unknown
    try {
      input = body.length === 0 ? undefined : JSON.parse(body)
    } catch {
      return sendJson(response, 400, transportError('invalid_input', 'The request is not valid JSON.'))
    }
    const caller = clients.caller(request, response)
    const result = await core.router.call(channel, input, caller.client)
    // A page that was signed in by this call gets its token; a token whose session ended is forgotten.
    const signedIn = core.auth.sessions.has(caller.client)
    if (caller.token === null && signedIn) response.setHeader(SESSION_HEADER, clients.register(caller))
    if (caller.token !== null && !signedIn) clients.forget(caller.token)
    sendJson(response, 200, result)
  }

  async function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string) {
    const relative = normalize(pathname).replace(/^([/\\])+/, '')
    let file = resolve(rendererDir, relative || 'index.html')
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) {
      return sendJson(response, 404, transportError('not_found', 'Not found.'))
    }
    let content: Buffer
    try {
      content = await readFile(file)
    } catch {
      // The app routes by hash, so any other path is simply the app.
      file = join(rendererDir, 'index.html')
      content = await readFile(file)
    }
    if (file.endsWith('index.html')) clients.cookie(request, response)
    response.writeHead(200, { 'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream' })
    response.end(content)
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen)
    server.listen(options.port, '127.0.0.1', () => resolveListen())
  }).catch(async (error) => {
    await core.close()
    throw error
  })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('The server has no TCP address')
  origin = `http://127.0.0.1:${address.port}`

  return {
    url: `${origin}/`,
    core,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((done) => server.close(() => done()))
      await core.close()
    },
  }
}

function setCommonHeaders(response: ServerResponse) {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  response.setHeader('X-Content-Type-Options', 'nosniff')
  response.setHeader('Referrer-Policy', 'no-referrer')
  response.setHeader('X-Frame-Options', 'DENY')
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

function transportError(
  code: 'invalid_input' | 'forbidden' | 'not_found' | 'internal',
  message: string,
): Result<never> {
  return { ok: false, error: { code, message } }
}

/**
 * Who is calling: the browser's HttpOnly, SameSite=Strict cookie, and the page's token beside it. A session belongs to
 * the two together (`browser:<cookie>:<token>`). A call without a token this server issued for this cookie is a new
 * page: it gets a client of its own that no session is on, and a token only if the call signs it in (the token is
 * chosen before the call, so the session is made on it directly and is never reachable by the cookie alone). Each tab
 * signs in on its own; a reload signs in again (the token was in the page's memory only).
 */
function clientIds() {
  const cookies = new Set<string>()
  /** Token -> the cookie it was issued with. */
  const tokens = new Map<string, string>()
  const bounded = <T>(set: { size: number; delete(key: T): boolean; keys(): IterableIterator<T> }) => {
    if (set.size > MAX_CLIENTS) set.delete(set.keys().next().value!)
  }
  const cookie = (request: IncomingMessage, response: ServerResponse): string => {
    const existing = readCookie(request.headers.cookie, CLIENT_COOKIE)
    if (existing && cookies.has(existing)) return existing
    const id = newClientId()
    cookies.add(id)
    bounded(cookies)
    response.setHeader('Set-Cookie', `${CLIENT_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict`)
    return id
  }
  return {
    cookie,
    caller(request: IncomingMessage, response: ServerResponse) {
      const browser = cookie(request, response)
      const sent = request.headers[SESSION_HEADER]
      const token = typeof sent === 'string' && tokens.get(sent) === browser ? sent : null
      const own = token ?? newClientId()
      return { browser, token, fresh: own, client: `browser:${browser}:${own}` }
    },
    register(caller: { browser: string; fresh: string }): string {
      tokens.set(caller.fresh, caller.browser)
      bounded(tokens)
      return caller.fresh
    },
    forget(token: string) {
      tokens.delete(token)
    },
  }
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return null
}

function safeDecode(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return null
  }
}

function sendJson(response: ServerResponse, status: number, payload: unknown) {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
  response.end(JSON.stringify(payload))
}

/**
 * The body as text, or null as soon as it would pass MAX_BODY_BYTES: a declared length over the limit is refused
 * before a byte is read, and a body sent without one stops being read at the byte that passes it.
 */
function readBody(request: IncomingMessage): Promise<string | null> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.resolve(null)
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        settled = true
        request.off('data', onData)
        request.pause()
        resolveBody(null)
        return
      }
      chunks.push(chunk)
    }
    request.on('data', onData)
    request.on('end', () => {
      if (!settled) resolveBody(Buffer.concat(chunks).toString('utf8'))
    })
    request.on('error', (error) => {
      if (!settled) rejectBody(error)
    })
  })
}
