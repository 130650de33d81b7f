import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react'
import { FormProvider, useForm, useFormState, type FieldErrors, type Resolver } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { drafts, isAppClosing } from '../../../lib/drafts'
import { ErrorSummary, type ErrorEntry } from '../ErrorSummary'
import { flattenFieldErrors, placeMessages, problemFromError, type FormProblem } from './problems'
import { useLeaveGuard, useLeaveGuardScope } from './unsaved'
import { sameValues, withoutFields, type FieldValue, type FormValues } from './values'

/** What `onSubmit` answers when it did not save and the page says why itself (a conflict view, a confirmation). */
export const NOT_SAVED = Symbol('not saved')

/** A field on screen, as the form knows it: for the error summary, the conflict view and drafts. */
export interface RegisteredField {
  name: string
  id: string
  label: string
  /** A password: never kept in a draft. */
  secret: boolean
  /** The value as the person reads it (an option's label rather than its key). */
  display(value: FieldValue | undefined): string
}

interface FormKit {
  idPrefix: string
  busy: boolean
  register(field: { current: RegisteredField }): () => void
  field(name: string): RegisteredField | undefined
  /** Sends the form as its submit button would (after a confirmation, say). */
  submit(): void
  /**
   * The saved record changed under the form (a conflict): `baseline` is what is saved now, and the form shows
   * `values` (by default, what is typed) as changes to it.
   */
  rebase(baseline: FormValues, values?: FormValues): void
  /** What the edit started from (the saved values when the form opened, or after the last save). */
  baseline(): FormValues
}

const FormKitContext = createContext<FormKit | null>(null)

export function useFormKit(): FormKit {
  const kit = useContext(FormKitContext)
  if (!kit) throw new Error('A form field is used outside a <Form>')
  return kit
}

type SchemaFor<V, I> = z.ZodType<unknown, I> | ((values: V) => z.ZodType<unknown, I>)

export interface FormProps<V extends FormValues, I, R> {
  /** Every field's id is this and its name: `coach-` gives `coach-legalName` (what the error summary links to). */
  idPrefix: string
  /** The shared schema the main process checks the same input with (or one per state of the form). */
  schema: SchemaFor<V, I>
  defaultValues: V
  /** What the form holds to what the schema takes; see ./convert. Without it the values go as they are. */
  toInput?(values: V): unknown
  /** Checks that belong to the form alone (a password typed twice); a field the schema refused keeps that message. */
  check?(values: V): Partial<Record<string, string>>
  /** Sends the input (already through the schema). Throw to show the failure; answer NOT_SAVED to keep editing. */
  onSubmit(input: I, values: V): Promise<R | typeof NOT_SAVED>
  /** After a save: the form is clean again (so leaving does not ask), then this runs (navigate away, say). */
  onSaved?(result: R, values: V): void
  /** What the form shows after a save; by default what was saved. */
  valuesAfterSave?(result: R, values: V): V
  /** A failed call as the form shows it; by default `problemFromError`. */
  problemOf?(error: unknown, values: V): FormProblem
  /** Emptied after a failed attempt (a wrong password is typed again from scratch), or chosen by what failed. */
  clearOnFailure?: readonly (keyof V & string)[] | ((problem: FormProblem) => readonly (keyof V & string)[])
  /** The error summary's heading, by whether any field has an error. */
  failureTitle?: string | ((hasFieldErrors: boolean) => string | undefined)
  /** Keeps what is typed across a lock of the screen (inside the signed-in app only). Unique per form and record. */
  draftKey?: string
  /** Kept with the draft (the record version the edit started from); read back with `useDraftMeta`. */
  draftMeta?: unknown
  className?: string
  'aria-labelledby'?: string
  children: ReactNode
}

/**
 * The one form mechanism (DESIGN.md, rule 11): react-hook-form with the zod resolver over the shared schema. It
 * learns its fields' labels from the fields themselves (for the error summary), marks server errors on their
 * fields, never sends twice at once, asks before its changes are lost, and keeps them across a lock of the screen.
 */
