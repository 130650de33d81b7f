import { useEffect, useRef, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { useVirtualizer } from '@tanstack/react-virtual'
import { RESOURCE_KINDS, RESOURCE_SORTS, type ResourceSummary } from '@shared/domain/directory'
import { DOMAINS } from '@shared/domain/domains'
import { formatNumber } from '../../../lib/format'
import { formatDay } from '../utils/format'
import { Checkbox, ErrorState, LoadingState, PageHeader, SelectField, TextField } from '../../../components/ui'
import { usePathways, useResourcePages, useStaleCount } from '../api/directory'
import { describeFilters, filtersFromParams, paramsFromFilters } from '../utils/filters'
import { compactHours, openNowLabel } from '../utils/hours'
import { PathwaysPanel } from './PathwaysPanel'
import './directory.css'

const PAGE_SIZE = 25

/** A text filter kept in the address, sent as the person pauses typing. */
function useTypedParam(key: string): [typed: string, setTyped: (value: string) => void] {
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
      200,
    )
    return () => clearTimeout(timer)
  }, [typed, applied, key, setParams])
  return [typed, setTyped]
}

export function DirectoryPage() {
  const [params, setParams] = useSearchParams()
  const filters = filtersFromParams(params)
  const [typedSearch, setTypedSearch] = useTypedParam('q')
  const [typedLanguage, setTypedLanguage] = useTypedParam('language')
  const pathways = usePathways()
  const stale = useStaleCount()
  const list = useResourcePages({ ...filters, limit: PAGE_SIZE })
  const items = list.data?.pages.flatMap((page) => page.items) ?? []
  const first = list.data?.pages[0]
  const pathwayLabel = (id: number) => pathways.data?.items.find((p) => p.id === id)?.label

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
  const narrowed = describeFilters(filters, pathwayLabel)
  const printParams = paramsFromFilters(filters).toString()

  return (
    <>
      <PageHeader
        documentTitle="Directory"
        title="Directory of recovery supports"
        actions={
          <>
            <Link className="button" to={`/directory/print${printParams ? `?${printParams}` : ''}`}>
              Print this list
            </Link>
            <Link className="button button--primary" to="/directory/new">
              Add a resource
            </Link>
          </>
        }
      />
      {stale.data && !filters.staleOnly ? (
        <p className="notice">
          {formatNumber(stale.data)} {stale.data === 1 ? 'resource has' : 'resources have'} not been checked for six
          months. <Link to="/directory?stale=1&sort=last_checked">Help check them</Link>
        </p>
      ) : null}
      <div role="search" className="filters" aria-label="Find a resource">
        <TextField
          id="directory-search"
          label="Search names, descriptions and tips"
          type="search"
          value={typedSearch}
          onChange={setTypedSearch}
          wide
        />
        <SelectField
          id="directory-kind"
          label="Kind of support"
          value={filters.kind ?? ''}
          onChange={(v) => update('kind', v)}
          options={[['', 'Any kind'], ...Object.entries(RESOURCE_KINDS)]}
        />
        <SelectField
          id="directory-pathway"
          label="Pathway"
          value={filters.pathwayId ? String(filters.pathwayId) : ''}
          onChange={(v) => update('pathway', v)}
          options={[['', 'Any pathway'], ...(pathways.data?.items ?? []).map((p) => [String(p.id), p.label] as const)]}
        />
        <SelectField
          id="directory-domain"
          label="Domain it builds"
          value={filters.domain ?? ''}
          onChange={(v) => update('domain', v)}
          options={[['', 'Any domain'], ...Object.entries(DOMAINS)]}
        />
        <TextField id="directory-language" label="Language" value={typedLanguage} onChange={setTypedLanguage} />
        <SelectField
          id="directory-sort"
          label="Sort by"
          value={filters.sort ?? 'name'}
          onChange={(v) => update('sort', v === 'name' ? '' : v)}
          options={RESOURCE_SORTS}
          hint={filters.search ? 'A search shows the best matches first' : undefined}
        />
        <Checkbox
          id="directory-open"
          label="Open now"
          checked={filters.openNow === true}
          onChange={(on) => update('open', on ? '1' : '')}
        />
        <Checkbox
          id="directory-stale"
          label="Not checked for six months"
          checked={filters.staleOnly === true}
          onChange={(on) => update('stale', on ? '1' : '')}
        />
      </div>
      <p role="status" className="muted" aria-live="polite">
        {first === undefined
          ? ''
          : `${formatNumber(first.total)} ${first.total === 1 ? 'resource' : 'resources'}${narrowed ? `: ${narrowed}` : ''}${first.order === 'relevance' && first.total > 1 ? ', best match first' : ''}`}
      </p>
      {list.isPending ? <LoadingState what="the directory" /> : null}
      {list.isError ? <ErrorState error={list.error} /> : null}
      {list.isSuccess && items.length === 0 ? (
        <p className="empty">
          {narrowed
            ? 'No resources match. Try fewer words or filters.'
            : 'The directory is empty. Add the first resource.'}
        </p>
      ) : null}
      {items.length > 0 ? (
        <ResourceList
          items={items}
          total={first?.total ?? items.length}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          loadMore={() => void list.fetchNextPage()}
        />
      ) : null}
      <PathwaysPanel />
    </>
  )
}

