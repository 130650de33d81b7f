import { Link, useSearchParams } from 'react-router'
import { DISPATCH_STATES, type DispatchListInput, type DispatchState } from '@shared/domain/dispatches'
import { ErrorState, LoadingState, PageHeader, SelectField, TextField } from '../../../components/ui'
import { may, useCurrentUser } from '../../auth/session'
import { useOfficeSettings } from '../../settings/api/settings'
import { useContractChoices, useCurrentCoaches } from '../../contracts/api/contracts'
import { ContractsNav } from '../../contracts/components/ContractsNav'
import { useParamSetter } from '../../contracts/components/PartnersPage'
import { useDispatchPages } from '../api/dispatches'
import { DispatchRows } from './DispatchRows'

const PAGE_SIZE = 50

const idParam = (text: string | null) => {
  const id = Number(text)
  return Number.isSafeInteger(id) && id > 0 ? id : undefined
}
const dateParam = (text: string | null) => (text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined)

/** The dispatch log for staff; "My dispatches" for a coach (the main process gives a coach only their own). */
export function DispatchLogPage() {
  const user = useCurrentUser()
  const staff = may(user, 'dispatches.create')
  const settings = useOfficeSettings()
  const timeZone = settings.data?.effectiveTimeZone ?? 'UTC'
  const [params] = useSearchParams()
  const set = useParamSetter()
  const contracts = useContractChoices('all')
  const coaches = useCurrentCoaches()
  const stateParam = params.get('state')
  const filters: Omit<DispatchListInput, 'after'> = {
    state: stateParam && stateParam in DISPATCH_STATES ? (stateParam as DispatchState) : 'all',
    limit: PAGE_SIZE,
  }
  const contractId = idParam(params.get('contract'))
  const coachId = staff ? idParam(params.get('coach')) : undefined
  const from = dateParam(params.get('from'))
  const to = dateParam(params.get('to'))
  if (contractId) filters.contractId = contractId
  if (coachId) filters.coachId = coachId
  if (from) filters.from = from
  if (to) filters.to = to
  const badRange = Boolean(from && to && to < from)
  const log = useDispatchPages(filters, !badRange)
  const items = log.data?.pages.flatMap((page) => page.items) ?? []
  const title = staff ? 'Dispatch log' : 'My dispatches'

  return (
    <>
      <PageHeader
        documentTitle={title}
        title={title}
        before={staff ? <ContractsNav /> : undefined}
        actions={
          staff ? (
            <Link
              className="button button--primary"
              to={contractId ? `/dispatches/new?contract=${contractId}` : '/dispatches/new'}
            >
              Log a request
            </Link>
          ) : undefined
        }
      />
      {!staff ? <p className="lead">The requests you were sent to. Times are in office time ({timeZone}).</p> : null}
      <div role="search" className="filters" aria-label="Filter the log">
        <SelectField
          id="log-contract"
          label="Contract"
          value={contractId ? String(contractId) : ''}
          onChange={(value) => set('contract', value)}
          options={[
            ['', 'Every contract'],
            ...(contracts.data ?? []).map((c) => [String(c.id), `${c.reference} (${c.partnerName})`] as const),
          ]}
        />
        {staff ? (
          <SelectField
            id="log-coach"
            label="Coach"
            value={coachId ? String(coachId) : ''}
            onChange={(value) => set('coach', value)}
            options={[['', 'Every coach'], ...(coaches.data ?? []).map((c) => [String(c.id), c.displayName] as const)]}
          />
        ) : null}
        <SelectField
          id="log-state"
          label="Show"
          value={filters.state ?? 'all'}
          onChange={(value) => set('state', value === 'all' ? '' : value)}
          options={DISPATCH_STATES}
        />
        <TextField id="log-from" label="From" type="date" value={from ?? ''} onChange={(value) => set('from', value)} />
        <TextField
          id="log-to"
          label="To"
          type="date"
          value={to ?? ''}
          onChange={(value) => set('to', value)}
          error={badRange ? 'To must not be before From' : undefined}
        />
      </div>
      {log.isPending && !badRange ? <LoadingState what="the log" /> : null}
      {log.isError ? <ErrorState error={log.error} /> : null}
      {log.isSuccess && items.length === 0 ? <p className="empty">No dispatches match.</p> : null}
      {items.length > 0 ? <DispatchRows items={items} timeZone={timeZone} caption={title} showCoach={staff} /> : null}
      {log.hasNextPage ? (
        <button type="button" className="button" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {log.isFetchingNextPage ? 'Loading…' : 'Show older dispatches'}
        </button>
      ) : null}
    </>
  )
}
