import type { ReactNode } from 'react'
import { PARTNER_TYPES } from '@shared/domain/contracts'
import { Form, FormSelectField, FormTextField, SubmitButton, type FormProps } from '../../../components/ui/form'
import type { PartnerFormValues } from '../utils/partnerForm'
import { ContactsField } from './ContactsField'

type PartnerFormProps<I, R> = Omit<FormProps<PartnerFormValues, I, R>, 'idPrefix' | 'children'> & {
  submitLabel: string
  onCancel(): void
  children?: ReactNode
}

export function PartnerForm<I, R>({ submitLabel, onCancel, children, ...form }: PartnerFormProps<I, R>) {
  return (
    <Form idPrefix="partner-" {...form}>
      {children}
      <fieldset className="form__section">
        <legend>The partner</legend>
        <FormTextField name="name" label="Name" required autoComplete="off" />
        <FormSelectField
          name="type"
          label="Kind"
          options={[['', 'Choose…'], ...Object.entries(PARTNER_TYPES)]}
          required
        />
        <FormTextField name="address" label="Address" />
        <FormTextField name="notes" label="Notes" hint="About working with the partner: never about a person seen" />
      </fieldset>
      <ContactsField />
      <div className="form__actions">
        <SubmitButton busyLabel="Saving…">{submitLabel}</SubmitButton>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Form>
  )
}
