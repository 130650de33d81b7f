import type { ReactNode } from 'react'

/**
 * The accessible fields: each a real control with its label, its hint and error tied to it (aria-describedby), and
 * aria-invalid when it has an error. Controlled by value and onChange; inside a `Form`, use the form/ versions, which
 * wire these to the form.
 *
 * No field takes a `maxLength`: the browser would cut pasted text silently; the schema's message says what is too
 * long instead.
 */

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

export function FieldShell({ id, label, hint, error, required, wide, children }: FieldShellProps) {
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
      <FieldError id={errorId} error={error} />
      {children(describedBy)}
    </div>
  )
}

function FieldError({ id, error }: { id: string | undefined; error: string | undefined }) {
  if (!error) return null
  return (
    <p className="field__error" id={id}>
      <span className="visually-hidden">Error: </span>
      {error}
    </p>
  )
}

export interface TextFieldProps {
  id: string
  label: string
  value: string
  onChange(value: string): void
  onBlur?(): void
  error?: string
  hint?: string
  required?: boolean
  type?: 'text' | 'email' | 'tel' | 'date' | 'search' | 'password'
  inputMode?: 'numeric' | 'text'
  autoComplete?: string
  wide?: boolean
  /** The id of a <datalist> of suggestions. */
  list?: string
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

/** Choices as a record, or as pairs where the order matters (numeric keys of a record sort first). */
export type Options<K extends string = string> = Readonly<Record<K, string>> | ReadonlyArray<readonly [K, string]>

export function optionPairs<K extends string>(options: Options<K>): ReadonlyArray<readonly [K, string]> {
  return (Array.isArray(options) ? options : Object.entries(options)) as ReadonlyArray<readonly [K, string]>
}

export interface SelectFieldProps {
  id: string
  label: string
  value: string
  onChange(value: string): void
  onBlur?(): void
  options: Options
  error?: string
  hint?: string
  required?: boolean
}

export function SelectField({ id, label, value, onChange, onBlur, options, error, hint, required }: SelectFieldProps) {
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
          onBlur={onBlur}
        >
          {optionPairs(options).map(([key, text]) => (
            <option key={key} value={key}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  )
}

export interface CheckboxGroupProps {
  id: string
  legend: string
  options: Options
  value: string[]
  onChange(value: string[]): void
  error?: string
  hint?: string
}

export function CheckboxGroup({ id, legend, options, value, onChange, error, hint }: CheckboxGroupProps) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return (
    <fieldset
      className={error ? 'field field--error checkbox-group' : 'field checkbox-group'}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      id={id}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} error={error} />
      <div className="checkbox-group__options">
        {optionPairs(options).map(([key, text]) => (
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

export interface RadioGroupProps<K extends string> {
  id: string
  legend: string
  options: Options<K>
  value: K
  onChange(value: K): void
  hint?: string
  error?: string
}

/** One choice among a few, each a real radio button with its label; the arrow keys move between them. */
export function RadioGroup<K extends string>({
  id,
  legend,
  options,
  value,
  onChange,
  hint,
  error,
}: RadioGroupProps<K>) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return (
    <fieldset
      className={error ? 'field field--error radio-group' : 'field radio-group'}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      id={id}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} error={error} />
      {optionPairs(options).map(([key, text]) => (
        <label key={key} className="checkbox">
          <input type="radio" name={id} value={key} checked={value === key} onChange={() => onChange(key)} />
          {text}
        </label>
      ))}
    </fieldset>
  )
}

export interface CheckboxProps {
  id: string
  label: string
  checked: boolean
  onChange(checked: boolean): void
  error?: string
}

/** One tick box, for a yes or no ("I have stored the recovery key safely"). */
export function Checkbox({ id, label, checked, onChange, error }: CheckboxProps) {
  const errorId = error ? `${id}-error` : undefined
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <FieldError id={errorId} error={error} />
      <label className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={errorId}
          onChange={(event) => onChange(event.target.checked)}
        />
        {label}
      </label>
    </div>
  )
}
