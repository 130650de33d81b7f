import { useState } from 'react'
import { ExportInput } from '@shared/domain/dispatches'
import { ApiCallError, call } from '../../../lib/api'
import { saveDocument } from '../../../lib/files'
import { formatNumber } from '../../../lib/format'
import { TextField } from '../../../components/ui'

/**
 * A contract's dispatches for a period as a CSV file that opens in a spreadsheet as it is: through the system's save
 * dialog in the desktop app, a download in a browser (lib/files.ts, the one door to files).
 */
export function ExportDispatches({ contractId, from, to }: { contractId: number; from: string; to: string }) {
  const [range, setRange] = useState({ from, to })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null)

  async function exportFile() {
    setOutcome(null)
    const parsed = ExportInput.safeParse({ contractId, ...range })
    if (!parsed.success) {
      const found: Record<string, string> = {}
      for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= issue.message
      setErrors(found)
      return
    }
    setErrors({})
    setBusy(true)
    try {
      const file = await call('dispatches.export', parsed.data)
      const saved = await saveDocument('csv', file.fileName, file.content)
      if (saved.saved) {
        setOutcome({ ok: true, text: `Exported ${formatNumber(file.rows)} dispatches to ${saved.name}.` })
      } else if (saved.message) {
        setOutcome({ ok: false, text: `The file was not saved: ${saved.message}` })
      }
    } catch (error) {
      if (error instanceof ApiCallError && Object.keys(error.fields).length > 0) setErrors(error.fields)
      setOutcome({ ok: false, text: (error as Error).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="export-heading" className="card section-gap">
      <h2 id="export-heading">Export dispatches</h2>
      <p className="muted">
        A CSV file for a spreadsheet: one row a dispatch, dates and times in office time. It holds reference codes,
        never names of people seen; keep it as carefully as the log.
      </p>
      <div className="filters">
        <TextField
          id="export-from"
          label="From"
          type="date"
          value={range.from}
          onChange={(value) => setRange({ ...range, from: value })}
          error={errors['from']}
        />
        <TextField
          id="export-to"
          label="To"
          type="date"
          value={range.to}
          onChange={(value) => setRange({ ...range, to: value })}
          error={errors['to']}
        />
      </div>
      <button type="button" className="button button--primary" onClick={exportFile} disabled={busy}>
        {busy ? 'Exporting…' : 'Export CSV'}
      </button>
      {outcome ? (
        <p
          role={outcome.ok ? 'status' : 'alert'}
          className={outcome.ok ? 'notice notice--success' : 'notice notice--error'}
        >
          {outcome.text}
        </p>
      ) : null}
    </section>
  )
}
