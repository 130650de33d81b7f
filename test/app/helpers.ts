/**
 * Shared set-up for the Node-side tests: a real SQLite file in a fresh temporary folder, the real migrations and the
 * real router. Everything a helper opens is closed, and every folder it makes is removed, after each test.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { afterEach, expect } from 'vitest'
import type { Channel, ChannelInput, ChannelOutput } from '@shared/api/contract'
import type { ApiError, ErrorCode, Result } from '@shared/api/result'
import type { CoachCreateInput } from '@shared/domain/roster'
import type { AssessmentCreateInput } from '@shared/domain/growth'
import type { Role } from '@shared/domain/auth'
import type { KdfParams } from '../../electron/app/auth/keyring'
import { startAppCore, type AppCore } from '../../electron/app'
import { fixedClock, type Clock } from '../../electron/app/clock'
import type { Logger } from '../../electron/app/context'

/** "Now" for every test unless a test says otherwise. */
export const NOW = '2026-11-22T10:00:00.000Z'
export const TODAY = NOW.slice(0, 10)

// ---------------------------------------------------------------------------------------------------------------
// Clean-up: a stack run after each test, newest first, so a database closes before its folder is removed.

const cleanups: Array<() => unknown> = []

export function onCleanup(fn: () => unknown): void {
  cleanups.push(fn)
}

afterEach(async () => {
  const errors: unknown[] = []
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!()
    } catch (error) {
      errors.push(error)
    }
  }
  if (errors.length > 0) throw errors[0]
})

/** A new empty folder under the OS temp folder, removed after the test. */
export function tempDir(prefix = 'casebook-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  onCleanup(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

// ---------------------------------------------------------------------------------------------------------------
// Snapshots: every row of every user table, to prove that a refused call changed nothing.

export type Snapshot = Record<string, Record<string, unknown>[]>

/** Every row of every user table, tables by name and rows in a stable order. */
export function snapshotOf(sqlite: BetterSqlite3.Database): Snapshot {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[]
  const snapshot: Snapshot = {}
  for (const table of tables) {
    const rows = sqlite.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).all() as Record<string, unknown>[]
    snapshot[table] = rows
      .map((row) => [JSON.stringify(row), row] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row)
  }
  return snapshot
}

// ---------------------------------------------------------------------------------------------------------------
// The app core over a temp data folder.

/** Collects what the app logs, so a test can assert that nothing unexpected was logged. */
export function memoryLogger(): Logger & { entries: { message: string; detail?: unknown }[] } {
  const entries: { message: string; detail?: unknown }[] = []
  return { entries, error: (message, detail) => entries.push({ message, detail }) }
}

/** Cheap scrypt for the many sign-ins of the tests; the hashing tests check the real parameters separately. */
export const TEST_KDF = { N: 2 ** 10, r: 8, p: 1 }

export const SUPERVISOR = {
  username: 'pat.supervisor',
  displayName: 'Pat Supervisor',
  password: 'supervisor-password-1',
} as const

/** The router as one window or browser sees it. */
export interface TestClient {
  client: string
  /** The raw answer of the router, for any channel and input, valid or not. */
  callRaw(channel: unknown, input: unknown): Promise<Result<unknown>>
  /** A call that must succeed; fails the test with the error otherwise. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** A call that must fail with `code`; answers the error. */
  callError(channel: unknown, input: unknown, code: ErrorCode): Promise<ApiError>
}

export interface TestApp extends TestClient {
  core: AppCore
  dataDir: string
  log: ReturnType<typeof memoryLogger>
  /** The recovery key shown at setup (when the app was set up). */
  recoveryKey: string
  /** Every row of every user table. */
  snapshot(): Snapshot
  /** Another window or browser, signed in as no one. */
  clientFor(name: string): TestClient
  /**
   * A new account of `role` (made by the supervisor), signed in on its own client with its first password already
   * changed to `password`, ready to call anything its role allows.
   */
  signInAs(
    role: Role,
    options?: { coachId?: number; username?: string; password?: string },
  ): Promise<TestClient & { accountId: number; username: string; password: string }>
  /** Closes the database (safe to call twice). */
  close(): Promise<void>
}

