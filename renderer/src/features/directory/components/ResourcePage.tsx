import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Link, useLocation, useParams } from 'react-router'
import { RESOURCE_KINDS, ResourceTipInput, TIP_MAX_LENGTH, type Resource } from '@shared/domain/directory'
import { DOMAINS } from '@shared/domain/domains'
import { ApiCallError } from '../../../lib/api'
import { formatDateTime } from '../../../lib/format'
import { formatDay } from '../utils/format'
import { DoneNotice, ErrorState, LoadingState, PageHeader, PageHeading } from '../../../components/ui'
import { Form, SubmitButton } from '../../../components/ui/form'
import { useAddTip, useCheckResource, useResource } from '../api/directory'
import { openNowLabel, weekLines } from '../utils/hours'
import { ExternalLink } from './ExternalLink'
import { FormTextArea } from './fields'
import './directory.css'

const toDirectory = (
  <nav aria-label="Breadcrumb" className="breadcrumb">
    <Link to="/directory">Directory</Link>
  </nav>
)

export function ResourcePage() {
  const id = Number(useParams().id)
  const resource = useResource(id)
  const flash = (useLocation().state as { flash?: string } | null)?.flash
  if (resource.isPending) return <LoadingState what="the resource" />
  if (resource.isError) {
    return (
      <>
        {toDirectory}
        <PageHeading documentTitle="Not found">Resource not found</PageHeading>
        <ErrorState error={resource.error} />
      </>
    )
  }
  const r = resource.data
  return (
    <>
      <PageHeader
        before={toDirectory}
        documentTitle={r.name}
        title={r.name}
        actions={
          <>
            <Link className="button" to={`/directory/${r.id}/print`}>
              Print a sheet
            </Link>
            <Link className="button" to={`/directory/${r.id}/history`}>
              History
            </Link>
            <Link className="button button--primary" to={`/directory/${r.id}/edit`}>
              Edit details
            </Link>
          </>
        }
      />
      {flash ? (
        <p role="status" className="notice notice--success">
          {flash}
        </p>
      ) : null}
      <p className="resource-card__badges">
        <span className="badge">{RESOURCE_KINDS[r.kind]}</span>
        <span className={r.openNow ? 'badge badge--active' : 'badge badge--left'}>{openNowLabel(r.openNow)}</span>
        {r.stale ? <span className="badge badge--on_leave">Not checked for six months</span> : null}
      </p>
      {r.description ? <p className="lead">{r.description}</p> : null}
      <div className="columns">
        <div className="stack">
          <section aria-labelledby="contact-heading" className="card">
            <h2 id="contact-heading">Contact</h2>
            <dl className="details">
              <dt>Phone</dt>
              <dd>{r.phone ?? '—'}</dd>
              <dt>Email</dt>
              <dd>{r.email ?? '—'}</dd>
              <dt>Web</dt>
              <dd>{r.website ? <ExternalLink href={r.website} /> : '—'}</dd>
              <dt>Address</dt>
              <dd>{r.address ?? '—'}</dd>
            </dl>
          </section>
          <section aria-labelledby="hours-heading" className="card">
            <h2 id="hours-heading">Opening hours</h2>
            {r.hours.length ? (
              <table className="table table--dense">
                <caption className="visually-hidden">Opening hours, local time</caption>
                <tbody>
                  {weekLines(r.hours).map((line) => (
                    <tr key={line.day}>
                      <th scope="row">{line.day}</th>
                      <td>{line.times}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">The hours are not known.</p>
            )}
            {r.hoursNote ? <p>{r.hoursNote}</p> : null}
          </section>
        </div>
        <div className="stack">
          <section aria-labelledby="getting-in-heading" className="card">
            <h2 id="getting-in-heading">Getting someone in</h2>
            <dl className="details">
              <dt>How</dt>
              <dd className="prewrap">{r.howToGetIn ?? '—'}</dd>
              <dt>Who is eligible</dt>
              <dd className="prewrap">{r.eligibility ?? '—'}</dd>
              <dt>Languages</dt>
              <dd>{r.languages.join(', ') || '—'}</dd>
              <dt>Pathways</dt>
              <dd>{r.pathways.map((p) => p.label).join(', ') || '—'}</dd>
              <dt>Domains it builds</dt>
              <dd>{r.domains.map((d) => DOMAINS[d]).join(', ') || '—'}</dd>
              <dt>Coaches with a connection</dt>
              <dd>{r.connections.map((c) => c.displayName).join(', ') || 'None yet'}</dd>
            </dl>
          </section>
          <CheckSection resource={r} />
        </div>
      </div>
      <TipsSection resource={r} />
    </>
  )
}

/** Marking it checked: the person called or visited and the details are right, as of the version they read. */
function CheckSection({ resource: r }: { resource: Resource }) {
  const check = useCheckResource()
  const queryClient = useQueryClient()
  const [done, setDone] = useState(0)
  const failure = check.error instanceof ApiCallError ? check.error.message : check.error ? String(check.error) : null
  return (
    <section aria-labelledby="checked-heading" className="card">
      <h2 id="checked-heading">Checked</h2>
      <p>
        Last checked {formatDay(r.lastCheckedAt)}
        {r.lastCheckedBy ? ` by ${r.lastCheckedBy}` : ''}.
        {r.stale ? ' That is six months or more ago: please check these details.' : ''}
      </p>
      {done ? (
        <DoneNotice key={done}>
          <p>Marked as checked today. Thank you.</p>
        </DoneNotice>
      ) : null}
      {failure ? (
        <div role="alert" className="notice notice--error">
          <p>{failure}</p>
        </div>
      ) : null}
      <button
        type="button"
        className="button"
        disabled={check.isPending}
        onClick={() =>
          check.mutate(
            { id: r.id, expectedVersion: r.version },
            {
              onSuccess: () => setDone((n) => n + 1),
              // Someone changed it meanwhile: show their details, to be looked over before checking.
              onError: () => void queryClient.invalidateQueries({ queryKey: ['resources', 'one', r.id] }),
            },
          )
        }
      >
        {check.isPending ? 'Saving…' : 'Mark as checked'}
      </button>
      <p className="field__hint">When you have called or visited, and the details above are right.</p>
    </section>
  )
}

function TipsSection({ resource: r }: { resource: Resource }) {
  const addTip = useAddTip()
  const [added, setAdded] = useState(0)
  return (
    <section aria-labelledby="tips-heading" className="card section-gap">
      <h2 id="tips-heading">Tips from the team</h2>
      {r.tips.length ? (
        <ul className="tips">
          {r.tips.map((tip) => (
            <li key={tip.id}>
              <p className="prewrap">{tip.text}</p>
              <p className="muted">
                <time dateTime={tip.at} title={formatDateTime(tip.at)}>
                  {formatDay(tip.at)}
                </time>
                {tip.by ? `, ${tip.by}` : ''}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No tips yet: who to ask for, the best time to call, the side door…</p>
      )}
      <Form
        idPrefix="tip-"
        className="form form--compact"
        schema={ResourceTipInput}
        defaultValues={{ text: '' }}
        toInput={(values) => ({ id: r.id, text: values.text })}
        onSubmit={(input) => addTip.mutateAsync(input)}
        valuesAfterSave={() => ({ text: '' })}
        onSaved={() => setAdded((n) => n + 1)}
        draftKey={`resource-tip:${r.id}`}
      >
        {added ? (
          <DoneNotice key={added}>
            <p>Your tip was added. Thank you.</p>
          </DoneNotice>
        ) : null}
        <FormTextArea
          name="text"
          label="Add a tip"
          hint={`A short note for the team, up to ${TIP_MAX_LENGTH} characters. Never a name of someone you support.`}
          rows={2}
        />
        <SubmitButton className="button" busyLabel="Adding…">
          Add the tip
        </SubmitButton>
      </Form>
    </section>
  )
}
