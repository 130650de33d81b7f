import { NavLink } from 'react-router'
import { may, useCurrentUser } from '../../auth/session'
import '../contracts.css'

/** The Contracts section's own pages, under the main navigation's one entry for it. */
export function ContractsNav() {
  const user = useCurrentUser()
  const links: Array<[string, string, boolean]> = [
    ['/contracts/dashboard', 'Dashboard', may(user, 'contracts.dashboard')],
    ['/contracts', 'Contracts', may(user, 'contracts.list')],
    ['/partners', 'Partners', may(user, 'partners.list')],
    ['/dispatches', 'Dispatch log', may(user, 'dispatches.create')],
  ]
  return (
    <nav aria-label="Contracts section" className="subnav">
      {links
        .filter(([, , shown]) => shown)
        .map(([to, label]) => (
          <NavLink key={to} to={to} end>
            {label}
          </NavLink>
        ))}
    </nav>
  )
}
