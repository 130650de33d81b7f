import { useRef, useState } from 'react'
import { Link } from 'react-router'
import { COACH_TITLES, capitalise } from '@shared/domain/settings'
import {
  CAREER_STAGES,
  COACH_STATUSES,
  CoachStageInput,
  CoachStatusInput,
  EMPLOYMENT_TYPES,
  WORK_SETTINGS,
  type Coach,
  type CoachStatus,
} from '@shared/domain/roster'
import { formatDate, formatNumber } from '../../../lib/format'
import { todayIso } from '../../../lib/dates'
import { ConfirmDialog, DoneNotice } from '../../../components/ui'
import {
  Form,
  FormSelectField,
  FormTextField,
  NOT_SAVED,
  SubmitButton,
  useFormKit,
  useFormValue,
} from '../../../components/ui/form'
import { may } from '../../auth/session'
import { useSetCoachStage, useSetCoachStatus } from '../api/roster'
import type { CoachTab, CoachTabProps } from './CoachPage'

/** The profile: the coach's details, their status and their place on the career ladder. */
export const profileTab: CoachTab = {
  key: 'profile',
  label: 'Profile',
  hasContent: () => true,
  Content: CoachProfile,
}

function CoachProfile({ coach: c, user }: CoachTabProps) {
  return (
    <>
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
            <dd>
              {c.supervisorName
                ? `${c.supervisorName}${c.supervisorIsCurrent ? '' : ' (no longer a supervisor)'}`
                : c.supervisorUnmatched
                  ? `Supervisor (not matched): ${c.supervisorUnmatched}`
                  : '—'}
            </dd>
            <dt>Supervision</dt>
            <dd>Every {formatNumber(c.supervisionCadenceDays)} days</dd>
          </dl>
        </section>
        <div className="stack">
          <StatusSection coach={c} canEdit={may(user, 'coaches.setStatus')} />
          <StageSection coach={c} canEdit={may(user, 'coaches.setStage')} />
        </div>
      </div>
      {may(user, 'audit.list') ? (
        <p>
          <Link to={`/audit?recordType=coach&recordId=${c.id}`}>Who changed this record (audit log)</Link>
        </p>
      ) : null}
    </>
  )
}

const STATUS_KEYS = Object.keys(COACH_STATUSES) as CoachStatus[]
const otherThan = (status: CoachStatus) => STATUS_KEYS.find((key) => key !== status)!
const statusForm = (status: CoachStatus) => ({ status: otherThan(status), effectiveOn: todayIso(), note: '' })

type StatusDone =
  | { kind: 'changed'; text: string }
  /** An archive, which the notice can undo: back to `before`, from the same date. */
  | { kind: 'archived'; before: CoachStatus; effectiveOn: string }
  | { kind: 'undone'; text: string }
  | { kind: 'undo_failed'; text: string }

