import type { ParsedInput } from '@shared/api/contract'
import {
  contractStatus,
  isRenewalDue,
  lastDayInForce,
  noticeFrom,
  type Contract,
  type ContractFields,
  type ContractListPage,
  type ContractSummary,
  type Partner,
  type PartnerListPage,
} from '@shared/domain/contracts'
import { addDays, isCovered, localParts, startOfLocalDay, type CoverageWindow } from '@shared/domain/coverage'
import { instant } from '../clock'
import type { SignedInContext } from '../context'
import type { Db } from '../db/schema'
import { foldForSearch } from '../db/open'
import { decodeCursor, pageOf } from '../db/keyset'
import { AppError, conflict, notFound } from '../errors'
import { officeTimeZone } from '../settings/settings.service'
import * as dispatchRepo from '../dispatches/dispatches.repository'
import * as repo from './contracts.repository'
import { contractScope, contractView, outOfScope, type ContractView } from './contracts.policy'
import type { ContractRow } from './contracts.table'

/** The office's time zone and its local date now: contract dates and coverage are in office time. */
export interface OfficeTime {
  timeZone: string
  today: string
  now: string
}

export async function officeTime(ctx: Pick<SignedInContext, 'db' | 'clock'>): Promise<OfficeTime> {
  const timeZone = await officeTimeZone(ctx.db)
  const now = instant(ctx.clock)
  return { timeZone, today: localParts(now, timeZone).date, now }
}

