import type { RoutesOf } from '../router'
import type { RecordNamers } from './audit'
import { listAudit } from './audit.service'

export function auditRoutes(namers: RecordNamers): RoutesOf<'audit.'> {
  return { 'audit.list': { handle: (ctx, input) => listAudit(ctx, input, namers) } }
}
