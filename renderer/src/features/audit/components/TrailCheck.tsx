import { useEffect, useRef } from 'react'
import { useVerifyTrail } from '../api/audit'
import { describeTrailCheck } from '../utils/trailCheck'

/**
 * "Check the trail": recomputes every event's hash and checks the seal kept under the supervisors' key, so a trail
 * edited outside the app (even with its triggers put back) is found, with the first bad event named.
 */
export function TrailCheck() {
  const verify = useVerifyTrail()
  const resultRef = useRef<HTMLDivElement>(null)
  const report = verify.data ? describeTrailCheck(verify.data) : null
  // The answer takes focus when it comes, so it is read out; the button stays where it was.
  useEffect(() => {
    if (verify.isSuccess || verify.isError) resultRef.current?.focus()
  }, [verify.isSuccess, verify.isError, verify.data])

  return (
    <section className="card section-gap" aria-labelledby="trail-check-heading">
      <h2 id="trail-check-heading">Check the trail</h2>
      <p className="muted">
        Each event is chained to the one before it and the chain is sealed with the supervisors’ key, so an event
        changed or deleted outside the app is found here. On a long trail the check takes a few seconds.
      </p>
      <button type="button" className="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? 'Checking the trail…' : 'Check the trail now'}
      </button>
      {report ? (
        <div
          ref={resultRef}
          tabIndex={-1}
          role={report.tone === 'intact' ? 'status' : 'alert'}
          className={`notice section-gap ${report.tone === 'intact' ? 'notice--success' : 'notice--error'}`}
        >
          <p>
            <strong>{report.headline}</strong>
          </p>
          {report.details.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      ) : null}
      {verify.isError ? (
        <div ref={resultRef} tabIndex={-1} role="alert" className="notice notice--error section-gap">
          <p>The trail could not be checked. {verify.error.message}</p>
        </div>
      ) : null}
    </section>
  )
}
