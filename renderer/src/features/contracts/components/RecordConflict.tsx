import { useEffect, useState } from 'react'
import { useFormContext } from 'react-hook-form'
import { conflictBetween, ConflictPanel, useFormKit, type FormValues } from '../../../components/ui/form'

/**
 * Someone else saved the record first: their values beside what was typed (the kit's ConflictPanel), with what only
 * they changed taken into the form so saving does not undo it unseen.
 */
export function RecordConflict({
  who,
  saved,
  onSaveMine,
  onTakeTheirs,
}: {
  who: string
  /** Their saved record as form values. */
  saved: FormValues
  onSaveMine(): void
  onTakeTheirs(): void
}) {
  const kit = useFormKit()
  const { getValues, setValue } = useFormContext()
  const [conflict] = useState(() => conflictBetween(kit.baseline(), getValues() as FormValues, saved))
  useEffect(() => {
    for (const entry of conflict.entries) {
      if (!entry.changedByMe) setValue(entry.name, entry.theirs, { shouldDirty: true })
    }
  }, [conflict, setValue])
  return (
    <ConflictPanel
      who={who}
      entries={conflict.entries}
      onSaveMine={() => {
        kit.rebase(saved)
        onSaveMine()
        kit.submit()
      }}
      onTakeTheirs={() => {
        kit.rebase(saved, saved)
        onTakeTheirs()
      }}
    />
  )
}
