import { ArchiveSession, type SessionOpenOptions } from '../core/session'
import type { Archive } from '../db/connection'
import { autoBackupOnOpen, withArchiveFile } from './auto'

/**
 * The archive session of a running app (Electron, loopback host): every open runs where the
 * before-migration backup hook can see the file, and is followed by the automatic open backup.
 * That backup runs in the background (the online backup API copies in steps between requests), so
 * opening stays fast; it is awaited before the next open or close so it never races a swap.
 */
export class BackedUpSession extends ArchiveSession {
  private pending: Promise<unknown> = Promise.resolve()

  constructor(private readonly log: (message: string, error?: unknown) => void = (m, e) => console.error(m, e)) {
    super()
  }

  override async open(file: string, options: SessionOpenOptions = {}): Promise<Archive> {
    await this.settle()
    const archive = await withArchiveFile(file, () => super.open(file, options))
    this.pending = autoBackupOnOpen(archive).catch((error: unknown) => this.log(`[ipdesk] automatic backup of ${archive.file} failed`, error))
    return archive
  }

  override async close(): Promise<void> {
    await this.settle()
    await super.close()
  }

  /** Wait for the background backup, if one is running. */
  async settle(): Promise<void> {
    await this.pending.catch(() => {})
  }
}
