import { useCallback, useEffect, useRef, useState } from 'react'
import { useFormContext, useWatch } from 'react-hook-form'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import {
  BARRIER_KINDS,
  FUNCTION_HINTS,
  ITEM_OWNERS,
  NOTE_MAX,
  SESSION_FORMATS,
  SESSION_STATUSES,
  SUPERVISION_FUNCTIONS,
  AddendumInput as AddendumSchema,
  SessionFields,
  type ActionItem,
  type Session,
} from '@shared/domain/supervision'
import { ConfirmDialog, DoneNotice, ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import {
  Form,
  FormCheckboxGroup,
  FormSelectField,
  FormTextField,
  NOT_SAVED,
  SubmitButton,
  problemFromError,
  useFormKit,
  type FormValues,
} from '../../../components/ui/form'
import { ApiCallError } from '../../../lib/api'
import { formatDate, formatDateTime } from '../../../lib/format'
import { useCurrentUser, may } from '../../auth/session'
import { NoteField } from '../../growth/components/ScoreGrid'
import { useRosterPages } from '../../roster/api/roster'
import {
  useAddAddendum,
  useCreateSession,
  useMarkDone,
  useOpenItems,
  useSession,
  useSessionPages,
  useSignOff,
  useUpdateSession,
} from '../api/supervision'
import {
  emptySessionForm,
  formFromSession,
  ITEM_SLOTS,
  itemName,
  sessionFieldsInput,
  sessionProblem,
  type SessionFormValues,
} from '../utils/sessionForm'
import './supervision.css'

const AUTOSAVE_DELAY_MS = 1200
const noteHint = `Up to ${NOTE_MAX.toLocaleString()} characters.`
const FUNCTION_OPTIONS = Object.fromEntries(
  Object.entries(SUPERVISION_FUNCTIONS).map(([k, label]) => [
    k,
    `${label} (${FUNCTION_HINTS[k as keyof typeof FUNCTION_HINTS]})`,
  ]),
)

/** The session's fields, shared by the new-session form and the draft editor. */
function SessionFieldset() {
  const coaches = useRosterPages({ filter: 'current', sort: 'name', limit: 100 })
  const list = coaches.data?.pages.flatMap((p) => p.items) ?? []
  const chosen = (useWatch({ name: 'coachIds' }) as string[] | undefined) ?? []
  const owners: Array<[string, string]> = [
    ...list.filter((c) => chosen.includes(String(c.id))).map((c): [string, string] => [`coach:${c.id}`, c.displayName]),
    ['supervisor', ITEM_OWNERS.supervisor],
  ]
  if (chosen.length === 1) owners.unshift(['coach', ITEM_OWNERS.coach])
  return (
    <>
      <fieldset className="form__section">
        <legend>The session</legend>
        <FormSelectField name="format" label="Format" options={SESSION_FORMATS} required />
        <FormCheckboxGroup
          name="coachIds"
          legend="Coaches"
          options={list.map((c): [string, string] => [String(c.id), c.displayName])}
        />
        <FormTextField name="heldOn" label="Date" type="date" required />
        <FormTextField name="minutes" label="Length (minutes)" inputMode="numeric" required />
        <FormCheckboxGroup name="functions" legend="Functions it served" options={FUNCTION_OPTIONS} />
      </fieldset>
      <fieldset className="form__section">
        <legend>Notes</legend>
        <NoteField name="sharedNote" label="Shared note (the coach reads this)" rows={6} hint={noteHint} />
        <NoteField name="privateNote" label="Private note (supervisors only)" rows={4} hint={noteHint} />
      </fieldset>
      <fieldset className="form__section">
        <legend>Systemic barriers met</legend>
        <FormCheckboxGroup name="barriers" legend="Barriers" options={BARRIER_KINDS} />
        <FormTextField name="barrierOther" label="Other barrier: in a word, what" />
      </fieldset>
      <fieldset className="form__section">
        <legend>Action items</legend>
        {Array.from({ length: ITEM_SLOTS }, (_, i) => (
          <div className="session-item" key={i}>
            <FormTextField name={itemName(i, 'Text')} label={`Action ${i + 1}`} />
            <FormSelectField name={itemName(i, 'Owner')} label={`Owner of action ${i + 1}`} options={owners} />
            <FormTextField name={itemName(i, 'Due')} label={`Action ${i + 1} due`} type="date" />
          </div>
        ))}
      </fieldset>
    </>
  )
}

const toInput = (values: SessionFormValues) => sessionFieldsInput(values)

/** A new session: the first save makes the draft, which then saves itself as it is typed. */
export function NewSessionPage() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const create = useCreateSession()
  const coachId = Number(params.get('coach')) || null
  const today = new Date().toISOString().slice(0, 10)
  return (
    <>
      <PageHeader documentTitle="New supervision session" title="New supervision session" />
      <Form
        idPrefix="session-"
        schema={SessionFields}
        defaultValues={emptySessionForm(coachId, today)}
        toInput={toInput}
        problemOf={(error, values) => sessionProblem(problemFromError(error), values)}
        onSubmit={(input) => create.mutateAsync(input)}
        onSaved={(saved) =>
          navigate(`/supervision/sessions/${saved.id}`, {
            state: { flash: 'Draft saved. It now saves itself as you type.' },
          })
        }
        draftKey={`session-new:${coachId ?? 'any'}`}
        failureTitle={(hasFields) => (hasFields ? 'The draft was not saved' : undefined)}
      >
        <SessionFieldset />
        <div className="form__actions">
          <SubmitButton busyLabel="Saving…">Save the draft</SubmitButton>
        </div>
      </Form>
    </>
  )
}

