import { contextBridge, ipcRenderer } from 'electron'

// The renderer's only door to the main process: one call, no ipcRenderer, no Node.
contextBridge.exposeInMainWorld('api', {
  invoke: (channel: string, input: unknown) => ipcRenderer.invoke('casebook:call', channel, input),
})
