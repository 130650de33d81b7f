/**
 * The benchmark's measuring tools: warm-up, enough runs for a stable p95, and figures as rows of bench-results.json.
 * Figures only: nothing here passes or fails, and no test asserts a time.
 */
export interface Figure {
  name: string
  p50_ms: number
  p95_ms: number
  target_ms: number
  /** Router channels: the same query as a raw prepared statement, and router p95 / raw p95. */
  raw_p95_ms?: number
  ratio?: number
  runs: number
  /** Sizes (bytes) and counts are reported in the ms columns' place with a unit here. */
  unit?: string
}

export interface MeasureOptions {
  runs?: number
  warmup?: number
  target: number
  /** `fn` answers the milliseconds to count itself (its set-up before the timed part is left out). */
  selfTimed?: boolean
}

function quantiles(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { p50: at(0.5), p95: at(0.95) }
}

const round = (ms: number) => Math.round(ms * 1000) / 1000

export class Bench {
  readonly figures: Figure[] = []

  /** Times `fn` `runs` times after `warmup` untimed runs. */
  async measure(name: string, options: MeasureOptions, fn: (i: number) => unknown): Promise<Figure> {
    const samples = await this.sample(options, fn)
    const { p50, p95 } = quantiles(samples)
    return this.add({ name, p50_ms: round(p50), p95_ms: round(p95), target_ms: options.target, runs: samples.length })
  }

  /**
   * A router channel beside the same query as a raw prepared statement: the router's own overhead (validation,
   * access, contract check of the answer, Kysely) is the ratio, which the machine's noise affects far less than times.
   */
  async compare(
    name: string,
    options: MeasureOptions,
    viaRouter: (i: number) => Promise<unknown>,
    raw: (i: number) => unknown,
  ): Promise<Figure> {
    // Interleaved, so a busy moment of the machine falls on both alike.
    const routed: number[] = []
    const direct: number[] = []
    const runs = options.runs ?? 200
    for (let i = 0; i < (options.warmup ?? 20); i++) {
      await viaRouter(i)
      raw(i)
    }
    for (let i = 0; i < runs; i++) {
      let start = performance.now()
      await viaRouter(i)
      routed.push(performance.now() - start)
      start = performance.now()
      raw(i)
      direct.push(performance.now() - start)
    }
    const r = quantiles(routed)
    const d = quantiles(direct)
    return this.add({
      name,
      p50_ms: round(r.p50),
      p95_ms: round(r.p95),
      target_ms: options.target,
      raw_p95_ms: round(d.p95),
      ratio: Math.round((r.p95 / Math.max(d.p95, 0.001)) * 100) / 100,
      runs,
    })
  }

  /** A figure measured elsewhere (one long run, a size, a count). */
  record(figure: Figure): Figure {
    return this.add(figure)
  }

  private async sample(options: MeasureOptions, fn: (i: number) => unknown): Promise<number[]> {
    for (let i = 0; i < (options.warmup ?? 20); i++) await fn(i)
    const samples: number[] = []
    for (let i = 0; i < (options.runs ?? 200); i++) {
      const start = performance.now()
      const answer = await fn(i)
      const elapsed = performance.now() - start
      samples.push(options.selfTimed && typeof answer === 'number' ? answer : elapsed)
    }
    return samples
  }

  private add(figure: Figure): Figure {
    this.figures.push(figure)
    const mark = figure.p95_ms <= figure.target_ms ? ' ' : '✗'
    const unit = figure.unit ?? 'ms'
    const raw = figure.raw_p95_ms !== undefined ? `  raw p95 ${fmt(figure.raw_p95_ms)} ms  ×${figure.ratio}` : ''
    console.log(
      `${mark} ${figure.name.padEnd(58)} p50 ${fmt(figure.p50_ms)}  p95 ${fmt(figure.p95_ms)}  target ${fmt(figure.target_ms)} ${unit}${raw}`,
    )
    return figure
  }

  summary(): string {
    const within = this.figures.filter((f) => f.p95_ms <= f.target_ms).length
    return `${within} of ${this.figures.length} within target`
  }
}

function fmt(value: number): string {
  return (value >= 100 ? value.toFixed(0) : value.toFixed(2)).padStart(8)
}
