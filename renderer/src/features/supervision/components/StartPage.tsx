import { useState } from 'react'
import { Link } from 'react-router'
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'
import {
  BARRIER_KEYS,
  BARRIER_KINDS,
  CADENCE_STATES,
  FUNCTION_KEYS,
  START_SCOPES,
  SUPERVISION_FUNCTIONS,
  type StartScope,
} from '@shared/domain/supervision'
import { ErrorState, LoadingState, PageHeader, SelectField } from '../../../components/ui'
import { formatDate, formatNumber } from '../../../lib/format'
import { useBarriers, useStartPage } from '../api/supervision'
import { balanceSeries, barrierSeries, withoutRestorative } from '../utils/charts'
import { ItemsTable } from './SessionPages'
import './supervision.css'

const FUNCTION_COLOURS = { normative: '#1d4ed8', formative: '#15803d', restorative: '#b45309' }
const BARRIER_COLOURS = { payer_funding: '#7c3aed', host_site_policy: '#0e7490', stigma: '#be123c', other: '#525252' }

/** The supervisor's start page: who is due, what is due, how sessions balanced, and the barriers met. */
export function SupervisionStartPage() {
  const [scope, setScope] = useState<StartScope>('mine')
  const start = useStartPage(scope)
  const barriers = useBarriers(scope === 'mine' ? 'mine' : 'everyone')
  return (
    <>
      <PageHeader
        documentTitle="Supervision"
        title="Supervision"
        actions={
          <>
            <Link className="button button--primary" to="/supervision/new">
              Record a session
            </Link>{' '}
            <Link className="button" to="/supervision/search">
              Search the notes
            </Link>
          </>
        }
      />
      <SelectField
        id="supervision-scope"
        label="Show"
        value={scope}
        onChange={(v) => setScope(v as StartScope)}
        options={START_SCOPES}
      />
      {start.isPending ? <LoadingState what="the start page" /> : null}
      {start.isError ? <ErrorState error={start.error} /> : null}
      {start.data ? (
        <div className="stack">
          <table className="table">
            <caption>Due for supervision (by each coach&apos;s cadence, from their last signed-off session)</caption>
            <thead>
              <tr>
                <th scope="col">Coach</th>
                <th scope="col">Every</th>
                <th scope="col">Last session</th>
                <th scope="col">Due</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {start.data.cadence.map((c) => (
                <tr key={c.coachId}>
                  <td>
                    <Link to={`/coaches/${c.coachId}?tab=supervision`}>{c.displayName}</Link>
                  </td>
                  <td>{formatNumber(c.cadenceDays)} days</td>
                  <td>{c.lastSessionOn ? formatDate(c.lastSessionOn) : 'None yet'}</td>
                  <td>{formatDate(c.dueOn)}</td>
                  <td>{CADENCE_STATES[c.state]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {start.data.cadence.length === 0 ? <p className="muted">No one is due this week.</p> : null}
          <ItemsTable items={start.data.items} caption="Action items due this week or overdue" />
          <section aria-labelledby="balance-heading" className="chart-with-table">
            <h2 id="balance-heading">The three functions since {formatDate(start.data.balanceFrom)}</h2>
            {withoutRestorative(start.data.balance).length ? (
              <p>No restorative supervision lately: {withoutRestorative(start.data.balance).join(', ')}.</p>
            ) : null}
            <BarChart width={720} height={260} data={balanceSeries(start.data.balance)} aria-hidden="true">
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {FUNCTION_KEYS.map((f) => (
                <Bar key={f} dataKey={f} name={SUPERVISION_FUNCTIONS[f]} fill={FUNCTION_COLOURS[f]} />
              ))}
            </BarChart>
            <table className="table">
              <caption>Sessions per coach by function (a session may serve several)</caption>
              <thead>
                <tr>
                  <th scope="col">Coach</th>
                  <th scope="col">Sessions</th>
                  {FUNCTION_KEYS.map((f) => (
                    <th scope="col" key={f}>
                      {SUPERVISION_FUNCTIONS[f]}
                    </th>
                  ))}
                  <th scope="col">Last restorative</th>
                </tr>
              </thead>
              <tbody>
                {start.data.balance.map((b) => (
                  <tr key={b.coachId}>
                    <td>{b.displayName}</td>
                    <td>{formatNumber(b.sessions)}</td>
                    {FUNCTION_KEYS.map((f) => (
                      <td key={f}>{formatNumber(b[f])}</td>
                    ))}
                    <td>{b.lastRestorativeOn ? formatDate(b.lastRestorativeOn) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      ) : null}
      {barriers.data ? (
        <section aria-labelledby="barriers-heading" className="chart-with-table">
          <h2 id="barriers-heading">Systemic barriers per quarter</h2>
          <BarChart width={720} height={260} data={barrierSeries(barriers.data.quarters)} aria-hidden="true">
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="quarter" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {BARRIER_KEYS.map((k) => (
              <Bar key={k} dataKey={k} stackId="b" name={BARRIER_KINDS[k]} fill={BARRIER_COLOURS[k]} />
            ))}
          </BarChart>
          <table className="table">
            <caption>Barriers met per quarter, by kind, and the signed-off sessions behind them</caption>
            <thead>
              <tr>
                <th scope="col">Quarter</th>
                <th scope="col">Sessions</th>
                {BARRIER_KEYS.map((k) => (
                  <th scope="col" key={k}>
                    {BARRIER_KINDS[k]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {barriers.data.quarters.map((q) => (
                <tr key={q.quarter}>
                  <td>{q.quarter}</td>
                  <td>{formatNumber(q.sessions)}</td>
                  {BARRIER_KEYS.map((k) => (
                    <td key={k}>{formatNumber(q.counts[k])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  )
}
