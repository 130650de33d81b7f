import { Link, useParams, useSearchParams } from 'react-router'
import { RESOURCE_KINDS, type Resource, type ResourceSummary } from '@shared/domain/directory'
import { formatDate } from '../../../lib/format'
import { todayIso } from '../../../lib/dates'
import { formatDay } from '../utils/format'
import { ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import { useOfficeSettings } from '../../settings/api/settings'
import { usePathways, useResource, useResourceSheet } from '../api/directory'
import { describeFilters, filtersFromParams, paramsFromFilters } from '../utils/filters'
import { compactHours, weekLines } from '../utils/hours'
import './directory.css'

/** As many resources as one printed page holds in the list sheet. */
const SHEET_SIZE = 12

function PrintButton() {
  return (
    <button type="button" className="button button--primary" onClick={() => window.print()}>
      Print
    </button>
  )
}

/**
 * What the person being supported takes away: the resource's own details, never the team's (no tips, no coaches'
 * names), with when they were last checked so an old sheet says so.
 */
export function ResourceSheetPage() {
  const id = Number(useParams().id)
  const resource = useResource(id)
  const settings = useOfficeSettings()
  if (resource.isPending) return <LoadingState what="the sheet" />
  if (resource.isError) return <ErrorState error={resource.error} />
  const r = resource.data
  return (
    <>
      <PageHeader
        before={
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <Link to="/directory">Directory</Link> › <Link to={`/directory/${r.id}`}>{r.name}</Link>
          </nav>
        }
        documentTitle={`Sheet: ${r.name}`}
        title="A sheet to hand over"
        actions={<PrintButton />}
      />
      <p className="no-print muted">This is the page as it prints: one sheet, without the team’s tips or names.</p>
      <article className="print-sheet" aria-label={`Printable sheet for ${r.name}`}>
        <SheetResource resource={r} />
        <footer className="print-sheet__footer">
          From {settings.data?.officeName || 'your recovery community organisation'}, {formatDate(todayIso())}. Details
          last checked {formatDay(r.lastCheckedAt)}: call ahead to be sure.
        </footer>
      </article>
    </>
  )
}

function SheetResource({ resource: r }: { resource: Resource }) {
  return (
    <>
      <h2 className="print-sheet__title">{r.name}</h2>
      <p className="print-sheet__kind">{RESOURCE_KINDS[r.kind]}</p>
      {r.description ? <p>{r.description}</p> : null}
      <dl className="print-sheet__details">
        {r.phone ? (
          <>
            <dt>Phone</dt>
            <dd className="print-sheet__phone">{r.phone}</dd>
          </>
        ) : null}
        {r.address ? (
          <>
            <dt>Address</dt>
            <dd>{r.address}</dd>
          </>
        ) : null}
        {r.email ? (
          <>
            <dt>Email</dt>
            <dd>{r.email}</dd>
          </>
        ) : null}
        {r.website ? (
          <>
            <dt>Web</dt>
            <dd>{r.website}</dd>
          </>
        ) : null}
        {r.howToGetIn ? (
          <>
            <dt>How to get in</dt>
            <dd className="prewrap">{r.howToGetIn}</dd>
          </>
        ) : null}
        {r.eligibility ? (
          <>
            <dt>Who it is for</dt>
            <dd className="prewrap">{r.eligibility}</dd>
          </>
        ) : null}
        {r.languages.length ? (
          <>
            <dt>Languages</dt>
            <dd>{r.languages.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {r.hours.length ? (
        <table className="print-sheet__hours">
          <caption>Opening hours</caption>
          <tbody>
            {weekLines(r.hours).map((line) => (
              <tr key={line.day}>
                <th scope="row">{line.day}</th>
                <td>{line.times}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {r.hoursNote ? <p>{r.hoursNote}</p> : null}
    </>
  )
}

/** A filtered list on one sheet: the first dozen, each in a few lines. */
export function ListSheetPage() {
  const [params] = useSearchParams()
  const filters = filtersFromParams(params)
  const sheet = useResourceSheet({ ...filters, limit: SHEET_SIZE })
  const pathways = usePathways()
  const settings = useOfficeSettings()
  const described = describeFilters(filters, (id) => pathways.data?.items.find((p) => p.id === id)?.label)
  const back = paramsFromFilters(filters).toString()
  if (sheet.isPending) return <LoadingState what="the sheet" />
  if (sheet.isError) return <ErrorState error={sheet.error} />
  const { items, total } = sheet.data
  return (
    <>
      <PageHeader
        before={
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <Link to={`/directory${back ? `?${back}` : ''}`}>Directory</Link>
          </nav>
        }
        documentTitle="Sheet: community recovery supports"
        title="A sheet of the list"
        actions={<PrintButton />}
      />
      {total > items.length ? (
        <p className="notice no-print">
          The sheet holds the first {items.length} of {total}. Narrow the list to print the ones you want.
        </p>
      ) : null}
      <article className="print-sheet" aria-label="Printable sheet of the list">
        <h2 className="print-sheet__title">Community recovery supports{described ? `: ${described}` : ''}</h2>
        {items.length === 0 ? <p>No resources match.</p> : null}
        <ol className="print-sheet__list">
          {items.map((r) => (
            <SheetRow key={r.id} resource={r} />
          ))}
        </ol>
        <footer className="print-sheet__footer">
          From {settings.data?.officeName || 'your recovery community organisation'}, {formatDate(todayIso())}. Call
          ahead to be sure of the hours.
        </footer>
      </article>
    </>
  )
}

function SheetRow({ resource: r }: { resource: ResourceSummary }) {
  const hours = compactHours(r.hours)
  return (
    <li className="print-sheet__row">
      <strong>{r.name}</strong> <span className="muted">({RESOURCE_KINDS[r.kind]})</span>
      <br />
      {[r.phone, r.address].filter(Boolean).join(' · ')}
      {hours ? (
        <>
          <br />
          {hours}
        </>
      ) : null}
      {r.howToGetIn ? (
        <>
          <br />
          <span className="print-sheet__how">{r.howToGetIn}</span>
        </>
      ) : null}
    </li>
  )
}
