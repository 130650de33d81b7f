import { useRef } from 'react'
import { OpeningHours, WEEKDAYS, hoursProblems } from '@shared/domain/directory'
import { FieldShell } from '../../../components/ui'
import { useFormField } from '../../../components/ui/form'
import type { FieldValue } from '../../../components/ui/form'
import { formatInterval } from '../utils/hours'
import { decodeHoursRow, encodeHoursRow, NEW_HOURS_ROW, type HoursRow } from '../utils/resourceForm'

const shown = (value: FieldValue | undefined) => (typeof value === 'string' && value.trim() !== '' ? value : '(empty)')

/** A longer text (a description, how to get someone in): the kit's field shell around a textarea. */
export function FormTextArea({
  name,
  label,
  hint,
  required,
  rows = 3,
}: {
  name: string
  label: string
  hint?: string
  required?: boolean
  rows?: number
}) {
  const { id, field, error } = useFormField(name, label, { secret: false, display: shown })
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} required={required} wide>
      {(describedBy) => (
        <textarea
          id={id}
          name={id}
          rows={rows}
          value={typeof field.value === 'string' ? field.value : ''}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => field.onChange(event.target.value)}
          onBlur={field.onBlur}
        />
      )}
    </FieldShell>
  )
}

function rowProblems(rows: HoursRow[]): Map<number, string> {
  const problems = new Map<number, string>()
  const parsed: { index: number; hours: OpeningHours }[] = []
  rows.forEach((row, index) => {
    const result = OpeningHours.safeParse(row)
    if (result.success) parsed.push({ index, hours: result.data })
    else problems.set(index, result.error.issues[0]?.message ?? 'Check this opening time')
  })
  for (const problem of hoursProblems(parsed.map((p) => p.hours))) {
    const index = parsed[problem.path[0] as number]?.index
    if (index !== undefined && !problems.has(index)) problems.set(index, problem.message)
  }
  return problems
}

/**
 * The opening hours, one row per opening time, as one field of the form: the schema's message shows on the group,
 * and each row that is wrong says so beside it (worked out with the same rules the main process checks).
 */
export function FormHoursField({ name, label }: { name: string; label: string }) {
  const display = (value: FieldValue | undefined) =>
    Array.isArray(value) && value.length
      ? value
          .map(decodeHoursRow)
          .map((row) => `${WEEKDAYS[row.day as keyof typeof WEEKDAYS] ?? row.day} ${formatInterval(row)}`)
          .join('; ')
      : '(none)'
  const { id, field, error } = useFormField(name, label, { secret: false, display })
  const rows = (Array.isArray(field.value) ? (field.value as string[]) : []).map(decodeHoursRow)
  const problems = error ? rowProblems(rows) : new Map<number, string>()
  const addButton = useRef<HTMLButtonElement>(null)
  const list = useRef<HTMLOListElement>(null)
  const hintId = `${id}-hint`
  const errorId = `${id}-error`

  const set = (next: HoursRow[]) => field.onChange(next.map(encodeHoursRow))
  const change = (index: number, patch: Partial<HoursRow>) =>
    set(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)))
  const add = () => {
    const last = rows[rows.length - 1]
    const nextDay = last ? (Object.keys(WEEKDAYS)[(Object.keys(WEEKDAYS).indexOf(last.day) + 1) % 7] ?? 'mon') : 'mon'
    set([...rows, last ? { ...last, day: nextDay } : NEW_HOURS_ROW])
    // The new row's first control takes focus, so the keyboard goes on where the person is working.
    requestAnimationFrame(() => list.current?.querySelector<HTMLElement>('li:last-child select')?.focus())
  }
  const remove = (index: number) => {
    set(rows.filter((_, i) => i !== index))
    requestAnimationFrame(() => addButton.current?.focus())
  }

  return (
    <fieldset
      id={id}
      className={['hours-field', error ? 'field--error' : ''].filter(Boolean).join(' ')}
      aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
      tabIndex={-1}
    >
      <legend>{label}</legend>
      <p className="field__hint" id={hintId}>
        Local times in the office’s time zone, 24-hour, like 09:30 (24:00 for midnight). Leave empty when the hours are
        not known.
      </p>
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {rows.length ? (
        <ol className="hours-field__rows" ref={list}>
          {rows.map((row, index) => {
            const n = index + 1
            const rowId = `${id}-${index}`
            const problem = problems.get(index)
            return (
              <li key={index} className={problem ? 'hours-field__row field--error' : 'hours-field__row'}>
                <div className="field">
                  <label htmlFor={`${rowId}-day`}>
                    Day<span className="visually-hidden"> of opening time {n}</span>
                  </label>
                  <select id={`${rowId}-day`} value={row.day} onChange={(e) => change(index, { day: e.target.value })}>
                    {Object.entries(WEEKDAYS).map(([key, text]) => (
                      <option key={key} value={key}>
                        {text}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${rowId}-opens`}>
                    Opens<span className="visually-hidden"> (opening time {n})</span>
                  </label>
                  <input
                    id={`${rowId}-opens`}
                    inputMode="numeric"
                    size={6}
                    value={row.opens}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? `${rowId}-problem` : undefined}
                    onChange={(e) => change(index, { opens: e.target.value })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${rowId}-closes`}>
                    Closes<span className="visually-hidden"> (opening time {n})</span>
                  </label>
                  <input
                    id={`${rowId}-closes`}
                    inputMode="numeric"
                    size={6}
                    value={row.closes}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? `${rowId}-problem` : undefined}
                    onChange={(e) => change(index, { closes: e.target.value })}
                  />
                </div>
                <label className="checkbox hours-field__next">
                  <input
                    type="checkbox"
                    checked={row.closesNextDay}
                    onChange={(e) => change(index, { closesNextDay: e.target.checked })}
                  />
                  Closes after midnight<span className="visually-hidden"> (opening time {n})</span>
                </label>
                <button type="button" className="link-button" onClick={() => remove(index)}>
                  Remove<span className="visually-hidden"> opening time {n}</span>
                </button>
                {problem ? (
                  <p className="field__error hours-field__problem" id={`${rowId}-problem`}>
                    <span className="visually-hidden">Error in opening time {n}: </span>
                    {problem}
                  </p>
                ) : null}
              </li>
            )
          })}
        </ol>
      ) : (
        <p className="muted">No opening hours yet.</p>
      )}
      <button type="button" className="button" onClick={add} ref={addButton}>
        Add an opening time
      </button>
    </fieldset>
  )
}
