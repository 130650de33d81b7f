/** Time is injected so tests can fix "today". */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export function fixedClock(iso: string): Clock {
  return { now: () => new Date(iso) }
}

export const instant = (clock: Clock) => clock.now().toISOString()
export const today = (clock: Clock) => clock.now().toISOString().slice(0, 10)
