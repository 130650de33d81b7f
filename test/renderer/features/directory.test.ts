import { describe, expect, it } from 'vitest'
import { ResourceFields, hoursProblems, isOpenAt, minuteOfWeekAt, staleThreshold } from '@shared/domain/directory'
import type { OpeningHours, Resource } from '@shared/domain/directory'
import { compactHours, formatInterval, weekLines } from '../../../renderer/src/features/directory/utils/hours'
import {
  describeFilters,
  filtersFromParams,
  paramsFromFilters,
} from '../../../renderer/src/features/directory/utils/filters'
import {
  decodeHoursRow,
  emptyResourceForm,
  encodeHoursRow,
  formFromResource,
  resourceFieldsInput,
} from '../../../renderer/src/features/directory/utils/resourceForm'
import { describeVersion, fieldText, versionRows } from '../../../renderer/src/features/directory/utils/history'

const h = (day: OpeningHours['day'], opens: string, closes: string, closesNextDay = false): OpeningHours => ({
  day,
  opens,
  closes,
  closesNextDay,
})

describe('opening hours as people read them', () => {
  it('runs days with the same hours together', () => {
    const weekdays = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => h(d, '09:00', '17:00'))
    expect(compactHours([...weekdays, h('sat', '10:00', '14:00')])).toBe('Mon–Fri 09:00–17:00; Sat 10:00–14:00')
    expect(compactHours([h('tue', '19:00', '20:30'), h('thu', '19:00', '20:30')])).toBe(
      'Tue 19:00–20:30; Thu 19:00–20:30',
    )
    expect(compactHours([h('sat', '22:00', '06:00', true), h('sun', '22:00', '06:00', true)])).toBe(
      'Sat, Sun 22:00–06:00 (next day)',
    )
    const always = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => h(d, '00:00', '24:00'))
    expect(compactHours(always)).toBe('Open 24 hours, every day')
    expect(compactHours([])).toBe('')
  })

  it('lists every day of the week, closed ones included', () => {
    const lines = weekLines([h('mon', '09:00', '12:00'), h('mon', '13:00', '17:00'), h('sun', '00:00', '24:00')])
    expect(lines[0]).toEqual({ day: 'Monday', times: '09:00–12:00, 13:00–17:00' })
    expect(lines[1]).toEqual({ day: 'Tuesday', times: 'Closed' })
    expect(lines[6]).toEqual({ day: 'Sunday', times: 'all day' })
    expect(formatInterval(h('fri', '20:00', '02:00', true))).toBe('20:00–02:00 (next day)')
  })
})

describe('the shared hours rules', () => {
  it('finds the problem on the interval it belongs to', () => {
    expect(hoursProblems([h('mon', '17:00', '09:00')])).toEqual([
      { path: [0, 'closes'], message: expect.stringMatching(/Closes before it opens/) },
    ])
    expect(hoursProblems([h('mon', '09:00', '12:00'), h('mon', '12:00', '13:00')])).toEqual([])
    expect(hoursProblems([h('sun', '23:00', '01:00', true), h('mon', '00:30', '02:00')])).toEqual([
      { path: [1], message: 'Overlaps Sunday 23:00–01:00 (next day)' },
    ])
  })

  it('says whether a place is open at a minute of the week, Sunday night running into Monday', () => {
    const hours = [h('sun', '22:00', '02:00', true)]
    expect(isOpenAt(hours, 6 * 1440 + 23 * 60)).toBe(true)
    expect(isOpenAt(hours, 60)).toBe(true)
    expect(isOpenAt(hours, 120)).toBe(false)
    expect(isOpenAt([], 0)).toBeNull()
  })

  it('reads the minute of the week on the office’s clocks, through a change of summer time', () => {
    // 2026-03-29 is the night the UK's clocks go forward: 01:00 UTC is 02:00 BST, a Sunday.
    expect(minuteOfWeekAt(new Date('2026-03-29T00:30:00Z'), 'Europe/London')).toBe(6 * 1440 + 30)
    expect(minuteOfWeekAt(new Date('2026-03-29T01:30:00Z'), 'Europe/London')).toBe(6 * 1440 + 150)
    expect(minuteOfWeekAt(new Date('2026-11-23T00:00:00Z'), 'America/Chicago')).toBe(6 * 1440 + 18 * 60)
  })

  it('goes stale six months after a check, on the last day of a shorter month', () => {
    expect(staleThreshold(new Date('2026-11-22T10:00:00.000Z'))).toBe('2026-05-22T10:00:00.000Z')
    expect(staleThreshold(new Date('2026-08-31T10:00:00.000Z'))).toBe('2026-02-28T10:00:00.000Z')
  })
})

