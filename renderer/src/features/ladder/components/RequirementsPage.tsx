import { useState } from 'react'
import { Link } from 'react-router'
import { CAREER_STAGES, type CareerStage } from '@shared/domain/roster'
import {
  REQUIREMENT_KINDS,
  RequirementSetSaveInput,
  type Requirement,
  type RequirementKind,
  type RequirementSet,
} from '@shared/domain/ladder'
import {
  ConfirmDialog,
  Dialog,
  DoneNotice,
  ErrorState,
  LoadingState,
  PageHeader,
  RadioGroup,
} from '../../../components/ui'
import {
  Form,
  FormSelectField,
  FormTextField,
  numberFromText,
  SubmitButton,
  useFormValue,
} from '../../../components/ui/form'
import { ApiCallError } from '../../../lib/api'
import { formatDateTime } from '../../../lib/format'
import { may, useCurrentUser } from '../../auth/session'
import { useRequirementSets, useSaveRequirementSet } from '../api/ladder'
import { currentInputs, formatHours, withAdded, withChanged, withRetired } from '../utils/ladder'
import './ladder.css'

type EditableStage = Exclude<CareerStage, 'receiving_support'>
const STAGES: Record<EditableStage, string> = {
  volunteering: CAREER_STAGES.volunteering,
  training: CAREER_STAGES.training,
  rcp: CAREER_STAGES.rcp,
  employment: CAREER_STAGES.employment,
}

/** What each stage takes, as data the office keeps: supervisors add, change and retire requirements. */
export function RequirementsPage() {
  const sets = useRequirementSets()
  const user = useCurrentUser()
  const [stage, setStage] = useState<EditableStage>('rcp')
  const canEdit = may(user, 'requirements.save')
  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to="/ladder">Career ladder</Link>
    </nav>
  )
  return (
    <>
      <PageHeader documentTitle="Ladder requirements" title="Ladder requirements" before={breadcrumb} />
      <p>
        What it takes to reach each stage. Requirements differ by state and office: change them here. A requirement
        taken out is retired, not deleted: coaches who completed it keep it in their history.
      </p>
      <RadioGroup<EditableStage> id="req-stage" legend="Stage" options={STAGES} value={stage} onChange={setStage} />
      {sets.isPending ? <LoadingState what="the requirements" /> : null}
      {sets.isError ? <ErrorState error={sets.error} /> : null}
      {sets.data ? <SetEditor key={stage} set={sets.data.find((s) => s.stage === stage)!} canEdit={canEdit} /> : null}
    </>
  )
}

