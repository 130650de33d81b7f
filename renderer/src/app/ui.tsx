import { useEffect, useId, useRef, type ReactNode } from 'react'

/** The page's h1: takes focus when the page opens so a screen reader announces where the person landed. */
export function PageHeading({ children, documentTitle }: { children: ReactNode; documentTitle: string }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${documentTitle} · RCO Casebook`
    ref.current?.focus()
  }, [documentTitle])
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  )
}

interface FieldShellProps {
  id: string
  label: string
  hint?: string
  error?: string
  required?: boolean
  children: (describedBy: string | undefined) => ReactNode
}

function FieldShell({ id, label, hint, error, required, children }: FieldShellProps) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={error ? 'field field--error' : 'field'}>
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
  type?: 'text' | 'email' | 'tel' | 'date' | 'search'
  inputMode?: 'numeric' | 'text'
  autoComplete?: string
  maxLength?: number
}

export function TextField({ id, label, value, onChange, error, hint, required, type = 'text', ...rest }: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required}>
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
  options: Record<string, string>
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
          {Object.entries(options).map(([key, text]) => (
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
    <fieldset className={error ? 'field field--error checkbox-group' : 'field checkbox-group'} aria-describedby={errorId} id={id}>
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

/** Lists every error at the top of a form after a failed submit, each a button that moves focus to its field. */
export function ErrorSummary({
  errors,
  labels,
  idPrefix,
  message,
}: {
  errors: Record<string, string>
  labels: Record<string, string>
  idPrefix: string
  message?: string
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
      <h2 id={headingId}>{entries.length > 0 ? 'Nothing was saved: please fix these' : 'Nothing was saved'}</h2>
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

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

/** "2026-03-01" -> "1 Mar 2026". */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date)
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
