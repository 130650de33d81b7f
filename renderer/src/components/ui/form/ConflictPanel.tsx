import { useEffect, useRef } from 'react'
import { useFormContext } from 'react-hook-form'
import { useFormKit } from './Form'
import type { ConflictEntry } from './conflict'

/**
 * Someone else saved the record while this person edited it: for each field they changed, their saved value beside
 * what this person typed. What was typed stays in the form. The person saves theirs over it, takes the other person's
 * whole version, or takes theirs field by field.
 */
export function ConflictPanel({
  who,
  entries,
  onSaveMine,
  onTakeTheirs,
}: {
  /** The record, as the heading names it ("this coach"). */
  who: string
  entries: readonly ConflictEntry[]
  onSaveMine(): void
  onTakeTheirs(): void
}) {
  const kit = useFormKit()
  const { setValue, watch } = useFormContext()
  const ref = useRef<HTMLElement>(null)
  // The save did not happen: focus goes where the person reads why and chooses what next.
  useEffect(() => ref.current?.focus(), [])
  const both = entries.filter((entry) => entry.changedByMe)
  const theirsOnly = entries.filter((entry) => !entry.changedByMe)
  const label = (name: string) => kit.field(name)?.label ?? name
  const display = (name: string, value: ConflictEntry['mine']) => kit.field(name)?.display(value) ?? String(value)

  return (
    <section className="conflict" role="alert" aria-labelledby="conflict-heading" tabIndex={-1} ref={ref}>
      <h2 id="conflict-heading">Someone else changed {who} while you were editing</h2>
      <p>Nothing of yours was saved yet, and everything you typed is still in the form below.</p>
      {both.length > 0 ? (
        <>
          <p>You both changed {both.length === 1 ? 'this field' : 'these fields'}:</p>
          <table className="table conflict__table">
            <caption className="visually-hidden">Fields you both changed</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Their saved value</th>
                <th scope="col">What you typed</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {both.map((entry) => {
                const mineNow = watch(entry.name)
                const takenTheirs = display(entry.name, mineNow) === display(entry.name, entry.theirs)
                return (
                  <tr key={entry.name}>
                    <th scope="row">{label(entry.name)}</th>
                    <td>{display(entry.name, entry.theirs)}</td>
                    <td>{display(entry.name, mineNow)}</td>
                    <td>
                      {takenTheirs ? (
                        <span className="muted">Now theirs</span>
                      ) : (
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => setValue(entry.name, entry.theirs, { shouldDirty: true })}
                        >
                          Use theirs<span className="visually-hidden"> for {label(entry.name)}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </>
      ) : null}
      {theirsOnly.length > 0 ? (
        <>
          <p>
            Only they changed {theirsOnly.length === 1 ? 'this field' : 'these fields'}, so the form now shows their
            value:
          </p>
          <ul>
            {theirsOnly.map((entry) => (
              <li key={entry.name}>
                {label(entry.name)}: {display(entry.name, entry.theirs)}{' '}
                <span className="muted">(was {display(entry.name, entry.base)})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onSaveMine} disabled={kit.busy}>
          Save my version over theirs
        </button>
        <button type="button" className="button" onClick={onTakeTheirs} disabled={kit.busy}>
          Discard mine and take theirs
        </button>
      </div>
    </section>
  )
}
