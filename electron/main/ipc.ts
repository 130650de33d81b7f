import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { Router } from '../app/router'

/**
 * The only Electron glue for calls: every channel of the contract goes through one IPC handler into the router.
 * Calls are accepted only from the main frame of one of the app's own windows, loaded from the app's own files. Each
 * window is its own client, so each has its own session; `onWindowGone` ends it when the window closes.
 */
export function registerIpc(router: Router, isAppUrl: (url: string) => boolean, onWindowGone: (client: string) => void) {
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
