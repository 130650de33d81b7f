import { createHashRouter, Navigate } from 'react-router'
import { AppShell } from './App'
import { RosterPage } from '../features/roster/components/RosterPage'
import { CoachPage } from '../features/roster/components/CoachPage'
import { EditCoachPage, NewCoachPage } from '../features/roster/components/CoachEditors'
import { SettingsPage } from '../features/settings/components/SettingsPage'
import { PageHeading } from './ui'

function NotFoundPage() {
  return <PageHeading documentTitle="Not found">This page does not exist</PageHeading>
}

// Hash routes work the same from a file in Electron and from the browser-mode server.
export const router = createHashRouter([
  {
    element: <AppShell />,
    children: [
      { index: true, element: <Navigate to="/coaches" replace /> },
      { path: 'coaches', element: <RosterPage /> },
      { path: 'coaches/new', element: <NewCoachPage /> },
      { path: 'coaches/:id', element: <CoachPage /> },
      { path: 'coaches/:id/edit', element: <EditCoachPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])
