import { useRef, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { PartnerFields, PartnerUpdateInput, type Partner } from '@shared/domain/contracts'
import { ApiCallError, call } from '../../../lib/api'
import { DoneNotice, ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import { NOT_SAVED, useDraftMeta } from '../../../components/ui/form'
import { useCreatePartner, usePartner, useUpdatePartner } from '../api/contracts'
import { emptyPartnerForm, formFromPartner, partnerFieldsInput } from '../utils/partnerForm'
import { PartnerForm } from './PartnerForm'
import { RecordConflict } from './RecordConflict'

const crumb = (
  <nav aria-label="Breadcrumb" className="breadcrumb">
    <Link to="/partners">Partners</Link>
  </nav>
)

export function NewPartnerPage() {
  const create = useCreatePartner()
  const navigate = useNavigate()
  return (
    <>
      <PageHeader documentTitle="Add a partner" title="Add a partner" before={crumb} />
      <PartnerForm
        schema={PartnerFields}
        defaultValues={emptyPartnerForm()}
        toInput={partnerFieldsInput}
        onSubmit={(input) => create.mutateAsync(input)}
        onSaved={(partner) => navigate(`/partners/${partner.id}`, { state: { flash: `${partner.name} was added.` } })}
        draftKey="partner-new"
        submitLabel="Add partner"
        onCancel={() => navigate('/partners')}
      />
    </>
  )
}

export function EditPartnerPage() {
  const id = Number(useParams().id)
  const partner = usePartner(id)
  if (partner.isPending) return <LoadingState what="the partner" />
  if (partner.isError) return <ErrorState error={partner.error} />
  return (
    <>
      <PageHeader documentTitle={`Edit ${partner.data.name}`} title={`Edit ${partner.data.name}`} before={crumb} />
      <EditPartnerForm partner={partner.data} />
    </>
  )
}

function EditPartnerForm({ partner }: { partner: Partner }) {
  const update = useUpdatePartner()
  const navigate = useNavigate()
  const draftKey = `partner-edit:${partner.id}`
  const restored = useDraftMeta<{ version: number }>(draftKey)
  const version = useRef(restored?.version ?? partner.version)
  const [theirs, setTheirs] = useState<Partner | null>(null)
  const [tookTheirs, setTookTheirs] = useState(false)
  return (
    <PartnerForm
      schema={PartnerUpdateInput}
      defaultValues={formFromPartner(partner)}
      toInput={(values) => ({ id: partner.id, expectedVersion: version.current, fields: partnerFieldsInput(values) })}
      onSubmit={async (input) => {
        try {
          return await update.mutateAsync(input)
        } catch (error) {
          if (!(error instanceof ApiCallError && error.code === 'conflict')) throw error
          setTheirs(await call('partners.get', { id: partner.id }))
          return NOT_SAVED
        }
      }}
      onSaved={() => navigate(`/partners/${partner.id}`, { state: { flash: 'Changes saved.' } })}
      draftKey={draftKey}
      draftMeta={{ version: version.current }}
      submitLabel="Save changes"
      onCancel={() => navigate(`/partners/${partner.id}`)}
    >
      {theirs ? (
        <RecordConflict
          key={theirs.version}
          who="this partner"
          saved={formFromPartner(theirs)}
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
    </PartnerForm>
  )
}
