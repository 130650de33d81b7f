import { useState } from 'react'
import { PathwayInput } from '@shared/domain/directory'
import { DoneNotice } from '../../../components/ui'
import { Form, FormTextField, SubmitButton } from '../../../components/ui/form'
import { useAddPathway, usePathways } from '../api/directory'

/** The recovery pathways the directory knows: the starting six and the office's own, which anyone may add. */
export function PathwaysPanel() {
  const pathways = usePathways()
  const add = useAddPathway()
  const [added, setAdded] = useState<string | null>(null)
  return (
    <section className="card section-gap no-print" aria-labelledby="pathways-heading">
      <h2 id="pathways-heading">Recovery pathways</h2>
      <p>Every resource can name the pathways it serves. The office adds its own where the list falls short.</p>
      <ul className="tag-list">
        {(pathways.data?.items ?? []).map((p) => (
          <li key={p.id}>
            {p.label}
            {p.builtIn ? null : <span className="muted"> (added by the office)</span>}
          </li>
        ))}
      </ul>
      {added ? (
        <DoneNotice key={added}>
          <p>{added} was added to the pathways.</p>
        </DoneNotice>
      ) : null}
      <Form
        idPrefix="pathway-"
        className="form form--compact"
        schema={PathwayInput}
        defaultValues={{ label: '' }}
        onSubmit={(input) => add.mutateAsync(input)}
        valuesAfterSave={() => ({ label: '' })}
        onSaved={(pathway) => setAdded(pathway.label)}
      >
        <FormTextField name="label" label="New pathway" hint="For example Wellbriety, Recovery Dharma" />
        <SubmitButton className="button" busyLabel="Adding…">
          Add the pathway
        </SubmitButton>
      </Form>
    </section>
  )
}
