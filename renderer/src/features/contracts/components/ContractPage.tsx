import { useState } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import { BILLING_BASES, CURRENCIES, ContractTerminateInput, formatMinor, type Contract } from '@shared/domain/contracts'
import { addDays, describeWindow } from '@shared/domain/coverage'
import { formatDate } from '../../../lib/format'
import { Dialog, DoneNotice, ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import { Form, FormTextField, SubmitButton } from '../../../components/ui/form'
import { may, useCurrentUser } from '../../auth/session'
import { useOfficeSettings } from '../../settings/api/settings'
import { ExportDispatches } from '../../dispatches/components/ExportDispatches'
import { officeDateTime } from '../../dispatches/utils/officeTime'
import { useContract, useTerminateContract } from '../api/contracts'
import { ContractStatusBadge } from './ContractStatusBadge'

export function ContractPage() {
  const id = Number(useParams().id)
  const contract = useContract(id)
  const settings = useOfficeSettings()
  const user = useCurrentUser()
  const location = useLocation()
  const [flash, setFlash] = useState<string | undefined>((location.state as { flash?: string } | null)?.flash)
  const [terminating, setTerminating] = useState(false)
  const staff = may(user, 'contracts.update')
  const crumb = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to="/contracts">{staff ? 'Contracts' : 'My contracts'}</Link>
    </nav>
  )
  if (contract.isPending) return <LoadingState what="the contract" />
  if (contract.isError) return <ErrorState error={contract.error} />
  const c = contract.data
  const timeZone = settings.data?.effectiveTimeZone ?? 'UTC'
  const today = officeDateTime(new Date().toISOString(), timeZone).date
  const open = c.status === 'active'
  return (
    <>
      <PageHeader
        documentTitle={`Contract ${c.reference}`}
        title={`${c.reference}: ${c.title}`}
        before={crumb}
        actions={
          staff ? (
            <>
              {open && may(user, 'dispatches.create') ? (
                <Link className="button button--primary" to={`/dispatches/new?contract=${c.id}`}>
                  Log a request
                </Link>
              ) : null}
              {c.status !== 'terminated' ? (
                <Link className="button" to={`/contracts/${c.id}/edit`}>
                  Edit contract
                </Link>
              ) : null}
              {c.status !== 'terminated' && may(user, 'contracts.terminate') ? (
                <button type="button" className="button button--danger" onClick={() => setTerminating(true)}>
                  Terminate…
                </button>
              ) : null}
            </>
          ) : undefined
        }
      />
      {flash ? (
        <DoneNotice key={flash}>
          <p>{flash}</p>
        </DoneNotice>
      ) : null}
      {c.renewalDue ? (
        <p className="notice notice--warning" role="note">
          Renewal due: this contract ends on {formatDate(c.endDate)} and its {c.renewalNoticeDays}-day notice period
          began on {formatDate(c.noticeFrom)}. Decide whether to renew it.
        </p>
      ) : null}
      {c.status === 'terminated' ? (
        <p className="notice notice--error" role="note">
          Terminated on {formatDate(c.terminatedOn!)}: {c.terminationReason}
        </p>
      ) : null}
      <div className="columns">
        <section aria-labelledby="contract-terms" className="card">
          <h2 id="contract-terms">Terms</h2>
          <dl className="details">
            <dt>Status</dt>
            <dd>
              <ContractStatusBadge status={c.status} renewalDue={c.renewalDue} />
            </dd>
            <dt>Partner</dt>
            <dd>{staff ? <Link to={`/partners/${c.partnerId}`}>{c.partnerName}</Link> : c.partnerName}</dd>
            <dt>In force</dt>
            <dd>
              {formatDate(c.startDate)} to {formatDate(c.endDate)}
            </dd>
            <dt>Renewal notice</dt>
            <dd>
              {c.renewalNoticeDays} days (from {formatDate(c.noticeFrom)})
            </dd>
            {c.valueMinor !== null ? (
              <>
                <dt>Value</dt>
                <dd>
                  {formatMinor(c.valueMinor, c.currency)} {c.currency}{' '}
                  <span className="muted">({CURRENCIES[c.currency]})</span>
                </dd>
              </>
            ) : null}
            {c.billingBasis !== null ? (
              <>
                <dt>Billing</dt>
                <dd>{BILLING_BASES[c.billingBasis]}</dd>
              </>
            ) : null}
            <dt>Target to arrival</dt>
            <dd>{c.targetMinutes} minutes</dd>
            <dt>Expected a month</dt>
            <dd>{c.expectedPerMonth} dispatches</dd>
          </dl>
        </section>
        <section aria-labelledby="contract-coverage" className="card">
          <h2 id="contract-coverage">Coverage</h2>
          {c.coverage.length === 0 ? (
            <p>At all hours.</p>
          ) : (
            <ul>
              {c.coverage.map((window, index) => (
                <li key={index}>{describeWindow(window)}</li>
              ))}
            </ul>
          )}
          <p className="muted">In office time ({timeZone}).</p>
          <h2 id="contract-team">Team</h2>
          {c.team.length === 0 ? (
            <p className="muted">No coaches on the team yet.</p>
          ) : (
            <ul aria-labelledby="contract-team">
              {c.team.map((member) => (
                <li key={member.coachId}>
                  {staff ? <Link to={`/coaches/${member.coachId}`}>{member.displayName}</Link> : member.displayName}
                  {member.status !== 'active' ? (
                    <span className="muted"> ({member.status.replace('_', ' ')})</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <p className="section-gap">
        <Link to={`/dispatches?contract=${c.id}`}>
          {staff ? 'This contract’s dispatches' : 'My dispatches under it'}
        </Link>
        {may(user, 'contracts.dashboard') ? (
          <>
            {' · '}
            <Link to={`/contracts/dashboard?contract=${c.id}`}>Its figures on the dashboard</Link>
          </>
        ) : null}
      </p>
      {may(user, 'dispatches.export') ? (
        <ExportDispatches
          contractId={c.id}
          from={c.startDate > addDays(today, -365) ? c.startDate : addDays(today, -365)}
          to={c.endDate < today ? c.endDate : today}
        />
      ) : null}
      {terminating ? (
        <TerminateDialog
          contract={c}
          today={today}
          onClose={() => setTerminating(false)}
          onDone={() => {
            setTerminating(false)
            setFlash('The contract was terminated.')
          }}
        />
      ) : null}
    </>
  )
}

function TerminateDialog({
  contract,
  today,
  onClose,
  onDone,
}: {
  contract: Contract
  today: string
  onClose(): void
  onDone(): void
}) {
  const terminate = useTerminateContract()
  return (
    <Dialog title={`Terminate contract ${contract.reference}?`} onClose={onClose}>
      <p>
        A terminated contract is closed for good: no request can be logged under it from that day, and it cannot be
        changed again. Its dispatches stay in the log.
      </p>
      <Form
        idPrefix="terminate-"
        schema={ContractTerminateInput}
        defaultValues={{ terminatedOn: today, reason: '' }}
        toInput={(values) => ({ id: contract.id, expectedVersion: contract.version, ...values })}
        onSubmit={(input) => terminate.mutateAsync(input)}
        onSaved={onDone}
      >
        <FormTextField name="terminatedOn" label="Termination date" type="date" required />
        <FormTextField name="reason" label="Reason" required />
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            Keep the contract
          </button>
          <SubmitButton className="button button--danger" busyLabel="Terminating…">
            Terminate contract
          </SubmitButton>
        </div>
      </Form>
    </Dialog>
  )
}
