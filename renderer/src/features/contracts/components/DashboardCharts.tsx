import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { CoachWeekSeries, MonthPoint } from '../utils/dashboard'

/**
 * The dashboard's charts: they only draw the ready series they are given (utils/dashboard.ts). Each sits beside a
 * table of the same numbers, which is what a screen reader reads; the drawing itself is hidden from it.
 */

const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#a16207', '#6b7280']

export function RequestsChart({ points }: { points: readonly MonthPoint[] }) {
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={[...points]} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip />
          <Legend />
          <Bar dataKey="requests" name="Requests" fill={PALETTE[0]} isAnimationActive={false} />
          <Bar dataKey="fulfilled" name="Fulfilled" fill={PALETTE[2]} isAnimationActive={false} />
          <Bar dataKey="outsideCoverage" name="Outside coverage" fill={PALETTE[4]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}

export function ArrivalChart({ points, targetMinutes }: { points: readonly MonthPoint[]; targetMinutes: number }) {
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={[...points]} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis fontSize={12} unit=" min" width={64} />
          <Tooltip />
          <Legend />
          <ReferenceLine
            y={targetMinutes}
            stroke={PALETTE[4]}
            strokeDasharray="6 3"
            ifOverflow="extendDomain"
            label={{ value: `Target ${targetMinutes} min`, position: 'insideTopRight', fontSize: 12 }}
          />
          <Line
            dataKey="medianMinutes"
            name="Median"
            stroke={PALETTE[0]}
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="p90Minutes"
            name="90th percentile"
            stroke={PALETTE[1]}
            strokeWidth={2}
            strokeDasharray="4 2"
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}

export function CoachWeeksChart({ series }: { series: CoachWeekSeries }) {
  const keys = series.others ? [...series.coaches, series.others] : series.coaches
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={series.rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip />
          <Legend />
          {keys.map((coach, i) => (
            <Bar
              key={coach.key}
              dataKey={coach.key}
              name={coach.name}
              stackId="week"
              fill={PALETTE[i % PALETTE.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
