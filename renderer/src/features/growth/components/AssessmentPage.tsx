import { Link, useLocation, useNavigate, useParams } from 'react-router'
import {
  ASSESSMENT_STATUSES,
  bandOf,
  DISCLAIMER,
  DOMAIN_KEYS,
  DOMAINS,
  RATERS,
  TRACK_KEYS,
  TRACKS,
  type Assessment,
} from '@shared/domain/growth'
import { ApiCallError } from '../../../lib/api'
import { formatDate, formatDateTime } from '../../../lib/format'
import { ErrorState, LoadingState, NoAccess, PageHeader } from '../../../components/ui'
import { useAssessment, useCoachGrowth } from '../api/growth'
import { AmendForm, DraftEditor } from './AssessmentEditor'
import { amendPath, assessmentPath, growthPath } from './paths'
import './growth.css'

const kindOf = (a: Pick<Assessment, 'rater'>) => (a.rater === 'self' ? 'Self-assessment' : 'Supervisor rating')

function titleOf(a: Assessment) {
  return `${kindOf(a)} of ${a.coachName}, ${formatDate(a.assessedOn)}`
}

function useAssessmentAndOthers() {
  const id = Number(useParams().id)
  const assessment = useAssessment(id)
  const growth = useCoachGrowth(assessment.data?.coachId ?? 0)
  return { assessment, growth }
}

function Refused({ error }: { error: Error }) {
  if (error instanceof ApiCallError && error.code === 'forbidden') return <NoAccess />
  return (
    <>
      <PageHeader documentTitle="Not found" title="Assessment not found" />
      <ErrorState error={error} />
    </>
  )
}

function Breadcrumb({ a }: { a: Assessment }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to={growthPath(a.coachId)}>{a.coachName}’s growth</Link>
    </nav>
  )
}

/** One assessment: the editor while it is the viewer's own draft, otherwise the locked record and its history. */
export function AssessmentPage() {
  const { assessment, growth } = useAssessmentAndOthers()
  const flash = (useLocation().state as { flash?: string } | null)?.flash
  if (assessment.isError) return <Refused error={assessment.error} />
  if (assessment.isPending || growth.isPending) return <LoadingState what="the assessment" />
  if (growth.isError) return <ErrorState error={growth.error} />
  const a = assessment.data
  const editing = a.status === 'draft' && a.mayEdit
  return (
    <>
      <PageHeader
        before={<Breadcrumb a={a} />}
        documentTitle={titleOf(a)}
        title={
          <>
            {titleOf(a)}{' '}
            <span className={`badge badge--${a.status === 'draft' ? 'on_leave' : 'active'}`}>
              {ASSESSMENT_STATUSES[a.status]}
            </span>
          </>
        }
        actions={
          a.mayAmend ? (
            <Link className="button" to={amendPath(a.id)}>
              Amend
            </Link>
          ) : null
        }
      />
      {flash ? (
        <p role="status" className="notice notice--success">
          {flash}
        </p>
      ) : null}
      <p className="disclaimer">{DISCLAIMER}</p>
      {editing ? (
        // A fresh editor for each saved version from elsewhere would lose typing: keyed by the record alone.
        <DraftEditor key={a.id} assessment={a} others={growth.data.assessments} coachId={a.coachId} />
      ) : (
        <AssessmentRecord a={a} />
      )}
    </>
  )
}

export function AmendPage() {
  const { assessment, growth } = useAssessmentAndOthers()
  const navigate = useNavigate()
  if (assessment.isError) return <Refused error={assessment.error} />
  if (assessment.isPending || growth.isPending) return <LoadingState what="the assessment" />
  if (growth.isError) return <ErrorState error={growth.error} />
  const a = assessment.data
  const title = `Amend the ${kindOf(a).toLowerCase()} of ${a.coachName}, ${formatDate(a.assessedOn)}`
  return (
    <>
      <PageHeader before={<Breadcrumb a={a} />} documentTitle={title} title={title} />
      {a.mayAmend ? (
        <>
          <p>
            The original stays as it is, and this becomes the current version. Your name, the time and your reason are
            kept with it.
          </p>
          <AmendForm
            assessment={a}
            others={growth.data.assessments}
            onAmended={(amended) =>
              navigate(assessmentPath(amended.id), {
                replace: true,
                state: { flash: `Amended: this is now revision ${amended.revision}.` },
              })
            }
          />
        </>
      ) : (
        <p className="notice">
          This version cannot be amended by you
          {a.supersededById !== null ? ': it has been amended already. Amend the latest version instead.' : '.'}
        </p>
      )}
    </>
  )
}

function AssessmentRecord({ a }: { a: Assessment }) {
  const latest = a.history.find((v) => v.current)
  return (
    <>
      {a.supersededById !== null && latest ? (
        <p className="notice notice--warning">
          This version was corrected. <Link to={assessmentPath(latest.id)}>Open the current version</Link>.
        </p>
      ) : null}
      {a.status === 'draft' ? (
        <p className="notice">
          This draft is {a.raterName ?? 'someone else'}’s. Only they can change or complete it; it is not yet part of
          the growth charts.
        </p>
      ) : null}
      <dl className="details">
        <dt>Rated by</dt>
        <dd>
          {RATERS[a.rater]}
          {a.raterName ? ` (${a.raterName})` : ''}
        </dd>
        <dt>Date</dt>
        <dd>{formatDate(a.assessedOn)}</dd>
        {a.completedAt ? (
          <>
            <dt>Completed</dt>
            <dd>{formatDateTime(a.completedAt)}</dd>
          </>
        ) : null}
        {a.amendmentReason ? (
          <>
            <dt>Reason for this amendment</dt>
            <dd>{a.amendmentReason}</dd>
          </>
        ) : null}
      </dl>
      <div className="table-scroll">
        <table className="table">
          <caption>Scores and notes</caption>
          <thead>
            <tr>
              <th scope="col">Domain</th>
              {TRACK_KEYS.map((t) => (
                <th scope="col" key={t}>
                  {TRACKS[t]}
                </th>
              ))}
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {DOMAIN_KEYS.map((d) => (
              <tr key={d}>
                <th scope="row">{DOMAINS[d]}</th>
                {TRACK_KEYS.map((t) => (
                  <td key={t}>
                    <ScoreText score={a.scores[d][t]} />
                  </td>
                ))}
                <td className="cell-text">{a.notes[d] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Overall note</h2>
      <p className="cell-text">{a.overallNote ?? <span className="muted">None</span>}</p>
      {a.history.length > 1 ? (
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading">Versions</h2>
          <ol className="history">
            {a.history.map((v) => (
              <li key={v.id}>
                {v.id === a.id ? (
                  <strong>Revision {v.revision} (this one)</strong>
                ) : (
                  <Link to={assessmentPath(v.id)}>Revision {v.revision}</Link>
                )}
                {v.current ? ' · current' : ''} · {v.revision === 1 ? 'completed' : 'amended'} by{' '}
                {v.authorName ?? 'unknown'} on {formatDateTime(v.at)}
                {v.reason ? <span className="muted"> · reason: {v.reason}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  )
}

/** A score with its band word, or "blank". */
export function ScoreText({ score }: { score: number | null }) {
  if (score === null) return <span className="muted">blank</span>
  return (
    <>
      <strong>{score}</strong> <span className="muted">{bandOf(score)}</span>
    </>
  )
}
