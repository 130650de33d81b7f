/**
 * `npx tsx scripts/bench/table.ts [bench-results.json]`: the figures as the Markdown table BENCHMARKS.md holds, so the
 * page is refreshed from a run rather than typed.
 */
import { readFileSync } from 'node:fs'
import type { Figure } from './measure'

const file = process.argv[2] ?? 'bench-results.json'
const { at, figures } = JSON.parse(readFileSync(file, 'utf8')) as { at: string; figures: Figure[] }
const fmt = (value: number | undefined) =>
  value === undefined ? '' : value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)
const within = figures.filter((f) => f.p95_ms <= f.target_ms).length
console.log(`Run of ${at}: ${within} of ${figures.length} within target.\n`)
console.log('| figure | p50 | p95 | target | unit | raw p95 | ratio | |')
console.log('| --- | ---: | ---: | ---: | --- | ---: | ---: | --- |')
for (const f of figures) {
  const mark = f.p95_ms <= f.target_ms ? '' : 'miss'
  const name = f.name.replaceAll('|', '\\|')
  console.log(
    `| ${name} | ${fmt(f.p50_ms)} | ${fmt(f.p95_ms)} | ${fmt(f.target_ms)} | ${f.unit ?? 'ms'} | ${fmt(f.raw_p95_ms)} | ${f.ratio ?? ''} | ${mark} |`,
  )
}
