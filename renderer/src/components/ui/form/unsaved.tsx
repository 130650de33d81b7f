import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useBlocker, type BlockerFunction } from 'react-router'
import { ConfirmDialog } from '../Dialog'

/** How someone leaves what they were doing: another page (a link, Back), signing out, or locking the screen. */
export type LeaveKind = 'navigate' | 'signOut' | 'lock'

export interface LeaveWords {
  title: string
  body: string
  stay: string
  go: string
}

/** Something on the page that would be lost (a form with changes, a recovery key not yet stored). */
export interface LeaveGuard {
  isUnsaved(): boolean
  /** Its own words, where "changes that are not saved" does not fit. */
  words?: Partial<Record<LeaveKind, LeaveWords>>
}

const UNSAVED_WORDS: Record<LeaveKind, LeaveWords> = {
  navigate: {
    title: 'Leave without saving?',
    body: 'You have changes on this page that are not saved. If you leave now, they are lost.',
    stay: 'Stay on this page',
    go: 'Leave without saving',
  },
  signOut: {
    title: 'Sign out without saving?',
    body: 'You have changes on this page that are not saved. If you sign out now, they are lost.',
    stay: 'Stay on this page',
    go: 'Sign out without saving',
  },
  lock: {
    title: 'Lock the screen now?',
    body: 'You have changes on this page that are not saved yet. They are kept while the screen is locked and are back when you unlock it.',
    stay: 'Keep working',
    go: 'Lock now',
  },
}

interface GuardScope {
  /** The signed-in account: drafts kept across a lock are theirs alone. */
  owner: number
  register(guard: LeaveGuard): () => void
  /** Runs `proceed` at once if nothing would be lost, otherwise after the person says so. */
  confirm(kind: Exclude<LeaveKind, 'navigate'>, proceed: () => void): void
}

const GuardContext = createContext<GuardScope | null>(null)

/** The guard around the signed-in app, or null outside it (the sign-in screens: nothing there to lose). */
export function useLeaveGuardScope(): GuardScope | null {
  return useContext(GuardContext)
}

/** Registers `guard` while the component is on the page. */
export function useLeaveGuard(guard: LeaveGuard): void {
  const scope = useLeaveGuardScope()
  const latest = useRef(guard)
  useEffect(() => {
    latest.current = guard
  })
  useEffect(
    () =>
      scope?.register({
        isUnsaved: () => latest.current.isUnsaved(),
        get words() {
          return latest.current.words
        },
      }),
    [scope],
  )
}

/** Asks before signing out or locking with something unsaved; outside the app, goes ahead. */
export function useConfirmLeaving(): GuardScope['confirm'] {
  const scope = useLeaveGuardScope()
  return scope?.confirm ?? ((_kind, proceed) => proceed())
}

/** The browser's own "Leave site?" question on reload or close while `shouldWarn()` (in Electron, main asks). */
export function useWarnBeforeUnload(shouldWarn: () => boolean): void {
  const latest = useRef(shouldWarn)
  useEffect(() => {
    latest.current = shouldWarn
  })
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!latest.current()) return
      event.preventDefault()
      // Older engines ask only when returnValue is set.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [])
}

/**
 * Stands around the signed-in app (inside the router): nothing typed is lost without asking. Another page in the app
 * or the browser's Back asks through the router's blocker (one for the whole app: the router allows one); reload or
 * close through the browser's own question; signing out and locking through `useConfirmLeaving`.
 */
export function UnsavedChangesGuard({ owner, children }: { owner: number; children: ReactNode }) {
  const guards = useRef(new Set<LeaveGuard>())
  // Once the person chose to sign out anyway, the sign-out's own move to the start page must not ask again.
  const leaving = useRef(false)
  const unsaved = useCallback(
    () => (leaving.current ? undefined : [...guards.current].find((guard) => guard.isUnsaved())),
    [],
  )

  const blocker = useBlocker(
    useCallback<BlockerFunction>(
      ({ currentLocation: from, nextLocation: to }) =>
        (from.pathname !== to.pathname || from.search !== to.search) && unsaved() !== undefined,
      [unsaved],
    ),
  )
  useWarnBeforeUnload(() => unsaved() !== undefined)

  const [asking, setAsking] = useState<{ words: LeaveWords; kind: LeaveKind; proceed(): void } | null>(null)
  const confirm = useCallback<GuardScope['confirm']>(
    (kind, proceed) => {
      const guard = unsaved()
      if (!guard) return proceed()
      setAsking({ kind, words: guard.words?.[kind] ?? UNSAVED_WORDS[kind], proceed })
    },
    [unsaved],
  )
  const scope = useMemo<GuardScope>(
    () => ({
      owner,
      register: (guard) => {
        guards.current.add(guard)
        return () => void guards.current.delete(guard)
      },
      confirm,
    }),
    [owner, confirm],
  )

  const blockedWords = blocker.state === 'blocked' ? (unsaved()?.words?.navigate ?? UNSAVED_WORDS.navigate) : null

  return (
    <GuardContext.Provider value={scope}>
      {children}
      {blockedWords ? (
        <ConfirmDialog
          title={blockedWords.title}
          stayLabel={blockedWords.stay}
          goLabel={blockedWords.go}
          danger
          onStay={() => blocker.reset?.()}
          onGo={() => blocker.proceed?.()}
        >
          <p>{blockedWords.body}</p>
        </ConfirmDialog>
      ) : null}
      {asking ? (
        <ConfirmDialog
          title={asking.words.title}
          stayLabel={asking.words.stay}
          goLabel={asking.words.go}
          danger={asking.kind === 'signOut'}
          onStay={() => setAsking(null)}
          onGo={() => {
            const { kind, proceed } = asking
            leaving.current = kind === 'signOut'
            setAsking(null)
            proceed()
          }}
        >
          <p>{asking.words.body}</p>
        </ConfirmDialog>
      ) : null}
    </GuardContext.Provider>
  )
}
