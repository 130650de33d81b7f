import { Link, useSearchParams } from 'react-router'
import { CONTRACT_FILTERS, type ContractFilter, type ContractSummary } from '@shared/domain/contracts'
import { formatDate } from '../../../lib/format'
import { ErrorState, LoadingState, PageHeader, SelectField, TextField, VirtualRows } from '../../../components/ui'
import { may, useCurrentUser } from '../../auth/session'
import { useContractPages } from '../api/contracts'
import { ContractsNav } from './ContractsNav'
import { ContractStatusBadge } from './ContractStatusBadge'
import { useParamSetter, useTypedParam } from './PartnersPage'

/** A table of contracts: the list page's, a partner's and a coach's. */
export function ContractRows({
  items,
  caption,
  showPartner = true,
}: {
  items: readonly ContractSummary[]
  caption: string
  showPartner?: boolean
}) {
  return (
    <div className="table-scroll">
      <table className="table table--dense" aria-rowcount={items.length + 1}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Title</th>
            {showPartner ? <th scope="col">Partner</th> : null}
            <th scope="col">Status</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <VirtualRows
          items={items}
          rowKey={(contract) => contract.id}
          columns={showPartner ? 6 : 5}
          cells={(contract) => (
            <>
              <th scope="row" className="nowrap">
                <Link to={`/contracts/${contract.id}`}>{contract.reference}</Link>
              </th>
              <td className="cell-text">{contract.title}</td>
              {showPartner ? <td className="cell-text">{contract.partnerName}</td> : null}
              <td>
                <ContractStatusBadge status={contract.status} renewalDue={contract.renewalDue} />
              </td>
              <td className="nowrap">{formatDate(contract.startDate)}</td>
              <td className="nowrap">{formatDate(contract.endDate)}</td>
            </>
          )}
        />
      </table>
    </div>
  )
}

export function ContractsPage() {
  const user = useCurrentUser()
  const [params] = useSearchParams()
  const set = useParamSetter()
  const [typed, setTyped, search] = useTypedParam('q')
  const shown = params.get('show')
  const filter: ContractFilter = shown && shown in CONTRACT_FILTERS ? (shown as ContractFilter) : 'current'
  const contracts = useContractPages({ search, filter, limit: 50 })
  const items = contracts.data?.pages.flatMap((page) => page.items) ?? []
  const staff = may(user, 'contracts.create')
  return (
    <>
      <PageHeader
        documentTitle={staff ? 'Contracts' : 'My contracts'}
        title={staff ? 'Contracts' : 'My contracts'}
        before={staff ? <ContractsNav /> : undefined}
        actions={
          staff ? (
            <Link className="button button--primary" to="/contracts/new">
              Add a contract
            </Link>
          ) : undefined
        }
      />
      {!staff ? <p className="lead">The contracts you are on the team for. Ask a coordinator to change them.</p> : null}
      <div role="search" className="filters" aria-label="Find contracts">
        <TextField
          id="contracts-search"
          label="Find by reference, title or partner"
          type="search"
          value={typed}
          onChange={setTyped}
        />
        <SelectField
          id="contracts-filter"
          label="Show"
          value={filter}
          onChange={(value) => set('show', value === 'current' ? '' : value)}
          options={CONTRACT_FILTERS}
        />
      </div>
      {contracts.isPending ? <LoadingState what="contracts" /> : null}
      {contracts.isError ? <ErrorState error={contracts.error} /> : null}
      {contracts.isSuccess && items.length === 0 ? (
        <p className="empty">{search ? `No contracts match “${search}”.` : 'No contracts to show.'}</p>
      ) : null}
      {items.length > 0 ? <ContractRows items={items} caption="Contracts" /> : null}
      {contracts.hasNextPage ? (
        <button
          type="button"
          className="button"
          onClick={() => contracts.fetchNextPage()}
          disabled={contracts.isFetchingNextPage}
        >
          {contracts.isFetchingNextPage ? 'Loading…' : 'Show more contracts'}
        </button>
      ) : null}
    </>
  )
}
