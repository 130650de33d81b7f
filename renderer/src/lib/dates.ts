/** Today's calendar date where the computer is, `YYYY-MM-DD`: the default of a date field. */
export function todayIso(now: Date = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 10)
}
