import { CoverageWindowInput } from '@shared/domain/contracts'
import { WEEKDAYS } from '@shared/domain/coverage'
import { useFormField } from '../../../components/ui/form'
import { decodeWindow, describeWindowText, encodeWindow, NEW_WINDOW, type WindowText } from '../utils/contractForm'

const DAY_OPTIONS = Object.entries(WEEKDAYS)

/** A window's own problems by the shared schema (a time not like 18:00), shown on its row once the form was sent. */
function windowProblems(window: WindowText): Partial<Record<keyof WindowText, string>> {
  const result = CoverageWindowInput.safeParse({
    startDay: Number(window.startDay),
    startTime: window.startTime.trim(),
    endDay: Number(window.endDay),
    endTime: window.endTime.trim(),
  })
  const problems: Partial<Record<keyof WindowText, string>> = {}
  for (const issue of result.error?.issues ?? []) problems[issue.path[0] as keyof WindowText] ??= issue.message
  return problems
}

/**
 * The contract's coverage windows, in office time: each from a weekday and time to a weekday and time, which may wrap
 * past midnight and the weekend (Friday 18:00 to Monday 08:00). None at all means covered at every hour.
 */
export function CoverageField({ timeZone }: { timeZone: string }) {
  const { id, field, error } = useFormField('coverage', 'Coverage windows', {
    secret: false,
    display: (value) =>
      Array.isArray(value) && value.length > 0
        ? value.map((text) => describeWindowText(text)).join('; ')
        : 'At all hours',
  })
  const windows = (Array.isArray(field.value) ? (field.value as string[]) : []).map(decodeWindow)
  const save = (next: WindowText[]) => field.onChange(next.map(encodeWindow))
  const part = (index: number, key: keyof WindowText, value: string) =>
    save(windows.map((w, i) => (i === index ? { ...w, [key]: value } : w)))
  return (
    <fieldset className={error ? 'field field--error form__section' : 'field form__section'} id={id} tabIndex={-1}>
      <legend>Coverage windows</legend>
      <p className="field__hint" id={`${id}-hint`}>
        When the office answers requests under this contract, in office time ({timeZone}), 24-hour. A window may run
        past midnight or over the weekend. With no windows the contract is covered at all hours. Requests outside the
        windows are still logged, and marked.
      </p>
      {error ? (
        <p className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {windows.length === 0 ? <p className="muted">Covered at all hours.</p> : null}
      {windows.map((window, index) => {
        const problems = error ? windowProblems(window) : {}
        const n = index + 1
        const control = (key: keyof WindowText, label: string) => {
          const controlId = `${id}-${index}-${key}`
          const problem = problems[key]
          const isDay = key === 'startDay' || key === 'endDay'
          return (
            <div className={problem ? 'field field--error' : 'field'}>
              <label htmlFor={controlId}>
                {label}
                <span className="visually-hidden"> of window {n}</span>
              </label>
              {problem ? (
                <p className="field__error" id={`${controlId}-error`}>
                  <span className="visually-hidden">Error: </span>
                  {problem}
                </p>
              ) : null}
              {isDay ? (
                <select id={controlId} value={window[key]} onChange={(event) => part(index, key, event.target.value)}>
                  {DAY_OPTIONS.map(([value, name]) => (
                    <option key={value} value={value}>
                      {name}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={controlId}
                  inputMode="numeric"
                  value={window[key]}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${controlId}-error` : undefined}
                  onChange={(event) => part(index, key, event.target.value)}
                />
              )}
            </div>
          )
        }
        return (
          <div className="repeat-row" key={index} role="group" aria-label={`Window ${n}`}>
            {control('startDay', 'From day')}
            {control('startTime', 'From time')}
            {control('endDay', 'To day')}
            {control('endTime', 'To time')}
            <button
              type="button"
              className="button button--small"
              onClick={() => save(windows.filter((_, i) => i !== index))}
            >
              Remove<span className="visually-hidden"> window {n}</span>
            </button>
          </div>
        )
      })}
      <button
        type="button"
        className="button button--small add-row"
        onClick={() => save([...windows, { ...NEW_WINDOW }])}
      >
        Add a coverage window
      </button>
    </fieldset>
  )
}
