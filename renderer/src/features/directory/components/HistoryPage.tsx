import { useState } from 'react'
import { Link, useParams } from 'react-router'
import type { ResourceHistory, ResourceVersion } from '@shared/domain/directory'
import { ApiCallError } from '../../../lib/api'
import { formatDateTime } from '../../../lib/format'
import { ConfirmDialog, DoneNotice, ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import { useRestoreVersion, useResourceHistory } from '../api/directory'
import { describeVersion, versionRows } from '../utils/history'
import './directory.css'

/** Every version of a resource, who made it and what it changed; any earlier one can be brought back. */
export function HistoryPage() {
  const id = Number(useParams().id)
  const history = useResourceHistory(id)
  const restore = useRestoreVersion()
  const [asking, setAsking] = useState<ResourceVersion | null>(null)
  const [restored, setRestored] = useState<{ from: number; as: number } | null>(null)
  const [failure, setFailure] = useState<string | null>(null)

  if (history.isPending) return <LoadingState what="the history" />
  if (history.isError) return <ErrorState error={history.error} />
  const h = history.data
  const current = h.versions[0]
  const name = current?.content.name ?? 'Resource'

  async function confirmRestore(version: ResourceVersion) {
    setFailure(null)
    try {
      const saved = await restore.mutateAsync({ id: h.id, expectedVersion: h.currentVersion, version: version.version })
      setRestored({ from: version.version, as: saved.version })
    } catch (error) {
      setFailure(error instanceof ApiCallError ? error.message : 'The version could not be restored. Try again.')
      await history.refetch()
    } finally {
      setAsking(null)
    }
  }

  return (
    <>
      <PageHeader
        before={
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <Link to="/directory">Directory</Link> › <Link to={`/directory/${h.id}`}>{name}</Link>
          </nav>
        }
        documentTitle={`History of ${name}`}
        title={`History of ${name}`}
      />
      <p>
        Every change is kept. Restoring an earlier version saves its details again as a new version, so a restore can
        itself be undone.
      </p>
      {restored ? (
        <DoneNotice key={restored.as}>
          <p>
            Version {restored.from} was restored as version {restored.as}.{' '}
            <Link to={`/directory/${h.id}`}>See the resource</Link>
          </p>
        </DoneNotice>
      ) : null}
      {failure ? (
        <div role="alert" className="notice notice--error">
          <p>{failure}</p>
        </div>
      ) : null}
      <ol className="versions" reversed>
        {h.versions.map((version) => (
          <VersionItem
            key={version.version}
            version={version}
            history={h}
            isCurrent={version.version === h.currentVersion}
            onRestore={() => setAsking(version)}
          />
        ))}
      </ol>
      <section aria-labelledby="checks-heading" className="card section-gap">
        <h2 id="checks-heading">Checks</h2>
        <ul className="history">
          {h.checks.map((check, index) => (
            <li key={index}>
              {formatDateTime(check.at)}: checked by {check.by ?? 'a former account'} (version {check.version})
            </li>
          ))}
        </ul>
      </section>
      {asking ? (
        <ConfirmDialog
          title={`Restore version ${asking.version}?`}
          stayLabel="Keep it as it is"
          goLabel={`Restore version ${asking.version}`}
          busy={restore.isPending}
          onStay={() => setAsking(null)}
          onGo={() => void confirmRestore(asking)}
        >
          <p>
            The resource will say again what it said in version {asking.version} ({formatDateTime(asking.at)}), saved as
            version {h.currentVersion + 1}. Nothing is lost: every version stays here.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  )
}

function VersionItem({
  version,
  history,
  isCurrent,
  onRestore,
}: {
  version: ResourceVersion
  history: ResourceHistory
  isCurrent: boolean
  onRestore(): void
}) {
  const headingId = `version-${version.version}`
  return (
    <li className="card version" aria-labelledby={headingId}>
      <h2 id={headingId} className="version__title">
        Version {version.version}
        {isCurrent ? <span className="badge badge--active">Current</span> : null}
      </h2>
      <p>
        {describeVersion(version)} · {formatDateTime(version.at)}
        {version.by ? ` by ${version.by}` : ''}
      </p>
      <details>
        <summary>What version {version.version} said</summary>
        <table className="table table--dense">
          <caption className="visually-hidden">The details of version {version.version}</caption>
          <tbody>
            {versionRows(version.content, history).map((row) => (
              <tr key={row.field} className={version.changed.includes(row.field) ? 'version__changed' : undefined}>
                <th scope="row">
                  {row.label}
                  {version.changed.includes(row.field) ? <span className="visually-hidden"> (changed)</span> : null}
                </th>
                <td className="prewrap">{row.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {isCurrent ? null : (
        <button type="button" className="button" onClick={onRestore}>
          Restore version {version.version}
        </button>
      )}
    </li>
  )
}
