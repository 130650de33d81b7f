/**
 * A valid example input for every channel of the contract, for every role that may call it: the permission matrix
 * demands `ok: true` with it where the role is allowed and `forbidden` where it is not, and the audit contract test
 * checks what each successful call records. The type makes a channel without an example a compile error.
 *
 * Each example builds what it needs first (through the supervisor) and reads current versions, so examples can run
 * one after another in the same office. Channels that change who is signed in (sign-in, sign-out, passwords, the
 * recovery key, restore) run in an office of their own, so the rest of the walk is not signed out from under it.
 */
import { join } from 'node:path'
import type { Channel } from '@shared/api/contract'
import type { Role } from '@shared/domain/auth'
import {
  assessmentInput,
  coachInput,
  startTestApp,
  SUPERVISOR,
  tempDir,
  type TestApp,
  type TestClient,
} from './helpers'
import { resourceInput } from './directory/inputs'
import { contractFieldsOf, contractInput, dispatchFieldsOf, dispatchInput, partnerInput } from './contracts/support'
import { keep, saveSet, trainingInput } from './ladder/inputs'
import { sessionInput, signedOffSession } from './supervision/inputs'

export interface Office {
  app: TestApp
  /** The supervisor who set the office up (the app's own default client). */
  supervisor: TestClient
  clients: Record<Role, TestClient & { accountId: number; password: string }>
  /** The coach account's own roster entry, and another coach's. */
  ownCoachId: number
  otherCoachId: number
  dir: string
  /** A partner; a contract with both coaches on its team and one dispatch each; a contract of the other coach's. */
  contracts: ContractsOffice
}

export interface ContractsOffice {
  partnerId: number
  sharedContractId: number
  otherContractId: number
  ownDispatchId: number
  otherDispatchId: number
}

async function contractsOffice(app: TestApp, ownCoachId: number, otherCoachId: number): Promise<ContractsOffice> {
  const partner = await app.call('partners.create', partnerInput())
  const shared = await app.call('contracts.create', contractInput(partner.id, { team: [ownCoachId, otherCoachId] }))
  const other = await app.call('contracts.create', contractInput(partner.id, { team: [otherCoachId] }))
  const own = await app.call('dispatches.create', dispatchInput(shared.id, ownCoachId))
  const others = await app.call('dispatches.create', dispatchInput(shared.id, otherCoachId))
  return {
    partnerId: partner.id,
    sharedContractId: shared.id,
    otherContractId: other.id,
    ownDispatchId: own.id,
    otherDispatchId: others.id,
  }
}

/** An office with a coordinator, a coach with their roster entry, and another coach. */
export async function office(): Promise<Office> {
  const app = await startTestApp()
  const own = await app.call('coaches.create', coachInput({ legalName: 'Own Coach' }))
  const other = await app.call('coaches.create', coachInput({ legalName: 'Other Coach Secretname' }))
  const coordinator = await app.signInAs('coordinator')
  const coach = await app.signInAs('coach', { coachId: own.id })
  const supervisor = Object.assign(app, { accountId: 1, password: SUPERVISOR.password })
  return {
    app,
    supervisor: app,
    clients: { supervisor, coordinator, coach },
    ownCoachId: own.id,
    otherCoachId: other.id,
    dir: tempDir(),
    contracts: await contractsOffice(app, own.id, other.id),
  }
}

/** Where an example's call is made: by default the role's client in the shared office. */
export interface Prepared {
  input: unknown
  /** An office of the example's own, and the client to call it with (for calls that sign people in or out). */
  app?: TestApp
  client?: TestClient
}

type Example = (office: Office, role: Role) => Promise<Prepared> | Prepared

const input = (value: unknown): Prepared => ({ input: value })

/** An office of its own, with a client signed in as `role` on it. */
async function separateOffice(role: Role): Promise<{ app: TestApp; client: TestClient & { password: string } }> {
  const app = await startTestApp()
  if (role === 'supervisor') return { app, client: Object.assign(app, { password: SUPERVISOR.password }) }
  const coach = role === 'coach' ? await app.call('coaches.create', coachInput({ legalName: 'Separate Coach' })) : null
  const client = await app.signInAs(role, coach ? { coachId: coach.id } : {})
  return { app, client }
}

