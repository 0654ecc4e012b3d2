import Database from 'better-sqlite3'
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import type { BackupReason } from '../contract/backup'
import { AppError } from '../contract/result'
import { DEFAULT_SETTINGS } from '../contract/settings'
import { APPLICATION_ID, type Archive } from '../db/connection'
import { getSettings } from '../settings/service'
import { DEFAULT_POLICY, rotateBackups, type RotationPolicy } from './rotation'
import { copyFromSnapshot } from './snapshot'
import { newBackupPath, parseBackupName, readSqliteHeader, type StoredBackup } from './store'

export interface BackupResult {
  file: string
  bytes: number
}

/** Pages copied per step of the online backup: big enough to be quick, small enough to stay responsive. */
const PAGES_PER_STEP = 2000

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true })
  } catch {
    // Nothing was there to remove (or the folder itself is missing).
  }
}

export type BackupProgress = (copiedPages: number, totalPages: number) => void

/**
 * Copy a live database with SQLite's online backup API (consistent even while the connection keeps
 * writing), into a temporary name first so a half-written backup never looks complete, then check
 * the copy before it gets its real name.
 */
async function backupConnection(sqlite: Database.Database, outFile: string, progress?: BackupProgress): Promise<BackupResult> {
  const partial = `${outFile}.partial`
  try {
    mkdirSync(dirname(outFile), { recursive: true })
    rmSync(partial, { force: true })
    await sqlite.backup(partial, {
      progress({ totalPages, remainingPages }) {
        progress?.(totalPages - remainingPages, totalPages)
        return PAGES_PER_STEP
      },
    })
    settleCopy(partial)
    const check = verifyArchiveFile(partial)
    if (!check.ok) throw new AppError('io', `备份校验失败：${check.message}`)
    renameSync(partial, outFile)
  } catch (error) {
    removeQuietly(partial)
    if (error instanceof AppError) throw error
    throw new AppError('io', `无法写入备份文件“${outFile}”：${(error as Error).message}。请检查磁盘空间和文件夹权限。`)
  }
  return { file: outFile, bytes: statSync(outFile).size }
}

/**
 * A copy of a WAL archive is itself marked WAL. Switch the copy to a rollback journal, so it is one
 * self-contained file: read-only opens (verification, listing, the audit cross-check) then leave no
 * -wal/-shm files behind. Opening it as an archive switches it back to WAL.
 */
export function settleCopy(file: string): void {
  const db = new Database(file, { fileMustExist: true })
  try {
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
}

/** Back up the open archive to `outFile` (CLI `ipdesk backup`, File › Backup). */
export async function backupArchive(archive: Archive, outFile: string, progress?: BackupProgress): Promise<BackupResult> {
  if (outFile === archive.file) throw new AppError('invalid_input', '备份文件不能与档案文件相同，请选择其他位置。')
  return backupConnection(archive.sqlite, outFile, progress)
}

export type FileCheck = { ok: true; schemaVersion: number } | { ok: false; message: string }

/** Is `file` an intact IPDesk archive? Opens it read-only; never changes it. */
export function verifyArchiveFile(file: string, full = false): FileCheck {
  if (!existsSync(file)) return { ok: false, message: `找不到文件“${file}”` }
  // The header first: a file that is not SQLite at all is not handed to SQLite. (The application id
  // is read through SQLite below: in a live WAL archive the header on disk may not show it yet.)
  if (!readSqliteHeader(file)) return { ok: false, message: `“${file}”不是 IPDesk 档案文件（不是 SQLite 数据库，或文件不完整）` }
  let db: Database.Database | null = null
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const check = db.pragma(full ? 'integrity_check' : 'quick_check', { simple: true })
    if (check !== 'ok') return { ok: false, message: `“${file}”已损坏（${String(check)}）` }
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
      return { ok: false, message: `“${file}”不是 IPDesk 档案文件` }
    }
    return { ok: true, schemaVersion: db.pragma('user_version', { simple: true }) as number }
  } catch (error) {
    return { ok: false, message: `“${file}”无法读取：${(error as Error).message}` }
  } finally {
    db?.close()
  }
}

async function policyOf(archive: Archive): Promise<RotationPolicy> {
  try {
    const settings = await getSettings(archive.db)
    return { keepLast: settings.backupKeepLast, keepMonthly: settings.backupKeepMonthly }
  } catch {
    return DEFAULT_POLICY
  }
}

