import { useRef, useState } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { ContractCreateInput, ContractUpdateInput, type Contract } from '@shared/domain/contracts'
import { ApiCallError, call } from '../../../lib/api'
import { DoneNotice, ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import { NOT_SAVED, useDraftMeta } from '../../../components/ui/form'
import { useOfficeSettings } from '../../settings/api/settings'
import { useAllPartners, useContract, useCreateContract, useCurrentCoaches, useUpdateContract } from '../api/contracts'
import { contractFieldsInput, emptyContractForm, formFromContract } from '../utils/contractForm'
import { officeDateTime } from '../../dispatches/utils/officeTime'
import { ContractForm } from './ContractForm'
import { RecordConflict } from './RecordConflict'

const crumb = (
  <nav aria-label="Breadcrumb" className="breadcrumb">
    <Link to="/contracts">Contracts</Link>
  </nav>
)

export function NewContractPage() {
  const [params] = useSearchParams()
  const partnerId = Number(params.get('partner')) || null
  const settings = useOfficeSettings()
  const partners = useAllPartners()
  const coaches = useCurrentCoaches()
  const create = useCreateContract()
  const navigate = useNavigate()
  if (settings.isPending || partners.isPending || coaches.isPending) return <LoadingState what="the form" />
  if (partners.isError) return <ErrorState error={partners.error} />
  if (coaches.isError) return <ErrorState error={coaches.error} />
  const timeZone = settings.data?.effectiveTimeZone ?? 'UTC'
  const today = officeDateTime(new Date().toISOString(), timeZone).date
  return (
    <>
      <PageHeader documentTitle="Add a contract" title="Add a contract" before={crumb} />
      {partners.data.length === 0 ? (
        <p className="notice notice--warning">
          Add the partner first: <Link to="/partners/new">add a partner</Link>.
        </p>
      ) : (
        <ContractForm
          schema={ContractCreateInput}
          defaultValues={emptyContractForm(partnerId, today)}
          toInput={(values) => ({ partnerId: Number(values.partnerId) || 0, ...contractFieldsInput(values) })}
          onSubmit={(input) => create.mutateAsync(input)}
          onSaved={(contract) =>
            navigate(`/contracts/${contract.id}`, { state: { flash: `Contract ${contract.reference} was added.` } })
          }
          draftKey="contract-new"
          partners={partners.data}
          coaches={coaches.data}
          timeZone={timeZone}
          submitLabel="Add contract"
          onCancel={() => navigate(partnerId ? `/partners/${partnerId}` : '/contracts')}
        />
      )}
    </>
  )
}

export function EditContractPage() {
  const id = Number(useParams().id)
  const contract = useContract(id)
  if (contract.isPending) return <LoadingState what="the contract" />
  if (contract.isError) return <ErrorState error={contract.error} />
  const title = `Edit contract ${contract.data.reference}`
  return (
    <>
      <PageHeader documentTitle={title} title={title} before={crumb} />
      {contract.data.status === 'terminated' ? (
        <p className="notice">This contract was terminated, so it can no longer be changed.</p>
      ) : (
        <EditContractForm contract={contract.data} />
      )}
    </>
  )
}

function EditContractForm({ contract }: { contract: Contract }) {
  const settings = useOfficeSettings()
  const coaches = useCurrentCoaches()
  const update = useUpdateContract()
  const navigate = useNavigate()
  const draftKey = `contract-edit:${contract.id}`
  const restored = useDraftMeta<{ version: number }>(draftKey)
  const version = useRef(restored?.version ?? contract.version)
  const [theirs, setTheirs] = useState<Contract | null>(null)
  const [tookTheirs, setTookTheirs] = useState(false)
  if (coaches.isPending || settings.isPending) return <LoadingState what="the form" />
  if (coaches.isError) return <ErrorState error={coaches.error} />
  // Team members who have left stay ticked (and can be unticked) though they are no longer on the current roster.
  const current = new Set(coaches.data.map((coach) => coach.id))
  const choices = [
    ...coaches.data,
    ...contract.team
      .filter((member) => !current.has(member.coachId))
      .map((member) => ({ id: member.coachId, displayName: `${member.displayName} (${member.status})` })),
  ]
  return (
    <ContractForm
      schema={ContractUpdateInput}
      defaultValues={formFromContract(contract)}
      toInput={(values) => ({ id: contract.id, expectedVersion: version.current, fields: contractFieldsInput(values) })}
      onSubmit={async (input) => {
        try {
          return await update.mutateAsync(input)
        } catch (error) {
          if (!(error instanceof ApiCallError && error.code === 'conflict')) throw error
          setTheirs(await call('contracts.get', { id: contract.id }))
          return NOT_SAVED
        }
      }}
      onSaved={() => navigate(`/contracts/${contract.id}`, { state: { flash: 'Changes saved.' } })}
      draftKey={draftKey}
      draftMeta={{ version: version.current }}
      partners={null}
      coaches={choices}
      timeZone={settings.data?.effectiveTimeZone ?? 'UTC'}
      submitLabel="Save changes"
      onCancel={() => navigate(`/contracts/${contract.id}`)}
    >
      {theirs ? (
        <RecordConflict
          key={theirs.version}
          who="this contract"
          saved={formFromContract(theirs)}
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
    </ContractForm>
  )
}