describe('the directory’s filters in the address', () => {
  it('round-trips what it understands and leaves out what it does not', () => {
    const filters = filtersFromParams(
      new URLSearchParams('q=walk+in&kind=harm_reduction&pathway=3&domain=hope&language=Spanish&open=1&stale=1'),
    )
    expect(filters).toEqual({
      search: 'walk in',
      kind: 'harm_reduction',
      pathwayId: 3,
      domain: 'hope',
      language: 'Spanish',
      openNow: true,
      staleOnly: true,
    })
    expect(filtersFromParams(paramsFromFilters(filters))).toEqual(filters)
    expect(filtersFromParams(new URLSearchParams('kind=casino&pathway=-1&domain=wealth&open=yes&sort=x'))).toEqual({})
  })

  it('says the filters in words', () => {
    expect(describeFilters({ kind: 'legal', openNow: true, pathwayId: 2 }, () => 'SMART Recovery')).toBe(
      'Legal, SMART Recovery pathway, open now',
    )
    expect(describeFilters({}, () => undefined)).toBe('')
  })
})

describe('the resource form', () => {
  const resource: Resource = {
    id: 3,
    version: 2,
    name: 'Harbour Night Shelter',
    kind: 'food_shelter',
    description: null,
    pathways: [{ id: 5, label: 'Harm reduction' }],
    domains: ['personal', 'community'],
    phone: '555 0163',
    email: null,
    website: 'https://shelter.example.org/',
    address: '301 Harbor Road',
    hours: [h('fri', '19:00', '07:00', true)],
    hoursNote: null,
    languages: ['English', 'Spanish'],
    eligibility: null,
    howToGetIn: 'Call before 22:00',
    connections: [{ coachId: 2, displayName: 'Tommy Okafor' }],
    lastCheckedAt: '2026-11-01T10:00:00.000Z',
    lastCheckedBy: 'Dana',
    stale: false,
    openNow: false,
    updatedAt: '2026-11-01T10:00:00.000Z',
    createdAt: '2026-10-01T10:00:00.000Z',
    createdBy: 'Dana',
    updatedBy: 'Dana',
    tips: [],
  }

  it('opens on a resource and gives back exactly its fields, which the shared schema accepts', () => {
    const input = resourceFieldsInput(formFromResource(resource))
    const parsed = ResourceFields.parse(input)
    expect(parsed).toMatchObject({
      name: 'Harbour Night Shelter',
      pathwayIds: [5],
      hours: [{ day: 'fri', opens: '19:00', closes: '07:00', closesNextDay: true }],
      languages: ['English', 'Spanish'],
      connectedCoachIds: [2],
      description: null,
    })
  })

  it('keeps each opening time as one row of text, and an empty form is a name short of valid', () => {
    const row = { day: 'sun', opens: '22:00', closes: '02:00', closesNextDay: true }
    expect(decodeHoursRow(encodeHoursRow(row))).toEqual(row)
    const empty = ResourceFields.safeParse(resourceFieldsInput(emptyResourceForm()))
    expect(empty.success).toBe(false)
    expect(empty.error?.issues.map((i) => i.path.join('.'))).toEqual(['name'])
  })

  it('lets the schema refuse a half-typed id or time with its own message', () => {
    const values = { ...emptyResourceForm(), name: 'X', pathwayIds: ['2x'], hours: ['mon|9|17:00|0'] }
    const result = ResourceFields.safeParse(resourceFieldsInput(values))
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['hours.0.opens', 'pathwayIds.0'])
  })
})

describe('the history', () => {
  it('says what each version did', () => {
    expect(describeVersion({ kind: 'created', changed: [], restoredFrom: null })).toBe('Added to the directory')
    expect(describeVersion({ kind: 'edited', changed: ['phone', 'hours'], restoredFrom: null })).toBe(
      'Changed phone, opening hours',
    )
    expect(describeVersion({ kind: 'restored', changed: ['name'], restoredFrom: 1 })).toBe('Restored version 1 (name)')
  })

  it('shows a version’s fields with names for its pathways and coaches', () => {
    const content = {
      ...resourceFieldsInputContent(),
      pathwayIds: [5, 9],
      connectedCoachIds: [2],
    }
    const names = { pathways: [{ id: 5, label: 'Harm reduction' }], coaches: [{ coachId: 2, displayName: 'Tommy' }] }
    expect(fieldText(content, 'pathwayIds', names)).toBe('Harm reduction, #9')
    expect(fieldText(content, 'connectedCoachIds', names)).toBe('Tommy')
    expect(fieldText(content, 'email', names)).toBe('—')
    expect(versionRows(content, names)[0]).toEqual({ field: 'name', label: 'Name', text: 'A' })
  })
})

function resourceFieldsInputContent() {
  return {
    name: 'A',
    kind: 'other' as const,
    description: null,
    pathwayIds: [],
    domains: [],
    phone: null,
    email: null,
    website: null,
    address: null,
    hours: [],
    hoursNote: null,
    languages: [],
    eligibility: null,
    howToGetIn: null,
    connectedCoachIds: [],
  }
}
