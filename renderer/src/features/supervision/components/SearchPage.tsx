import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { SEARCH_KINDS } from '@shared/domain/supervision'
import { ErrorState, LoadingState, PageHeader, TextField } from '../../../components/ui'
import { formatDate } from '../../../lib/format'
import { useSearchPages } from '../api/supervision'
import './supervision.css'

/** Full-text search over the notes the viewer may read; hits marked with <mark>, never read as HTML. */
export function SearchPage() {
  const [typed, setTyped] = useState('')
  const [query, setQuery] = useState('')
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), 300)
    return () => clearTimeout(timer)
  }, [typed])
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
      <ol className="stack">
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
