import { describe, expect, it } from 'vitest'
import { SessionFields, type BalanceRow, type Session } from '@shared/domain/supervision'
import {
  balanceSeries,
  barrierSeries,
  withoutRestorative,
} from '../../../renderer/src/features/supervision/utils/charts'
import {
  ITEM_SLOTS,
  emptySessionForm,
  fieldOfPath,
  formFromSession,
  itemName,
  sessionFieldsInput,
  sessionProblem,
  type SessionFormValues,
} from '../../../renderer/src/features/supervision/utils/sessionForm'

const row = (displayName: string, counts: Partial<BalanceRow> = {}): BalanceRow => ({
  coachId: 1,
  displayName,
  sessions: 4,
  normative: 2,
  formative: 3,
  restorative: 1,
  lastRestorativeOn: '2026-10-01',
  ...counts,
})

describe('the start page series', () => {
  it('gives one bar per coach with the three functions, the same numbers as the table', () => {
    expect(balanceSeries([row('Rosa Diaz'), row('Sam Lee', { sessions: 1, normative: 0, formative: 0 })])).toEqual([
      { name: 'Rosa Diaz', sessions: 4, normative: 2, formative: 3, restorative: 1 },
      { name: 'Sam Lee', sessions: 1, normative: 0, formative: 0, restorative: 1 },
    ])
    expect(balanceSeries([])).toEqual([])
  })

  it('names supervised coaches with no restorative session, not those with no session at all', () => {
    const rows = [
      row('Rosa Diaz', { restorative: 0 }),
      row('Sam Lee', { sessions: 0, normative: 0, formative: 0, restorative: 0 }),
      row('Ana Ruiz'),
    ]
    expect(withoutRestorative(rows)).toEqual(['Rosa Diaz'])
  })

  it('stacks barriers per quarter by kind with a total', () => {
    const series = barrierSeries([
      { quarter: '2026-Q3', sessions: 10, counts: { payer_funding: 2, host_site_policy: 1, stigma: 0, other: 3 } },
      { quarter: '2026-Q4', sessions: 0, counts: { payer_funding: 0, host_site_policy: 0, stigma: 0, other: 0 } },
    ])
    expect(series).toEqual([
      { quarter: '2026-Q3', total: 6, payer_funding: 2, host_site_policy: 1, stigma: 0, other: 3 },
      { quarter: '2026-Q4', total: 0, payer_funding: 0, host_site_policy: 0, stigma: 0, other: 0 },
    ])
  })
})

const session: Session = {
  id: 7,
  version: 3,
  status: 'draft',
  format: 'group',
  heldOn: '2026-11-20',
  minutes: 75,
  functions: ['formative', 'restorative'],
  supervisorAccountId: 1,
  supervisorName: 'Dana Whitfield',
  coaches: [
    { id: 4, displayName: 'Rosa Diaz' },
    { id: 9, displayName: 'Sam Lee' },
  ],
  otherCoaches: 0,
  sharedNote: 'Talked about rest.',
  privateNote: 'Seemed tired.',
  barriers: [
    { kind: 'stigma', detail: null },
    { kind: 'other', detail: 'Bus route cut' },
  ],
  actionItems: [
    {
      id: 1,
      sessionId: 7,
      text: 'Book the ethics training',
      owner: 'coach',
      coachId: 9,
      coachName: 'Sam Lee',
      dueOn: '2026-12-01',
      doneAt: null,
      doneByName: null,
      mayMarkDone: false,
    },
    {
      id: 2,
      sessionId: 7,
      text: 'Ask the hospital about badges',
      owner: 'supervisor',
      coachId: null,
      coachName: null,
      dueOn: '2026-12-05',
      doneAt: null,
      doneByName: null,
      mayMarkDone: false,
    },
  ],
  addenda: [],
  assessmentIds: [],
  createdAt: '2026-11-20T15:00:00.000Z',
  updatedAt: '2026-11-20T16:00:00.000Z',
  signedOffAt: null,
  signedOffByName: null,
}

