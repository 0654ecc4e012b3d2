import pkg from '../../package.json'
import { Dispatcher } from '../ipc/dispatcher'
import type { Emit, PlatformHooks, TransportKind } from '../ipc/context'
import { handlers } from '../ipc/handlers'
import { installBackupHooks } from '../backup/auto'
import { BackedUpSession } from '../backup/session'
import { FileStore } from './files'
import type { ArchiveSession } from './session'

export const APP_VERSION: string = pkg.version

export interface AppCore {
  session: ArchiveSession
  files: FileStore
  dispatcher: Dispatcher
}

/** The transport-independent heart of a running IPDesk: the open archive, file references, handlers. */
export function createAppCore(options: { transport: TransportKind; platform: PlatformHooks; emit: Emit }): AppCore {
  // Every open of a running app is backed up (before migrations, and on open: see backup/).
  installBackupHooks()
  const session: ArchiveSession = new BackedUpSession()
  session.onIntegrity((archive, report) =>
    options.emit('archive:integrity', { archiveFile: archive.file, state: report.state, message: report.state === 'failed' ? report.message : null }),
  )
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
