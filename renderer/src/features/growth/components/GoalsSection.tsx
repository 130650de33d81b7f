import { useState } from 'react'
import {
  DOMAINS,
  GOAL_STATUSES,
  GoalCreateInput,
  GoalUpdateInput,
  TRACKS,
  type Domain,
  type Goal,
  type Track,
} from '@shared/domain/growth'
import { formatDate } from '../../../lib/format'
import { Dialog, DoneNotice } from '../../../components/ui'
import { Form, FormSelectField, FormTextField, SubmitButton } from '../../../components/ui/form'
import { useCreateGoal, useUpdateGoal } from '../api/growth'
import { goalForm, goalFromFocus, sortedGoals } from '../utils/goals'
import { NoteField } from './ScoreGrid'

/** A new goal, blank or from a suggested focus area (its domain and track chosen, a first wording and target). */
export function NewGoalDialog({
  coachId,
  today,
  from,
  onClose,
  onCreated,
}: {
  coachId: number
  today: string
  from: { domain: Domain; track: Track } | null
  onClose(): void
  onCreated(goal: Goal): void
}) {
  const create = useCreateGoal()
  return (
    <Dialog
      title={from ? `Make ${DOMAINS[from.domain]} (${TRACKS[from.track]}) a goal` : 'Add a goal'}
      onClose={onClose}
    >
      <Form
        idPrefix="goal-new-"
        schema={GoalCreateInput}
        defaultValues={goalFromFocus(from, today)}
        toInput={(values) => ({ coachId, ...values })}
        onSubmit={(input) => create.mutateAsync(input)}
        onSaved={onCreated}
      >
        <FormSelectField name="domain" label="Domain" options={DOMAINS} />
        <FormSelectField name="track" label="Track" options={TRACKS} />
        <NoteField name="description" label="What the goal is" rows={2} required />
        <FormTextField name="targetDate" label="Target date" type="date" required />
        <div className="form__actions">
          <SubmitButton busyLabel="Saving…">Save the goal</SubmitButton>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </Form>
    </Dialog>
  )
}

function EditGoalDialog({ goal, onClose, onSaved }: { goal: Goal; onClose(): void; onSaved(goal: Goal): void }) {
  const update = useUpdateGoal()
  return (
    <Dialog title={`Goal: ${DOMAINS[goal.domain]} (${TRACKS[goal.track]})`} onClose={onClose}>
      <Form
        idPrefix="goal-edit-"
        schema={GoalUpdateInput}
        defaultValues={goalForm(goal)}
        toInput={(values) => ({ id: goal.id, expectedVersion: goal.version, ...values })}
        onSubmit={(input) => update.mutateAsync(input)}
        onSaved={onSaved}
      >
        <FormSelectField name="status" label="Status" options={GOAL_STATUSES} />
        <NoteField name="description" label="What the goal is" rows={2} required />
        <FormTextField name="targetDate" label="Target date" type="date" required />
        <div className="form__actions">
          <SubmitButton busyLabel="Saving…">Save changes</SubmitButton>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </Form>
    </Dialog>
  )
}

export function GoalsSection({ coachId, goals, today }: { coachId: number; goals: readonly Goal[]; today: string }) {
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<Goal | null>(null)
  const [done, setDone] = useState<{ key: number; text: string } | null>(null)
  return (
    <section aria-labelledby="goals-heading" className="card section-gap">
      <div className="section-header">
        <h2 id="goals-heading">Development goals</h2>
        <button type="button" className="button" onClick={() => setAdding(true)}>
          Add a goal
        </button>
      </div>
      {done ? (
        <DoneNotice key={done.key}>
          <p>{done.text}</p>
        </DoneNotice>
      ) : null}
      {goals.length === 0 ? (
        <p className="muted">No goals yet. A suggested focus area above becomes a goal in one step.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Development goals, open ones first</caption>
            <thead>
              <tr>
                <th scope="col">Goal</th>
                <th scope="col">Domain and track</th>
                <th scope="col">Target</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sortedGoals(goals).map((g) => (
                <tr key={g.id}>
                  <th scope="row" className="cell-text">
                    {g.description}
                  </th>
                  <td>
                    {DOMAINS[g.domain]}, {TRACKS[g.track].toLowerCase()}
                  </td>
                  <td className="nowrap">{formatDate(g.targetDate)}</td>
                  <td>
                    <span className={`badge badge--goal-${g.status}`}>{GOAL_STATUSES[g.status]}</span>{' '}
                    <span className="muted">since {formatDate(g.statusChangedOn)}</span>
                  </td>
                  <td>
                    {g.mayEdit ? (
                      <button type="button" className="button button--small" onClick={() => setEditing(g)}>
                        Change<span className="visually-hidden"> the goal “{g.description}”</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {adding ? (
        <NewGoalDialog
          coachId={coachId}
          today={today}
          from={null}
          onClose={() => setAdding(false)}
          onCreated={(goal) => {
            setAdding(false)
            setDone({ key: goal.id, text: `Goal added: ${goal.description}` })
          }}
        />
      ) : null}
      {editing ? (
        <EditGoalDialog
          goal={editing}
          onClose={() => setEditing(null)}
          onSaved={(goal) => {
            setEditing(null)
            setDone({ key: goal.version * 100_000 + goal.id, text: `Goal saved: ${GOAL_STATUSES[goal.status]}.` })
          }}
        />
      ) : null}
    </section>
  )
}
