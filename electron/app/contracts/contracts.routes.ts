import { CONTRACT_STATUSES, PARTNER_TYPES, type Contract, type Partner } from '@shared/domain/contracts'
import { describeWindow } from '@shared/domain/coverage'
import { change, onChange, onWrite } from '../audit/audit'
import type { RoutesOf } from '../router'
import * as repo from './contracts.repository'
import * as contracts from './contracts.service'
import type { PartnerRow } from './contracts.table'

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** The partner and contract channels: who may call them is shared/access.ts; what each records is declared here. */
export const contractRoutes: RoutesOf<'partners.'> & Omit<RoutesOf<'contracts.'>, 'contracts.dashboard'> = {
  'partners.list': { handle: contracts.listPartners },
  'partners.get': { handle: contracts.getPartner },
  'partners.create': {
    handle: contracts.createPartner,
    audit: onWrite(({ output }) => ({
      action: 'create',
      recordType: 'partner',
      recordId: output.id,
      summary: `Added a partner (${PARTNER_TYPES[output.type]}, ${plural(output.contacts.length, 'contact')})`,
    })),
  },
  'partners.update': {
    handle: contracts.updatePartner,
    audit: onChange(
      async (db, input) => ({
        row: await repo.findPartner(db, input.id),
        contacts: await repo.listContacts(db, input.id),
      }),
      ({ output, before }) => ({
        action: 'update',
        recordType: 'partner',
        recordId: output.id,
        summary: `Details changed: ${changedPartnerFields(before, output).join(', ') || 'nothing'}`,
      }),
    ),
  },
  'contracts.list': { handle: contracts.listContracts },
  'contracts.get': { handle: contracts.getContract },
  'contracts.create': {
    handle: contracts.createContract,
    audit: onWrite(({ output }) => ({
      action: 'create',
      recordType: 'contract',
      recordId: output.id,
      summary:
        `Added a contract (${CONTRACT_STATUSES[output.status]}, ${output.startDate} to ${output.endDate}, ` +
        `team of ${output.team.length}, ${plural(output.coverage.length, 'coverage window')})`,
    })),
  },
  'contracts.update': {
    handle: contracts.updateContract,
    audit: onChange(
      (db, input) => contracts.loadContract(db, input.id, { kind: 'staff' }, '0000-01-01'),
      ({ output, before }) => ({
        action: 'update',
        recordType: 'contract',
        recordId: output.id,
        summary: `Terms changed: ${changedContractTerms(before, output).join('; ') || 'nothing'}`,
      }),
    ),
  },
  'contracts.terminate': {
    handle: contracts.terminateContract,
    audit: onChange(
      (db, input) => repo.findContractRow(db, input.id),
      ({ input, output, before }) => ({
        action: 'terminate',
        recordType: 'contract',
        recordId: output.id,
        summary: `Terminated from ${input.terminatedOn} (it was to end on ${before?.end_date ?? 'an unknown date'})`,
      }),
    ),
  },
}

/** Which fields an edit changed, by name only: the trail never copies names, addresses or notes. */
function changedPartnerFields(
  before: { row: PartnerRow | undefined; contacts: Awaited<ReturnType<typeof repo.listContacts>> },
  after: Partner,
): string[] {
  const row = before.row
  if (!row) return []
  const changed: string[] = []
  if (row.name !== after.name) changed.push('name')
  if (row.type !== after.type) changed.push(`type ${change(PARTNER_TYPES[row.type], PARTNER_TYPES[after.type])}`)
  if (row.address !== after.address) changed.push('address')
  if (row.notes !== after.notes) changed.push('notes')
  if (JSON.stringify(before.contacts) !== JSON.stringify(after.contacts)) {
    changed.push(`contacts (${before.contacts.length} → ${after.contacts.length})`)
  }
  return changed
}

/** What changed in a contract's terms, in words: dates and numbers are terms, not names, so they are spelled out. */
function changedContractTerms(before: Contract, after: Contract): string[] {
  const changed: string[] = []
  const compare = (label: string, a: unknown, b: unknown, show = true) => {
    if (a !== b) changed.push(show ? `${label} ${change(String(a), String(b))}` : label)
  }
  compare('reference', before.reference, after.reference, false)
  compare('title', before.title, after.title, false)
  compare('start date', before.startDate, after.startDate)
  compare('end date', before.endDate, after.endDate)
  if (before.valueMinor !== after.valueMinor || before.currency !== after.currency) changed.push('value')
  compare('billing', before.billingBasis, after.billingBasis)
  compare('target minutes', before.targetMinutes, after.targetMinutes)
  compare('expected a month', before.expectedPerMonth, after.expectedPerMonth)
  compare('notice days', before.renewalNoticeDays, after.renewalNoticeDays)
  const windows = (c: Contract) => c.coverage.map(describeWindow).join(', ') || 'all hours'
  compare('coverage', windows(before), windows(after))
  const team = (c: Contract) =>
    c.team
      .map((m) => m.coachId)
      .sort((a, b) => a - b)
      .join(',')
  if (team(before) !== team(after)) changed.push(`team (${before.team.length} → ${after.team.length} coaches)`)
  return changed
}
