import { lazy, type ComponentType, type ReactNode } from 'react'
import { createHashRouter, Navigate } from 'react-router'
import type { Channel } from '@shared/api/contract'
import { NoAccess, PageHeader, SomethingWentWrong } from '../components/ui'
import { may, seesRoster, useCurrentUser } from '../features/auth/session'
import { AppShell, RouteErrorPage, StartAgainButton } from './App'

/** A page loaded when first opened, so sign-in does not wait for pages (and later charts) it does not show. */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }))
}

const RosterPage = page(() => import('../features/roster/components/RosterPage'), 'RosterPage')
const CoachRecord = lazy(() => import('./CoachRecord'))
const NewCoachPage = page(() => import('../features/roster/components/CoachEditors'), 'NewCoachPage')
const EditCoachPage = page(() => import('../features/roster/components/CoachEditors'), 'EditCoachPage')
const SettingsPage = page(() => import('../features/settings/components/SettingsPage'), 'SettingsPage')
const AccountsPage = page(() => import('../features/accounts/components/AccountsPage'), 'AccountsPage')
const AuditPage = page(() => import('../features/audit/components/AuditPage'), 'AuditPage')
const BackupsPage = page(() => import('../features/backups/components/BackupsPage'), 'BackupsPage')
const ChangePasswordPage = page(() => import('../features/auth/components/ChangePasswordPage'), 'ChangePasswordPage')
const DirectoryPage = page(() => import('../features/directory/components/DirectoryPage'), 'DirectoryPage')
const ResourcePage = page(() => import('../features/directory/components/ResourcePage'), 'ResourcePage')
const NewResourcePage = page(() => import('../features/directory/components/ResourceEditors'), 'NewResourcePage')
const EditResourcePage = page(() => import('../features/directory/components/ResourceEditors'), 'EditResourcePage')
const ResourceHistoryPage = page(() => import('../features/directory/components/HistoryPage'), 'HistoryPage')
const ResourceSheetPage = page(() => import('../features/directory/components/PrintSheets'), 'ResourceSheetPage')
const ListSheetPage = page(() => import('../features/directory/components/PrintSheets'), 'ListSheetPage')
const AssessmentPage = page(() => import('../features/growth/components/AssessmentPage'), 'AssessmentPage')
const AmendPage = page(() => import('../features/growth/components/AssessmentPage'), 'AmendPage')
const ReportPage = page(() => import('../features/growth/components/ReportPage'), 'ReportPage')
const TeamPage = page(() => import('../features/growth/components/TeamPage'), 'TeamPage')
const PartnersPage = page(() => import('../features/contracts/components/PartnersPage'), 'PartnersPage')
const PartnerPage = page(() => import('../features/contracts/components/PartnerPage'), 'PartnerPage')
const NewPartnerPage = page(() => import('../features/contracts/components/PartnerEditors'), 'NewPartnerPage')
const EditPartnerPage = page(() => import('../features/contracts/components/PartnerEditors'), 'EditPartnerPage')
const ContractsPage = page(() => import('../features/contracts/components/ContractsPage'), 'ContractsPage')
const ContractPage = page(() => import('../features/contracts/components/ContractPage'), 'ContractPage')
const NewContractPage = page(() => import('../features/contracts/components/ContractEditors'), 'NewContractPage')
const EditContractPage = page(() => import('../features/contracts/components/ContractEditors'), 'EditContractPage')
const DashboardPage = page(() => import('../features/contracts/components/DashboardPage'), 'DashboardPage')
const DispatchLogPage = page(() => import('../features/dispatches/components/DispatchLogPage'), 'DispatchLogPage')
const DispatchPage = page(() => import('../features/dispatches/components/DispatchPage'), 'DispatchPage')
const NewDispatchPage = page(() => import('../features/dispatches/components/DispatchEditors'), 'NewDispatchPage')
const EditDispatchPage = page(() => import('../features/dispatches/components/DispatchEditors'), 'EditDispatchPage')
const OfficeLadderPage = page(() => import('../features/ladder/components/OfficeLadderPage'), 'OfficeLadderPage')
const RequirementsPage = page(() => import('../features/ladder/components/RequirementsPage'), 'RequirementsPage')
const TrainingsPage = page(() => import('../features/ladder/components/TrainingsPage'), 'TrainingsPage')
const EvaluationPage = page(() => import('../features/ladder/components/EvaluationPage'), 'EvaluationPage')
const SupervisionStartPage = page(() => import('../features/supervision/components/StartPage'), 'SupervisionStartPage')
const NewSessionPage = page(() => import('../features/supervision/components/SessionPages'), 'NewSessionPage')
const SessionPage = page(() => import('../features/supervision/components/SessionPages'), 'SessionPage')
const SupervisionSearchPage = page(() => import('../features/supervision/components/SearchPage'), 'SearchPage')

