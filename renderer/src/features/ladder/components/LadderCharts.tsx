import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import { DOMAIN_SHORT_LABELS } from '@shared/domain/growth'
import type { ChangeBar, QuarterBar } from '../utils/ladder'

/**
 * The ladder's charts: Recharts drawing rows made ready by utils/ladder.ts. Each is an image to assistive technology,
 * named by its label; the table beside it holds the same numbers. No animation.
 */
const size = { responsive: true, style: { width: '100%', height: 280 } } as const

export function QuarterHoursChart({ bars, label }: { bars: readonly QuarterBar[]; label: string }) {
  return (
    <div role="img" aria-label={`${label}: bar chart. The table beside it has the numbers.`}>
      <BarChart
        {...size}
        data={[...bars]}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="#e3e6ec" />
        <XAxis dataKey="quarter" tick={{ fontSize: 11 }} />
        <YAxis width={40} tick={{ fontSize: 11 }} />
        <Tooltip />
        <Legend />
        <Bar dataKey="approved" name="Approved training" stackId="hours" fill="#1d4ed8" isAnimationActive={false} />
        <Bar dataKey="other" name="Other training" stackId="hours" fill="#b45309" isAnimationActive={false} />
      </BarChart>
    </div>
  )
}

export function ChangeChart({ bars, label }: { bars: readonly ChangeBar[]; label: string }) {
  const rows = bars.map((b) => ({ ...b, name: DOMAIN_SHORT_LABELS[b.domain] }))
  return (
    <div role="img" aria-label={`${label}: bar chart of the mean change. The table beside it has the numbers.`}>
      <BarChart {...size} data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e3e6ec" />
        <XAxis dataKey="name" tick={{ fontSize: 11 }} />
        <YAxis width={44} tick={{ fontSize: 11 }} />
        <ReferenceLine y={0} stroke="#334155" />
        <Tooltip />
        <Legend />
        <Bar dataKey="self" name="Self-ratings" fill="#1d4ed8" isAnimationActive={false} />
        <Bar dataKey="supervisor" name="Supervisor ratings" fill="#b45309" isAnimationActive={false} />
      </BarChart>
    </div>
  )
}