export function Form<V extends FormValues, I, R = unknown>(props: FormProps<V, I, R>) {
  const { idPrefix, defaultValues, draftKey, className = 'form', children } = props
  const latest = useRef(props)
  useLayoutEffect(() => {
    latest.current = props
  })

  const scope = useLeaveGuardScope()
  const owner = draftKey !== undefined && scope ? scope.owner : null
  const [restored] = useState(() => (owner !== null && draftKey ? drafts.peek(owner, draftKey) : undefined))
  const baseline = useRef<V>((restored?.baseline as V | undefined) ?? defaultValues)
  const [restoredNotice, setRestoredNotice] = useState(restored !== undefined)

  const registry = useRef(new Map<string, { current: RegisteredField }>())
  // Remembered past unmounting: a form leaving the page still knows which of its values are passwords.
  const secrets = useRef(new Set<string>())
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | undefined>()
  const [attempt, setAttempt] = useState(0)
  const inFlight = useRef(false)
  const formRef = useRef<HTMLFormElement>(null)

  const resolver = useCallback<Resolver<V, unknown, I>>(async (values, context, options) => {
    const { schema, toInput, check } = latest.current
    const chosen = typeof schema === 'function' ? schema(values) : schema
    const input = toInput ? toInput(values) : values
    // Raw: the input passes on as sent, for the main process to parse with the same schema.
    const checked = await zodResolver(chosen as z.ZodType<unknown, FormValues>, undefined, { raw: true })(
      input as FormValues,
      context,
      { ...options, fields: {}, names: undefined, shouldUseNativeValidation: false },
    )
    const { fields, unplaced } = placeMessages(flattenFieldErrors(checked.errors), [...registry.current.keys()])
    for (const [name, text] of Object.entries(check?.(values) ?? {})) if (text && !(name in fields)) fields[name] = text
    if (Object.keys(fields).length === 0 && unplaced.length === 0) return { values: input as I, errors: {} }
    const errors: Record<string, { type: string; message: string }> = {}
    for (const [name, text] of Object.entries(fields)) errors[name] = { type: 'schema', message: text }
    if (unplaced.length > 0) errors.root = { type: 'schema', message: unplaced.join(' ') }
    return { values: {}, errors: errors as FieldErrors<V> }
  }, [])

  const methods = useForm<V, unknown, I>({
    defaultValues: ((restored?.values as V | undefined) ?? defaultValues) as never,
    resolver,
    // Errors show after a submit and stay until the next: a summary that changed with each keystroke would keep
    // interrupting a screen reader, and focus goes to the summary, not to the first field.
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  })

  const isDirty = useCallback(() => !sameValues(methods.getValues(), baseline.current), [methods])
  useLeaveGuard({ isUnsaved: isDirty })

  // The app leaving the page (the screen locked) keeps what was typed for its owner; leaving the form any other way
  // (saved, or the person chose to leave) lets it go. Passive cleanup: it runs after the gate marked the app closing.
  useEffect(
    () => () => {
      if (owner === null || !draftKey) return
      const kept = withoutFields(methods.getValues(), baseline.current, secrets.current)
      if (isAppClosing() && !sameValues(kept, baseline.current)) {
        drafts.save(owner, draftKey, { values: kept, baseline: baseline.current, meta: latest.current.draftMeta })
      } else {
        drafts.discard(owner, draftKey)
      }
    },
    [owner, draftKey, methods],
  )

  async function submit(event?: FormEvent) {
    event?.preventDefault()
    // A second click lands before the button shows it is busy: one save at a time, whatever the timing.
    if (inFlight.current) return
    inFlight.current = true
    setBusy(true)
    let failed: { problem: FormProblem; values: V } | null = null
    let saved: { result: R; values: V } | null = null
    try {
      await methods.handleSubmit(
        async (input) => {
          const values = methods.getValues()
          try {
            const result = await latest.current.onSubmit(input, values)
            if (result !== NOT_SAVED) saved = { result, values }
          } catch (error) {
            failed = { problem: (latest.current.problemOf ?? problemFromError)(error, values), values }
          }
        },
        (errors) => {
          failed = { problem: { fields: {}, message: errors.root?.message }, values: methods.getValues() }
        },
      )()
    } finally {
      inFlight.current = false
      setBusy(false)
    }
    const done = saved as { result: R; values: V } | null
    const problem = (failed as { problem: FormProblem } | null)?.problem
    if (done) {
      const next = latest.current.valuesAfterSave?.(done.result, done.values) ?? done.values
      baseline.current = next
      methods.reset(next)
      setMessage(undefined)
      setRestoredNotice(false)
      latest.current.onSaved?.(done.result, done.values)
    } else if (problem) {
      const { fields, unplaced } = placeMessages(problem.fields, [...registry.current.keys()])
      for (const [name, text] of Object.entries(fields)) {
        methods.setError(name as never, { type: 'server', message: text })
      }
      setMessage([problem.message, ...unplaced].filter(Boolean).join(' ') || undefined)
      const clear = latest.current.clearOnFailure
      for (const name of (typeof clear === 'function' ? clear({ fields, message: problem.message }) : clear) ?? []) {
        methods.setValue(name as never, '' as never)
      }
      setAttempt((count) => count + 1)
    }
  }

  // Stable, so the fields register once each, in the order they appear.
  const register = useCallback<FormKit['register']>((entry) => {
    registry.current.set(entry.current.name, entry)
    if (entry.current.secret) secrets.current.add(entry.current.name)
    return () => {
      if (registry.current.get(entry.current.name) === entry) registry.current.delete(entry.current.name)
    }
  }, [])
  const rebase = useCallback<FormKit['rebase']>(
    (next, values) => {
      baseline.current = next as V
      methods.reset((values ?? methods.getValues()) as V)
      setMessage(undefined)
    },
    [methods],
  )
  const kit = useMemo<FormKit>(
    () => ({
      idPrefix,
      busy,
      register,
      field: (name) => registry.current.get(name)?.current,
      submit: () => formRef.current?.requestSubmit(),
      rebase,
      baseline: () => baseline.current,
    }),
    [idPrefix, busy, register, rebase],
  )

  const summaryTitle = (hasFieldErrors: boolean) => {
    const title = props.failureTitle
    return typeof title === 'function' ? title(hasFieldErrors) : title
  }

  return (
    <FormProvider {...methods}>
      <FormKitContext.Provider value={kit}>
        <form
          ref={formRef}
          className={className}
          onSubmit={submit}
          noValidate
          aria-busy={busy}
          aria-labelledby={props['aria-labelledby']}
        >
          <FormErrorSummary registry={registry} message={message} title={summaryTitle} focusKey={attempt} />
          {restoredNotice ? (
            <p role="status" className="notice">
              What you typed before the screen was locked is back. It is not saved yet.
            </p>
          ) : null}
          {children}
        </form>
      </FormKitContext.Provider>
    </FormProvider>
  )
}

