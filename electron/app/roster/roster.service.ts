import type { ParsedInput } from '@shared/api/contract'
import type { Coach, CoachFields, CoachListPage, CoachSummary, RosterFilter } from '@shared/domain/roster'
import type { Kysely } from 'kysely'
import { instant } from '../clock'
import type { Context } from '../context'
import type { Database } from '../db/schema'
import { AppError, conflict, notFound } from '../errors'
import * as repo from './roster.repository'
import { recordAudit } from '../audit/audit'
import { foldForSearch } from '../db/open'

const STATUSES_FOR_FILTER: Record<RosterFilter, string[] | null> = {
  current: ['active', 'on_leave'],
  active: ['active'],
  on_leave: ['on_leave'],
  left: ['left'],
  all: null,
}

export const displayName = (legalName: string, preferredName: string | null) => preferredName ?? legalName
const sortName = (legalName: string, preferredName: string | null) =>
  displayName(legalName, preferredName).toLocaleLowerCase('en')

function columnsFor(fields: CoachFields) {
  return {
    legal_name: fields.legalName,
    preferred_name: fields.preferredName,
    sort_name: sortName(fields.legalName, fields.preferredName),
    pronouns: fields.pronouns,
    email: fields.email,
    phone: fields.phone,
    start_date: fields.startDate,
    employment: fields.employment,
    title: fields.title,
    assigned_supervisor: fields.assignedSupervisor,
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
    status: row.status as Coach['status'],
    employment: row.employment as Coach['employment'],
    title: row.title as Coach['title'],
    startDate: row.start_date,
    careerStage: row.career_stage as Coach['careerStage'],
    languages: JSON.parse(row.languages) as string[],
    workSettings: JSON.parse(row.work_settings) as Coach['workSettings'],
    assignedSupervisor: row.assigned_supervisor,
  }
}

async function loadCoach(db: Kysely<Database>, id: number): Promise<Coach> {
  const row = await repo.findCoach(db, id)
  if (!row) throw notFound('That coach')
  const [statuses, stages] = await Promise.all([repo.listStatusChanges(db, id), repo.listStageChanges(db, id)])
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
    status: row.status as Coach['status'],
    employment: row.employment as Coach['employment'],
    title: row.title as Coach['title'],
    assignedSupervisor: row.assigned_supervisor,
    supervisionCadenceDays: row.supervision_cadence_days,
    workSettings: JSON.parse(row.work_settings),
    languages: JSON.parse(row.languages),
    careerStage: row.career_stage as Coach['careerStage'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    statusHistory: statuses.map((s) => ({
      status: s.status as Coach['status'],
      effectiveOn: s.effective_on,
      note: s.note,
      recordedAt: s.recorded_at,
    })),
    stageHistory: stages.map((s) => ({
      stage: s.stage as Coach['careerStage'],
      changedOn: s.changed_on,
      recordedAt: s.recorded_at,
    })),
  }
}

/** A coach reaches only their own record: the router checks the id, and the query is scoped the same way. */
function ownCoachScope(ctx: Context): number | null {
  return ctx.session?.role === 'coach' ? (ctx.session.coachId ?? -1) : null
}

export function getCoach(ctx: Context, input: ParsedInput<'coaches.get'>): Promise<Coach> {
  const own = ownCoachScope(ctx)
  if (own !== null && own !== input.id) throw notFound('That coach')
  return loadCoach(ctx.db, input.id)
}

export async function createCoach(ctx: Context, input: ParsedInput<'coaches.create'>): Promise<Coach> {
  const now = instant(ctx.clock)
  const { status, careerStage, ...fields } = input
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertCoach(trx, {
      ...columnsFor(fields),
      version: 1,
      status,
      career_stage: careerStage,
      created_at: now,
      updated_at: now,
    })
    await repo.insertStatusChange(trx, {
      coach_id: id,
      status,
      effective_on: fields.startDate,
      note: null,
      recorded_at: now,
    })
    await repo.insertStageChange(trx, {
      coach_id: id,
      stage: careerStage,
      changed_on: fields.startDate,
      recorded_at: now,
    })
    await recordAudit(trx, ctx, 'create', 'coach', id)
    return id
  })
  return loadCoach(ctx.db, id)
}

