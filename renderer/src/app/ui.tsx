import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { Link } from 'react-router'

/** The page's h1: takes focus when the page opens so a screen reader announces where the person landed. */
export function PageHeading({
  children,
  documentTitle,
  takeFocus = true,
}: {
  children: ReactNode
  documentTitle: string
  /** False where a field takes focus instead, as on the sign-in and lock screens. */
  takeFocus?: boolean
}) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${documentTitle} · RCO Casebook`
    if (takeFocus) ref.current?.focus()
  }, [documentTitle]) // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  )
}

/**
 * A form's text values, its errors (one per field), its one message and whether it is sending. `field(key)` gives a
 * TextField its id (`idPrefix` + key, as ErrorSummary expects), label, value, error and onChange.
 */
export function useFormFields<K extends string>(
  initial: Record<K, string>,
  idPrefix: string,
  labels: Record<NoInfer<K>, string>,
) {
  const [values, setValues] = useState(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const set = (key: K) => (value: string) => setValues((current) => ({ ...current, [key]: value }))
  return {
    values,
    setValues,
    errors,
    message,
    busy,
    setBusy,
    set,
    field: (key: K) => ({
      id: `${idPrefix}${key}`,
      label: labels[key],
      error: errors[key],
      value: values[key],
      onChange: set(key),
    }),
    /** Shows what went wrong (or, given no errors, that nothing is wrong), and lets the form be sent again. */
    show(problem: { errors: Record<string, string>; message?: string }) {
      setErrors(problem.errors)
      setMessage(problem.message)
      setBusy(false)
    },
  }
}

interface FieldShellProps {
  id: string
  label: string
  hint?: string
  error?: string
  required?: boolean
  /** As wide as the form, for long values such as a file's full path. */
  wide?: boolean
  children: (describedBy: string | undefined) => ReactNode
}

function FieldShell({ id, label, hint, error, required, wide, children }: FieldShellProps) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', error ? 'field--error' : '', wide ? 'field--wide' : ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {children(describedBy)}
    </div>
  )
}

interface TextFieldProps {
  id: string
  label: string
  value: string
  onChange(value: string): void
  error?: string
  hint?: string
  required?: boolean
  type?: 'text' | 'email' | 'tel' | 'date' | 'search' | 'password'
  inputMode?: 'numeric' | 'text'
  autoComplete?: string
  maxLength?: number
  wide?: boolean
}

export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  required,
  wide,
  type = 'text',
  ...rest
}: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required} wide={wide}>
      {(describedBy) => (
        <input
          id={id}
          name={id}
          type={type}
          value={value}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
          {...rest}
        />
      )}
    </FieldShell>
  )
}

interface SelectFieldProps {
  id: string
  label: string
  value: string
  onChange(value: string): void
  /** A record, or pairs where the order matters (numeric keys of a record sort first). */
  options: Record<string, string> | ReadonlyArray<readonly [string, string]>
  error?: string
  hint?: string
  required?: boolean
}

export function SelectField({ id, label, value, onChange, options, error, hint, required }: SelectFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required}>
      {(describedBy) => (
        <select
          id={id}
          name={id}
          value={value}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        >
          {(Array.isArray(options) ? options : Object.entries(options)).map(([key, text]) => (
            <option key={key} value={key}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  )
}

interface CheckboxGroupProps {
  id: string
  legend: string
  options: Record<string, string>
  value: string[]
  onChange(value: string[]): void
  error?: string
}

export function CheckboxGroup({ id, legend, options, value, onChange, error }: CheckboxGroupProps) {
  const errorId = error ? `${id}-error` : undefined
  return (
    <fieldset
      className={error ? 'field field--error checkbox-group' : 'field checkbox-group'}
      aria-describedby={errorId}
      id={id}
    >
      <legend>{legend}</legend>
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="checkbox-group__options">
        {Object.entries(options).map(([key, text]) => (
          <label key={key} className="checkbox">
            <input
              type="checkbox"
              name={id}
              value={key}
              checked={value.includes(key)}
              onChange={(event) =>
                onChange(event.target.checked ? [...value, key] : value.filter((item) => item !== key))
              }
            />
            {text}
          </label>
        ))}
      </div>
    </fieldset>
  )
}

interface RadioGroupProps<K extends string> {
  id: string
  legend: string
  /** A record, or pairs where the order matters. */
  options: Record<K, string> | ReadonlyArray<readonly [K, string]>
  value: K
  onChange(value: K): void
  hint?: string
}

/** One choice among a few, each a real radio button with its label; the arrow keys move between them. */
export function RadioGroup<K extends string>({ id, legend, options, value, onChange, hint }: RadioGroupProps<K>) {
  const hintId = hint ? `${id}-hint` : undefined
  const pairs = (Array.isArray(options) ? options : Object.entries(options)) as ReadonlyArray<readonly [K, string]>
  return (
    <fieldset className="field radio-group" aria-describedby={hintId} id={id}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {pairs.map(([key, text]) => (
        <label key={key} className="checkbox">
          <input type="radio" name={id} value={key} checked={value === key} onChange={() => onChange(key)} />
          {text}
        </label>
      ))}
    </fieldset>
  )
}

/**
 * What just happened: takes focus when it appears, so a screen reader reads it, and stays on the page. Give it a new
 * `key` for each new event so it takes focus again.
 */
export function DoneNotice({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return (
    <div role="status" className="notice notice--success" tabIndex={-1} ref={ref}>
      {children}
    </div>
  )
}

/** Lists every error at the top of a form after a failed submit, each a button that moves focus to its field. */
export function ErrorSummary({
  errors,
  labels,
  idPrefix,
  message,
  title,
}: {
  errors: Record<string, string>
  labels: Record<string, string>
  idPrefix: string
  message?: string
  /** The heading, where "Nothing was saved" does not fit (signing in, for one). */
  title?: string
}) {
  const ref = useRef<HTMLDivElement>(null)
  const headingId = useId()
  const entries = Object.entries(errors)
  useEffect(() => {
    if (entries.length > 0 || message) ref.current?.focus()
  }, [errors, message]) // eslint-disable-line react-hooks/exhaustive-deps
  if (entries.length === 0 && !message) return null
  return (
    <div className="error-summary" role="alert" aria-labelledby={headingId} tabIndex={-1} ref={ref}>
      <h2 id={headingId}>
        {title ?? (entries.length > 0 ? 'Nothing was saved: please fix these' : 'Nothing was saved')}
      </h2>
      {message ? <p>{message}</p> : null}
      {entries.length > 0 ? (
        <ul>
          {entries.map(([field, text]) => (
            <li key={field}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  const target = document.getElementById(`${idPrefix}${field}`)
                  const focusable = target?.matches('fieldset') ? target.querySelector('input') : target
                  focusable?.focus()
                }}
              >
                {labels[field] ?? field}: {text}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})

/** "2026-03-01" -> "1 Mar 2026". */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date)
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** "2026-03-01T09:30:00Z" -> "1 Mar 2026, 10:30:00" in the computer's own time zone. */
export function formatDateTime(isoInstant: string): string {
  const date = new Date(isoInstant)
  return Number.isNaN(date.getTime()) ? isoInstant : dateTimeFormat.format(date)
}

export function todayIso(): string {
  const now = new Date()
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 10)
}

export function LoadingState({ what }: { what: string }) {
  return (
    <p role="status" className="muted">
      Loading {what}…
    </p>
  )
}

export function ErrorState({ error }: { error: Error }) {
  return (
    <div role="alert" className="notice notice--error">
      <p>{error.message}</p>
    </div>
  )
}

/** What a role may not see: said plainly, with a way back, and nothing of the record itself. */
export function NoAccess({ children }: { children?: ReactNode }) {
  return (
    <>
      <PageHeading documentTitle="No access">You do not have access to this page</PageHeading>
      <p>Your account’s role does not include this page. If you think it should, ask a supervisor.</p>
      {children}
      <p>
        <Link to="/">Go to your start page</Link>
      </p>
    </>
  )
}

/**
 * A modal dialog on the native <dialog>: focus moves into it and stays there, Escape closes it, and focus returns to
 * the control that opened it.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide = false,
}: {
  title: string
  onClose(): void
  children: ReactNode
  wide?: boolean
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const headingId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = document.activeElement as HTMLElement | null
    dialog.showModal()
    return () => {
      dialog.close()
      if (opener?.isConnected) opener.focus()
    }
  }, [])
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <h2 id={headingId}>{title}</h2>
      {children}
    </dialog>
  )
}
