import { useNavigate, useParams } from 'react-router'
import { ApiCallError } from '../../../lib/api'
import { ErrorState, LoadingState, PageHeading, todayIso } from '../../../app/ui'
import { useCoachWords, useOfficeSettings } from '../../settings/api/settings'
import { useCoach, useCreateCoach, useUpdateCoach } from '../api/roster'
import {
  checkCoachFields,
  checkNewCoach,
  emptyCoachForm,
  formErrorsFromServer,
  formFromCoach,
} from '../utils/coachForm'
import { CoachForm } from './CoachForm'

/** Turns a failed save into what the form shows; anything but bad input is a message above the form. */
function failedSave(error: unknown) {
  if (error instanceof ApiCallError && error.code === 'invalid_input' && Object.keys(error.fields).length > 0) {
    return { errors: formErrorsFromServer(error.fields) }
  }
  return { errors: {}, message: error instanceof Error ? error.message : 'The save failed.' }
}

export function NewCoachPage() {
  const words = useCoachWords()
  const settings = useOfficeSettings()
  const create = useCreateCoach()
  const navigate = useNavigate()
  if (settings.isPending) return <LoadingState what="the form" />
  return (
    <>
      <PageHeading documentTitle={`Add a ${words.singular}`}>Add a {words.singular}</PageHeading>
      <CoachForm
        initial={emptyCoachForm(settings.data?.coachTitle ?? 'recovery_coach', todayIso())}
        withCareerStage
        submitLabel={`Add ${words.singular}`}
        saving={create.isPending}
        onCancel={() => navigate('/coaches')}
        onSubmit={async (values) => {
          const checked = checkNewCoach(values)
          if (!checked.ok) return { errors: checked.errors }
          try {
            const coach = await create.mutateAsync(checked.input)
            navigate(`/coaches/${coach.id}`, { state: { flash: `${coach.displayName} was added.` } })
            return null
          } catch (error) {
            return failedSave(error)
          }
        }}
      />
    </>
  )
}

export function EditCoachPage() {
  const id = Number(useParams().id)
  const coach = useCoach(id)
  const update = useUpdateCoach()
  const navigate = useNavigate()
  if (coach.isPending) return <LoadingState what="the coach" />
  if (coach.isError) return <ErrorState error={coach.error} />
  const current = coach.data
  return (
    <>
      <PageHeading documentTitle={`Edit ${current.displayName}`}>Edit {current.displayName}</PageHeading>
      <CoachForm
        key={current.version}
        initial={formFromCoach(current)}
        withCareerStage={false}
        submitLabel="Save changes"
        saving={update.isPending}
        onCancel={() => navigate(`/coaches/${id}`)}
        onSubmit={async (values) => {
          const checked = checkCoachFields(values)
          if (!checked.ok) return { errors: checked.errors }
          try {
            await update.mutateAsync({ id, expectedVersion: current.version, fields: checked.input })
            navigate(`/coaches/${id}`, { state: { flash: 'Changes saved.' } })
            return null
          } catch (error) {
            return failedSave(error)
          }
        }}
      />
    </>
  )
}
