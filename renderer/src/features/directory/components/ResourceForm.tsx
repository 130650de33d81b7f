import type { ReactNode } from 'react'
import { RESOURCE_KINDS, type ConnectedCoach } from '@shared/domain/directory'
import { DOMAINS } from '@shared/domain/domains'
import {
  Form,
  FormCheckboxGroup,
  FormSelectField,
  FormTextField,
  SubmitButton,
  type FormProps,
} from '../../../components/ui/form'
import { useCoachChoices, usePathways } from '../api/directory'
import type { ResourceFormValues } from '../utils/resourceForm'
import { FormHoursField, FormTextArea } from './fields'

type ResourceFormProps<I, R> = Omit<FormProps<ResourceFormValues, I, R>, 'idPrefix' | 'children'> & {
  submitLabel: string
  onCancel(): void
  /** Coaches already named on the resource, kept as choices even if they have since left. */
  connected?: readonly ConnectedCoach[]
  /** Shown above the fields (the conflict view). */
  children?: ReactNode
}

/** Adding and editing a resource of the directory, over the shared ResourceFields schema. */
export function ResourceForm<I, R>({
  submitLabel,
  onCancel,
  connected = [],
  children,
  ...form
}: ResourceFormProps<I, R>) {
  const pathways = usePathways()
  const coaches = useCoachChoices()
  const pathwayOptions = (pathways.data?.items ?? []).map((p) => [String(p.id), p.label] as const)
  const coachList = [...(coaches.data?.items ?? [])]
  for (const coach of connected) if (!coachList.some((c) => c.coachId === coach.coachId)) coachList.push(coach)
  const coachOptions = coachList.map((c) => [String(c.coachId), c.displayName] as const)

  return (
    <Form idPrefix="resource-" {...form}>
      {children}
      <fieldset className="form__section">
        <legend>What it is</legend>
        <FormTextField name="name" label="Name" required autoComplete="off" />
        <FormSelectField name="kind" label="Kind of support" options={RESOURCE_KINDS} required />
        <FormTextArea name="description" label="Description" hint="What they offer, in a sentence or two" />
        <FormCheckboxGroup
          name="pathwayIds"
          legend="Recovery pathways it serves"
          options={pathwayOptions}
          hint="The office can add pathways on the directory page"
        />
        <FormCheckboxGroup name="domains" legend="Domains it builds" options={DOMAINS} />
      </fieldset>
      <fieldset className="form__section">
        <legend>Contact</legend>
        <FormTextField name="phone" label="Phone" type="tel" autoComplete="off" />
        <FormTextField name="email" label="Email" type="email" autoComplete="off" />
        <FormTextField name="website" label="Web address" hint="Starting with https:// or http://" wide />
        <FormTextField name="address" label="Address" wide />
      </fieldset>
      <fieldset className="form__section">
        <legend>When</legend>
        <FormHoursField name="hours" label="Opening hours" />
        <FormTextField name="hoursNote" label="Note on the hours" hint="Public holidays, seasons, call first…" wide />
      </fieldset>
      <fieldset className="form__section">
        <legend>Getting someone in</legend>
        <FormTextField
          name="languages"
          label="Languages"
          hint="Separate languages with commas, for example English, Spanish"
        />
        <FormTextArea name="eligibility" label="Who is eligible" rows={2} />
        <FormTextArea name="howToGetIn" label="How to get someone in" hint="Who to call, and when" rows={3} />
        {coachOptions.length ? (
          <FormCheckboxGroup name="connectedCoachIds" legend="Coaches with a connection there" options={coachOptions} />
        ) : null}
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
