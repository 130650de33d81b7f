import type { ComponentType } from 'react'
import { Link, useLocation, useParams, useSearchParams } from 'react-router'
import { COACH_TITLES } from '@shared/domain/settings'
import type { Coach } from '@shared/domain/roster'
import type { SignedInUser } from '@shared/domain/auth'
import { ApiCallError } from '../../../lib/api'
import { ErrorState, LoadingState, NoAccess, PageHeader, PageHeading } from '../../../components/ui'
import { useCoach } from '../api/roster'
import { useCoachWords } from '../../settings/api/settings'
import { may, seesRoster, useCurrentUser } from '../../auth/session'

export interface CoachTabProps {
  coach: Coach
  user: SignedInUser
}

/**
 * One part of a coach's record: the profile here; growth, supervision, dispatches and the ladder as their features
 * arrive. The app shell lists them (app/coachTabs.ts); a tab shows only when it has something for this coach and
 * this viewer.
 */
export interface CoachTab {
  key: string
  label: string
  hasContent(props: CoachTabProps): boolean
  Content: ComponentType<CoachTabProps>
}

export function CoachPage({ tabs }: { tabs: readonly CoachTab[] }) {
  const id = Number(useParams().id)
  const coach = useCoach(id)
  const flash = (useLocation().state as { flash?: string } | null)?.flash
  const [params] = useSearchParams()
  const words = useCoachWords()
  const user = useCurrentUser()
  const backToRoster = seesRoster(user) ? (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to="/coaches">{words.Plural}</Link>
    </nav>
  ) : undefined
  // A coach reaches only their own page; the main process refuses any other, and this says so plainly.
  if (coach.isError && coach.error instanceof ApiCallError && coach.error.code === 'forbidden') return <NoAccess />
  if (coach.isPending) return <LoadingState what="the coach" />
  if (coach.isError) {
    return (
      <>
        {backToRoster}
        <PageHeading documentTitle="Not found">{words.Singular} not found</PageHeading>
        <ErrorState error={coach.error} />
      </>
    )
  }
  const c = coach.data
  const shown = tabs.filter((tab) => tab.hasContent({ coach: c, user }))
  const current = shown.find((tab) => tab.key === params.get('tab')) ?? shown[0]
  return (
    <>
      <PageHeader
        before={backToRoster}
        documentTitle={c.displayName}
        title={
          <>
            {c.displayName}
            {c.pronouns ? <span className="muted heading-aside"> ({c.pronouns})</span> : null}
          </>
        }
        actions={
          may(user, 'coaches.update') ? (
            <Link className="button" to={`/coaches/${c.id}/edit`}>
              Edit details
            </Link>
          ) : null
        }
      />
      {flash ? (
        <p role="status" className="notice notice--success">
          {flash}
        </p>
      ) : null}
      {c.status === 'left' ? (
        <p className="notice">This {COACH_TITLES[c.title].singular} has left and is archived. Their record is kept.</p>
      ) : null}
      {shown.length > 1 ? (
        <nav aria-label={`Parts of ${c.displayName}’s record`} className="tabs">
          <ul>
            {shown.map((tab) => (
              <li key={tab.key}>
                <Link
                  to={tab === shown[0] ? `/coaches/${c.id}` : `/coaches/${c.id}?tab=${tab.key}`}
                  aria-current={tab === current ? 'page' : undefined}
                >
                  {tab.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {current ? <current.Content coach={c} user={user} /> : null}
    </>
  )
}
