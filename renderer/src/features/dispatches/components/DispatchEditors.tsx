import { useRef, useState } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { DispatchCreateInput, DispatchUpdateInput, type Dispatch } from '@shared/domain/dispatches'
import { ApiCallError, call } from '../../../lib/api'
import { DoneNotice, ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import { NOT_SAVED, useDraftMeta } from '../../../components/ui/form'
import { useOfficeSettings } from '../../settings/api/settings'
import { useContractChoices, useCurrentCoaches } from '../../contracts/api/contracts'
import { RecordConflict } from '../../contracts/components/RecordConflict'
import { useCreateDispatch, useDispatch, useUpdateDispatch } from '../api/dispatches'
import { dispatchFieldsInput, dispatchTimeProblems, emptyDispatchForm, formFromDispatch } from '../utils/dispatchForm'
import { DispatchForm } from './DispatchForm'

const crumb = (
  <nav aria-label="Breadcrumb" className="breadcrumb">
    <Link to="/dispatches">Dispatch log</Link>
  </nav>
)

export function NewDispatchPage() {
  const [params] = useSearchParams()
  const contractId = Number(params.get('contract')) || null
  const settings = useOfficeSettings()
  const contracts = useContractChoices('active')
  const coaches = useCurrentCoaches()
  const create = useCreateDispatch()
  const navigate = useNavigate()
  // "Now" once, when the form opens: the request time it starts from.
  const [now] = useState(() => new Date().toISOString())
  if (settings.isPending || contracts.isPending || coaches.isPending) return <LoadingState what="the form" />
  if (contracts.isError) return <ErrorState error={contracts.error} />
  if (coaches.isError) return <ErrorState error={coaches.error} />
  const timeZone = settings.data?.effectiveTimeZone ?? 'UTC'
  return (
    <>
      <PageHeader documentTitle="Log a request" title="Log a request" before={crumb} />
      {contracts.data.length === 0 ? (
        <p className="notice notice--warning">
          No contract is in force, so no request can be logged. <Link to="/contracts">See the contracts</Link>.
        </p>
      ) : (
        <DispatchForm
          schema={DispatchCreateInput}
          defaultValues={emptyDispatchForm(now, timeZone, contractId)}
          toInput={(values) => ({
            contractId: Number(values.contractId) || 0,
            ...dispatchFieldsInput(values, timeZone),
          })}
          check={(values) => dispatchTimeProblems(values, timeZone)}
          onSubmit={(input) => create.mutateAsync(input)}
          onSaved={(dispatch) =>
            navigate(`/dispatches/${dispatch.id}`, { state: { flash: 'The request was logged.' } })
          }
          draftKey="dispatch-new"
          contracts={contracts.data}
          coaches={coaches.data}
          timeZone={timeZone}
          submitLabel="Log the request"
          onCancel={() => navigate(contractId ? `/contracts/${contractId}` : '/dispatches')}
        />
      )}
    </>
  )
}

export function EditDispatchPage() {
  const id = Number(useParams().id)
  const dispatch = useDispatch(id)
  if (dispatch.isPending) return <LoadingState what="the dispatch" />
  if (dispatch.isError) return <ErrorState error={dispatch.error} />
  const title = `Update the dispatch to ${dispatch.data.partnerName}`
  return (
    <>
      <PageHeader documentTitle={title} title={title} before={crumb} />
      <EditDispatchForm dispatch={dispatch.data} />
    </>
  )
}

function EditDispatchForm({ dispatch }: { dispatch: Dispatch }) {
  const settings = useOfficeSettings()
  const coaches = useCurrentCoaches()
  const update = useUpdateDispatch()
  const navigate = useNavigate()
  const draftKey = `dispatch-edit:${dispatch.id}`
  const restored = useDraftMeta<{ version: number }>(draftKey)
  const version = useRef(restored?.version ?? dispatch.version)
  const [theirs, setTheirs] = useState<Dispatch | null>(null)
  const [tookTheirs, setTookTheirs] = useState(false)
  if (settings.isPending || coaches.isPending) return <LoadingState what="the form" />
  if (coaches.isError) return <ErrorState error={coaches.error} />
  const timeZone = settings.data?.effectiveTimeZone ?? 'UTC'
  return (
    <DispatchForm
      schema={DispatchUpdateInput}
      defaultValues={formFromDispatch(dispatch, timeZone)}
      toInput={(values) => ({
        id: dispatch.id,
        expectedVersion: version.current,
        fields: dispatchFieldsInput(values, timeZone),
      })}
      check={(values) => dispatchTimeProblems(values, timeZone)}
      onSubmit={async (input) => {
        try {
          return await update.mutateAsync(input)
        } catch (error) {
          if (!(error instanceof ApiCallError && error.code === 'conflict')) throw error
          setTheirs(await call('dispatches.get', { id: dispatch.id }))
          return NOT_SAVED
        }
      }}
      onSaved={() => navigate(`/dispatches/${dispatch.id}`, { state: { flash: 'Changes saved.' } })}
      draftKey={draftKey}
      draftMeta={{ version: version.current }}
      contracts={null}
      coaches={coaches.data}
      keep={dispatch.coachId ? { id: dispatch.coachId, displayName: dispatch.coachName ?? 'The coach sent' } : null}
      timeZone={timeZone}
      submitLabel="Save changes"
      onCancel={() => navigate(`/dispatches/${dispatch.id}`)}
    >
      {theirs ? (
        <RecordConflict
          key={theirs.version}
          who="this dispatch"
          saved={formFromDispatch(theirs, timeZone)}
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
    </DispatchForm>
  )
}