function FormErrorSummary({
  registry,
  message,
  title,
  focusKey,
}: {
  registry: { current: Map<string, { current: RegisteredField }> }
  message?: string
  title(hasFieldErrors: boolean): string | undefined
  focusKey: number
}) {
  const { errors } = useFormState()
  const entries: ErrorEntry[] = []
  // In the order the fields appear, with the labels they show.
  for (const { current: field } of registry.current.values()) {
    const text = (errors[field.name] as { message?: unknown } | undefined)?.message
    if (typeof text === 'string') entries.push({ id: field.id, label: field.label, message: text })
  }
  return <ErrorSummary entries={entries} message={message} title={title(entries.length > 0)} focusKey={focusKey} />
}

/** The `draftMeta` a form kept when the screen locked, if its draft is about to come back (read once, on mount). */
export function useDraftMeta<T>(draftKey: string): T | undefined {
  const scope = useLeaveGuardScope()
  const [meta] = useState(() => (scope ? (drafts.peek(scope.owner, draftKey)?.meta as T | undefined) : undefined))
  return meta
}

/** The form's submit button: shows it is busy and cannot send again until the answer is in. */
export function SubmitButton({
  children,
  busyLabel,
  className = 'button button--primary',
  describedBy,
}: {
  children: ReactNode
  busyLabel?: string
  className?: string
  describedBy?: string
}) {
  const { busy } = useFormKit()
  return (
    <button type="submit" className={className} disabled={busy} aria-describedby={describedBy}>
      {busy && busyLabel ? busyLabel : children}
    </button>
  )
}
