import type { Channel } from './api/contract'
import type { Role } from './domain/auth'

/**
 * Who may call each channel: DOMAIN.md's table of roles, channel by channel, in one place. The router enforces it on
 * every call; the renderer derives its menus and page guards from it (hiding is never the control). What a role alone
 * cannot decide (a coach's own records, completed ratings only, private notes) is each feature's policy module.
 *
 * `public` channels answer anyone: signing in, and restoring a backup onto a machine with no usable database (the
 * restore checks its caller itself).
 */
export type Access = 'public' | readonly Role[]

export const EVERYONE = ['supervisor', 'coordinator', 'coach'] as const satisfies readonly Role[]
export const STAFF = ['supervisor', 'coordinator'] as const satisfies readonly Role[]
export const SUPERVISORS = ['supervisor'] as const satisfies readonly Role[]
export const SUPERVISORS_AND_COACHES = ['supervisor', 'coach'] as const satisfies readonly Role[]

export const ACCESS = {
  'app.info': 'public',

  'auth.status': 'public',
  'auth.setup': 'public',
  'auth.signIn': 'public',
  'auth.signOut': 'public',
  'auth.lock': 'public',
  'auth.touch': 'public',
  'auth.unlock': 'public',
  'auth.changePassword': 'public',
  'auth.recover': 'public',

  'accounts.list': SUPERVISORS,
  'accounts.create': SUPERVISORS,
  'accounts.deactivate': SUPERVISORS,
  'accounts.reactivate': SUPERVISORS,
  'accounts.resetPassword': SUPERVISORS,
  'accounts.newRecoveryKey': SUPERVISORS,
  'accounts.setRole': SUPERVISORS,

  'audit.list': SUPERVISORS,
  'audit.verify': SUPERVISORS,

  'backups.list': SUPERVISORS,
  'backups.create': SUPERVISORS,
  'backups.restore': 'public',

  'settings.get': EVERYONE,
  'settings.update': SUPERVISORS,

  'coaches.list': EVERYONE,
  'coaches.get': EVERYONE,
  'coaches.create': STAFF,
  'coaches.update': STAFF,
  'coaches.setStatus': STAFF,
  'coaches.setStage': STAFF,
  'coaches.supervisors': STAFF,

  'resources.list': EVERYONE,
  'resources.get': EVERYONE,
  'resources.create': EVERYONE,
  'resources.update': EVERYONE,
  'resources.check': EVERYONE,
  'resources.addTip': EVERYONE,
  'resources.history': EVERYONE,
  'resources.restore': EVERYONE,
  'resources.pathways': EVERYONE,
  'resources.addPathway': EVERYONE,
  'resources.coaches': EVERYONE,
  // Ratings: coaches their own (growth.policy decides which records), supervisors everyone's; never coordinators.
  'assessments.get': SUPERVISORS_AND_COACHES,
  'assessments.create': SUPERVISORS_AND_COACHES,
  'assessments.update': SUPERVISORS_AND_COACHES,
  'assessments.complete': SUPERVISORS_AND_COACHES,
  'assessments.discard': SUPERVISORS_AND_COACHES,
  'assessments.amend': SUPERVISORS_AND_COACHES,
  'goals.create': SUPERVISORS_AND_COACHES,
  'goals.update': SUPERVISORS_AND_COACHES,
  'growth.coach': SUPERVISORS_AND_COACHES,
  'growth.report': SUPERVISORS_AND_COACHES,
  'growth.team': SUPERVISORS,
  'partners.list': STAFF,
  'partners.get': STAFF,
  'partners.create': STAFF,
  'partners.update': STAFF,
  // A coach reads the contracts they are on and their own dispatches (contracts.policy and dispatches.policy).
  'contracts.list': EVERYONE,
  'contracts.get': EVERYONE,
  'contracts.create': STAFF,
  'contracts.update': STAFF,
  'contracts.terminate': STAFF,
  'contracts.dashboard': STAFF,
  'dispatches.list': EVERYONE,
  'dispatches.get': EVERYONE,
  'dispatches.create': STAFF,
  'dispatches.update': STAFF,
  'dispatches.suggestCoaches': STAFF,
  'dispatches.export': STAFF,
  // The ladder: staff see everyone's (ladder.policy), a coach their own page and the catalogue. Supervisors keep the
  // requirements, the catalogue and the sign-offs; moving up follows the roster's coaches.setStage (staff); recording
  // who attended a training is office record-keeping, so coordinators may; the evaluation reads ratings: supervisors.
  'ladder.coach': EVERYONE,
  'ladder.office': STAFF,
  'ladder.recordStep': SUPERVISORS,
  'ladder.advance': STAFF,
  'requirements.list': STAFF,
  'requirements.save': SUPERVISORS,
  'trainings.list': EVERYONE,
  'trainings.create': SUPERVISORS,
  'trainings.update': SUPERVISORS,
  'trainings.attend': STAFF,
  'trainings.evaluation': SUPERVISORS,
  // Supervision: supervisors write and read everything; a coach reads the shared part of their own signed-off sessions
  // and marks their own action items (supervision.policy decides which records); coordinators nothing.
  'supervision.create': SUPERVISORS,
  'supervision.update': SUPERVISORS,
  'supervision.signOff': SUPERVISORS,
  'supervision.addAddendum': SUPERVISORS,
  'supervision.linkAssessment': SUPERVISORS,
  'supervision.get': SUPERVISORS_AND_COACHES,
  'supervision.list': SUPERVISORS_AND_COACHES,
  'supervision.startPage': SUPERVISORS,
  'supervision.barriers': SUPERVISORS,
  'supervision.search': SUPERVISORS_AND_COACHES,
  'actionItems.list': SUPERVISORS_AND_COACHES,
  'actionItems.markDone': SUPERVISORS_AND_COACHES,
} as const satisfies { [C in Channel]: Access }

/** Whether `role` may call `channel` at all (record-level rules may still refuse a particular record). */
export function mayCall(role: Role, channel: Channel): boolean {
  const access: Access = ACCESS[channel]
  return access === 'public' || access.includes(role)
}
