import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import {
  CAREER_STAGES,
  COACH_STATUSES,
  EMPLOYMENT_TYPES,
  ROSTER_FILTERS,
  ROSTER_SORTS,
  type RosterFilter,
  type RosterSort,
} from '@shared/domain/roster'
import { ErrorState, formatDate, LoadingState, PageHeading, SelectField, TextField } from '../../../app/ui'
import { useCoachWords } from '../../settings/api/settings'
import { useRosterPages } from '../api/roster'

const PAGE_SIZE = 25

function pick<K extends string>(value: string | null, allowed: Record<K, string>, fallback: K): K {
  return value !== null && value in allowed ? (value as K) : fallback
}

export function RosterPage() {
  const words = useCoachWords()
  const [params, setParams] = useSearchParams()
  const filter = pick<RosterFilter>(params.get('show'), ROSTER_FILTERS, 'current')
  const sort = pick<RosterSort>(params.get('sort'), ROSTER_SORTS, 'name')
  const search = params.get('q') ?? ''
  const [typed, setTyped] = useState(search)

  // Search as the person types, without a call per keystroke.
  useEffect(() => {
    if (typed === search) return
    const timer = setTimeout(() => update('q', typed.trim()), 250)
    return () => clearTimeout(timer)
  }, [typed]) // eslint-disable-line react-hooks/exhaustive-deps

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

  const roster = useRosterPages({ search, filter, sort, limit: PAGE_SIZE })
  const coaches = roster.data?.pages.flatMap((page) => page.items) ?? []
  const total = roster.data?.pages[0]?.total

  return (
    <>
      <div className="page-header">
        <PageHeading documentTitle={words.Plural}>{words.Plural}</PageHeading>
        <Link className="button button--primary" to="/coaches/new">
          Add a {words.singular}
        </Link>
      </div>
      <div role="search" className="filters" aria-label={`Find ${words.plural}`}>
        <TextField
          id="roster-search"
          label="Find by name"
          type="search"
          value={typed}
          onChange={setTyped}
          maxLength={100}
        />
        <SelectField
          id="roster-filter"
          label="Show"
          value={filter}
          onChange={(v) => update('show', v === 'current' ? '' : v)}
          options={ROSTER_FILTERS}
        />
        <SelectField
          id="roster-sort"
          label="Sort by"
          value={sort}
          onChange={(v) => update('sort', v === 'name' ? '' : v)}
          options={ROSTER_SORTS}
        />
      </div>
      <p role="status" className="muted" aria-live="polite">
        {total === undefined ? '' : total === 1 ? `1 ${words.singular}` : `${total} ${words.plural}`}
      </p>
      {roster.isPending ? <LoadingState what={words.plural} /> : null}
      {roster.isError ? <ErrorState error={roster.error} /> : null}
      {roster.isSuccess && coaches.length === 0 ? (
        <p className="empty">{search ? `No ${words.plural} match “${search}”.` : `No ${words.plural} to show yet.`}</p>
      ) : null}
      {coaches.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">{words.Plural}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Pronouns</th>
              <th scope="col">Status</th>
              <th scope="col">Employment</th>
              <th scope="col">Career stage</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {coaches.map((coach) => (
              <tr key={coach.id}>
                <th scope="row">
                  <Link to={`/coaches/${coach.id}`}>{coach.displayName}</Link>
                  {coach.displayName !== coach.legalName ? <span className="muted"> ({coach.legalName})</span> : null}
                </th>
                <td>{coach.pronouns ?? ''}</td>
                <td>
                  <span className={`badge badge--${coach.status}`}>{COACH_STATUSES[coach.status]}</span>
                </td>
                <td>{EMPLOYMENT_TYPES[coach.employment]}</td>
                <td>{CAREER_STAGES[coach.careerStage]}</td>
                <td>{formatDate(coach.startDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {roster.hasNextPage ? (
        <button
          type="button"
          className="button"
          onClick={() => roster.fetchNextPage()}
          disabled={roster.isFetchingNextPage}
        >
          {roster.isFetchingNextPage ? 'Loading…' : `Show more ${words.plural}`}
        </button>
      ) : null}
    </>
  )
}
