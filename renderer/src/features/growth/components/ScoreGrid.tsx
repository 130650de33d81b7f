import { useRef, useState, type KeyboardEvent } from 'react'
import {
  bandOf,
  DOMAIN_KEYS,
  DOMAIN_QUESTIONS,
  DOMAINS,
  TRACK_DESCRIPTIONS,
  TRACK_KEYS,
  TRACKS,
  type Domain,
  type Rater,
  type Scores,
  type Track,
} from '@shared/domain/growth'
import { useFormField } from '../../../components/ui/form'
import { formatDate } from '../../../lib/format'
import {
  cellName,
  moveFrom,
  nextCell,
  noteName,
  scoreAfterKey,
  scoreIsFinished,
  type CellPosition,
} from '../utils/grid'

export interface PreviousRating {
  date: string
  scores: Scores
}

export const cellLabel = (domain: Domain, track: Track) => `${DOMAINS[domain]}: ${TRACKS[track]}`

/**
 * The sixteen scores as one compact grid, quick by keyboard alone: a digit goes straight in (1 then 0 makes 10) and
 * moves on, Backspace blanks, arrows and Enter move like a spreadsheet, Tab goes through the notes too. The band word
 * shows as a score is typed, the focused cell's question stands above the grid, and the previous rating's score is
 * beside each cell.
 */
export function ScoreGrid({
  previous,
  rater,
  idPrefix,
}: {
  previous: PreviousRating | null
  rater: Rater
  idPrefix: string
}) {
  const cells = useRef<(HTMLInputElement | null)[][]>(DOMAIN_KEYS.map(() => TRACK_KEYS.map(() => null)))
  const [focused, setFocused] = useState<CellPosition>({ row: 0, column: 0 })
  // One polite announcement per typed score: the cell's own would be cut short as focus moves on.
  const [spoken, setSpoken] = useState('')
  const focusCell = (at: CellPosition) => cells.current[at.row]?.[at.column]?.focus()
  const domain = DOMAIN_KEYS[focused.row]!
  const track = TRACK_KEYS[focused.column]!

  return (
    <div className="score-grid">
      <div className="score-grid__question" aria-hidden="true">
        <p className="score-grid__where">
          {DOMAINS[domain]} · {TRACKS[track]}
        </p>
        <p className="score-grid__ask">{DOMAIN_QUESTIONS[domain][track]}</p>
        <p className="muted">
          {TRACK_DESCRIPTIONS[track]}.
          {rater === 'supervisor' ? ' The questions are written to the coach: answer them as you see the coach.' : ''}
        </p>
      </div>
      <div className="table-scroll">
        <table className="table score-grid__table">
          <caption>
            Scores from 1 to 10; leave a box blank if it does not apply yet.{' '}
            <span className="muted">
              Type a digit to score and move on (1 then 0 makes 10), arrows or Enter to move, Backspace to clear.
              {previous ? ` Beside each box: the score of ${formatDate(previous.date)}.` : ''}
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Domain</th>
              {TRACK_KEYS.map((t) => (
                <th scope="col" key={t}>
                  {TRACKS[t]}
                </th>
              ))}
              <th scope="col">Note (optional)</th>
            </tr>
          </thead>
          <tbody>
            {DOMAIN_KEYS.map((d, row) => (
              <tr key={d}>
                <th scope="row">{DOMAINS[d]}</th>
                {TRACK_KEYS.map((t, column) => (
                  <td key={t} className="score-grid__cell">
                    <ScoreCell
                      domain={d}
                      track={t}
                      idPrefix={idPrefix}
                      previous={previous?.scores[d][t] ?? null}
                      hasPrevious={previous !== null}
                      inputRef={(element) => {
                        cells.current[row]![column] = element
                      }}
                      onFocus={() => setFocused({ row, column })}
                      onScored={(text) => {
                        setSpoken(text === '' ? `${cellLabel(d, t)}: blank` : `${text}, ${bandOf(Number(text))}`)
                        if (scoreIsFinished(text)) {
                          const next = nextCell({ row, column })
                          if (next) focusCell(next)
                        }
                      }}
                      onMove={(key) => {
                        const next = moveFrom({ row, column }, key)
                        if (next) focusCell(next)
                        return next !== null
                      }}
                    />
                  </td>
                ))}
                <td className="score-grid__note">
                  <NoteField name={noteName(d)} label={`Note on ${DOMAINS[d]}`} rows={1} hideLabel />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p aria-live="polite" className="visually-hidden">
        {spoken}
      </p>
    </div>
  )
}

function ScoreCell({
  domain,
  track,
  idPrefix,
  previous,
  hasPrevious,
  inputRef,
  onFocus,
  onScored,
  onMove,
}: {
  domain: Domain
  track: Track
  idPrefix: string
  previous: number | null
  hasPrevious: boolean
  inputRef(element: HTMLInputElement | null): void
  onFocus(): void
  onScored(text: string): void
  onMove(key: string): boolean
}) {
  const label = cellLabel(domain, track)
  const { id, field, error } = useFormField(cellName(domain, track), label)
  const value = typeof field.value === 'string' ? field.value : ''
  const band = bandOf(value === '' ? null : Number(value))
  const questionId = `${idPrefix}${cellName(domain, track)}-question`
  const errorId = error ? `${id}-error` : undefined
  const previousText = previous === null ? 'blank' : String(previous)

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.ctrlKey || event.metaKey || event.altKey) return
    const after = scoreAfterKey(value, event.key)
    if (after !== null) {
      event.preventDefault()
      field.onChange(after)
      onScored(after)
      return
    }
    if (onMove(event.key)) {
      event.preventDefault()
      return
    }
    // Any other character would only be refused later: a score is digits or nothing.
    if (event.key.length === 1) event.preventDefault()
  }

  return (
    <div className={error ? 'score-cell score-cell--error' : 'score-cell'}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        name={id}
        ref={(element) => {
          field.ref(element)
          inputRef(element)
        }}
        className="score-cell__input"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        size={2}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={[questionId, errorId].filter(Boolean).join(' ')}
        onKeyDown={onKeyDown}
        onChange={(event) => field.onChange(event.target.value.trim())}
        onFocus={(event) => {
          event.target.select()
          onFocus()
        }}
        onBlur={field.onBlur}
      />
      <span className="score-cell__band" aria-hidden="true">
        {band ?? ''}
      </span>
      {hasPrevious ? (
        <span className="score-cell__previous" aria-hidden="true">
          before: {previousText}
        </span>
      ) : null}
      <span id={questionId} className="visually-hidden">
        {DOMAIN_QUESTIONS[domain][track]}
        {hasPrevious ? ` Before: ${previousText}.` : ''}
        {band ? ` ${band}.` : ''}
      </span>
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** A note box of the form (the kit has one-line fields only): label, error and the form's value. */
export function NoteField({
  name,
  label,
  rows = 3,
  hint,
  hideLabel = false,
  required = false,
}: {
  name: string
  label: string
  rows?: number
  hint?: string
  hideLabel?: boolean
  required?: boolean
}) {
  const { id, field, error } = useFormField(name, label)
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return (
    <div className={error ? 'field field--wide field--error' : 'field field--wide'}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
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
      <textarea
        id={id}
        name={id}
        ref={field.ref}
        rows={rows}
        value={typeof field.value === 'string' ? field.value : ''}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        onChange={(event) => field.onChange(event.target.value)}
        onBlur={field.onBlur}
      />
    </div>
  )
}
