import { mkdirSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../../electron/app/clock'
import {
  CLIENT_COOKIE,
  CONTENT_SECURITY_POLICY,
  MAX_BODY_BYTES,
  SESSION_HEADER,
  startWebServer,
  type WebServer,
} from '../../../electron/web/server'
import { coachInput, NOW, onCleanup, snapshotOf, SUPERVISOR, TEST_KDF, tempDir } from '../helpers'

const INDEX_HTML =
  '<!doctype html><html><head><title>Casebook test page</title></head><body><div id="root"></div></body></html>'
const SECRET = 'TOP-SECRET-OUTSIDE-THE-RENDERER-DIR'

interface Started {
  server: WebServer
  port: number
  snapshot: () => ReturnType<typeof snapshotOf>
}

/** A server over a fresh data folder, and a renderer folder with an index.html and a secret file beside it. */
async function start(): Promise<Started> {
  const root = tempDir('casebook-web-')
  const rendererDir = join(root, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML)
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")')
  writeFileSync(join(root, 'secret.txt'), SECRET)
  const server = await startWebServer({
    dataDir: join(root, 'data'),
    port: 0,
    rendererDir,
    appVersion: 'test',
    clock: fixedClock(NOW),
    passwordKdf: TEST_KDF,
  })
  onCleanup(() => server.close())
  // Set the office up and sign in the way the page would, over HTTP, and send its cookie and token from then on.
  const port = Number(new URL(server.url).port)
  signedInCookie = ''
  signedInToken = ''
  const page = await send(port, { path: '/' })
  const firstCookie = cookieFrom(page)
  const setup = await api(
    port,
    'auth.setup',
    { officeName: 'Web Office', coachTitle: 'recovery_coach', ...SUPERVISOR },
    { Cookie: firstCookie },
  )
  if (!(setup.json() as { ok: boolean }).ok) throw new Error(setup.body)
  signedInCookie = firstCookie
  signedInToken = tokenFrom(setup)
  return {
    server,
    port: Number(new URL(server.url).port),
    snapshot: () => snapshotOf(server.core.vault.database!.sqlite),
  }
}

let signedInCookie = ''
let signedInToken = ''

function tokenFrom(response: { headers: IncomingHttpHeaders }): string {
  const token = response.headers[SESSION_HEADER]
  if (typeof token !== 'string') throw new Error('No session token was answered')
  return token
}

function cookieFrom(response: { headers: IncomingHttpHeaders }): string {
  const header = response.headers['set-cookie']
  if (!header?.[0]) throw new Error('No cookie was set')
  return header[0].split(';')[0]!
}

interface Response {
  status: number
  headers: IncomingHttpHeaders
  body: string
  json: () => unknown
}

/** A raw HTTP request: the path goes out exactly as given, and any header (Host, Origin) may be set. */
function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Cookie: signedInCookie, [SESSION_HEADER]: signedInToken, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8')
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** A call as the app's own page makes it. */
function api(port: number, channel: string, input: unknown, headers: Record<string, string> = {}) {
  return send(port, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}`, ...headers },
    body: JSON.stringify(input),
  })
}

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only', async () => {
    const { server, port } = await start()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(port).toBeGreaterThan(0)
    // Not on the IPv6 loopback (nor on any other address): the socket is bound to 127.0.0.1 alone.
    const ipv6 = await new Promise<string>((resolve) => {
      const socket = connect({ host: '::1', port })
      socket.on('connect', () => (socket.destroy(), resolve('connected')))
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
    })
    expect(ipv6).not.toBe('connected')
  })

  it('answers a JSON call with the router result, and the write lands in the database', async () => {
    const { port, snapshot } = await start()
    const res = await api(port, 'coaches.create', coachInput({ legalName: 'Web Created' }))
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.json()).toMatchObject({ ok: true, value: { id: 1, legalName: 'Web Created', createdAt: NOW } })
    expect(snapshot()['coaches']).toHaveLength(1)

    const info = await api(port, 'app.info', undefined)
    expect(info.json()).toMatchObject({ ok: true, value: { transport: 'http', appVersion: 'test' } })
  })

  it('gives a new browser an HttpOnly, SameSite=Strict client cookie, and answers it as signed out', async () => {
    const { port, snapshot } = await start()
    const before = snapshot()
    const page = await send(port, { path: '/', headers: { Cookie: '' } })
    const cookie = String(page.headers['set-cookie'])
    expect(cookie).toMatch(new RegExp(`^${CLIENT_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`))
    const stranger = await api(port, 'coaches.create', coachInput(), { Cookie: cookie.split(';')[0]! })
    expect(stranger.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    const forged = await api(port, 'coaches.create', coachInput(), { Cookie: `${CLIENT_COOKIE}=not-a-real-id` })
    expect(forged.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    const wellFormedButNeverIssued = await api(port, 'coaches.create', coachInput(), {
      Cookie: `${CLIENT_COOKIE}=${'A'.repeat(43)}`,
    })
    expect(wellFormedButNeverIssued.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(snapshot()).toEqual(before)
  })

  it('answers a session token at sign-in, and refuses a call with the cookie alone (or another browser’s cookie)', async () => {
    const { port, snapshot } = await start()
    const cookie = cookieFrom(await send(port, { path: '/', headers: { Cookie: '', [SESSION_HEADER]: '' } }))
    const before = snapshot()
    const signedIn = await api(
      port,
      'auth.signIn',
      { username: SUPERVISOR.username, password: SUPERVISOR.password },
      { Cookie: cookie, [SESSION_HEADER]: '' },
    )
    expect(signedIn.json()).toMatchObject({ ok: true, value: { state: 'signed_in' } })
    const token = tokenFrom(signedIn)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(signedIn.body).not.toContain(token)
    const both = { Cookie: cookie, [SESSION_HEADER]: token }
    expect((await api(port, 'coaches.list', {}, both)).json()).toMatchObject({ ok: true })

    // The cookie alone: as a page that never signed in. Nothing readable, nothing written, the session untouched.
    for (const headers of [
      { Cookie: cookie, [SESSION_HEADER]: '' },
      { Cookie: cookie, [SESSION_HEADER]: 'A'.repeat(43) },
      { Cookie: signedInCookie, [SESSION_HEADER]: token },
      { Cookie: '', [SESSION_HEADER]: token },
    ]) {
      const alone = await api(port, 'coaches.create', coachInput(), headers)
      expect(alone.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
      expect(alone.headers[SESSION_HEADER]).toBeUndefined()
      expect((await api(port, 'auth.status', {}, headers)).json()).toMatchObject({ value: { state: 'signed_out' } })
    }
    expect(snapshot()['coaches']).toEqual(before['coaches'])
    expect((await api(port, 'coaches.list', {}, both)).json()).toMatchObject({ ok: true })

    // Signing out ends the token: the same pair is worth nothing after.
    await api(port, 'auth.signOut', {}, both)
    expect((await api(port, 'coaches.list', {}, both)).json()).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    })
  })

  it('accepts a call without an Origin header (same-origin GET-style fetch) and with Sec-Fetch-Site same-origin', async () => {
    const { port } = await start()
    const noOrigin = await send(port, {
      method: 'POST',
      path: '/api/settings.get',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Sec-Fetch-Site': 'same-origin' },
      body: '',
    })
    expect(noOrigin.status).toBe(200)
    expect(noOrigin.json()).toMatchObject({ ok: true, value: { coachTitle: 'recovery_coach' } })
  })

  it('passes router errors through as data with status 200', async () => {
    const { port } = await start()
    const unknown = await api(port, 'coaches.destroyAll', {})
    expect(unknown.status).toBe(200)
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
    const invalid = await api(port, 'coaches.create', coachInput({ legalName: '' }))
    expect(invalid.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { legalName: expect.any(String) } },
    })
  })

  it.each([
    ['another site as Origin', { Origin: 'http://evil.example' }],
    ['a look-alike Origin', { Origin: 'http://127.0.0.1.evil.example' }],
    ['the right host on another port', { Origin: 'http://127.0.0.1:1' }],
    ['a cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a same-site fetch from another port', { 'Sec-Fetch-Site': 'same-site' }],
  ])('refuses %s with 403, writing nothing', async (_, headers) => {
    const { port, snapshot } = await start()
    const before = snapshot()
    const res = await send(port, {
      method: 'POST',
      path: '/api/coaches.create',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(coachInput()),
    })
    expect(res.status).toBe(403)
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(snapshot()).toEqual(before)
    expect(before['coaches']).toEqual([])
  })

  it.each(['evil.example', 'evil.example:80', '127.0.0.1', '127.0.0.1:1', 'localhost.evil.example'])(
    'refuses Host %s with 421, writing nothing',
    async (host) => {
      const { port, snapshot } = await start()
      const before = snapshot()
      const res = await api(port, 'coaches.create', coachInput(), { Host: host })
      expect(res.status).toBe(421)
      expect(snapshot()).toEqual(before)
      const page = await send(port, { path: '/', headers: { Host: host } })
      expect(page.status).toBe(421)
      expect(page.body).not.toContain('Casebook test page')
    },
  )

  it('accepts Host localhost on its port', async () => {
    const { port } = await start()
    const res = await send(port, { path: '/', headers: { Host: `localhost:${port}` } })
    expect(res.status).toBe(200)
  })

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])(
    'refuses content type %j with 415, writing nothing',
    async (type) => {
      const { port, snapshot } = await start()
      const before = snapshot()
      const headers: Record<string, string> = { Origin: `http://127.0.0.1:${port}` }
      if (type) headers['Content-Type'] = type
      const res = await send(port, {
        method: 'POST',
        path: '/api/coaches.create',
        headers,
        body: JSON.stringify(coachInput()),
      })
      expect(res.status).toBe(415)
      expect(snapshot()).toEqual(before)
    },
  )

  it('refuses a body over 1 MiB with 413, writing nothing', async () => {
    const { port, snapshot } = await start()
    const before = snapshot()
    const input = coachInput()
    const padding = MAX_BODY_BYTES - JSON.stringify({ ...input, pronouns: '' }).length + 1
    const body = JSON.stringify({ ...input, pronouns: 'x'.repeat(padding) })
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES + 1)
    expect(MAX_BODY_BYTES).toBe(1024 * 1024)
    const res = await send(port, {
      method: 'POST',
      path: '/api/coaches.create',
      headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}` },
      body,
    })
    expect(res.status).toBe(413)
    expect(snapshot()).toEqual(before)
  })

  it.each([
    ['declares 300 MiB', { 'Content-Length': String(300 * 1024 * 1024) }],
    ['sends it in chunks without a length', { 'Transfer-Encoding': 'chunked' }],
  ])('answers 413 to a body that %s as soon as it passes 1 MiB, without waiting for the rest', async (_, framing) => {
    const { port, snapshot } = await start()
    const before = snapshot()
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port })
      let received = ''
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1')
        // The answer came while the body is still unfinished: it was not read to the end first.
        if (received.includes('\r\n\r\n')) {
          resolve(received)
          socket.destroy()
        }
      })
      socket.on('error', reject)
      socket.on('connect', () => {
        const headers = Object.entries({
          Host: `127.0.0.1:${port}`,
          'Content-Type': 'application/json',
          Origin: `http://127.0.0.1:${port}`,
          Cookie: signedInCookie,
          [SESSION_HEADER]: signedInToken,
          ...framing,
        })
        socket.write(
          `POST /api/coaches.create HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`,
        )
        // Two MiB of a body that would go on for far longer: the server must answer without the rest.
        const piece = Buffer.alloc(64 * 1024, 'x')
        const chunked = 'Transfer-Encoding' in framing
        for (let i = 0; i < 32; i++) {
          socket.write(
            chunked
              ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
              : piece,
          )
        }
      })
    })
    expect(answer).toMatch(/^HTTP\/1\.1 413 /)
    expect(snapshot()).toEqual(before)
  })

  it('reads a body of exactly 1 MiB (and the router then judges it)', async () => {
    const { port } = await start()
    const input = coachInput()
    const padding = MAX_BODY_BYTES - JSON.stringify({ ...input, pronouns: '' }).length
    const res = await api(port, 'coaches.create', { ...input, pronouns: 'x'.repeat(padding) })
    expect(res.status).toBe(200)
    expect(res.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { pronouns: expect.any(String) } },
    })
  })

  it.each(['{', '{"legalName": }', 'undefined', "{'a': 1}"])(
    'answers malformed JSON %j with 400 invalid_input',
    async (body) => {
      const { port, snapshot } = await start()
      const before = snapshot()
      const res = await send(port, {
        method: 'POST',
        path: '/api/coaches.create',
        headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}` },
        body,
      })
      expect(res.status).toBe(400)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      expect(snapshot()).toEqual(before)
    },
  )

  it('answers GET on the API with 405', async () => {
    const { port } = await start()
    const res = await send(port, { path: '/api/coaches.list' })
    expect(res.status).toBe(405)
  })

  it('serves index.html at / with the Content-Security-Policy and other safety headers', async () => {
    const { port } = await start()
    const res = await send(port, { path: '/' })
    expect(res.status).toBe(200)
    expect(res.body).toBe(INDEX_HTML)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline')
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toBe('DENY')
  })

  it('serves a built asset with its type, and the app for any other path', async () => {
    const { port } = await start()
    const js = await send(port, { path: '/assets/app.js' })
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.body).toBe('console.log("app")')
    const deep = await send(port, { path: '/coaches/12?tab=history' })
    expect(deep.body).toBe(INDEX_HTML)
    expect(deep.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
  })

  it.each([
    '/../../etc/passwd',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/..%2fsecret.txt',
    '/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..\\secret.txt',
    '/%2e%2e%5csecret.txt',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/secret.txt%00.html',
  ])('does not let %s out of the renderer folder', async (path) => {
    const { port } = await start()
    const res = await send(port, { path })
    expect(res.body).not.toContain(SECRET)
    expect(res.body).not.toMatch(/root:.*:0:0:/)
    if (res.status === 200) expect(res.body).toBe(INDEX_HTML)
    else expect(res.status).toBe(404)
  })

  it.each(['/%E0%A4%A', '/api/coaches.%ZZlist', '/%'])(
    'answers a malformed address %s with 400, writing nothing',
    async (path) => {
      const { port, snapshot } = await start()
      const before = snapshot()
      const res = await send(port, {
        method: path.startsWith('/api/') ? 'POST' : 'GET',
        path,
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      })
      expect(res.status).toBe(400)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      expect(snapshot()).toEqual(before)
    },
  )
})
