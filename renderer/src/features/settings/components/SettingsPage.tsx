import { useState, type FormEvent } from 'react'
import { COACH_TITLES, capitalise, type OfficeSettings } from '@shared/domain/settings'
import { OfficeSettingsInput } from '@shared/domain/settings'
import { fieldErrors } from '@shared/api/validation'
import { ApiCallError } from '../../../lib/api'
import { ErrorState, ErrorSummary, LoadingState, PageHeading, SelectField, TextField } from '../../../app/ui'
import { useOfficeSettings, useUpdateOfficeSettings } from '../api/settings'

const LABELS = {
  officeName: 'Office name',
  coachTitle: 'What the office calls its coaches',
  autoLockMinutes: 'Lock the screen after this many minutes without use',
}
const TITLE_OPTIONS = Object.fromEntries(Object.entries(COACH_TITLES).map(([key, w]) => [key, capitalise(w.plural)]))

export function SettingsPage() {
  const settings = useOfficeSettings()
  if (settings.isPending) return <LoadingState what="settings" />
  if (settings.isError) return <ErrorState error={settings.error} />
  return <SettingsForm current={settings.data} />
}

function SettingsForm({ current }: { current: OfficeSettings }) {
  const update = useUpdateOfficeSettings()
  const [officeName, setOfficeName] = useState(current.officeName)
  const [coachTitle, setCoachTitle] = useState<string>(current.coachTitle)
  const [autoLock, setAutoLock] = useState(String(current.autoLockMinutes))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | undefined>()
  const [saved, setSaved] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSaved(false)
    // An empty or non-numeric entry becomes NaN, which the schema refuses with its own message.
    const minutes = autoLock.trim() === '' ? Number.NaN : Number(autoLock.trim())
    const input = { officeName, coachTitle, autoLockMinutes: minutes }
    const parsed = OfficeSettingsInput.safeParse(input)
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      return
    }
    try {
      await update.mutateAsync(input as typeof parsed.data)
      setErrors({})
      setMessage(undefined)
      setSaved(true)
    } catch (error) {
      if (error instanceof ApiCallError && error.code === 'invalid_input') setErrors(error.fields)
      else setMessage(error instanceof Error ? error.message : 'Not saved.')
    }
  }

  return (
    <>
      <PageHeading documentTitle="Office settings">Office settings</PageHeading>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} labels={LABELS} idPrefix="settings-" message={message} />
        <TextField
          id="settings-officeName"
          label={LABELS.officeName}
          value={officeName}
          onChange={setOfficeName}
          error={errors.officeName}
          required
          maxLength={200}
        />
        <SelectField
          id="settings-coachTitle"
          label={LABELS.coachTitle}
          hint="Used for the roster and across the app"
          value={coachTitle}
          onChange={setCoachTitle}
          error={errors.coachTitle}
          options={TITLE_OPTIONS}
        />
        <TextField
          id="settings-autoLockMinutes"
          label={LABELS.autoLockMinutes}
          hint="From 1 to 240. A locked screen shows nothing of the office’s records until the password is typed again."
          value={autoLock}
          onChange={setAutoLock}
          error={errors.autoLockMinutes}
          inputMode="numeric"
          required
          maxLength={3}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={update.isPending}>
            Save settings
          </button>
        </div>
        {saved ? (
          <p role="status" className="notice notice--success">
            Settings saved.
          </p>
        ) : null}
      </form>
    </>
  )
}
