import { useMemo, useState } from 'react'
import { Link } from 'react-router'
import { COACH_STATUSES } from '@shared/domain/roster'
import {
  DISCLAIMER,
  DOMAIN_KEYS,
  DOMAINS,
  NOT_ASSESSED_DAYS,
  RATERS,
  TEAM_COACH_FILTERS,
  TEAM_SCOPES,
  type Domain,
  type Rater,
  type TeamCoachFilter,
  type TeamGrowth,
  type TeamScope,
} from '@shared/domain/growth'
import { formatDate, formatNumber } from '../../../lib/format'
import { ErrorState, LoadingState, PageHeader, RadioGroup, VirtualRows } from '../../../components/ui'
import { useTeamGrowth } from '../api/growth'
import { teamSeries } from '../utils/series'
import { TeamChart } from './GrowthCharts'
import { TeamTable } from './GrowthTables'
import { growthPath } from './paths'
import './growth.css'

/** The supervisors' view of the team: averages per domain and track by quarter, their spread, and who is due. */
export function TeamPage() {
  const [scope, setScope] = useState<TeamScope>('mine')
  const [coaches, setCoaches] = useState<TeamCoachFilter>('current')
  const [rater, setRater] = useState<Rater>('supervisor')
  const team = useTeamGrowth({ scope, coaches, rater })
  return (
    <>
      <PageHeader documentTitle="Team growth" title="Team growth" />
      <p className="disclaimer">{DISCLAIMER}</p>
      <div className="filters" role="group" aria-label="Which coaches and ratings">
        <RadioGroup<TeamScope>
          id="team-scope"
          legend="Coaches"
          options={TEAM_SCOPES}
          value={scope}
          onChange={setScope}
        />
        <RadioGroup<TeamCoachFilter>
          id="team-coaches"
          legend="Include"
          options={TEAM_COACH_FILTERS}
          value={coaches}
          onChange={setCoaches}
        />
        <RadioGroup<Rater>
          id="team-rater"
          legend="Ratings"
          options={{ supervisor: 'Supervisor ratings', self: 'Self-ratings' }}
          value={rater}
          onChange={setRater}
        />
      </div>
      {team.isPending ? <LoadingState what="the team view" /> : null}
      {team.isError ? <ErrorState error={team.error} /> : null}
      {team.data ? <Team data={team.data} rater={rater} scope={scope} /> : null}
    </>
  )
}

function Team({ data, rater, scope }: { data: TeamGrowth; rater: Rater; scope: TeamScope }) {
  return (
    <>
      <p role="status">
        {formatNumber(data.coachCount)} {data.coachCount === 1 ? 'coach' : 'coaches'} chosen
        {scope === 'mine' ? ' (those whose assigned supervisor on the roster is you)' : ''}.{' '}
        {data.quarters.length > 0
          ? `${RATERS[rater]} ratings from ${data.quarters[0]!.quarter} to ${data.quarters[data.quarters.length - 1]!.quarter}: each coach’s latest rating in a quarter counts once.`
          : ''}
      </p>
      <NotAssessed data={data} />
      <section aria-labelledby="team-domains-heading" className="section-gap">
        <h2 id="team-domains-heading">Each domain by quarter</h2>
        {data.quarters.length === 0 ? (
          <p className="muted">No {RATERS[rater].toLowerCase()} ratings of these coaches yet.</p>
        ) : (
          <>
            <p className="muted">
              The line is the average, the shaded band the lowest to the highest coach. The tables give how many coaches
              stand behind each figure, and the standard deviation.
            </p>
            <div className="growth-multiples">
              {DOMAIN_KEYS.map((d) => (
                <TeamCard key={d} domain={d} data={data} />
              ))}
            </div>
          </>
        )}
      </section>
    </>
  )
}

function TeamCard({ domain, data }: { domain: Domain; data: TeamGrowth }) {
  const points = useMemo(() => teamSeries(data.quarters, domain), [data.quarters, domain])
  const headingId = `team-${domain}-heading`
  return (
    <section className="card growth-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{DOMAINS[domain]}</h3>
      <TeamChart points={points} label={DOMAINS[domain]} size={{ height: 190 }} />
      <TeamTable label={DOMAINS[domain]} points={points} />
    </section>
  )
}

function NotAssessed({ data }: { data: TeamGrowth }) {
  return (
    <section aria-labelledby="not-assessed-heading" className="card section-gap">
      <h2 id="not-assessed-heading">Not rated by a supervisor in the last {NOT_ASSESSED_DAYS} days</h2>
      {data.notAssessed.length === 0 ? (
        <p className="muted">Everyone chosen has a supervisor rating from the last {NOT_ASSESSED_DAYS} days.</p>
      ) : (
        <div className="table-scroll">
          <table className="table table--dense" aria-rowcount={data.notAssessed.length + 1}>
            <caption className="visually-hidden">
              {data.notAssessed.length} coaches without a supervisor rating in the last {NOT_ASSESSED_DAYS} days,
              longest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Coach</th>
                <th scope="col">Status</th>
                <th scope="col">Last supervisor rating</th>
                <th scope="col">Last self-rating</th>
              </tr>
            </thead>
            <VirtualRows
              items={data.notAssessed}
              rowKey={(c) => c.coachId}
              columns={4}
              cells={(c) => (
                <>
                  <th scope="row">
                    <Link to={growthPath(c.coachId)}>{c.displayName}</Link>
                  </th>
                  <td>{COACH_STATUSES[c.status]}</td>
                  <td>{c.lastSupervisorOn ? formatDate(c.lastSupervisorOn) : 'Never'}</td>
                  <td>{c.lastSelfOn ? formatDate(c.lastSelfOn) : 'Never'}</td>
                </>
              )}
            />
          </table>
        </div>
      )}
    </section>
  )
}
