import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { DOMAIN_SHORT_LABELS, MAX_SCORE, MIN_SCORE } from '@shared/domain/growth'
import { formatDate, formatNumber } from '../../../lib/format'
import {
  chartRows,
  dateOfDay,
  dayDomain,
  SERIES_KEYS,
  type DomainPoint,
  type RadarRow,
  type SeriesKey,
  type TeamPoint,
  yearTicks,
} from '../utils/series'

/** A first of January is its year; any other tick (within one year) its date. */
const tickLabel = (date: string) => (date.endsWith('-01-01') ? date.slice(0, 4) : formatDate(date))

/**
 * The growth charts: Recharts drawing series made ready by utils/series.ts (DESIGN.md: charts are dumb). Each is
 * an image to assistive technology, named by its caption; the table beside it holds the same numbers. No animation:
 * a chart is read, and a printed page must not catch one halfway.
 */

export const SERIES_LABELS: Record<SeriesKey, string> = {
  self_practice: 'Self, practice',
  self_own: 'Self, own recovery',
  supervisor_practice: 'Supervisor, practice',
  supervisor_own: 'Supervisor, own recovery',
}

// Track by colour, rater by line: solid for the coach's own view, dashed for a supervisor's (so colour alone says
// nothing a person must see).
const TRACK_COLOURS = { practice: '#1d4ed8', own: '#b45309' } as const
const SERIES_STYLE: Record<SeriesKey, { stroke: string; dash?: string; hollow: boolean }> = {
  self_practice: { stroke: TRACK_COLOURS.practice, hollow: false },
  self_own: { stroke: TRACK_COLOURS.own, hollow: false },
  supervisor_practice: { stroke: TRACK_COLOURS.practice, dash: '6 4', hollow: true },
  supervisor_own: { stroke: TRACK_COLOURS.own, dash: '6 4', hollow: true },
}

const SCORE_TICKS = [1, 4, 7, 10]

export interface ChartSize {
  /** A fixed size (the printed report); otherwise the chart fills its box's width. */
  width?: number
  height: number
}

const sizeProps = (size: ChartSize) =>
  size.width
    ? { width: size.width, height: size.height }
    : { responsive: true, style: { width: '100%', height: size.height } }

const MAX_DOTTED_POINTS = 60

export function DomainChart({
  points,
  label,
  size,
}: {
  points: readonly DomainPoint[]
  label: string
  size: ChartSize
}) {
  const domain = dayDomain(points)
  const ticks = yearTicks(domain, points)
  const shown = SERIES_KEYS.filter((key) => points.some((p) => p.values[key] !== undefined))
  const rows = chartRows(points)
  const quarterOfDay = new Map(rows.flatMap((row) => (row.quarter ? [[row.day, row.quarter] as const] : [])))
  const perQuarter = quarterOfDay.size > 0 ? ', a point per quarter (the mean of its ratings)' : ''
  return (
    <div
      role="img"
      aria-label={`${label}: line chart of the scores over time${perQuarter}. The table beside it has the numbers.`}
    >
      <LineChart
        {...sizeProps(size)}
        data={rows}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="#e3e6ec" />
        <XAxis
          dataKey="day"
          type="number"
          domain={domain ?? ['auto', 'auto']}
          ticks={ticks}
          tickFormatter={(day: number) => tickLabel(dateOfDay(day))}
          tick={{ fontSize: 11 }}
        />
        <YAxis
          domain={[MIN_SCORE, MAX_SCORE]}
          ticks={SCORE_TICKS}
          width={24}
          tick={{ fontSize: 11 }}
          allowDecimals={false}
        />
        <Tooltip
          labelFormatter={(day) => {
            const quarter = quarterOfDay.get(Number(day))
            return quarter ? `${quarter} (mean of its ratings)` : formatDate(dateOfDay(Number(day)))
          }}
        />
        {shown.map((key) => (
          <Line
            key={key}
            dataKey={key}
            name={SERIES_LABELS[key]}
            stroke={SERIES_STYLE[key].stroke}
            strokeDasharray={SERIES_STYLE[key].dash}
            strokeWidth={2}
            // A dot per rating while they can be told apart; over years of them, thousands of SVG elements that
            // took seconds to render and drew a solid band (the line and the table beside it still show each one).
            dot={
              points.length <= MAX_DOTTED_POINTS
                ? { r: 3, fill: SERIES_STYLE[key].hollow ? '#fff' : SERIES_STYLE[key].stroke }
                : false
            }
            // Self and supervisor points alternate in the rows: each line joins its own points across the other's.
            connectNulls
            isAnimationActive={false}
          />
        ))}
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
      </LineChart>
    </div>
  )
}

