import type { ChannelInput } from '@shared/api/contract'
import type { BillingBasis, Currency, PartnerType } from '@shared/domain/contracts'
import { addDays, localParts, localToInstant, type CoverageWindow, type Weekday } from '@shared/domain/coverage'
import type { DispatchOutcome } from '@shared/domain/dispatches'
import type { Db } from '../db/schema'
import { foldForSearch } from '../db/open'
import * as contractRepo from '../contracts/contracts.repository'
import * as dispatchRepo from '../dispatches/dispatches.repository'
import type { NewDispatch } from '../dispatches/dispatches.table'
import { dispatchColumns } from '../dispatches/dispatches.service'
import { officeTimeZone } from '../settings/settings.service'
import type { SeedPart } from './decade'
import { seededRandom } from './random'

/**
 * Partners, contracts and dispatches for the seeds: (1) the demo office's handful of partners and two years of
 * believable dispatches, written through the router like everything else a person would do; (2) a deterministic bulk
 * generator for the decade seed, written straight through the repositories in large transactions.
 */

/** The seeds' shared generator (mulberry32), with the one draw of its own this part needs. */
export function prng(seed: number) {
  const random = seededRandom(seed)
  return {
    ...random,
    /** Minutes to arrival: mostly near the target, a long tail beyond it. */
    arrival: (target: number) =>
      Math.max(3, Math.round(target * (0.45 + random.next() * 0.6 + (random.next() < 0.15 ? random.next() : 0)))),
  }
}
type Random = ReturnType<typeof prng>

const OUTCOME_WEIGHTS: Array<[DispatchOutcome, number]> = [
  ['engaged', 40],
  ['linked_treatment', 18],
  ['linked_rco', 16],
  ['declined', 12],
  ['naloxone', 5],
  ['other', 4],
]
function outcome(random: Random): DispatchOutcome {
  let roll = random.next() * OUTCOME_WEIGHTS.reduce((sum, [, w]) => sum + w, 0)
  for (const [value, weight] of OUTCOME_WEIGHTS) {
    roll -= weight
    if (roll < 0) return value
  }
  return 'engaged'
}

/** When in the day requests come, by kind of partner: hours 0-23 with weights. */
const HOURS: Record<'clinical' | 'nights' | 'office', number[]> = {
  clinical: [2, 2, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 6, 6, 7, 7, 6, 5, 4, 3],
  nights: [6, 6, 5, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 7, 7],
  office: [0, 0, 0, 0, 0, 0, 0, 1, 3, 6, 6, 6, 5, 6, 6, 5, 3, 1, 0, 0, 0, 0, 0, 0],
}
function hourOf(random: Random, profile: keyof typeof HOURS): number {
  const weights = HOURS[profile]
  let roll = random.next() * weights.reduce((a, b) => a + b, 0)
  for (let hour = 0; hour < 24; hour++) {
    roll -= weights[hour]!
    if (roll < 0) return hour
  }
  return 12
}

const pad = (n: number) => String(n).padStart(2, '0')
const plusMinutes = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString()

interface Request {
  requestedAt: string
  coachId: number | null
  acceptedAt: string | null
  arrivedAt: string | null
  completedAt: string | null
  outcome: DispatchOutcome | null
  followUpOn: string | null
  requester: string
  location: string | null
  referenceCode: string | null
}

