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
    const frame = event.senderFrame
    if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url)) {
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

/**
 * The system's save or open dialog for a backup file. It answers only a path the person picked; the router still
 * checks it (a supervisor's session, the file's contents) as it would a typed one.
 */
export function registerFileDialogs(isAppUrl: (url: string) => boolean) {
  ipcMain.handle(
    'casebook:choose-backup-file',
    async (event: IpcMainInvokeEvent, mode: unknown, suggestedName: unknown) => {
      const frame = event.senderFrame
      if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url)) return null
      const window = BrowserWindow.fromWebContents(event.sender)
      const filters = [{ name: 'RCO Casebook backup', extensions: ['casebook-backup'] }]
      if (mode === 'save') {
        const name =
          typeof suggestedName === 'string'
            ? suggestedName.replace(/[^\w.-]/g, '_').slice(0, 100)
            : 'casebook.casebook-backup'
        const options = { defaultPath: name, filters }
        const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
        return result.canceled || !result.filePath ? null : result.filePath
      }
      if (mode === 'open') {
        const options = { filters, properties: ['openFile' as const] }
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
        return result.canceled ? null : (result.filePaths[0] ?? null)
      }
      return null
    },
  )
}
