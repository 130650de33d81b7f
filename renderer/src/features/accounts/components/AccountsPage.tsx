import { useEffect, useRef, useState } from 'react'
import { Link } from 'react-router'
import { AccountCreateInput, AccountRef, AccountResetPasswordInput, type Account } from '@shared/domain/accounts'
import { MIN_PASSWORD_LENGTH, ROLES } from '@shared/domain/auth'
import { ApiCallError } from '../../../lib/api'
import { formatDate } from '../../../lib/format'
import { Dialog, ErrorState, LoadingState, PageHeader } from '../../../components/ui'
import {
  Form,
  FormSelectField,
  FormTextField,
  idFromText,
  problemFromError,
  SubmitButton,
  useFormValue,
} from '../../../components/ui/form'
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
      <PageHeader documentTitle="Accounts" title="Accounts" />
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
        <div className="table-scroll">
          <table className="table table--dense">
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
                  <th scope="row" className="cell-text">
                    {account.username}
                  </th>
                  <td className="cell-text">{account.displayName}</td>
                  <td>{ROLES[account.role]}</td>
                  <td className="cell-text">
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
                            <button
                              type="button"
                              className="button button--small"
                              onClick={() => open('reset', account)}
                            >
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
        </div>
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

/** A refused change to an account: the list refetches after any answer, so it already shows the account as it is. */
function accountProblem(error: unknown) {
  if (error instanceof ApiCallError && error.code === 'conflict' && Object.keys(error.fields).length === 0) {
    return { fields: {}, message: `${error.message} The list now shows the account as it is; check it and try again.` }
  }
  return problemFromError(error)
}

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
  const [show, setShow] = useState(false)
  const text = DIALOG_TEXT[kind]
  const who = `${account.displayName} (${account.username})`
  const ref = { id: account.id, version: account.version }

  return (
    <Dialog title={`${text.title} ${who}`} onClose={onClose}>
      <Form
        idPrefix="dialog-"
        className="form form--compact"
        schema={kind === 'deactivate' ? AccountRef : AccountResetPasswordInput}
        defaultValues={{ password: '' }}
        toInput={(values) => (kind === 'deactivate' ? ref : { ...ref, password: values.password })}
        onSubmit={(input) =>
          kind === 'deactivate'
            ? deactivate.mutateAsync(input)
            : kind === 'reactivate'
              ? reactivate.mutateAsync(input as typeof input & { password: string })
              : reset.mutateAsync(input as typeof input & { password: string })
        }
        onSaved={() => onDone(`${who} ${text.done}`)}
        problemOf={accountProblem}
        failureTitle="Nothing was changed"
      >
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
            <FormTextField
              name="password"
              label="New first password"
              type={show ? 'text' : 'password'}
              required
              autoComplete="new-password"
              hint={`At least ${MIN_PASSWORD_LENGTH} characters`}
            />
            <ShowPassword show={show} onChange={setShow} />
          </>
        )}
        <div className="form__actions">
          <SubmitButton className={kind === 'deactivate' ? 'button button--danger' : 'button button--primary'}>
            {text.button}
          </SubmitButton>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </Form>
    </Dialog>
  )
}

/** Not a value of the form: whether the password field shows what is typed. */
function ShowPassword({ show, onChange }: { show: boolean; onChange(show: boolean): void }) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={show} onChange={(event) => onChange(event.target.checked)} />
      Show the password
    </label>
  )
}

const EMPTY_ACCOUNT = { displayName: '', username: '', role: '', coachId: '', password: '' }

function NewAccountForm({ existing, onCreated }: { existing: Account[]; onCreated(text: string): void }) {
  const create = useAccountMutation('accounts.create')
  const [show, setShow] = useState(false)
  return (
    <section aria-labelledby="new-account-heading" className="card section-gap">
      <h2 id="new-account-heading">Add an account</h2>
      <Form
        idPrefix="account-"
        schema={AccountCreateInput}
        defaultValues={EMPTY_ACCOUNT}
        toInput={(values) => ({
          displayName: values.displayName,
          username: values.username,
          role: values.role,
          coachId: values.role === 'coach' ? idFromText(values.coachId) : null,
          password: values.password,
        })}
        onSubmit={(input) => create.mutateAsync(input)}
        valuesAfterSave={() => EMPTY_ACCOUNT}
        onSaved={(account) => {
          setShow(false)
          onCreated(
            `Account ${account.username} was added for ${account.displayName}. Give them the first password in person; they choose their own when they first sign in.`,
          )
        }}
        draftKey="account-new"
      >
        <FormTextField name="displayName" label="Name" required autoComplete="off" />
        <FormTextField
          name="username"
          label="Username"
          required
          autoComplete="off"
          hint="What they type to sign in: letters, digits, dots, dashes or underscores"
        />
        <FormSelectField
          name="role"
          label="Role"
          required
          hint="Supervisors see everything; coordinators keep the roster; a coach sees only their own page"
          options={[['', 'Choose a role'], ...Object.entries(ROLES)]}
        />
        <CoachChoice existing={existing} />
        <FormTextField
          name="password"
          label="First password"
          type={show ? 'text' : 'password'}
          required
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. They replace it with their own at their first sign-in.`}
        />
        <ShowPassword show={show} onChange={setShow} />
        <div className="form__actions">
          <SubmitButton>Add account</SubmitButton>
        </div>
      </Form>
    </section>
  )
}

/** For a coach account: the roster entry it belongs to, among those without an account yet. */
function CoachChoice({ existing }: { existing: Account[] }) {
  const words = useCoachWords()
  const role = useFormValue<string>('role')
  const coaches = useCoachesForLinking(role === 'coach')
  if (role !== 'coach') return null
  if (coaches.isError) return <ErrorState error={coaches.error} />
  const linked = new Set(
    existing.filter((account) => account.active && account.coachId !== null).map((account) => account.coachId),
  )
  const options: Array<[string, string]> = coaches.isPending
    ? [['', 'Loading…']]
    : [
        ['', `Choose a ${words.singular}`],
        ...(coaches.data ?? [])
          .filter((coach) => !linked.has(coach.id))
          .map((coach): [string, string] => [String(coach.id), coach.displayName]),
      ]
  return (
    <FormSelectField
      name="coachId"
      label={`Which ${words.singular}`}
      required
      hint={`The ${words.singular} this account belongs to. Those who already have an account are not listed.`}
      options={options}
    />
  )
}
