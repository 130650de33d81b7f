import type { Dispatch, DispatchFieldsInput, DispatchOutcome } from '@shared/domain/dispatches'
import { idFromText, textFrom } from '../../../components/ui/form/convert'
import { officeDateTime, officeInstant, type Fold } from './officeTime'

/** The steps of a dispatch, in order, each a date and a time in office time on the form. */
export const STEPS = [
  { at: 'requestedAt', on: 'requestedOn', label: 'Requested' },
  { at: 'acceptedAt', on: 'acceptedOn', label: 'Accepted' },
  { at: 'arrivedAt', on: 'arrivedOn', label: 'Arrived' },
  { at: 'completedAt', on: 'completedOn', label: 'Completed' },
] as const
type Step = (typeof STEPS)[number]

/** What the dispatch form holds: text as typed, times as office wall-clock dates and times. */
export interface DispatchFormValues {
  [field: string]: string | boolean
  contractId: string
  requestedOn: string
  requestedAt: string
  requester: string
  location: string
  referenceCode: string
  coachId: string
  sendOffTeam: boolean
  acceptedOn: string
  acceptedAt: string
  arrivedOn: string
  arrivedAt: string
  completedOn: string
  completedAt: string
  outcome: string
  followUpOn: string
  /** In the hour the clocks go back, which of the two equal times every ambiguous step means. */
  fold: string
}

/** A new request: now, in office time, under `contractId` if one was chosen already. */
export function emptyDispatchForm(now: string, timeZone: string, contractId: number | null): DispatchFormValues {
  const { date, time } = officeDateTime(now, timeZone)
  return {
    contractId: contractId === null ? '' : String(contractId),
    requestedOn: date,
    requestedAt: time,
    requester: '',
    location: '',
    referenceCode: '',
    coachId: '',
    sendOffTeam: false,
    acceptedOn: '',
    acceptedAt: '',
    arrivedOn: '',
    arrivedAt: '',
    completedOn: '',
    completedAt: '',
    outcome: '',
    followUpOn: '',
    fold: 'earlier',
  }
}

export function formFromDispatch(d: Dispatch, timeZone: string): DispatchFormValues {
  const values = emptyDispatchForm(d.requestedAt, timeZone, d.contractId)
  for (const step of STEPS) {
    const { date, time } = officeDateTime(d[step.at], timeZone)
    values[step.on] = date
    values[step.at] = time
  }
  return {
    ...values,
    requester: d.requester,
    location: textFrom(d.location),
    referenceCode: textFrom(d.referenceCode),
    coachId: textFrom(d.coachId),
    sendOffTeam: d.sentOffTeam,
    outcome: textFrom(d.outcome),
    followUpOn: textFrom(d.followUpOn),
  }
}

/** A later step's date left empty is the request's day: most dispatches start and end on one day. */
function dateOf(values: DispatchFormValues, step: Step): string {
  const own = values[step.on].trim()
  return own === '' && values[step.at].trim() !== '' ? values.requestedOn : own
}

function stepInstant(values: DispatchFormValues, step: Step, timeZone: string) {
  return officeInstant(dateOf(values, step), values[step.at], timeZone, values.fold as Fold)
}

/**
 * The form's values as the shared DispatchFields schema takes them. A step not filled in is null; a time that cannot
 * be read goes on as text, for the schema to refuse on its field with its own message.
 */
export function dispatchFieldsInput(values: DispatchFormValues, timeZone: string): DispatchFieldsInput {
  const instants = {} as Record<Step['at'], string | null>
  for (const step of STEPS) {
    const read = stepInstant(values, step, timeZone)
    instants[step.at] =
      read.kind === 'empty' ? (step.at === 'requestedAt' ? '' : null) : read.kind === 'unreadable' ? '' : read.instant
  }
  return {
    requestedAt: instants.requestedAt!,
    requester: values.requester,
    location: values.location,
    referenceCode: values.referenceCode,
    coachId: idFromText(values.coachId),
    sendOffTeam: values.sendOffTeam,
    acceptedAt: instants.acceptedAt,
    arrivedAt: instants.arrivedAt,
    completedAt: instants.completedAt,
    outcome: values.outcome === '' ? null : (values.outcome as DispatchOutcome),
    followUpOn: values.followUpOn === '' ? null : values.followUpOn,
  }
}

/** Times the schema cannot judge: those the clocks skipped that day (the hour they go forward). */
export function dispatchTimeProblems(values: DispatchFormValues, timeZone: string): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const step of STEPS) {
    if (stepInstant(values, step, timeZone).kind === 'skipped') {
      problems[step.at] =
        `${readableTime(values[step.at])} did not happen on ${dateOf(values, step)}: the clocks went forward. Enter the time the clock showed.`
    }
  }
  return problems
}

/** The steps at a time that happened twice (the hour the clocks go back): the form then asks which was meant. */
export function ambiguousSteps(values: DispatchFormValues, timeZone: string): string[] {
  return STEPS.filter((step) => {
    const read = stepInstant(values, step, timeZone)
    return read.kind === 'ok' && read.ambiguous
  }).map((step) => step.label)
}

const readableTime = (text: string) => text.trim() || 'That time'
