import { closeSync, existsSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { AppError } from '../contract/result'
import { BACKUP_REASONS, type BackupInfo, type BackupReason } from '../contract/backup'
import { APPLICATION_ID } from '../db/connection'

// Where an archive's backups live and how they are named. The folder sits next to the archive
// (`archive.sqlite` → `archive-backups/`), so copying the archive's folder to a USB stick takes the
// backups along, and two archives in one folder keep separate backups. A backup's name carries its
// time and reason, so listing needs no database and a librarian can read the folder directly:
//   archive_20250314-093012-345_open.sqlite

const STAMP = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})$/
const NAME = new RegExp(`^(.+)_(\\d{8}-\\d{6}-\\d{3})_(${BACKUP_REASONS.join('|')})(?:-(\\d+))?\\.sqlite$`)
/** An archive file that could not be opened, moved aside (not a backup: never listed, never rotated). */
export const DAMAGED_SUFFIX = '_damaged.sqlite'

function stem(archiveFile: string): string {
  const name = basename(archiveFile)
  const ext = extname(name)
  return (ext ? name.slice(0, -ext.length) : name) || 'archive'
}

export function backupFolderFor(archiveFile: string): string {
  return join(dirname(archiveFile), `${stem(archiveFile)}-backups`)
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

/** Local wall-clock time, as the librarian reads it in the folder. */
export function stampOf(date: Date): string {
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}-${pad(date.getMilliseconds(), 3)}`
}

export function parseStamp(stamp: string): Date | null {
  const m = STAMP.exec(stamp)
  if (!m) return null
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number, number]
  const date = new Date(y, mo - 1, d, h, mi, s, ms)
  return Number.isNaN(date.getTime()) ? null : date
}

/** A free name for a new backup of `archiveFile` in its folder. */
/** A copy still being written is this young at most; an older `.partial` was left by a crash. */
const STALE_PARTIAL_MS = 60 * 60 * 1000

/**
 * Remove half-written copies (`….sqlite.partial`) that a crash left in the folder. Young ones are left
 * alone: another IPDesk process may be writing one right now.
 */
export function sweepStalePartials(folder: string, now: number = Date.now()): void {
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.endsWith('.sqlite.partial')) continue
    const path = join(folder, name)
    try {
      if (now - statSync(path).mtimeMs > STALE_PARTIAL_MS) rmSync(path, { force: true })
    } catch {
      // Gone already, or not ours to remove: the next backup tries again.
    }
  }
}

export function newBackupPath(archiveFile: string, reason: BackupReason, date: Date = new Date()): string {
  const folder = backupFolderFor(archiveFile)
  sweepStalePartials(folder)
  const base = `${stem(archiveFile)}_${stampOf(date)}_${reason}`
  let candidate = join(folder, `${base}.sqlite`)
  for (let i = 2; existsSync(candidate); i++) candidate = join(folder, `${base}-${i}.sqlite`)
  return candidate
}

export function damagedPathFor(archiveFile: string, date: Date = new Date()): string {
  const folder = backupFolderFor(archiveFile)
  let candidate = join(folder, `${stem(archiveFile)}_${stampOf(date)}${DAMAGED_SUFFIX}`)
  for (let i = 2; existsSync(candidate); i++) candidate = join(folder, `${stem(archiveFile)}_${stampOf(date)}-${i}${DAMAGED_SUFFIX}`)
  return candidate
}

export function parseBackupName(name: string): { createdAt: Date; reason: BackupReason } | null {
  const m = NAME.exec(name)
  if (!m) return null
  const createdAt = parseStamp(m[2]!)
  return createdAt ? { createdAt, reason: m[3] as BackupReason } : null
}

export interface SqliteHeader {
  applicationId: number
  userVersion: number
  pageSize: number
  pageCount: number
}

/** The 100-byte SQLite header, read without opening the database (cheap enough for a listing). */
export function readSqliteHeader(file: string): SqliteHeader | null {
  let fd: number | null = null
  try {
    fd = openSync(file, 'r')
    const buf = Buffer.alloc(100)
    if (readSync(fd, buf, 0, 100, 0) < 100) return null
    if (buf.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') return null
    const rawPageSize = buf.readUInt16BE(16)
    return {
      pageSize: rawPageSize === 1 ? 65536 : rawPageSize,
      pageCount: buf.readUInt32BE(28),
      userVersion: buf.readUInt32BE(60),
      applicationId: buf.readUInt32BE(68),
    }
  } catch {
    return null
  } finally {
    if (fd !== null) closeSync(fd)
  }
}

export interface StoredBackup extends BackupInfo {
  path: string
}

/** The archive's backups, newest first. Files that do not follow the naming scheme are left out. */
export function listBackups(archiveFile: string): StoredBackup[] {
  const folder = backupFolderFor(archiveFile)
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return [] // no folder yet (or something else in its place: then backups fail with a message)
  }
  const found: StoredBackup[] = []
  for (const name of names) {
    const parsed = parseBackupName(name)
    if (!parsed) continue
    const path = join(folder, name)
    let bytes: number
    try {
      const stat = statSync(path)
      if (!stat.isFile()) continue
      bytes = stat.size
    } catch {
      continue
    }
    const header = readSqliteHeader(path)
    found.push({
      name,
      path,
      createdAt: parsed.createdAt.toISOString(),
      bytes,
      schemaVersion: header && header.applicationId === APPLICATION_ID ? header.userVersion : null,
      reason: parsed.reason,
    })
  }
  return found.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.name.localeCompare(a.name)))
}

/**
 * The backup called `name` in the archive's own folder. The name must be one the listing returns:
 * a caller (the renderer) can only point at an existing backup, never at another path.
 */
export function findBackup(archiveFile: string, name: string): StoredBackup {
  const found = listBackups(archiveFile).find((b) => b.name === name)
  if (!found) throw new AppError('not_found', `找不到备份“${name}”。请刷新备份列表后重试。`)
  return found
}

export function toInfo(backup: StoredBackup): BackupInfo {
  return { name: backup.name, createdAt: backup.createdAt, bytes: backup.bytes, schemaVersion: backup.schemaVersion, reason: backup.reason }
}
