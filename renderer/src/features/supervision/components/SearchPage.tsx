import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { SEARCH_KINDS } from '@shared/domain/supervision'
import { ErrorState, LoadingState, PageHeader, TextField } from '../../../components/ui'
import { formatDate } from '../../../lib/format'
import { useSearchPages } from '../api/supervision'
import './supervision.css'

/** Full-text search over the notes the viewer may read; hits marked with <mark>, never read as HTML. */
export function SearchPage() {
  // The search is kept in the address (?q=), so Back returns to the same results and a search can be opened directly.
  const [params, setParams] = useSearchParams()
  const initial = params.get('q') ?? ''
  const [typed, setTyped] = useState(initial)
  const [query, setQuery] = useState(initial.trim())
  useEffect(() => {
    const timer = setTimeout(() => {
      const next = typed.trim()
      setQuery(next)
      if ((params.get('q') ?? '') !== next) setParams(next ? { q: next } : {}, { replace: true })
    }, 300)
    return () => clearTimeout(timer)
  }, [typed, params, setParams])
  const pages = useSearchPages(query)
  const hits = pages.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <>
      <PageHeader documentTitle="Search supervision notes" title="Search supervision notes" />
      <div role="search" aria-label="Search supervision notes">
        <TextField id="supervision-search" label="Search the notes" type="search" value={typed} onChange={setTyped} />
      </div>
      <p role="status" className="muted" aria-live="polite">
        {query === ''
          ? 'Type a word to search.'
          : pages.isPending
            ? 'Searching…'
            : `${hits.length}${pages.hasNextPage ? '+' : ''} found`}
      </p>
      {pages.isError ? <ErrorState error={pages.error} /> : null}
      {query !== '' && pages.isPending ? <LoadingState what="the results" /> : null}
      <ol className="stack" aria-label="Search results">
        {hits.map((hit) => (
          <li key={`${hit.kind}-${hit.actionItemId ?? hit.sessionId}`} className="search-hit">
            <p>
              <Link to={`/supervision/sessions/${hit.sessionId}`}>
                {SEARCH_KINDS[hit.kind]}, {formatDate(hit.heldOn)}
                {hit.coachNames.length ? ` (${hit.coachNames.join(', ')})` : ''}
              </Link>
            </p>
            <p>
              {hit.snippet.map((part, i) =>
                part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
              )}
            </p>
          </li>
        ))}
      </ol>
      {pages.hasNextPage ? (
        <button type="button" className="button" onClick={() => void pages.fetchNextPage()}>
          More results
        </button>
      ) : null}
    </>
  )
}
