import type { ParsedInput } from '@shared/api/contract'
import type {
  Coach,
  CoachFields,
  CoachListPage,
  CoachStatus,
  CoachSummary,
  RosterFilter,
  SupervisorChoices,
} from '@shared/domain/roster'
import { instant, today } from '../clock'
import type { SignedInContext } from '../context'
import type { Db } from '../db/schema'
import { foldForSearch } from '../db/open'
import { decodeCursor, pageOf } from '../db/keyset'
import { AppError, conflict, notFound } from '../errors'
import * as repo from './roster.repository'
import { coachScope, requireCoachInScope } from './roster.policy'
import type { CoachRow } from './roster.table'

const STATUSES_FOR_FILTER: Record<RosterFilter, CoachStatus[] | null> = {
  current: ['active', 'on_leave'],
  active: ['active'],
  on_leave: ['on_leave'],
  left: ['left'],
  all: null,
}

/** How far ahead a start, status or stage date may be: a plan, not a typo for 9999. */
const MAX_DAYS_AHEAD = 366

export const displayName = (legalName: string, preferredName: string | null) => preferredName ?? legalName
const sortName = (legalName: string, preferredName: string | null) =>
  displayName(legalName, preferredName).toLocaleLowerCase('en')

/** What the roster search looks in, folded once on write so a search never calls a function per row. */
const SEARCH_SEPARATOR = '\u001f'
export function searchTextOf(fields: {
  legalName: string
  preferredName: string | null
  languages: readonly string[]
  assignedSupervisor: string | null
}): string {
  return foldForSearch(
    [
      fields.legalName,
      fields.preferredName ?? '',
      fields.languages.join(SEARCH_SEPARATOR),
      fields.assignedSupervisor ?? '',
    ].join(SEARCH_SEPARATOR),
  )
}

function columnsFor(fields: CoachFields) {
  return {
    legal_name: fields.legalName,
    preferred_name: fields.preferredName,
    sort_name: sortName(fields.legalName, fields.preferredName),
    search_text: searchTextOf({ ...fields, assignedSupervisor: null }),
    pronouns: fields.pronouns,
    email: fields.email,
    phone: fields.phone,
    start_date: fields.startDate,
    employment: fields.employment,
    title: fields.title,
    supervisor_account_id: fields.supervisorAccountId,
    // Once a supervisor is chosen, the unmatched text the supervision migration left has been dealt with.
    ...(fields.supervisorAccountId !== null ? { assigned_supervisor: null } : {}),
    supervision_cadence_days: fields.supervisionCadenceDays,
    work_settings: JSON.stringify(fields.workSettings),
    languages: JSON.stringify(fields.languages),
  }
}

function toSummary(row: Awaited<ReturnType<typeof repo.listCoachPage>>[number]): CoachSummary {
  return {
    id: row.id,
    displayName: displayName(row.legal_name, row.preferred_name),
    legalName: row.legal_name,
    pronouns: row.pronouns,
    status: row.status,
    employment: row.employment,
    title: row.title,
    startDate: row.start_date,
    careerStage: row.career_stage,
    languages: JSON.parse(row.languages) as string[],
    workSettings: JSON.parse(row.work_settings) as Coach['workSettings'],
    supervisorAccountId: row.supervisor_account_id,
    supervisorName: row.supervisor_name,
  }
}

