import { join } from 'node:path'
import { app, dialog, session, type BrowserWindow } from 'electron'
import { startAppCore, type AppCore } from '../app'
import { registerFileDialogs, registerIpc } from './ipc'
import { installMenu } from './menu'
import { createMainWindow, isAppUrl, rendererDir } from './window'
import { registerAppScheme, serveApp } from './protocol'

let core: AppCore | undefined
let mainWindow: BrowserWindow | undefined

// Before ready, as Electron requires: the app's own scheme (casebook://app/).
registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.whenReady().then(() => {
    // Nothing the app loads needs a permission such as camera or location: refused when asked, and reported as not
    // granted when a page only checks (which the request handler alone does not cover).
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
    session.defaultSession.setPermissionCheckHandler(() => false)
    serveApp(rendererDir)
    const dataDir = process.env.CASEBOOK_DATA_DIR ?? join(app.getPath('userData'), 'data')
    try {
      core = startAppCore({ dataDir, transport: 'electron', appVersion: app.getVersion() })
    } catch (error) {
      dialog.showErrorBox('RCO Casebook cannot open its data', `${(error as Error).message}\n\nData folder: ${dataDir}`)
      app.exit(1)
      return
    }
    // A closed window's session ends; after the last one the database closes and its key leaves memory.
    registerIpc(core.router, isAppUrl, (client) => void core?.endClient(client))
    registerFileDialogs(isAppUrl)
    installMenu()
    mainWindow = createMainWindow(join(app.getPath('userData'), 'window-state.json'))
    mainWindow.on('closed', () => (mainWindow = undefined))
  })

  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => {
    void core?.close()
  })
}