function StatusSection({ coach, canEdit }: { coach: Coach; canEdit: boolean }) {
  const setStatus = useSetCoachStatus()
  const [done, setDone] = useState<StatusDone | null>(null)
  const [asking, setAsking] = useState(false)
  // Set once the person confirmed the archive; the next submit then goes through.
  const confirmed = useRef(false)
  const options = Object.fromEntries(Object.entries(COACH_STATUSES).filter(([key]) => key !== coach.status))

  async function undo(before: CoachStatus, effectiveOn: string) {
    try {
      // The fresh version: the archive itself moved it on.
      const saved = await setStatus.mutateAsync({
        id: coach.id,
        expectedVersion: coach.version,
        status: before,
        effectiveOn,
        note: 'Archive undone',
      })
      setDone({
        kind: 'undone',
        text: `Undone: ${saved.displayName} is ${COACH_STATUSES[saved.status].toLowerCase()} again.`,
      })
    } catch (error) {
      setDone({
        kind: 'undo_failed',
        text: `The archive was not undone. ${error instanceof Error ? error.message : ''}`.trim(),
      })
    }
  }

  return (
    <section aria-labelledby="status-heading" className="card">
      <h2 id="status-heading">Status</h2>
      {canEdit ? (
        <Form
          // A new status brings new choices (never the current one): the form starts again from them.
          key={coach.status}
          idPrefix="status-"
          className="form form--compact"
          schema={CoachStatusInput}
          defaultValues={statusForm(coach.status)}
          toInput={(values) => ({ id: coach.id, expectedVersion: coach.version, ...values })}
          onSubmit={async (input) => {
            if (input.status === 'left' && !confirmed.current) {
              setAsking(true)
              return NOT_SAVED
            }
            confirmed.current = false
            return { before: coach.status, effectiveOn: input.effectiveOn, saved: await setStatus.mutateAsync(input) }
          }}
          onSaved={({ before, effectiveOn, saved }) =>
            setDone(
              saved.status === 'left'
                ? { kind: 'archived', before, effectiveOn }
                : { kind: 'changed', text: `Status changed to ${COACH_STATUSES[saved.status].toLowerCase()}.` },
            )
          }
          draftKey={`coach-status:${coach.id}`}
        >
          <FormSelectField name="status" label="New status" options={options} />
          <FormTextField name="effectiveOn" label="Effective from" type="date" required />
          <FormTextField name="note" label="Note (optional)" />
          <StatusSubmit />
          {asking ? (
            <ArchiveQuestion
              name={coach.displayName}
              onCancel={() => setAsking(false)}
              onConfirm={() => {
                confirmed.current = true
                setAsking(false)
              }}
            />
          ) : null}
        </Form>
      ) : null}
      {done ? (
        <DoneNotice key={`${done.kind}-${coach.version}`}>
          {done.kind === 'archived' ? (
            <p>
              {coach.displayName} was archived (marked as left from {formatDate(done.effectiveOn)}).{' '}
              <button
                type="button"
                className="link-button link-button--plain"
                disabled={setStatus.isPending}
                onClick={() => void undo(done.before, done.effectiveOn)}
              >
                Undo
                <span className="visually-hidden">
                  : make {coach.displayName} {COACH_STATUSES[done.before].toLowerCase()} again
                </span>
              </button>
            </p>
          ) : (
            <p>{done.text}</p>
          )}
        </DoneNotice>
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

function StatusSubmit() {
  const status = useFormValue<string>('status')
  return (
    <SubmitButton className="button" busyLabel="Saving…">
      {status === 'left' ? 'Archive (mark as left)' : 'Change status'}
    </SubmitButton>
  )
}

/** Archiving asks first; confirmed, it sends the form again, this time for real. */
function ArchiveQuestion({ name, onCancel, onConfirm }: { name: string; onCancel(): void; onConfirm(): void }) {
  const kit = useFormKit()
  return (
    <ConfirmDialog
      title={`Archive ${name}?`}
      stayLabel="Cancel"
      goLabel="Archive"
      onStay={onCancel}
      onGo={() => {
        onConfirm()
        kit.submit()
      }}
    >
      <p>
        {name} leaves the current roster and is listed under “Left (archived)”. Nothing is deleted: the record and its
        history are kept, and you can undo this straight after.
      </p>
    </ConfirmDialog>
  )
}

function StageSection({ coach, canEdit }: { coach: Coach; canEdit: boolean }) {
  const setStage = useSetCoachStage()
  const [done, setDone] = useState<string | null>(null)
  return (
    <section aria-labelledby="stage-heading" className="card">
      <h2 id="stage-heading">Career ladder</h2>
      {canEdit ? (
        <Form
          idPrefix="stage-"
          className="form form--compact"
          schema={CoachStageInput}
          defaultValues={{ stage: coach.careerStage as string, changedOn: todayIso() }}
          toInput={(values) => ({ id: coach.id, expectedVersion: coach.version, ...values })}
          onSubmit={(input) => setStage.mutateAsync(input)}
          onSaved={(saved) => setDone(`Stage recorded: ${CAREER_STAGES[saved.careerStage]}.`)}
          valuesAfterSave={(saved) => ({ stage: saved.careerStage, changedOn: todayIso() })}
          draftKey={`coach-stage:${coach.id}`}
        >
          <FormSelectField name="stage" label="Stage" options={CAREER_STAGES} />
          <FormTextField name="changedOn" label="Reached on" type="date" required />
          <SubmitButton className="button" busyLabel="Saving…">
            Record stage change
          </SubmitButton>
        </Form>
      ) : null}
      {done ? (
        <DoneNotice key={`${done}-${coach.version}`}>
          <p>{done}</p>
        </DoneNotice>
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
