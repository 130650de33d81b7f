import { desktopBridge, type FileKind } from './bridge'

/**
 * The one door to the system's file dialogs, for every kind of file the app saves or opens. In the desktop app it is
 * the system's dialog; in a browser a generated document becomes a download. Backups are the exception in a browser:
 * the server writes and reads them itself, so the person types the file's full path (see the Backups page).
 */

export const FILE_EXTENSIONS: Record<FileKind, string> = {
  backup: '.casebook-backup',
  pdf: '.pdf',
  csv: '.csv',
}

const MEDIA_TYPES: Record<Exclude<FileKind, 'backup'>, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv;charset=utf-8',
}

/** True in the desktop app, where the system's dialog picks a file. */
export function hasFileDialog(): boolean {
  return typeof desktopBridge()?.chooseFile === 'function'
}

/** `name` ending in the kind's extension: some dialogs do not add it, and a typed name may lack it. */
export function withExtension(name: string, kind: FileKind): string {
  const extension = FILE_EXTENSIONS[kind]
  return name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`
}

/** The system's dialog (desktop app only): the chosen full path, or null when cancelled or in a browser. */
export async function chooseFile(
  kind: FileKind,
  mode: 'save' | 'open',
  suggestedName?: string,
): Promise<string | null> {
  const bridge = desktopBridge()
  if (!bridge?.chooseFile) return null
  const chosen = await bridge.chooseFile({ kind, mode, suggestedName })
  if (!chosen) return null
  return mode === 'save' ? withExtension(chosen, kind) : chosen
}

export type SaveOutcome = { saved: true; name: string } | { saved: false; message?: string }

/**
 * Saves a document the app made (a PDF report, a CSV export): the save dialog and then the main process writes it in
 * the desktop app; a download in a browser. `saved: false` without a message means the person cancelled.
 */
export async function saveDocument(
  kind: Exclude<FileKind, 'backup'>,
  suggestedName: string,
  content: Uint8Array | string,
): Promise<SaveOutcome> {
  const bridge = desktopBridge()
  if (bridge?.chooseFile && bridge.writeChosenFile) {
    const path = await chooseFile(kind, 'save', suggestedName)
    if (!path) return { saved: false }
    const written = await bridge.writeChosenFile(path, content)
    return written.ok ? { saved: true, name: path } : { saved: false, message: written.message }
  }
  const name = withExtension(suggestedName, kind)
  const blob = new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type: MEDIA_TYPES[kind] })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started by now; the address is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return { saved: true, name }
}
