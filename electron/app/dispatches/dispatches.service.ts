import type { ParsedInput } from '@shared/api/contract'
import {
  addDays,
  addMonths,
  isCovered,
  localMonthRange,
  localParts,
  localWeekRange,
  mondayOf,
  startOfLocalDay,
  type CoverageWindow,
} from '@shared/domain/coverage'
import {
  DISPATCH_OUTCOMES,
  type Dashboard,
  type Dispatch,
  type DispatchFields,
  type DispatchListPage,
  type ExportFile,
  type Suggestions,
} from '@shared/domain/dispatches'
import type { SignedInContext } from '../context'
import type { Db } from '../db/schema'
import { decodeCursor, pageOf } from '../db/keyset'
import { AppError, conflict, notFound } from '../errors'
import * as contractRepo from '../contracts/contracts.repository'
import type { ContractRow } from '../contracts/contracts.table'
import { officeTime, toSummary, type OfficeTime } from '../contracts/contracts.service'
import * as repo from './dispatches.repository'
import { dispatchScope, outOfScope, requireCoachFilterInScope } from './dispatches.policy'
import type { DispatchRow, NewDispatch } from './dispatches.table'
import { toCsv } from './dispatches.csv'
import { coachWeekLoads, figuresOf, rankedByKey } from './dispatches.metrics'

/** How many contracts in force the dashboard lists at most (an office has tens; the decade seed about a hundred). */
const DASHBOARD_CONTRACTS = 500