export interface TestAppOptions {
  /** An existing data folder, e.g. to reopen the same database; a new temp folder otherwise. */
  dataDir?: string
  clock?: Clock
  /** Set up the office and sign the supervisor in on the default client (the default), or leave it at first run. */
  setup?: boolean
  passwordKdf?: KdfParams
}

export function clientOf(core: AppCore, client: string): TestClient {
  // The work a call leaves running in the background (the day's backup, the integrity check after opening) finished
  // before the test's next step, as it would have a moment later for a person: tests of the order itself use the router.
  const callRaw = async (channel: unknown, input: unknown) => {
    const result = await core.router.call(channel, input, client)
    await core.vault.idle()
    return result
  }
  return {
    client,
    callRaw,
    async call(channel, input) {
      const result = await callRaw(channel, input)
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
      return result.value as never
    },
    async callError(channel, input, code) {
      const result = await callRaw(channel, input)
      expect(result.ok, `expected ${String(channel)} to fail with ${code}`).toBe(false)
      if (result.ok) throw new Error('unreachable')
      expect(result.error.code).toBe(code)
      expect(result.error.message.length).toBeGreaterThan(0)
      return result.error
    },
  }
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? tempDir()
  const log = memoryLogger()
  const core = startAppCore({
    dataDir,
    transport: 'http',
    appVersion: 'test',
    clock: options.clock ?? fixedClock(NOW),
    log,
    passwordKdf: options.passwordKdf ?? TEST_KDF,
  })
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await core.close()
  }
  onCleanup(close)

  const main = clientOf(core, 'test-supervisor')
  let recoveryKey = ''
  if (options.setup ?? true) {
    const status = await main.call('auth.status', {})
    if (status.state === 'setup') {
      // Over older data, keep its office name and word for coaches, as a person would accept the prefilled form.
      const result = await main.call('auth.setup', {
        officeName: status.officeName || 'Test Office',
        coachTitle: status.coachTitle,
        ...SUPERVISOR,
      })
      recoveryKey = result.recoveryKey
    } else {
      await main.call('auth.signIn', { username: SUPERVISOR.username, password: SUPERVISOR.password })
    }
  }
  let accounts = 0
  return {
    ...main,
    core,
    dataDir,
    log,
    get recoveryKey() {
      return recoveryKey
    },
    snapshot: () => {
      const database = core.vault.database
      if (!database) throw new Error('The database is not open')
      return snapshotOf(database.sqlite)
    },
    clientFor: (name) => clientOf(core, name),
    async signInAs(role, extra = {}) {
      accounts += 1
      const username = extra.username ?? `${role}.${accounts}`
      const password = extra.password ?? `${role}-password-${accounts}-ok`
      const account = await main.call('accounts.create', {
        username,
        displayName: `${role} ${accounts}`,
        role,
        coachId: role === 'coach' ? (extra.coachId ?? null) : null,
        password: `${password}-first`,
      })
      const client = clientOf(core, `test-${username}`)
      await client.call('auth.signIn', { username, password: `${password}-first` })
      await client.call('auth.changePassword', { currentPassword: `${password}-first`, newPassword: password })
      return { ...client, accountId: account.id, username, password }
    },
    close,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs.

/** A valid `coaches.create` input; override any field. */
export function coachInput(overrides: Partial<CoachCreateInput> = {}): CoachCreateInput {
  return {
    legalName: 'Jordan Avery Test',
    preferredName: null,
    pronouns: 'they/them',
    email: 'jordan@example.org',
    phone: '+1 555 0100',
    startDate: '2025-03-01',
    employment: 'part_time',
    title: 'recovery_coach',
    // The supervisor who set the test office up is account 1.
    supervisorAccountId: 1,
    supervisionCadenceDays: 14,
    workSettings: ['emergency_department', 'community'],
    languages: ['English', 'Spanish'],
    careerStage: 'volunteering',
    ...overrides,
  }
}

/** A valid `assessments.create` input for `coachId` (dated after coachInput's start date); override any field. */
export function assessmentInput(
  coachId: number,
  overrides: Partial<AssessmentCreateInput> = {},
): AssessmentCreateInput {
  return {
    coachId,
    assessedOn: '2026-11-01',
    scores: { personal: { practice: 7, own: 6 }, hope: { practice: 8, own: 5 } },
    notes: { hope: 'Carries hope into every first meeting.' },
    overallNote: 'A steady quarter.',
    ...overrides,
  }
}
