import type { FormProblem } from '../../../components/ui/form'
import type { BarrierKind, Session, SessionFieldsInput } from '@shared/domain/supervision'

/** The editor's action-item rows: enough for a session; each left blank is not an item. */
export const ITEM_SLOTS = 5

/** What the session form holds: text as typed, ticks as lists of keys, items as numbered rows. */
export interface SessionFormValues {
  [field: string]: string | string[]
  format: string
  coachIds: string[]
  heldOn: string
  minutes: string
  functions: string[]
  sharedNote: string
  privateNote: string
  barriers: string[]
  barrierOther: string
}

const itemName = (i: number, part: 'Text' | 'Owner' | 'Due') => `item${i}${part}`

export function emptySessionForm(coachId: number | null, today: string): SessionFormValues {
  const values: SessionFormValues = {
    format: 'individual',
    coachIds: coachId ? [String(coachId)] : [],
    heldOn: today,
    minutes: '50',
    functions: [],
    sharedNote: '',
    privateNote: '',
    barriers: [],
    barrierOther: '',
  }
  for (let i = 0; i < ITEM_SLOTS; i++) {
    values[itemName(i, 'Text')] = ''
    values[itemName(i, 'Owner')] = 'coach'
    values[itemName(i, 'Due')] = ''
  }
  return values
}

export function formFromSession(session: Session): SessionFormValues {
  const values = emptySessionForm(null, session.heldOn)
  values.format = session.format
  values.coachIds = session.coaches.map((c) => String(c.id))
  values.minutes = String(session.minutes)
  values.functions = [...session.functions]
  values.sharedNote = session.sharedNote
  values.privateNote = session.privateNote ?? ''
  values.barriers = session.barriers.map((b) => b.kind)
  values.barrierOther = session.barriers.find((b) => b.kind === 'other')?.detail ?? ''
  session.actionItems.slice(0, ITEM_SLOTS).forEach((item, i) => {
    values[itemName(i, 'Text')] = item.text
    values[itemName(i, 'Owner')] = item.owner === 'supervisor' ? 'supervisor' : `coach:${item.coachId}`
    values[itemName(i, 'Due')] = item.dueOn
  })
  return values
}

/** The rows typed into, in order: the schema's `actionItems.N` is the N-th of these. */
function filledSlots(values: SessionFormValues): number[] {
  const slots: number[] = []
  for (let i = 0; i < ITEM_SLOTS; i++) {
    if (String(values[itemName(i, 'Text')] ?? '').trim() !== '' || String(values[itemName(i, 'Due')] ?? '') !== '') {
      slots.push(i)
    }
  }
  return slots
}

export function sessionFieldsInput(values: SessionFormValues): SessionFieldsInput {
  const minutes = values.minutes.trim() === '' ? Number.NaN : Number(values.minutes)
  return {
    format: values.format as SessionFieldsInput['format'],
    coachIds: values.coachIds.map(Number),
    heldOn: values.heldOn,
    minutes,
    functions: values.functions as SessionFieldsInput['functions'],
    sharedNote: values.sharedNote,
    privateNote: values.privateNote,
    barriers: (values.barriers as BarrierKind[]).map((kind) =>
      kind === 'other' ? { kind, detail: values.barrierOther } : { kind },
    ),
    actionItems: filledSlots(values).map((i) => {
      const owner = String(values[itemName(i, 'Owner')])
      return {
        text: String(values[itemName(i, 'Text')]),
        owner: owner === 'supervisor' ? 'supervisor' : 'coach',
        coachId: owner.startsWith('coach:') ? Number(owner.slice(6)) : null,
        dueOn: String(values[itemName(i, 'Due')]),
      }
    }),
  }
}

/** A path of the schema (`fields.actionItems.1.dueOn`) as the form's field name (`item3Due`). */
export function fieldOfPath(path: string, values: SessionFormValues): string {
  const parts = path.split('.').filter((p) => p !== 'fields')
  if (parts[0] === 'actionItems' && parts.length >= 2) {
    const slot = filledSlots(values)[Number(parts[1])] ?? 0
    const part = parts[2] === 'dueOn' ? 'Due' : parts[2] === 'text' ? 'Text' : 'Owner'
    return itemName(slot, part)
  }
  if (parts[0] === 'barriers') return parts[2] === 'detail' ? 'barrierOther' : 'barriers'
  return parts[0] ?? path
}

export function sessionProblem(problem: FormProblem, values: SessionFormValues): FormProblem {
  const fields: Record<string, string> = {}
  for (const [path, message] of Object.entries(problem.fields)) fields[fieldOfPath(path, values)] ??= message
  return { ...problem, fields }
}

export { itemName }
