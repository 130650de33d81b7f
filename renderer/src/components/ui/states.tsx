import { useEffect, useRef, type ReactNode } from 'react'
import { Link } from 'react-router'
import { PageHeading } from './PageHeading'

export function LoadingState({ what }: { what: string }) {
  return (
    <p role="status" className="muted">
      Loading {what}…
    </p>
  )
}

/** An error the contract answered (not found, refused): said in place, in the app's words. */
export function ErrorState({ error }: { error: Error }) {
  return (
    <div role="alert" className="notice notice--error">
      <p>{error.message}</p>
    </div>
  )
}

/** What a role may not see: said plainly, with a way back, and nothing of the record itself. */
export function NoAccess({ children }: { children?: ReactNode }) {
  return (
    <>
      <PageHeading documentTitle="No access">You do not have access to this page</PageHeading>
      <p>Your account’s role does not include this page. If you think it should, ask a supervisor.</p>
      {children}
      <p>
        <Link to="/">Go to your start page</Link>
      </p>
    </>
  )
}

/**
 * What just happened: takes focus when it appears, so a screen reader reads it, and stays on the page. Give it a new
 * `key` for each new event so it takes focus again.
 */
export function DoneNotice({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return (
    <div role="status" className="notice notice--success" tabIndex={-1} ref={ref}>
      {children}
    </div>
  )
}
