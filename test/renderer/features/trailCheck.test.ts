import { describe, expect, it } from 'vitest'
import type { AuditCheck } from '@shared/domain/audit'
import { describeTrailCheck } from '../../../renderer/src/features/audit/utils/trailCheck'
import { formatDateTime } from '../../../renderer/src/lib/format'

const INTACT: AuditCheck = {
  ok: true,
  checked: 240,
  sealedThrough: 240,
  unsealed: null,
  problem: null,
  earlierBreaks: [],
}

describe('the trail check, in words', () => {
  it('says an intact trail is intact, and how far it is sealed', () => {
    expect(describeTrailCheck(INTACT)).toEqual({
      tone: 'intact',
      headline: 'The audit trail is intact: 240 events checked.',
      details: ['Sealed with the supervisors’ key through event 240.'],
    })
    expect(
      describeTrailCheck({ ...INTACT, checked: 1, sealedThrough: null, unsealed: { fromId: 1, toId: 1 } }),
    ).toEqual({
      tone: 'intact',
      headline: 'The audit trail is intact: 1 event checked.',
      details: ['Event 1 is chained but not sealed yet.'],
    })
  })

  it('names the first bad event, and a seal that does not check', () => {
    const problem = {
      eventId: 17,
      message: 'Event 17 does not match its hash: it, or the event before it, was changed.',
    }
    expect(describeTrailCheck({ ...INTACT, ok: false, checked: 16, problem })).toEqual({
      tone: 'broken',
      headline: 'The audit trail was changed outside the app, at event 17.',
      details: [problem.message, 'Sealed with the supervisors’ key through event 240.'],
    })
    const seal = { eventId: null, message: 'The seal does not check: the supervisors’ file was changed.' }
    expect(describeTrailCheck({ ...INTACT, ok: false, sealedThrough: null, problem: seal }).headline).toBe(
      'The audit trail’s seal does not check.',
    )
  })

  it('keeps an earlier break in view even when the chain checks now', () => {
    const earlier = { detectedAt: '2026-11-20T08:00:00.000Z', message: 'Event 90 was sealed but is gone.' }
    const report = describeTrailCheck({ ...INTACT, ok: false, earlierBreaks: [earlier] })
    expect(report.tone).toBe('broken')
    expect(report.headline).toBe(
      'The audit trail checks now (240 events), but it was found changed outside the app before.',
    )
    expect(report.details).toContain(`Found on ${formatDateTime(earlier.detectedAt)}: Event 90 was sealed but is gone.`)
  })
})
