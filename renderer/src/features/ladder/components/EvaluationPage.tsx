import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { DOMAINS, RATERS, TRACKS, type Track } from '@shared/domain/growth'
import type { EvaluationFigure } from '@shared/domain/ladder'
import { ErrorState, LoadingState, PageHeader, RadioGroup } from '../../../components/ui'
import { useEvaluation } from '../api/ladder'
import { changeBars, evaluationRows, formatChange } from '../utils/ladder'
import { ChangeChart } from './LadderCharts'
import './ladder.css'

const WINDOWS = { '90': '90 days', '180': '180 days', '365': 'A year' } as const
type WindowKey = keyof typeof WINDOWS

/** What a training changed, as far as ratings can say: before and after, self and supervisor apart, with n. */
export function EvaluationPage() {
  const trainingId = Number(useParams().id)
  const [windowKey, setWindowKey] = useState<WindowKey>('180')
  const [track, setTrack] = useState<Track>('practice')
  const evaluation = useEvaluation(trainingId, Number(windowKey))
  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to="/ladder/trainings">Training catalogue</Link>
    </nav>
  )
  const data = evaluation.data
  return (
    <>
      <PageHeader
        documentTitle="Training evaluation"
        title={data ? `Evaluation: ${data.training.name}` : 'Training evaluation'}
        before={breadcrumb}
      />
      {data ? <p className="disclaimer notice notice--warning">{data.disclaimer}</p> : null}
      <div className="filters" role="group" aria-label="What to compare">
        <RadioGroup<WindowKey>
          id="eval-window"
          legend="First rating after, within"
          options={WINDOWS}
          value={windowKey}
          onChange={setWindowKey}
        />
        <RadioGroup<Track> id="eval-track" legend="Chart track" options={TRACKS} value={track} onChange={setTrack} />
      </div>
      {evaluation.isPending ? <LoadingState what="the evaluation" /> : null}
      {evaluation.isError ? <ErrorState error={evaluation.error} /> : null}
      {data ? (
        <>
          <section aria-labelledby="eval-who" className="card">
            <h2 id="eval-who">Who it rests on</h2>
            <p>
              {data.attendees} {data.attendees === 1 ? 'coach' : 'coaches'} completed this training. Each is compared
              between their last completed rating before it and their first within {data.windowDays} days after.
            </p>
            <ul>
              {data.coverage.map((c) => (
                <li key={c.rater}>
                  {RATERS[c.rater]}: {c.withBoth} with a rating before and after ({c.withBefore} with one before)
                </li>
              ))}
            </ul>
            {data.figures.every((f) => f.tooFew) ? (
              <p className="ladder-warning">
                <strong>Too few to mean much:</strong> every figure rests on fewer than {data.minCoaches} coaches.
              </p>
            ) : null}
          </section>
          <section aria-labelledby="eval-chart" className="card">
            <h2 id="eval-chart">Mean change, {TRACKS[track].toLowerCase()} track</h2>
            {changeBars(data.figures, track).some((b) => b.self !== null || b.supervisor !== null) ? (
              <div className="ladder-chart">
                <ChangeChart
                  bars={changeBars(data.figures, track)}
                  label={`Mean change per domain, ${TRACKS[track]}`}
                />
              </div>
            ) : (
              <p>No coach has a rating on both sides yet: nothing to chart.</p>
            )}
          </section>
          <section aria-labelledby="eval-table" className="card">
            <h2 id="eval-table">Every domain and track</h2>
            <div className="table-scroll" role="region" aria-label="Evaluation figures: table" tabIndex={0}>
              <table className="table table--dense">
                <thead>
                  <tr>
                    <th scope="col">Domain</th>
                    <th scope="col">Track</th>
                    <th scope="col">Self: before → after</th>
                    <th scope="col">Self: change (n)</th>
                    <th scope="col">Supervisor: before → after</th>
                    <th scope="col">Supervisor: change (n)</th>
                  </tr>
                </thead>
                <tbody>
                  {evaluationRows(data.figures).map((row) => (
                    <tr key={`${row.domain}-${row.track}`}>
                      <th scope="row">{DOMAINS[row.domain]}</th>
                      <td>{TRACKS[row.track]}</td>
                      <Cells figure={row.self} min={data.minCoaches} />
                      <Cells figure={row.supervisor} min={data.minCoaches} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : null}
    </>
  )
}

function Cells({ figure, min }: { figure: EvaluationFigure | undefined; min: number }) {
  if (!figure || figure.n === 0) {
    return (
      <>
        <td className="muted">–</td>
        <td className="muted">no coach (n = 0)</td>
      </>
    )
  }
  return (
    <>
      <td>
        {figure.meanBefore} → {figure.meanAfter}
      </td>
      <td>
        {formatChange(figure.meanChange)} (n = {figure.n})
        {figure.tooFew ? <span className="ladder-warning"> fewer than {min}: too few to mean much</span> : null}
      </td>
    </>
  )
}
