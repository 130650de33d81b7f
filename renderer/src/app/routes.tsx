import type { ReactNode } from 'react'
import { createHashRouter, Navigate } from 'react-router'
import { AppShell } from './App'
import { RosterPage } from '../features/roster/components/RosterPage'
import { CoachPage } from '../features/roster/components/CoachPage'
import { EditCoachPage, NewCoachPage } from '../features/roster/components/CoachEditors'
import { SettingsPage } from '../features/settings/components/SettingsPage'
import { AccountsPage } from '../features/accounts/components/AccountsPage'
import { AuditPage } from '../features/audit/components/AuditPage'
import { BackupsPage } from '../features/backups/components/BackupsPage'
import { ChangePasswordPage } from '../features/auth/components/ChangePassword'
import { can, useCurrentUser, type CAN } from '../features/auth/session'
import { NoAccess, PageHeading } from './ui'

function NotFoundPage() {
  return <PageHeading documentTitle="Not found">This page does not exist</PageHeading>
}

/** Where each role starts: a coach on their own page, everyone else on the roster. */
function StartPage() {
  const user = useCurrentUser()
  if (user.role !== 'coach') return <Navigate to="/coaches" replace />
  if (user.coachId === null) {
    return (
      <>
        <PageHeading documentTitle="Welcome">Welcome, {user.displayName}</PageHeading>
        <p>Your account is not linked to a roster entry yet. Ask a supervisor to link it.</p>
      </>
    )
  }
  return <Navigate to={`/coaches/${user.coachId}`} replace />
}

/** Shows the page only to the roles that may use it; the main process refuses the calls to anyone else anyway. */
function Only({ may, children }: { may: keyof typeof CAN; children: ReactNode }) {
  const user = useCurrentUser()
  return can(user, may) ? children : <NoAccess />
}

/** The roster list: a coach has no list to see, only their own page. */
function Roster() {
  const user = useCurrentUser()
  if (user.role === 'coach') return <StartPage />
  return (
    <Only may="seeRoster">
      <RosterPage />
    </Only>
  )
}

// Hash routes work the same from a file in Electron and from the browser-mode server.
export const router = createHashRouter([
  {
    element: <AppShell />,
    children: [
      { index: true, element: <StartPage /> },
      { path: 'coaches', element: <Roster /> },
      {
        path: 'coaches/new',
        element: (
          <Only may="editRoster">
            <NewCoachPage />
          </Only>
        ),
      },
      { path: 'coaches/:id', element: <CoachPage /> },
      {
        path: 'coaches/:id/edit',
        element: (
          <Only may="editRoster">
            <EditCoachPage />
          </Only>
        ),
      },
      {
        path: 'accounts',
        element: (
          <Only may="manageAccounts">
            <AccountsPage />
          </Only>
        ),
      },
      {
        path: 'audit',
        element: (
          <Only may="readAudit">
            <AuditPage />
          </Only>
        ),
      },
      {
        path: 'settings',
        element: (
          <Only may="editSettings">
            <SettingsPage />
          </Only>
        ),
      },
      {
        path: 'backups',
        element: (
          <Only may="manageBackups">
            <BackupsPage />
          </Only>
        ),
      },
      { path: 'account/password', element: <ChangePasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])