let unique = 0
const next = () => ++unique

async function coachVersion(office: Office, id: number): Promise<number> {
  return (await office.supervisor.call('coaches.get', { id })).version
}

/** The coach a role may touch: a coach only their own record; staff the other coach's. */
const targetCoach = (office: Office, role: Role) => (role === 'coach' ? office.ownCoachId : office.otherCoachId)

function coachFields() {
  const { status: _status, careerStage: _stage, ...fields } = coachInput()
  return fields
}

/** Who makes a rating for an example: the role itself where it may, else the supervisor (so the input is valid). */
const raterClient = (office: Office, role: Role) => (role === 'coordinator' ? office.supervisor : office.clients[role])

/** A draft the role may change: a coach's self-rating of themself, a supervisor's rating of the other coach. */
async function draftFor(office: Office, role: Role) {
  return raterClient(office, role).call(
    'assessments.create',
    assessmentInput(targetCoach(office, role), { assessedOn: '2026-10-15' }),
  )
}

async function completedFor(office: Office, role: Role) {
  const draft = await draftFor(office, role)
  return raterClient(office, role).call('assessments.complete', { id: draft.id, expectedVersion: draft.version })
}

/** A supervisor's rating of `coachId`, left as a draft or completed. */
async function supervisorRating(office: Office, coachId: number, complete: boolean) {
  const draft = await office.supervisor.call('assessments.create', assessmentInput(coachId))
  return complete
    ? office.supervisor.call('assessments.complete', { id: draft.id, expectedVersion: draft.version })
    : draft
}

async function goalOf(office: Office, coachId: number) {
  return office.supervisor.call('goals.create', {
    coachId,
    domain: 'connectedness',
    track: 'practice',
    description: `Introduce two people to the Tuesday peer group (${next()})`,
    targetDate: '2027-03-01',
  })
}

async function newAccount(office: Office) {
  const n = next()
  return office.supervisor.call('accounts.create', {
    username: `made.${n}`,
    displayName: `Made ${n}`,
    role: 'coordinator',
    password: 'first-password-1',
  })
}

