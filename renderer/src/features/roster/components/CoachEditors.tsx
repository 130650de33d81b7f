import { useEffect, useRef, useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { useFormContext } from 'react-hook-form'
import { CoachCreateInput, CoachUpdateInput, type Coach } from '@shared/domain/roster'
import { ApiCallError, call } from '../../../lib/api'
import { todayIso } from '../../../lib/dates'
import { DoneNotice, ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import {
  conflictBetween,
  ConflictPanel,
  NOT_SAVED,
  useDraftMeta,
  useFormKit,
  type FormValues,
} from '../../../components/ui/form'
import { useCoachWords, useOfficeSettings } from '../../settings/api/settings'
import { useCoach, useCreateCoach, useUpdateCoach } from '../api/roster'
import { coachFieldsInput, emptyCoachForm, formFromCoach, type CoachFormValues } from '../utils/coachForm'
import { CoachForm } from './CoachForm'

export function NewCoachPage() {
  const words = useCoachWords()
  const settings = useOfficeSettings()
  const create = useCreateCoach()
  const navigate = useNavigate()
  if (settings.isPending) return <LoadingState what="the form" />
  return (
    <>
      <PageHeader documentTitle={`Add a ${words.singular}`} title={`Add a ${words.singular}`} />
      <CoachForm
        schema={CoachCreateInput}
        defaultValues={emptyCoachForm(settings.data?.coachTitle ?? 'recovery_coach', todayIso())}
        toInput={(values) => ({ ...coachFieldsInput(values), careerStage: values.careerStage })}
        onSubmit={(input) => create.mutateAsync(input)}
        onSaved={(coach) => navigate(`/coaches/${coach.id}`, { state: { flash: `${coach.displayName} was added.` } })}
        draftKey="coach-new"
        withCareerStage
        submitLabel={`Add ${words.singular}`}
        onCancel={() => navigate('/coaches')}
      />
    </>
  )
}

export function EditCoachPage() {
  const id = Number(useParams().id)
  const coach = useCoach(id)
  if (coach.isPending) return <LoadingState what="the coach" />
  if (coach.isError) return <ErrorState error={coach.error} />
  return (
    <>
      <PageHeader documentTitle={`Edit ${coach.data.displayName}`} title={`Edit ${coach.data.displayName}`} />
      <EditCoachForm coach={coach.data} />
    </>
  )
}

/** The draft of an edit remembers the version it started from, so a change saved meanwhile is seen as a conflict. */
interface EditDraftMeta {
  version: number
}

function EditCoachForm({ coach }: { coach: Coach }) {
  const update = useUpdateCoach()
  const navigate = useNavigate()
  const draftKey = `coach-edit:${coach.id}`
  const restored = useDraftMeta<EditDraftMeta>(draftKey)
  // The version this edit started from, not the latest fetched: saving over a newer one must be a choice.
  const version = useRef(restored?.version ?? coach.version)
  const [theirs, setTheirs] = useState<Coach | null>(null)
  const [tookTheirs, setTookTheirs] = useState(false)

  return (
    <CoachForm
      schema={CoachUpdateInput}
      defaultValues={formFromCoach(coach)}
      toInput={(values) => ({ id: coach.id, expectedVersion: version.current, fields: coachFieldsInput(values) })}
      onSubmit={async (input) => {
        try {
          return await update.mutateAsync(input)
        } catch (error) {
          if (!(error instanceof ApiCallError && error.code === 'conflict')) throw error
          // Someone else saved first: show what they saved beside what was typed, and keep the typing.
          setTheirs(await call('coaches.get', { id: coach.id }))
          return NOT_SAVED
        }
      }}
      onSaved={() => navigate(`/coaches/${coach.id}`, { state: { flash: 'Changes saved.' } })}
      draftKey={draftKey}
      draftMeta={{ version: version.current } satisfies EditDraftMeta}
      withCareerStage={false}
      submitLabel="Save changes"
      onCancel={() => navigate(`/coaches/${coach.id}`)}
    >
      {theirs ? (
        <CoachConflict
          key={theirs.version}
          theirs={theirs}
          onSaveMine={() => {
            version.current = theirs.version
            setTheirs(null)
            setTookTheirs(false)
          }}
          onTakeTheirs={() => {
            version.current = theirs.version
            setTheirs(null)
            setTookTheirs(true)
          }}
        />
      ) : null}
      {tookTheirs ? (
        <DoneNotice key={version.current}>
          <p>The form now shows what they saved. Your changes were discarded.</p>
        </DoneNotice>
      ) : null}
    </CoachForm>
  )
}

function CoachConflict({
  theirs,
  onSaveMine,
  onTakeTheirs,
}: {
  theirs: Coach
  onSaveMine(): void
  onTakeTheirs(): void
}) {
  const kit = useFormKit()
  const { getValues, setValue } = useFormContext<CoachFormValues>()
  const saved = formFromCoach(theirs)
  const [conflict] = useState(() => conflictBetween(kit.baseline(), getValues() as FormValues, saved))
  useEffect(() => {
    // What only they changed now shows their value: keeping the old one would undo their change unseen.
    for (const entry of conflict.entries) {
      if (!entry.changedByMe) setValue(entry.name, entry.theirs as string, { shouldDirty: true })
    }
  }, [conflict, setValue])
  return (
    <ConflictPanel
      who="this coach’s record"
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