const likeOf = (search: string) => (search ? `%${foldForSearch(search).replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null)

const displayName = (row: { legal_name: string; preferred_name: string | null }) => row.preferred_name ?? row.legal_name

// ---------------------------------------------------------------------------------------------------------------
// Partners.

export async function loadPartner(db: Db, id: number, today: string): Promise<Partner> {
  const row = await repo.findPartner(db, id)
  if (!row) throw notFound('That partner')
  const [contacts, contracts] = await Promise.all([repo.listContacts(db, id), repo.contractsOfPartner(db, id)])
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    type: row.type,
    address: row.address,
    notes: row.notes,
    contacts,
    contracts: contracts.map((c) => toSummary(c, today)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function partnerColumns(fields: ParsedInput<'partners.create'>) {
  return {
    name: fields.name,
    sort_name: foldForSearch(fields.name),
    type: fields.type,
    address: fields.address,
    notes: fields.notes,
  }
}

export async function getPartner(ctx: SignedInContext, input: ParsedInput<'partners.get'>): Promise<Partner> {
  return loadPartner(ctx.db, input.id, (await officeTime(ctx)).today)
}

export async function createPartner(ctx: SignedInContext, input: ParsedInput<'partners.create'>): Promise<Partner> {
  const now = instant(ctx.clock)
  const id = await repo.insertPartner(ctx.db, {
    ...partnerColumns(input),
    version: 1,
    created_at: now,
    updated_at: now,
  })
  await repo.replaceContacts(ctx.db, id, input.contacts)
  return loadPartner(ctx.db, id, (await officeTime(ctx)).today)
}

export async function updatePartner(ctx: SignedInContext, input: ParsedInput<'partners.update'>): Promise<Partner> {
  const current = await repo.findPartner(ctx.db, input.id)
  if (!current) throw notFound('That partner')
  if (current.version !== input.expectedVersion) {
    throw conflict(
      'Someone else changed this partner since you opened it. Reload to see their changes, then try again.',
    )
  }
  const written = await repo.updatePartnerIfVersion(ctx.db, input.id, input.expectedVersion, {
    ...partnerColumns(input.fields),
    updated_at: instant(ctx.clock),
  })
  if (!written) throw conflict('Someone else changed this partner at the same moment. Reload and try again.')
  await repo.replaceContacts(ctx.db, input.id, input.fields.contacts)
  return loadPartner(ctx.db, input.id, (await officeTime(ctx)).today)
}

export async function listPartners(
  ctx: SignedInContext,
  input: ParsedInput<'partners.list'>,
): Promise<PartnerListPage> {
  const filters = { likePattern: likeOf(input.search), type: input.type ?? null }
  const rows = await repo.listPartnerPage(ctx.db, {
    ...filters,
    today: (await officeTime(ctx)).today,
    after: input.after ? decodeCursor(input.after, ['string', 'number'], 'after') : null,
    limit: input.limit,
  })
  const page = pageOf(rows, input.limit, (row) => [row.sort_name, row.id])
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      name: row.name,
      type: row.type,
      activeContracts: Number(row.active_contracts ?? 0),
    })),
    total: await repo.countPartners(ctx.db, filters),
    nextCursor: page.nextCursor,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Contracts.

type SummaryRow = Awaited<ReturnType<typeof repo.listContractPage>>[number]

export function toSummary(row: SummaryRow, today: string): ContractSummary {
  const dates = { startDate: row.start_date, endDate: row.end_date, terminatedOn: row.terminated_on }
  return {
    id: row.id,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    reference: row.reference,
    title: row.title,
    startDate: row.start_date,
    endDate: row.end_date,
    status: contractStatus(dates, today),
    renewalDue: isRenewalDue({ ...dates, renewalNoticeDays: row.renewal_notice_days }, today),
    targetMinutes: row.target_minutes,
  }
}

/** The contract as `view` may see it; a coach's view has no money and no teammates. */
export async function loadContract(db: Db, id: number, view: ContractView, today: string): Promise<Contract> {
  const row = await repo.findContract(db, id)
  if (!row) throw notFound('That contract')
  const onlyCoach = view.kind === 'coach' ? (view.coachId ?? -1) : null
  const [coverage, team] = await Promise.all([repo.listCoverage(db, [id]), repo.listTeam(db, id, onlyCoach)])
  const dates = { startDate: row.start_date, endDate: row.end_date, terminatedOn: row.terminated_on }
  const staff = view.kind === 'staff'
  return {
    id: row.id,
    version: row.version,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    partnerType: row.partner_type,
    reference: row.reference,
    title: row.title,
    startDate: row.start_date,
    endDate: row.end_date,
    status: contractStatus(dates, today),
    terminatedOn: row.terminated_on,
    terminationReason: staff ? row.termination_reason : null,
    valueMinor: staff ? row.value_minor : null,
    currency: row.currency,
    billingBasis: staff ? row.billing_basis : null,
    coverage: coverage.get(id) ?? [],
    targetMinutes: row.target_minutes,
    expectedPerMonth: row.expected_per_month,
    team: team.map((coach) => ({ coachId: coach.id, displayName: displayName(coach), status: coach.status })),
    renewalNoticeDays: row.renewal_notice_days,
    renewalDue: isRenewalDue({ ...dates, renewalNoticeDays: row.renewal_notice_days }, today),
    noticeFrom: noticeFrom(row.end_date, row.renewal_notice_days),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function contractColumns(fields: ContractFields) {
  return {
    reference: fields.reference,
    title: fields.title,
    start_date: fields.startDate,
    end_date: fields.endDate,
    value_minor: fields.valueMinor,
    currency: fields.currency,
    billing_basis: fields.billingBasis,
    target_minutes: fields.targetMinutes,
    expected_per_month: fields.expectedPerMonth,
    renewal_notice_days: fields.renewalNoticeDays,
  }
}

/** Every team member must exist and not have left the office; `prefix` is the field path of the team list. */
async function requireTeam(db: Db, team: readonly number[], prefix: string) {
  const found = new Map((await repo.findCoaches(db, team)).map((coach) => [coach.id, coach]))
  const problems: Record<string, string> = {}
  team.forEach((id, index) => {
    const coach = found.get(id)
    if (!coach) problems[`${prefix}.${index}`] = 'That coach was not found'
    else if (coach.status === 'left') problems[`${prefix}.${index}`] = `${displayName(coach)} has left the office`
  })
  if (Object.keys(problems).length > 0) {
    throw new AppError(
      'invalid_input',
      'Check the team: every coach must be on the roster and not have left.',
      problems,
    )
  }
}

async function requireFreeReference(db: Db, reference: string, exceptId: number | null, field: string) {
  if (await repo.referenceTaken(db, reference, exceptId)) {
    throw new AppError('invalid_input', 'Another contract already has that reference.', {
      [field]: 'Another contract already has this reference',
    })
  }
}

/** [start, end) in UTC of the days a contract is in force, read on the office's calendar. */
export function termInstants(dates: { startDate: string; endDate: string; terminatedOn: string | null }, tz: string) {
  return {
    start: startOfLocalDay(dates.startDate, tz),
    end: startOfLocalDay(addDays(lastDayInForce(dates), 1), tz),
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** New dates must still hold every dispatch already logged under the contract. */
async function requireDispatchesInside(
  db: Db,
  contractId: number,
  dates: { startDate: string; endDate: string },
  tz: string,
  prefix: string,
) {
  const term = termInstants({ ...dates, terminatedOn: null }, tz)
  const outside = await dispatchRepo.countOutsideTerm(db, contractId, term.start, term.end)
  const problems: Record<string, string> = {}
  if (outside.before > 0) {
    problems[`${prefix}startDate`] =
      `${plural(outside.before, 'dispatch was', 'dispatches were')} requested before this date`
  }
  if (outside.after > 0) {
    problems[`${prefix}endDate`] =
      `${plural(outside.after, 'dispatch was', 'dispatches were')} requested after this date`
  }
  if (Object.keys(problems).length > 0) {
    throw new AppError('invalid_input', 'The new dates would leave logged dispatches outside the contract.', problems)
  }
}

/** Marks each of the contract's dispatches inside or outside its (new) windows, on the office wall clock. */
async function remarkCoverage(db: Db, contractId: number, windows: readonly CoverageWindow[], tz: string) {
  const requests = await dispatchRepo.requestTimes(db, contractId)
  const outside: number[] = []
  const inside: number[] = []
  for (const request of requests) {
    const isOutside = !isCovered(windows, request.requested_at, tz)
    if (isOutside !== (request.outside_coverage === 1)) (isOutside ? outside : inside).push(request.id)
  }
  await dispatchRepo.setOutsideCoverage(db, outside, 1)
  await dispatchRepo.setOutsideCoverage(db, inside, 0)
}

const sameWindows = (a: readonly CoverageWindow[], b: readonly CoverageWindow[]) =>
  JSON.stringify(a) === JSON.stringify(b)

export async function getContract(ctx: SignedInContext, input: ParsedInput<'contracts.get'>): Promise<Contract> {
  const scope = contractScope(ctx.session)
  if (!(await repo.findContract(ctx.db, input.id, scope))) throw outOfScope(scope, 'That contract')
  return loadContract(ctx.db, input.id, contractView(ctx.session), (await officeTime(ctx)).today)
}

export async function createContract(ctx: SignedInContext, input: ParsedInput<'contracts.create'>): Promise<Contract> {
  const { partnerId, ...fields } = input
  if (!(await repo.findPartner(ctx.db, partnerId))) {
    throw new AppError('invalid_input', 'That partner was not found.', { partnerId: 'Choose a partner on the list' })
  }
  await requireFreeReference(ctx.db, fields.reference, null, 'reference')
  await requireTeam(ctx.db, fields.team, 'team')
  const now = instant(ctx.clock)
  const id = await repo.insertContract(ctx.db, {
    ...contractColumns(fields),
    partner_id: partnerId,
    version: 1,
    terminated_on: null,
    termination_reason: null,
    created_at: now,
    updated_at: now,
  })
  await repo.replaceCoverage(ctx.db, id, fields.coverage)
  await repo.replaceTeam(ctx.db, id, fields.team)
  return loadContract(ctx.db, id, { kind: 'staff' }, (await officeTime(ctx)).today)
}

/** Fails with not_found for a missing contract, conflict when someone saved since, invalid when it is closed. */
async function requireEditable(db: Db, id: number, expectedVersion: number): Promise<ContractRow> {
  const current = await repo.findContractRow(db, id)
  if (!current) throw notFound('That contract')
  if (current.version !== expectedVersion) {
    throw conflict(
      'Someone else changed this contract since you opened it. Reload to see their changes, then try again.',
    )
  }
  if (current.terminated_on !== null) {
    throw new AppError(
      'invalid_input',
      `This contract was terminated on ${current.terminated_on}; a terminated contract is closed and cannot be changed.`,
    )
  }
  return current
}

export async function updateContract(ctx: SignedInContext, input: ParsedInput<'contracts.update'>): Promise<Contract> {
  const { fields } = input
  await requireEditable(ctx.db, input.id, input.expectedVersion)
  await requireFreeReference(ctx.db, fields.reference, input.id, 'fields.reference')
  await requireTeam(ctx.db, fields.team, 'fields.team')
  const office = await officeTime(ctx)
  await requireDispatchesInside(ctx.db, input.id, fields, office.timeZone, 'fields.')
  const before = (await repo.listCoverage(ctx.db, [input.id])).get(input.id) ?? []
  const written = await repo.updateContractIfVersion(ctx.db, input.id, input.expectedVersion, {
    ...contractColumns(fields),
    updated_at: instant(ctx.clock),
  })
  if (!written) throw conflict('Someone else changed this contract at the same moment. Reload and try again.')
  await repo.replaceCoverage(ctx.db, input.id, fields.coverage)
  await repo.replaceTeam(ctx.db, input.id, fields.team)
  if (!sameWindows(before, fields.coverage)) await remarkCoverage(ctx.db, input.id, fields.coverage, office.timeZone)
  return loadContract(ctx.db, input.id, { kind: 'staff' }, office.today)
}

export async function terminateContract(
  ctx: SignedInContext,
  input: ParsedInput<'contracts.terminate'>,
): Promise<Contract> {
  const current = await requireEditable(ctx.db, input.id, input.expectedVersion)
  const office = await officeTime(ctx)
  const field = (message: string) =>
    new AppError('invalid_input', `Please check the termination date: ${message.toLowerCase()}.`, {
      terminatedOn: message,
    })
  if (input.terminatedOn > office.today) throw field('Must not be after today: record a termination once it happens')
  if (input.terminatedOn > current.end_date) {
    throw field(`Must not be after the end date (${current.end_date}): the contract ends then anyway`)
  }
  const from = startOfLocalDay(input.terminatedOn, office.timeZone)
  const later = await dispatchRepo.countOutsideTerm(ctx.db, input.id, '', from)
  if (later.after > 0) {
    throw field(`${plural(later.after, 'dispatch was', 'dispatches were')} requested on or after this date`)
  }
  const written = await repo.updateContractIfVersion(ctx.db, input.id, input.expectedVersion, {
    terminated_on: input.terminatedOn,
    termination_reason: input.reason,
    updated_at: instant(ctx.clock),
  })
  if (!written) throw conflict('Someone else changed this contract at the same moment. Reload and try again.')
  return loadContract(ctx.db, input.id, { kind: 'staff' }, office.today)
}

export async function listContracts(
  ctx: SignedInContext,
  input: ParsedInput<'contracts.list'>,
): Promise<ContractListPage> {
  const scope = contractScope(ctx.session)
  // Which of their contracts a teammate is on is the teammate's business.
  if (scope.kind === 'team' && input.coachId !== undefined && input.coachId !== scope.coachId) {
    throw outOfScope(scope, 'That coach')
  }
  const today = (await officeTime(ctx)).today
  const rows = await repo.listContractPage(ctx.db, {
    filter: input.filter,
    today,
    scope,
    partnerId: input.partnerId ?? null,
    coachId: input.coachId ?? null,
    likePattern: likeOf(input.search),
    after: input.after ? decodeCursor(input.after, ['string', 'number'], 'after') : null,
    limit: input.limit,
  })
  const page = pageOf(rows, input.limit, (row) => [row.reference, row.id])
  return { items: page.rows.map((row) => toSummary(row, today)), nextCursor: page.nextCursor }
}
