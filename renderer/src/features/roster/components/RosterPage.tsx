import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import {
  CAREER_STAGES,
  COACH_STATUSES,
  EMPLOYMENT_TYPES,
  ROSTER_FILTERS,
  ROSTER_SORTS,
  WORK_SETTINGS,
  type CoachListInput,
  type RosterFilter,
  type RosterSort,
  type WorkSetting,
} from '@shared/domain/roster'
import { formatDate, formatNumber } from '../../../lib/format'
import { ErrorState, LoadingState, PageHeader, SelectField, TextField, VirtualRows } from '../../../components/ui'
import { useCoachWords } from '../../settings/api/settings'
import { useRosterPages, useSupervisorChoices } from '../api/roster'

const PAGE_SIZE = 25

function pick<K extends string>(value: string | null, allowed: Record<K, string>, fallback: K): K {
  return value !== null && value in allowed ? (value as K) : fallback
}

/** A text filter kept in the address (so Back and a reload keep it), sent as the person pauses typing. */
function useTypedParam(key: string): [typed: string, setTyped: (value: string) => void, applied: string] {
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

export function RosterPage() {
  const words = useCoachWords()
  const [params, setParams] = useSearchParams()
  const filter = pick<RosterFilter>(params.get('show'), ROSTER_FILTERS, 'current')
  const sort = pick<RosterSort>(params.get('sort'), ROSTER_SORTS, 'name')
  const workSetting = params.get('setting')
  const [typedSearch, setTypedSearch, search] = useTypedParam('q')
  const [typedLanguage, setTypedLanguage, language] = useTypedParam('language')
  const supervisor = params.get('supervisor') ?? ''
  const supervisorChoices = useSupervisorChoices().data?.items ?? []

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

  const query: Omit<CoachListInput, 'after'> = { search, filter, sort, limit: PAGE_SIZE }
  if (language) query.language = language
  if (/^\d+$/.test(supervisor)) query.supervisorAccountId = Number(supervisor)
  if (workSetting && workSetting in WORK_SETTINGS) query.workSetting = workSetting as WorkSetting
  const roster = useRosterPages(query)
  const coaches = roster.data?.pages.flatMap((page) => page.items) ?? []
  const total = roster.data?.pages[0]?.total
  const narrowed = Boolean(search || language || supervisor || query.workSetting)
  // Suggestions from the rows already loaded: the languages as the office writes them.
  const knownLanguages = [...new Set(coaches.flatMap((coach) => coach.languages))].sort()

  return (
    <>
      <PageHeader
        documentTitle={words.Plural}
        title={words.Plural}
        actions={
          <Link className="button button--primary" to="/coaches/new">
            Add a {words.singular}
          </Link>
        }
      />
      <div role="search" className="filters" aria-label={`Find ${words.plural}`}>
        <TextField
          id="roster-search"
          label="Find by name, language or supervisor"
          type="search"
          value={typedSearch}
          onChange={setTypedSearch}
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
        <TextField
          id="roster-language"
          label="Speaks"
          value={typedLanguage}
          onChange={setTypedLanguage}
          list="roster-languages"
        />
        <SelectField
          id="roster-setting"
          label="Works in"
          value={query.workSetting ?? ''}
          onChange={(v) => update('setting', v)}
          options={[['', 'Any setting'], ...Object.entries(WORK_SETTINGS)]}
        />
        <SelectField
          id="roster-supervisor"
          label="Supervisor"
          value={supervisor}
          onChange={(v) => update('supervisor', v)}
          options={[
            ['', 'Any supervisor'],
            ...supervisorChoices.map((s): [string, string] => [String(s.id), s.displayName]),
          ]}
        />
        <datalist id="roster-languages">
          {knownLanguages.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <p role="status" className="muted" aria-live="polite">
        {total === undefined ? '' : `${formatNumber(total)} ${total === 1 ? words.singular : words.plural}`}
      </p>
      {roster.isPending ? <LoadingState what={words.plural} /> : null}
      {roster.isError ? <ErrorState error={roster.error} /> : null}
      {roster.isSuccess && coaches.length === 0 ? (
        <p className="empty">
          {search
            ? `No ${words.plural} match “${search}”.`
            : narrowed
              ? `No ${words.plural} match these filters.`
              : `No ${words.plural} to show yet.`}
        </p>
      ) : null}
      {coaches.length > 0 ? (
        <div className="table-scroll">
          <table className="table table--dense" aria-rowcount={(total ?? coaches.length) + 1}>
            <caption className="visually-hidden">{words.Plural}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Employment</th>
                <th scope="col">Career stage</th>
                <th scope="col">Languages</th>
                <th scope="col">Supervisor</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <VirtualRows
              items={coaches}
              rowKey={(coach) => coach.id}
              columns={7}
              cells={(coach) => (
                <>
                  <th scope="row" className="cell-text">
                    <Link to={`/coaches/${coach.id}`}>{coach.displayName}</Link>
                    {coach.displayName !== coach.legalName ? <span className="muted"> ({coach.legalName})</span> : null}
                    {coach.pronouns ? <span className="cell-note">{coach.pronouns}</span> : null}
                  </th>
                  <td>
                    <span className={`badge badge--${coach.status}`}>{COACH_STATUSES[coach.status]}</span>
                  </td>
                  <td className="nowrap">{EMPLOYMENT_TYPES[coach.employment]}</td>
                  <td>{CAREER_STAGES[coach.careerStage]}</td>
                  <td className="cell-text">{coach.languages.join(', ')}</td>
                  <td className="cell-text">{coach.supervisorName ?? ''}</td>
                  <td className="nowrap">{formatDate(coach.startDate)}</td>
                </>
              )}
            />
          </table>
        </div>
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
