import { useCallback, useEffect, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { useFormContext, useWatch } from 'react-hook-form'
import {
  AssessmentAmendInput,
  AssessmentFields,
  AssessmentUpdateInput,
  RATERS,
  type Assessment,
  type AssessmentSummary,
} from '@shared/domain/growth'
import { ApiCallError, call } from '../../../lib/api'
import { formatDate, formatDateTime } from '../../../lib/format'
import { ConfirmDialog, DoneNotice } from '../../../components/ui'
import {
  conflictBetween,
  ConflictPanel,
  Form,
  FormTextField,
  NOT_SAVED,
  problemFromError,
  SubmitButton,
  useDraftMeta,
  useFormKit,
  type FormProblem,
  type FormValues,
} from '../../../components/ui/form'
import { sameValues } from '../../../components/ui/form/values'
import { useAmendAssessment, useCompleteAssessment, useDiscardAssessment, useUpdateAssessment } from '../api/growth'
import {
  fieldOfPath,
  formFromAssessment,
  onGridFieldNames,
  onGridFields,
  toAssessmentFields,
  type AssessmentFormValues,
} from '../utils/grid'
import { previousScores } from '../utils/insights'
import { NoteField, ScoreGrid } from './ScoreGrid'
import { growthPath } from './paths'

/** A pause in typing this long saves the draft. */
const AUTOSAVE_DELAY_MS = 800

const gridProblem = (error: unknown): FormProblem => {
  const problem = problemFromError(error)
  return { ...problem, fields: onGridFieldNames(problem.fields) }
}

function FieldsOfAssessment({
  assessment,
  others,
  idPrefix,
}: {
  assessment: Assessment
  others: readonly AssessmentSummary[]
  idPrefix: string
}) {
  const date = useWatch<AssessmentFormValues>({ name: 'assessedOn' }) as string
  const previous = previousScores(others, assessment.rater, date || assessment.assessedOn, assessment.id)
  return (
    <>
      <FormTextField name="assessedOn" label="Date of the assessment" type="date" required />
      <ScoreGrid previous={previous} rater={assessment.rater} idPrefix={idPrefix} />
      <NoteField name="overallNote" label="Overall note (optional)" rows={4} />
    </>
  )
}

/** The draft's version the edit started from, kept with the typing across a lock of the screen. */
interface DraftMeta {
  version: number
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'not_saved'; message: string }
  | { kind: 'conflict' }

/**
 * A draft being filled in: it saves itself at each pause in typing (against the version it started from, so a save
 * from elsewhere is never overwritten), and is completed and locked when the person says so.
 */
export function DraftEditor({
  assessment,
  others,
  coachId,
}: {
  assessment: Assessment
  others: readonly AssessmentSummary[]
  coachId: number
}) {
  const navigate = useNavigate()
  const update = useUpdateAssessment()
  const complete = useCompleteAssessment()
  const draftKey = `assessment-draft:${assessment.id}`
  const restored = useDraftMeta<DraftMeta>(draftKey)
  const version = useRef(restored?.version ?? assessment.version)
  const saver = useRef<{ flush(): Promise<boolean> } | null>(null)
  const [asking, setAsking] = useState(false)
  const confirmed = useRef(false)
  const what = assessment.rater === 'self' ? 'self-assessment' : 'supervisor rating'

  return (
    <Form
      idPrefix="assessment-"
      className="form form--grid"
      schema={onGridFields(AssessmentUpdateInput)}
      defaultValues={formFromAssessment(assessment)}
      toInput={(values) => ({
        id: assessment.id,
        expectedVersion: version.current,
        fields: toAssessmentFields(values),
      })}
      problemOf={gridProblem}
      onSubmit={async () => {
        if (!confirmed.current) {
          setAsking(true)
          return NOT_SAVED
        }
        confirmed.current = false
        // What was typed since the last pause goes first, then the saved draft is locked.
        if (!(await saver.current?.flush())) return NOT_SAVED
        return complete.mutateAsync({ id: assessment.id, expectedVersion: version.current })
      }}
      onSaved={() =>
        navigate(growthPath(coachId), {
          state: { flash: `The ${what} of ${formatDate(assessment.assessedOn)} is completed and locked.` },
        })
      }
      draftKey={draftKey}
      draftMeta={{ version: version.current } satisfies DraftMeta}
      failureTitle={(hasFields) => (hasFields ? 'The assessment was not completed' : undefined)}
    >
      <FieldsOfAssessment assessment={assessment} others={others} idPrefix="assessment-" />
      <AutoSave
        assessment={assessment}
        version={version}
        register={(api) => {
          saver.current = api
        }}
        save={(input) => update.mutateAsync(input)}
      />
      <div className="form__actions">
        <SubmitButton busyLabel="Completing…">Complete and lock</SubmitButton>
        <DiscardDraft assessment={assessment} version={version} coachId={coachId} />
      </div>
      {asking ? (
        <CompleteQuestion
          what={what}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            confirmed.current = true
            setAsking(false)
          }}
        />
      ) : null}
    </Form>
  )
}

