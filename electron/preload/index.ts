import { contextBridge, ipcRenderer } from 'electron'

// The renderer's only doors to the main process: one call into the router, and the system's file dialog for backups.
// No ipcRenderer, no Node.
contextBridge.exposeInMainWorld('api', {
  invoke: (channel: string, input: unknown) => ipcRenderer.invoke('casebook:call', channel, input),
  chooseBackupFile: (mode: 'save' | 'open', suggestedName?: string) =>
    ipcRenderer.invoke('casebook:choose-backup-file', mode, suggestedName),
})
