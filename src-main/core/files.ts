import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { AppError } from '../contract/result'

export type FileOrigin = 'picked' | 'uploaded' | 'output'
export interface FileEntry {
  ref: string
  path: string
  /** The name to show the user (and to suggest when saving). */
  name: string
  origin: FileOrigin
}

/**
 * Opaque references to files. The renderer never sends a path: it gets a reference for a file the
 * user chose in a native dialog or uploaded to the loopback host, or for a file IPDesk wrote
 * (an export), and handlers resolve references here. So no renderer-controlled path reaches the
 * file system.
 */
export class FileStore {
  private readonly entries = new Map<string, FileEntry>()
  private workDir: string | null = null

  register(path: string, origin: FileOrigin, name: string = basename(path)): FileEntry {
    const entry: FileEntry = { ref: randomBytes(12).toString('hex'), path, name, origin }
    this.entries.set(entry.ref, entry)
    return entry
  }

  resolve(ref: string): FileEntry {
    const entry = this.entries.get(ref)
    if (!entry) throw new AppError('not_found', '文件引用已失效，请重新选择文件。')
    return entry
  }

  /** A fresh path in IPDesk's private temp folder for an export or upload named `name`. */
  allocate(name: string, origin: Exclude<FileOrigin, 'picked'>): FileEntry {
    const dir = join(this.dir(), randomBytes(6).toString('hex'))
    mkdirSync(dir)
    const safeName = [...basename(name)].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('') || 'file'
    return this.register(join(dir, safeName), origin, safeName)
  }

  dir(): string {
    if (!this.workDir) this.workDir = mkdtempSync(join(tmpdir(), 'ipdesk-'))
    return this.workDir
  }

  dispose(): void {
    if (this.workDir) rmSync(this.workDir, { recursive: true, force: true })
    this.workDir = null
    this.entries.clear()
  }
}
