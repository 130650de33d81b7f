import type { Channel, ChannelInput, ChannelOutput } from '@shared/api/contract'
import type { AuditAction, AuditRecordType } from '@shared/domain/audit'
import type { CareerStage, CoachStatus, EmploymentType, WorkSetting } from '@shared/domain/roster'
import { WORK_SETTINGS } from '@shared/domain/roster'
import type { AppCore } from '../index'
import type { Db } from '../db/schema'
import * as roster from '../roster/roster.repository'
import { searchTextOf } from '../roster/roster.service'
import { insertEventsInBulk } from '../audit/audit.repository'
import { growthSeedPart } from './growth'
import { CONTRACTS_SEED_PART } from './contracts'
import { addDays, daysBetween, FIRST_NAMES, LANGUAGES, LAST_NAMES, seededRandom, type Random } from './random'
import { directorySeedPart } from './directory'
import { ladderSeedPart } from './ladder'
import { supervisionSeedPart } from './supervision'

/**
 * Years of an office's data on demand, for the benchmark and for trying the app at size. Deterministic (a fixed
 * seed). The office and its accounts are made through the router, as a person would; the bulk of the history is
 * written straight through the repositories in large transactions, since a call per row would take hours.
 */
export interface Scale {
  name: 'office' | 'decade'
  years: number
  coaches: number
  auditEvents: number
}

export const SCALES: Record<Scale['name'], Scale> = {
  office: { name: 'office', years: 3, coaches: 60, auditEvents: 30_000 },
  decade: { name: 'decade', years: 10, coaches: 300, auditEvents: 300_000 },
}

/** The accounts a seeded office signs in with; printed by the seed script. Demo data only. */
export const SEEDED_ACCOUNTS = {
  supervisor: { username: 'dana', displayName: 'Dana Whitfield', password: 'decade-supervisor-pass' },
  supervisor2: { username: 'luis', displayName: 'Luis Ortega', password: 'decade-supervisor2-pass' },
  coordinator: { username: 'chris', displayName: 'Chris Ngata', password: 'decade-coordinator-pass' },
  coach: { username: 'coach', displayName: '', password: 'decade-coach-password' },
} as const

/** What a feature adds to a seeded office: called once, with the roster already in place. */
export interface SeedPart {
  name: string
  run(office: SeededOffice): Promise<string>
}

export interface SeededOffice {
  db: Db
  random: Random
  scale: Scale
  /** Today, and the first day of the office's history. */
  today: string
  firstDay: string
  coaches: Array<{ id: number; startDate: string; leftOn: string | null; name: string }>
  /** Supervisors' account ids and display names, and the coordinator's account id. */
  supervisors: Array<{ accountId: number; displayName: string }>
  coordinatorAccountId: number
  /** Calls the router as the first supervisor. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
}

/** Features register their part here (growth, supervision, contracts, directory, ...). */
export const SEED_PARTS: SeedPart[] = [
  growthSeedPart,
  directorySeedPart,
  CONTRACTS_SEED_PART,
  ladderSeedPart,
  supervisionSeedPart,
]

const STATUSES_NOW: CoachStatus[] = ['active', 'active', 'active', 'on_leave']
const EMPLOYMENTS: EmploymentType[] = ['volunteer', 'part_time', 'full_time']
const STAGES: CareerStage[] = ['receiving_support', 'volunteering', 'training', 'rcp', 'employment']

export async function seedScale(core: AppCore, scale: Scale, today: string): Promise<string[]> {
  const client = 'seed'
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const result = await core.router.call(channel, input, client)
    if (!result.ok)
      throw new Error(`${channel} failed: ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`)
    return result.value as ChannelOutput<C>
  }
  const status = await call('auth.status', {})
  if (status.state !== 'setup')
    throw new Error('This data folder already holds an office; seeding only fills an empty one.')
  const { supervisor, supervisor2, coordinator, coach } = SEEDED_ACCOUNTS
  await call('auth.setup', { officeName: 'Riverbend Recovery Community', coachTitle: 'recovery_coach', ...supervisor })
  // The set-up's background work (the day's first backup and its audit event) done before the seeding starts, so the
  // same office comes out every time, whatever the machine's speed.
  await core.vault.idle()

