import { Suspense, useEffect } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Link, NavLink, Outlet, useLocation } from 'react-router'
import { ROLES } from '@shared/domain/auth'
import { LoadingState, SomethingWentWrong } from '../components/ui'
import { UnsavedChangesGuard, useConfirmLeaving } from '../components/ui/form'
import { useCoachWords, useOfficeSettings } from '../features/settings/api/settings'
import { useSession } from '../features/auth/session'
import { currentItem, navigationFor } from './navigation'

export function AppShell() {
  const { user } = useSession()
  return (
    <UnsavedChangesGuard owner={user.accountId}>
      <div className="shell">
        <a
          className="skip-link"
          href="#main"
          onClick={(event) => {
            event.preventDefault()
            document.getElementById('main')?.focus()
          }}
        >
          Skip to content
        </a>
        <ShellHeader />
        <main id="main" tabIndex={-1} className="shell__main">
          <Suspense fallback={<LoadingState what="the page" />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </UnsavedChangesGuard>
  )
}

function ShellHeader() {
  const settings = useOfficeSettings()
  const words = useCoachWords()
  const { user, lock, signOut } = useSession()
  const confirmLeaving = useConfirmLeaving()
  const officeName = settings.data?.officeName || 'Your office'
  const location = useLocation()
  const items = navigationFor({ user, coachesWord: words.Plural })
  const current = currentItem(items, location)
  return (
    <header className="shell__header">
      <div className="shell__bar">
        <p className="shell__brand">
          <span className="shell__app">RCO Casebook</span>
          <span className="shell__office">{officeName}</span>
        </p>
        <section className="shell__user" aria-label="Your account">
          <p className="shell__who">
            <span className="shell__name">{user.displayName}</span>
            <span className="shell__role">{ROLES[user.role]}</span>
          </p>
          <NavLink to="/account/password" className="shell__action">
            Change password
          </NavLink>
          <button type="button" className="shell__action" onClick={() => confirmLeaving('lock', lock)}>
            Lock
          </button>
          <button type="button" className="shell__action" onClick={() => confirmLeaving('signOut', signOut)}>
            Sign out
          </button>
        </section>
      </div>
      <nav aria-label="Main" className="shell__nav">
        {items.map((item) => (
          <Link
            key={item.key}
            to={item.to}
            className={item.key === current ? 'active' : undefined}
            aria-current={item.key === current ? 'page' : undefined}
          >
            {item.label}
          </Link>
        ))}
      </nav>
    </header>
  )
}

/**
 * A page failed to render (a fault, or an answer the app could not read): the app's own calm page inside the shell,
 * so the navigation still works. The router resets it on the next navigation.
 */
export function RouteErrorPage() {
  // A query that failed this way is asked again when its page next opens, rather than failing again from the cache.
  const queryClient = useQueryClient()
  useEffect(() => queryClient.removeQueries({ predicate: (query) => query.state.status === 'error' }), [queryClient])
  return <SomethingWentWrong backTo={<Link to="/">Go to your start page</Link>} />
}

/** Starts the app again from its start page: for a failure of the shell itself, where a link would meet it again. */
export function StartAgainButton() {
  return (
    <button
      type="button"
      className="button button--primary"
      onClick={() => {
        window.location.hash = '#/'
        window.location.reload()
      }}
    >
      Start again from the start page
    </button>
  )
}
