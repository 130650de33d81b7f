import { useEffect, useRef, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { useFormContext } from 'react-hook-form'
import { ResourceFields, ResourceUpdateInput, type Resource } from '@shared/domain/directory'
import { ApiCallError, call } from '../../../lib/api'
import { DoneNotice, ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import {
  conflictBetween,
  ConflictPanel,
  NOT_SAVED,
  useDraftMeta,
  useFormKit,
  type FormValues,
} from '../../../components/ui/form'
import { useCreateResource, useResource, useUpdateResource } from '../api/directory'
import {
  emptyResourceForm,
  formFromResource,
  resourceFieldsInput,
  type ResourceFormValues,
} from '../utils/resourceForm'
import { ResourceForm } from './ResourceForm'
import './directory.css'

const toDirectory = (
  <nav aria-label="Breadcrumb" className="breadcrumb">
    <Link to="/directory">Directory</Link>
  </nav>
)

export function NewResourcePage() {
  const create = useCreateResource()
  const navigate = useNavigate()
  return (
    <>
      <PageHeader before={toDirectory} documentTitle="Add a resource" title="Add a resource" />
      <ResourceForm
        schema={ResourceFields}
        defaultValues={emptyResourceForm()}
        toInput={resourceFieldsInput}
        onSubmit={(input) => create.mutateAsync(input)}
        onSaved={(resource) =>
          navigate(`/directory/${resource.id}`, { state: { flash: `${resource.name} was added to the directory.` } })
        }
        draftKey="resource-new"
        submitLabel="Add to the directory"
        onCancel={() => navigate('/directory')}
      />
    </>
  )
}

export function EditResourcePage() {
  const id = Number(useParams().id)
  const resource = useResource(id)
  if (resource.isPending) return <LoadingState what="the resource" />
  if (resource.isError) return <ErrorState error={resource.error} />
  return (
    <>
      <PageHeader
        before={toDirectory}
        documentTitle={`Edit ${resource.data.name}`}
        title={`Edit ${resource.data.name}`}
      />
      <EditResourceForm resource={resource.data} />
    </>
  )
}

interface EditDraftMeta {
  version: number
}

function EditResourceForm({ resource }: { resource: Resource }) {
  const update = useUpdateResource()
  const navigate = useNavigate()
  const draftKey = `resource-edit:${resource.id}`
  const restored = useDraftMeta<EditDraftMeta>(draftKey)
  // The version this edit started from: saving over someone else's newer one must be a choice.
  const version = useRef(restored?.version ?? resource.version)
  const [theirs, setTheirs] = useState<Resource | null>(null)
  const [tookTheirs, setTookTheirs] = useState(false)

  return (
    <ResourceForm
      schema={ResourceUpdateInput}
      defaultValues={formFromResource(resource)}
      toInput={(values) => ({ id: resource.id, expectedVersion: version.current, fields: resourceFieldsInput(values) })}
      onSubmit={async (input) => {
        try {
          return await update.mutateAsync(input)
        } catch (error) {
          if (!(error instanceof ApiCallError && error.code === 'conflict')) throw error
          setTheirs(await call('resources.get', { id: resource.id }))
          return NOT_SAVED
        }
      }}
      onSaved={() => navigate(`/directory/${resource.id}`, { state: { flash: 'Changes saved as a new version.' } })}
      draftKey={draftKey}
      draftMeta={{ version: version.current } satisfies EditDraftMeta}
      connected={resource.connections}
      submitLabel="Save changes"
      onCancel={() => navigate(`/directory/${resource.id}`)}
    >
      {theirs ? (
        <ResourceConflict
          key={theirs.version}
          theirs={theirs}
          onSaveMine={() => {
            version.current = theirs.version
            setTheirs(null)
            setTookTheirs(false)
          }}
          onTakeTheirs={() => {
            version.current = theirs.version
            setTheirs(null)
            setTookTheirs(true)
          }}
        />
      ) : null}
      {tookTheirs ? (
        <DoneNotice key={version.current}>
          <p>The form now shows what they saved. Your changes were discarded.</p>
        </DoneNotice>
      ) : null}
    </ResourceForm>
  )
}

function ResourceConflict({
  theirs,
  onSaveMine,
  onTakeTheirs,
}: {
  theirs: Resource
  onSaveMine(): void
  onTakeTheirs(): void
}) {
  const kit = useFormKit()
  const { getValues, setValue } = useFormContext<ResourceFormValues>()
  const saved = formFromResource(theirs) as FormValues
  const [conflict] = useState(() => conflictBetween(kit.baseline(), getValues() as FormValues, saved))
  useEffect(() => {
    for (const entry of conflict.entries) {
      if (!entry.changedByMe) setValue(entry.name, entry.theirs as string, { shouldDirty: true })
    }
  }, [conflict, setValue])
  return (
    <ConflictPanel
      who="this resource"
      entries={conflict.entries}
      onSaveMine={() => {
        kit.rebase(saved)
        onSaveMine()
        kit.submit()
      }}
      onTakeTheirs={() => {
        kit.rebase(saved, saved)
        onTakeTheirs()
      }}
    />
  )
}
