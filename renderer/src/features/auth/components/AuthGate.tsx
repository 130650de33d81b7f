import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { AuthStatus, SignedInUser } from '@shared/domain/auth'
import { reportSignedOut, call, onSignedOut } from '../../../lib/api'
import { forgetDraftsFor, markAppClosing, type GateOutcome } from '../../../lib/drafts'
import { useOfficeSettings } from '../../settings/api/settings'
import { SessionContext, type Session } from '../session'
import { useIdleLock } from '../useIdleLock'
import { AuthLayout } from './AuthLayout'
import { MustChangePasswordScreen } from './ChangePassword'
import { LockScreen } from './LockScreen'
import { RecoveryKeyScreen } from './RecoveryKeyScreen'
import { SetupScreen } from './SetupScreen'
import { SignInScreen } from './SignInScreen'
import { UnavailableScreen } from './UnavailableScreen'

type GateState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  /** `notice`: what the screen tells the person first (after a restore, for one). */
  | { kind: 'status'; status: AuthStatus; notice?: string }
  /** A backup was just restored: the app leaves the page and its cache is cleared before it opens again. */
  | { kind: 'restarting'; status: AuthStatus; notice: string }
  /** Straight after set-up: the recovery key, shown once, before the app opens. */
  | { kind: 'recovery_key'; recoveryKey: string; officeName: string; next: AuthStatus }

/**
 * Stands in front of the app: asks the main process who is signed in and shows set-up, sign-in, lock or the
 * new-password screen until the answer is an unlocked user. While any of those screens shows, the app is not
 * mounted and the query cache is empty, so nothing of the office's data is left in the page.
 */