function SetEditor({ set, canEdit }: { set: RequirementSet; canEdit: boolean }) {
  const save = useSaveRequirementSet()
  const [editing, setEditing] = useState<Requirement | null>(null)
  const [retiring, setRetiring] = useState<Requirement | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const active = set.requirements.filter((r) => r.retiredAt === null)
  const retired = set.requirements.filter((r) => r.retiredAt !== null)
  const stage = CAREER_STAGES[set.stage]
  return (
    <section aria-labelledby="set-heading" className="card">
      <h2 id="set-heading">Requirements for {stage}</h2>
      {set.updatedAt ? (
        <p className="muted">
          Version {set.version}, changed {formatDateTime(set.updatedAt)}
          {set.updatedByName ? ` by ${set.updatedByName}` : ''}
        </p>
      ) : (
        <p>No requirements yet: nothing is asked to reach {stage}.</p>
      )}
      {active.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">Current requirements for {stage}</caption>
          <thead>
            <tr>
              <th scope="col">Requirement</th>
              <th scope="col">Kind</th>
              <th scope="col">Hours needed</th>
              {canEdit ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {active.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.label}
                  {r.category ? <span className="muted"> (category: {r.category})</span> : null}
                </th>
                <td>{REQUIREMENT_KINDS[r.kind]}</td>
                <td>{r.hoursNeeded === null ? '–' : formatHours(r.hoursNeeded)}</td>
                {canEdit ? (
                  <td>
                    <div className="row-actions">
                      <button type="button" className="button button--small" onClick={() => setEditing(r)}>
                        Edit <span className="visually-hidden">{r.label}</span>
                      </button>
                      <button type="button" className="button button--small" onClick={() => setRetiring(r)}>
                        Retire <span className="visually-hidden">{r.label}</span>
                      </button>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {problem ? (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      ) : null}
      {done ? (
        <DoneNotice key={`${done}-${set.version}`}>
          <p>{done}</p>
        </DoneNotice>
      ) : null}
      {canEdit ? (
        <>
          <h3 id="add-heading">Add a requirement</h3>
          <RequirementForm
            set={set}
            idPrefix="add-"
            labelledBy="add-heading"
            submitLabel="Add requirement"
            onSaved={() => setDone('Requirement added.')}
          />
        </>
      ) : null}
      {retired.length > 0 ? (
        <>
          <h3>Retired</h3>
          <ul>
            {retired.map((r) => (
              <li key={r.id}>
                {r.label} <span className="muted">(retired {formatDateTime(r.retiredAt!)})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {editing ? (
        <Dialog title={`Change “${editing.label}”`} onClose={() => setEditing(null)}>
          <RequirementForm
            set={set}
            existing={editing}
            idPrefix="edit-"
            submitLabel="Save requirement"
            onSaved={() => {
              setEditing(null)
              setDone('Requirement changed.')
            }}
          />
          <button type="button" className="button" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </Dialog>
      ) : null}
      {retiring ? (
        <ConfirmDialog
          title={`Retire “${retiring.label}”?`}
          stayLabel="Keep it"
          goLabel="Retire"
          danger
          busy={save.isPending}
          onStay={() => setRetiring(null)}
          onGo={async () => {
            setProblem(null)
            try {
              await save.mutateAsync({
                stage: set.stage,
                expectedVersion: set.version,
                requirements: withRetired(set, retiring.id),
              })
              setDone('Requirement retired.')
            } catch (error) {
              setProblem(error instanceof ApiCallError ? error.message : 'The requirement could not be retired.')
            }
            setRetiring(null)
          }}
        >
          <p>
            It is no longer asked of coaches moving up to {stage}. Coaches who completed it keep it in their history.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  )
}

function RequirementForm({
  set,
  existing,
  idPrefix,
  labelledBy,
  submitLabel,
  onSaved,
}: {
  set: RequirementSet
  existing?: Requirement
  idPrefix: string
  labelledBy?: string
  submitLabel: string
  onSaved(): void
}) {
  const save = useSaveRequirementSet()
  const empty = {
    kind: existing?.kind ?? 'document_or_step',
    label: existing?.label ?? '',
    hours: existing?.hoursNeeded === null || existing?.hoursNeeded === undefined ? '' : String(existing.hoursNeeded),
    category: existing?.category ?? '',
  }
  return (
    <Form
      idPrefix={idPrefix}
      className="form form--compact"
      aria-labelledby={labelledBy}
      schema={RequirementSetSaveInput}
      defaultValues={empty}
      toInput={(values) => {
        const kind = values.kind as RequirementKind
        const item = {
          kind,
          label: values.label,
          hours: kind === 'training_hours' ? numberFromText(values.hours) : null,
          category: kind === 'training_hours' ? values.category : null,
        }
        return {
          stage: set.stage,
          expectedVersion: set.version,
          requirements: existing ? withChanged(set, { ...item, id: existing.id }) : withAdded(set, item),
        }
      }}
      onSubmit={(input) => save.mutateAsync(input)}
      onSaved={onSaved}
      valuesAfterSave={() => (existing ? empty : { kind: 'document_or_step', label: '', hours: '', category: '' })}
      draftKey={`ladder-requirement:${set.stage}:${existing?.id ?? 'new'}`}
    >
      {existing ? (
        <p>Kind: {REQUIREMENT_KINDS[existing.kind]} (a requirement keeps its kind: retire it and add a new one)</p>
      ) : (
        <FormSelectField name="kind" label="Kind" options={REQUIREMENT_KINDS} />
      )}
      <FormTextField name="label" label="Requirement" required />
      <HoursFields kind={existing?.kind} />
      <SubmitButton className="button button--primary" busyLabel="Saving…">
        {submitLabel}
      </SubmitButton>
      {currentInputs(set).length === 0 && !existing ? (
        <p className="muted">The first requirement makes the set.</p>
      ) : null}
    </Form>
  )
}

function HoursFields({ kind }: { kind?: RequirementKind }) {
  const chosen = useFormValue<string>('kind')
  if ((kind ?? chosen) !== 'training_hours') return null
  return (
    <>
      <FormTextField name="hours" label="Hours needed" hint="In quarters of an hour, such as 60 or 7.5" required />
      <FormTextField
        name="category"
        label="Category (optional)"
        hint="Count only trainings of this category, such as Ethics; blank counts every approved training"
      />
    </>
  )
}
