import { fieldErrors } from '@shared/api/validation'
import type { CoachTitle } from '@shared/domain/settings'
import { CoachCreateInput, CoachFields, type Coach } from '@shared/domain/roster'
import type { z } from 'zod'

/** What the coach form holds: text as typed, so a half-typed number is still shown back to the person. */
export interface CoachFormValues {
  legalName: string
  preferredName: string
  pronouns: string
  email: string
  phone: string
  startDate: string
  employment: string
  title: string
  assignedSupervisor: string
  supervisionCadenceDays: string
  workSettings: string[]
  languages: string
  careerStage: string
}

export function emptyCoachForm(title: CoachTitle, today: string): CoachFormValues {
  return {
    legalName: '',
    preferredName: '',
    pronouns: '',
    email: '',
    phone: '',
    startDate: today,
    employment: 'part_time',
    title,
    assignedSupervisor: '',
    supervisionCadenceDays: '14',
    workSettings: [],
    languages: '',
    careerStage: 'training',
  }
}

export function formFromCoach(coach: Coach): CoachFormValues {
  return {
    legalName: coach.legalName,
    preferredName: coach.preferredName ?? '',
    pronouns: coach.pronouns ?? '',
    email: coach.email ?? '',
    phone: coach.phone ?? '',
    startDate: coach.startDate,
    employment: coach.employment,
    title: coach.title,
    assignedSupervisor: coach.assignedSupervisor ?? '',
    supervisionCadenceDays: String(coach.supervisionCadenceDays),
    workSettings: coach.workSettings,
    languages: coach.languages.join(', '),
    careerStage: coach.careerStage,
  }
}

/** "English, Spanish ,  ASL" -> ["English", "Spanish", "ASL"]. */
export function parseLanguages(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
}

function parseWholeNumber(text: string): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

function rawFields(values: CoachFormValues) {
  return {
    legalName: values.legalName,
    preferredName: values.preferredName,
    pronouns: values.pronouns,
    email: values.email,
    phone: values.phone,
    startDate: values.startDate,
    employment: values.employment,
    title: values.title,
    assignedSupervisor: values.assignedSupervisor,
    supervisionCadenceDays: parseWholeNumber(values.supervisionCadenceDays),
    workSettings: values.workSettings,
    languages: parseLanguages(values.languages),
  }
}

/** Errors keyed by form field: `languages.2` belongs to the one languages box. */
function errorsByFormField(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const field = path.split('.')[0]!
    errors[field] ??= message
  }
  return errors
}

export type Checked<T> = { ok: true; input: T } | { ok: false; errors: Record<string, string> }

/** The same schema the main process checks with, run before sending so errors show at once. */
export function checkNewCoach(values: CoachFormValues): Checked<z.input<typeof CoachCreateInput>> {
  const raw = { ...rawFields(values), careerStage: values.careerStage }
  const parsed = CoachCreateInput.safeParse(raw)
  return parsed.success
    ? { ok: true, input: raw as z.input<typeof CoachCreateInput> }
    : { ok: false, errors: errorsByFormField(parsed.error) }
}

export function checkCoachFields(values: CoachFormValues): Checked<z.input<typeof CoachFields>> {
  const raw = rawFields(values)
  const parsed = CoachFields.safeParse(raw)
  return parsed.success
    ? { ok: true, input: raw as z.input<typeof CoachFields> }
    : { ok: false, errors: errorsByFormField(parsed.error) }
}

/** Server errors on an update arrive under `fields.x`; the form wants `x`. */
export function formErrorsFromServer(fields: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const [path, message] of Object.entries(fields)) {
    const field = path.replace(/^fields\./, '').split('.')[0]!
    errors[field] ??= message
  }
  return errors
}
