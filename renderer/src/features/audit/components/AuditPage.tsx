import { Link, useSearchParams } from 'react-router'
import {
  AUDIT_ACTIONS,
  AUDIT_RECORD_TYPES,
  type AuditAction,
  type AuditEvent,
  type AuditListInput,
  type AuditRecordType,
} from '@shared/domain/audit'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { ErrorState, LoadingState, PageHeader, SelectField, TextField, VirtualRows } from '../../../components/ui'
import { useAccounts } from '../../accounts/api/accounts'
import { useAuditPages } from '../api/audit'

const PAGE_SIZE = 50
const DATE = /^\d{4}-\d{2}-\d{2}$/

function positiveId(value: string | null): number | undefined {
  const id = Number(value)
  return value && Number.isSafeInteger(id) && id > 0 ? id : undefined
}

/** Who did what to which record, newest first. Supervisors only; the main process records it, nobody edits it. */
export function AuditPage() {
  const [params, setParams] = useSearchParams()
  const accounts = useAccounts()
  const filters: Omit<AuditListInput, 'cursor'> = { limit: PAGE_SIZE }
  const accountId = positiveId(params.get('account'))
  const recordId = positiveId(params.get('recordId'))
  const recordType = params.get('recordType')
  const action = params.get('action')
  const from = params.get('from') ?? ''
  const to = params.get('to') ?? ''
  if (accountId) filters.accountId = accountId
  if (recordId) filters.recordId = recordId
  if (recordType && recordType in AUDIT_RECORD_TYPES) filters.recordType = recordType as AuditRecordType
  if (action && action in AUDIT_ACTIONS) filters.action = action as AuditAction
  if (DATE.test(from)) filters.from = from
  if (DATE.test(to)) filters.to = to

  const audit = useAuditPages(filters)
  const events = audit.data?.pages.flatMap((page) => page.items) ?? []

  function update(key: string, value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        if (value) next.set(key, value)
        else next.delete(key)
        return next
      },
      { replace: true },
    )
  }

  const accountOptions: Array<[string, string]> = [
    ['', 'Anyone'],
    ...(accounts.data ?? []).map((account): [string, string] => [
      String(account.id),
      `${account.displayName} (${account.username})`,
    ]),
  ]

  return (
    <>
      <PageHeader documentTitle="Audit log" title="Audit log" />
      <p className="muted">
        Every sign-in, every change and who made it, newest first. The log is written by the app itself and cannot be
        edited.
      </p>
      {/* Filters, not a form: each choice applies at once and is kept in the address. */}
      <div role="search" className="filters" aria-label="Filter the audit log">
        <SelectField
          id="audit-account"
          label="Account"
          value={accountId ? String(accountId) : ''}
          onChange={(v) => update('account', v)}
          options={accountOptions}
        />
        <SelectField
          id="audit-recordType"
          label="Record type"
          value={filters.recordType ?? ''}
          onChange={(v) => update('recordType', v)}
          options={[['', 'Any'], ...Object.entries(AUDIT_RECORD_TYPES)]}
        />
        <SelectField
          id="audit-action"
          label="Action"
          value={filters.action ?? ''}
          onChange={(v) => update('action', v)}
          options={[['', 'Any'], ...Object.entries(AUDIT_ACTIONS)]}
        />
        <TextField id="audit-from" label="From" type="date" value={from} onChange={(v) => update('from', v)} />
        <TextField id="audit-to" label="To" type="date" value={to} onChange={(v) => update('to', v)} />
      </div>
      {recordId ? (
        <p className="notice">
          Showing only {filters.recordType ? AUDIT_RECORD_TYPES[filters.recordType].toLowerCase() : 'record'}{' '}
          {events[0]?.recordName ?? `#${recordId}`}.{' '}
          <button type="button" className="link-button link-button--plain" onClick={() => update('recordId', '')}>
            Show every record
          </button>
        </p>
      ) : null}
      <p role="status" className="muted" aria-live="polite">
        {audit.isSuccess
          ? `${formatNumber(events.length)} ${events.length === 1 ? 'event' : 'events'} shown` +
            (audit.hasNextPage ? ', more to load' : '')
          : ''}
      </p>
      {audit.isPending ? <LoadingState what="the audit log" /> : null}
      {audit.isError ? <ErrorState error={audit.error} /> : null}
      {audit.isSuccess && events.length === 0 ? <p className="empty">No events match these filters.</p> : null}
      {events.length > 0 ? (
        <div className="table-scroll">
          <table className="table table--dense" aria-rowcount={audit.hasNextPage ? -1 : events.length + 1}>
            <caption className="visually-hidden">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Record type</th>
                <th scope="col">Record</th>
                <th scope="col">What changed</th>
              </tr>
            </thead>
            <VirtualRows
              items={events}
              rowKey={(event) => event.id}
              columns={6}
              cells={(event) => (
                <>
                  <th scope="row" className="nowrap">
                    <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                  </th>
                  <td className="cell-text">{event.actor ?? <span className="muted">Nobody signed in</span>}</td>
                  <td>{AUDIT_ACTIONS[event.action]}</td>
                  <td>{AUDIT_RECORD_TYPES[event.recordType]}</td>
                  <td className="cell-text">
                    <RecordCell event={event} />
                  </td>
                  <td className="cell-text">{event.summary ?? <span className="muted">—</span>}</td>
                </>
              )}
            />
          </table>
        </div>
      ) : null}
      {audit.hasNextPage ? (
        <button
          type="button"
          className="button"
          onClick={() => audit.fetchNextPage()}
          disabled={audit.isFetchingNextPage}
        >
          {audit.isFetchingNextPage ? 'Loading…' : 'Load more events'}
        </button>
      ) : null}
    </>
  )
}

/** The record by its name today (a coach's name, an account's), linked where it has a page of its own. */
function RecordCell({ event }: { event: AuditEvent }) {
  if (event.recordId === null) return <span className="muted">—</span>
  const name = event.recordName ?? `#${event.recordId}`
  if (event.recordType === 'coach') return <Link to={`/coaches/${event.recordId}`}>{name}</Link>
  return <>{name}</>
}
