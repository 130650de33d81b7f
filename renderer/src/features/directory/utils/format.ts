import { todayIso } from '../../../lib/dates'
import { formatDate } from '../../../lib/format'

/** The day an instant (a check, a tip) fell on, on this computer's calendar, in its locale: "Nov 3, 2026". */
export const formatDay = (instant: string) => formatDate(todayIso(new Date(instant)))
