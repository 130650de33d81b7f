import { NavLink, Outlet } from 'react-router'
import { useCoachWords, useOfficeSettings } from '../features/settings/api/settings'

export function AppShell() {
  const settings = useOfficeSettings()
  const words = useCoachWords()
  const officeName = settings.data?.officeName || 'Your office'
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(event) => {
        event.preventDefault()
        document.getElementById('main')?.focus()
      }}>
        Skip to content
      </a>
      <header className="shell__header">
        <p className="shell__brand">
          <span className="shell__app">RCO Casebook</span>
          <span className="shell__office">{officeName}</span>
        </p>
        <nav aria-label="Main" className="shell__nav">
          <NavLink to="/coaches">{words.Plural}</NavLink>
          <NavLink to="/settings">Office settings</NavLink>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="shell__main">
        <Outlet />
      </main>
    </div>
  )
}
