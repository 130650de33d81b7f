/**
 * The process the crash harness kills: the app itself (startAppCore: its router, services, vault, key file, backups),
 * called as the UI calls it, through `router.call`. It sets up the office (first run, or over a schema-1 database, whose
 * encryption is the upgrade), signs in, says which coaches it finds, then saves coaches, changes the password, types
 * wrong passwords (key-file writes), backs up and restores, until it is killed.
 *
 *   node child.mjs <data dir> <first coach number> <seed> <likely password index> <harness start ms>
 *     [<a backup of this office> <its password index>]
 *
 * One line per fact on stdout, written synchronously so a line written before the kill reaches the parent:
 * `start`, `setup` or `signed-in <password index>`, `have <json numbers>`, `ready`, then `saving n` / `saved n`,
 * `changing i` / `password i`, `backup <path>`, `restoring <path>` / `restored <path>`. Anything unexpected is
 * `unavailable <message>`, `cannot-sign-in` or `error <what>`, and the child exits by itself.
 */
import { mkdirSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { startAppCore } from '../../electron/app'
import { throttleKeyFor } from '../../electron/app/auth/throttle'

export const CRASH_PASSWORDS = ['crash-password-zero-0', 'crash-password-one-1'] as const
export const CRASH_USERNAME = 'crash.supervisor'

const say = (line: string) => writeSync(1, `${line}\n`)

async function main() {
  const [dataDir, firstArg, seedArg, hintArg, startArg, backupArg, backupPasswordArg] = process.argv.slice(2)
  if (!dataDir || !firstArg || !seedArg || !hintArg || !startArg) {
    process.stderr.write('usage: child <data dir> <first coach number> <seed> <password index> <start ms>\n')
    process.exit(2)
  }
  // Time goes on from the tests' "now" across every child of one run, so a wait after wrong tries really ends.
  const started = Number(startArg)
  const clock = { now: () => new Date(Date.parse('2026-11-22T10:00:00.000Z') + Date.now() - started) }
  let next = Number(firstArg)
  let seed = Number(seedArg) >>> 0
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0
    let t = seed
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  say('start')
  const core = startAppCore({
    dataDir,
    transport: 'http',
    appVersion: 'crash',
    clock,
    log: { error: () => undefined },
    passwordKdf: { N: 2 ** 10, r: 8, p: 1 },
  })
  const call = async (channel: string, input: unknown, client = 'crash') => core.router.call(channel, input, client)
  const fail = (what: string): never => {
    say(`error ${what}`)
    process.exit(5)
  }

  const status = await call('auth.status', {})
  if (!status.ok) fail(`auth.status ${JSON.stringify(status.error)}`)
  const state = status.ok ? (status.value as { state: string; message?: string; coachTitle?: string }) : null
  let password = 0
  if (state?.state === 'unavailable') {
    say(`unavailable ${JSON.stringify(state.message)}`)
    process.exit(3)
  } else if (state?.state === 'setup') {
    const setup = await call('auth.setup', {
      officeName: 'Crash Office',
      coachTitle: state.coachTitle ?? 'recovery_coach',
      displayName: 'Crash Supervisor',
      username: CRASH_USERNAME,
      password: CRASH_PASSWORDS[0],
    })
    if (!setup.ok) fail(`auth.setup ${JSON.stringify(setup.error)}`)
    say('setup')
  } else {
    let signedIn = false
    // The password the harness last saw acknowledged first: a wrong try would count toward a wait.
    const hint = Number(hintArg)
    for (const index of [hint, 1 - hint]) {
      const candidate = CRASH_PASSWORDS[index]!
      const result = await call('auth.signIn', { username: CRASH_USERNAME, password: candidate })
      if (result.ok) {
        password = index
        signedIn = true
        break
      }
      if (result.error.code !== 'unauthenticated' && result.error.code !== 'too_many_attempts') {
        fail(`auth.signIn ${JSON.stringify(result.error)}`)
      }
    }
    if (!signedIn) {
      say('cannot-sign-in')
      process.exit(3)
    }
    say(`signed-in ${password}`)
  }

  // Every coach the harness numbered, read back through the roster's own paging.
  const have: number[] = []
  let after: string | null = null
  do {
    const page = await call('coaches.list', { filter: 'all', sort: 'name', limit: 100, after })
    if (!page.ok) fail(`coaches.list ${JSON.stringify(page.error)}`)
    const value = (page as { value: { items: { legalName: string }[]; nextCursor: string | null } }).value
    for (const coach of value.items) {
      const match = /^Crash (\d+)$/.exec(coach.legalName)
      if (match) have.push(Number(match[1]))
    }
    after = value.nextCursor
  } while (after)
  say(`have ${JSON.stringify(have.sort((a, b) => a - b))}`)
  say('ready')

  const handDir = join(dataDir, 'hand')
  mkdirSync(handDir, { recursive: true })
  let lastBackup: string | null = backupArg ?? null
  const backupPasswords = new Map<string, number>()
  if (backupArg) backupPasswords.set(backupArg, Number(backupPasswordArg))
  let backups = 0
  for (;;) {
    const roll = random()
    if (roll < 0.72) {
      say(`saving ${next}`)
      const saved = await call('coaches.create', {
        legalName: `Crash ${next}`,
        preferredName: null,
        pronouns: null,
        email: null,
        phone: null,
        startDate: '2025-03-01',
        employment: 'part_time',
        title: 'recovery_coach',
        supervisorAccountId: null,
        supervisionCadenceDays: 14,
        workSettings: ['community'],
        languages: ['English'],
        careerStage: 'volunteering',
      })
      if (!saved.ok) fail(`coaches.create ${JSON.stringify(saved.error)}`)
      say(`saved ${next}`)
      next += 1
    } else if (roll < 0.8) {
      const to = 1 - password
      say(`changing ${to}`)
      const changed = await call('auth.changePassword', {
        currentPassword: CRASH_PASSWORDS[password],
        newPassword: CRASH_PASSWORDS[to],
      })
      if (!changed.ok) fail(`auth.changePassword ${JSON.stringify(changed.error)}`)
      password = to
      say(`password ${to}`)
    } else if (roll < 0.86) {
      // A wrong password on another window: the count of wrong tries is a key-file write. Under a name counted
      // apart from the supervisor's, so that the supervisor's next sign-in never has to wait.
      const keyring = core.vault.requireKeyring()
      let name = 1
      while (throttleKeyFor(keyring, `nobody.${name}`) === throttleKeyFor(keyring, CRASH_USERNAME)) name++
      const wrong = await call('auth.signIn', { username: `nobody.${name}`, password: 'not-the-password!' }, 'other')
      if (wrong.ok || (wrong.error.code !== 'unauthenticated' && wrong.error.code !== 'too_many_attempts')) {
        fail(`wrong sign-in answered ${JSON.stringify(wrong)}`)
      }
    } else if (roll < 0.93 || !lastBackup) {
      const path = join(handDir, `backup-${process.pid}-${backups++}.casebook-backup`)
      const made = await call('backups.create', { path })
      if (!made.ok) fail(`backups.create ${JSON.stringify(made.error)}`)
      lastBackup = path
      backupPasswords.set(path, password)
      say(`backup ${path}`)
    } else {
      say(`restoring ${lastBackup}`)
      const restored = await call('backups.restore', {
        path: lastBackup,
        username: CRASH_USERNAME,
        password: CRASH_PASSWORDS[backupPasswords.get(lastBackup)!],
      })
      if (!restored.ok) fail(`backups.restore ${JSON.stringify(restored.error)}`)
      say(`restored ${lastBackup}`)
      // The restored key file is the backup's: its password is the one of that moment.
      password = backupPasswords.get(lastBackup)!
      const again = await call('auth.status', {})
      if (!again.ok || (again.value as { state: string }).state !== 'signed_in') fail('signed out by the restore')
    }
  }
}

void main().catch((error: unknown) => {
  say(`error thrown ${(error as Error)?.name} ${(error as Error)?.message?.slice(0, 200)}`)
  process.exit(5)
})
