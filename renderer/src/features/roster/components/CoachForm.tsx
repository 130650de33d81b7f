import { useState, type FormEvent } from 'react'
import { COACH_TITLES, capitalise } from '@shared/domain/settings'
import { CAREER_STAGES, EMPLOYMENT_TYPES, WORK_SETTINGS } from '@shared/domain/roster'
import { CheckboxGroup, ErrorSummary, SelectField, TextField } from '../../../app/ui'
import type { CoachFormValues } from '../utils/coachForm'

const ID_PREFIX = 'coach-'

export const COACH_FIELD_LABELS: Record<string, string> = {
  legalName: 'Legal name',
  preferredName: 'Preferred name',
  pronouns: 'Pronouns',
  email: 'Email',
  phone: 'Phone',
  startDate: 'Start date',
  employment: 'Employment',
  title: 'Title',
  assignedSupervisor: 'Assigned supervisor',
  supervisionCadenceDays: 'Supervision every (days)',
  workSettings: 'Settings they work in',
  languages: 'Languages',
  careerStage: 'Career-ladder stage',
}

const TITLE_OPTIONS = Object.fromEntries(
  Object.entries(COACH_TITLES).map(([key, words]) => [key, capitalise(words.singular)]),
)

interface CoachFormProps {
  initial: CoachFormValues
  /** The career stage is chosen when adding; later changes go through the stage history instead. */
  withCareerStage: boolean
  submitLabel: string
  saving: boolean
  /** Answers the errors to show, or null when the save went through. */
  onSubmit(values: CoachFormValues): Promise<{ errors: Record<string, string>; message?: string } | null>
  onCancel(): void
}

export function CoachForm({ initial, withCareerStage, submitLabel, saving, onSubmit, onCancel }: CoachFormProps) {
  const [values, setValues] = useState(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | undefined>()

  const set =
    <K extends keyof CoachFormValues>(key: K) =>
    (value: CoachFormValues[K]) =>
      setValues((current) => ({ ...current, [key]: value }))

  async function submit(event: FormEvent) {
    event.preventDefault()
    const outcome = await onSubmit(values)
    setErrors(outcome?.errors ?? {})
    setMessage(outcome?.message)
  }

  const field = (key: keyof CoachFormValues) => ({
    id: `${ID_PREFIX}${key}`,
    label: COACH_FIELD_LABELS[key]!,
    error: errors[key],
  })

  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={saving}>
      <ErrorSummary errors={errors} labels={COACH_FIELD_LABELS} idPrefix={ID_PREFIX} message={message} />
      <fieldset className="form__section">
        <legend>Name and contact</legend>
        <TextField
          {...field('legalName')}
          value={values.legalName}
          onChange={set('legalName')}
          required
          autoComplete="off"
        />
        <TextField
          {...field('preferredName')}
          value={values.preferredName}
          onChange={set('preferredName')}
          hint="The name the team uses, if different"
          autoComplete="off"
        />
        <TextField
          {...field('pronouns')}
          value={values.pronouns}
          onChange={set('pronouns')}
          hint="For example she/her, they/them"
        />
        <TextField {...field('email')} type="email" value={values.email} onChange={set('email')} autoComplete="off" />
        <TextField {...field('phone')} type="tel" value={values.phone} onChange={set('phone')} autoComplete="off" />
        <TextField
          {...field('languages')}
          value={values.languages}
          onChange={set('languages')}
          hint="Separate languages with commas, for example English, Spanish"
        />
      </fieldset>
      <fieldset className="form__section">
        <legend>Work</legend>
        <TextField {...field('startDate')} type="date" value={values.startDate} onChange={set('startDate')} required />
        <SelectField
          {...field('employment')}
          value={values.employment}
          onChange={set('employment')}
          options={EMPLOYMENT_TYPES}
          required
        />
        <SelectField
          {...field('title')}
          value={values.title}
          onChange={set('title')}
          options={TITLE_OPTIONS}
          required
        />
        {withCareerStage ? (
          <SelectField
            {...field('careerStage')}
            value={values.careerStage}
            onChange={set('careerStage')}
            options={CAREER_STAGES}
            required
          />
        ) : null}
        <CheckboxGroup
          id={`${ID_PREFIX}workSettings`}
          legend={COACH_FIELD_LABELS.workSettings!}
          options={WORK_SETTINGS}
          value={values.workSettings}
          onChange={set('workSettings')}
          error={errors.workSettings}
        />
      </fieldset>
      <fieldset className="form__section">
        <legend>Supervision</legend>
        <TextField
          {...field('assignedSupervisor')}
          value={values.assignedSupervisor}
          onChange={set('assignedSupervisor')}
        />
        <TextField
          {...field('supervisionCadenceDays')}
          inputMode="numeric"
          value={values.supervisionCadenceDays}
          onChange={set('supervisionCadenceDays')}
          hint="How often they meet their supervisor, from 1 to 365 days"
          required
        />
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
