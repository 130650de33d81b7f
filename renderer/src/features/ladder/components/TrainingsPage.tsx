import { useState } from 'react'
import { Link } from 'react-router'
import { DOMAINS, DOMAIN_SHORT_LABELS, type Domain } from '@shared/domain/growth'
import { TrainingFields, type Training } from '@shared/domain/ladder'
import { Dialog, DoneNotice, ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import {
  Form,
  FormCheckbox,
  FormCheckboxGroup,
  FormTextField,
  numberFromText,
  SubmitButton,
} from '../../../components/ui/form'
import { may, useCurrentUser } from '../../auth/session'
import { useCreateTraining, useTrainings, useUpdateTraining } from '../api/ladder'
import { formatHours } from '../utils/ladder'
import './ladder.css'

/** The catalogue of trainings: everyone reads it; supervisors keep it, and open a training's evaluation. */
export function TrainingsPage() {
  const trainings = useTrainings()
  const user = useCurrentUser()
  const canEdit = may(user, 'trainings.create')
  const canEvaluate = may(user, 'trainings.evaluation')
  const [editing, setEditing] = useState<Training | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const breadcrumb = may(user, 'ladder.office') ? (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to="/ladder">Career ladder</Link>
    </nav>
  ) : undefined
  return (
    <>
      <PageHeader documentTitle="Training catalogue" title="Training catalogue" before={breadcrumb} />
      {trainings.isPending ? <LoadingState what="the catalogue" /> : null}
      {trainings.isError ? <ErrorState error={trainings.error} /> : null}
      {trainings.data ? (
        trainings.data.length === 0 ? (
          <p>The catalogue is empty.</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="Trainings" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Training</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Hours</th>
                  <th scope="col">Approved</th>
                  <th scope="col">Domains</th>
                  <th scope="col">Attended by</th>
                  {canEdit || canEvaluate ? <th scope="col">Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {trainings.data.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">{t.name}</th>
                    <td>{t.provider ?? '–'}</td>
                    <td>{formatHours(t.hours)}</td>
                    <td>{t.approved ? `Yes${t.category ? ` (${t.category})` : ''}` : 'No'}</td>
                    <td>{t.domains.map((d) => DOMAIN_SHORT_LABELS[d]).join(', ') || '–'}</td>
                    <td>{t.attendees}</td>
                    {canEdit || canEvaluate ? (
                      <td>
                        <div className="row-actions">
                          {canEvaluate ? (
                            <Link to={`/ladder/trainings/${t.id}/evaluation`}>
                              Evaluation <span className="visually-hidden">of {t.name}</span>
                            </Link>
                          ) : null}
                          {canEdit ? (
                            <button type="button" className="button button--small" onClick={() => setEditing(t)}>
                              Edit <span className="visually-hidden">{t.name}</span>
                            </button>
                          ) : null}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {done ? (
        <DoneNotice key={done}>
          <p>{done}</p>
        </DoneNotice>
      ) : null}
      {canEdit ? (
        <section aria-labelledby="new-training" className="card">
          <h2 id="new-training">Add a training</h2>
          <TrainingForm idPrefix="training-" onSaved={(t) => setDone(`Added ${t.name}.`)} />
        </section>
      ) : null}
      {editing ? (
        <Dialog title={`Change ${editing.name}`} onClose={() => setEditing(null)} wide>
          <TrainingForm
            idPrefix="training-edit-"
            existing={editing}
            onSaved={(t) => {
              setEditing(null)
              setDone(`Saved ${t.name}.`)
            }}
          />
          <button type="button" className="button" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </Dialog>
      ) : null}
    </>
  )
}

function TrainingForm({
  idPrefix,
  existing,
  onSaved,
}: {
  idPrefix: string
  existing?: Training
  onSaved(training: Training): void
}) {
  const create = useCreateTraining()
  const update = useUpdateTraining()
  const empty = {
    name: existing?.name ?? '',
    provider: existing?.provider ?? '',
    hours: existing ? String(existing.hours) : '',
    approved: existing?.approved ?? true,
    category: existing?.category ?? '',
    domains: (existing?.domains ?? []) as readonly string[],
  }
  const toFields = (values: typeof empty) => ({
    name: values.name,
    provider: values.provider,
    hours: numberFromText(values.hours),
    approved: values.approved,
    category: values.category,
    domains: values.domains as Domain[],
  })
  return (
    <Form
      idPrefix={idPrefix}
      className="form"
      schema={TrainingFields}
      defaultValues={empty}
      toInput={toFields}
      onSubmit={(fields) =>
        existing
          ? (update.mutateAsync({ id: existing.id, expectedVersion: existing.version, fields }) as Promise<Training>)
          : (create.mutateAsync(fields) as Promise<Training>)
      }
      onSaved={onSaved}
      valuesAfterSave={() => empty}
      draftKey={`ladder-training:${existing?.id ?? 'new'}`}
    >
      <FormTextField name="name" label="Name" required />
      <FormTextField name="provider" label="Provider (optional)" />
      <FormTextField name="hours" label="Hours" hint="In quarters of an hour, such as 7.5" required />
      <FormCheckbox name="approved" label="Counts as approved training" />
      <FormTextField
        name="category"
        label="Category (optional)"
        hint="Counts toward hours requirements of this category (such as Ethics) as well as general ones"
      />
      <FormCheckboxGroup name="domains" legend="Domains it aims at" options={DOMAINS} />
      <SubmitButton className="button button--primary" busyLabel="Saving…">
        {existing ? 'Save training' : 'Add training'}
      </SubmitButton>
    </Form>
  )
}