export function toDispatch(row: repo.DispatchWithContext): Dispatch {
  return {
    id: row.id,
    version: row.version,
    contractId: row.contract_id,
    contractReference: row.contract_reference,
    partnerName: row.partner_name,
    partnerType: row.partner_type,
    requestedAt: row.requested_at,
    requester: row.requester,
    location: row.location,
    referenceCode: row.reference_code,
    coachId: row.coach_id,
    coachName: row.coach_id === null ? null : (row.coach_preferred_name ?? row.coach_legal_name),
    sentOffTeam: row.sent_off_team === 1,
    acceptedAt: row.accepted_at,
    arrivedAt: row.arrived_at,
    completedAt: row.completed_at,
    outcome: row.outcome,
    followUpOn: row.follow_up_on,
    outsideCoverage: row.outside_coverage === 1,
    minutesToArrival: row.arrival_seconds === null ? null : Math.floor(row.arrival_seconds / 60),
    targetMinutes: row.target_minutes,
    open: row.completed_at === null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

async function loadDispatch(db: Db, id: number): Promise<Dispatch> {
  const row = await repo.findDispatch(db, id)
  if (!row) throw notFound('That dispatch')
  return toDispatch(row)
}

const invalid = (message: string, fields: Record<string, string>) => new AppError('invalid_input', message, fields)

/**
 * The columns of a dispatch, from fields already checked: whether the request fell outside coverage (on the office
 * wall clock) and the seconds to arrival are kept with it. Shared with the seeds, so seeded rows follow the same rules.
 */
export function dispatchColumns(
  fields: Omit<DispatchFields, 'sendOffTeam'>,
  coverage: readonly CoverageWindow[],
  timeZone: string,
): Omit<NewDispatch, 'contract_id' | 'sent_off_team' | 'version' | 'created_at' | 'updated_at'> {
  return {
    requested_at: fields.requestedAt,
    requester: fields.requester,
    location: fields.location,
    reference_code: fields.referenceCode,
    coach_id: fields.coachId,
    accepted_at: fields.acceptedAt,
    arrived_at: fields.arrivedAt,
    completed_at: fields.completedAt,
    outcome: fields.outcome,
    follow_up_on: fields.followUpOn,
    outside_coverage: isCovered(coverage, fields.requestedAt, timeZone) ? 0 : 1,
    arrival_seconds:
      fields.arrivedAt === null
        ? null
        : Math.floor((Date.parse(fields.arrivedAt) - Date.parse(fields.requestedAt)) / 1000),
  }
}

/** The rules beyond the schema, in order: nothing in the future, a contract in force, a coach who can go. */
async function checkFields(
  ctx: SignedInContext,
  office: OfficeTime,
  contract: ContractRow,
  fields: DispatchFields,
  prefix: string,
  previous: DispatchRow | null,
): Promise<{ sentOffTeam: 0 | 1 }> {
  const future: Record<string, string> = {}
  for (const key of ['requestedAt', 'acceptedAt', 'arrivedAt', 'completedAt'] as const) {
    const value = fields[key]
    if (value !== null && value > office.now) future[`${prefix}${key}`] = 'Must not be in the future'
  }
  if (Object.keys(future).length > 0) throw invalid('A dispatch records what happened: no times in the future.', future)

  const requestDay = localParts(fields.requestedAt, office.timeZone).date
  // An old dispatch stays editable after its contract ended (closing it out); a new or moved request must fall
  // inside the contract's term.
  if (!previous || previous.requested_at !== fields.requestedAt) {
    if (contract.terminated_on !== null && requestDay >= contract.terminated_on) {
      throw invalid(`That contract was terminated on ${contract.terminated_on}; it takes no more dispatches.`, {
        [previous ? `${prefix}requestedAt` : 'contractId']: `Terminated on ${contract.terminated_on}`,
      })
    }
    if (requestDay > contract.end_date) {
      throw invalid(`That contract expired on ${contract.end_date}; it takes no more dispatches.`, {
        [previous ? `${prefix}requestedAt` : 'contractId']: `Expired on ${contract.end_date}`,
      })
    }
    if (requestDay < contract.start_date) {
      throw invalid(`That contract starts on ${contract.start_date}.`, {
        [`${prefix}requestedAt`]: `Must not be before the contract starts (${contract.start_date})`,
      })
    }
  }
  if (fields.followUpOn !== null && fields.followUpOn < requestDay) {
    throw invalid('The follow-up is due before the request.', {
      [`${prefix}followUpOn`]: `Must not be before the request (${requestDay})`,
    })
  }

  if (fields.coachId === null) return { sentOffTeam: 0 }
  if (previous && previous.coach_id === fields.coachId) return { sentOffTeam: previous.sent_off_team }
  const [coach] = await contractRepo.findCoaches(ctx.db, [fields.coachId])
  if (!coach) throw invalid('That coach was not found.', { [`${prefix}coachId`]: 'Choose a coach on the roster' })
  const name = coach.preferred_name ?? coach.legal_name
  // Sending someone needs them at work today; a dispatch already completed is a record of who went, written later.
  if (coach.status !== 'active' && fields.completedAt === null) {
    throw invalid(`${name} is not active (on leave or left), so cannot be sent now.`, {
      [`${prefix}coachId`]: `${name} is not active`,
    })
  }
  if (await contractRepo.isOnTeam(ctx.db, contract.id, fields.coachId)) return { sentOffTeam: 0 }
  if (!fields.sendOffTeam) {
    throw invalid(`${name} is not on this contract's team. Confirm "Send anyway" to send them all the same.`, {
      [`${prefix}coachId`]: `Not on this contract's team: confirm "Send anyway" to send them`,
    })
  }
  return { sentOffTeam: 1 }
}

async function coverageOf(db: Db, contractId: number) {
  return (await contractRepo.listCoverage(db, [contractId])).get(contractId) ?? []
}

export async function createDispatch(ctx: SignedInContext, input: ParsedInput<'dispatches.create'>): Promise<Dispatch> {
  const { contractId, ...fields } = input
  const contract = await contractRepo.findContractRow(ctx.db, contractId)
  if (!contract) throw invalid('That contract was not found.', { contractId: 'Choose a contract on the list' })
  const office = await officeTime(ctx)
  const { sentOffTeam } = await checkFields(ctx, office, contract, fields, '', null)
  const id = await repo.insertDispatch(ctx.db, {
    ...dispatchColumns(fields, await coverageOf(ctx.db, contractId), office.timeZone),
    contract_id: contractId,
    sent_off_team: sentOffTeam,
    version: 1,
    created_at: office.now,
    updated_at: office.now,
  })
  return loadDispatch(ctx.db, id)
}

export async function updateDispatch(ctx: SignedInContext, input: ParsedInput<'dispatches.update'>): Promise<Dispatch> {
  const current = await repo.findDispatchRow(ctx.db, input.id)
  if (!current) throw notFound('That dispatch')
  if (current.version !== input.expectedVersion) {
    throw conflict(
      'Someone else changed this dispatch since you opened it. Reload to see their changes, then try again.',
    )
  }
  const contract = (await contractRepo.findContractRow(ctx.db, current.contract_id))!
  const office = await officeTime(ctx)
  const { sentOffTeam } = await checkFields(ctx, office, contract, input.fields, 'fields.', current)
  const columns = dispatchColumns(input.fields, await coverageOf(ctx.db, contract.id), office.timeZone)
  // Coverage is decided when the request is logged, or when the contract's windows change: not on every edit.
  if (current.requested_at === input.fields.requestedAt) columns.outside_coverage = current.outside_coverage
  const written = await repo.updateDispatchIfVersion(ctx.db, input.id, input.expectedVersion, {
    ...columns,
    sent_off_team: sentOffTeam,
    updated_at: office.now,
  })
  if (!written) throw conflict('Someone else changed this dispatch at the same moment. Reload and try again.')
  return loadDispatch(ctx.db, input.id)
}

export async function getDispatch(ctx: SignedInContext, input: ParsedInput<'dispatches.get'>): Promise<Dispatch> {
  const scope = dispatchScope(ctx.session)
  const row = await repo.findDispatch(ctx.db, input.id, scope)
  if (!row) throw outOfScope(scope)
  return toDispatch(row)
}

export async function listDispatches(
  ctx: SignedInContext,
  input: ParsedInput<'dispatches.list'>,
): Promise<DispatchListPage> {
  const scope = dispatchScope(ctx.session)
  requireCoachFilterInScope(scope, input.coachId)
  const tz = input.from || input.to ? (await officeTime(ctx)).timeZone : null
  const rows = await repo.listDispatchPage(ctx.db, {
    scope,
    contractId: input.contractId ?? null,
    coachId: input.coachId ?? null,
    fromInstant: input.from ? startOfLocalDay(input.from, tz!) : null,
    beforeInstant: input.to ? startOfLocalDay(addDays(input.to, 1), tz!) : null,
    state: input.state,
    after: input.after ? decodeCursor(input.after, ['string', 'number'], 'after') : null,
    limit: input.limit,
  })
  const page = pageOf(rows, input.limit, (row) => [row.requested_at, row.id])
  return { items: page.rows.map(toDispatch), nextCursor: page.nextCursor }
}

export async function suggestCoaches(
  ctx: SignedInContext,
  input: ParsedInput<'dispatches.suggestCoaches'>,
): Promise<Suggestions> {
  if (!(await contractRepo.findContractRow(ctx.db, input.contractId))) throw notFound('That contract')
  const office = await officeTime(ctx)
  const team = await contractRepo.listTeam(ctx.db, input.contractId)
  const name = (coach: (typeof team)[number]) => coach.preferred_name ?? coach.legal_name
  const active = team.filter((coach) => coach.status === 'active')
  const busy = await repo.coachesOnOpenDispatch(
    ctx.db,
    active.map((coach) => coach.id),
  )
  const week = localWeekRange(mondayOf(localParts(input.at ?? office.now, office.timeZone).date), office.timeZone)
  const free = active.filter((coach) => !busy.has(coach.id))
  const load = await repo.countsPerCoach(
    ctx.db,
    free.map((coach) => coach.id),
    week.start,
    week.end,
  )
  return {
    items: free
      .map((coach) => ({ coachId: coach.id, displayName: name(coach), dispatchesThisWeek: load.get(coach.id) ?? 0 }))
      .sort((a, b) => a.dispatchesThisWeek - b.dispatchesThisWeek || a.displayName.localeCompare(b.displayName, 'en')),
    unavailable: team
      .filter((coach) => coach.status !== 'active' || busy.has(coach.id))
      .map((coach) => ({
        coachId: coach.id,
        displayName: name(coach),
        reason: coach.status !== 'active' ? ('not_active' as const) : ('on_dispatch' as const),
      })),
  }
}

export interface Range {
  start: string
  end: string
}

/** The last `count` office months, oldest first, ending with the month of `today`. */
export function monthsEnding(today: string, count: number, timeZone: string): Array<Range & { month: string }> {
  const current = today.slice(0, 7)
  return Array.from({ length: count }, (_, i) => {
    const month = addMonths(current, i - count + 1)
    return { month, ...localMonthRange(month, timeZone) }
  })
}

/** The last `count` office weeks (Monday to Sunday), oldest first, ending with the week of `today`. */
export function weeksEnding(today: string, count: number, timeZone: string): Array<Range & { monday: string }> {
  const monday = mondayOf(today)
  return Array.from({ length: count }, (_, i) => {
    const start = addDays(monday, (i - count + 1) * 7)
    return { monday: start, ...localWeekRange(start, timeZone) }
  })
}

export async function dashboard(ctx: SignedInContext, input: ParsedInput<'contracts.dashboard'>): Promise<Dashboard> {
  const office = await officeTime(ctx)
  const contractId = input.contractId ?? null
  const chosen = contractId === null ? null : await contractRepo.findContractRow(ctx.db, contractId)
  if (contractId !== null && !chosen) throw notFound('That contract')

  const months = monthsEnding(office.today, input.months, office.timeZone)
  const span = { contractId, ranges: months }
  // Percentiles and the target are per contract: each has its own, and a median across contracts measures nothing
  // (it would also mean sorting every arrival of the year on each call).
  const [counts, ranks] = await Promise.all([
    repo.countByRange(ctx.db, { ...span, targetMinutes: chosen?.target_minutes ?? null }),
    contractId === null ? [] : repo.quantileRanks(ctx.db, span, 'range'),
  ])
  const countsByMonth = new Map(counts.map((row) => [row.k, row]))
  const ranked = rankedByKey(ranks)

  // This month of every contract in force, grouped by contract.
  const thisMonth = months[months.length - 1]!
  const [monthCounts, monthRanks] = await Promise.all([
    repo.countByContract(ctx.db, thisMonth),
    repo.quantileRanks(ctx.db, { contractId: null, ranges: [thisMonth] }, 'contract'),
  ])
  const countsByContract = new Map(monthCounts.map((row) => [row.k, row]))
  const rankedByContract = rankedByKey(monthRanks)
  const currentMonth = months[months.length - 1]!.month
  const inForce = (await contractRepo.contractsInForce(ctx.db, office.today, DASHBOARD_CONTRACTS)).map((row) =>
    toSummary(row, office.today),
  )

  const weeks = weeksEnding(office.today, input.weeks, office.timeZone)
  const loads = await repo.coachRangeCounts(ctx.db, { contractId, ranges: weeks })
  const names = await repo.coachDisplayNames(ctx.db, [...new Set(loads.map((row) => row.coach_id))])
  return {
    today: office.today,
    timeZone: office.timeZone,
    activeContracts: inForce.map((contract) => ({
      ...contract,
      thisMonth: figuresOf(currentMonth, countsByContract.get(contract.id), rankedByContract.get(contract.id)),
    })),
    renewalsDue: inForce.filter((contract) => contract.renewalDue),
    contractId,
    targetMinutes: chosen?.target_minutes ?? null,
    months: months.map(({ month }, i) => figuresOf(month, countsByMonth.get(i), ranked.get(i))),
    weeks: weeks.map((week) => week.monday),
    coachWeeks: coachWeekLoads(loads, weeks.length, names),
  }
}

const CSV_HEADER = (tz: string) => [
  'Dispatch',
  'Contract',
  `Requested date (${tz})`,
  `Requested time (${tz})`,
  'Requested at (UTC)',
  'Who asked',
  'Location or unit',
  'Reference code',
  'Coach',
  'Sent off team',
  `Accepted (${tz})`,
  `Arrived (${tz})`,
  `Completed (${tz})`,
  'Minutes to arrival',
  'Target minutes',
  'Within target',
  'Outside coverage',
  'Outcome',
  'Follow-up due',
]

export async function exportDispatches(
  ctx: SignedInContext,
  input: ParsedInput<'dispatches.export'>,
): Promise<ExportFile> {
  const contract = await contractRepo.findContractRow(ctx.db, input.contractId)
  if (!contract) throw notFound('That contract')
  const { timeZone: tz } = await officeTime(ctx)
  const rows = await repo.exportRows(
    ctx.db,
    input.contractId,
    startOfLocalDay(input.from, tz),
    startOfLocalDay(addDays(input.to, 1), tz),
  )
  const local = (at: string | null) => {
    if (at === null) return null
    const parts = localParts(at, tz)
    return `${parts.date} ${parts.time}`
  }
  const yesNo = (value: boolean) => (value ? 'yes' : 'no')
  const body = rows.map((row) => {
    const d = toDispatch(row)
    const requested = localParts(d.requestedAt, tz)
    return [
      d.id,
      d.contractReference,
      requested.date,
      requested.time,
      d.requestedAt,
      d.requester,
      d.location,
      d.referenceCode,
      d.coachName,
      yesNo(d.sentOffTeam),
      local(d.acceptedAt),
      local(d.arrivedAt),
      local(d.completedAt),
      d.minutesToArrival,
      d.targetMinutes,
      row.arrival_seconds === null ? null : yesNo(row.arrival_seconds <= row.target_minutes * 60),
      yesNo(d.outsideCoverage),
      d.outcome === null ? null : DISPATCH_OUTCOMES[d.outcome],
      d.followUpOn,
    ]
  })
  const safeReference = contract.reference.replace(/[^A-Za-z0-9._-]+/g, '-')
  return {
    fileName: `dispatches-${safeReference}-${input.from}-to-${input.to}.csv`,
    mimeType: 'text/csv',
    content: toCsv(CSV_HEADER(tz), body),
    rows: rows.length,
  }
}
