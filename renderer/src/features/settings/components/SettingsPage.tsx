import { useState } from 'react'
import { COACH_TITLES, capitalise, OfficeSettingsInput, type OfficeSettings } from '@shared/domain/settings'
import { ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import {
  Form,
  FormSelectField,
  FormTextField,
  numberFromText,
  SubmitButton,
  textFrom,
} from '../../../components/ui/form'
import { may, useCurrentUser } from '../../auth/session'
import { useOfficeSettings, useUpdateOfficeSettings } from '../api/settings'
import { NewRecoveryKey } from './NewRecoveryKey'

/** Every time zone the system knows, after "the computer's own" (stored as none, so it follows the machine). */
function timeZoneOptions(effective: string, own: string | null): ReadonlyArray<readonly [string, string]> {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  const all = own && !zones.includes(own) ? [own, ...zones] : zones
  const computer = own ? 'The computer’s own' : `The computer’s own (${effective})`
  return [['', computer], ...all.map((zone) => [zone, zone.replace(/_/g, ' ')] as const)]
}

const TITLE_OPTIONS = Object.fromEntries(Object.entries(COACH_TITLES).map(([key, w]) => [key, capitalise(w.plural)]))

export function SettingsPage() {
  const settings = useOfficeSettings()
  const user = useCurrentUser()
  return (
    <>
      <PageHeader documentTitle="Office settings" title="Office settings" />
      {settings.isPending ? <LoadingState what="settings" /> : null}
      {settings.isError ? <ErrorState error={settings.error} /> : null}
      {settings.data ? (
        <div className="no-print">
          <SettingsForm current={settings.data} />
        </div>
      ) : null}
      {settings.data && may(user, 'accounts.newRecoveryKey') ? (
        <NewRecoveryKey officeName={settings.data.officeName} username={user.username} />
      ) : null}
    </>
  )
}

function SettingsForm({ current }: { current: OfficeSettings }) {
  const update = useUpdateOfficeSettings()
  const [saved, setSaved] = useState(0)
  return (
    <Form
      idPrefix="settings-"
      schema={OfficeSettingsInput}
      defaultValues={{
        officeName: current.officeName,
        coachTitle: current.coachTitle as string,
        autoLockMinutes: textFrom(current.autoLockMinutes),
        timeZone: current.timeZone ?? '',
      }}
      toInput={(values) => ({
        ...values,
        autoLockMinutes: numberFromText(values.autoLockMinutes),
        timeZone: values.timeZone === '' ? null : values.timeZone,
      })}
      onSubmit={(input) => {
        setSaved(0)
        return update.mutateAsync(input)
      }}
      onSaved={() => setSaved((count) => count + 1)}
      draftKey="office-settings"
    >
      <FormTextField name="officeName" label="Office name" required />
      <FormSelectField
        name="coachTitle"
        label="What the office calls its coaches"
        hint="Used for the roster and across the app"
        options={TITLE_OPTIONS}
      />
      <FormTextField
        name="autoLockMinutes"
        label="Lock the screen after this many minutes without use"
        hint="From 1 to 240. A locked screen shows nothing of the office’s records until the password is typed again."
        inputMode="numeric"
        required
      />
      <FormSelectField
        name="timeZone"
        label="The office’s time zone"
        hint="Coverage windows and opening hours are in this zone; every time is stored in UTC."
        options={timeZoneOptions(current.effectiveTimeZone, current.timeZone)}
      />
      <div className="form__actions">
        <SubmitButton busyLabel="Saving…">Save settings</SubmitButton>
      </div>
      {saved > 0 ? (
        <p role="status" className="notice notice--success">
          Settings saved.
        </p>
      ) : null}
    </Form>
  )
}