/** Fails with not_found for a missing coach and conflict when someone else saved since `expectedVersion`. */
async function requireVersion(db: Kysely<Database>, id: number, expectedVersion: number) {
  const current = await repo.findCoach(db, id)
  if (!current) throw notFound('That coach')
  if (current.version !== expectedVersion) {
    throw conflict('Someone else changed this coach since you opened it. Reload to see their changes, then try again.')
  }
  return current
}

export async function updateCoach(ctx: Context, input: ParsedInput<'coaches.update'>): Promise<Coach> {
  await ctx.db.transaction().execute(async (trx) => {
    await requireVersion(trx, input.id, input.expectedVersion)
    const written = await repo.updateCoachIfVersion(trx, input.id, input.expectedVersion, {
      ...columnsFor(input.fields),
      updated_at: instant(ctx.clock),
    })
    if (!written) throw conflict('Someone else changed this coach at the same moment. Reload and try again.')
    await recordAudit(trx, ctx, 'update', 'coach', input.id)
  })
  return loadCoach(ctx.db, input.id)
}

export async function setCoachStatus(ctx: Context, input: ParsedInput<'coaches.setStatus'>): Promise<Coach> {
  const now = instant(ctx.clock)
  await ctx.db.transaction().execute(async (trx) => {
    const current = await requireVersion(trx, input.id, input.expectedVersion)
    if (current.status === input.status) {
      throw new AppError('invalid_input', 'The coach already has that status.', {
        status: 'Already the current status',
      })
    }
    await repo.updateCoachIfVersion(trx, input.id, input.expectedVersion, { status: input.status, updated_at: now })
    await repo.insertStatusChange(trx, {
      coach_id: input.id,
      status: input.status,
      effective_on: input.effectiveOn,
      note: input.note,
      recorded_at: now,
    })
    await recordAudit(trx, ctx, 'set_status', 'coach', input.id)
  })
  return loadCoach(ctx.db, input.id)
}

export async function setCoachStage(ctx: Context, input: ParsedInput<'coaches.setStage'>): Promise<Coach> {
  const now = instant(ctx.clock)
  await ctx.db.transaction().execute(async (trx) => {
    const current = await requireVersion(trx, input.id, input.expectedVersion)
    if (current.career_stage === input.stage) {
      throw new AppError('invalid_input', 'The coach is already at that stage.', { stage: 'Already the current stage' })
    }
    await repo.updateCoachIfVersion(trx, input.id, input.expectedVersion, {
      career_stage: input.stage,
      updated_at: now,
    })
    await repo.insertStageChange(trx, {
      coach_id: input.id,
      stage: input.stage,
      changed_on: input.changedOn,
      recorded_at: now,
    })
    await recordAudit(trx, ctx, 'set_stage', 'coach', input.id)
  })
  return loadCoach(ctx.db, input.id)
}

// Cursors are opaque to the client: base64url of [sort key, id] of the last row shown.
function encodeCursor(key: string, id: number): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url')
}

function decodeCursor(cursor: string): { key: string; id: number } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && Number.isSafeInteger(value[1])) {
      return { key: value[0], id: value[1] as number }
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid_input', 'The page marker is not valid; start the list again.', {
    after: 'Not a valid page marker',
  })
}

export async function listCoaches(ctx: Context, input: ParsedInput<'coaches.list'>): Promise<CoachListPage> {
  const search = input.search
  const query = {
    statuses: STATUSES_FOR_FILTER[input.filter],
    likePattern: search ? `%${foldForSearch(search).replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
    sortColumn: input.sort === 'start_date' ? ('start_date' as const) : ('sort_name' as const),
    onlyId: ownCoachScope(ctx),
    language: input.language || null,
    workSetting: input.workSetting ?? null,
    supervisor: input.supervisor || null,
  }
  const rows = await repo.listCoachPage(ctx.db, {
    ...query,
    after: input.after ? decodeCursor(input.after) : null,
    limit: input.limit,
  })
  const page = rows.slice(0, input.limit)
  const last = page[page.length - 1]
  const nextCursor =
    rows.length > input.limit && last
      ? encodeCursor(query.sortColumn === 'start_date' ? last.start_date : last.sort_name, last.id)
      : null
  return { items: page.map(toSummary), total: await repo.countCoaches(ctx.db, query), nextCursor }
}