export const EXAMPLES: { [C in Channel]: Example } = {
  'app.info': () => input({}),

  'auth.status': () => input({}),
  'auth.setup': async () => {
    const app = await startTestApp({ setup: false })
    return {
      app,
      client: app,
      input: { officeName: 'New Office', coachTitle: 'ally', ...SUPERVISOR },
    }
  },
  'auth.signIn': async (_office, role) => {
    const { app, client } = await separateOffice(role)
    const username = role === 'supervisor' ? SUPERVISOR.username : `${role}.1`
    return { app, client: app.clientFor('another-window'), input: { username, password: client.password } }
  },
  'auth.signOut': async (_office, role) => {
    const separate = await separateOffice(role)
    // Someone else stays signed in: the last sign-out closes the database, and the checks read it after the call.
    const { username, password } = SUPERVISOR
    await separate.app.clientFor('stays-signed-in').call('auth.signIn', { username, password })
    return { ...separate, input: {} }
  },
  'auth.lock': async (_office, role) => ({ ...(await separateOffice(role)), input: {} }),
  'auth.touch': async (_office, role) => ({ ...(await separateOffice(role)), input: {} }),
  'auth.unlock': async (_office, role) => {
    const separate = await separateOffice(role)
    await separate.client.call('auth.lock', {})
    return { ...separate, input: { password: separate.client.password } }
  },
  'auth.changePassword': async (_office, role) => {
    const separate = await separateOffice(role)
    return { ...separate, input: { currentPassword: separate.client.password, newPassword: 'a-brand-new-password-9' } }
  },
  'auth.recover': async (_office, role) => {
    const separate = await separateOffice(role)
    return {
      ...separate,
      input: {
        recoveryKey: separate.app.recoveryKey,
        username: SUPERVISOR.username,
        newPassword: 'recovered-password-9',
      },
    }
  },

  'accounts.list': () => input({}),
  'accounts.create': () => {
    const n = next()
    return input({ username: `new.${n}`, displayName: `New ${n}`, role: 'coordinator', password: 'first-password-1' })
  },
  'accounts.deactivate': async (office) => {
    const account = await newAccount(office)
    return input({ id: account.id, version: account.version })
  },
  'accounts.reactivate': async (office) => {
    const account = await newAccount(office)
    const gone = await office.supervisor.call('accounts.deactivate', { id: account.id, version: account.version })
    return input({ id: gone.id, version: gone.version, password: 'second-password-2' })
  },
  'accounts.resetPassword': async (office) => {
    const account = await newAccount(office)
    return input({ id: account.id, version: account.version, password: 'second-password-2' })
  },
  'accounts.newRecoveryKey': () => input({}),
  'accounts.setRole': async (office) => {
    const account = await newAccount(office)
    return input({ id: account.id, version: account.version, role: 'supervisor', password: 'second-password-2' })
  },

  'audit.list': () => input({ limit: 10 }),
  'audit.verify': () => input({}),

  'backups.list': () => input({}),
  'backups.create': (office) => input({ path: join(office.dir, `by-hand-${next()}.casebook-backup`) }),
  'backups.restore': async (_office, role) => {
    const separate = await separateOffice(role)
    const path = join(tempDir(), 'to-restore.casebook-backup')
    await separate.app.call('backups.create', { path })
    return { ...separate, input: { path, username: SUPERVISOR.username, password: SUPERVISOR.password } }
  },

  'settings.get': () => input({}),
  'settings.update': () => input({ officeName: `Renamed ${next()}`, coachTitle: 'companion', autoLockMinutes: 15 }),

  'coaches.list': () => input({ filter: 'all' }),
  'coaches.get': (office, role) => input({ id: targetCoach(office, role) }),
  'coaches.create': () => input(coachInput({ legalName: `Added Coach ${next()}` })),
  'coaches.update': async (office, role) => {
    const id = targetCoach(office, role)
    return input({
      id,
      expectedVersion: await coachVersion(office, id),
      fields: { ...coachFields(), legalName: `Renamed ${next()}` },
    })
  },
  'coaches.setStatus': async (office, role) => {
    const id = targetCoach(office, role)
    const coach = await office.supervisor.call('coaches.get', { id })
    const status = coach.status === 'active' ? 'on_leave' : 'active'
    return input({ id, expectedVersion: coach.version, status, effectiveOn: '2026-11-01' })
  },
  'coaches.setStage': async (office, role) => {
    const id = targetCoach(office, role)
    const coach = await office.supervisor.call('coaches.get', { id })
    const stage = coach.careerStage === 'rcp' ? 'employment' : 'rcp'
    return input({ id, expectedVersion: coach.version, stage, changedOn: '2026-11-01' })
  },

  'coaches.supervisors': () => input({}),

  'resources.list': () => input({ search: 'café', openNow: true }),
  'resources.get': async (office) => input({ id: (await newResource(office)).id }),
  'resources.create': (office) =>
    input(resourceInput({ name: `Added Resource ${next()}`, connectedCoachIds: [office.otherCoachId] })),
  'resources.update': async (office) => {
    const made = await newResource(office)
    return input({ id: made.id, expectedVersion: made.version, fields: resourceInput({ name: `Renamed ${next()}` }) })
  },
  'resources.check': async (office) => {
    const made = await newResource(office)
    return input({ id: made.id, expectedVersion: made.version })
  },
  'resources.addTip': async (office) =>
    input({ id: (await newResource(office)).id, text: 'Ask for Maria at the desk' }),
  'resources.history': async (office) => input({ id: (await newResource(office)).id }),
  'resources.restore': async (office) => {
    const made = await newResource(office)
    const changed = await office.supervisor.call('resources.update', {
      id: made.id,
      expectedVersion: made.version,
      fields: resourceInput({ name: `Renamed ${next()}` }),
    })
    return input({ id: made.id, expectedVersion: changed.version, version: made.version })
  },
  'resources.pathways': () => input({}),
  'resources.addPathway': () => input({ label: `Pathway ${next()}` }),
  'resources.coaches': () => input({}),
  'assessments.get': async (office, role) => input({ id: (await completedFor(office, role)).id }),
  'assessments.create': (office, role) => input(assessmentInput(targetCoach(office, role))),
  'assessments.update': async (office, role) => {
    const draft = await draftFor(office, role)
    return input({
      id: draft.id,
      expectedVersion: draft.version,
      fields: { assessedOn: '2026-10-16', scores: { meaning: { own: 4 } } },
    })
  },
  'assessments.complete': async (office, role) => {
    const draft = await draftFor(office, role)
    return input({ id: draft.id, expectedVersion: draft.version })
  },
  'assessments.discard': async (office, role) => {
    const draft = await draftFor(office, role)
    return input({ id: draft.id, expectedVersion: draft.version })
  },
  'assessments.amend': async (office, role) => {
    const done = await completedFor(office, role)
    return input({
      id: done.id,
      reason: 'Hope was entered on the wrong track',
      fields: { assessedOn: done.assessedOn, scores: { hope: { practice: 5, own: 8 } } },
    })
  },
  'goals.create': (office, role) =>
    input({
      coachId: targetCoach(office, role),
      domain: 'hope',
      track: 'own',
      description: `Keep a weekly gratitude note (${next()})`,
      targetDate: '2027-01-31',
    }),
  'goals.update': async (office, role) => {
    const goal = await goalOf(office, targetCoach(office, role))
    return input({
      id: goal.id,
      expectedVersion: goal.version,
      description: goal.description,
      targetDate: goal.targetDate,
      status: 'achieved',
    })
  },
  'growth.coach': (office, role) => input({ coachId: targetCoach(office, role) }),
  'growth.report': (office, role) => input({ coachId: targetCoach(office, role) }),
  'growth.team': () => input({ scope: 'everyone' }),
  'partners.list': () => input({}),
  'partners.get': (office) => input({ id: office.contracts.partnerId }),
  'partners.create': () => input(partnerInput({ name: `Added Partner ${next()}` })),
  'partners.update': async (office) => {
    const partner = await office.supervisor.call('partners.get', { id: office.contracts.partnerId })
    return input({
      id: partner.id,
      expectedVersion: partner.version,
      fields: partnerInput({ name: `Renamed ${next()}` }),
    })
  },
  'contracts.list': () => input({ filter: 'all' }),
  'contracts.get': (office) => input({ id: office.contracts.sharedContractId }),
  'contracts.create': (office) => input(contractInput(office.contracts.partnerId, { team: [office.ownCoachId] })),
  'contracts.update': async (office) => {
    const contract = await office.supervisor.call('contracts.get', { id: office.contracts.sharedContractId })
    return input({
      id: contract.id,
      expectedVersion: contract.version,
      fields: { ...contractFieldsOf(contract), title: `Renamed ${next()}` },
    })
  },
  'contracts.terminate': async (office) => {
    const contract = await office.supervisor.call('contracts.create', contractInput(office.contracts.partnerId))
    return input({ id: contract.id, expectedVersion: contract.version, terminatedOn: '2026-11-01', reason: 'Ended' })
  },
  'contracts.dashboard': () => input({}),
  'dispatches.list': () => input({}),
  'dispatches.get': (office, role) =>
    input({ id: role === 'coach' ? office.contracts.ownDispatchId : office.contracts.otherDispatchId }),
  'dispatches.create': (office) => input(dispatchInput(office.contracts.sharedContractId, office.ownCoachId)),
  'dispatches.update': async (office) => {
    const dispatch = await office.supervisor.call('dispatches.get', { id: office.contracts.ownDispatchId })
    return input({
      id: dispatch.id,
      expectedVersion: dispatch.version,
      fields: { ...dispatchFieldsOf(dispatch), location: `Bay ${next()}` },
    })
  },
  'dispatches.suggestCoaches': (office) => input({ contractId: office.contracts.sharedContractId }),
  'dispatches.export': (office) =>
    input({ contractId: office.contracts.sharedContractId, from: '2026-01-01', to: '2026-12-31' }),
  'ladder.coach': (office, role) => input({ coachId: targetCoach(office, role) }),
  'ladder.office': () => input({}),
  'ladder.recordStep': async (office) => {
    const coach = await office.supervisor.call('coaches.create', coachInput({ legalName: `Stepping Coach ${next()}` }))
    return input({ coachId: coach.id, requirementId: await stepAhead(office), completedOn: '2026-11-01' })
  },
  'ladder.advance': async (office) => {
    const coach = await office.supervisor.call('coaches.create', coachInput({ legalName: `Moving Coach ${next()}` }))
    return input({
      coachId: coach.id,
      expectedVersion: coach.version,
      toStage: 'training',
      changedOn: '2026-11-01',
      confirmMissing: true,
    })
  },
  'requirements.list': () => input({}),
  'requirements.save': async (office) => {
    const sets = await office.supervisor.call('requirements.list', {})
    const rcp = sets.find((s) => s.stage === 'rcp')!
    return input({
      stage: 'rcp',
      expectedVersion: rcp.version,
      requirements: [...keep(rcp), { kind: 'document_or_step', label: `Reference ${next()}` }],
    })
  },
  'trainings.list': () => input({}),
  'trainings.create': () => input(trainingInput({ name: `Training ${next()}` })),
  'trainings.update': async (office) => {
    const made = await office.supervisor.call('trainings.create', trainingInput({ name: `Training ${next()}` }))
    return input({ id: made.id, expectedVersion: made.version, fields: trainingInput({ name: `Renamed ${next()}` }) })
  },
  'trainings.attend': async (office, role) => {
    const made = await office.supervisor.call('trainings.create', trainingInput({ name: `Training ${next()}` }))
    return input({
      coachId: targetCoach(office, role),
      trainingId: made.id,
      attendedOn: '2026-10-01',
      hours: 2.5,
      completed: true,
    })
  },
  'trainings.evaluation': async (office) => {
    const made = await office.supervisor.call('trainings.create', trainingInput({ name: `Training ${next()}` }))
    return input({ trainingId: made.id })
  },
  'supervision.create': (office) => input(sessionInput([office.otherCoachId])),
  'supervision.update': async (office) => {
    const draft = await office.supervisor.call('supervision.create', sessionInput([office.otherCoachId]))
    return input({
      id: draft.id,
      expectedVersion: draft.version,
      fields: sessionInput([office.otherCoachId], { sharedNote: `Autosaved ${next()}` }),
    })
  },
  'supervision.signOff': async (office) => {
    const draft = await office.supervisor.call('supervision.create', sessionInput([office.otherCoachId]))
    return input({ id: draft.id, expectedVersion: draft.version })
  },
  'supervision.addAddendum': async (office) => {
    const done = await signedOffSession(office.supervisor, sessionInput([office.otherCoachId]))
    return input({ id: done.id, sharedText: 'The date of the next session is the 9th, not the 2nd.' })
  },
  'supervision.linkAssessment': async (office) => {
    const done = await signedOffSession(office.supervisor, sessionInput([office.otherCoachId]))
    const rating = await supervisorRating(office, office.otherCoachId, false)
    return input({ sessionId: done.id, assessmentId: rating.id })
  },
  'supervision.get': async (office, role) =>
    input({ id: (await signedOffSession(office.supervisor, sessionInput([targetCoach(office, role)]))).id }),
  'supervision.list': (office, role) => input({ coachId: targetCoach(office, role) }),
  'supervision.startPage': () => input({ scope: 'everyone' }),
  'supervision.barriers': () => input({}),
  'supervision.search': () => input({ query: 'boundaries' }),
  'actionItems.list': (office, role) => input({ coachId: targetCoach(office, role) }),
  'actionItems.markDone': async (office, role) => {
    const done = await signedOffSession(office.supervisor, sessionInput([targetCoach(office, role)]))
    return input({ id: done.actionItems[0]!.id })
  },
}