function CompleteQuestion({ what, onCancel, onConfirm }: { what: string; onCancel(): void; onConfirm(): void }) {
  const kit = useFormKit()
  return (
    <ConfirmDialog
      title={`Complete this ${what}?`}
      stayLabel="Keep editing"
      goLabel="Complete and lock"
      onStay={onCancel}
      onGo={() => {
        onConfirm()
        kit.submit()
      }}
    >
      <p>
        A completed assessment is locked: it can no longer be edited. A correction later is an amendment, with a reason,
        and the original is kept.
      </p>
    </ConfirmDialog>
  )
}

/**
 * Saves the draft at each pause in typing. A refused save changes nothing: bad input is marked on its cell, and a
 * save from somewhere else since this edit began is shown beside what was typed (nothing is saved over it).
 */
function AutoSave({
  assessment,
  version,
  register,
  save,
}: {
  assessment: Assessment
  version: { current: number }
  register(api: { flush(): Promise<boolean> }): void
  save(input: {
    id: number
    expectedVersion: number
    fields: ReturnType<typeof toAssessmentFields>
  }): Promise<Assessment>
}) {
  const kit = useFormKit()
  const { getValues, setError, clearErrors } = useFormContext<AssessmentFormValues>()
  const values = useWatch<AssessmentFormValues>()
  const [state, setState] = useState<SaveState>({ kind: 'idle' })
  const [theirs, setTheirs] = useState<Assessment | null>(null)
  const [tookTheirs, setTookTheirs] = useState(false)
  const inFlight = useRef<Promise<boolean> | null>(null)
  const paused = theirs !== null

  const saveNow = useCallback(async (): Promise<boolean> => {
    // One save at a time; the next one starts from the version the last one made.
    while (inFlight.current) await inFlight.current
    const sent = getValues()
    if (sameValues(sent, kit.baseline())) return true
    const fields = toAssessmentFields(sent)
    const checked = AssessmentFields.safeParse(fields)
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        setError(fieldOfPath(issue.path.join('.')) as never, { type: 'autosave', message: issue.message })
      }
      setState({ kind: 'not_saved', message: 'Not saved yet: a box needs a change (marked below).' })
      return false
    }
    const attempt = (async () => {
      setState({ kind: 'saving' })
      try {
        const saved = await save({ id: assessment.id, expectedVersion: version.current, fields })
        version.current = saved.version
        // What was sent is what is saved now; anything typed meanwhile stays in the form, still to be saved.
        kit.rebase(sent as FormValues, getValues() as FormValues)
        clearErrors()
        setState({ kind: 'saved', at: saved.updatedAt })
        return true
      } catch (error) {
        if (error instanceof ApiCallError && error.code === 'conflict') {
          setTheirs(await call('assessments.get', { id: assessment.id }))
          setState({ kind: 'conflict' })
          return false
        }
        const problem = gridProblem(error)
        for (const [name, message] of Object.entries(problem.fields)) {
          setError(name as never, { type: 'server', message })
        }
        setState({ kind: 'not_saved', message: problem.message ?? 'Not saved yet: a box needs a change (marked).' })
        return false
      }
    })()
    inFlight.current = attempt
    try {
      return await attempt
    } finally {
      inFlight.current = null
    }
  }, [assessment.id, clearErrors, getValues, kit, save, setError, version])

  useEffect(() => register({ flush: saveNow }), [register, saveNow])

  useEffect(() => {
    if (paused || sameValues(getValues(), kit.baseline())) return
    const timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [values, paused, getValues, kit, saveNow])

  return (
    <>
      <p className="autosave" role="status">
        {state.kind === 'saving' ? 'Saving the draft…' : null}
        {state.kind === 'saved' ? `Draft saved (${formatDateTime(state.at)}).` : null}
        {state.kind === 'not_saved' ? state.message : null}
        {state.kind === 'idle' ? 'The draft saves itself as you type.' : null}
        {state.kind === 'conflict' ? 'Not saved: this draft was saved from somewhere else.' : null}
      </p>
      {theirs ? (
        <DraftConflict
          key={theirs.version}
          theirs={theirs}
          onSaveMine={() => {
            version.current = theirs.version
            setTheirs(null)
            setTookTheirs(false)
            void saveNow()
          }}
          onTakeTheirs={() => {
            version.current = theirs.version
            setTheirs(null)
            setTookTheirs(true)
            setState({ kind: 'saved', at: theirs.updatedAt })
          }}
        />
      ) : null}
      {tookTheirs ? (
        <DoneNotice key={version.current}>
          <p>The grid now shows the draft as it was saved elsewhere. What you typed here was discarded.</p>
        </DoneNotice>
      ) : null}
    </>
  )
}

