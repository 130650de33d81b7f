import { useRef, useState, type RefObject } from 'react'
import { Link } from 'react-router'
import { CAREER_STAGES } from '@shared/domain/roster'
import { AdvanceInput, AttendanceInput, REQUIREMENT_KINDS, StepInput, type LadderPage } from '@shared/domain/ladder'
import { ConfirmDialog, DoneNotice, ErrorState, LoadingState } from '../../../components/ui'
import {
  Form,
  FormCheckbox,
  FormSelectField,
  FormTextField,
  numberFromText,
  SubmitButton,
  useFormKit,
} from '../../../components/ui/form'
import { formatDate } from '../../../lib/format'
import { may, useCurrentUser } from '../../auth/session'
import { useAdvance, useCoachLadder, useRecordAttendance, useRecordStep, useTrainings } from '../api/ladder'
import { formatHours, hoursPercent } from '../utils/ladder'
import './ladder.css'

/** A coach's ladder page (the Ladder tab): what a coach sees of their own, and staff of anyone's. */
export default function LadderOverview({ coachId }: { coachId: number }) {
  const ladder = useCoachLadder(coachId)
  const user = useCurrentUser()
  if (ladder.isPending) return <LoadingState what="the ladder page" />
  if (ladder.isError) return <ErrorState error={ladder.error} />
  const page = ladder.data
  return (
    <div className="ladder stack">
      <section aria-labelledby="ladder-stage" className="card">
        <h2 id="ladder-stage">Stage: {CAREER_STAGES[page.coach.careerStage]}</h2>
        <ol className="ladder-steps" aria-label="The career ladder">
          {Object.entries(CAREER_STAGES).map(([stage, label]) => (
            <li
              key={stage}
              aria-current={stage === page.coach.careerStage ? 'step' : undefined}
              className={stage === page.coach.careerStage ? 'ladder-steps__current' : undefined}
            >
              {label}
            </li>
          ))}
        </ol>
        <h3>Stage history</h3>
        <ol className="history">
          {page.stageHistory.map((change, index) => (
            <li key={index}>
              <strong>{CAREER_STAGES[change.stage]}</strong> from {formatDate(change.changedOn)}
            </li>
          ))}
        </ol>
      </section>
      <NextStage page={page} canMove={may(user, 'ladder.advance')} canSignOff={may(user, 'ladder.recordStep')} />
      <Trainings page={page} canRecord={may(user, 'trainings.attend')} />
      {page.completedSteps.length > 0 ? (
        <section aria-labelledby="ladder-done" className="card">
          <h2 id="ladder-done">Steps completed</h2>
          <table className="table table--dense">
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Toward</th>
                <th scope="col">Completed</th>
                <th scope="col">Confirmed by</th>
              </tr>
            </thead>
            <tbody>
              {page.completedSteps.map((step) => (
                <tr key={step.requirementId}>
                  <td>
                    {step.label}
                    {step.retired ? <span className="muted"> (no longer required; kept in the history)</span> : null}
                  </td>
                  <td>{CAREER_STAGES[step.stage]}</td>
                  <td className="nowrap">{formatDate(step.completedOn)}</td>
                  <td>{step.confirmedByName ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  )
}

function NextStage({ page, canMove, canSignOff }: { page: LadderPage; canMove: boolean; canSignOff: boolean }) {
  const next = page.nextStage
  if (!next) {
    return (
      <section aria-labelledby="ladder-next" className="card">
        <h2 id="ladder-next">Next stage</h2>
        <p>At the top of the ladder: {CAREER_STAGES[page.coach.careerStage]}.</p>
      </section>
    )
  }
  const { progress } = page
  const openSteps = page.requirements.filter((r) => r.kind !== 'training_hours' && !r.done)
  return (
    <section aria-labelledby="ladder-next" className="card">
      <h2 id="ladder-next">Toward {CAREER_STAGES[next]}</h2>
      {page.hasRequirementSet ? (
        <>
          <p className="lead">
            {formatHours(progress.hoursDone)} of {formatHours(progress.hoursNeeded)} hours, {progress.stepsDone} of{' '}
            {progress.stepsNeeded} steps done.
          </p>
          <table className="table">
            <caption className="visually-hidden">Requirements for {CAREER_STAGES[next]} and progress</caption>
            <thead>
              <tr>
                <th scope="col">Requirement</th>
                <th scope="col">Kind</th>
                <th scope="col">Progress</th>
              </tr>
            </thead>
            <tbody>
              {page.requirements.map((r) => (
                <tr key={r.requirementId}>
                  <th scope="row">
                    {r.label}
                    {r.category ? <span className="muted"> ({r.category})</span> : null}
                  </th>
                  <td>{REQUIREMENT_KINDS[r.kind]}</td>
                  <td>
                    {r.kind === 'training_hours' ? (
                      <span className="ladder-progress">
                        <progress
                          max={100}
                          value={hoursPercent(r.hoursDone ?? 0, r.hoursNeeded ?? 0)}
                          aria-label={`${r.label}: hours done`}
                        />
                        {formatHours(r.hoursDone ?? 0)} of {formatHours(r.hoursNeeded ?? 0)} hours
                        {r.done ? ' (done)' : ''}
                      </span>
                    ) : r.done ? (
                      <>
                        Done {r.completedOn ? formatDate(r.completedOn) : ''}
                        {r.confirmedByName ? `, confirmed by ${r.confirmedByName}` : ''}
                      </>
                    ) : (
                      <span className="muted">Not yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {progress.missing.length > 0 ? (
            <>
              <h3>Still missing</h3>
              <ul>
                {progress.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="notice notice--success">Every requirement for {CAREER_STAGES[next]} is met.</p>
          )}
        </>
      ) : (
        <p>The office has not set requirements for {CAREER_STAGES[next]}.</p>
      )}
      {canSignOff && openSteps.length > 0 ? <StepForm page={page} open={openSteps} /> : null}
      {canMove ? <MoveUp page={page} /> : null}
    </section>
  )
}

function StepForm({ page, open }: { page: LadderPage; open: LadderPage['requirements'] }) {
  const record = useRecordStep()
  const [done, setDone] = useState<string | null>(null)
  const options = Object.fromEntries(open.map((r) => [String(r.requirementId), r.label]))
  return (
    <>
      <h3 id="step-form-heading">Record a step</h3>
      <Form
        idPrefix="step-"
        className="form form--compact"
        aria-labelledby="step-form-heading"
        schema={StepInput}
        defaultValues={{ requirementId: String(open[0]!.requirementId), completedOn: page.today, note: '' }}
        toInput={(values) => ({
          coachId: page.coach.id,
          requirementId: numberFromText(values.requirementId),
          completedOn: values.completedOn,
          note: values.note,
        })}
        onSubmit={(input) => record.mutateAsync(input)}
        onSaved={() => setDone('Step recorded.')}
        valuesAfterSave={() => ({ requirementId: '', completedOn: page.today, note: '' })}
        draftKey={`ladder-step:${page.coach.id}`}
      >
        <FormSelectField name="requirementId" label="Step" options={options} />
        <FormTextField name="completedOn" label="Completed on" type="date" required />
        <FormTextField name="note" label="Note (optional)" />
        <SubmitButton className="button" busyLabel="Saving…">
          Record step
        </SubmitButton>
      </Form>
      {done ? (
        <DoneNotice key={`${done}-${page.progress.stepsDone}`}>
          <p>{done}</p>
        </DoneNotice>
      ) : null}
    </>
  )
}

function MoveUp({ page }: { page: LadderPage }) {
  const advance = useAdvance()
  const [done, setDone] = useState<string | null>(null)
  // Set by the confirmation only, so a move with something missing is always one the person said yes to.
  const confirmed = useRef(false)
  const next = page.nextStage!
  return (
    <>
      <h3 id="move-up-heading">Move up</h3>
      <Form
        idPrefix="advance-"
        className="form form--compact"
        aria-labelledby="move-up-heading"
        schema={AdvanceInput}
        defaultValues={{ changedOn: page.today }}
        toInput={(values) => ({
          coachId: page.coach.id,
          expectedVersion: page.coach.version,
          toStage: next,
          changedOn: values.changedOn,
          confirmMissing: confirmed.current,
        })}
        onSubmit={async (input) => {
          try {
            return await advance.mutateAsync(input)
          } finally {
            confirmed.current = false
          }
        }}
        onSaved={(saved) => setDone(`Moved up to ${CAREER_STAGES[saved.coach.careerStage]}.`)}
        valuesAfterSave={(saved) => ({ changedOn: saved.today })}
      >
        <FormTextField name="changedOn" label="Reached on" type="date" required />
        <MoveUpButton missing={page.progress.missing} stage={CAREER_STAGES[next]} confirmed={confirmed} />
      </Form>
      {done ? (
        <DoneNotice key={done}>
          <p>{done}</p>
        </DoneNotice>
      ) : null}
    </>
  )
}

/** Straight through when nothing is missing; otherwise the list, and a confirmation that says so. */
function MoveUpButton({
  missing,
  stage,
  confirmed,
}: {
  missing: readonly string[]
  stage: string
  confirmed: RefObject<boolean>
}) {
  const kit = useFormKit()
  const [asking, setAsking] = useState(false)
  if (missing.length === 0) {
    return (
      <SubmitButton className="button button--primary" busyLabel="Moving…">
        Move up to {stage}
      </SubmitButton>
    )
  }
  return (
    <>
      <button type="button" className="button button--primary" onClick={() => setAsking(true)}>
        Move up to {stage}…
      </button>
      {asking ? (
        <ConfirmDialog
          title={`Move up to ${stage} with requirements missing?`}
          stayLabel="Not yet"
          goLabel="Move up anyway"
          onStay={() => setAsking(false)}
          onGo={() => {
            setAsking(false)
            confirmed.current = true
            kit.submit()
          }}
        >
          <p>Still missing:</p>
          <ul>
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </ConfirmDialog>
      ) : null}
    </>
  )
}

function Trainings({ page, canRecord }: { page: LadderPage; canRecord: boolean }) {
  return (
    <section aria-labelledby="ladder-trainings" className="card">
      <h2 id="ladder-trainings">Trainings</h2>
      <p>{formatHours(page.totalHours)} hours of training completed in all.</p>
      {page.attendances.length === 0 ? (
        <p className="muted">No training recorded yet.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Trainings attended" tabIndex={0}>
          <table className="table table--dense">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Training</th>
                <th scope="col">Hours</th>
                <th scope="col">Completed</th>
                <th scope="col">Counts as approved</th>
              </tr>
            </thead>
            <tbody>
              {page.attendances.map((a) => (
                <tr key={a.id}>
                  <td className="nowrap">{formatDate(a.attendedOn)}</td>
                  <td>{a.trainingName}</td>
                  <td>{formatHours(a.hours)}</td>
                  <td>{a.completed ? 'Yes' : 'No'}</td>
                  <td>{a.approved ? `Yes${a.category ? ` (${a.category})` : ''}` : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canRecord ? <AttendanceForm page={page} /> : null}
      <p>
        <Link to="/ladder/trainings">The training catalogue</Link>
      </p>
    </section>
  )
}

function AttendanceForm({ page }: { page: LadderPage }) {
  const trainings = useTrainings()
  const record = useRecordAttendance()
  const [done, setDone] = useState<string | null>(null)
  if (trainings.isPending) return <LoadingState what="the catalogue" />
  if (trainings.isError) return <ErrorState error={trainings.error} />
  if (trainings.data.length === 0) return <p>The catalogue has no training yet.</p>
  const options = Object.fromEntries(trainings.data.map((t) => [String(t.id), `${t.name} (${formatHours(t.hours)} h)`]))
  const empty = {
    trainingId: String(trainings.data[0]!.id),
    attendedOn: page.today,
    hours: '',
    completed: true,
    note: '',
  }
  return (
    <>
      <h3 id="attend-heading">Record a training</h3>
      <Form
        idPrefix="attend-"
        className="form form--compact"
        aria-labelledby="attend-heading"
        schema={AttendanceInput}
        defaultValues={empty}
        toInput={(values) => ({
          coachId: page.coach.id,
          trainingId: numberFromText(values.trainingId),
          attendedOn: values.attendedOn,
          hours: numberFromText(values.hours),
          completed: values.completed,
          note: values.note,
        })}
        onSubmit={(input) => record.mutateAsync(input)}
        onSaved={(saved) => setDone(`Recorded: ${saved.trainingName}, ${formatHours(saved.hours)} hours.`)}
        valuesAfterSave={() => empty}
        draftKey={`ladder-attend:${page.coach.id}`}
      >
        <FormSelectField name="trainingId" label="Training" options={options} />
        <FormTextField name="attendedOn" label="Date attended" type="date" required />
        <FormTextField name="hours" label="Hours" hint="In quarters of an hour, such as 7.5" required />
        <FormCheckbox name="completed" label="Completed" />
        <FormTextField name="note" label="Note (optional)" />
        <SubmitButton className="button" busyLabel="Saving…">
          Record training
        </SubmitButton>
      </Form>
      {done ? (
        <DoneNotice key={`${done}-${page.attendances.length}`}>
          <p>{done}</p>
        </DoneNotice>
      ) : null}
    </>
  )
}
