/**
 * Valid inputs for partners, contracts and dispatches, shared by the feature's tests, the permission examples and the
 * router test. Every builder takes overrides; the defaults are in force on the tests' "now" (2026-11-22).
 */
import type { ChannelInput } from '@shared/api/contract'
import type { Contract, ContractCreateInput, PartnerFieldsInput } from '@shared/domain/contracts'
import type { DispatchCreateInput } from '@shared/domain/dispatches'
import type { TestClient } from '../helpers'

export function partnerInput(overrides: Partial<PartnerFieldsInput> = {}): PartnerFieldsInput {
  return {
    name: 'St Jude Emergency Department',
    type: 'emergency_department',
    address: '1 Hospital Way',
    notes: null,
    contacts: [{ name: 'Alex Charge', role: 'Charge nurse', phone: '+1 555 0200', email: 'alex@example.org' }],
    ...overrides,
  }
}

let references = 0

export function contractInput(partnerId: number, overrides: Partial<ContractCreateInput> = {}): ContractCreateInput {
  references += 1
  return {
    partnerId,
    reference: `ED-2026-${String(references).padStart(3, '0')}`,
    title: 'Emergency department peer coaching',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    valueMinor: 12_500_000,
    currency: 'USD',
    billingBasis: 'per_dispatch',
    coverage: [],
    targetMinutes: 45,
    expectedPerMonth: 30,
    team: [],
    renewalNoticeDays: 60,
    ...overrides,
  }
}

/** A request two days before "now", followed through to an engaged completion. */
export function dispatchInput(
  contractId: number,
  coachId: number | null,
  overrides: Partial<DispatchCreateInput> = {},
): DispatchCreateInput {
  return {
    contractId,
    requestedAt: '2026-11-20T14:00:00.000Z',
    requester: 'Charge nurse, ED',
    location: 'Bay 3',
    referenceCode: 'MRN-48213',
    coachId,
    acceptedAt: coachId === null ? null : '2026-11-20T14:05:00.000Z',
    arrivedAt: coachId === null ? null : '2026-11-20T14:30:00.000Z',
    completedAt: coachId === null ? null : '2026-11-20T15:30:00.000Z',
    outcome: coachId === null ? null : 'engaged',
    followUpOn: null,
    ...overrides,
  }
}

/** The editable fields of a saved dispatch, as `dispatches.update` takes them. */
export function dispatchFieldsOf(d: {
  requestedAt: string
  requester: string
  location: string | null
  referenceCode: string | null
  coachId: number | null
  acceptedAt: string | null
  arrivedAt: string | null
  completedAt: string | null
  outcome: ChannelInput<'dispatches.update'>['fields']['outcome']
  followUpOn: string | null
}): ChannelInput<'dispatches.update'>['fields'] {
  return {
    requestedAt: d.requestedAt,
    requester: d.requester,
    location: d.location,
    referenceCode: d.referenceCode,
    coachId: d.coachId,
    acceptedAt: d.acceptedAt,
    arrivedAt: d.arrivedAt,
    completedAt: d.completedAt,
    outcome: d.outcome,
    followUpOn: d.followUpOn,
  }
}

/** The editable fields of a saved contract, as `contracts.update` takes them. */
export function contractFieldsOf(c: Contract): ChannelInput<'contracts.update'>['fields'] {
  return {
    reference: c.reference,
    title: c.title,
    startDate: c.startDate,
    endDate: c.endDate,
    valueMinor: c.valueMinor!,
    currency: c.currency,
    billingBasis: c.billingBasis!,
    coverage: c.coverage,
    targetMinutes: c.targetMinutes,
    expectedPerMonth: c.expectedPerMonth,
    team: c.team.map((member) => member.coachId),
    renewalNoticeDays: c.renewalNoticeDays,
  }
}

/** A partner with one contract whose team is `team`, made by `staff`. */
export async function partnerWithContract(
  staff: Pick<TestClient, 'call'>,
  team: number[],
  overrides: Partial<ContractCreateInput> = {},
) {
  const partner = await staff.call('partners.create', partnerInput())
  const contract = await staff.call('contracts.create', contractInput(partner.id, { team, ...overrides }))
  return { partner, contract }
}
