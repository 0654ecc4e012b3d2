import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { EVENT_CHANNEL, type EventName } from '../contract/events'
import { buildBridge } from './bridge'

// Only the contract's channels cross: ipcRenderer itself is never exposed to the page.
const bridge = buildBridge(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (listener) => {
    const handler = (_event: IpcRendererEvent, name: EventName, payload: unknown) => listener(name, payload)
    ipcRenderer.on(EVENT_CHANNEL, handler)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler)
    }
  },
)

contextBridge.exposeInMainWorld('ipdesk', bridge)