function NotFoundPage() {
  return <PageHeader documentTitle="Not found" title="This page does not exist" />
}

/** Where each role starts: a coach on their own page, everyone else on the roster. */
function StartPage() {
  const user = useCurrentUser()
  if (seesRoster(user)) return <Navigate to="/coaches" replace />
  if (user.coachId === null) {
    return (
      <>
        <PageHeader documentTitle="Welcome" title={`Welcome, ${user.displayName}`} />
        <p>Your account is not linked to a roster entry yet. Ask a supervisor to link it.</p>
      </>
    )
  }
  // A coach opens the app for their growth page.
  const tab = may(user, 'growth.coach') ? '?tab=growth' : ''
  return <Navigate to={`/coaches/${user.coachId}${tab}`} replace />
}

/** Shows the page only to the roles that may call its channel; the main process refuses the calls to anyone else. */
function Only({ channel, children }: { channel: Channel; children: ReactNode }) {
  const user = useCurrentUser()
  return may(user, channel) ? children : <NoAccess />
}

/** The roster list: a coach has no list to see, only their own page. */
function Roster() {
  const user = useCurrentUser()
  return seesRoster(user) ? <RosterPage /> : <StartPage />
}

// Hash routes work the same from a file in Electron and from the browser-mode server.
export const router = createHashRouter([
  {
    element: <AppShell />,
    // The shell itself failed: nothing of it can be trusted, so start the app again.
    errorElement: <SomethingWentWrong backTo={<StartAgainButton />} />,
    children: [
      {
        // A page failed: the calm page in its place, the shell and its navigation still there.
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <StartPage /> },
          { path: 'coaches', element: <Roster /> },
          {
            path: 'coaches/new',
            element: (
              <Only channel="coaches.create">
                <NewCoachPage />
              </Only>
            ),
          },
          { path: 'coaches/:id', element: <CoachRecord /> },
          {
            path: 'coaches/:id/edit',
            element: (
              <Only channel="coaches.update">
                <EditCoachPage />
              </Only>
            ),
          },
          {
            path: 'accounts',
            element: (
              <Only channel="accounts.list">
                <AccountsPage />
              </Only>
            ),
          },
          {
            path: 'audit',
            element: (
              <Only channel="audit.list">
                <AuditPage />
              </Only>
            ),
          },
          {
            path: 'settings',
            element: (
              <Only channel="settings.update">
                <SettingsPage />
              </Only>
            ),
          },
          {
            path: 'backups',
            element: (
              <Only channel="backups.list">
                <BackupsPage />
              </Only>
            ),
          },
          {
            path: 'coaches/:id/report',
            element: (
              <Only channel="growth.report">
                <ReportPage />
              </Only>
            ),
          },
          {
            path: 'assessments/:id',
            element: (
              <Only channel="assessments.get">
                <AssessmentPage />
              </Only>
            ),
          },
          {
            path: 'assessments/:id/amend',
            element: (
              <Only channel="assessments.amend">
                <AmendPage />
              </Only>
            ),
          },
          {
            path: 'growth/team',
            element: (
              <Only channel="growth.team">
                <TeamPage />
              </Only>
            ),
          },
          {
            path: 'ladder',
            element: (
              <Only channel="ladder.office">
                <OfficeLadderPage />
              </Only>
            ),
          },
          {
            path: 'ladder/requirements',
            element: (
              <Only channel="requirements.list">
                <RequirementsPage />
              </Only>
            ),
          },
          {
            path: 'ladder/trainings',
            element: (
              <Only channel="trainings.list">
                <TrainingsPage />
              </Only>
            ),
          },
          {
            path: 'ladder/trainings/:id/evaluation',
            element: (
              <Only channel="trainings.evaluation">
                <EvaluationPage />
              </Only>
            ),
          },
          { path: 'account/password', element: <ChangePasswordPage /> },
          {
            path: 'directory',
            element: (
              <Only channel="resources.list">
                <DirectoryPage />
              </Only>
            ),
          },
          {
            path: 'directory/new',
            element: (
              <Only channel="resources.create">
                <NewResourcePage />
              </Only>
            ),
          },
          {
            path: 'directory/print',
            element: (
              <Only channel="resources.list">
                <ListSheetPage />
              </Only>
            ),
          },
          {
            path: 'directory/:id',
            element: (
              <Only channel="resources.get">
                <ResourcePage />
              </Only>
            ),
          },
          {
            path: 'directory/:id/edit',
            element: (
              <Only channel="resources.update">
                <EditResourcePage />
              </Only>
            ),
          },
          {
            path: 'directory/:id/history',
            element: (
              <Only channel="resources.history">
                <ResourceHistoryPage />
              </Only>
            ),
          },
          {
            path: 'directory/:id/print',
            element: (
              <Only channel="resources.get">
                <ResourceSheetPage />
              </Only>
            ),
          },
          {
            path: 'partners',
            element: (
              <Only channel="partners.list">
                <PartnersPage />
              </Only>
            ),
          },
          {
            path: 'partners/new',
            element: (
              <Only channel="partners.create">
                <NewPartnerPage />
              </Only>
            ),
          },
          {
            path: 'partners/:id',
            element: (
              <Only channel="partners.get">
                <PartnerPage />
              </Only>
            ),
          },
          {
            path: 'partners/:id/edit',
            element: (
              <Only channel="partners.update">
                <EditPartnerPage />
              </Only>
            ),
          },
          {
            path: 'contracts',
            element: (
              <Only channel="contracts.list">
                <ContractsPage />
              </Only>
            ),
          },
          {
            path: 'contracts/new',
            element: (
              <Only channel="contracts.create">
                <NewContractPage />
              </Only>
            ),
          },
          {
            path: 'contracts/dashboard',
            element: (
              <Only channel="contracts.dashboard">
                <DashboardPage />
              </Only>
            ),
          },
          {
            path: 'contracts/:id',
            element: (
              <Only channel="contracts.get">
                <ContractPage />
              </Only>
            ),
          },
          {
            path: 'contracts/:id/edit',
            element: (
              <Only channel="contracts.update">
                <EditContractPage />
              </Only>
            ),
          },
          {
            path: 'dispatches',
            element: (
              <Only channel="dispatches.list">
                <DispatchLogPage />
              </Only>
            ),
          },
          {
            path: 'dispatches/new',
            element: (
              <Only channel="dispatches.create">
                <NewDispatchPage />
              </Only>
            ),
          },
          {
            path: 'dispatches/:id',
            element: (
              <Only channel="dispatches.get">
                <DispatchPage />
              </Only>
            ),
          },
          {
            path: 'dispatches/:id/edit',
            element: (
              <Only channel="dispatches.update">
                <EditDispatchPage />
              </Only>
            ),
          },
          {
            path: 'supervision',
            element: (
              <Only channel="supervision.startPage">
                <SupervisionStartPage />
              </Only>
            ),
          },
          {
            path: 'supervision/new',
            element: (
              <Only channel="supervision.create">
                <NewSessionPage />
              </Only>
            ),
          },
          {
            path: 'supervision/sessions/:id',
            element: (
              <Only channel="supervision.get">
                <SessionPage />
              </Only>
            ),
          },
          {
            path: 'supervision/search',
            element: (
              <Only channel="supervision.search">
                <SupervisionSearchPage />
              </Only>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
])
