import type { OpeningHoursInput, Resource, ResourceContent, ResourceFieldsInput } from '@shared/domain/directory'
import { WEEKDAYS, type Weekday } from '@shared/domain/directory'
import { listFromText, textFrom } from '../../../components/ui/form/convert'

/**
 * What the resource form holds: text as typed, ticks as lists of keys, and each opening time as one row of text
 * ("mon|09:00|17:00|0"), so the hours are one field of the form with one place for their error.
 */
export interface ResourceFormValues {
  [field: string]: string | readonly string[]
  name: string
  kind: string
  description: string
  pathwayIds: readonly string[]
  domains: readonly string[]
  phone: string
  email: string
  website: string
  address: string
  hours: readonly string[]
  hoursNote: string
  languages: string
  eligibility: string
  howToGetIn: string
  connectedCoachIds: readonly string[]
}

export interface HoursRow {
  day: string
  opens: string
  closes: string
  closesNextDay: boolean
}

export const encodeHoursRow = (row: HoursRow) =>
  [row.day, row.opens, row.closes, row.closesNextDay ? '1' : '0'].join('|')

export function decodeHoursRow(text: string): HoursRow {
  const [day = '', opens = '', closes = '', next = '0'] = text.split('|')
  return { day, opens, closes, closesNextDay: next === '1' }
}

export const NEW_HOURS_ROW: HoursRow = { day: 'mon', opens: '09:00', closes: '17:00', closesNextDay: false }

export function emptyResourceForm(): ResourceFormValues {
  return {
    name: '',
    kind: 'mutual_aid',
    description: '',
    pathwayIds: [],
    domains: [],
    phone: '',
    email: '',
    website: '',
    address: '',
    hours: [],
    hoursNote: '',
    languages: '',
    eligibility: '',
    howToGetIn: '',
    connectedCoachIds: [],
  }
}

/** The form opened on a saved resource, or on an earlier version's fields. */
export function formFromContent(content: ResourceContent): ResourceFormValues {
  return {
    name: content.name,
    kind: content.kind,
    description: textFrom(content.description),
    pathwayIds: content.pathwayIds.map(String),
    domains: [...content.domains],
    phone: textFrom(content.phone),
    email: textFrom(content.email),
    website: textFrom(content.website),
    address: textFrom(content.address),
    hours: content.hours.map(encodeHoursRow),
    hoursNote: textFrom(content.hoursNote),
    languages: textFrom(content.languages),
    eligibility: textFrom(content.eligibility),
    howToGetIn: textFrom(content.howToGetIn),
    connectedCoachIds: content.connectedCoachIds.map(String),
  }
}

export function contentOfResource(resource: Resource): ResourceContent {
  return {
    name: resource.name,
    kind: resource.kind,
    description: resource.description,
    pathwayIds: resource.pathways.map((p) => p.id),
    domains: resource.domains,
    phone: resource.phone,
    email: resource.email,
    website: resource.website,
    address: resource.address,
    hours: resource.hours,
    hoursNote: resource.hoursNote,
    languages: resource.languages,
    eligibility: resource.eligibility,
    howToGetIn: resource.howToGetIn,
    connectedCoachIds: resource.connections.map((c) => c.coachId),
  }
}

export const formFromResource = (resource: Resource) => formFromContent(contentOfResource(resource))

const ids = (list: readonly string[]) => list.map((text) => (/^\d+$/.test(text) ? Number(text) : Number.NaN))

/** The form's values as the shared ResourceFields schema takes them. */
export function resourceFieldsInput(values: ResourceFormValues): ResourceFieldsInput {
  return {
    name: values.name,
    kind: values.kind as ResourceFieldsInput['kind'],
    description: values.description,
    pathwayIds: ids(values.pathwayIds),
    domains: [...values.domains] as ResourceFieldsInput['domains'],
    phone: values.phone,
    email: values.email,
    website: values.website,
    address: values.address,
    hours: values.hours.map((text) => {
      const row = decodeHoursRow(text)
      return { ...row, day: row.day as Weekday } satisfies OpeningHoursInput
    }),
    hoursNote: values.hoursNote,
    languages: listFromText(values.languages),
    eligibility: values.eligibility,
    howToGetIn: values.howToGetIn,
    connectedCoachIds: ids(values.connectedCoachIds),
  }
}

export const WEEKDAY_OPTIONS = WEEKDAYS
