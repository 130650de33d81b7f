import type { CoachTitle } from '@shared/domain/settings'
import type { Coach, CoachFieldsInput } from '@shared/domain/roster'
import { listFromText, numberFromText, textFrom } from '../../../components/ui/form/convert'

/** What the coach form holds: text as typed (a half-typed number is still shown back), ticks as a list of keys. */
export interface CoachFormValues {
  [field: string]: string | string[]
  legalName: string
  preferredName: string
  pronouns: string
  email: string
  phone: string
  startDate: string
  employment: string
  title: string
  /** A supervisor's account id as text; '' for none. */
  supervisorAccountId: string
  supervisionCadenceDays: string
  workSettings: string[]
  languages: string
  /** Chosen when adding; later changes go through the stage history instead. */
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
    supervisorAccountId: '',
    supervisionCadenceDays: '14',
    workSettings: [],
    languages: '',
    careerStage: 'training',
  }
}

export function formFromCoach(coach: Coach): CoachFormValues {
  return {
    legalName: coach.legalName,
    preferredName: textFrom(coach.preferredName),
    pronouns: textFrom(coach.pronouns),
    email: textFrom(coach.email),
    phone: textFrom(coach.phone),
    startDate: coach.startDate,
    employment: coach.employment,
    title: coach.title,
    supervisorAccountId: textFrom(coach.supervisorAccountId),
    supervisionCadenceDays: textFrom(coach.supervisionCadenceDays),
    workSettings: [...coach.workSettings],
    languages: textFrom(coach.languages),
    careerStage: coach.careerStage,
  }
}

/** The form's values as the shared CoachFields schema takes them: the cadence a number, the languages a list. */
export function coachFieldsInput(values: CoachFormValues): CoachFieldsInput {
  return {
    legalName: values.legalName,
    preferredName: values.preferredName,
    pronouns: values.pronouns,
    email: values.email,
    phone: values.phone,
    startDate: values.startDate,
    employment: values.employment as CoachFieldsInput['employment'],
    title: values.title as CoachFieldsInput['title'],
    supervisorAccountId: values.supervisorAccountId ? numberFromText(values.supervisorAccountId) : null,
    supervisionCadenceDays: numberFromText(values.supervisionCadenceDays),
    workSettings: values.workSettings as CoachFieldsInput['workSettings'],
    languages: listFromText(values.languages),
  }
}
