import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { fieldErrors } from '@shared/api/validation'
import { AccountCreateInput, type Account } from '@shared/domain/accounts'
import { MIN_PASSWORD_LENGTH, Password, ROLES } from '@shared/domain/auth'
import { ApiCallError } from '../../../lib/api'
import {
  Dialog,
  ErrorState,
  ErrorSummary,
  formatDate,
  LoadingState,
  PageHeading,
  SelectField,
  TextField,
} from '../../../app/ui'
import { useCoachWords } from '../../settings/api/settings'
import { useCurrentUser } from '../../auth/session'
import { useAccountMutation, useAccounts, useCoachesForLinking } from '../api/accounts'

type Action = { kind: 'deactivate' | 'reactivate' | 'reset'; accountId: number }

export function AccountsPage() {
  const accounts = useAccounts()
  const me = useCurrentUser()
  const words = useCoachWords()
  const [action, setAction] = useState<Action | null>(null)
  const [flash, setFlash] = useState<{ text: string; focus: boolean } | null>(null)
  const flashRef = useRef<HTMLParagraphElement>(null)
  // After a dialog, its opener may be gone (Deactivate becomes Reactivate): focus goes to what happened instead.
  useEffect(() => {
    if (flash?.focus) flashRef.current?.focus()
  }, [flash])
  const list = accounts.data ?? []
  // The dialog follows the list, so a refetch after a conflict gives it the current version.
  const target = action ? list.find((account) => account.id === action.accountId) : undefined

  return (
    <>
      <PageHeading documentTitle="Accounts">Accounts</PageHeading>
      <p className="muted">
        Everyone who signs in has their own account. A new or reset account gets a first password from you; its owner
        chooses their own at their next sign-in.
      </p>
      <div aria-live="polite">
        {flash ? (
          <p role="status" className="notice notice--success" tabIndex={-1} ref={flashRef}>
            {flash.text}
          </p>
        ) : null}
      </div>
      {accounts.isPending ? <LoadingState what="accounts" /> : null}
      {accounts.isError ? <ErrorState error={accounts.error} /> : null}
      {list.length > 0 ? (
        <table className="table">
          <caption>Accounts ({list.length})</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Linked {words.singular}</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((account) => (
              <tr key={account.id}>
                <th scope="row">{account.username}</th>
                <td>{account.displayName}</td>
                <td>{ROLES[account.role]}</td>
                <td>
                  {account.coachId !== null ? (
                    <Link to={`/coaches/${account.coachId}`}>{account.coachName ?? `#${account.coachId}`}</Link>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <span className="badges">
                    {account.active ? (
                      <span className="badge badge--active">Active</span>
                    ) : (
                      <span className="badge badge--left">Deactivated</span>
                    )}
                    {account.locked ? <span className="badge badge--danger">Locked out</span> : null}
                    {account.active && account.mustChangePassword ? (
                      <span className="badge badge--on_leave">Must change password</span>
                    ) : null}
                  </span>
                </td>
                <td className="nowrap">{formatDate(account.createdAt)}</td>
                <td>
                  {account.id === me.accountId ? (
                    <span className="muted">You</span>
                  ) : (
                    <span className="row-actions">
                      {account.active ? (
                        <>
                          <button type="button" className="button button--small" onClick={() => open('reset', account)}>
                            Reset password<span className="visually-hidden"> of {account.username}</span>
                          </button>
                          <button
                            type="button"
                            className="button button--small"
                            onClick={() => open('deactivate', account)}
                          >
                            Deactivate<span className="visually-hidden"> {account.username}</span>
                          </button>
                        </>
                      ) : (
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => open('reactivate', account)}
                        >
                          Reactivate<span className="visually-hidden"> {account.username}</span>
                        </button>
                      )}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {action && target ? (
        <AccountActionDialog
          key={`${action.kind}-${action.accountId}`}
          kind={action.kind}
          account={target}
          onClose={() => setAction(null)}
          onDone={(text) => {
            setAction(null)
            setFlash({ text, focus: true })
          }}
        />
      ) : null}
      <NewAccountForm existing={list} onCreated={(text) => setFlash({ text, focus: false })} />
    </>
  )

  function open(kind: Action['kind'], account: Account) {
    setFlash(null)
    setAction({ kind, accountId: account.id })
  }
}

const DIALOG_TEXT = {
  deactivate: { title: 'Deactivate', button: 'Deactivate account', done: 'was deactivated. Their history is kept.' },
  reactivate: {
    title: 'Reactivate',
    button: 'Reactivate account',
    done: 'was reactivated with the first password you gave.',
  },
  reset: {
    title: 'Reset the password of',
    button: 'Reset password',
    done: 'has a new first password. Give it to them in person.',
  },
} as const

function AccountActionDialog({
  kind,
  account,
  onClose,
  onDone,
}: {
  kind: Action['kind']
  account: Account
  onClose(): void
  onDone(text: string): void
}) {
  const deactivate = useAccountMutation('accounts.deactivate')
  const reactivate = useAccountMutation('accounts.reactivate')
  const reset = useAccountMutation('accounts.resetPassword')
  const [password, setPassword] = useState('')
  const [show, setShow] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [message, setMessage] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const text = DIALOG_TEXT[kind]
  const who = `${account.displayName} (${account.username})`

  async function submit(event: FormEvent) {
    event.preventDefault()
    setMessage(undefined)
    if (kind !== 'deactivate') {
      const checked = Password.safeParse(password)
      if (!checked.success) {
        setError(checked.error.issues[0]?.message)
        return
      }
    }
    setError(undefined)
    setBusy(true)
    try {
      const ref = { id: account.id, version: account.version }
      if (kind === 'deactivate') await deactivate.mutateAsync(ref)
      else if (kind === 'reactivate') await reactivate.mutateAsync({ ...ref, password })
      else await reset.mutateAsync({ ...ref, password })
      onDone(`${who} ${text.done}`)
    } catch (caught) {
      setBusy(false)
      if (caught instanceof ApiCallError && caught.code === 'invalid_input' && caught.fields.password)
        setError(caught.fields.password)
      else if (caught instanceof ApiCallError && caught.code === 'conflict') {
        setMessage(`${caught.message} The list now shows the account as it is; check it and try again.`)
      } else setMessage(caught instanceof Error ? caught.message : 'Nothing was changed.')
    }
  }

  return (
    <Dialog title={`${text.title} ${who}`} onClose={onClose}>
      <form className="form form--compact" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorSummary
          errors={error ? { password: error } : {}}
          labels={{ password: 'New first password' }}
          idPrefix="dialog-"
          message={message}
          title="Nothing was changed"
        />
        {kind === 'deactivate' ? (
          <p>
            They will no longer be able to sign in. The account and everything it did stay on record, and you can
            reactivate it later.
          </p>
        ) : (
          <>
            <p>
              {kind === 'reactivate' ? 'The account can sign in again with a new first password. ' : ''}
              Give the first password to {account.displayName} in person; they choose their own at their next sign-in.
            </p>
            <TextField
              id="dialog-password"
              label="New first password"
              type={show ? 'text' : 'password'}
              value={password}
              onChange={setPassword}
              error={error}
              required
              autoComplete="new-password"
              maxLength={256}
              hint={`At least ${MIN_PASSWORD_LENGTH} characters`}
            />
            <label className="checkbox">
              <input type="checkbox" checked={show} onChange={(event) => setShow(event.target.checked)} />
              Show the password
            </label>
          </>
        )}
        <div className="form__actions">
          <button
            type="submit"
            className={kind === 'deactivate' ? 'button button--danger' : 'button button--primary'}
            disabled={busy}
          >
            {text.button}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}

const NEW_LABELS = {
  displayName: 'Name',
  username: 'Username',
  role: 'Role',
  coachId: 'Their roster entry',
  password: 'First password',
}

function NewAccountForm({ existing, onCreated }: { existing: Account[]; onCreated(text: string): void }) {
  const words = useCoachWords()
  const create = useAccountMutation('accounts.create')
  const empty = { displayName: '', username: '', role: '', coachId: '', password: '' }
  const [values, setValues] = useState(empty)
  const [show, setShow] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | undefined>()
  const coaches = useCoachesForLinking(values.role === 'coach')
  const linked = new Set(
    existing.filter((account) => account.active && account.coachId !== null).map((account) => account.coachId),
  )
  const coachOptions: Array<[string, string]> = [
    ['', `Choose a ${words.singular}`],
    ...(coaches.data ?? [])
      .filter((coach) => !linked.has(coach.id))
      .map((coach): [string, string] => [String(coach.id), coach.displayName]),
  ]
  const labels = { ...NEW_LABELS, coachId: `Which ${words.singular}` }
  const set = (key: keyof typeof values) => (value: string) => setValues((current) => ({ ...current, [key]: value }))
  const field = (key: keyof typeof values) => ({
    id: `account-${key}`,
    label: labels[key],
    error: errors[key],
    value: values[key],
    onChange: set(key),
  })

  async function submit(event: FormEvent) {
    event.preventDefault()
    const input = {
      displayName: values.displayName,
      username: values.username,
      role: values.role,
      coachId: values.role === 'coach' && values.coachId ? Number(values.coachId) : null,
      password: values.password,
    }
    const parsed = AccountCreateInput.safeParse(input)
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      setMessage(undefined)
      return
    }
    try {
      const account = await create.mutateAsync(input as AccountCreateInput)
      setValues(empty)
      setErrors({})
      setMessage(undefined)
      setShow(false)
      onCreated(
        `Account ${account.username} was added for ${account.displayName}. Give them the first password in person; they choose their own when they first sign in.`,
      )
    } catch (error) {
      if (error instanceof ApiCallError && error.code === 'invalid_input' && Object.keys(error.fields).length > 0) {
        setErrors(error.fields)
        setMessage(undefined)
      } else {
        setErrors({})
        setMessage(error instanceof Error ? error.message : 'Nothing was saved.')
      }
    }
  }

  return (
    <section aria-labelledby="new-account-heading" className="card section-gap">
      <h2 id="new-account-heading">Add an account</h2>
      <form className="form" onSubmit={submit} noValidate aria-busy={create.isPending}>
        <ErrorSummary errors={errors} labels={labels} idPrefix="account-" message={message} />
        <TextField {...field('displayName')} required maxLength={200} autoComplete="off" />
        <TextField
          {...field('username')}
          required
          maxLength={64}
          autoComplete="off"
          hint="What they type to sign in: letters, digits, dots, dashes or underscores"
        />
        <SelectField
          {...field('role')}
          required
          hint="Supervisors see everything; coordinators keep the roster; a coach sees only their own page"
          options={[['', 'Choose a role'], ...Object.entries(ROLES)]}
        />
        {values.role === 'coach' ? (
          coaches.isError ? (
            <ErrorState error={coaches.error} />
          ) : (
            <SelectField
              {...field('coachId')}
              required
              hint={`The ${words.singular} this account belongs to. Those who already have an account are not listed.`}
              options={coaches.isPending ? [['', 'Loading…']] : coachOptions}
            />
          )
        ) : null}
        <TextField
          {...field('password')}
          type={show ? 'text' : 'password'}
          required
          maxLength={256}
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. They replace it with their own at their first sign-in.`}
        />
        <label className="checkbox">
          <input type="checkbox" checked={show} onChange={(event) => setShow(event.target.checked)} />
          Show the password
        </label>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            Add account
          </button>
        </div>
      </form>
    </section>
  )
}
