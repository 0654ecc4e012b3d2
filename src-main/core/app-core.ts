import pkg from '../../package.json'
import { Dispatcher } from '../ipc/dispatcher'
import type { Emit, PlatformHooks, TransportKind } from '../ipc/context'
import { handlers } from '../ipc/handlers'
import { FileStore } from './files'
import { ArchiveSession } from './session'

export const APP_VERSION: string = pkg.version

export interface AppCore {
  session: ArchiveSession
  files: FileStore
  dispatcher: Dispatcher
}

/** The transport-independent heart of a running IPDesk: the open archive, file references, handlers. */
export function createAppCore(options: { transport: TransportKind; platform: PlatformHooks; emit: Emit }): AppCore {
  const session = new ArchiveSession()
  const files = new FileStore()
  const dispatcher = new Dispatcher(handlers, () => ({
    session,
    files,
    transport: options.transport,
    platform: options.platform,
    emit: options.emit,
    appVersion: APP_VERSION,
  }))
  return { session, files, dispatcher }
}
