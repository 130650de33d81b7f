import { Link } from 'react-router'
import { CAREER_STAGES } from '@shared/domain/roster'
import { ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import { may, useCurrentUser } from '../../auth/session'
import { useOfficeLadder } from '../api/ladder'
import { formatHours, quarterBars, recentQuarters } from '../utils/ladder'
import { QuarterHoursChart } from './LadderCharts'
import './ladder.css'

/** The office's ladder: how many coaches are at each stage, who is close to the next, and training hours. */
export function OfficeLadderPage() {
  const office = useOfficeLadder()
  const user = useCurrentUser()
  const links = (
    <nav aria-label="Ladder pages" className="row-actions">
      {may(user, 'requirements.list') ? <Link to="/ladder/requirements">Requirements</Link> : null}
      <Link to="/ladder/trainings">Training catalogue</Link>
    </nav>
  )
  if (office.isPending) return <LoadingState what="the ladder" />
  if (office.isError) return <ErrorState error={office.error} />
  const data = office.data
  const bars = quarterBars(data.hoursByQuarter)
  return (
    <>
      <PageHeader documentTitle="Career ladder" title="Career ladder" actions={links} />
      <section aria-labelledby="stage-counts" className="card">
        <h2 id="stage-counts">Coaches at each stage</h2>
        <ul className="ladder-counts">
          {data.stageCounts.map((s) => (
            <li key={s.stage}>
              <strong>{s.count}</strong> {CAREER_STAGES[s.stage]}
            </li>
          ))}
        </ul>
        <p className="muted">Current coaches: active and on leave.</p>
      </section>
      <section aria-labelledby="close-heading" className="card">
        <h2 id="close-heading">Close to the next stage</h2>
        <p className="muted">At least three quarters of the hours done and at most one step missing.</p>
        {data.close.length === 0 ? (
          <p>No one is close yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Coach</th>
                <th scope="col">Now</th>
                <th scope="col">Next</th>
                <th scope="col">Hours</th>
                <th scope="col">Steps missing</th>
              </tr>
            </thead>
            <tbody>
              {data.close.map((c) => (
                <tr key={c.coachId}>
                  <th scope="row">
                    <Link to={`/coaches/${c.coachId}?tab=ladder`}>{c.displayName}</Link>
                    {c.ready ? <span className="badge badge--active"> Ready</span> : null}
                  </th>
                  <td>{CAREER_STAGES[c.stage]}</td>
                  <td>{CAREER_STAGES[c.nextStage]}</td>
                  <td>
                    {c.hoursNeeded === 0 ? (
                      <span className="muted">none needed</span>
                    ) : (
                      `${formatHours(c.hoursDone)} of ${formatHours(c.hoursNeeded)}`
                    )}
                  </td>
                  <td>{c.stepsMissing}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="hours-heading" className="card">
        <h2 id="hours-heading">Training hours per quarter</h2>
        {bars.length === 0 ? (
          <p>No training recorded yet.</p>
        ) : (
          <div className="columns">
            <div className="ladder-chart">
              <QuarterHoursChart bars={recentQuarters(bars)} label="Completed training hours, last 16 quarters" />
            </div>
            <div className="table-scroll" role="region" aria-label="Training hours per quarter: table" tabIndex={0}>
              <table className="table table--dense">
                <thead>
                  <tr>
                    <th scope="col">Quarter</th>
                    <th scope="col">Approved hours</th>
                    <th scope="col">Other hours</th>
                    <th scope="col">All hours</th>
                  </tr>
                </thead>
                <tbody>
                  {[...bars].reverse().map((b) => (
                    <tr key={b.quarter}>
                      <th scope="row">{b.quarter}</th>
                      <td>{formatHours(b.approved)}</td>
                      <td>{formatHours(b.other)}</td>
                      <td>{formatHours(b.all)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </section>
    </>
  )
}
