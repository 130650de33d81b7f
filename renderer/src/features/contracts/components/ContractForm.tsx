import type { ReactNode } from 'react'
import { BILLING_BASES, CURRENCIES } from '@shared/domain/contracts'
import {
  Form,
  FormCheckboxGroup,
  FormSelectField,
  FormTextField,
  SubmitButton,
  type FormProps,
} from '../../../components/ui/form'
import type { ContractFormValues } from '../utils/contractForm'
import { CoverageField } from './CoverageField'

type ContractFormProps<I, R> = Omit<FormProps<ContractFormValues, I, R>, 'idPrefix' | 'children'> & {
  /** The partner is chosen when the contract is made; it keeps it for good. */
  partners: ReadonlyArray<{ id: number; name: string }> | null
  coaches: ReadonlyArray<{ id: number; displayName: string }>
  timeZone: string
  submitLabel: string
  onCancel(): void
  children?: ReactNode
}

export function ContractForm<I, R>({
  partners,
  coaches,
  timeZone,
  submitLabel,
  onCancel,
  children,
  ...form
}: ContractFormProps<I, R>) {
  return (
    <Form idPrefix="contract-" {...form}>
      {children}
      <fieldset className="form__section">
        <legend>The contract</legend>
        {partners ? (
          <FormSelectField
            name="partnerId"
            label="Partner"
            options={[['', 'Choose…'], ...partners.map((p) => [String(p.id), p.name] as const)]}
            required
          />
        ) : null}
        <FormTextField name="reference" label="Reference" hint="The contract's number, such as ED-2026-01" required />
        <FormTextField name="title" label="Title" required />
        <FormTextField name="startDate" label="Start date" type="date" required />
        <FormTextField name="endDate" label="End date" type="date" hint="The last day it is in force" required />
        <FormTextField
          name="renewalNoticeDays"
          label="Renewal notice (days)"
          inputMode="numeric"
          hint="How long before the end the office must decide on renewal; the contract is flagged from then"
          required
        />
      </fieldset>
      <fieldset className="form__section">
        <legend>Money</legend>
        <FormTextField
          name="valueMinor"
          label="Value"
          inputMode="numeric"
          hint="The amount in the currency below, such as 125,000.00: never negative, at most two decimals"
          required
        />
        <FormSelectField name="currency" label="Currency" options={CURRENCIES} required />
        <FormSelectField name="billingBasis" label="Billing basis" options={BILLING_BASES} required />
      </fieldset>
      <fieldset className="form__section">
        <legend>Service levels</legend>
        <FormTextField
          name="targetMinutes"
          label="Target minutes to arrival"
          inputMode="numeric"
          hint="From the request to a coach on site"
          required
        />
        <FormTextField name="expectedPerMonth" label="Expected dispatches a month" inputMode="numeric" required />
      </fieldset>
      <CoverageField timeZone={timeZone} />
      <FormCheckboxGroup
        name="team"
        legend="Team"
        hint="The coaches sent under this contract. Another coach can still be sent, once the coordinator confirms it."
        options={coaches.map((coach) => [String(coach.id), coach.displayName] as const)}
      />
      <div className="form__actions">
        <SubmitButton busyLabel="Saving…">{submitLabel}</SubmitButton>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Form>
  )
}
