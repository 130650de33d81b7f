import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow, dialog, shell } from 'electron'
import { loadWindowState, trackWindowState } from './window-state'

export const rendererIndex = join(__dirname, '../renderer/index.html')
const rendererRoot = pathToFileURL(join(__dirname, '../renderer/')).href

/** True for the app's own pages only: files under the built renderer folder. */
export function isAppUrl(url: string): boolean {
  return url.startsWith(rendererRoot)
}

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
    if (/^(https:|mailto:)/.test(url)) void shell.openExternal(url)
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
  void window.loadFile(rendererIndex)
  return window
}
