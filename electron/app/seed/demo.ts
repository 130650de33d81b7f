import type { ChannelInput } from '@shared/api/contract'
import type { Router } from '../router'
import { seedContractsDemo } from './contracts'
import { seedDirectory } from './directory'
import type { Db } from '../db/schema'
import { seedGrowthDemo } from './growth'
import { seedLadderDemo } from './ladder'
import { seedSupervisionDemo } from './supervision'

/** A believable small office: a dozen coaches across the career ladder, statuses and settings. */
const DEMO_COACHES: Array<
  ChannelInput<'coaches.create'> & {
    later?: Array<['status', string, string] | ['stage', string, string]>
    /** Which of the demo's supervisors the coach is assigned to. */
    supervisor?: 'supervisor' | 'supervisor2'
    /** Days since the last supervision session, to show someone overdue or nearly due on the start page. */
    lastSessionDaysAgo?: number
  }
> = [
  {
    legalName: 'Marisol Reyes',
    pronouns: 'she/her',
    email: 'marisol.reyes@example.org',
    phone: '555 0101',
    startDate: '2019-04-01',
    employment: 'full_time',
    title: 'recovery_coach',
    supervisor: 'supervisor',
    supervisionCadenceDays: 14,
    workSettings: ['emergency_department', 'hospital'],
    languages: ['English', 'Spanish'],
    careerStage: 'employment',
  },
  {
    legalName: 'Thomas Okafor',
    preferredName: 'Tommy Okafor',
    pronouns: 'he/him',
    email: 't.okafor@example.org',
    phone: '555 0102',
    startDate: '2020-09-14',
    employment: 'full_time',
    title: 'recovery_coach',
    supervisor: 'supervisor',
    supervisionCadenceDays: 14,
    workSettings: ['police', 'fire'],
    languages: ['English', 'Igbo'],
    careerStage: 'employment',
    lastSessionDaysAgo: 11,
  },
  {
    legalName: 'Jordan Blake',
    pronouns: 'they/them',
    email: 'jordan.blake@example.org',
    startDate: '2021-02-08',
    employment: 'part_time',
    title: 'recovery_coach',
    supervisor: 'supervisor',
    supervisionCadenceDays: 14,
    workSettings: ['prison_jail', 'drug_court'],
    languages: ['English'],
    careerStage: 'rcp',
    lastSessionDaysAgo: 26,
  },
  {
    legalName: 'Aisha Rahman',
    pronouns: 'she/her',
    phone: '555 0104',
    startDate: '2022-06-20',
    employment: 'full_time',
    title: 'recovery_coach',
    supervisor: 'supervisor2',
    supervisionCadenceDays: 14,
    workSettings: ['emergency_department'],
    languages: ['English', 'Bengali'],
    careerStage: 'rcp',
  },
  {
    legalName: 'Robert Kowalski',
    preferredName: 'Bob Kowalski',
    pronouns: 'he/him',
    startDate: '2018-11-05',
    employment: 'part_time',
    title: 'recovery_coach',
    supervisor: 'supervisor2',
    supervisionCadenceDays: 21,
    workSettings: ['treatment_centre', 'community'],
    languages: ['English', 'Polish'],
    careerStage: 'employment',
    later: [['status', 'on_leave', '2026-10-01']],
  },
  {
    legalName: 'Grace Nakamura',
    pronouns: 'she/her',
    email: 'grace.n@example.org',
    startDate: '2023-03-13',
    employment: 'volunteer',
    title: 'recovery_coach',
    supervisor: 'supervisor2',
    supervisionCadenceDays: 28,
    workSettings: ['community'],
    languages: ['English', 'Japanese'],
    careerStage: 'volunteering',
    later: [['stage', 'training', '2026-05-01']],
    lastSessionDaysAgo: 41,
  },
  {
    legalName: 'Dwayne Carter',
    pronouns: 'he/him',
    phone: '555 0107',
    startDate: '2024-01-15',
    employment: 'volunteer',
    title: 'recovery_coach',
    supervisionCadenceDays: 28,
    workSettings: ['community', 'drug_court'],
    languages: ['English'],
    careerStage: 'training',
  },
  {
    legalName: 'Elena Petrova',
    pronouns: 'she/her',
    email: 'elena.petrova@example.org',
    startDate: '2017-07-03',
    employment: 'full_time',
    title: 'recovery_coach',
    supervisor: 'supervisor',
    supervisionCadenceDays: 14,
    workSettings: ['managed_care', 'hospital'],
    languages: ['English', 'Russian'],
    careerStage: 'employment',
    later: [['status', 'left', '2025-12-31']],
  },
  {
    legalName: 'Samuel Whitehorse',
    preferredName: 'Sam Whitehorse',
    pronouns: 'he/him',
    startDate: '2022-10-10',
    employment: 'part_time',
    title: 'recovery_coach',
    supervisor: 'supervisor2',
    supervisionCadenceDays: 14,
    workSettings: ['police', 'emergency_department'],
    languages: ['English', 'Lakota'],
    careerStage: 'rcp',
  },
  {
    legalName: 'Priya Shah',
    pronouns: 'she/her',
    email: 'priya.shah@example.org',
    startDate: '2025-04-22',
    employment: 'part_time',
    title: 'recovery_coach',
    supervisor: 'supervisor',
    supervisionCadenceDays: 14,
    workSettings: ['emergency_department'],
    languages: ['English', 'Gujarati', 'Hindi'],
    careerStage: 'training',
    later: [['stage', 'rcp', '2026-09-30']],
  },
  {
    legalName: 'Kevin O’Brien',
    pronouns: 'he/him',
    phone: '555 0111',
    startDate: '2025-09-01',
    employment: 'volunteer',
    title: 'recovery_coach',
    supervisionCadenceDays: 28,
    workSettings: ['treatment_centre'],
    languages: ['English'],
    careerStage: 'receiving_support',
    later: [['stage', 'volunteering', '2026-03-01']],
  },
  {
    legalName: 'Lucía Fernández',
    preferredName: 'Lucy Fernández',
    pronouns: 'she/they',
    email: 'lucia.f@example.org',
    startDate: '2021-08-16',
    employment: 'full_time',
    title: 'recovery_coach',
    supervisor: 'supervisor2',
    supervisionCadenceDays: 14,
    workSettings: ['prison_jail', 'police', 'community'],
    languages: ['Spanish', 'English'],
    careerStage: 'employment',
  },
]