/** The rotation policy stored in an archive we only hold a raw (possibly older-schema) connection to. */
function policyOfConnection(sqlite: Database.Database): RotationPolicy {
  try {
    const rows = sqlite.prepare("SELECT key, value FROM setting WHERE key IN ('backupKeepLast', 'backupKeepMonthly')").all() as { key: string; value: string }[]
    const get = (key: string) => rows.find((r) => r.key === key)?.value
    const keepLast = Number(JSON.parse(get('backupKeepLast') ?? String(DEFAULT_SETTINGS.backupKeepLast)))
    const keepMonthly = JSON.parse(get('backupKeepMonthly') ?? String(DEFAULT_SETTINGS.backupKeepMonthly)) as unknown
    return {
      keepLast: Number.isInteger(keepLast) && keepLast >= 1 && keepLast <= 100 ? keepLast : DEFAULT_POLICY.keepLast,
      keepMonthly: typeof keepMonthly === 'boolean' ? keepMonthly : DEFAULT_POLICY.keepMonthly,
    }
  } catch {
    return DEFAULT_POLICY
  }
}

function stored(path: string, reason: BackupReason): StoredBackup {
  const name = path.split(/[\\/]/).pop()!
  const parsed = parseBackupName(name)
  const header = readSqliteHeader(path)
  return {
    name,
    path,
    createdAt: (parsed?.createdAt ?? new Date()).toISOString(),
    bytes: statSync(path).size,
    schemaVersion: header && header.applicationId === APPLICATION_ID ? header.userVersion : null,
    reason,
  }
}

/**
 * Back up the open archive into its backup folder (see store.ts), then rotate the folder by the
 * archive's own policy (settings backupKeepLast / backupKeepMonthly).
 */
export async function createBackup(archive: Archive, reason: BackupReason, progress?: BackupProgress): Promise<StoredBackup> {
  const path = newBackupPath(archive.file, reason)
  await backupConnection(archive.sqlite, path, progress)
  rotateBackups(archive.file, await policyOf(archive))
  return stored(path, reason)
}

/** From this size (archive and its -wal) a backup is copied beside the work that follows it. */
const CONCURRENT_BACKUP_MIN_BYTES = 32 * 1024 * 1024

function archiveBytes(file: string): number {
  const size = (path: string) => (existsSync(path) ? statSync(path).size : 0)
  return size(file) + size(`${file}-wal`)
}

/** A backup being copied beside the work that follows it (copyFromSnapshot). */
export interface RunningBackup {
  /** The verified backup, named and rotated into the folder; rejects with AppError('io'). */
  finished: Promise<StoredBackup>
  /** Abandon it (the work it guarded was not committed): the copy stops and its file goes. */
  abandon(): Promise<void>
}

/**
 * Start a backup of the open archive that copies it as it is now while the caller goes on — and
 * writes: resolves once the snapshot is held, so what the caller writes after that is not in it.
 * A small archive, or one where no worker can start, is backed up here, before this returns.
 */
export async function startBackup(archive: Archive, reason: BackupReason, options: { concurrentFromBytes?: number } = {}): Promise<RunningBackup> {
  const path = newBackupPath(archive.file, reason)
  const partial = `${path}.partial`
  const ioError = (error: unknown) =>
    new AppError('io', `无法写入备份文件“${path}”：${error instanceof Error ? error.message : String(error)}。请检查磁盘空间和文件夹权限。`)
  try {
    mkdirSync(dirname(path), { recursive: true })
    rmSync(partial, { force: true })
  } catch (error) {
    throw ioError(error)
  }
  // A small archive is copied and checked in less time than a worker takes to start: copy it here.
  const concurrent = archiveBytes(archive.file) >= (options.concurrentFromBytes ?? CONCURRENT_BACKUP_MIN_BYTES)
  const copy = concurrent ? copyFromSnapshot(archive.file, partial, APPLICATION_ID) : null
  if (copy === null) {
    const backup = await createBackup(archive, reason)
    return { finished: Promise.resolve(backup), abandon: async () => {} }
  }
  try {
    await copy.snapshot
  } catch (error) {
    await copy.stop()
    removeQuietly(partial)
    throw ioError(error)
  }
  let abandoned = false
  const finished = copy.verified.then(
    () => {
      if (abandoned) {
        removeQuietly(partial)
        throw new AppError('io', '备份已放弃')
      }
      renameSync(partial, path)
      // The raw connection: the caller may hold a transaction open on the archive's query builder.
      rotateBackups(archive.file, policyOfConnection(archive.sqlite))
      return stored(path, reason)
    },
    (error: unknown) => {
      removeQuietly(partial)
      throw ioError(error)
    },
  )
  finished.catch(() => {})
  return {
    finished,
    async abandon() {
      abandoned = true
      await copy.stop()
      removeQuietly(partial)
    },
  }
}

/**
 * Back up an archive file we have not opened ourselves (before a migration: the migrator holds the
 * connection, so a second, read-only one feeds the backup API).
 */
export async function createBackupOfFile(archiveFile: string, reason: BackupReason): Promise<StoredBackup> {
  const source = new Database(archiveFile, { readonly: true, fileMustExist: true })
  try {
    const path = newBackupPath(archiveFile, reason)
    await backupConnection(source, path)
    rotateBackups(archiveFile, policyOfConnection(source))
    return stored(path, reason)
  } finally {
    source.close()
  }
}