export function RadarOfTwo({
  rows,
  firstLabel,
  secondLabel,
  size,
}: {
  rows: readonly RadarRow[]
  firstLabel: string
  secondLabel: string
  size: ChartSize
}) {
  const data = rows.map((row) => ({ ...row, short: DOMAIN_SHORT_LABELS[row.domain] }))
  return (
    <div
      role="img"
      aria-label={`Radar chart comparing ${firstLabel} with ${secondLabel}. The table beside it has the numbers.`}
    >
      <RadarChart {...sizeProps(size)} data={data} outerRadius="72%" accessibilityLayer={false}>
        <PolarGrid />
        <PolarAngleAxis dataKey="short" tick={{ fontSize: 11 }} />
        <PolarRadiusAxis domain={[0, MAX_SCORE]} tickCount={6} tick={{ fontSize: 10 }} angle={90} />
        <Radar
          name={firstLabel}
          dataKey="first"
          stroke="#5a6272"
          fill="#5a6272"
          fillOpacity={0.15}
          isAnimationActive={false}
        />
        <Radar
          name={secondLabel}
          dataKey="second"
          stroke="#1d4ed8"
          fill="#1d4ed8"
          fillOpacity={0.25}
          isAnimationActive={false}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        <Tooltip />
      </RadarChart>
    </div>
  )
}

/** The team's average per quarter for one domain, each track with its spread (lowest to highest coach) behind it. */
export function TeamChart({ points, label, size }: { points: readonly TeamPoint[]; label: string; size: ChartSize }) {
  return (
    <div
      role="img"
      aria-label={`${label}: the team's average by quarter, with its spread. The table beside it has the numbers.`}
    >
      <ComposedChart
        {...sizeProps(size)}
        data={[...points]}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="#e3e6ec" />
        <XAxis dataKey="quarter" tick={{ fontSize: 11 }} minTickGap={16} />
        <YAxis domain={[MIN_SCORE, MAX_SCORE]} ticks={SCORE_TICKS} width={24} tick={{ fontSize: 11 }} />
        <Tooltip formatter={(value) => (typeof value === 'number' ? formatNumber(value) : String(value))} />
        <Area
          dataKey="practiceRange"
          name="Practice, lowest to highest"
          stroke="none"
          fill={TRACK_COLOURS.practice}
          fillOpacity={0.12}
          isAnimationActive={false}
          legendType="none"
        />
        <Area
          dataKey="ownRange"
          name="Own recovery, lowest to highest"
          stroke="none"
          fill={TRACK_COLOURS.own}
          fillOpacity={0.12}
          isAnimationActive={false}
          legendType="none"
        />
        <Line
          dataKey="practice"
          name="Practice, average"
          stroke={TRACK_COLOURS.practice}
          strokeWidth={2}
          dot={{ r: 2 }}
          isAnimationActive={false}
        />
        <Line
          dataKey="own"
          name="Own recovery, average"
          stroke={TRACK_COLOURS.own}
          strokeDasharray="6 4"
          strokeWidth={2}
          dot={{ r: 2 }}
          isAnimationActive={false}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
      </ComposedChart>
    </div>
  )
}