export function AuthGate({
  children,
  onSignedOut: resetLocation,
  onRestored: showRestored,
}: {
  children: ReactNode
  onSignedOut(): void
  /** Signed in from a restored backup: where the app opens, and what it tells the person there. */
  onRestored(notice: string): void
}) {
  const queryClient = useQueryClient()
  const [state, setState] = useState<GateState>({ kind: 'loading' })
  const checking = useRef<Promise<void> | null>(null)

  const refresh = useCallback(() => {
    // Many queries can fail at once when a session ends; one question is enough.
    checking.current ??= call('auth.status', {})
      .then((status) => setState({ kind: 'status', status }))
      .catch((error: unknown) =>
        setState({
          kind: 'failed',
          message: error instanceof Error ? error.message : 'The app could not reach its data.',
        }),
      )
      .finally(() => {
        checking.current = null
      })
    return checking.current
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  // Any data call answering "unauthenticated": the session ended or was locked elsewhere. Leave the app, then ask.
  useEffect(() => {
    onSignedOut(() => {
      setState((current) => (isOpen(current) ? { kind: 'loading' } : current))
      void refresh()
    })
    return () => onSignedOut(null)
  }, [refresh])

  const open = isOpen(state)
  // Runs after the app has left the page: the cache goes with it, so the next user (or the same one after unlocking)
  // starts from what the main process answers then.
  useEffect(() => {
    if (!open) queryClient.clear()
  }, [open, queryClient])

  // What was typed and kept across a lock is for the same account only (lib/drafts.ts). This runs after the app's
  // forms have left the page and kept their drafts, so a sign-out forgets what they just kept.
  useEffect(() => {
    const outcome = draftOutcome(state)
    if (outcome) forgetDraftsFor(outcome)
  }, [state])

  // After the cache was cleared above (effects run in order), the app opens again on the restored data.
  useEffect(() => {
    if (state.kind === 'restarting') setState({ kind: 'status', status: state.status, notice: state.notice })
  }, [state])

  const take = useCallback((status: AuthStatus) => setState({ kind: 'status', status }), [])

  const restored = useCallback(
    (status: AuthStatus, notice: string) => {
      if (status.state === 'signed_in') showRestored(notice)
      else resetLocation()
      setState({ kind: 'restarting', status, notice })
    },
    [showRestored, resetLocation],
  )

  const lock = useCallback(() => {
    setState((current) =>
      current.kind === 'status' && current.status.state === 'signed_in'
        ? { kind: 'status', status: { state: 'locked', user: pickLocked(current.status.user) } }
        : current,
    )
    call('auth.lock', {}).then(take, () => refresh())
  }, [take, refresh])

  const signOut = useCallback(() => {
    setState({ kind: 'loading' })
    resetLocation()
    call('auth.signOut', {}).then(take, () => refresh())
  }, [take, refresh, resetLocation])

  if (state.kind === 'loading' || state.kind === 'restarting') {
    return (
      <AuthLayout>
        <p role="status" className="muted">
          Opening RCO Casebook…
        </p>
      </AuthLayout>
    )
  }
  if (state.kind === 'failed') return <StartFailure message={state.message} onRetry={() => void refresh()} />
  if (state.kind === 'recovery_key') {
    const user = state.next.state === 'signed_in' ? state.next.user.username : ''
    return (
      <RecoveryKeyScreen
        recoveryKey={state.recoveryKey}
        officeName={state.officeName}
        username={user}
        onContinue={() => take(state.next)}
      />
    )
  }
  const status = state.status
  switch (status.state) {
    case 'setup':
      return (
        <SetupScreen
          officeName={status.officeName}
          coachTitle={status.coachTitle}
          existingData={status.existingData}
          emptied={status.emptied}
          onRestored={restored}
          onDone={(result, officeName) =>
            setState({ kind: 'recovery_key', recoveryKey: result.recoveryKey, officeName, next: result.status })
          }
        />
      )
    case 'signed_out':
      return <SignInScreen onSignedIn={take} notice={state.notice} />
    case 'locked':
      return (
        <LockScreen
          username={status.user.username}
          displayName={status.user.displayName}
          onUnlocked={take}
          onSignOut={signOut}
        />
      )
    case 'signed_in':
      if (status.user.mustChangePassword) {
        return (
          <MustChangePasswordScreen
            username={status.user.username}
            displayName={status.user.displayName}
            onChanged={take}
            onSignOut={signOut}
          />
        )
      }
      return (
        <SignedIn
          user={status.user}
          autoLockMinutes={status.autoLockMinutes}
          lock={lock}
          signOut={signOut}
          update={take}
          restored={restored}
        >
          {children}
        </SignedIn>
      )
    case 'unavailable':
      // The records cannot be opened (damaged, from a newer version…): say so, open nothing, offer a backup.
      return (
        <UnavailableScreen
          message={status.message}
          latestBackup={status.latestBackup}
          onRestored={restored}
          onRetry={() => void refresh()}
        />
      )
    default:
      // The contract checks every answer, so this is unreachable; say so rather than show a blank window.
      return (
        <StartFailure
          message="This version of the app does not understand what it was told about the data."
          onRetry={() => void refresh()}
        />
      )
  }
}

function StartFailure({ message, onRetry }: { message: string; onRetry(): void }) {
  return (
    <AuthLayout>
      <h1>The app could not start</h1>
      <div role="alert" className="notice notice--error">
        <p>{message}</p>
      </div>
      <p>
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </p>
    </AuthLayout>
  )
}

function draftOutcome(state: GateState): GateOutcome | null {
  if (state.kind === 'restarting') return { state: 'restored' }
  if (state.kind !== 'status') return null
  const status = state.status
  return status.state === 'signed_in'
    ? { state: 'signed_in', accountId: status.user.accountId }
    : { state: status.state }
}

function isOpen(state: GateState): boolean {
  return state.kind === 'status' && state.status.state === 'signed_in' && !state.status.user.mustChangePassword
}

/**
 * Tells the main process someone is still at the screen, so it does not lock the session while they type a long form.
 * If the session was locked or ended meanwhile (another window), the gate asks again who is signed in.
 */
function stillHere() {
  call('auth.touch', {})
    .then((status) => {
      if (status.state !== 'signed_in') reportSignedOut()
    })
    .catch(() => undefined)
}

function pickLocked(user: SignedInUser) {
  return { username: user.username, displayName: user.displayName }
}

/** The unlocked app, with the idle timer that locks it. The office's setting wins once loaded, so a change applies at once. */
function SignedIn({ children, ...session }: Session & { children: ReactNode }) {
  const settings = useOfficeSettings()
  const minutes = settings.data?.autoLockMinutes ?? session.autoLockMinutes
  useIdleLock(minutes, session.lock, stillHere)
  // Whenever the app leaves the page (locked, signed out, the session ended elsewhere), its forms keep what was typed
  // (lib/drafts.ts). A layout cleanup runs before the forms' own cleanups, so they see the mark.
  useLayoutEffect(() => {
    markAppClosing(false)
    return () => markAppClosing(true)
  }, [])
  const { user, lock, signOut, update, restored } = session
  const value = useMemo<Session>(
    () => ({ user, autoLockMinutes: minutes, lock, signOut, update, restored }),
    [user, minutes, lock, signOut, update, restored],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}
