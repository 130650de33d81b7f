import { useState, type FormEvent } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import { COACH_TITLES, capitalise } from '@shared/domain/settings'
import {
  CAREER_STAGES,
  COACH_STATUSES,
  EMPLOYMENT_TYPES,
  WORK_SETTINGS,
  type CareerStage,
  type Coach,
  type CoachStatus,
} from '@shared/domain/roster'
import { ApiCallError } from '../../../lib/api'
import {
  ErrorState,
  formatDate,
  LoadingState,
  NoAccess,
  PageHeading,
  SelectField,
  TextField,
  todayIso,
} from '../../../app/ui'
import { useCoach, useSetCoachStage, useSetCoachStatus } from '../api/roster'
import { useCoachWords } from '../../settings/api/settings'
import { can, useCurrentUser } from '../../auth/session'

export function CoachPage() {
  const id = Number(useParams().id)
  const coach = useCoach(id)
  const flash = (useLocation().state as { flash?: string } | null)?.flash
  const words = useCoachWords()
  const user = useCurrentUser()
  const canEdit = can(user, 'editRoster')
  // A coach reaches only their own page; the main process refuses any other, and this says so plainly.
  if (coach.isError && coach.error instanceof ApiCallError && coach.error.code === 'forbidden') return <NoAccess />
  if (coach.isPending) return <LoadingState what="the coach" />
  if (coach.isError) {
    return (
      <>
        <PageHeading documentTitle="Not found">{words.Singular} not found</PageHeading>
        <ErrorState error={coach.error} />
        {can(user, 'seeRoster') ? (
          <p>
            <Link to="/coaches">Back to {words.plural}</Link>
          </p>
        ) : null}
      </>
    )
  }
  const c = coach.data
  return (
    <>
      {can(user, 'seeRoster') ? (
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/coaches">{words.Plural}</Link>
        </nav>
      ) : null}
      <div className="page-header">
        <PageHeading documentTitle={c.displayName}>
          {c.displayName}
          {c.pronouns ? <span className="muted heading-aside"> ({c.pronouns})</span> : null}
        </PageHeading>
        {canEdit ? (
          <Link className="button" to={`/coaches/${c.id}/edit`}>
            Edit details
          </Link>
        ) : null}
      </div>
      {flash ? (
        <p role="status" className="notice notice--success">
          {flash}
        </p>
      ) : null}
      {c.status === 'left' ? (
        <p className="notice">This {COACH_TITLES[c.title].singular} has left and is archived. Their record is kept.</p>
      ) : null}
      <div className="columns">
        <section aria-labelledby="details-heading" className="card">
          <h2 id="details-heading">Details</h2>
          <dl className="details">
            <dt>Status</dt>
            <dd>
              <span className={`badge badge--${c.status}`}>{COACH_STATUSES[c.status]}</span>
            </dd>
            <dt>Legal name</dt>
            <dd>{c.legalName}</dd>
            <dt>Preferred name</dt>
            <dd>{c.preferredName ?? '—'}</dd>
            <dt>Title</dt>
            <dd>{capitalise(COACH_TITLES[c.title].singular)}</dd>
            <dt>Employment</dt>
            <dd>{EMPLOYMENT_TYPES[c.employment]}</dd>
            <dt>Started</dt>
            <dd>{formatDate(c.startDate)}</dd>
            <dt>Career stage</dt>
            <dd>{CAREER_STAGES[c.careerStage]}</dd>
            <dt>Email</dt>
            <dd>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : '—'}</dd>
            <dt>Phone</dt>
            <dd>{c.phone ?? '—'}</dd>
            <dt>Languages</dt>
            <dd>{c.languages.length ? c.languages.join(', ') : '—'}</dd>
            <dt>Settings they work in</dt>
            <dd>{c.workSettings.length ? c.workSettings.map((s) => WORK_SETTINGS[s]).join(', ') : '—'}</dd>
            <dt>Assigned supervisor</dt>
            <dd>{c.assignedSupervisor ?? '—'}</dd>
            <dt>Supervision</dt>
            <dd>Every {c.supervisionCadenceDays} days</dd>
          </dl>
        </section>
        <div className="stack">
          <StatusSection coach={c} canEdit={canEdit} />
          <StageSection coach={c} canEdit={canEdit} />
        </div>
      </div>
      {can(user, 'readAudit') ? (
        <p>
          <Link to={`/audit?recordType=coach&recordId=${c.id}`}>Who changed this record (audit log)</Link>
        </p>
      ) : null}
    </>
  )
}

