import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { PARTNER_TYPES, type PartnerListInput, type PartnerType } from '@shared/domain/contracts'
import { formatNumber } from '../../../lib/format'
import { ErrorState, LoadingState, PageHeader, SelectField, TextField, VirtualRows } from '../../../components/ui'
import { usePartnerPages } from '../api/contracts'
import { ContractsNav } from './ContractsNav'

/** A text filter kept in the address, sent as the person pauses typing. */
export function useTypedParam(key: string): [typed: string, setTyped: (value: string) => void, applied: string] {
  const [params, setParams] = useSearchParams()
  const applied = params.get(key) ?? ''
  const [typed, setTyped] = useState(applied)
  useEffect(() => {
    if (typed.trim() === applied) return
    const timer = setTimeout(
      () =>
        setParams(
          (current) => {
            const next = new URLSearchParams(current)
            if (typed.trim()) next.set(key, typed.trim())
            else next.delete(key)
            return next
          },
          { replace: true },
        ),
      250,
    )
    return () => clearTimeout(timer)
  }, [typed, applied, key, setParams])
  return [typed, setTyped, applied]
}

/** Sets or clears one filter kept in the address. */
export function useParamSetter() {
  const [, setParams] = useSearchParams()
  return (key: string, value: string) =>
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

export function PartnersPage() {
  const [params] = useSearchParams()
  const set = useParamSetter()
  const [typed, setTyped, search] = useTypedParam('q')
  const type = params.get('type')
  const query: Omit<PartnerListInput, 'after'> = { search, limit: 50 }
  if (type && type in PARTNER_TYPES) query.type = type as PartnerType
  const partners = usePartnerPages(query)
  const items = partners.data?.pages.flatMap((page) => page.items) ?? []
  const total = partners.data?.pages[0]?.total

  return (
    <>
      <PageHeader
        documentTitle="Partners"
        title="Partners"
        before={<ContractsNav />}
        actions={
          <Link className="button button--primary" to="/partners/new">
            Add a partner
          </Link>
        }
      />
      <div role="search" className="filters" aria-label="Find partners">
        <TextField id="partners-search" label="Find by name" type="search" value={typed} onChange={setTyped} />
        <SelectField
          id="partners-type"
          label="Kind"
          value={query.type ?? ''}
          onChange={(value) => set('type', value)}
          options={[['', 'Any kind'], ...Object.entries(PARTNER_TYPES)]}
        />
      </div>
      <p role="status" className="muted" aria-live="polite">
        {total === undefined ? '' : `${formatNumber(total)} ${total === 1 ? 'partner' : 'partners'}`}
      </p>
      {partners.isPending ? <LoadingState what="partners" /> : null}
      {partners.isError ? <ErrorState error={partners.error} /> : null}
      {partners.isSuccess && items.length === 0 ? (
        <p className="empty">{search || query.type ? 'No partners match.' : 'No partners yet.'}</p>
      ) : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="table table--dense" aria-rowcount={(total ?? items.length) + 1}>
            <caption className="visually-hidden">Partners</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Contracts in force</th>
              </tr>
            </thead>
            <VirtualRows
              items={items}
              rowKey={(partner) => partner.id}
              columns={3}
              cells={(partner) => (
                <>
                  <th scope="row" className="cell-text">
                    <Link to={`/partners/${partner.id}`}>{partner.name}</Link>
                  </th>
                  <td>{PARTNER_TYPES[partner.type]}</td>
                  <td>{formatNumber(partner.activeContracts)}</td>
                </>
              )}
            />
          </table>
        </div>
      ) : null}
      {partners.hasNextPage ? (
        <button
          type="button"
          className="button"
          onClick={() => partners.fetchNextPage()}
          disabled={partners.isFetchingNextPage}
        >
          {partners.isFetchingNextPage ? 'Loading…' : 'Show more partners'}
        </button>
      ) : null}
    </>
  )
}
