import type { RoutesOf } from '../router'
import type { Auth } from '../auth/auth.service'
import { afterSuccess, type RecordNamers } from './audit'
import { listAudit } from './audit.service'
import { checkTrail, describeCheck, sealHead } from './seal'

export function auditRoutes(namers: RecordNamers): RoutesOf<'audit.list'> {
  return { 'audit.list': { handle: (ctx, input) => listAudit(ctx, input, namers) } }
}

/** Checking the trail: a supervisor's call, so the supervisors' file (and the seal in it) is attached. */
export function auditCheckRoutes(auth: Auth): RoutesOf<'audit.verify'> {
  return {
    'audit.verify': {
      // Sealed up to the head first, so what was written a moment ago is checked as sealed. Reads the whole trail in
      // batches, between which other calls are answered: not inside one transaction.
      handle: async (ctx) => {
        const key = auth.vault.openSupervisorsKey()
        await sealHead(ctx.db, key, ctx.clock)
        return checkTrail(ctx.db, key)
      },
      audit: afterSuccess(({ output }) => ({
        action: 'verify',
        recordType: 'audit_trail',
        recordId: null,
        summary: `Checked the audit trail. ${describeCheck(output)}`,
      })),
    },
  }
}
