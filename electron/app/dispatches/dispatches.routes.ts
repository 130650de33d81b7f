import { DISPATCH_OUTCOMES, type Dispatch } from '@shared/domain/dispatches'
import { change, onChange, onRead, onWrite } from '../audit/audit'
import type { RoutesOf } from '../router'
import * as repo from './dispatches.repository'
import * as dispatches from './dispatches.service'
import type { DispatchRow } from './dispatches.table'

/** The dispatch channels and the dashboard: who may call them is shared/access.ts; what each records is here. */
export const dispatchRoutes: RoutesOf<'dispatches.'> & Pick<RoutesOf<'contracts.'>, 'contracts.dashboard'> = {
  'dispatches.list': { handle: dispatches.listDispatches },
  'dispatches.get': { handle: dispatches.getDispatch },
  'dispatches.create': {
    handle: dispatches.createDispatch,
    audit: onWrite(({ output }) => ({
      action: 'create',
      recordType: 'dispatch',
      recordId: output.id,
      summary: `Logged a request (${describe(output)})`,
    })),
  },
  'dispatches.update': {
    handle: dispatches.updateDispatch,
    audit: onChange(
      (db, input) => repo.findDispatchRow(db, input.id),
      ({ output, before }) => ({
        action: 'update',
        recordType: 'dispatch',
        recordId: output.id,
        summary: `Changed: ${changedSteps(before, output).join(', ') || 'nothing'}`,
      }),
    ),
  },
  'dispatches.suggestCoaches': { handle: dispatches.suggestCoaches },
  // Data leaving the app is recorded: which contract, which period, how many rows.
  'dispatches.export': {
    handle: dispatches.exportDispatches,
    audit: onRead(({ input, output }) => ({
      action: 'export',
      recordType: 'contract',
      recordId: input.contractId,
      summary: `Exported ${output.rows} dispatches requested ${input.from} to ${input.to} as CSV`,
    })),
  },
  'contracts.dashboard': { handle: dispatches.dashboard },
}

function describe(d: Dispatch): string {
  const parts = [d.outsideCoverage ? 'outside coverage' : 'inside coverage']
  parts.push(d.coachId === null ? 'no coach yet' : d.sentOffTeam ? 'coach sent off the team' : 'coach assigned')
  parts.push(d.outcome === null ? 'open' : `closed: ${DISPATCH_OUTCOMES[d.outcome]}`)
  return parts.join(', ')
}

/** What an edit changed, by step: never who asked, where, or the reference code themselves. */
function changedSteps(before: DispatchRow | undefined, after: Dispatch): string[] {
  if (!before) return []
  const changed: string[] = []
  if (before.requested_at !== after.requestedAt) changed.push('request time')
  if (before.requester !== after.requester) changed.push('who asked')
  if (before.location !== after.location) changed.push('location')
  if (before.reference_code !== after.referenceCode) changed.push('reference code')
  if (before.coach_id !== after.coachId) changed.push(after.sentOffTeam ? 'coach (sent off the team)' : 'coach')
  if (before.accepted_at !== after.acceptedAt) changed.push('accepted time')
  if (before.arrived_at !== after.arrivedAt) changed.push('arrival time')
  if (before.completed_at !== after.completedAt) changed.push('completion time')
  if (before.outcome !== after.outcome) {
    const label = (o: DispatchRow['outcome']) => (o === null ? 'None' : DISPATCH_OUTCOMES[o])
    changed.push(`outcome ${change(label(before.outcome), label(after.outcome))}`)
  }
  if (before.follow_up_on !== after.followUpOn) changed.push('follow-up date')
  return changed
}
