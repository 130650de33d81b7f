import {
  RESOURCE_FIELD_LABELS,
  RESOURCE_FIELDS,
  RESOURCE_KINDS,
  type ResourceContent,
  type ResourceHistory,
  type ResourceVersion,
} from '@shared/domain/directory'
import { DOMAINS } from '@shared/domain/domains'
import { capitalise } from '@shared/domain/settings'
import { compactHours } from './hours'

/** "Edited: phone, opening hours", "Restored version 2", "Added". */
export function describeVersion(version: Pick<ResourceVersion, 'kind' | 'changed' | 'restoredFrom'>): string {
  const fields = version.changed.map((field) => RESOURCE_FIELD_LABELS[field]).join(', ')
  switch (version.kind) {
    case 'created':
      return 'Added to the directory'
    case 'edited':
      return `Changed ${fields || 'nothing'}`
    case 'restored':
      return `Restored version ${version.restoredFrom}${fields ? ` (${fields})` : ''}`
  }
}

/** One field of a version as text, with pathway and coach names from the history's own lists. */
export function fieldText(
  content: ResourceContent,
  field: keyof ResourceContent,
  names: Pick<ResourceHistory, 'pathways' | 'coaches'>,
): string {
  const none = '—'
  switch (field) {
    case 'kind':
      return RESOURCE_KINDS[content.kind]
    case 'pathwayIds':
      return (
        content.pathwayIds.map((id) => names.pathways.find((p) => p.id === id)?.label ?? `#${id}`).join(', ') || none
      )
    case 'domains':
      return content.domains.map((d) => DOMAINS[d]).join(', ') || none
    case 'hours':
      return compactHours(content.hours) || none
    case 'languages':
      return content.languages.join(', ') || none
    case 'connectedCoachIds':
      return (
        content.connectedCoachIds
          .map((id) => names.coaches.find((c) => c.coachId === id)?.displayName ?? `#${id}`)
          .join(', ') || none
      )
    default:
      return content[field] ?? none
  }
}

/** Every field of a version, labelled, for reading it whole before restoring it. */
export function versionRows(
  content: ResourceContent,
  names: Pick<ResourceHistory, 'pathways' | 'coaches'>,
): { field: keyof ResourceContent; label: string; text: string }[] {
  return RESOURCE_FIELDS.map((field) => ({
    field,
    label: capitalise(RESOURCE_FIELD_LABELS[field]),
    text: fieldText(content, field, names),
  }))
}
