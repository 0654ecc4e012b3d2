import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { CHANNEL_NAMES } from '../contract/channels'
import { EVENT_CHANNEL, type EventName, type EventPayload } from '../contract/events'
import type { Dispatcher } from './dispatcher'
import type { Sender } from './sender'

function senderOf(event: IpcMainInvokeEvent, trustedOrigins: readonly string[]): Sender {
  const frame = event.senderFrame
  return {
    kind: 'electron',
    frameUrl: frame?.url ?? null,
    isTopFrame: !!frame && frame.parent === null,
    trustedOrigins,
  }
}

/** Register one ipcMain handler per contract channel; each goes through the dispatcher. */
export function registerIpc(dispatcher: Dispatcher, trustedOrigins: readonly string[]): void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(name, (event, input: unknown) => dispatcher.dispatch(name, input, senderOf(event, trustedOrigins)))
  }
}

export function emitToWindow(getWindow: () => BrowserWindow | null) {
  return <E extends EventName>(event: E, payload: EventPayload<E>) => {
    const win = getWindow()
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event, payload)
  }
}
