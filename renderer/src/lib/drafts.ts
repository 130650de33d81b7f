/**
 * What someone typed and has not saved, kept in memory while the screen is locked (the app leaves the page then, so
 * its forms' state goes with it) and given back to the same person when they unlock.
 *
 * Drafts are keyed by account and form, and only ever in this page's memory: never written anywhere, never shown to
 * another account. The sign-in gate forgets them on sign-out, when another account signs in and after a restore
 * (see `forgetDraftsFor`). Password fields are never kept (the form leaves them out).
 */

export interface Draft {
  /** The form's values as typed. */
  values: Record<string, unknown>
  /** What the form started from, so it still knows which values are changes. */
  baseline: Record<string, unknown>
  /** The form's own notes, such as the record version the edit started from. */
  meta?: unknown
}

export interface DraftStore {
  save(owner: number, key: string, draft: Draft): void
  peek(owner: number, key: string): Draft | undefined
  discard(owner: number, key: string): void
  /** Forgets every draft but `owner`'s. */
  keepOnly(owner: number): void
  clear(): void
  size(): number
}

export function createDraftStore(): DraftStore {
  const drafts = new Map<string, { owner: number; draft: Draft }>()
  const id = (owner: number, key: string) => `${owner}\u0000${key}`
  return {
    save: (owner, key, draft) => void drafts.set(id(owner, key), { owner, draft: structuredClone(draft) }),
    peek: (owner, key) => {
      const found = drafts.get(id(owner, key))
      return found ? structuredClone(found.draft) : undefined
    },
    discard: (owner, key) => void drafts.delete(id(owner, key)),
    keepOnly: (owner) => {
      for (const [key, entry] of drafts) if (entry.owner !== owner) drafts.delete(key)
    },
    clear: () => drafts.clear(),
    size: () => drafts.size,
  }
}

/** The one store of the page. */
export const drafts = createDraftStore()

/** What the sign-in gate just learned, as far as drafts are concerned. */
export type GateOutcome =
  | { state: 'signed_in'; accountId: number }
  | { state: 'locked' }
  | { state: 'signed_out' | 'setup' | 'unavailable' | 'restored' }

/**
 * The rule of who may see a draft again: only the account that typed it, after unlocking. A lock keeps them; signing
 * in keeps only that account's; anything else (signed out, first run, unreadable data, a restored backup) forgets all.
 */
export function forgetDraftsFor(outcome: GateOutcome, store: DraftStore = drafts): void {
  if (outcome.state === 'locked') return
  if (outcome.state === 'signed_in') store.keepOnly(outcome.accountId)
  else store.clear()
}

let appClosing = false

/**
 * Set while the signed-in app leaves the page (a lock, a sign-out, an ended session): a form unmounting then keeps its
 * draft; a form unmounting at any other time (the person left it, or saved) discards it.
 */
export function markAppClosing(closing: boolean): void {
  appClosing = closing
}

export function isAppClosing(): boolean {
  return appClosing
}