/** The demo's accounts. Their passwords are printed by the seed script: this is demo data, never an office's. */
export const DEMO_ACCOUNTS = {
  supervisor: { username: 'dana', displayName: 'Dana Whitfield', password: 'demo-supervisor-pass' },
  supervisor2: { username: 'luis', displayName: 'Luis Ortega', password: 'demo-supervisor2-pass' },
  coordinator: { username: 'chris', displayName: 'Chris Ngata', password: 'demo-coordinator-pass' },
  coach: { username: 'marisol', displayName: 'Marisol Reyes', password: 'demo-coach-password' },
} as const

/**
 * `data` reaches the database directly for what no router call can make (years of ratings by coaches who have no
 * account); without it the office has no ratings. Its `db` is read after set-up has opened the database.
 */
export async function seedDemo(router: Router, data?: { readonly db: Db; today?: string }): Promise<number> {
  const client = 'seed'
  const call = async (channel: string, input: unknown) => {
    const result = await router.call(channel, input, client)
    if (!result.ok)
      throw new Error(`${channel} failed: ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`)
    return result.value as { id: number; version: number }
  }
  const status = (await call('auth.status', {})) as unknown as { state: string }
  if (status.state !== 'setup')
    throw new Error('This data folder already holds an office; seeding only fills an empty one.')
  const { supervisor, supervisor2, coordinator, coach } = DEMO_ACCOUNTS
  await call('auth.setup', { officeName: 'Riverbend Recovery Community', coachTitle: 'recovery_coach', ...supervisor })
  const existing = (await call('coaches.list', { filter: 'all', limit: 1 })) as unknown as { total: number }
  if (existing.total > 0) {
    throw new Error(`This database already has ${existing.total} coaches; seeding only fills an empty one.`)
  }
  const firstPassword = (account: { password: string }) => `${account.password}-first`
  // The second supervisor first, so coaches can be assigned to their account.
  const second = await call('accounts.create', {
    ...supervisor2,
    password: firstPassword(supervisor2),
    role: 'supervisor',
    coachId: null,
  })
  const supervisorIds = { supervisor: 1, supervisor2: second.id }
  const coachIds: number[] = []
  for (const { later, supervisor: assignedTo, lastSessionDaysAgo: _, ...coach } of DEMO_COACHES) {
    let saved = await call('coaches.create', {
      ...coach,
      supervisorAccountId: assignedTo ? supervisorIds[assignedTo] : null,
    })
    coachIds.push(saved.id)
    for (const [kind, value, date] of later ?? []) {
      saved =
        kind === 'status'
          ? await call('coaches.setStatus', {
              id: saved.id,
              expectedVersion: saved.version,
              status: value,
              effectiveOn: date,
            })
          : await call('coaches.setStage', {
              id: saved.id,
              expectedVersion: saved.version,
              stage: value,
              changedOn: date,
            })
    }
  }
  await seedDirectory(call, coachIds)
  await seedContractsDemo(call, coachIds, data ? () => data.db : undefined)
  await seedLadderDemo(call, coachIds)
  await call('accounts.create', {
    ...coordinator,
    password: firstPassword(coordinator),
    role: 'coordinator',
    coachId: null,
  })
  await call('accounts.create', { ...coach, password: firstPassword(coach), role: 'coach', coachId: coachIds[0] })
  // While the supervisor is still signed in: the database closes when the last person signs out.
  if (data) {
    const today = data.today ?? new Date().toISOString().slice(0, 10)
    await seedGrowthDemo(data.db, coachIds, today)
    await seedSupervisionDemo(
      data.db,
      DEMO_COACHES.map((coach, i) => ({
        id: coachIds[i]!,
        startDate: coach.startDate,
        leftOn: coach.later?.find(([kind, value]) => kind === 'status' && value === 'left')?.[2] ?? null,
        cadenceDays: coach.supervisionCadenceDays ?? 14,
        supervisorAccountId: coach.supervisor ? supervisorIds[coach.supervisor] : null,
        ...(coach.lastSessionDaysAgo ? { lastSessionDaysAgo: coach.lastSessionDaysAgo } : {}),
      })),
      today,
    )
  }
  // The demo's accounts start ready to use; an office's own accounts begin with a first password to change.
  await router.call('auth.signOut', {}, client)
  for (const account of [supervisor2, coordinator, coach]) {
    const signedIn = await router.call(
      'auth.signIn',
      { username: account.username, password: firstPassword(account) },
      client,
    )
    if (!signedIn.ok) throw new Error(`Signing in as ${account.username} failed: ${signedIn.error.message}`)
    const changed = await router.call(
      'auth.changePassword',
      { currentPassword: firstPassword(account), newPassword: account.password },
      client,
    )
    if (!changed.ok) throw new Error(`Setting ${account.username}'s password failed: ${changed.error.message}`)
    await router.call('auth.signOut', {}, client)
  }
  return DEMO_COACHES.length
}
