import type { ChannelName, ChannelOutput, ParsedInput } from '../contract/channels'
import type { EventName, EventPayload } from '../contract/events'
import type { ArchiveSession } from '../core/session'
import type { FileStore } from '../core/files'

export type TransportKind = 'electron' | 'web' | 'cli'

/** What only the Electron shell can do (native dialogs); other transports answer `unsupported`. */
export interface PlatformHooks {
  pickFile(title: string, extensions: string[]): Promise<string | null>
  saveFile(sourcePath: string, suggestedName: string): Promise<string | null>
  /** Open the folder holding `path` in the system file manager, with the file selected (desktop only). */
  showItemInFolder?(path: string): Promise<void>
}

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export interface JobHandle {
  /** Set for channels marked `job: true`. */
  id: string | null
  signal: AbortSignal
  /** Report progress; cheap to call per row (throttled before it reaches the transport). */
  progress(phase: string, done: number, total: number): void
  /** Throws AppError('cancelled') when the user pressed cancel. */
  throwIfCancelled(): void
  /**
   * Call between units of work (rows, chunks). better-sqlite3 is synchronous, so a long job would
   * otherwise starve the event loop: no progress would reach the window and no cancel request would
   * be heard. This yields to the event loop every few tens of milliseconds, then checks cancel.
   */
  checkpoint(): Promise<void>
}

/** Everything a handler may use. Services below handlers get plain values out of this. */
export interface HandlerContext {
  session: ArchiveSession
  files: FileStore
  transport: TransportKind
  platform: PlatformHooks
  emit: Emit
  job: JobHandle
  appVersion: string
  jobs: { cancel(jobId: string): boolean }
}

export type Handler<C extends ChannelName> = (input: ParsedInput<C>, ctx: HandlerContext) => Promise<ChannelOutput<C>>
export type HandlerMap<K extends ChannelName> = { [C in K]: Handler<C> }
