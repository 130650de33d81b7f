import type { Generated, Selectable } from 'kysely'
import type { ResourceKind, VersionKind, Weekday } from '@shared/domain/directory'
import type { DomainKey } from '@shared/domain/domains'

/** The directory's tables as SQLite stores them (migration 5). */
export interface DirectoryTables {
  resource_pathways: ResourcePathwaysTable
  resources: ResourcesTable
  resource_pathway_links: ResourcePathwayLinksTable
  resource_domains: ResourceDomainsTable
  resource_languages: ResourceLanguagesTable
  resource_hours: ResourceHoursTable
  resource_connections: ResourceConnectionsTable
  resource_tips: ResourceTipsTable
  resource_versions: ResourceVersionsTable
  resource_checks: ResourceChecksTable
  /** The full-text index, kept in step with resources and tips by triggers; rowid is the resource's id. */
  resources_fts: ResourcesFtsTable
}

export interface ResourcePathwaysTable {
  id: Generated<number>
  label: string
  /** The label folded (lower case, no accents): two pathways may not differ only in case or accents. */
  folded_label: string
  built_in: 0 | 1
  /** Null for the pathways every office starts with. */
  created_at: string | null
  created_by: number | null
}

export interface ResourcesTable {
  id: Generated<number>
  version: number
  name: string
  /** The name folded, so the list sorts and pages by an index. */
  sort_name: string
  kind: ResourceKind
  description: string | null
  phone: string | null
  email: string | null
  website: string | null
  address: string | null
  hours_note: string | null
  eligibility: string | null
  how_to_get_in: string | null
  created_at: string
  created_by: number | null
  updated_at: string
  updated_by: number | null
  last_checked_at: string
  last_checked_by: number | null
}

export interface ResourcePathwayLinksTable {
  resource_id: number
  pathway_id: number
}

export interface ResourceDomainsTable {
  resource_id: number
  domain: DomainKey
}

export interface ResourceLanguagesTable {
  resource_id: number
  /** Keeps the order the person gave. */
  position: number
  language: string
  /** Folded for the language filter. */
  folded: string
}

export interface ResourceHoursTable {
  resource_id: number
  day: Weekday
  opens: string
  closes: string
  closes_next_day: 0 | 1
  /** Minutes from Monday 00:00, local time: what "open now" compares. */
  start_minute: number
  /** Past 10080 for Sunday night into Monday. */
  end_minute: number
}

export interface ResourceConnectionsTable {
  resource_id: number
  coach_id: number
}

export interface ResourceTipsTable {
  id: Generated<number>
  resource_id: number
  text: string
  at: string
  account_id: number | null
}

export interface ResourceVersionsTable {
  resource_id: number
  version: number
  kind: VersionKind
  /** JSON of the version's fields (ResourceContent). */
  content: string
  /** JSON array of the field names this version changed. */
  changed: string
  restored_from: number | null
  at: string
  account_id: number | null
}

export interface ResourceChecksTable {
  id: Generated<number>
  resource_id: number
  version: number
  at: string
  account_id: number | null
}

export interface ResourcesFtsTable {
  rowid: number
  name: string
  description: string
  tips: string
  details: string
}

export type ResourceRow = Selectable<ResourcesTable>
export type ResourceVersionRow = Selectable<ResourceVersionsTable>
export type PathwayRow = Selectable<ResourcePathwaysTable>