  const random = seededRandom(20_16_11_01)
  const firstDay = addDays(today, -Math.round(scale.years * 365.25))
  const db = core.vault.db
  const report: string[] = []

  // The roster: most coaches of a decade have left by now; a fifth are current.
  const coaches: SeededOffice['coaches'] = []
  await db.transaction().execute(async (trx) => {
    const current = Math.round(scale.coaches / 5)
    for (let i = 0; i < scale.coaches; i++) {
      const isCurrent = i >= scale.coaches - current
      const span = daysBetween(firstDay, today)
      const startDate = addDays(
        firstDay,
        isCurrent ? random.int(Math.round(span * 0.3), span - 30) : random.int(0, span - 400),
      )
      const leftOn = isCurrent
        ? null
        : addDays(startDate, random.int(120, Math.min(1500, daysBetween(startDate, today) - 1)))
      const legalName = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`
      const languages = random.chance(0.6) ? ['English', random.pick(LANGUAGES.slice(1))] : ['English']
      const stage = random.pick(STAGES)
      const nowStatus: CoachStatus = leftOn ? 'left' : random.pick(STATUSES_NOW)
      const supervisorName = random.chance(0.5) ? supervisor.displayName : supervisor2.displayName
      const fields = { legalName, preferredName: null, languages, assignedSupervisor: supervisorName }
      const recordedAt = `${startDate}T09:00:00.000Z`
      const id = await roster.insertCoach(trx, {
        version: 1,
        legal_name: legalName,
        preferred_name: null,
        sort_name: legalName.toLocaleLowerCase('en'),
        search_text: searchTextOf(fields),
        pronouns: random.pick(['she/her', 'he/him', 'they/them', null]),
        email: null,
        phone: `555 ${String(1000 + i).padStart(4, '0')}`,
        start_date: startDate,
        status: nowStatus,
        employment: random.pick(EMPLOYMENTS),
        title: 'recovery_coach',
        assigned_supervisor: supervisorName,
        supervision_cadence_days: random.pick([7, 14, 14, 14, 21, 28]),
        work_settings: JSON.stringify(random.some(Object.keys(WORK_SETTINGS) as WorkSetting[], 0.2)),
        languages: JSON.stringify(languages),
        career_stage: stage,
        created_at: recordedAt,
        updated_at: leftOn ? `${leftOn}T09:00:00.000Z` : recordedAt,
      })
      await roster.insertStatusChange(trx, {
        coach_id: id,
        status: 'active',
        effective_on: startDate,
        note: null,
        recorded_at: recordedAt,
      })
      if (nowStatus !== 'active') {
        const on = leftOn ?? addDays(today, -random.int(5, 60))
        await roster.insertStatusChange(trx, {
          coach_id: id,
          status: nowStatus,
          effective_on: on,
          note: null,
          recorded_at: `${on}T09:00:00.000Z`,
        })
      }
      await roster.insertStageChange(trx, { coach_id: id, stage, changed_on: startDate, recorded_at: recordedAt })
      coaches.push({ id, startDate, leftOn, name: legalName })
    }
  })
  report.push(`${coaches.length} coaches (${coaches.filter((c) => !c.leftOn).length} current)`)

  // Accounts, through the router: each must then choose its own password, as a real first sign-in does.
  const firstCurrent = coaches.find((c) => !c.leftOn)!
  const made = [
    { ...supervisor2, role: 'supervisor' as const, coachId: null },
    { ...coordinator, role: 'coordinator' as const, coachId: null },
    { ...coach, displayName: firstCurrent.name, role: 'coach' as const, coachId: firstCurrent.id },
  ]
  const accountIds: Record<string, number> = { [supervisor.username]: 1 }
  for (const account of made) {
    const created = await call('accounts.create', {
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      coachId: account.coachId,
      password: `${account.password}-first`,
    })
    accountIds[account.username] = created.id
    const own = `seed-${account.username}`
    const signIn = await core.router.call(
      'auth.signIn',
      { username: account.username, password: `${account.password}-first` },
      own,
    )
    if (!signIn.ok) throw new Error(signIn.error.message)
    const changed = await core.router.call(
      'auth.changePassword',
      { currentPassword: `${account.password}-first`, newPassword: account.password },
      own,
    )
    if (!changed.ok) throw new Error(changed.error.message)
    await core.router.call('auth.signOut', {}, own)
  }
  const supervisors = [
    { accountId: 1, displayName: supervisor.displayName },
    { accountId: accountIds[supervisor2.username]!, displayName: supervisor2.displayName },
  ]
  // Coaches are linked to their supervisor's account by id, now that both accounts exist; no text is left unmatched.
  for (const { accountId, displayName } of supervisors) {
    await db
      .updateTable('coaches')
      .set({ supervisor_account_id: accountId, assigned_supervisor: null })
      .where('assigned_supervisor', '=', displayName)
      .execute()
  }

  const office: SeededOffice = {
    db,
    random,
    scale,
    today,
    firstDay,
    coaches,
    supervisors,
    coordinatorAccountId: accountIds[coordinator.username]!,
    call,
  }
  for (const part of SEED_PARTS) report.push(`${part.name}: ${await part.run(office)}`)

  await seedAuditHistory(office, scale.auditEvents)
  report.push(`${scale.auditEvents} audit events`)
  await core.vault.idle()
  return report
}

const EVENT_KINDS: Array<{ action: AuditAction; recordType: AuditRecordType; summary: string; weight: number }> = [
  { action: 'sign_in', recordType: 'session', summary: 'Signed in', weight: 30 },
  { action: 'sign_out', recordType: 'session', summary: 'Signed out', weight: 15 },
  { action: 'lock', recordType: 'session', summary: 'Locked the screen', weight: 6 },
  { action: 'unlock', recordType: 'session', summary: 'Unlocked the screen', weight: 6 },
  { action: 'update', recordType: 'coach', summary: 'Details changed: phone', weight: 10 },
  { action: 'set_status', recordType: 'coach', summary: 'Status: Active → On leave from 2024-01-01', weight: 3 },
  {
    action: 'set_stage',
    recordType: 'coach',
    summary: 'Stage: Training → Recovery Coach Professional (RCP)',
    weight: 2,
  },
  { action: 'read', recordType: 'coach', summary: 'Opened the growth page', weight: 20 },
  { action: 'backup', recordType: 'database', summary: 'Automatic backup', weight: 3 },
  { action: 'sign_in_failed', recordType: 'account', summary: 'Wrong password', weight: 2 },
]

/** Years of the trail, oldest first, spread evenly over the office's history. */
async function seedAuditHistory(office: SeededOffice, count: number) {
  const { random } = office
  const total = EVENT_KINDS.reduce((sum, kind) => sum + kind.weight, 0)
  const pickKind = () => {
    let roll = random.next() * total
    for (const kind of EVENT_KINDS) if ((roll -= kind.weight) < 0) return kind
    return EVENT_KINDS[0]!
  }
  const start = Date.parse(`${office.firstDay}T08:00:00Z`)
  const span = Date.parse(`${office.today}T08:00:00Z`) - start
  const actors = [1, ...office.supervisors.map((s) => s.accountId), office.coordinatorAccountId]
  const batch = 20_000
  for (let done = 0; done < count; done += batch) {
    const events: Parameters<typeof insertEventsInBulk>[1][number][] = []
    for (let i = done; i < Math.min(count, done + batch); i++) {
      const kind = pickKind()
      const at = new Date(start + Math.floor((span * i) / count)).toISOString()
      const coach = random.pick(office.coaches)
      events.push({
        at,
        accountId: random.pick(actors),
        action: kind.action,
        recordType: kind.recordType,
        recordId: kind.recordType === 'coach' ? coach.id : kind.recordType === 'account' ? random.pick(actors) : null,
        summary: kind.summary,
      })
    }
    await office.db.transaction().execute((trx) => insertEventsInBulk(trx, events))
  }
}
