import { Link } from 'react-router'
import { DISPATCH_OUTCOMES, type Dispatch } from '@shared/domain/dispatches'
import { formatDate } from '../../../lib/format'
import { VirtualRows } from '../../../components/ui'
import { officeStamp } from '../utils/officeTime'
import '../../contracts/contracts.css'

/** Where a dispatch stands, in words. */
export function dispatchState(d: Dispatch): string {
  if (d.outcome) return DISPATCH_OUTCOMES[d.outcome]
  if (d.arrivedAt) return 'On site'
  if (d.acceptedAt) return 'On the way'
  return d.coachId ? 'Coach asked' : 'Waiting for a coach'
}

/** The log's table: newest request first, as many rows as loaded, only those near the view in the page. */
export function DispatchRows({
  items,
  timeZone,
  caption,
  showCoach = true,
}: {
  items: readonly Dispatch[]
  timeZone: string
  caption: string
  showCoach?: boolean
}) {
  const columns = showCoach ? 6 : 5
  return (
    <div className="table-scroll">
      <table className="table table--dense" aria-rowcount={items.length + 1}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Requested (office time)</th>
            <th scope="col">Contract</th>
            {showCoach ? <th scope="col">Coach</th> : null}
            <th scope="col">State</th>
            <th scope="col" className="num">
              Minutes to arrival
            </th>
            <th scope="col">Coverage</th>
          </tr>
        </thead>
        <VirtualRows
          items={items}
          rowKey={(d) => d.id}
          columns={columns}
          cells={(d) => (
            <>
              <th scope="row" className="nowrap">
                <Link to={`/dispatches/${d.id}`}>{officeStamp(d.requestedAt, timeZone, formatDate)}</Link>
              </th>
              <td className="cell-text">
                {d.contractReference}
                <span className="cell-note">{d.partnerName}</span>
              </td>
              {showCoach ? <td className="cell-text">{d.coachName ?? '–'}</td> : null}
              <td>{d.open ? <span className="badge badge--open">{dispatchState(d)}</span> : dispatchState(d)}</td>
              <td className="num">
                {d.minutesToArrival === null ? '–' : d.minutesToArrival}
                {d.minutesToArrival !== null && d.minutesToArrival > d.targetMinutes ? (
                  <span className="cell-note">over the {d.targetMinutes}-minute target</span>
                ) : null}
              </td>
              <td>{d.outsideCoverage ? <span className="badge badge--outside">Outside coverage</span> : 'Covered'}</td>
            </>
          )}
        />
      </table>
    </div>
  )
}
