import { Link } from 'react-router'
import { ErrorState, LoadingState } from '../../../components/ui'
import type { CoachTab, CoachTabProps } from '../../roster/components/CoachPage'
import { may } from '../../auth/session'
import { useOfficeSettings } from '../../settings/api/settings'
import { useDispatchPages } from '../api/dispatches'
import { DispatchRows } from './DispatchRows'

/** A coach's dispatches on their page: for staff, and for the coach themself (the log gives them only their own). */
function CoachDispatches({ coach, user }: CoachTabProps) {
  const settings = useOfficeSettings()
  const log = useDispatchPages({ coachId: coach.id, limit: 50 })
  const items = log.data?.pages.flatMap((page) => page.items) ?? []
  const timeZone = settings.data?.effectiveTimeZone ?? 'UTC'
  return (
    <section aria-labelledby="coach-dispatches-heading">
      <h2 id="coach-dispatches-heading">Dispatches</h2>
      {log.isPending ? <LoadingState what="dispatches" /> : null}
      {log.isError ? <ErrorState error={log.error} /> : null}
      {log.isSuccess && items.length === 0 ? <p className="empty">No dispatches yet.</p> : null}
      {items.length > 0 ? (
        <DispatchRows
          items={items}
          timeZone={timeZone}
          caption={`Dispatches of ${coach.displayName}`}
          showCoach={false}
        />
      ) : null}
      {log.hasNextPage ? (
        <button type="button" className="button" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {log.isFetchingNextPage ? 'Loading…' : 'Show older dispatches'}
        </button>
      ) : null}
      {may(user, 'dispatches.create') ? (
        <p>
          <Link to={`/dispatches?coach=${coach.id}`}>In the dispatch log</Link>
        </p>
      ) : null}
    </section>
  )
}

export const dispatchesTab: CoachTab = {
  key: 'dispatches',
  label: 'Dispatches',
  // Staff for anyone; a coach for their own page (the main process refuses another coach's dispatches anyway).
  hasContent: ({ coach, user }) => may(user, 'dispatches.list') && (user.role !== 'coach' || user.coachId === coach.id),
  Content: CoachDispatches,
}
