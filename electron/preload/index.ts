import { contextBridge, ipcRenderer } from 'electron'

// The renderer's only doors to the main process (renderer/src/lib/bridge.ts describes them): one call into the router,
// the system's file dialog for any kind of file, and writing a document to the path that dialog just returned.
// No ipcRenderer, no Node.
contextBridge.exposeInMainWorld('api', {
  invoke: (channel: string, input: unknown) => ipcRenderer.invoke('casebook:call', channel, input),
  chooseFile: (request: unknown) => ipcRenderer.invoke('casebook:choose-file', request),
  writeChosenFile: (path: unknown, content: unknown) => ipcRenderer.invoke('casebook:write-chosen-file', path, content),
})
