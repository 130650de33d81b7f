import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { DashboardInput } from '@shared/domain/dispatches'
import { formatDate, formatNumber } from '../../../lib/format'
import { ErrorState, LoadingState, PageHeader, SelectField, WhenNear } from '../../../components/ui'
import { useContractChoices, useDashboard } from '../api/contracts'
import { coachWeekSeries, minutesText, monthSeries, monthsOverTarget, percentText, weekLabel } from '../utils/dashboard'
import { ArrivalChart, CoachWeeksChart, RequestsChart } from './DashboardCharts'
import { ContractsNav } from './ContractsNav'
import { ContractStatusBadge } from './ContractStatusBadge'
import { useParamSetter } from './PartnersPage'

/**
 * On screen, the first this many contracts in force until asked for all: an office with a hundred and more rendered
 * thousands of cells before the dashboard showed anything.
 */
const FIRST_IN_FORCE = 25

const MONTH_CHOICES = { '6': 'Last 6 months', '12': 'Last 12 months', '24': 'Last 24 months' } as const

export function DashboardPage() {
  const [params] = useSearchParams()
  const set = useParamSetter()
  const contracts = useContractChoices('all')
  const contractId = Number(params.get('contract')) || undefined
  const months = params.get('months') ?? '12'
  const input: DashboardInput = { months: months in MONTH_CHOICES ? Number(months) : 12, weeks: 8 }
  if (contractId) input.contractId = contractId
  const board = useDashboard(input)
  const minutes = (value: number | null) => minutesText(value, formatNumber)

  return (
    <>
      <PageHeader documentTitle="Contracts dashboard" title="Contracts dashboard" before={<ContractsNav />} />
      <div role="search" className="filters" aria-label="Choose the figures">
        <SelectField
          id="dashboard-contract"
          label="Figures for"
          value={contractId ? String(contractId) : ''}
          onChange={(value) => set('contract', value)}
          options={[
            ['', 'Every contract together'],
            ...(contracts.data ?? []).map((c) => [String(c.id), `${c.reference} (${c.partnerName})`] as const),
          ]}
        />
        <SelectField
          id="dashboard-months"
          label="Period"
          value={months in MONTH_CHOICES ? months : '12'}
          onChange={(value) => set('months', value === '12' ? '' : value)}
          options={MONTH_CHOICES}
        />
      </div>
      {board.isPending ? <LoadingState what="the figures" /> : null}
      {board.isError ? <ErrorState error={board.error} /> : null}
      {board.data ? <Board board={board.data} minutes={minutes} /> : null}
    </>
  )
}

