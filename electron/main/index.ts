import { join } from 'node:path'
import { app, dialog, session, type BrowserWindow } from 'electron'
import { startAppCore, type AppCore } from '../app'
import { registerFileDialogs, registerIpc } from './ipc'
import { installMenu } from './menu'
import { createMainWindow, isAppUrl } from './window'

let core: AppCore | undefined
let mainWindow: BrowserWindow | undefined

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.whenReady().then(() => {
    // Nothing the app loads needs a permission such as camera or location.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
    const dataDir = process.env.CASEBOOK_DATA_DIR ?? join(app.getPath('userData'), 'data')
    try {
      core = startAppCore({ dataDir, transport: 'electron', appVersion: app.getVersion() })
    } catch (error) {
      dialog.showErrorBox('RCO Casebook cannot open its data', `${(error as Error).message}\n\nData folder: ${dataDir}`)
      app.exit(1)
      return
    }
    registerIpc(core.router, isAppUrl, (client) => core?.auth.sessions.end(client))
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
