import type { Channel, ChannelInput, ChannelOutput } from '@shared/api/contract'
import type { ApiError, ErrorCode, Result } from '@shared/api/result'
import { desktopBridge } from './bridge'

/** A failed call, as the UI sees it: the contract's code, a message for people and, for bad input, the fields. */
export class ApiCallError extends Error {
  readonly code: ErrorCode
  readonly fields: Record<string, string>
  constructor(error: ApiError) {
    super(error.message)
    this.name = 'ApiCallError'
    this.code = error.code
    this.fields = error.fields ?? {}
  }
}

/**
 * An answer that is not the contract's `{ ok, value | error }` (unreadable JSON, say): a fault of the app, not
 * something the person did. Pages do not handle it; it reaches the error boundary and its calm page.
 */
export class UnreadableAnswerError extends Error {
  constructor(channel: string) {
    super(`The answer to ${channel} could not be read.`)
    this.name = 'UnreadableAnswerError'
  }
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const result = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } }
  if (result.ok === true) return 'value' in result
  return result.ok === false && typeof result.error?.code === 'string' && typeof result.error.message === 'string'
}

async function send(channel: string, input: unknown): Promise<Result<unknown>> {
  const bridge = desktopBridge()
  let answer: unknown
  if (bridge) {
    answer = await bridge.invoke(channel, input)
  } else {
    let response: Response
    try {
      response = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(input ?? {}),
      })
    } catch {
      return {
        ok: false,
        error: { code: 'internal', message: 'The app could not reach its data. Is browser mode still running?' },
      }
    }
    answer = await response.json().catch(() => undefined)
  }
  if (!isResult(answer)) throw new UnreadableAnswerError(channel)
  return answer
}

/** Channels where `unauthenticated` answers a wrong password or recovery key, not an ended session. */
function checksASecret(channel: string): boolean {
  return channel.startsWith('auth.') || channel === 'backups.restore'
}

let signedOutListener: (() => void) | null = null

/**
 * Called when a data channel answers `unauthenticated`: the session ended or the screen was locked elsewhere (another
 * window, the main process's own idle timer). The sign-in gate listens, clears what is cached and asks who is signed in.
 * The `auth.*` channels and `backups.restore` are left out: there `unauthenticated` means a wrong password or recovery
 * key, and the screen says so itself. An `auth.*` channel answering `database_unavailable` (signing in found the file
 * damaged) calls it too: the gate then learns the database cannot be opened and shows what can be done.
 */
export function onSignedOut(listener: (() => void) | null): void {
  signedOutListener = listener
}

/** For a caller that learns from an answer, not an error, that the session is no longer open. */
export function reportSignedOut(): void {
  signedOutListener?.()
}

/** The one client: typed from the contract, throws ApiCallError on `{ ok: false }`. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await send(channel, input)
  if (!result.ok) {
    const code = result.error.code
    if (
      code === 'unauthenticated'
        ? !checksASecret(channel)
        : code === 'database_unavailable' && channel.startsWith('auth.')
    ) {
      signedOutListener?.()
    }
    throw new ApiCallError(result.error)
  }
  return result.value as ChannelOutput<C>
}
