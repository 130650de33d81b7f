import { Component, type ReactNode } from 'react'
import { PageHeading } from './PageHeading'

/**
 * The app's own page for a failure it did not expect (a fault in the app, an answer it could not read): calm, in
 * plain words, with what to do and a way back. Nothing of the error itself is shown: a stack trace helps nobody at
 * the office, and could show data.
 */
export function SomethingWentWrong({ backTo }: { backTo: ReactNode }) {
  return (
    <section className="error-page" aria-labelledby="error-page-heading">
      <PageHeading documentTitle="Something went wrong">
        <span id="error-page-heading">Something went wrong on this page</span>
      </PageHeading>
      <p>
        The app could not show this page. Nothing you saved before is lost, but a change you were making on this page
        may not have been saved.
      </p>
      <p>You can go back to your start page and try again. If it happens again, tell whoever looks after the app.</p>
      <p>{backTo}</p>
    </section>
  )
}

/**
 * Catches a render failure anywhere below it and shows `fallback` instead of a blank window. Inside the router the
 * routes' own error element does this (and resets on navigation); this one guards what lies outside it. The error
 * is reported once, by the root's onCaughtError (main.tsx).
 */
export class ErrorBoundary extends Component<
  { fallback(reset: () => void): ReactNode; children: ReactNode },
  { failed: boolean }
> {
  state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  render(): ReactNode {
    return this.state.failed ? this.props.fallback(() => this.setState({ failed: false })) : this.props.children
  }
}