/** One believable request and how it went, at `requestedAt`; open if it would finish after `now`. */
function followThrough(
  random: Random,
  requestedAt: string,
  coachId: number,
  target: number,
  now: string,
  people: { requesters: readonly string[]; locations: readonly string[]; code: string },
  timeZone: string,
): Request {
  const acceptedAt = plusMinutes(requestedAt, random.int(1, 8))
  const left = random.chance(0.06)
  const arrivedAt = left ? null : plusMinutes(requestedAt, random.arrival(target))
  const completedAt = plusMinutes(arrivedAt ?? acceptedAt, random.int(25, 110))
  const open = completedAt > now
  const day = localParts(requestedAt, timeZone).date
  return {
    requestedAt,
    coachId,
    acceptedAt: acceptedAt > now ? null : acceptedAt,
    arrivedAt: arrivedAt !== null && arrivedAt <= now ? arrivedAt : null,
    completedAt: open ? null : completedAt,
    outcome: open ? null : left ? 'left_before_arrival' : outcome(random),
    followUpOn: !open && random.chance(0.35) ? addDays(day, random.int(2, 7)) : null,
    requester: random.pick(people.requesters),
    location: random.chance(0.8) ? random.pick(people.locations) : null,
    referenceCode: random.chance(0.7) ? `${people.code}-${random.int(10000, 99999)}` : null,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// (1) The demo office.

const window = (startDay: Weekday, startTime: string, endDay: Weekday, endTime: string): CoverageWindow => ({
  startDay,
  startTime,
  endDay,
  endTime,
})
const EVERY_NIGHT = ([0, 1, 2, 3, 4, 5, 6] as const).map((d) => window(d, '18:00', ((d + 1) % 7) as Weekday, '06:00'))
const WEEKDAYS_NINE_TO_FIVE = ([0, 1, 2, 3, 4] as const).map((d) => window(d, '09:00', d, '17:00'))

interface DemoContract {
  partner: number
  reference: string
  title: string
  /** Days from today. */
  start: number
  end: number
  valueMinor: number
  billingBasis: BillingBasis
  coverage: CoverageWindow[]
  targetMinutes: number
  expectedPerMonth: number
  renewalNoticeDays: number
  /** Indexes into the demo coaches. */
  team: number[]
  /** Requests a day, on average. */
  perDay: number
  hours: keyof typeof HOURS
}

const DEMO_PARTNERS: Array<
  ChannelInput<'partners.create'> & { code: string; requesters: string[]; locations: string[] }
> = [
  {
    name: 'Riverbend General Hospital – Emergency Department',
    type: 'emergency_department',
    address: '400 Hospital Drive, Riverbend',
    contacts: [
      { name: 'Renée Dubois', role: 'ED nurse manager', phone: '555 0201', email: 'r.dubois@example.org' },
      { name: 'Dr Omar Haddad', role: 'Medical director', email: 'o.haddad@example.org' },
    ],
    code: 'MRN',
    requesters: ['Charge nurse', 'Attending physician', 'ED social worker', 'Triage nurse'],
    locations: ['Bay 3', 'Bay 7', 'Resus 1', 'Observation unit', 'Waiting room'],
  },
  {
    name: 'Riverbend Police Department',
    type: 'police',
    address: '12 Court Street, Riverbend',
    contacts: [{ name: 'Lt. Carla Mendes', role: 'Community liaison', phone: '555 0202' }],
    code: 'RPD',
    requesters: ['Desk sergeant', 'Patrol officer', 'Custody officer'],
    locations: ['Custody suite', 'Front desk', 'Patrol car 14', 'Interview room 2'],
  },
  {
    name: 'Harlan County Jail',
    type: 'prison_jail',
    address: '1 Correction Way, Harlan',
    contacts: [{ name: 'Marcus Bell', role: 'Reentry coordinator', phone: '555 0203', email: 'm.bell@example.org' }],
    code: 'HCJ',
    requesters: ['Reentry coordinator', 'Duty officer', 'Medical unit'],
    locations: ['Release desk', 'Medical unit', 'Visiting room'],
  },
  {
    name: 'New Dawn Treatment Centre',
    type: 'treatment_centre',
    address: '88 Elm Avenue, Riverbend',
    contacts: [{ name: 'Hannah Price', role: 'Intake lead', email: 'intake@example.org' }],
    code: 'NDT',
    requesters: ['Intake lead', 'Counsellor', 'Discharge planner'],
    locations: ['Intake', 'Group room', 'Discharge lounge'],
  },
]

/** Coaches by their place in the demo roster: 0 Marisol, 1 Tommy, 2 Jordan, 3 Aisha, 4 Bob (on leave), 5 Grace ... */
const DEMO_CONTRACTS: DemoContract[] = [
  {
    // Inside its renewal notice: ends in 40 days, 60 days' notice.
    partner: 0,
    reference: 'RGH-ED-2025',
    title: 'Emergency department peer recovery coaching',
    start: -730,
    end: 40,
    valueMinor: 18_000_000,
    billingBasis: 'fixed',
    coverage: [],
    targetMinutes: 45,
    expectedPerMonth: 30,
    renewalNoticeDays: 60,
    team: [0, 3, 8, 9],
    perDay: 1,
    hours: 'clinical',
  },
  {
    // Expired: the police pilot, overnight only.
    partner: 1,
    reference: 'RPD-PILOT-2025',
    title: 'Overnight custody coaching pilot',
    start: -730,
    end: -91,
    valueMinor: 2_500_000,
    billingBasis: 'per_dispatch',
    coverage: EVERY_NIGHT,
    targetMinutes: 60,
    expectedPerMonth: 15,
    renewalNoticeDays: 30,
    team: [1, 8, 11],
    perDay: 0.5,
    hours: 'nights',
  },
  {
    partner: 1,
    reference: 'RPD-2026',
    title: 'Custody and patrol referrals',
    start: -90,
    end: 275,
    valueMinor: 6_000_000,
    billingBasis: 'per_hour',
    coverage: EVERY_NIGHT,
    targetMinutes: 60,
    expectedPerMonth: 20,
    renewalNoticeDays: 60,
    team: [1, 8, 11],
    perDay: 0.6,
    hours: 'nights',
  },
  {
    // Weekend only: releases from Friday evening to Monday morning.
    partner: 2,
    reference: 'HCJ-WKND',
    title: 'Weekend release support',
    start: -700,
    end: 365,
    valueMinor: 4_200_000,
    billingBasis: 'fixed',
    coverage: [window(4, '18:00', 0, '08:00')],
    targetMinutes: 90,
    expectedPerMonth: 8,
    renewalNoticeDays: 90,
    team: [2, 11, 6],
    perDay: 0.3,
    hours: 'clinical',
  },
  {
    partner: 3,
    reference: 'NDT-2026',
    title: 'Discharge linkage',
    start: -365,
    end: 730,
    valueMinor: 3_000_000,
    billingBasis: 'per_dispatch',
    coverage: WEEKDAYS_NINE_TO_FIVE,
    targetMinutes: 120,
    expectedPerMonth: 6,
    renewalNoticeDays: 60,
    team: [4, 10, 5],
    perDay: 0.25,
    hours: 'office',
  },
]

type Call = (channel: string, input: unknown) => Promise<unknown>

/** Generated requests end well before "now", so each is closed by then (the demo adds one open request itself). */
const latestRequest = (now: string) => plusMinutes(now, -8 * 60)

/**
 * Adds the demo's partners and contracts through the router (audited as a coordinator's entries would be), then two
 * years of dispatches: in one transaction through the repository when `history` gives the database (the seed script
 * and its test: some two thousand rows, one commit), else request by request through the router. The app's own clock
 * decides "now": it is read from the first record the router saves. Answers how many dispatches were logged.
 */
export async function seedContractsDemo(
  call: Call,
  coachIds: readonly number[],
  history?: () => Db,
  seed = 2026,
): Promise<number> {
  const random = prng(seed)
  const settings = (await call('settings.get', {})) as { effectiveTimeZone: string }
  const timeZone = settings.effectiveTimeZone
  const partners: Array<{ id: number; createdAt: string }> = []
  for (const { code: _code, requesters: _r, locations: _l, ...partner } of DEMO_PARTNERS) {
    partners.push((await call('partners.create', partner)) as { id: number; createdAt: string })
  }
  const now = partners[0]!.createdAt
  const today = localParts(now, timeZone).date
  const rows: NewDispatch[] = []
  let edContractId = 0
  for (const spec of DEMO_CONTRACTS) {
    const team = spec.team.map((i) => coachIds[i]!)
    const contract = (await call('contracts.create', {
      partnerId: partners[spec.partner]!.id,
      reference: spec.reference,
      title: spec.title,
      startDate: addDays(today, spec.start),
      endDate: addDays(today, spec.end),
      valueMinor: spec.valueMinor,
      currency: 'USD',
      billingBasis: spec.billingBasis,
      coverage: spec.coverage,
      targetMinutes: spec.targetMinutes,
      expectedPerMonth: spec.expectedPerMonth,
      renewalNoticeDays: spec.renewalNoticeDays,
      team,
    })) as { id: number }
    if (spec.reference === 'RGH-ED-2025') edContractId = contract.id
    const people = DEMO_PARTNERS[spec.partner]!
    // The jail calls at weekends, when people are released; the others any day.
    const weekendOnly = spec.reference === 'HCJ-WKND'
    for (let day = Math.max(spec.start, -730); day <= Math.min(spec.end, 0); day++) {
      const date = addDays(today, day)
      const weekday = localParts(localToInstant(date, '12:00', timeZone)!, timeZone).weekday
      let rate = spec.perDay * (weekendOnly ? (weekday >= 4 ? 1.9 : 0.2) : 1)
      while (rate > 0 && random.chance(Math.min(rate, 1))) {
        rate -= 1
        const hour = weekendOnly && weekday === 4 ? random.int(18, 23) : hourOf(random, spec.hours)
        const requestedAt = localToInstant(date, `${pad(hour)}:${pad(random.int(0, 59))}`, timeZone)!
        if (requestedAt > latestRequest(now)) continue
        const request = followThrough(random, requestedAt, random.pick(team), spec.targetMinutes, now, people, timeZone)
        rows.push({
          ...dispatchColumns(request, spec.coverage, timeZone),
          contract_id: contract.id,
          sent_off_team: 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })
      }
    }
  }
  rows.sort((a, b) => (a.requested_at < b.requested_at ? -1 : 1))
  if (history) {
    await history()
      .transaction()
      .execute((trx) => dispatchRepo.insertDispatches(trx, rows))
  } else {
    for (const row of rows) await call('dispatches.create', rowToInput(row))
  }
  // Someone is out right now: a request fifty minutes ago, accepted, the coach not yet there.
  const requestedAt = plusMinutes(now, -50)
  await call('dispatches.create', {
    contractId: edContractId,
    requestedAt,
    requester: 'Charge nurse',
    location: 'Bay 7',
    referenceCode: `MRN-${random.int(10000, 99999)}`,
    coachId: coachIds[3],
    acceptedAt: plusMinutes(requestedAt, 4),
  })
  return rows.length + 1
}

function rowToInput(row: NewDispatch) {
  return {
    contractId: row.contract_id,
    requestedAt: row.requested_at,
    requester: row.requester,
    location: row.location,
    referenceCode: row.reference_code,
    coachId: row.coach_id,
    acceptedAt: row.accepted_at,
    arrivedAt: row.arrived_at,
    completedAt: row.completed_at,
    outcome: row.outcome,
    followUpOn: row.follow_up_on,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// (2) The decade seed.

/** A coach the bulk generator may send: on the roster from `startDate` (if given) until `leftOn` (if given). */
export interface BulkCoach {
  id: number
  startDate?: string
  leftOn?: string | null
}

export interface BulkOptions {
  coaches: readonly BulkCoach[]
  /** The seed's "now" (an instant); every dispatch is before it. */
  now: string
  timeZone: string
  partners?: number
  contracts?: number
  dispatches?: number
  seed?: number
  /** Rows per transaction. */
  batch?: number
}

const PARTNER_KINDS: PartnerType[] = [
  'emergency_department',
  'hospital',
  'police',
  'fire',
  'prison_jail',
  'drug_court',
  'treatment_centre',
  'managed_care',
  'other',
]
const TOWNS = ['Riverbend', 'Harlan', 'Oakridge', 'Mill Creek', 'Fairview', 'Lakeside', 'Cedar Falls', 'Brookhaven']
const KIND_WORDS: Record<PartnerType, string> = {
  emergency_department: 'Emergency Department',
  hospital: 'General Hospital',
  police: 'Police Department',
  fire: 'Fire Station',
  prison_jail: 'County Jail',
  drug_court: 'Drug Court',
  treatment_centre: 'Treatment Centre',
  managed_care: 'Health Plan',
  other: 'Community Services',
}
const COVERAGE_PATTERNS: CoverageWindow[][] = [
  [],
  [window(4, '18:00', 0, '08:00')],
  EVERY_NIGHT,
  WEEKDAYS_NINE_TO_FIVE,
  [window(4, '17:00', 0, '09:00'), window(2, '22:00', 3, '06:00')],
]

/**
 * Writes `partners` partners, `contracts` contracts over the ten years before `now`, and `dispatches` dispatches
 * spread over them (a few contracts busy, most quiet), straight through the repositories in transactions of `batch`
 * rows: seconds, not minutes, for 200,000. The same options always write the same rows. Nothing is audited: this is
 * a generated history, not anyone's work.
 */
export async function seedContractsBulk(db: Db, options: BulkOptions) {
  const random = prng(options.seed ?? 16)
  const partnerCount = options.partners ?? 200
  const contractCount = options.contracts ?? 1000
  const dispatchCount = options.dispatches ?? 200_000
  const batch = options.batch ?? 20_000
  const { timeZone, now, coaches } = options
  const today = localParts(now, timeZone).date
  const firstDay = addDays(today, -3650)
  // Employment as [from, until] dates: a coach is sent only while on the roster, as the service itself insists.
  const employed = coaches.map((coach) => ({
    id: coach.id,
    from: coach.startDate ?? firstDay,
    until: coach.leftOn ? addDays(coach.leftOn, -1) : today,
  }))
  type Employed = (typeof employed)[number]

  const contracts: Array<{
    id: number
    start: string
    end: string
    coverage: CoverageWindow[]
    team: Employed[]
    target: number
    weight: number
  }> = []
  await db.transaction().execute(async (trx) => {
    const partnerIds: number[] = []
    for (let i = 0; i < partnerCount; i++) {
      const type = PARTNER_KINDS[i % PARTNER_KINDS.length]!
      const name = `${TOWNS[i % TOWNS.length]} ${KIND_WORDS[type]} ${Math.floor(i / TOWNS.length) + 1}`
      const id = await contractRepo.insertPartner(trx, {
        version: 1,
        name,
        sort_name: foldForSearch(name),
        type,
        address: `${random.int(1, 999)} Main Street, ${TOWNS[i % TOWNS.length]}`,
        notes: null,
        created_at: now,
        updated_at: now,
      })
      await contractRepo.replaceContacts(trx, id, [
        { name: `Contact ${i + 1}`, role: 'Liaison', phone: `555 ${String(1000 + i).slice(-4)}`, email: null },
      ])
      partnerIds.push(id)
    }
    const currencies: Currency[] = ['USD']
    for (let i = 0; i < contractCount; i++) {
      const start = addDays(firstDay, random.int(0, 3650 - 30))
      const end = addDays(start, random.int(180, 1095))
      const coverage = random.pick(COVERAGE_PATTERNS)
      // A team of coaches on the roster at some time during the contract (anyone, if no one was).
      const overlapping = employed.filter((coach) => coach.from <= end && coach.until >= start)
      const pool = overlapping.length > 0 ? overlapping : employed
      const team = [...new Set(Array.from({ length: random.int(2, 6) }, () => random.pick(pool)))]
      const target = random.pick([30, 45, 60, 90, 120])
      const id = await contractRepo.insertContract(trx, {
        version: 1,
        partner_id: partnerIds[i % partnerIds.length]!,
        reference: `C-${String(i + 1).padStart(5, '0')}`,
        title: `Peer recovery coaching ${start.slice(0, 4)}`,
        start_date: start,
        end_date: end,
        value_minor: random.int(10, 500) * 10_000,
        currency: random.pick(currencies),
        billing_basis: random.pick(['fixed', 'per_dispatch', 'per_hour'] as const),
        target_minutes: target,
        expected_per_month: random.int(2, 60),
        renewal_notice_days: random.pick([30, 60, 90]),
        terminated_on: null,
        termination_reason: null,
        created_at: now,
        updated_at: now,
      })
      await contractRepo.replaceCoverage(trx, id, coverage)
      await contractRepo.replaceTeam(
        trx,
        id,
        team.map((coach) => coach.id),
      )
      // A few busy contracts (an emergency department every day), most quiet.
      const weight = random.chance(0.05) ? 40 : random.chance(0.3) ? 6 : 1
      contracts.push({ id, start, end: end < today ? end : today, coverage, team, target, weight })
    }
  })

  // Contracts by cumulative weight, so each dispatch picks its contract by one binary search.
  const cumulative: number[] = []
  let total = 0
  for (const contract of contracts) cumulative.push((total += contract.weight))
  const pickContract = () => {
    const roll = random.next() * total
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const mid = (low + high) >> 1
      if (cumulative[mid]! > roll) high = mid
      else low = mid + 1
    }
    return contracts[low]!
  }

  const people = {
    requesters: ['Charge nurse', 'Duty officer', 'Social worker'],
    locations: ['Front desk', 'Ward 2'],
    code: 'REF',
  }
  const latest = latestRequest(now)
  const rows: NewDispatch[] = []
  let misses = 0
  while (rows.length < dispatchCount) {
    if (misses > 1_000_000) throw new Error('No coach on any contract was on the roster while it ran')
    misses++
    const contract = pickContract()
    // The coach first, then a day when both the contract and the coach's employment ran.
    const coach = random.pick(contract.team)
    const from = coach.from > contract.start ? coach.from : contract.start
    const until = coach.until < contract.end ? coach.until : contract.end
    if (until < from) continue
    const date = addDays(from, random.int(0, (Date.parse(until) - Date.parse(from)) / 86_400_000))
    const time = `${pad(hourOf(random, 'clinical'))}:${pad(random.int(0, 59))}`
    const requestedAt = localToInstant(date, time, timeZone)!
    if (requestedAt > latest) continue
    const request = followThrough(random, requestedAt, coach.id, contract.target, now, people, timeZone)
    misses = 0
    rows.push({
      ...dispatchColumns(request, contract.coverage, timeZone),
      contract_id: contract.id,
      sent_off_team: 0,
      version: 1,
      created_at: now,
      updated_at: now,
    })
  }
  // In time order, as a real log grows: each index then takes its new entries near the last ones, so the pages
  // being written stay in the cache instead of being read back at random.
  rows.sort((a, b) => (a.requested_at < b.requested_at ? -1 : a.requested_at > b.requested_at ? 1 : 0))
  let written = 0
  for (let i = 0; i < rows.length; i += batch) {
    const part = rows.slice(i, i + batch)
    await db.transaction().execute((trx) => dispatchRepo.insertDispatches(trx, part))
    written += part.length
  }
  return { partners: partnerCount, contracts: contracts.length, dispatches: written }
}

/**
 * The contracts' part of the scaled seeds (decade.ts): the decade's 200 partners, 1,000 contracts and 200,000
 * dispatches, and a smaller office in proportion to its years and coaches, sent only while each coach was on the
 * roster.
 */
export const CONTRACTS_SEED_PART: SeedPart = {
  name: 'contracts',
  async run(office) {
    const share = (office.scale.years / 10) * (office.scale.coaches / 300)
    const counts = await seedContractsBulk(office.db, {
      coaches: office.coaches.map((coach) => ({ id: coach.id, startDate: coach.startDate, leftOn: coach.leftOn })),
      now: `${office.today}T09:00:00.000Z`,
      timeZone: await officeTimeZone(office.db),
      partners: Math.max(4, Math.round(200 * share)),
      contracts: Math.max(8, Math.round(1000 * share)),
      dispatches: Math.round(200_000 * share),
      seed: office.random.int(1, 2 ** 31),
    })
    return `${counts.partners} partners, ${counts.contracts} contracts, ${counts.dispatches} dispatches`
  },
}