function errorText(error: unknown): string {
  if (error instanceof ApiCallError) return Object.values(error.fields)[0] ?? error.message
  return error instanceof Error ? error.message : 'The change was not saved.'
}

function StatusSection({ coach, canEdit }: { coach: Coach; canEdit: boolean }) {
  const setStatus = useSetCoachStatus()
  const firstOther = (Object.keys(COACH_STATUSES) as CoachStatus[]).find((s) => s !== coach.status)!
  const [status, setStatusValue] = useState<CoachStatus>(firstOther)
  const [effectiveOn, setEffectiveOn] = useState(todayIso())
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const options = Object.fromEntries(Object.entries(COACH_STATUSES).filter(([key]) => key !== coach.status))

  async function submit(event: FormEvent) {
    event.preventDefault()
    setDone(null)
    try {
      const saved = await setStatus.mutateAsync({
        id: coach.id,
        expectedVersion: coach.version,
        status,
        effectiveOn,
        note,
      })
      setError(null)
      setNote('')
      setStatusValue((Object.keys(COACH_STATUSES) as CoachStatus[]).find((s) => s !== saved.status)!)
      setDone(`Status changed to ${COACH_STATUSES[saved.status].toLowerCase()}.`)
    } catch (caught) {
      setError(errorText(caught))
    }
  }

  return (
    <section aria-labelledby="status-heading" className="card">
      <h2 id="status-heading">Status</h2>
      {canEdit ? (
        <form onSubmit={submit} noValidate className="form form--compact">
          {error ? (
            <p role="alert" className="field__error">
              Not saved: {error}
            </p>
          ) : null}
          <SelectField
            id="status-new"
            label="New status"
            value={status}
            onChange={(v) => setStatusValue(v as CoachStatus)}
            options={options}
          />
          <TextField
            id="status-date"
            label="Effective from"
            type="date"
            value={effectiveOn}
            onChange={setEffectiveOn}
            required
          />
          <TextField id="status-note" label="Note (optional)" value={note} onChange={setNote} maxLength={500} />
          <button type="submit" className="button" disabled={setStatus.isPending}>
            {status === 'left' ? 'Archive (mark as left)' : 'Change status'}
          </button>
          {done ? (
            <p role="status" className="notice notice--success">
              {done}
            </p>
          ) : null}
        </form>
      ) : null}
      <h3>Status history</h3>
      <ol className="history">
        {coach.statusHistory.map((change, index) => (
          <li key={index}>
            <strong>{COACH_STATUSES[change.status]}</strong> from {formatDate(change.effectiveOn)}
            {change.note ? <span className="muted">: {change.note}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}

function StageSection({ coach, canEdit }: { coach: Coach; canEdit: boolean }) {
  const setStage = useSetCoachStage()
  const [stage, setStageValue] = useState<CareerStage>(coach.careerStage)
  const [changedOn, setChangedOn] = useState(todayIso())
  const [error, setError] = useState<string | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    try {
      await setStage.mutateAsync({ id: coach.id, expectedVersion: coach.version, stage, changedOn })
      setError(null)
    } catch (caught) {
      setError(errorText(caught))
    }
  }

  return (
    <section aria-labelledby="stage-heading" className="card">
      <h2 id="stage-heading">Career ladder</h2>
      {canEdit ? (
        <form onSubmit={submit} noValidate className="form form--compact">
          {error ? (
            <p role="alert" className="field__error">
              Not saved: {error}
            </p>
          ) : null}
          <SelectField
            id="stage-new"
            label="Stage"
            value={stage}
            onChange={(v) => setStageValue(v as CareerStage)}
            options={CAREER_STAGES}
          />
          <TextField
            id="stage-date"
            label="Reached on"
            type="date"
            value={changedOn}
            onChange={setChangedOn}
            required
          />
          <button type="submit" className="button" disabled={setStage.isPending}>
            Record stage change
          </button>
        </form>
      ) : null}
      <h3>Stage history</h3>
      <ol className="history">
        {coach.stageHistory.map((change, index) => (
          <li key={index}>
            <strong>{CAREER_STAGES[change.stage]}</strong> on {formatDate(change.changedOn)}
          </li>
        ))}
      </ol>
    </section>
  )
}