function DraftConflict({
  theirs,
  onSaveMine,
  onTakeTheirs,
}: {
  theirs: Assessment
  onSaveMine(): void
  onTakeTheirs(): void
}) {
  const kit = useFormKit()
  const { getValues, setValue } = useFormContext<AssessmentFormValues>()
  const saved = formFromAssessment(theirs)
  const [conflict] = useState(() => conflictBetween(kit.baseline(), getValues() as FormValues, saved))
  useEffect(() => {
    for (const entry of conflict.entries) {
      if (!entry.changedByMe) setValue(entry.name, entry.theirs as string, { shouldDirty: true })
    }
  }, [conflict, setValue])
  return (
    <ConflictPanel
      who="this draft"
      entries={conflict.entries}
      onSaveMine={() => {
        kit.rebase(saved)
        onSaveMine()
      }}
      onTakeTheirs={() => {
        kit.rebase(saved, saved)
        onTakeTheirs()
      }}
    />
  )
}

function DiscardDraft({
  assessment,
  version,
  coachId,
}: {
  assessment: Assessment
  version: { current: number }
  coachId: number
}) {
  const kit = useFormKit()
  const { getValues } = useFormContext<AssessmentFormValues>()
  const discard = useDiscardAssessment()
  const navigate = useNavigate()
  const [asking, setAsking] = useState(false)
  const [failed, setFailed] = useState<string | null>(null)
  return (
    <>
      <button type="button" className="button button--danger" onClick={() => setAsking(true)} disabled={kit.busy}>
        Discard this draft
      </button>
      {failed ? (
        <p role="alert" className="field__error">
          {failed}
        </p>
      ) : null}
      {asking ? (
        <ConfirmDialog
          title="Discard this draft?"
          stayLabel="Keep the draft"
          goLabel="Discard the draft"
          danger
          busy={discard.isPending}
          onStay={() => setAsking(false)}
          onGo={async () => {
            try {
              await discard.mutateAsync({ id: assessment.id, expectedVersion: version.current })
              // Nothing is left to lose: leaving must not ask about the typing just thrown away.
              kit.rebase(getValues() as FormValues)
              navigate(growthPath(coachId), { state: { flash: 'The draft was discarded.' } })
            } catch (error) {
              setAsking(false)
              setFailed(error instanceof Error ? error.message : 'The draft was not discarded.')
            }
          }}
        >
          <p>The scores and notes of this draft are deleted. This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </>
  )
}

/**
 * A correction of a completed assessment: the original stays as it was, and this becomes the current version, with
 * who amended it, when and why.
 */
export function AmendForm({
  assessment,
  others,
  onAmended,
}: {
  assessment: Assessment
  others: readonly AssessmentSummary[]
  onAmended(amended: Assessment): void
}) {
  const amend = useAmendAssessment()
  return (
    <Form
      idPrefix="amend-"
      className="form form--grid"
      schema={onGridFields(AssessmentAmendInput)}
      defaultValues={{ ...formFromAssessment(assessment), reason: '' }}
      toInput={(values) => ({ id: assessment.id, reason: values.reason ?? '', fields: toAssessmentFields(values) })}
      problemOf={gridProblem}
      onSubmit={(input) => amend.mutateAsync(input)}
      onSaved={onAmended}
      draftKey={`assessment-amend:${assessment.id}`}
      failureTitle={(hasFields) => (hasFields ? 'The amendment was not saved' : undefined)}
    >
      <NoteField
        name="reason"
        label="Reason for the amendment"
        hint={`Why the ${RATERS[assessment.rater].toLowerCase()} rating of ${formatDate(assessment.assessedOn)} is corrected. Kept with the new version.`}
        rows={2}
        required
      />
      <FieldsOfAssessment assessment={assessment} others={others} idPrefix="amend-" />
      <div className="form__actions">
        <SubmitButton busyLabel="Saving…">Save the amendment</SubmitButton>
      </div>
    </Form>
  )
}