export async function loadCoach(db: Db, id: number): Promise<Coach> {
  const row = await repo.findCoach(db, id)
  if (!row) throw notFound('That coach')
  const [statuses, stages, supervisor] = await Promise.all([
    repo.listStatusChanges(db, id),
    repo.listStageChanges(db, id),
    row.supervisor_account_id !== null ? repo.findSupervisorAccount(db, row.supervisor_account_id) : undefined,
  ])
  return {
    id: row.id,
    version: row.version,
    legalName: row.legal_name,
    preferredName: row.preferred_name,
    displayName: displayName(row.legal_name, row.preferred_name),
    pronouns: row.pronouns,
    email: row.email,
    phone: row.phone,
    startDate: row.start_date,
    status: row.status,
    employment: row.employment,
    title: row.title,
    supervisorAccountId: row.supervisor_account_id,
    supervisorName: supervisor?.display_name ?? null,
    supervisorIsCurrent: supervisor !== undefined && supervisor.role === 'supervisor' && supervisor.active === 1,
    supervisorUnmatched: row.supervisor_account_id === null ? row.assigned_supervisor : null,
    supervisionCadenceDays: row.supervision_cadence_days,
    workSettings: JSON.parse(row.work_settings) as Coach['workSettings'],
    languages: JSON.parse(row.languages) as string[],
    careerStage: row.career_stage,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    statusHistory: statuses.map((s) => ({
      status: s.status,
      effectiveOn: s.effective_on,
      note: s.note,
      recordedAt: s.recorded_at,
    })),
    stageHistory: stages.map((s) => ({ stage: s.stage, changedOn: s.changed_on, recordedAt: s.recorded_at })),
  }
}

/** A date after `today` by more than a year, or before `notBefore`, is refused on its field. */
function requirePlausibleDate(
  ctx: SignedInContext,
  field: string,
  date: string,
  notBefore?: { date: string; why: string },
) {
  const limit = new Date(`${today(ctx.clock)}T00:00:00Z`)
  limit.setUTCDate(limit.getUTCDate() + MAX_DAYS_AHEAD)
  if (date > limit.toISOString().slice(0, 10)) {
    throw new AppError('invalid_input', 'That date is more than a year ahead.', {
      [field]: 'Must be no more than a year from today',
    })
  }
  if (notBefore && date < notBefore.date) {
    throw new AppError('invalid_input', `That date is before ${notBefore.why}.`, {
      [field]: `Must not be before ${notBefore.why} (${notBefore.date})`,
    })
  }
}

/**
 * A coach is assigned to an active supervisor's account. A link kept from before (the account has since become a
 * coordinator, or was deactivated) may stay as it is; it is shown as no longer current, for someone to reassign.
 */
async function requireSupervisorChoice(db: Db, field: string, chosen: number | null, current: number | null) {
  if (chosen === null || chosen === current) return
  const account = await repo.findSupervisorAccount(db, chosen)
  if (!account || account.role !== 'supervisor' || account.active !== 1) {
    throw new AppError('invalid_input', 'Choose one of the supervisors.', { [field]: 'Not an active supervisor' })
  }
}

export async function supervisorChoices(ctx: SignedInContext): Promise<SupervisorChoices> {
  const rows = await repo.listSupervisorChoices(ctx.db)
  return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name })) }
}

export async function getCoach(ctx: SignedInContext, input: ParsedInput<'coaches.get'>): Promise<Coach> {
  requireCoachInScope(ctx.session, input.id)
  return loadCoach(ctx.db, input.id)
}

export async function createCoach(ctx: SignedInContext, input: ParsedInput<'coaches.create'>): Promise<Coach> {
  const now = instant(ctx.clock)
  const { status, careerStage, ...fields } = input
  requirePlausibleDate(ctx, 'startDate', fields.startDate)
  await requireSupervisorChoice(ctx.db, 'supervisorAccountId', fields.supervisorAccountId, null)
  const id = await repo.insertCoach(ctx.db, {
    ...columnsFor(fields),
    version: 1,
    status,
    career_stage: careerStage,
    created_at: now,
    updated_at: now,
  })
  await repo.insertStatusChange(ctx.db, {
    coach_id: id,
    status,
    effective_on: fields.startDate,
    note: null,
    recorded_at: now,
  })
  await repo.insertStageChange(ctx.db, {
    coach_id: id,
    stage: careerStage,
    changed_on: fields.startDate,
    recorded_at: now,
  })
  return loadCoach(ctx.db, id)
}

