import type { RoutesOf } from '../router'
import type { Vault } from '../vault'
import { afterSuccess, type RecordNamers } from './audit'
import { listAudit } from './audit.service'
import { checkTrail, describeCheck } from './seal'

export function auditRoutes(namers: RecordNamers): RoutesOf<'audit.list'> {
  return { 'audit.list': { handle: (ctx, input) => listAudit(ctx, input, namers) } }
}

/** Checking the trail: a supervisor's call, so the supervisors' file (and the seal in it) is attached. */
export function auditCheckRoutes(vault: Vault): RoutesOf<'audit.verify'> {
  return {
    'audit.verify': {
      // Reads the whole trail in batches, between which other calls are answered: not inside one transaction.
      handle: (ctx) => checkTrail(ctx.db, vault.openSupervisorsKey()),
      audit: afterSuccess(({ output }) => ({
        action: 'verify',
        recordType: 'audit_trail',
        recordId: null,
        summary: `Checked the audit trail. ${describeCheck(output)}`,
      })),
    },
  }
}
