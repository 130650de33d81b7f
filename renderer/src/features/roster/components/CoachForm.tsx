import type { ReactNode } from 'react'
import { COACH_TITLES, capitalise } from '@shared/domain/settings'
import { CAREER_STAGES, EMPLOYMENT_TYPES, WORK_SETTINGS } from '@shared/domain/roster'
import {
  Form,
  FormCheckboxGroup,
  FormSelectField,
  FormTextField,
  SubmitButton,
  type FormProps,
} from '../../../components/ui/form'
import type { CoachFormValues } from '../utils/coachForm'
import { useSupervisorChoices } from '../api/roster'

const TITLE_OPTIONS = Object.fromEntries(
  Object.entries(COACH_TITLES).map(([key, words]) => [key, capitalise(words.singular)]),
)

type CoachFormProps<I, R> = Omit<FormProps<CoachFormValues, I, R>, 'idPrefix' | 'children'> & {
  /** The career stage is chosen when adding; later changes go through the stage history instead. */
  withCareerStage: boolean
  submitLabel: string
  onCancel(): void
  /** Shown above the fields (the conflict view). */
  children?: ReactNode
}

/** Adding and editing a coach: the worked example of a form (the shared schema, the fields, the submit button). */
export function CoachForm<I, R>({ withCareerStage, submitLabel, onCancel, children, ...form }: CoachFormProps<I, R>) {
  const supervisors = useSupervisorChoices().data?.items ?? []
  const current = form.defaultValues.supervisorAccountId
  const supervisorOptions: Array<[string, string]> = [
    ['', 'No supervisor yet'],
    ...supervisors.map((s): [string, string] => [String(s.id), s.displayName]),
    // A link kept from before (no longer an active supervisor) stays choosable until someone changes it.
    ...(current && !supervisors.some((s) => String(s.id) === current)
      ? [[current, 'The current supervisor (no longer a supervisor)'] as [string, string]]
      : []),
  ]
  return (
    <Form idPrefix="coach-" {...form}>
      {children}
      <fieldset className="form__section">
        <legend>Name and contact</legend>
        <FormTextField name="legalName" label="Legal name" required autoComplete="off" />
        <FormTextField
          name="preferredName"
          label="Preferred name"
          hint="The name the team uses, if different"
          autoComplete="off"
        />
        <FormTextField name="pronouns" label="Pronouns" hint="For example she/her, they/them" />
        <FormTextField name="email" label="Email" type="email" autoComplete="off" />
        <FormTextField name="phone" label="Phone" type="tel" autoComplete="off" />
        <FormTextField
          name="languages"
          label="Languages"
          hint="Separate languages with commas, for example English, Spanish"
        />
      </fieldset>
      <fieldset className="form__section">
        <legend>Work</legend>
        <FormTextField name="startDate" label="Start date" type="date" required />
        <FormSelectField name="employment" label="Employment" options={EMPLOYMENT_TYPES} required />
        <FormSelectField name="title" label="Title" options={TITLE_OPTIONS} required />
        {withCareerStage ? (
          <FormSelectField name="careerStage" label="Career-ladder stage" options={CAREER_STAGES} required />
        ) : null}
        <FormCheckboxGroup name="workSettings" legend="Settings they work in" options={WORK_SETTINGS} />
      </fieldset>
      <fieldset className="form__section">
        <legend>Supervision</legend>
        <FormSelectField name="supervisorAccountId" label="Assigned supervisor" options={supervisorOptions} />
        <FormTextField
          name="supervisionCadenceDays"
          label="Supervision every (days)"
          inputMode="numeric"
          hint="How often they meet their supervisor, from 1 to 365 days"
          required
        />
      </fieldset>
      <div className="form__actions">
        <SubmitButton busyLabel="Saving…">{submitLabel}</SubmitButton>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Form>
  )
}