function Board({
  board,
  minutes,
}: {
  board: NonNullable<ReturnType<typeof useDashboard>['data']>
  minutes: (value: number | null) => string
}) {
  const points = monthSeries(board.months, board.targetMinutes)
  const over = monthsOverTarget(points)
  const weeks = coachWeekSeries(board)
  const chosen = board.contractId !== null
  const weekRows = weeks.others ? [...weeks.coaches, weeks.others] : weeks.coaches
  const [allInForce, setAllInForce] = useState(false)
  return (
    <>
      <p className="muted">
        Office months and weeks ({board.timeZone}), up to today, {formatDate(board.today)}.
      </p>

      <section aria-labelledby="renewals-heading" className="section-gap">
        <h2 id="renewals-heading">Renewals due</h2>
        {board.renewalsDue.length === 0 ? (
          <p className="muted">No contract is inside its renewal notice period.</p>
        ) : (
          <ul>
            {board.renewalsDue.map((c) => (
              <li key={c.id}>
                <Link to={`/contracts/${c.id}`}>{c.reference}</Link> ({c.partnerName}) ends {formatDate(c.endDate)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="active-heading" className="section-gap">
        <h2 id="active-heading">Contracts in force: this month so far</h2>
        {board.activeContracts.length === 0 ? (
          <p className="muted">No contract is in force today.</p>
        ) : (
          <div className="table-scroll">
            <table className="table table--dense">
              <caption className="visually-hidden">Contracts in force, this month so far</caption>
              <thead>
                <tr>
                  <th scope="col">Contract</th>
                  <th scope="col">Partner</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Requests
                  </th>
                  <th scope="col" className="num">
                    Share fulfilled
                  </th>
                  <th scope="col" className="num">
                    Median min
                  </th>
                  <th scope="col" className="num">
                    90th pct min
                  </th>
                  <th scope="col" className="num">
                    Target min
                  </th>
                  <th scope="col" className="num">
                    Outside coverage
                  </th>
                </tr>
              </thead>
              <tbody>
                {board.activeContracts.slice(0, allInForce ? undefined : FIRST_IN_FORCE).map((c) => (
                  <tr key={c.id}>
                    <th scope="row" className="nowrap">
                      <Link to={`/contracts/dashboard?contract=${c.id}`}>{c.reference}</Link>
                    </th>
                    <td className="cell-text">{c.partnerName}</td>
                    <td>
                      <ContractStatusBadge status={c.status} renewalDue={c.renewalDue} />
                    </td>
                    <td className="num">{c.thisMonth.requests}</td>
                    <td className="num">
                      {percentText(
                        c.thisMonth.shareFulfilled === null ? null : Math.round(c.thisMonth.shareFulfilled * 100),
                      )}
                    </td>
                    <td className="num">{minutes(c.thisMonth.medianMinutes)}</td>
                    <td className="num">{minutes(c.thisMonth.p90Minutes)}</td>
                    <td className="num">{c.targetMinutes}</td>
                    <td className="num">{c.thisMonth.outsideCoverage}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {board.activeContracts.length > FIRST_IN_FORCE && !allInForce ? (
              <button type="button" className="button button--small" onClick={() => setAllInForce(true)}>
                Show all {board.activeContracts.length} contracts in force (the first {FIRST_IN_FORCE} are shown)
              </button>
            ) : null}
          </div>
        )}
      </section>

      <section aria-labelledby="months-heading" className="section-gap">
        <h2 id="months-heading">Requests by month{chosen ? '' : ', every contract together'}</h2>
        <div className="chart-pair">
          <WhenNear height={260}>
            <RequestsChart points={points} />
          </WhenNear>
          <div className="table-scroll">
            <table className="table table--dense">
              <caption>Requests by month</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" className="num">
                    Requests
                  </th>
                  <th scope="col" className="num">
                    Fulfilled
                  </th>
                  <th scope="col" className="num">
                    Share fulfilled
                  </th>
                  <th scope="col" className="num">
                    Outside coverage
                  </th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.month}>
                    <th scope="row" className="nowrap">
                      {p.label}
                    </th>
                    <td className="num">{p.requests}</td>
                    <td className="num">{p.fulfilled}</td>
                    <td className="num">{percentText(p.fulfilledPercent)}</td>
                    <td className="num">{p.outsideCoverage}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>

      <section aria-labelledby="arrival-heading" className="section-gap">
        <h2 id="arrival-heading">Minutes from request to arrival</h2>
        {!chosen || board.targetMinutes === null ? (
          <p className="muted">
            Each contract has its own target, so the minutes are shown for one contract at a time: choose one above.
          </p>
        ) : (
          <>
            {over.length > 0 ? (
              <p className="notice notice--warning">
                The 90th percentile was over the {board.targetMinutes}-minute target in {over.join(', ')}.
              </p>
            ) : null}
            <div className="chart-pair">
              <WhenNear height={260}>
                <ArrivalChart points={points} targetMinutes={board.targetMinutes} />
              </WhenNear>
              <div className="table-scroll">
                <table className="table table--dense">
                  <caption>Minutes to arrival by month, against the {board.targetMinutes}-minute target</caption>
                  <thead>
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col" className="num">
                        Median
                      </th>
                      <th scope="col" className="num">
                        90th percentile
                      </th>
                      <th scope="col" className="num">
                        Within target
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {points.map((p) => (
                      <tr key={p.month}>
                        <th scope="row" className="nowrap">
                          {p.label}
                        </th>
                        <td className="num">{minutes(p.medianMinutes)}</td>
                        <td className="num">{minutes(p.p90Minutes)}</td>
                        <td className="num">{p.withinTarget === null ? '–' : `${p.withinTarget} of ${p.fulfilled}`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="coach-weeks-heading" className="section-gap">
        <h2 id="coach-weeks-heading">Each coach’s dispatches per week</h2>
        {weekRows.length === 0 ? (
          <p className="muted">No dispatches in these weeks.</p>
        ) : (
          <div className="chart-stack">
            <WhenNear height={280}>
              <CoachWeeksChart series={weeks} />
            </WhenNear>
            <div className="table-scroll">
              <table className="table table--dense">
                <caption>Dispatches per coach, weeks starting Monday</caption>
                <thead>
                  <tr>
                    <th scope="col">Coach</th>
                    {board.weeks.map((monday) => (
                      <th scope="col" className="num" key={monday}>
                        {weekLabel(monday)}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      Total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {weekRows.map((coach) => (
                    <tr key={coach.key}>
                      <th scope="row" className="cell-text coach-col">
                        {coach.name}
                      </th>
                      {coach.counts.map((count, i) => (
                        <td className="num" key={i}>
                          {count}
                        </td>
                      ))}
                      <td className="num">{coach.total}</td>
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
