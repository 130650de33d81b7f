import { useState, type FormEvent } from 'react'
import { PageHeading, formatDate, todayIso } from '../../../app/ui'
import { AuthLayout } from './AuthLayout'

/** "ABCD…" -> "ABCD-EFGH-…": groups of four, easy to copy by hand and to read back. */
export function groupRecoveryKey(key: string): string[] {
  return key.replace(/[\s-]/g, '').match(/.{1,4}/g) ?? []
}

/** Shown once, straight after set-up: the only way back in if every supervisor forgets their password. */
export function RecoveryKeyScreen({
  recoveryKey,
  officeName,
  username,
  onContinue,
}: {
  recoveryKey: string
  officeName: string
  username: string
  onContinue(): void
}) {
  const [stored, setStored] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const groups = groupRecoveryKey(recoveryKey)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!stored) {
      setError('Tick the box once the recovery key is printed or written down and put away safely')
      document.getElementById('recovery-stored')?.focus()
      return
    }
    onContinue()
  }

  return (
    <AuthLayout wide>
      <div className="no-print">
        <PageHeading documentTitle="Your recovery key">Your recovery key</PageHeading>
        <p>
          If every supervisor forgets their password, this key is the only way back into the office’s records. Nobody,
          not even the app’s makers, can open them without a password or this key.
        </p>
        <p className="notice">
          <strong>It is shown only this once.</strong> Print it or write it down now, and keep it somewhere safe and
          apart from this computer, such as the office safe.
        </p>
      </div>
      <section className="recovery-sheet" aria-labelledby="recovery-sheet-heading">
        <h2 id="recovery-sheet-heading">Recovery key for {officeName}</h2>
        <p className="recovery-key">
          {groups.map((group, index) => (
            <span key={index} className="recovery-key__group">
              {index < groups.length - 1 ? `${group}-` : group}
            </span>
          ))}
        </p>
        <p className="muted">
          Created {formatDate(todayIso())} with the first supervisor account, “{username}”. To use it: on the sign-in
          screen choose “Forgot every password? Use the recovery key”. Letter case, spaces and dashes do not matter.
        </p>
      </section>
      <form className="form no-print" onSubmit={submit} noValidate>
        <div className="form__actions">
          <button type="button" className="button" onClick={() => window.print()}>
            Print the recovery key
          </button>
        </div>
        <div className={error ? 'field field--error' : 'field'}>
          {error ? (
            <p className="field__error" id="recovery-stored-error" role="alert">
              <span className="visually-hidden">Error: </span>
              {error}
            </p>
          ) : null}
          <label className="checkbox">
            <input
              id="recovery-stored"
              type="checkbox"
              checked={stored}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'recovery-stored-error' : undefined}
              onChange={(event) => {
                setStored(event.target.checked)
                if (event.target.checked) setError(null)
              }}
            />
            I have stored the recovery key safely
          </label>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary">
            Continue to the app
          </button>
        </div>
      </form>
    </AuthLayout>
  )
}