/** A session by id: a draft opens in its editor (supervisors), a signed-off one read-only with its addenda. */
export function SessionPage() {
  const id = Number(useParams().id)
  const session = useSession(id)
  const user = useCurrentUser()
  if (session.isPending) return <LoadingState what="the session" />
  if (session.isError) return <ErrorState error={session.error} />
  const s = session.data
  return (
    <>
      <PageHeader
        documentTitle={`Supervision of ${formatDate(s.heldOn)}`}
        title={`Supervision of ${formatDate(s.heldOn)} (${SESSION_STATUSES[s.status].toLowerCase()})`}
      />
      {s.status === 'draft' && may(user, 'supervision.update') ? (
        <DraftEditor key={s.id} session={s} />
      ) : (
        <SessionView session={s} />
      )}
    </>
  )
}

function DraftEditor({ session }: { session: Session }) {
  const navigate = useNavigate()
  const signOff = useSignOff()
  const update = useUpdateSession()
  const version = useRef(session.version)
  const saver = useRef<{ flush(): Promise<boolean> } | null>(null)
  const [asking, setAsking] = useState(false)
  const confirmed = useRef(false)
  return (
    <Form
      idPrefix="session-"
      schema={SessionFields}
      defaultValues={formFromSession(session)}
      toInput={toInput}
      problemOf={(error, values) => sessionProblem(problemFromError(error), values)}
      onSubmit={async () => {
        if (!confirmed.current) {
          setAsking(true)
          return NOT_SAVED
        }
        confirmed.current = false
        if (!(await saver.current?.flush())) return NOT_SAVED
        return signOff.mutateAsync({ id: session.id, expectedVersion: version.current })
      }}
      onSaved={(saved) =>
        navigate(`/supervision/sessions/${saved.id}`, { replace: true, state: { flash: 'Signed off and locked.' } })
      }
      draftKey={`session-draft:${session.id}`}
      failureTitle={(hasFields) => (hasFields ? 'The session was not signed off' : undefined)}
    >
      <SessionFieldset />
      <AutoSave
        sessionId={session.id}
        version={version}
        register={(api) => {
          saver.current = api
        }}
        save={(input) => update.mutateAsync(input)}
      />
      <div className="form__actions">
        <SubmitButton busyLabel="Signing off…">Sign off and lock</SubmitButton>
      </div>
      {asking ? (
        <SignOffQuestion
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

function SignOffQuestion({ onCancel, onConfirm }: { onCancel(): void; onConfirm(): void }) {
  const kit = useFormKit()
  return (
    <ConfirmDialog
      title="Sign off this session?"
      stayLabel="Keep editing"
      goLabel="Sign off and lock"
      onStay={onCancel}
      onGo={() => {
        onConfirm()
        kit.submit()
      }}
    >
      <p>A signed-off session is locked: its notes and items can no longer be edited. A correction is an addendum.</p>
    </ConfirmDialog>
  )
}

type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'not_saved'; message: string }

/** Saves the draft at each pause in typing; a refused save is marked on its fields and changes nothing. */
function AutoSave({
  sessionId,
  version,
  register,
  save,
}: {
  sessionId: number
  version: { current: number }
  register(api: { flush(): Promise<boolean> }): void
  save(input: { id: number; expectedVersion: number; fields: ReturnType<typeof sessionFieldsInput> }): Promise<Session>
}) {
  const kit = useFormKit()
  const { getValues, setError, clearErrors } = useFormContext<SessionFormValues>()
  const values = useWatch<SessionFormValues>()
  const [state, setState] = useState<SaveState>({ kind: 'idle' })
  const inFlight = useRef<Promise<boolean> | null>(null)

  const saveNow = useCallback(async (): Promise<boolean> => {
    while (inFlight.current) await inFlight.current
    const sent = getValues()
    const fields = sessionFieldsInput(sent)
    const checked = SessionFields.safeParse(fields)
    if (!checked.success) {
      setState({
        kind: 'not_saved',
        message: `Not saved yet: ${checked.error.issues[0]?.message ?? 'check the form'}.`,
      })
      return false
    }
    const attempt = (async () => {
      setState({ kind: 'saving' })
      try {
        const saved = await save({ id: sessionId, expectedVersion: version.current, fields })
        version.current = saved.version
        kit.rebase(sent as FormValues, getValues() as FormValues)
        clearErrors()
        setState({ kind: 'saved', at: saved.updatedAt })
        return true
      } catch (error) {
        if (error instanceof ApiCallError && error.code === 'conflict') {
          setState({ kind: 'not_saved', message: `Not saved: ${error.message}` })
          return false
        }
        const problem = sessionProblem(problemFromError(error), sent)
        for (const [name, message] of Object.entries(problem.fields))
          setError(name as never, { type: 'server', message })
        setState({ kind: 'not_saved', message: problem.message ?? 'Not saved yet: a field needs a change (marked).' })
        return false
      }
    })()
    inFlight.current = attempt
    try {
      return await attempt
    } finally {
      inFlight.current = null
    }
  }, [clearErrors, getValues, kit, save, sessionId, setError, version])

  useEffect(() => register({ flush: saveNow }), [register, saveNow])
  useEffect(() => {
    const timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [values, saveNow])

  return (
    <p className="autosave" role="status">
      {state.kind === 'saving' ? 'Saving the draft…' : null}
      {state.kind === 'saved' ? `Draft saved (${formatDateTime(state.at)}).` : null}
      {state.kind === 'not_saved' ? state.message : null}
      {state.kind === 'idle' ? 'The draft saves itself as you type.' : null}
    </p>
  )
}

/** A signed-off session as the viewer may read it. */
export function SessionView({ session: s, headingLevel = 2 }: { session: Session; headingLevel?: 2 | 3 }) {
  const user = useCurrentUser()
  const H = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <article className="session" aria-label={`Supervision of ${formatDate(s.heldOn)}`}>
      <p className="muted">
        {SESSION_FORMATS[s.format]}, {s.minutes} minutes, with {s.supervisorName}
        {s.coaches.length ? ` · ${s.coaches.map((c) => c.displayName).join(', ')}` : ''}
        {s.otherCoaches ? ` and ${s.otherCoaches} other${s.otherCoaches === 1 ? '' : 's'}` : ''} ·{' '}
        {s.functions.map((f) => SUPERVISION_FUNCTIONS[f]).join(', ')}
      </p>
      <H>Shared note</H>
      <p className="session__note">{s.sharedNote || '—'}</p>
      {s.privateNote !== null ? (
        <>
          <H>Private note (supervisors only)</H>
          <p className="session__note">{s.privateNote || '—'}</p>
        </>
      ) : null}
      {s.barriers.length ? (
        <p>
          Barriers:{' '}
          {s.barriers.map((b) => (b.kind === 'other' ? `Other (${b.detail})` : BARRIER_KINDS[b.kind])).join(', ')}
        </p>
      ) : null}
      <ItemsTable items={s.actionItems} caption="Action items" />
      {s.addenda.map((a) => (
        <section key={a.id} className="session__addendum" aria-label={`Addendum of ${formatDateTime(a.writtenAt)}`}>
          <H>
            Addendum by {a.writtenByName}, {formatDateTime(a.writtenAt)}
          </H>
          {a.sharedText ? <p className="session__note">{a.sharedText}</p> : null}
          {a.privateText ? <p className="session__note">Private: {a.privateText}</p> : null}
        </section>
      ))}
      {s.status === 'signed_off' && may(user, 'supervision.addAddendum') ? <AddendumForm sessionId={s.id} /> : null}
    </article>
  )
}

export function ItemsTable({
  items,
  caption,
}: {
  items: readonly (ActionItem & { heldOn?: string })[]
  caption: string
}) {
  const mark = useMarkDone()
  const [done, setDone] = useState<string | null>(null)
  if (items.length === 0) return <p className="muted">{caption}: none.</p>
  return (
    <>
      {done ? (
        <DoneNotice key={done}>
          <p>{done}</p>
        </DoneNotice>
      ) : null}
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Done</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td className="cell-text">{item.text}</td>
              <td>{item.owner === 'supervisor' ? ITEM_OWNERS.supervisor : (item.coachName ?? ITEM_OWNERS.coach)}</td>
              <td>{formatDate(item.dueOn)}</td>
              <td>
                {item.doneAt ? `Done ${formatDateTime(item.doneAt)}` : 'Open'}{' '}
                {item.mayMarkDone ? (
                  <button
                    type="button"
                    className="button"
                    disabled={mark.isPending}
                    onClick={async () => {
                      await mark.mutateAsync({ id: item.id, done: !item.doneAt })
                      setDone(item.doneAt ? `“${item.text}” is open again.` : `“${item.text}” is marked done.`)
                    }}
                  >
                    {item.doneAt ? 'Mark not done' : 'Mark done'}
                    <span className="visually-hidden">: {item.text}</span>
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

function AddendumForm({ sessionId }: { sessionId: number }) {
  const add = useAddAddendum()
  return (
    <Form
      idPrefix="addendum-"
      schema={AddendumSchema}
      defaultValues={{ sharedText: '', privateText: '' }}
      toInput={(values) => ({ id: sessionId, ...values })}
      onSubmit={(input) => add.mutateAsync(input)}
      valuesAfterSave={() => ({ sharedText: '', privateText: '' })}
    >
      <fieldset className="form__section">
        <legend>Add an addendum (the original is kept)</legend>
        <NoteField name="sharedText" label="Shared addendum" rows={3} />
        <NoteField name="privateText" label="Private addendum (supervisors only)" rows={2} />
      </fieldset>
      <div className="form__actions">
        <SubmitButton busyLabel="Adding…">Add the addendum</SubmitButton>
      </div>
    </Form>
  )
}

/** A coach's sessions, newest first, with their shared notes; the coach's open items above. */
export function SessionList({ coachId }: { coachId: number }) {
  const user = useCurrentUser()
  const pages = useSessionPages(coachId)
  const items = useOpenItems(coachId)
  const sessions = pages.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <div className="stack">
      {may(user, 'supervision.create') ? (
        <p>
          <Link className="button button--primary" to={`/supervision/new?coach=${coachId}`}>
            Record a session
          </Link>
        </p>
      ) : null}
      {items.data ? <ItemsTable items={items.data.items} caption="Open action items" /> : null}
      <h2>Sessions</h2>
      {pages.isPending ? <LoadingState what="the sessions" /> : null}
      {pages.isError ? <ErrorState error={pages.error} /> : null}
      {pages.data && sessions.length === 0 ? <p className="muted">No supervision sessions yet.</p> : null}
      {sessions.map((s) => (
        <section key={s.id} className="session-card">
          <h3>
            <Link to={`/supervision/sessions/${s.id}`}>
              {formatDate(s.heldOn)} ({SESSION_STATUSES[s.status].toLowerCase()})
            </Link>
          </h3>
          <p className="session__note">{s.sharedNote || '—'}</p>
        </section>
      ))}
      {pages.hasNextPage ? (
        <button
          type="button"
          className="button"
          onClick={() => void pages.fetchNextPage()}
          disabled={pages.isFetchingNextPage}
        >
          Show older sessions
        </button>
      ) : null}
    </div>
  )
}

export default SessionList
