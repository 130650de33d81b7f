import { useMemo, useState } from 'react'
import { Link, useParams } from 'react-router'
import {
  DISCLAIMER,
  DOMAIN_KEYS,
  DOMAINS,
  RATERS,
  TRACKS,
  type Domain,
  type GrowthReport,
  type ReportNotes,
} from '@shared/domain/growth'
import { ApiCallError } from '../../../lib/api'
import { canPrintToPdf, savePageAsPdf } from '../../../lib/files'
import { formatDate } from '../../../lib/format'
import { ErrorState, LoadingState, NoAccess, PageHeading } from '../../../components/ui'
import { useGrowthReport } from '../api/growth'
import { disagreements } from '../utils/insights'
import { domainSeries } from '../utils/series'
import { DomainChart } from './GrowthCharts'
import { DisagreementTable, DomainTable } from './GrowthTables'
import { growthPath } from './paths'
import './growth.css'

/** Fixed, so the printed page lays out the same however wide the window was: two charts across an A4 page. */
const PRINT_CHART = { width: 330, height: 170 }

/**
 * A coach's development report, made to be printed: the charts with their numbers, the notes the viewer may see,
 * the open goals, the office, the date and the disclaimer. The print styles drop the app around it; in the desktop
 * app "Save as PDF" prints it to a file through the save dialog, in a browser the browser's print dialog does.
 */
export function ReportPage() {
  const coachId = Number(useParams().id)
  const report = useGrowthReport(coachId)
  if (report.isError && report.error instanceof ApiCallError && report.error.code === 'forbidden') return <NoAccess />
  if (report.isPending) return <LoadingState what="the report" />
  if (report.isError) return <ErrorState error={report.error} />
  return <Report report={report.data} />
}

function Report({ report }: { report: GrowthReport }) {
  const differences = useMemo(() => disagreements(report.assessments), [report.assessments])
  const name = report.coach.displayName
  return (
    <article className="report">
      <div className="report__actions no-print">
        <Link to={growthPath(report.coach.id)}>Back to {name}’s growth</Link>
        <SaveButton name={`Development report ${name} ${report.generatedOn}`} />
      </div>
      <header className="report__header">
        <p className="report__office">{report.officeName}</p>
        <PageHeading documentTitle={`Development report: ${name}`}>Development report: {name}</PageHeading>
        <p>
          Prepared on {formatDate(report.generatedOn)}. {name} started on {formatDate(report.coach.startDate)}.{' '}
          {report.assessments.length} completed {report.assessments.length === 1 ? 'assessment' : 'assessments'}.
        </p>
      </header>
      <p className="disclaimer">{DISCLAIMER}</p>

      <section aria-labelledby="report-domains-heading">
        <h2 id="report-domains-heading">Each domain over time</h2>
        {report.assessments.length === 0 ? (
          <p>No completed assessments yet.</p>
        ) : (
          <>
            <p className="muted">
              Practice in blue, own recovery in amber; self-ratings solid, supervisor ratings dashed. Scale 1 to 10.
            </p>
            <div className="report__domains">
              {DOMAIN_KEYS.map((d) => (
                <ReportDomain key={d} domain={d} report={report} />
              ))}
            </div>
          </>
        )}
      </section>

      {differences.length > 0 ? (
        <section aria-labelledby="report-differences-heading" className="report__section">
          <h2 id="report-differences-heading">Where self and supervisor differ by 3 or more</h2>
          <DisagreementTable items={differences} domainLabel={(d) => DOMAINS[d]} />
        </section>
      ) : null}

      <section aria-labelledby="report-notes-heading" className="report__section">
        <h2 id="report-notes-heading">Latest notes</h2>
        {report.latestNotes.length === 0 ? <p className="muted">No notes yet.</p> : null}
        {report.latestNotes.map((notes) => (
          <NotesOf key={notes.assessmentId} notes={notes} />
        ))}
      </section>

      <section aria-labelledby="report-goals-heading" className="report__section">
        <h2 id="report-goals-heading">Open development goals</h2>
        {report.openGoals.length === 0 ? (
          <p className="muted">No open goals.</p>
        ) : (
          <ul>
            {report.openGoals.map((g) => (
              <li key={g.id}>
                <strong>{g.description}</strong> — {DOMAINS[g.domain]}, {TRACKS[g.track].toLowerCase()}; target{' '}
                {formatDate(g.targetDate)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="disclaimer report__footer">{DISCLAIMER}</p>
    </article>
  )
}

function ReportDomain({ domain, report }: { domain: Domain; report: GrowthReport }) {
  const points = useMemo(() => domainSeries(report.assessments, domain), [report.assessments, domain])
  const headingId = `report-${domain}-heading`
  return (
    <section className="report__domain" aria-labelledby={headingId}>
      <h3 id={headingId}>{DOMAINS[domain]}</h3>
      <DomainChart points={points} label={DOMAINS[domain]} size={PRINT_CHART} />
      <DomainTable label={DOMAINS[domain]} points={points} disagreements={[]} />
    </section>
  )
}

function NotesOf({ notes }: { notes: ReportNotes }) {
  const written = DOMAIN_KEYS.filter((d) => notes.notes[d])
  return (
    <section className="report__notes" aria-label={`${RATERS[notes.rater]} notes`}>
      <h3>
        {RATERS[notes.rater]} rating of {formatDate(notes.assessedOn)}
        {notes.raterName ? `, by ${notes.raterName}` : ''}
      </h3>
      {written.length === 0 && !notes.overallNote ? <p className="muted">No notes written.</p> : null}
      <dl className="details">
        {written.map((d) => (
          <div key={d} className="details__row">
            <dt>{DOMAINS[d]}</dt>
            <dd className="cell-text">{notes.notes[d]}</dd>
          </div>
        ))}
        {notes.overallNote ? (
          <div className="details__row">
            <dt>Overall</dt>
            <dd className="cell-text">{notes.overallNote}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  )
}

function SaveButton({ name }: { name: string }) {
  const [state, setState] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null })
  const desktop = canPrintToPdf()
  async function save() {
    setState({ busy: true, message: null })
    try {
      const outcome = await savePageAsPdf(name)
      setState({
        busy: false,
        message: outcome.saved ? `Saved as ${outcome.name}.` : (outcome.message ?? null),
      })
    } catch (error) {
      setState({ busy: false, message: `The PDF was not saved: ${(error as Error).message}` })
    }
  }
  return (
    <>
      <button type="button" className="button button--primary" onClick={() => void save()} disabled={state.busy}>
        {state.busy ? 'Saving…' : desktop ? 'Save as PDF' : 'Print or save as PDF'}
      </button>
      {state.message ? <p role="status">{state.message}</p> : null}
    </>
  )
}
