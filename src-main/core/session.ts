import { openArchive, type Archive } from '../db/connection'

/**
 * The archive currently open in this process. File › Open/New archive swaps it; handlers always
 * read `session.archive` at call time, so they follow the swap.
 */
export class ArchiveSession {
  private current: Archive | null = null
  private readonly listeners = new Set<(archive: Archive) => void>()

  get archive(): Archive {
    if (!this.current) throw new Error('no archive is open')
    return this.current
  }

  get isOpen(): boolean {
    return this.current !== null
  }

  /** Open `file` and make it current; the previous archive is closed only once the new one opened. */
  async open(file: string, options: { create?: boolean } = {}): Promise<Archive> {
    const next = await openArchive(file, options)
    const previous = this.current
    this.current = next
    if (previous) await previous.close()
    for (const listener of this.listeners) listener(next)
    return next
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
