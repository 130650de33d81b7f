import type { ResourceFieldsInput } from '@shared/domain/directory'

/** A valid `resources.create` input; override any field. */
export function resourceInput(overrides: Partial<ResourceFieldsInput> = {}): ResourceFieldsInput {
  return {
    name: 'Harbour Street Recovery Café',
    kind: 'peer_centre',
    description: 'A peer-run drop-in café: coffee, company and an all-recovery meeting on Thursday evenings.',
    pathwayIds: [1, 6],
    domains: ['social', 'connectedness'],
    phone: '+1 555 0142',
    email: 'hello@harbourcafe.example.org',
    website: 'https://harbourcafe.example.org/',
    address: '14 Harbour Street',
    hours: [
      { day: 'mon', opens: '09:00', closes: '17:00' },
      { day: 'thu', opens: '09:00', closes: '21:00' },
    ],
    hoursNote: 'Closed on public holidays',
    languages: ['English', 'Spanish'],
    eligibility: 'Anyone in or seeking recovery, and their families',
    howToGetIn: 'Walk in; no referral needed. Ask at the counter for a peer volunteer.',
    connectedCoachIds: [],
    ...overrides,
  }
}

/** The fields of a resource as `resources.update` takes them, from what `resources.get` answered. */
export function fieldsOf(resource: {
  name: string
  kind: ResourceFieldsInput['kind']
  description: string | null
  pathways: { id: number }[]
  domains: ResourceFieldsInput['domains']
  phone: string | null
  email: string | null
  website: string | null
  address: string | null
  hours: NonNullable<ResourceFieldsInput['hours']>
  hoursNote: string | null
  languages: string[]
  eligibility: string | null
  howToGetIn: string | null
  connections: { coachId: number }[]
}): ResourceFieldsInput {
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
