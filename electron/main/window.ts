import { join } from 'node:path'
import { BrowserWindow, dialog, shell } from 'electron'
import { loadWindowState, trackWindowState } from './window-state'
import { externalAddress } from './external'
import { APP_INDEX_URL, isAppUrl } from './app-protocol'

/** The built renderer, served under casebook://app/ (see protocol.ts). */
export const rendererDir = join(__dirname, '../renderer')
export { isAppUrl }

export function createMainWindow(stateFile: string): BrowserWindow {
  const state = loadWindowState(stateFile)
  const window = new BrowserWindow({
    ...(state.placed ? state.bounds : { width: state.bounds.width, height: state.bounds.height }),
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'RCO Casebook',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  })
  if (state.maximized) window.maximize()
  trackWindowState(window, stateFile)

  // The app never navigates away from its own page, and never opens windows of its own.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    const address = externalAddress(url)
    if (address) void shell.openExternal(address)
    return { action: 'deny' }
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  // The page asks before a reload or close would lose what was typed (beforeunload); Electron shows no question of
  // its own, so ask here. Preventing the default lets the page go.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Leave without saving', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Leave without saving?',
      message: 'Some changes on this page are not saved.',
      detail: 'If you leave now, they are lost.',
    })
    if (choice === 0) event.preventDefault()
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(APP_INDEX_URL)
  return window
}
