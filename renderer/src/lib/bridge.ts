import type { Result } from '@shared/api/result'

/** The kinds of file the app saves or opens through the system's dialogs. */
export type FileKind = 'backup' | 'pdf' | 'csv'

export interface FileRequest {
  kind: FileKind
  mode: 'save' | 'open'
  /** For `save`: the name the dialog suggests. */
  suggestedName?: string
}

/**
 * What the preload exposes in the desktop app (electron/preload/index.ts, which must match). In browser mode it is
 * absent: calls go over HTTP and files are typed paths or downloads.
 */
export interface DesktopBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  /** The system's save or open dialog for one kind of file: the chosen full path, or null when cancelled. */
  chooseFile?(request: FileRequest): Promise<string | null>
  /** Writes a document (PDF, CSV) to the path the save dialog just returned, and to no other. */
  writeChosenFile?(path: string, content: Uint8Array | string): Promise<{ ok: true } | { ok: false; message: string }>
}

declare global {
  interface Window {
    api?: DesktopBridge
  }
}

export function desktopBridge(): DesktopBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.api
}
