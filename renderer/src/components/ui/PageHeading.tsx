import { useEffect, useRef, type ReactNode } from 'react'

/** The page's h1: takes focus when the page opens so a screen reader announces where the person landed. */
export function PageHeading({
  children,
  documentTitle,
  takeFocus = true,
}: {
  children: ReactNode
  documentTitle: string
  /** False where a field takes focus instead, as on the sign-in and lock screens. */
  takeFocus?: boolean
}) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${documentTitle} · RCO Casebook`
    if (takeFocus) ref.current?.focus()
  }, [documentTitle]) // eslint-disable-line react-hooks/exhaustive-deps -- focus moves when a new page opens, not when takeFocus changes
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  )
}

/**
 * The top of a page inside the app: its heading and its main actions, kept in view while the page scrolls (long
 * records and lists stay named and their actions reachable).
 */
export function PageHeader({
  title,
  documentTitle,
  actions,
  before,
}: {
  title: ReactNode
  documentTitle: string
  actions?: ReactNode
  /** Above the heading: a breadcrumb back to the list, say. */
  before?: ReactNode
}) {
  return (
    <div className="page-header">
      {before}
      <div className="page-header__row">
        <PageHeading documentTitle={documentTitle}>{title}</PageHeading>
        {actions ? <div className="page-header__actions">{actions}</div> : null}
      </div>
    </div>
  )
}
