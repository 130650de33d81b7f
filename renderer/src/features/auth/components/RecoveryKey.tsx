import { z } from 'zod'
import { formatDate } from '../../../lib/format'
import { todayIso } from '../../../lib/dates'
import {
  Form,
  FormCheckbox,
  SubmitButton,
  useFormValue,
  useLeaveGuard,
  useWarnBeforeUnload,
} from '../../../components/ui/form'
import { groupRecoveryKey } from '../utils/recoveryKey'

/** The printable sheet: the office, the key in groups of four, and how to use it. */
export function RecoveryKeySheet({
  recoveryKey,
  officeName,
  madeWith,
}: {
  recoveryKey: string
  officeName: string
  /** Who made it, for the sheet: "with the first supervisor account, “dana”". */
  madeWith: string
}) {
  const groups = groupRecoveryKey(recoveryKey)
  return (
    <section className="recovery-sheet" aria-labelledby="recovery-sheet-heading">
      <h2 id="recovery-sheet-heading">Recovery key for {officeName}</h2>
      <p className="recovery-key">
        {groups.map((group, index) => (
          <span key={index} className="recovery-key__group">
            {index < groups.length - 1 ? `${group}-` : group}
          </span>
        ))}
      </p>
      <p className="muted">
        Created {formatDate(todayIso())} {madeWith}. To use it: on the sign-in screen choose “Forgot every password? Use
        the recovery key”. Letter case, spaces and dashes do not matter.
      </p>
    </section>
  )
}

const Stored = z.object({
  stored: z.literal(true, {
    error: 'Tick the box once the recovery key is printed or written down and put away safely',
  }),
})

/**
 * Print, then confirm the key is stored. Until the box is ticked, leaving (a reload, closing the window, another page
 * of the app) asks first: the key is shown only this once.
 */
export function StoreRecoveryKeyForm({ continueLabel, onStored }: { continueLabel: string; onStored(): void }) {
  return (
    <Form
      idPrefix="recovery-"
      className="form no-print"
      schema={Stored}
      defaultValues={{ stored: false }}
      onSubmit={async () => undefined}
      onSaved={onStored}
      failureTitle="The recovery key is not stored yet"
    >
      <WarnUntilStored />
      <div className="form__actions">
        <button type="button" className="button" onClick={() => window.print()}>
          Print the recovery key
        </button>
      </div>
      <FormCheckbox name="stored" label="I have stored the recovery key safely" />
      <div className="form__actions">
        <SubmitButton>{continueLabel}</SubmitButton>
      </div>
    </Form>
  )
}

const KEY_WORDS = {
  title: 'The recovery key is not stored yet',
  body: 'It is shown only this once. Print it or write it down before you go on.',
  stay: 'Stay and store it',
}

function WarnUntilStored() {
  const stored = useFormValue<boolean>('stored')
  useWarnBeforeUnload(() => !stored)
  useLeaveGuard({
    isUnsaved: () => !stored,
    words: {
      navigate: { ...KEY_WORDS, go: 'Leave without it' },
      signOut: { ...KEY_WORDS, go: 'Sign out without it' },
      lock: { ...KEY_WORDS, go: 'Lock without it' },
    },
  })
  return null
}