/** A new step requirement of the RCP set (ahead of the office's coaches), made by the supervisor. */
async function stepAhead(office: Office): Promise<number> {
  const sets = await office.supervisor.call('requirements.list', {})
  const rcp = sets.find((s) => s.stage === 'rcp')!
  const label = `Step ${next()}`
  const saved = await saveSet(office.supervisor, 'rcp', [...keep(rcp), { kind: 'document_or_step', label }])
  return saved.requirements.find((r) => r.label === label)!.id
}

/**
 * For each channel whose route declares a read event: whether that role's example reads someone else's records (and
 * so records exactly one read event) or only the caller's own (and records none). A supervisor reading a coach's
 * ratings always counts; a coach reading their own never does.
 */
export const READS_SOMEONE_ELSES: Partial<{ [C in Channel]: (role: Role) => boolean }> = {
  'assessments.get': (role) => role === 'supervisor',
  'growth.coach': (role) => role === 'supervisor',
  'growth.report': (role) => role === 'supervisor',
  'growth.team': () => true,
  // Data leaving the app is always recorded (staff only: a coach cannot export).
  'dispatches.export': () => true,
  'ladder.coach': (role) => role !== 'coach',
  'ladder.office': () => true,
  'trainings.evaluation': () => true,
  // Every opening of a session's notes is recorded, a coach's of their own too (issue 11), and every search.
  'supervision.get': () => true,
  'supervision.list': () => true,
  'supervision.search': () => true,
}

