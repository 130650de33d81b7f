import type { Generated, Selectable } from 'kysely'
import type { BillingBasis, Currency, PartnerType } from '@shared/domain/contracts'
import type { Weekday } from '@shared/domain/coverage'

/** Partners and their contracts as SQLite stores them (migration 005). */
export interface ContractsTables {
  partners: PartnersTable
  partner_contacts: PartnerContactsTable
  contracts: ContractsTable
  contract_coverage: ContractCoverageTable
  contract_team: ContractTeamTable
}

export interface PartnersTable {
  id: Generated<number>
  version: number
  name: string
  /** Lower-cased name, kept so the list sorts and pages by an index. */
  sort_name: string
  type: PartnerType
  address: string | null
  notes: string | null
  created_at: string
  updated_at: string
}

export interface PartnerContactsTable {
  id: Generated<number>
  partner_id: number
  /** Order on the partner's page. */
  position: number
  name: string
  role: string | null
  phone: string | null
  email: string | null
}

export interface ContractsTable {
  id: Generated<number>
  version: number
  partner_id: number
  /** Unique, compared without case. */
  reference: string
  title: string
  start_date: string
  end_date: string
  value_minor: number
  currency: Currency
  billing_basis: BillingBasis
  target_minutes: number
  expected_per_month: number
  renewal_notice_days: number
  terminated_on: string | null
  termination_reason: string | null
  created_at: string
  updated_at: string
}

export interface ContractCoverageTable {
  id: Generated<number>
  contract_id: number
  position: number
  start_day: Weekday
  start_time: string
  end_day: Weekday
  end_time: string
}

export interface ContractTeamTable {
  contract_id: number
  coach_id: number
}

export type PartnerRow = Selectable<PartnersTable>
export type ContractRow = Selectable<ContractsTable>
export type CoverageRow = Selectable<ContractCoverageTable>
