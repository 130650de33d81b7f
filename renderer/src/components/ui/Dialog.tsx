import { useEffect, useId, useRef, type ReactNode } from 'react'

/**
 * A modal dialog on the native <dialog>: focus moves into it and stays there, Escape closes it, and focus returns to
 * the control that opened it.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide = false,
  role,
}: {
  title: string
  onClose(): void
  children: ReactNode
  wide?: boolean
  /** `alertdialog` for a question that needs an answer before anything else (leave without saving?). */
  role?: 'alertdialog'
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
      role={role}
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

/**
 * A question with two answers. The safe answer comes first, so it has the focus when the dialog opens and Enter or
 * Escape keeps things as they are.
 */
export function ConfirmDialog({
  title,
  children,
  stayLabel,
  goLabel,
  danger = false,
  busy = false,
  onStay,
  onGo,
}: {
  title: string
  children: ReactNode
  stayLabel: string
  goLabel: string
  danger?: boolean
  busy?: boolean
  onStay(): void
  onGo(): void
}) {
  return (
    <Dialog title={title} onClose={onStay} role="alertdialog">
      {children}
      <div className="form__actions section-gap">
        <button type="button" className="button" onClick={onStay} disabled={busy}>
          {stayLabel}
        </button>
        <button
          type="button"
          className={danger ? 'button button--danger' : 'button button--primary'}
          onClick={onGo}
          disabled={busy}
        >
          {goLabel}
        </button>
      </div>
    </Dialog>
  )
}
