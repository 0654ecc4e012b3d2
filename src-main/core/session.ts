import { openArchive, type Archive, type OpenOptions } from '../db/connection'
import type { IntegrityReport } from '../db/integrity'

export interface SessionOpenOptions {
  create?: boolean
  quickCheck?: OpenOptions['quickCheck']
}

/**
 * The archive currently open in this process. File › Open/New archive swaps it; handlers always
 * read `session.archive` at call time, so they follow the swap.
 */
export class ArchiveSession {
  private current: Archive | null = null
  private readonly listeners = new Set<(archive: Archive) => void>()
  private readonly integrityListeners = new Set<(archive: Archive, report: IntegrityReport) => void>()
  private integrityState: IntegrityReport | { state: 'checking' } = { state: 'checking' }

  get archive(): Archive {
    if (!this.current) throw new Error('no archive is open')
    return this.current
  }

  get isOpen(): boolean {
    return this.current !== null
  }

  /**
   * Open `file` and make it current; the previous archive is closed only once the new one opened.
   * The quick_check runs in the background (see db/integrity.ts); its result is `integrity`.
   */
  async open(file: string, options: SessionOpenOptions = {}): Promise<Archive> {
    const next = await openArchive(file, { quickCheck: 'background', ...options })
    const previous = this.current
    this.current = next
    this.integrityState = { state: 'checking' }
    if (previous) await previous.close()
    for (const listener of this.listeners) listener(next)
    void next.integrity.then((report) => {
      if (this.current !== next) return
      this.integrityState = report
      for (const listener of this.integrityListeners) listener(next, report)
    })
    return next
  }

  /** The open archive's quick_check: checking, ok, or failed with a message that says what to do. */
  get integrity(): IntegrityReport | { state: 'checking' } {
    return this.integrityState
  }

  onIntegrity(listener: (archive: Archive, report: IntegrityReport) => void): () => void {
    this.integrityListeners.add(listener)
    return () => this.integrityListeners.delete(listener)
  }

  onChange(listener: (archive: Archive) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async close(): Promise<void> {
    const previous = this.current
    this.current = null
    if (previous) await previous.close()
  }
}
