import { z } from 'zod'
import { NoInput, type ChannelSpec } from '../api/spec'
import { Id, IsoInstant, isoDate, enumOf } from './common'

export const AUDIT_ACTIONS = {
  create: 'Created',
  update: 'Changed',
  set_status: 'Changed status',
  set_stage: 'Changed stage',
  deactivate: 'Deactivated',
  reactivate: 'Reactivated',
  reset_password: 'Reset password',
  change_password: 'Changed own password',
  recover: 'Recovered with recovery key',
  new_recovery_key: 'Made a new recovery key',
  setup: 'Set up the office',
  backup: 'Backed up',
  restore: 'Restored from a backup',
  sign_in: 'Signed in',
  sign_in_failed: 'Failed sign-in',
  sign_out: 'Signed out',
  lock: 'Locked the screen',
  unlock: 'Unlocked the screen',
  encrypt: 'Encrypted the database',
  read: 'Read',
  check: 'Marked checked',
  add_tip: 'Added a tip',
  restore_version: 'Restored an earlier version',
  complete: 'Completed',
  amend: 'Amended',
  discard: 'Discarded',
  locked_out: 'Refused: too many wrong tries',
  set_role: 'Changed role',
  verify: 'Checked the audit trail',
  seal: 'Sealed the audit trail',
  new_supervisors_key: 'Made the supervisors’ key',
  supervisors_file: 'Made the supervisors’ file anew',
  terminate: 'Terminated',
  export: 'Exported',
  record_attendance: 'Recorded a training attendance',
  record_step: 'Recorded a ladder step',
  recovery: 'Recovered the data after a crash',
  sign_off: 'Signed off',
  add_addendum: 'Added an addendum',
  mark_done: 'Marked done',
} as const
export type AuditAction = keyof typeof AUDIT_ACTIONS
export const AuditAction = enumOf(AUDIT_ACTIONS)

export const AUDIT_RECORD_TYPES = {
  office_settings: 'Office settings',
  coach: 'Coach',
  account: 'Account',
  database: 'Database',
  session: 'Session',
  resource: 'Directory resource',
  resource_pathway: 'Recovery pathway',
  assessment: 'Assessment',
  development_goal: 'Development goal',
  audit_trail: 'Audit trail',
  partner: 'Partner',
  contract: 'Contract',
  dispatch: 'Dispatch',
  requirement_set: 'Requirement set',
  training: 'Training',
  supervision_session: 'Supervision session',
  action_item: 'Action item',
} as const
export type AuditRecordType = keyof typeof AUDIT_RECORD_TYPES
export const AuditRecordType = enumOf(AUDIT_RECORD_TYPES)

export const AuditEvent = z.object({
  id: Id,
  at: IsoInstant,
  accountId: Id.nullable(),
  actor: z.string().nullable(),
  action: AuditAction,
  recordType: AuditRecordType,
  recordId: Id.nullable(),
  /** What changed, in words, written with the event; null on events from before summaries existed. */
  summary: z.string().nullable(),
  /** The record's name as it is today (a coach's display name, an account's name); null when there is none. */
  recordName: z.string().nullable(),
})
export type AuditEvent = z.infer<typeof AuditEvent>

export const AuditListInput = z.strictObject({
  accountId: Id.optional(),
  recordType: AuditRecordType.optional(),
  action: AuditAction.optional(),
  recordId: Id.optional(),
  /** Inclusive UTC dates. */
  from: isoDate('From').optional(),
  to: isoDate('To').optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
})
export type AuditListInput = z.input<typeof AuditListInput>
export const AuditPage = z.object({ items: z.array(AuditEvent), nextCursor: z.string().nullable() })
export type AuditPage = z.infer<typeof AuditPage>

/**
 * What checking the trail found: each event's hash against its content and the event before it, the copies of hashes
 * kept in the supervisors' file, and the sealed head. Events written while no supervisor was signed in are chained
 * but not yet sealed: listed as such, not as a fault.
 */
export const AuditCheck = z.object({
  /** No problem now and no earlier break on record. */
  ok: z.boolean(),
  /** Events checked, the newest first to last. */
  checked: z.number().int().nonnegative(),
  /** The newest event the seal covers; null when nothing has been sealed yet. */
  sealedThrough: Id.nullable(),
  unsealed: z.object({ fromId: Id, toId: Id }).nullable(),
  /** The first thing wrong: the first bad event where one can be named. */
  problem: z.object({ eventId: Id.nullable(), message: z.string() }).nullable(),
  /** Earlier times the trail did not match its seal, kept in the supervisors' file. */
  earlierBreaks: z.array(z.object({ detectedAt: IsoInstant, message: z.string() })),
})
export type AuditCheck = z.infer<typeof AuditCheck>

/** The audit channels of the contract. */
export const auditChannels = {
  'audit.list': { input: AuditListInput, output: AuditPage },
  'audit.verify': { input: NoInput, output: AuditCheck },
} as const satisfies Record<string, ChannelSpec>
