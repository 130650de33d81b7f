import { Link, useLocation, useParams } from 'react-router'
import { PARTNER_TYPES } from '@shared/domain/contracts'
import { DISPATCH_OUTCOMES } from '@shared/domain/dispatches'
import { formatDate } from '../../../lib/format'
import { DoneNotice, ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import { may, useCurrentUser } from '../../auth/session'
import { useOfficeSettings } from '../../settings/api/settings'
import { useDispatch } from '../api/dispatches'
import { officeStamp } from '../utils/officeTime'
import { dispatchState } from './DispatchRows'

export function DispatchPage() {
  const id = Number(useParams().id)
  const dispatch = useDispatch(id)
  const settings = useOfficeSettings()
  const user = useCurrentUser()
  const flash = (useLocation().state as { flash?: string } | null)?.flash
  const staff = may(user, 'dispatches.update')
  const crumb = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to="/dispatches">{staff ? 'Dispatch log' : 'My dispatches'}</Link>
    </nav>
  )
  if (dispatch.isPending) return <LoadingState what="the dispatch" />
  if (dispatch.isError) return <ErrorState error={dispatch.error} />
  const d = dispatch.data
  const timeZone = settings.data?.effectiveTimeZone ?? 'UTC'
  const stamp = (instant: string | null) => (instant ? officeStamp(instant, timeZone, formatDate) : '–')
  const title = `Dispatch to ${d.partnerName}`
  return (
    <>
      <PageHeader
        documentTitle={title}
        title={title}
        before={crumb}
        actions={
          staff ? (
            <Link className="button button--primary" to={`/dispatches/${d.id}/edit`}>
              {d.open ? 'Update the dispatch' : 'Edit the dispatch'}
            </Link>
          ) : undefined
        }
      />
      {flash ? (
        <DoneNotice key={flash}>
          <p>{flash}</p>
        </DoneNotice>
      ) : null}
      <div className="columns">
        <section aria-labelledby="dispatch-request" className="card">
          <h2 id="dispatch-request">The request</h2>
          <dl className="details">
            <dt>State</dt>
            <dd>{dispatchState(d)}</dd>
            <dt>Contract</dt>
            <dd>
              <Link to={`/contracts/${d.contractId}`}>{d.contractReference}</Link>, {d.partnerName} (
              {PARTNER_TYPES[d.partnerType]})
            </dd>
            <dt>Who asked</dt>
            <dd>{d.requester}</dd>
            <dt>Location or unit</dt>
            <dd>{d.location ?? '–'}</dd>
            <dt>Reference code</dt>
            <dd>{d.referenceCode ?? '–'}</dd>
            <dt>Coverage</dt>
            <dd>
              {d.outsideCoverage ? (
                <span className="badge badge--outside">Outside the contract’s coverage</span>
              ) : (
                'Within the contract’s coverage'
              )}
            </dd>
          </dl>
        </section>
        <section aria-labelledby="dispatch-times" className="card">
          <h2 id="dispatch-times">Follow-through (office time)</h2>
          <dl className="details">
            <dt>Coach</dt>
            <dd>
              {d.coachName ?? 'None yet'}
              {d.sentOffTeam ? <span className="muted"> (sent although not on the team)</span> : null}
            </dd>
            <dt>Requested</dt>
            <dd>{stamp(d.requestedAt)}</dd>
            <dt>Accepted</dt>
            <dd>{stamp(d.acceptedAt)}</dd>
            <dt>Arrived</dt>
            <dd>
              {stamp(d.arrivedAt)}
              {d.minutesToArrival !== null ? (
                <span className="muted">
                  {' '}
                  ({d.minutesToArrival} minutes; target {d.targetMinutes})
                </span>
              ) : null}
            </dd>
            <dt>Completed</dt>
            <dd>{stamp(d.completedAt)}</dd>
            <dt>Outcome</dt>
            <dd>{d.outcome ? DISPATCH_OUTCOMES[d.outcome] : '–'}</dd>
            <dt>Follow-up</dt>
            <dd>{d.followUpOn ? formatDate(d.followUpOn) : '–'}</dd>
          </dl>
        </section>
      </div>
    </>
  )
}
