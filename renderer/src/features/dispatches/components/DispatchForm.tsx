import type { ReactNode } from 'react'
import { useFormContext } from 'react-hook-form'
import { DISPATCH_OUTCOMES, REFERENCE_CODE_HINT, type Suggestions } from '@shared/domain/dispatches'
import {
  Form,
  FormCheckbox,
  FormRadioGroup,
  FormSelectField,
  FormTextField,
  SubmitButton,
  useFormValue,
  type FormProps,
} from '../../../components/ui/form'
import { ambiguousSteps, STEPS, type DispatchFormValues } from '../utils/dispatchForm'
import { FOLDS } from '../utils/officeTime'
import { useSuggestions } from '../api/dispatches'

type DispatchFormProps<I, R> = Omit<FormProps<DispatchFormValues, I, R>, 'idPrefix' | 'children'> & {
  /** The contracts a request may be logged under; null once it is logged (a dispatch keeps its contract). */
  contracts: ReadonlyArray<{ id: number; reference: string; partnerName: string }> | null
  /** Every current coach, for sending someone off the team. */
  coaches: ReadonlyArray<{ id: number; displayName: string }>
  /** The coach a saved dispatch already names. */
  keep?: { id: number; displayName: string } | null
  timeZone: string
  submitLabel: string
  onCancel(): void
  children?: ReactNode
}

const REASONS = { on_dispatch: 'on a dispatch now', not_active: 'not active' } as const

/**
 * Who to send, as the coordinator reads it: the team's free coaches, least loaded this week first, then the team's
 * busy ones, then everyone else on the roster, who can be sent once the coordinator confirms it.
 */
function coachOptions(suggestions: Suggestions | undefined, coaches: DispatchFormProps<unknown, unknown>['coaches']) {
  const options: Array<readonly [string, string]> = [['', 'No coach yet']]
  const onTeam = new Set<number>()
  for (const s of suggestions?.items ?? []) {
    onTeam.add(s.coachId)
    options.push([String(s.coachId), `${s.displayName}: free, ${s.dispatchesThisWeek} this week`])
  }
  for (const u of suggestions?.unavailable ?? []) {
    onTeam.add(u.coachId)
    options.push([String(u.coachId), `${u.displayName}: ${REASONS[u.reason]}`])
  }
  for (const c of coaches) {
    if (!onTeam.has(c.id)) options.push([String(c.id), `${c.displayName}: not on this contract's team`])
  }
  return { options, onTeam }
}

function StepFields({ step, timeZone }: { step: (typeof STEPS)[number]; timeZone: string }) {
  const first = step.at === 'requestedAt'
  return (
    <fieldset className="form__section">
      <legend>{step.label}</legend>
      <div className="repeat-row repeat-row--plain">
        <FormTextField
          name={step.on}
          label={`${step.label}: date`}
          type="date"
          hint={first ? undefined : 'Empty for the day of the request'}
          required={first}
        />
        <FormTextField
          name={step.at}
          label={`${step.label}: time`}
          inputMode="numeric"
          hint={first ? `Office time (${timeZone}), 24-hour, like 14:05` : 'Office time, 24-hour'}
          required={first}
        />
      </div>
    </fieldset>
  )
}

/** Asks which of two equal times was meant, only when a step falls in the hour the clocks go back. */
function FoldChoice({ timeZone }: { timeZone: string }) {
  const { watch } = useFormContext<DispatchFormValues>()
  const steps = ambiguousSteps(watch(), timeZone)
  if (steps.length === 0) return null
  return (
    <FormRadioGroup
      name="fold"
      legend={`The clocks went back that night, so ${steps.join(' and ').toLowerCase()} happened twice. Which was it?`}
      options={FOLDS}
    />
  )
}

function CoachFields({ coaches, keep }: Pick<DispatchFormProps<unknown, unknown>, 'coaches' | 'keep'>) {
  const chosen = useFormValue<string>('coachId')
  const contractId = Number(useFormValue<string>('contractId')) || null
  const suggestions = useSuggestions(contractId).data
  const { options, onTeam } = coachOptions(suggestions, coaches)
  // The coach already recorded stays a choice though they have since left the roster.
  if (keep && !options.some(([value]) => value === String(keep.id))) {
    options.push([String(keep.id), keep.displayName])
    onTeam.add(keep.id)
  }
  const offTeam = chosen !== '' && suggestions !== undefined && !onTeam.has(Number(chosen))
  return (
    <fieldset className="form__section">
      <legend>Coach</legend>
      <FormSelectField
        name="coachId"
        label="Coach sent"
        options={options}
        hint="The contract's team members who are free come first, least loaded this week first."
      />
      {offTeam ? (
        <>
          <p className="notice notice--warning">
            This coach is not on the contract&apos;s team. They can still be sent, for a request that would otherwise
            wait: confirm it below.
          </p>
          <FormCheckbox name="sendOffTeam" label="Send anyway, although not on the team" />
        </>
      ) : null}
    </fieldset>
  )
}

export function DispatchForm<I, R>({
  contracts,
  coaches,
  keep = null,
  timeZone,
  submitLabel,
  onCancel,
  children,
  ...form
}: DispatchFormProps<I, R>) {
  return (
    <Form idPrefix="dispatch-" {...form}>
      {children}
      <fieldset className="form__section">
        <legend>The request</legend>
        {contracts ? (
          <FormSelectField
            name="contractId"
            label="Contract"
            options={[
              ['', 'Choose…'],
              ...contracts.map((c) => [String(c.id), `${c.reference} (${c.partnerName})`] as const),
            ]}
            required
          />
        ) : null}
        <FormTextField
          name="requester"
          label="Who asked"
          hint="A role or name at the partner, such as Charge nurse"
          required
        />
        <FormTextField name="location" label="Location or unit" />
        <FormTextField name="referenceCode" label="Reference code" hint={REFERENCE_CODE_HINT} autoComplete="off" />
      </fieldset>
      <StepFields step={STEPS[0]} timeZone={timeZone} />
      <CoachFields coaches={coaches} keep={keep} />
      {STEPS.slice(1).map((step) => (
        <StepFields key={step.at} step={step} timeZone={timeZone} />
      ))}
      <FoldChoice timeZone={timeZone} />
      <fieldset className="form__section">
        <legend>How it ended</legend>
        <FormSelectField
          name="outcome"
          label="Outcome"
          options={[['', 'Not yet'], ...Object.entries(DISPATCH_OUTCOMES)]}
          hint="With the completion time"
        />
        <FormTextField name="followUpOn" label="Follow-up date" type="date" />
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