describe('the session form', () => {
  it('starts with the coach chosen, today, and empty item rows owned by the coach', () => {
    const values = emptySessionForm(4, '2026-11-22')
    expect(values).toMatchObject({ coachIds: ['4'], heldOn: '2026-11-22', functions: [], sharedNote: '' })
    for (let i = 0; i < ITEM_SLOTS; i++) {
      expect(values[itemName(i, 'Text')]).toBe('')
      expect(values[itemName(i, 'Owner')]).toBe('coach')
    }
    expect(emptySessionForm(null, '2026-11-22').coachIds).toEqual([])
  })

  it('round-trips a session through the form to what the shared schema accepts', () => {
    const values = formFromSession(session)
    expect(values).toMatchObject({
      format: 'group',
      coachIds: ['4', '9'],
      minutes: '75',
      barriers: ['stigma', 'other'],
      barrierOther: 'Bus route cut',
      privateNote: 'Seemed tired.',
      item0Owner: 'coach:9',
      item1Owner: 'supervisor',
    })
    const input = sessionFieldsInput(values)
    const parsed = SessionFields.safeParse(input)
    expect(parsed.success).toBe(true)
    expect(parsed.data).toMatchObject({
      coachIds: [4, 9],
      minutes: 75,
      functions: ['formative', 'restorative'],
      barriers: [
        { kind: 'stigma', detail: null },
        { kind: 'other', detail: 'Bus route cut' },
      ],
      actionItems: [
        { text: 'Book the ethics training', owner: 'coach', coachId: 9, dueOn: '2026-12-01' },
        { text: 'Ask the hospital about badges', owner: 'supervisor', coachId: null, dueOn: '2026-12-05' },
      ],
    })
    // A coach reads no private note: the form shows it empty rather than "null".
    expect(formFromSession({ ...session, privateNote: null }).privateNote).toBe('')
  })

  it('keeps blank minutes and blank rows from turning into numbers or items', () => {
    const values: SessionFormValues = { ...emptySessionForm(4, '2026-11-22'), minutes: ' ', functions: ['normative'] }
    values[itemName(2, 'Text')] = 'Call the housing program'
    values[itemName(2, 'Due')] = '2026-12-01'
    const input = sessionFieldsInput(values)
    expect(Number.isNaN(input.minutes)).toBe(true)
    expect(input.actionItems).toEqual([
      { text: 'Call the housing program', owner: 'coach', coachId: null, dueOn: '2026-12-01' },
    ])
    const parsed = SessionFields.safeParse(input)
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(['minutes'])
  })

  it('puts the schema’s messages on the fields a person typed into', () => {
    const values = emptySessionForm(4, '2026-11-22')
    values[itemName(3, 'Text')] = 'Second row typed, in the fourth slot'
    values[itemName(1, 'Due')] = '2026-12-01'
    // Items 0 and 1 of the schema are slots 1 and 3 of the form.
    expect(fieldOfPath('fields.actionItems.1.dueOn', values)).toBe('item3Due')
    expect(fieldOfPath('actionItems.0.text', values)).toBe('item1Text')
    expect(fieldOfPath('fields.barriers.0.detail', values)).toBe('barrierOther')
    expect(fieldOfPath('fields.barriers.1.kind', values)).toBe('barriers')
    expect(fieldOfPath('fields.sharedNote', values)).toBe('sharedNote')
    const problem = sessionProblem(
      {
        message: 'Check the session',
        fields: {
          'fields.actionItems.0.text': 'The action is required',
          'fields.actionItems.0.dueOn': 'Due date is required',
          'fields.barriers.0.detail': 'Say in a word what the barrier was',
          'fields.barriers.0.kind': 'Choose a listed barrier',
        },
      },
      values,
    )
    expect(problem.fields).toEqual({
      item1Text: 'The action is required',
      item1Due: 'Due date is required',
      barrierOther: 'Say in a word what the barrier was',
      barriers: 'Choose a listed barrier',
    })
  })
})