/** A resource of the shared office, made by the supervisor. */
function newResource(office: Office) {
  return office.supervisor.call('resources.create', resourceInput({ name: `Resource ${next()}` }))
}

/** Calls record-level rules refuse: a coach asking about another coach's records. Features add theirs. */
export const OTHER_COACH_EXAMPLES: Partial<{ [C in Channel]: (office: Office) => Promise<unknown> | unknown }> = {
  'coaches.get': (office) => ({ id: office.otherCoachId }),
  'assessments.get': async (office) => ({ id: (await supervisorRating(office, office.otherCoachId, true)).id }),
  'assessments.create': (office) => assessmentInput(office.otherCoachId),
  'assessments.update': async (office) => {
    const draft = await supervisorRating(office, office.otherCoachId, false)
    return { id: draft.id, expectedVersion: draft.version, fields: { assessedOn: '2026-11-02' } }
  },
  'assessments.complete': async (office) => {
    const draft = await supervisorRating(office, office.otherCoachId, false)
    return { id: draft.id, expectedVersion: draft.version }
  },
  'assessments.discard': async (office) => {
    const draft = await supervisorRating(office, office.otherCoachId, false)
    return { id: draft.id, expectedVersion: draft.version }
  },
  'assessments.amend': async (office) => {
    const done = await supervisorRating(office, office.otherCoachId, true)
    return {
      id: done.id,
      reason: 'Trying to change it',
      fields: { assessedOn: '2026-11-01', scores: { hope: { own: 1 } } },
    }
  },
  'goals.create': (office) => ({
    coachId: office.otherCoachId,
    domain: 'hope',
    track: 'practice',
    description: 'Not mine to set',
    targetDate: '2027-01-31',
  }),
  'goals.update': async (office) => {
    const goal = await goalOf(office, office.otherCoachId)
    return {
      id: goal.id,
      expectedVersion: goal.version,
      description: 'Changed',
      targetDate: goal.targetDate,
      status: 'dropped',
    }
  },
  'growth.coach': (office) => ({ coachId: office.otherCoachId }),
  'growth.report': (office) => ({ coachId: office.otherCoachId }),
  'contracts.get': (office) => ({ id: office.contracts.otherContractId }),
  'contracts.list': (office) => ({ coachId: office.otherCoachId }),
  'dispatches.get': (office) => ({ id: office.contracts.otherDispatchId }),
  'dispatches.list': (office) => ({ coachId: office.otherCoachId }),
  'ladder.coach': (office) => ({ coachId: office.otherCoachId }),
  'supervision.get': async (office) => ({
    id: (await signedOffSession(office.supervisor, sessionInput([office.otherCoachId]))).id,
  }),
  'supervision.list': (office) => ({ coachId: office.otherCoachId }),
  'actionItems.list': (office) => ({ coachId: office.otherCoachId }),
  // A group session the coach attended: the other coach's action item is not theirs to see or mark.
  'actionItems.markDone': async (office) => {
    const done = await signedOffSession(
      office.supervisor,
      sessionInput([office.ownCoachId, office.otherCoachId], {
        actionItems: [
          { text: 'Call Secretname back', owner: 'coach', coachId: office.otherCoachId, dueOn: '2026-11-30' },
        ],
      }),
    )
    return { id: done.actionItems[0]!.id }
  },
}

