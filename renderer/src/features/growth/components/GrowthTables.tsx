import { useState, type ReactNode } from 'react'
import { RATERS, TRACKS, TRACK_KEYS, type Domain } from '@shared/domain/growth'
import { formatDate, formatNumber } from '../../../lib/format'
import type { Disagreement } from '../utils/insights'
import type { DomainPoint, RadarRow, TeamPoint } from '../utils/series'

/**
 * The tables beside the charts, from the very rows the charts draw: a person who cannot see a chart loses nothing.
 * In a box of its own height on screen (it scrolls by keyboard too), whole when printed.
 */
function TableBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="growth-table" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}

const Blank = () => <span className="muted">blank</span>
const score = (value: number | undefined | null) => (value === undefined || value === null ? <Blank /> : value)

/** One domain's ratings, latest first: each row one assessment, its two tracks. */
export function DomainTable({
  label,
  points,
  disagreements,
  latest,
}: {
  label: string
  points: readonly DomainPoint[]
  disagreements: readonly Disagreement[]
  /**
   * On screen, only the latest this many rows until asked for all: ten years of ratings in eight tables were
   * thousands of rows to render before the page showed anything. The printed report passes none: every row.
   */
  latest?: number
}) {
  const [all, setAll] = useState(false)
  const marked = new Set(disagreements.flatMap((d) => [`${d.selfId}:${d.track}`, `${d.supervisorId}:${d.track}`]))
  const shown = [...points].reverse().slice(0, all || latest === undefined ? undefined : latest)
  return (
    <TableBox label={`${label}: table of the scores`}>
      <table className="table table--dense">
        <caption className="visually-hidden">{label}: every rating, latest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Rated by</th>
            {TRACK_KEYS.map((t) => (
              <th scope="col" key={t}>
                {TRACKS[t]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={p.id}>
              <th scope="row" className="nowrap">
                {formatDate(p.date)}
              </th>
              <td>{RATERS[p.rater]}</td>
              {TRACK_KEYS.map((t) => (
                <td key={t} className={marked.has(`${p.id}:${t}`) ? 'differs' : undefined}>
                  {score(p.values[`${p.rater}_${t}`])}
                  {marked.has(`${p.id}:${t}`) ? <span className="differs__mark"> (differs by 3+)</span> : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length < points.length ? (
        <button type="button" className="button button--small" onClick={() => setAll(true)}>
          Show all {points.length} ratings (the latest {shown.length} are shown)
        </button>
      ) : null}
    </TableBox>
  )
}

export function RadarTable({
  rows,
  firstLabel,
  secondLabel,
}: {
  rows: readonly RadarRow[]
  firstLabel: string
  secondLabel: string
}) {
  return (
    <table className="table table--dense">
      <caption className="visually-hidden">
        {firstLabel} and {secondLabel}, by domain
      </caption>
      <thead>
        <tr>
          <th scope="col">Domain</th>
          <th scope="col">{firstLabel}</th>
          <th scope="col">{secondLabel}</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.domain}>
            <th scope="row">{row.label}</th>
            <td>{score(row.first)}</td>
            <td>{score(row.second)}</td>
            <td>
              {row.first !== null && row.second !== null ? (
                signed(row.second - row.first)
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0')

function TeamFigure({
  mean,
  n,
  range,
  sd,
}: {
  mean: number | null
  n: number
  range: [number, number] | null
  sd: number | null
}) {
  if (mean === null) return <span className="muted">no scores</span>
  return (
    <>
      <strong>{formatNumber(mean)}</strong>{' '}
      <span className="muted">
        ({n} {n === 1 ? 'coach' : 'coaches'}
        {range ? `, ${range[0]}–${range[1]}` : ''}
        {sd !== null ? `, sd ${formatNumber(sd)}` : ''})
      </span>
    </>
  )
}

export function TeamTable({ label, points }: { label: string; points: readonly TeamPoint[] }) {
  return (
    <TableBox label={`${label}: table of the team's averages`}>
      <table className="table table--dense">
        <caption className="visually-hidden">{label}: the team’s average by quarter, latest first</caption>
        <thead>
          <tr>
            <th scope="col">Quarter</th>
            <th scope="col">Practice</th>
            <th scope="col">Own recovery</th>
          </tr>
        </thead>
        <tbody>
          {[...points].reverse().map((p) => (
            <tr key={p.quarter}>
              <th scope="row" className="nowrap">
                {p.quarter}
              </th>
              <td>
                <TeamFigure mean={p.practice} n={p.practiceN} range={p.practiceRange} sd={p.practiceSd} />
              </td>
              <td>
                <TeamFigure mean={p.own} n={p.ownN} range={p.ownRange} sd={p.ownSd} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  )
}

export function DisagreementTable({
  items,
  domainLabel,
}: {
  items: readonly Disagreement[]
  domainLabel(d: Domain): string
}) {
  return (
    <table className="table table--dense">
      <caption className="visually-hidden">Self and supervisor scores 3 or more apart in the same quarter</caption>
      <thead>
        <tr>
          <th scope="col">Quarter</th>
          <th scope="col">Domain</th>
          <th scope="col">Track</th>
          <th scope="col">Self</th>
          <th scope="col">Supervisor</th>
          <th scope="col">Difference</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={`${d.period}-${d.domain}-${d.track}`}>
            <th scope="row">{d.period}</th>
            <td>{domainLabel(d.domain)}</td>
            <td>{TRACKS[d.track]}</td>
            <td>{d.self}</td>
            <td>{d.supervisor}</td>
            <td>
              {signed(d.difference)}{' '}
              <span className="muted">{d.difference > 0 ? '(supervisor higher)' : '(self higher)'}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