/** Fails with not_found for a missing coach and conflict when someone else saved since `expectedVersion`. */
async function requireVersion(db: Db, id: number, expectedVersion: number): Promise<CoachRow> {
  const current = await repo.findCoach(db, id)
  if (!current) throw notFound('That coach')
  if (current.version !== expectedVersion) {
    throw conflict('Someone else changed this coach since you opened it. Reload to see their changes, then try again.')
  }
  return current
}

export async function updateCoach(ctx: SignedInContext, input: ParsedInput<'coaches.update'>): Promise<Coach> {
  const current = await requireVersion(ctx.db, input.id, input.expectedVersion)
  requirePlausibleDate(ctx, 'fields.startDate', input.fields.startDate)
  await requireSupervisorChoice(
    ctx.db,
    'fields.supervisorAccountId',
    input.fields.supervisorAccountId,
    current.supervisor_account_id,
  )
  const written = await repo.updateCoachIfVersion(ctx.db, input.id, input.expectedVersion, {
    ...columnsFor(input.fields),
    updated_at: instant(ctx.clock),
  })
  if (!written) throw conflict('Someone else changed this coach at the same moment. Reload and try again.')
  return loadCoach(ctx.db, input.id)
}

export async function setCoachStatus(ctx: SignedInContext, input: ParsedInput<'coaches.setStatus'>): Promise<Coach> {
  const now = instant(ctx.clock)
  const current = await requireVersion(ctx.db, input.id, input.expectedVersion)
  if (current.status === input.status) {
    throw new AppError('invalid_input', 'The coach already has that status.', { status: 'Already the current status' })
  }
  requirePlausibleDate(ctx, 'effectiveOn', input.effectiveOn, { date: current.start_date, why: 'the coach started' })
  await repo.updateCoachIfVersion(ctx.db, input.id, input.expectedVersion, { status: input.status, updated_at: now })
  await repo.insertStatusChange(ctx.db, {
    coach_id: input.id,
    status: input.status,
    effective_on: input.effectiveOn,
    note: input.note,
    recorded_at: now,
  })
  return loadCoach(ctx.db, input.id)
}

export async function setCoachStage(ctx: SignedInContext, input: ParsedInput<'coaches.setStage'>): Promise<Coach> {
  const now = instant(ctx.clock)
  const current = await requireVersion(ctx.db, input.id, input.expectedVersion)
  if (current.career_stage === input.stage) {
    throw new AppError('invalid_input', 'The coach is already at that stage.', { stage: 'Already the current stage' })
  }
  requirePlausibleDate(ctx, 'changedOn', input.changedOn, { date: current.start_date, why: 'the coach started' })
  await repo.updateCoachIfVersion(ctx.db, input.id, input.expectedVersion, {
    career_stage: input.stage,
    updated_at: now,
  })
  await repo.insertStageChange(ctx.db, {
    coach_id: input.id,
    stage: input.stage,
    changed_on: input.changedOn,
    recorded_at: now,
  })
  return loadCoach(ctx.db, input.id)
}

export async function listCoaches(ctx: SignedInContext, input: ParsedInput<'coaches.list'>): Promise<CoachListPage> {
  const search = input.search
  const filters: repo.RosterFilters = {
    statuses: STATUSES_FOR_FILTER[input.filter],
    likePattern: search ? `%${foldForSearch(search).replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
    scope: coachScope(ctx.session),
    language: input.language || null,
    workSetting: input.workSetting ?? null,
    supervisorAccountId: input.supervisorAccountId ?? null,
  }
  const sortColumn = input.sort === 'start_date' ? ('start_date' as const) : ('sort_name' as const)
  const rows = await repo.listCoachPage(ctx.db, {
    ...filters,
    sortColumn,
    after: input.after ? decodeCursor(input.after, ['string', 'number'], 'after') : null,
    limit: input.limit,
  })
  const page = pageOf(rows, input.limit, (row) => [
    sortColumn === 'start_date' ? row.start_date : row.sort_name,
    row.id,
  ])
  return {
    items: page.rows.map(toSummary),
    total: await repo.countCoaches(ctx.db, filters),
    nextCursor: page.nextCursor,
  }
}