/**
 * Record-level refusals within a role's channels that are not about another coach: a coach and a supervisor's draft
 * about the coach themself, someone else's draft, an id that does not exist. Each is refused and changes nothing.
 */
export const RECORD_LEVEL_REFUSALS: Array<{
  what: string
  role: Role
  channel: Channel
  input: (office: Office) => Promise<unknown> | unknown
}> = [
  {
    what: "a coach reading a supervisor's draft about themself",
    role: 'coach',
    channel: 'assessments.get',
    input: async (office) => ({ id: (await supervisorRating(office, office.ownCoachId, false)).id }),
  },
  {
    what: "a coach completing a supervisor's draft about themself",
    role: 'coach',
    channel: 'assessments.complete',
    input: async (office) => {
      const draft = await supervisorRating(office, office.ownCoachId, false)
      return { id: draft.id, expectedVersion: draft.version }
    },
  },
  {
    what: "a coach amending a supervisor's completed rating of themself",
    role: 'coach',
    channel: 'assessments.amend',
    input: async (office) => {
      const done = await supervisorRating(office, office.ownCoachId, true)
      return { id: done.id, reason: 'I disagree', fields: { assessedOn: '2026-11-01', scores: { hope: { own: 10 } } } }
    },
  },
  {
    what: "a supervisor completing a coach's own self-assessment draft",
    role: 'supervisor',
    channel: 'assessments.complete',
    input: async (office) => {
      const draft = await office.clients.coach.call('assessments.create', assessmentInput(office.ownCoachId))
      return { id: draft.id, expectedVersion: draft.version }
    },
  },
  {
    what: "a supervisor amending a coach's self-assessment",
    role: 'supervisor',
    channel: 'assessments.amend',
    input: async (office) => {
      const coach = office.clients.coach
      const draft = await coach.call('assessments.create', assessmentInput(office.ownCoachId))
      const done = await coach.call('assessments.complete', { id: draft.id, expectedVersion: draft.version })
      return {
        id: done.id,
        reason: 'Not theirs to amend',
        fields: { assessedOn: '2026-11-01', scores: { hope: { own: 2 } } },
      }
    },
  },
  {
    what: 'a coach opening a draft session of their own',
    role: 'coach',
    channel: 'supervision.get',
    input: async (office) => ({
      id: (await office.supervisor.call('supervision.create', sessionInput([office.ownCoachId]))).id,
    }),
  },
  {
    what: "a coach marking done the supervisor's action item of their own session",
    role: 'coach',
    channel: 'actionItems.markDone',
    input: async (office) => {
      const done = await signedOffSession(
        office.supervisor,
        sessionInput([office.ownCoachId], {
          actionItems: [{ text: 'Ask the site about parking', owner: 'supervisor', dueOn: '2026-11-30' }],
        }),
      )
      return { id: done.actionItems[0]!.id }
    },
  },
  {
    what: 'a coach asking for a session id that does not exist (told the same as for one not theirs)',
    role: 'coach',
    channel: 'supervision.get',
    input: () => ({ id: 987654 }),
  },
  {
    what: 'a coach asking for an assessment id that does not exist (told the same as for one not theirs)',
    role: 'coach',
    channel: 'assessments.get',
    input: () => ({ id: 987654 }),
  },
]

/** Makes the call an example describes; answers the raw result and the office it was made in. */
export async function callExample(office: Office, channel: Channel, role: Role) {
  const prepared = await EXAMPLES[channel](office, role)
  const app = prepared.app ?? office.app
  const client = prepared.client ?? office.clients[role]
  return { prepared, app, client }
}

/** Every row of every table, or null while the office has no open database (before first run). */
export function snapshotIfOpen(app: TestApp) {
  return app.core.vault.database ? app.snapshot() : null
}
