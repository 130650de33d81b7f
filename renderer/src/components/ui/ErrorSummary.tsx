import { useEffect, useId, useRef } from 'react'

export interface ErrorEntry {
  /** The id of the field's control (or of its fieldset). */
  id: string
  label: string
  message: string
}

/**
 * Lists every error at the top of a form after a failed submit, each a button that moves focus to its field. It takes
 * focus itself each time `focusKey` changes (a new failed attempt), not as the errors change while someone types.
 */
export function ErrorSummary({
  entries,
  message,
  title,
  focusKey,
}: {
  entries: readonly ErrorEntry[]
  message?: string
  /** The heading, where "Nothing was saved" does not fit (signing in, for one). */
  title?: string
  focusKey: number
}) {
  const ref = useRef<HTMLDivElement>(null)
  const headingId = useId()
  const shown = entries.length > 0 || Boolean(message)
  useEffect(() => {
    if (shown) ref.current?.focus()
  }, [focusKey]) // eslint-disable-line react-hooks/exhaustive-deps -- focus moves once per failed attempt
  if (!shown) return null
  return (
    <div className="error-summary" role="alert" aria-labelledby={headingId} tabIndex={-1} ref={ref}>
      <h2 id={headingId}>
        {title ?? (entries.length > 0 ? 'Nothing was saved: please fix these' : 'Nothing was saved')}
      </h2>
      {message ? <p>{message}</p> : null}
      {entries.length > 0 ? (
        <ul>
          {entries.map((entry) => (
            <li key={entry.id}>
              <button type="button" className="link-button" onClick={() => focusField(entry.id)}>
                {entry.label}: {entry.message}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/** A group of tick boxes or radio buttons is a fieldset: its first control takes the focus. */
function focusField(id: string) {
  const target = document.getElementById(id)
  const focusable = target?.matches('fieldset') ? target.querySelector<HTMLElement>('input') : target
  focusable?.focus()
}