/** The results, virtualised so a long directory scrolls as smoothly as a short one; more pages load near the end. */
function ResourceList({
  items,
  total,
  hasMore,
  loadingMore,
  loadMore,
}: {
  items: ResourceSummary[]
  total: number
  hasMore: boolean
  loadingMore: boolean
  loadMore(): void
}) {
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 132,
    overscan: 6,
    getItemKey: (index) => items[index]!.id,
  })
  const rows = virtualizer.getVirtualItems()
  const lastShown = rows[rows.length - 1]?.index ?? 0
  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= items.length - 4) loadMore()
  }, [hasMore, loadingMore, lastShown, items.length, loadMore])

  return (
    <>
      <div className="resource-list" ref={scroller} tabIndex={-1}>
        <ul className="resource-list__inner" aria-label="Resources" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const resource = items[row.index]!
            return (
              <li
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className="resource-list__item"
                style={{ transform: `translateY(${row.start}px)` }}
                aria-setsize={total}
                aria-posinset={row.index + 1}
              >
                <ResourceCard resource={resource} />
              </li>
            )
          })}
        </ul>
      </div>
      {hasMore ? (
        <button type="button" className="button" onClick={loadMore} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Show more resources'}
        </button>
      ) : null}
    </>
  )
}

function ResourceCard({ resource: r }: { resource: ResourceSummary }) {
  const hours = compactHours(r.hours)
  return (
    <article className="resource-card" aria-labelledby={`resource-${r.id}-name`}>
      <h2 className="resource-card__name" id={`resource-${r.id}-name`}>
        <Link to={`/directory/${r.id}`}>{r.name}</Link>
      </h2>
      <p className="resource-card__badges">
        <span className="badge">{RESOURCE_KINDS[r.kind]}</span>
        {r.openNow !== null ? (
          <span className={r.openNow ? 'badge badge--active' : 'badge badge--left'}>{openNowLabel(r.openNow)}</span>
        ) : null}
        {r.stale ? <span className="badge badge--on_leave">Not checked since {formatDay(r.lastCheckedAt)}</span> : null}
      </p>
      {r.description ? <p className="resource-card__text">{r.description}</p> : null}
      <p className="resource-card__meta muted">
        {[
          r.phone,
          hours,
          r.languages.length ? r.languages.join(', ') : null,
          r.pathways.length ? r.pathways.map((p) => p.label).join(', ') : null,
          r.tipCount ? `${r.tipCount} ${r.tipCount === 1 ? 'tip' : 'tips'}` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
    </article>
  )
}
