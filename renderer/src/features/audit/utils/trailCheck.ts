import type { AuditCheck } from '@shared/domain/audit'
import { formatDateTime, formatNumber } from '../../../lib/format'

export interface TrailCheckReport {
  tone: 'intact' | 'broken'
  headline: string
  /** Further sentences, in order: the first bad event, what is not sealed yet, earlier breaks. */
  details: string[]
}

/** What `audit.verify` answered, in sentences for the audit page. */
export function describeTrailCheck(check: AuditCheck): TrailCheckReport {
  const details: string[] = []
  const events = `${formatNumber(check.checked)} ${check.checked === 1 ? 'event' : 'events'}`
  if (check.problem) details.push(check.problem.message)
  if (check.sealedThrough !== null) {
    details.push(`Sealed with the supervisors’ key through event ${formatNumber(check.sealedThrough)}.`)
  }
  if (check.unsealed) {
    const { fromId, toId } = check.unsealed
    details.push(
      fromId === toId
        ? `Event ${formatNumber(fromId)} is chained but not sealed yet.`
        : `Events ${formatNumber(fromId)} to ${formatNumber(toId)} are chained but not sealed yet.`,
    )
  }
  for (const earlier of check.earlierBreaks) {
    details.push(`Found on ${formatDateTime(earlier.detectedAt)}: ${earlier.message}`)
  }
  if (check.ok) return { tone: 'intact', headline: `The audit trail is intact: ${events} checked.`, details }
  const headline = check.problem
    ? check.problem.eventId !== null
      ? `The audit trail was changed outside the app, at event ${formatNumber(check.problem.eventId)}.`
      : 'The audit trail’s seal does not check.'
    : `The audit trail checks now (${events}), but it was found changed outside the app before.`
  return { tone: 'broken', headline, details }
}
