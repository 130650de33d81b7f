import { writeFile } from 'node:fs/promises'
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { Router } from '../app/router'

/**
 * The only Electron glue for calls: every channel of the contract goes through one IPC handler into the router.
 * Calls are accepted only from the main frame of one of the app's own windows, loaded from the app's own files. Each
 * window is its own client, so each has its own session; `onWindowGone` ends it when the window closes.
 */
export function registerIpc(
  router: Router,
  isAppUrl: (url: string) => boolean,
  onWindowGone: (client: string) => void,
) {
  const watched = new Set<number>()
  ipcMain.handle('casebook:call', (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    if (!fromAppFrame(event, isAppUrl)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app itself.' } }
    }
    const contents = event.sender
    const client = `window:${contents.id}`
    if (!watched.has(contents.id)) {
      watched.add(contents.id)
      contents.once('destroyed', () => {
        watched.delete(contents.id)
        onWindowGone(client)
      })
    }
    return router.call(channel, input, client)
  })
}

/** Each kind of file the app saves or opens, with its dialog's filter. */
const FILE_KINDS = {
  backup: { name: 'RCO Casebook backup', extensions: ['casebook-backup'], writable: false },
  pdf: { name: 'PDF document', extensions: ['pdf'], writable: true },
  csv: { name: 'CSV spreadsheet', extensions: ['csv'], writable: true },
} as const
type FileKind = keyof typeof FILE_KINDS

/** The largest document the renderer may have written (a report with charts is a few megabytes). */
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

function fromAppFrame(event: IpcMainInvokeEvent, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame
  return Boolean(frame && frame === event.sender.mainFrame && isAppUrl(frame.url))
}

function fileRequest(request: unknown): { kind: FileKind; mode: 'save' | 'open'; suggestedName: string } | null {
  if (typeof request !== 'object' || request === null) return null
  const { kind, mode, suggestedName } = request as Record<string, unknown>
  if (typeof kind !== 'string' || !Object.hasOwn(FILE_KINDS, kind)) return null
  if (mode !== 'save' && mode !== 'open') return null
  const extension = FILE_KINDS[kind as FileKind].extensions[0]
  const name =
    typeof suggestedName === 'string' && suggestedName.trim()
      ? suggestedName.replace(/[^\w.-]/g, '_').slice(0, 100)
      : `casebook.${extension}`
  return { kind: kind as FileKind, mode, suggestedName: name }
}

/**
 * The one door to the system's file dialogs, for every kind of file (backups now; PDF reports and CSV exports next):
 * it answers only a path the person picked, and only to the app's own main frame. A backup's path then goes to the
 * router, which checks it as it would a typed one. A document's path may be written once, by the handler below, and
 * no other path ever.
 */
export function registerFileDialogs(isAppUrl: (url: string) => boolean) {
  /** Per window: the path its last save dialog returned for a document, until it is written. */
  const chosenForWriting = new Map<number, string>()

  ipcMain.handle('casebook:choose-file', async (event: IpcMainInvokeEvent, request: unknown) => {
    if (!fromAppFrame(event, isAppUrl)) return null
    const asked = fileRequest(request)
    if (!asked) return null
    const kind = FILE_KINDS[asked.kind]
    const filters = [{ name: kind.name, extensions: [...kind.extensions] }]
    const window = BrowserWindow.fromWebContents(event.sender)
    if (asked.mode === 'save') {
      const options = { defaultPath: asked.suggestedName, filters }
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      const path = result.canceled || !result.filePath ? null : result.filePath
      if (path && kind.writable) chosenForWriting.set(event.sender.id, path)
      else chosenForWriting.delete(event.sender.id)
      return path
    }
    const options = { filters, properties: ['openFile' as const] }
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  })

  ipcMain.handle('casebook:write-chosen-file', async (event: IpcMainInvokeEvent, path: unknown, content: unknown) => {
    if (!fromAppFrame(event, isAppUrl)) return { ok: false, message: 'Files are written only for the app itself.' }
    const chosen = chosenForWriting.get(event.sender.id)
    chosenForWriting.delete(event.sender.id)
    if (typeof path !== 'string' || path !== chosen) {
      return { ok: false, message: 'Choose where to save the file first.' }
    }
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    if (!(data instanceof Uint8Array) || data.byteLength > MAX_DOCUMENT_BYTES) {
      return { ok: false, message: 'The document could not be saved: it is not one the app made.' }
    }
    try {
      await writeFile(path, data)
      return { ok: true }
    } catch (error) {
      return { ok: false, message: `The file could not be saved: ${(error as Error).message}` }
    }
  })
}
