/**
 * Deterministic randomness for the seeds: the same seed gives the same office every time, so benchmark figures and
 * screenshots are comparable between runs and machines.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(probability: number): boolean
  /** Some of `items`, in their order, each kept with `probability`; at least one. */
  some<T>(items: readonly T[], probability: number): T[]
}

/** mulberry32: small, fast and good enough for test data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (probability) => next() < probability,
    some: (items, probability) => {
      const kept = items.filter(() => next() < probability)
      return kept.length > 0 ? kept : [random.pick(items)]
    },
  }
  return random
}

/** `YYYY-MM-DD` of `date` plus `days`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** First and last names from the many languages an office's team speaks, accents and all. */
// prettier-ignore
export const FIRST_NAMES = [
  'Marisol', 'Tomasz', 'Aroha', 'Chidi', 'Siobhán', 'Nguyễn', 'Fatima', 'José', 'Zoë', 'Björn', 'Amara', 'Łucja',
  'Mateo', 'Ngozi', 'Aisling', 'Thảo', 'Yusuf', 'Inés', 'Renée', 'Søren', 'Kalani', 'Dmitri', 'Priya', 'Ōkawa',
  'Kwame', 'Élodie', 'Rafael', 'Hana', 'Tāne', 'Graínne', 'Luis', 'Mercy', 'Andrés', 'Agnieszka', 'Jamal', 'Noémie',
  'Darnell', 'Keisha', 'Ruairí', 'Camila', 'Oluwaseun', 'Māia', 'Hiroshi', 'Fernanda', 'Bogdan', 'Layla', 'Dwayne',
  'Thandiwe', 'Jürgen', 'Ximena',
] as const
// prettier-ignore
export const LAST_NAMES = [
  'Reyes', 'Wiśniewski', 'Ngata', 'Okafor', 'Ó Briain', 'Trần', 'Rahman', 'García', 'Müller', 'Andersen', 'Mensah',
  'Kowalczyk', 'Fernández', 'Eze', 'Mac Giolla', 'Phạm', 'Haddad', 'Muñoz', 'Lefèvre', 'Sørensen', 'Kahananui',
  'Petrov', 'Patel', 'Tanaka', 'Boateng', 'Dubois', 'Álvarez', 'Kim', 'Te Awa', 'Ní Dhuibhir', 'Ortega', 'Adeyemi',
  'Castillo', 'Zieliński', 'Washington', 'Gauthier', 'Jackson', 'Brooks', 'Ó Súilleabháin', 'Rojas', 'Adebayo',
  'Tūhoe', 'Sato', 'Gonçalves', 'Nowak', 'Khalil', 'Robinson', 'Dlamini', 'Schäfer', 'Hernández',
] as const
// prettier-ignore
export const LANGUAGES = [
  'English', 'Spanish', 'Polish', 'Vietnamese', 'Arabic', 'Te Reo Māori', 'Igbo', 'Yoruba', 'French', 'Portuguese',
  'Irish', 'Tagalog', 'ASL', 'Haitian Creole', 'Somali',
] as const
