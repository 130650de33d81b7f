import { NavLink, Outlet } from 'react-router'
import { ROLES } from '@shared/domain/auth'
import { useCoachWords, useOfficeSettings } from '../features/settings/api/settings'
import { can, useSession } from '../features/auth/session'

export function AppShell() {
  const settings = useOfficeSettings()
  const words = useCoachWords()
  const { user, lock, signOut } = useSession()
  const officeName = settings.data?.officeName || 'Your office'
  return (
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
            <button type="button" className="shell__action" onClick={lock}>
              Lock
            </button>
            <button type="button" className="shell__action" onClick={signOut}>
              Sign out
            </button>
          </section>
        </div>
        <nav aria-label="Main" className="shell__nav">
          {user.role === 'coach' ? (
            user.coachId !== null ? (
              <NavLink to={`/coaches/${user.coachId}`}>My profile</NavLink>
            ) : null
          ) : (
            <NavLink to="/coaches">{words.Plural}</NavLink>
          )}
          {can(user, 'manageAccounts') ? <NavLink to="/accounts">Accounts</NavLink> : null}
          {can(user, 'readAudit') ? <NavLink to="/audit">Audit log</NavLink> : null}
          {can(user, 'editSettings') ? <NavLink to="/settings">Office settings</NavLink> : null}
          {can(user, 'manageBackups') ? <NavLink to="/backups">Backups</NavLink> : null}
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="shell__main">
        <Outlet />
      </main>
    </div>
  )
}
