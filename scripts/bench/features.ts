import type { BenchContext } from './core'
import { benchContracts } from './contracts'
import { benchDirectory } from './directory'
import { benchGrowth } from './growth'
import { benchLadder } from './ladder'
import { benchSupervision } from './supervision'

/** Each feature's benchmark of its screens' channels, on the seeded decade (growth, supervision, contracts, ...). */
export const FEATURE_BENCHES: Array<(ctx: BenchContext) => Promise<void>> = [
  benchGrowth,
  benchDirectory,
  benchContracts,
  benchLadder,
  benchSupervision,
]
