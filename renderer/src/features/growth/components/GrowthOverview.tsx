import { useMemo, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import {
  DISCLAIMER,
  DOMAIN_KEYS,
  DOMAINS,
  RATERS,
  TRACKS,
  TRACK_KEYS,
  type AssessmentSummary,
  type CoachGrowth,
  type Domain,
  type Rater,
  type Track,
} from '@shared/domain/growth'
import { formatDate } from '../../../lib/format'
import { DoneNotice, ErrorState, LoadingState, RadioGroup, SelectField, WhenNear } from '../../../components/ui'
import { useCoachGrowth, useCreateAssessment } from '../api/growth'
import { disagreements, focusSuggestions, type Disagreement, type FocusArea } from '../utils/insights'
import { chartable, defaultRadarPair, domainSeries, radarRows } from '../utils/series'
import { DomainChart, RadarOfTwo } from './GrowthCharts'
import { DisagreementTable, DomainTable, RadarTable } from './GrowthTables'
import { GoalsSection, NewGoalDialog } from './GoalsSection'
import { assessmentPath, reportPath } from './paths'
import './growth.css'

const ratingName = (a: AssessmentSummary) => `${formatDate(a.assessedOn)} (${RATERS[a.rater].toLowerCase()})`

/** A coach's growth page: the page a coach opens the app for, and the one on screen during supervision. */
export default function GrowthOverview({ coachId }: { coachId: number }) {
  const growth = useCoachGrowth(coachId)
  if (growth.isPending) return <LoadingState what="the growth page" />
  if (growth.isError) return <ErrorState error={growth.error} />
  return <Growth data={growth.data} />
}

function Growth({ data }: { data: CoachGrowth }) {
  const rated = useMemo(() => chartable(data.assessments), [data.assessments])
  const differences = useMemo(() => disagreements(data.assessments), [data.assessments])
  const drafts = data.assessments.filter((a) => a.status === 'draft')
  const isOwn = data.viewerRater === 'self'
  return (
    <div className="growth">
      <p className="disclaimer">{DISCLAIMER}</p>
      <StartActions data={data} drafts={drafts} hasRatings={rated.length > 0} />
      {drafts.length > 0 ? <Drafts drafts={drafts} /> : null}
      {rated.length === 0 ? (
        <EmptyState data={data} hasOwnDraft={drafts.some((d) => d.mayEdit)} />
      ) : (
        <>
          <section aria-labelledby="over-time-heading" className="section-gap">
            <h2 id="over-time-heading">Each domain over time</h2>
            <p className="muted">
              Practice in blue, own recovery in amber; {isOwn ? 'your own ratings' : 'self-ratings'} solid, a
              supervisor’s dashed with open dots. Every chart has the same scale, 1 to 10.
            </p>
            <div className="growth-multiples">
              {DOMAIN_KEYS.map((d) => (
                <DomainCard key={d} domain={d} assessments={data.assessments} differences={differences} />
              ))}
            </div>
          </section>
          <Differences items={differences} />
          <RadarSection assessments={rated} viewerRater={data.viewerRater} />
          <FocusSection data={data} />
        </>
      )}
      <GoalsSection coachId={data.coach.id} goals={data.goals} today={data.today} />
      {data.assessments.length > 0 ? <AssessmentList assessments={data.assessments} /> : null}
    </div>
  )
}

/** Starts a draft of the viewer's own kind, dated today, and opens it. */
function useStartAssessment(data: CoachGrowth) {
  const create = useCreateAssessment()
  const navigate = useNavigate()
  const [failed, setFailed] = useState<string | null>(null)
  async function start() {
    setFailed(null)
    try {
      const draft = await create.mutateAsync({ coachId: data.coach.id, assessedOn: data.today })
      navigate(assessmentPath(draft.id))
    } catch (error) {
      setFailed(error instanceof Error ? error.message : 'The assessment could not be started.')
    }
  }
  return { start, busy: create.isPending, failed }
}

function Failed({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="field__error">
      {message}
    </p>
  ) : null
}

function StartActions({
  data,
  drafts,
  hasRatings,
}: {
  data: CoachGrowth
  drafts: readonly AssessmentSummary[]
  hasRatings: boolean
}) {
  const { start, busy, failed } = useStartAssessment(data)
  const ownDraft = drafts.find((d) => d.mayEdit)
  return (
    <div className="growth-actions">
      {ownDraft ? (
        <Link className="button button--primary" to={assessmentPath(ownDraft.id)}>
          Continue your draft of {formatDate(ownDraft.assessedOn)}
        </Link>
      ) : hasRatings ? (
        // Without ratings yet, the empty state below has the start button, in words for a first time.
        <button type="button" className="button button--primary" onClick={() => void start()} disabled={busy}>
          {busy ? 'Starting…' : data.viewerRater === 'self' ? 'Start a self-assessment' : 'Start a supervisor rating'}
        </button>
      ) : null}
      {hasRatings ? (
        <Link className="button" to={reportPath(data.coach.id)}>
          Development report
        </Link>
      ) : null}
      <Failed message={failed} />
    </div>
  )
}

function EmptyState({ data, hasOwnDraft }: { data: CoachGrowth; hasOwnDraft: boolean }) {
  const { start, busy, failed } = useStartAssessment(data)
  const own = data.viewerRater === 'self'
  return (
    <section aria-labelledby="empty-heading" className="card empty growth-empty">
      <h2 id="empty-heading">
        {own ? 'Your growth chart starts here' : `No completed ratings of ${data.coach.displayName} yet`}
      </h2>
      {own ? (
        <p>
          A self-assessment is sixteen scores from 1 to 10: each of the eight domains, for your practice and for your
          own recovery. It takes a few minutes, saves itself as you type, and only you see it until you complete it.
          Your supervisor’s ratings appear here beside yours once they complete them.
        </p>
      ) : (
        <p>
          Once {data.coach.displayName} or a supervisor completes an assessment, each domain’s chart, the comparison of
          two dates and the suggested focus areas appear here.
        </p>
      )}
      {hasOwnDraft ? (
        <p>Your draft is listed above: continue it and complete it when you are ready.</p>
      ) : (
        <button type="button" className="button button--primary" onClick={() => void start()} disabled={busy}>
          {busy ? 'Starting…' : own ? 'Start your first self-assessment' : 'Start a supervisor rating'}
        </button>
      )}
      <Failed message={failed} />
    </section>
  )
}

function Drafts({ drafts }: { drafts: readonly AssessmentSummary[] }) {
  return (
    <section aria-labelledby="drafts-heading" className="section-gap">
      <h2 id="drafts-heading">Drafts</h2>
      <ul className="history">
        {drafts.map((d) => (
          <li key={d.id}>
            <Link to={assessmentPath(d.id)}>
              {d.mayEdit ? 'Your draft' : `${d.raterName ?? 'A supervisor'}’s draft`} of {formatDate(d.assessedOn)}
            </Link>{' '}
            <span className="muted">
              ({RATERS[d.rater].toLowerCase()} rating, not yet in the charts; last saved {formatDate(d.updatedAt)})
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}

const CHART_HEIGHT = 190

function DomainCard({
  domain,
  assessments,
  differences,
}: {
  domain: Domain
  assessments: readonly AssessmentSummary[]
  differences: readonly Disagreement[]
}) {
  const points = useMemo(() => domainSeries(assessments, domain), [assessments, domain])
  const mine = differences.filter((d) => d.domain === domain)
  const headingId = `domain-${domain}-heading`
  return (
    <section className="card growth-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{DOMAINS[domain]}</h3>
      <WhenNear height={CHART_HEIGHT}>
        <DomainChart points={points} label={DOMAINS[domain]} size={{ height: CHART_HEIGHT }} />
      </WhenNear>
      {mine.length > 0 ? (
        <p className="differs-note">
          Self and supervisor differ by 3 or more:{' '}
          {mine
            .map((d) => `${d.period} ${TRACKS[d.track].toLowerCase()} (self ${d.self}, supervisor ${d.supervisor})`)
            .join('; ')}
        </p>
      ) : null}
      <DomainTable label={DOMAINS[domain]} points={points} disagreements={mine} latest={LATEST_ROWS} />
    </section>
  )
}

function Differences({ items }: { items: readonly Disagreement[] }) {
  return (
    <section aria-labelledby="differences-heading" className="section-gap">
      <h2 id="differences-heading">Where self and supervisor see it differently</h2>
      {items.length === 0 ? (
        <p className="muted">
          In no quarter do the self-rating and a supervisor’s rating differ by 3 or more on any domain.
        </p>
      ) : (
        <>
          <p>
            In the same quarter, these scores are 3 or more apart. They are shown as they are, not averaged: a place to
            start the conversation.
          </p>
          <div className="table-scroll">
            <DisagreementTable items={items} domainLabel={(d) => DOMAINS[d]} />
          </div>
        </>
      )}
    </section>
  )
}

function RadarSection({ assessments, viewerRater }: { assessments: readonly AssessmentSummary[]; viewerRater: Rater }) {
  const preferred = assessments.some((a) => a.rater === viewerRater) ? viewerRater : (assessments[0]?.rater ?? 'self')
  const defaults = defaultRadarPair(assessments, preferred)
  const [track, setTrack] = useState<Track>('practice')
  const [firstId, setFirstId] = useState(String(defaults.first?.id ?? ''))
  const [secondId, setSecondId] = useState(String(defaults.second?.id ?? ''))
  const first = assessments.find((a) => String(a.id) === firstId) ?? defaults.first
  const second = assessments.find((a) => String(a.id) === secondId) ?? defaults.second
  const rows = radarRows(first, second, track)
  const options = [...assessments].reverse().map((a) => [String(a.id), ratingName(a)] as const)
  const firstLabel = first ? ratingName(first) : 'First'
  const secondLabel = second ? ratingName(second) : 'Second'
  return (
    <section aria-labelledby="radar-heading" className="card section-gap">
      <h2 id="radar-heading">Two dates compared</h2>
      <div className="filters">
        <RadioGroup<Track> id="radar-track" legend="Track" options={TRACKS} value={track} onChange={setTrack} />
        <SelectField id="radar-first" label="First rating" value={firstId} onChange={setFirstId} options={options} />
        <SelectField
          id="radar-second"
          label="Second rating"
          value={secondId}
          onChange={setSecondId}
          options={options}
        />
      </div>
      <div className="growth-radar">
        <WhenNear height={320}>
          <RadarOfTwo rows={rows} firstLabel={firstLabel} secondLabel={secondLabel} size={{ height: 320 }} />
        </WhenNear>
        <div>
          <h3 className="visually-hidden">
            {TRACKS[track]}: {firstLabel} and {secondLabel}
          </h3>
          <RadarTable rows={rows} firstLabel={firstLabel} secondLabel={secondLabel} />
        </div>
      </div>
    </section>
  )
}

function FocusSection({ data }: { data: CoachGrowth }) {
  const raters = (['self', 'supervisor'] as const).filter((r) =>
    data.assessments.some((a) => a.rater === r && a.status === 'completed'),
  )
  const [rater, setRater] = useState<Rater>(raters.includes(data.viewerRater) ? data.viewerRater : raters[0]!)
  const focus = focusSuggestions(data.assessments, rater)
  const [goalFrom, setGoalFrom] = useState<{ domain: Domain; track: Track } | null>(null)
  const [made, setMade] = useState<{ id: number; text: string } | null>(null)
  return (
    <section aria-labelledby="focus-heading" className="card section-gap">
      <h2 id="focus-heading">Suggested focus areas</h2>
      {raters.length > 1 ? (
        <RadioGroup<Rater>
          id="focus-rater"
          legend="Based on"
          options={{ self: 'The latest self-rating', supervisor: 'The latest supervisor rating' }}
          value={rater}
          onChange={setRater}
        />
      ) : null}
      {focus.basedOn ? (
        <p className="muted">
          From the {RATERS[rater].toLowerCase()} rating of {formatDate(focus.basedOn.date)}
          {focus.comparedWith ? `, compared with ${formatDate(focus.comparedWith.date)}` : ''}. Suggestions, not
          verdicts: choose what matters with the coach.
        </p>
      ) : null}
      {made ? (
        <DoneNotice key={made.id}>
          <p>{made.text}</p>
        </DoneNotice>
      ) : null}
      <div className="columns">
        {TRACK_KEYS.map((t) => (
          <div key={t}>
            <h3>{TRACKS[t]}</h3>
            <FocusList
              title="Lowest"
              areas={focus.lowest[t]}
              empty="No scores on this track yet."
              describe={(a) => `${a.score}`}
              onGoal={setGoalFrom}
            />
            {focus.comparedWith ? (
              <FocusList
                title="Largest drops"
                areas={focus.drops[t]}
                empty="No drops since the previous rating."
                describe={(a) => `${a.previous} → ${a.score} (down ${a.drop})`}
                onGoal={setGoalFrom}
              />
            ) : null}
          </div>
        ))}
      </div>
      {goalFrom ? (
        <NewGoalDialog
          coachId={data.coach.id}
          today={data.today}
          from={goalFrom}
          onClose={() => setGoalFrom(null)}
          onCreated={(goal) => {
            setGoalFrom(null)
            setMade({ id: goal.id, text: `Goal added: ${goal.description}. It is listed under Development goals.` })
          }}
        />
      ) : null}
    </section>
  )
}

function FocusList({
  title,
  areas,
  empty,
  describe,
  onGoal,
}: {
  title: string
  areas: readonly FocusArea[]
  empty: string
  describe(area: FocusArea): string
  onGoal(area: { domain: Domain; track: Track }): void
}) {
  return (
    <>
      <h4>{title}</h4>
      {areas.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="focus-list">
          {areas.map((a) => (
            <li key={a.domain}>
              <span>
                {DOMAINS[a.domain]}: <strong>{describe(a)}</strong>
              </span>{' '}
              <button type="button" className="button button--small" onClick={() => onGoal(a)}>
                Make a goal
                <span className="visually-hidden">
                  {' '}
                  of {DOMAINS[a.domain]}, {TRACKS[a.track].toLowerCase()}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

/** Rows a table shows at first on screen; the rest on request (a decade of ratings is hundreds of rows each). */
const LATEST_ROWS = 12
const LATEST_ASSESSMENTS = 20

function AssessmentList({ assessments }: { assessments: readonly AssessmentSummary[] }) {
  const [all, setAll] = useState(false)
  const latestFirst = [...assessments].reverse().slice(0, all ? undefined : LATEST_ASSESSMENTS)
  return (
    <section aria-labelledby="all-heading" className="section-gap">
      <h2 id="all-heading">Every assessment</h2>
      <div className="table-scroll">
        <table className="table table--dense">
          <caption className="visually-hidden">Every assessment you may see, latest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Rated by</th>
              <th scope="col">Status</th>
              <th scope="col">Scores given</th>
            </tr>
          </thead>
          <tbody>
            {latestFirst.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link to={assessmentPath(a.id)}>{formatDate(a.assessedOn)}</Link>
                </th>
                <td>
                  {RATERS[a.rater]}
                  {a.raterName ? ` (${a.raterName})` : ''}
                </td>
                <td>
                  {a.status === 'draft' ? 'Draft' : a.revision > 1 ? `Amended (revision ${a.revision})` : 'Completed'}
                </td>
                <td>
                  {DOMAIN_KEYS.reduce((n, d) => n + TRACK_KEYS.filter((t) => a.scores[d][t] !== null).length, 0)} of 16
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {latestFirst.length < assessments.length ? (
        <button type="button" className="button button--small" onClick={() => setAll(true)}>
          Show all {assessments.length} assessments (the latest {latestFirst.length} are shown)
        </button>
      ) : null}
    </section>
  )
}
