import { CONTRACT_STATUSES, type ContractStatus } from '@shared/domain/contracts'
import '../contracts.css'

export function ContractStatusBadge({ status, renewalDue }: { status: ContractStatus; renewalDue?: boolean }) {
  return (
    <span className="badges">
      <span className={`badge badge--contract-${status}`}>{CONTRACT_STATUSES[status]}</span>
      {renewalDue ? <span className="badge badge--renewal">Renewal due</span> : null}
    </span>
  )
}
