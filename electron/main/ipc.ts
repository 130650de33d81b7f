import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { Router } from '../app/router'

/**
 * The only Electron glue for calls: every channel of the contract goes through one IPC handler into the router.
 * Calls are accepted only from the main frame of one of the app's own windows, loaded from the app's own files.
 */
export function registerIpc(router: Router, isAppUrl: (url: string) => boolean) {
  ipcMain.handle('casebook:call', (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    const frame = event.senderFrame
    if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app itself.' } }
    }
    return router.call(channel, input, { kind: 'local' })
  })
}
