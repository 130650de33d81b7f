import { useEffect, useLayoutEffect, useRef } from 'react'
import { useController, useWatch } from 'react-hook-form'
import {
  Checkbox,
  CheckboxGroup,
  optionPairs,
  RadioGroup,
  SelectField,
  TextField,
  type Options,
  type TextFieldProps,
} from '../fields'
import { useFormKit, type RegisteredField } from './Form'
import type { FieldValue } from './values'

const shown = (value: FieldValue | undefined) => (typeof value === 'string' && value.trim() !== '' ? value : '(empty)')

/**
 * The accessible fields of ../fields, wired to the surrounding `Form`: the value and its error come from the form,
 * and each field tells the form its label (the error summary and the conflict view read it there; no list of labels
 * is kept by hand).
 */
/** For a field of its own kind (a file chosen in a dialog, say): its id, value, error, and its place in the form. */
export function useFormField(
  name: string,
  label: string,
  describe: Omit<RegisteredField, 'name' | 'id' | 'label'> = { secret: false, display: shown },
) {
  const kit = useFormKit()
  const { field, fieldState } = useController({ name })
  const id = `${kit.idPrefix}${name}`
  const entry = useRef<RegisteredField>({ name, id, label, ...describe })
  useLayoutEffect(() => {
    entry.current = { name, id, label, ...describe }
  })
  const { register } = kit
  useEffect(() => register(entry), [register, name])
  return { id, field, error: fieldState.error?.message }
}

type FormTextFieldProps = { name: string } & Omit<TextFieldProps, 'id' | 'value' | 'onChange' | 'onBlur' | 'error'>

export function FormTextField({ name, label, type, ...rest }: FormTextFieldProps) {
  const { id, field, error } = useFormField(name, label, { secret: type === 'password', display: shown })
  return (
    <TextField
      {...rest}
      id={id}
      label={label}
      type={type}
      value={typeof field.value === 'string' ? field.value : ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      error={error}
    />
  )
}

export function FormSelectField({
  name,
  label,
  options,
  hint,
  required,
}: {
  name: string
  label: string
  options: Options
  hint?: string
  required?: boolean
}) {
  const labelOf = (value: FieldValue | undefined) =>
    optionPairs(options).find(([key]) => key === value)?.[1] ?? shown(value)
  const { id, field, error } = useFormField(name, label, { secret: false, display: labelOf })
  return (
    <SelectField
      id={id}
      label={label}
      value={typeof field.value === 'string' ? field.value : ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      options={options}
      error={error}
      hint={hint}
      required={required}
    />
  )
}

export function FormCheckboxGroup({
  name,
  legend,
  options,
  hint,
}: {
  name: string
  legend: string
  options: Options
  hint?: string
}) {
  const listed = (value: FieldValue | undefined) => {
    const chosen = Array.isArray(value) ? value : []
    const labels = optionPairs(options)
      .filter(([key]) => chosen.includes(key))
      .map(([, text]) => text)
    return labels.length ? labels.join(', ') : '(none)'
  }
  const { id, field, error } = useFormField(name, legend, { secret: false, display: listed })
  return (
    <CheckboxGroup
      id={id}
      legend={legend}
      options={options}
      value={Array.isArray(field.value) ? (field.value as string[]) : []}
      onChange={field.onChange}
      error={error}
      hint={hint}
    />
  )
}

export function FormRadioGroup<K extends string>({
  name,
  legend,
  options,
  hint,
}: {
  name: string
  legend: string
  options: Options<K>
  hint?: string
}) {
  const labelOf = (value: FieldValue | undefined) =>
    optionPairs(options).find(([key]) => key === value)?.[1] ?? shown(value)
  const { id, field, error } = useFormField(name, legend, { secret: false, display: labelOf })
  return (
    <RadioGroup<K>
      id={id}
      legend={legend}
      options={options}
      value={field.value as K}
      onChange={field.onChange}
      error={error}
      hint={hint}
    />
  )
}

export function FormCheckbox({ name, label }: { name: string; label: string }) {
  const { id, field, error } = useFormField(name, label, {
    secret: false,
    display: (value) => (value === true ? 'Yes' : 'No'),
  })
  return <Checkbox id={id} label={label} checked={field.value === true} onChange={field.onChange} error={error} />
}

/** A field's current value, for a form that shows or hides part of itself by what is chosen. */
export function useFormValue<T extends FieldValue>(name: string): T {
  return useWatch({ name }) as T
}
