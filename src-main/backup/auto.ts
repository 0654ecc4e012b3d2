import Database from 'better-sqlite3'
import { AsyncLocalStorage } from 'node:async_hooks'
import { resolve } from 'node:path'
import { AppError } from '../contract/result'
import { auditHead } from '../audit/log'
import type { Archive } from '../db/connection'
import { setBeforeMigrateHook } from '../db/migrator'
import { countArchive } from '../system/stats'
import { createBackup, createBackupOfFile, startBackup, type RunningBackup } from './backup'
import { listBackups, type StoredBackup } from './store'

// Automatic backups: when an archive is opened (at most one per AUTO_BACKUP_INTERVAL_HOURS), before
// every migration, and before every import.

/** An archive opened several times a day is backed up once per this many hours. */
export const AUTO_BACKUP_INTERVAL_HOURS = 12

// The migrator's hook only learns the versions; which file is being opened travels with the async
// call that opens it. Composition roots open archives inside `withArchiveFile` (the session in
// app-core does it for every open), so concurrent opens cannot mix up their files.
const opening = new AsyncLocalStorage<{ file: string }>()

export function withArchiveFile<T>(file: string, fn: () => Promise<T>): Promise<T> {
  return opening.run({ file: resolve(file) }, fn)
}

let installed = false
/**
 * Make every migration wait for a verified backup of the file it is about to change. If the backup
 * cannot be written, the migration does not run and the archive stays as it was.
 */
export function installBackupHooks(): void {
  if (installed) return
  installed = true
  setBeforeMigrateHook(async (from, to) => {
    const file = opening.getStore()?.file
    if (!file) return // opened outside a composition root (a unit test of someone's migration)
    try {
      await createBackupOfFile(file, 'migrate')
    } catch (error) {
      const reason = error instanceof AppError ? error.message : (error as Error).message
      throw new AppError('io', `升级档案（数据结构 ${from} → ${to}）前无法备份，因此没有升级，档案未作修改：${reason}`)
    }
  })
}

async function isEmpty(archive: Archive): Promise<boolean> {
  const counts = await countArchive(archive.db)
  if (Object.values(counts).some((n) => n > 0)) return false
  return (await auditHead(archive.db)) === null
}

export interface AutoBackupOptions {
  intervalHours?: number
  now?: Date
}

/**
 * The backup taken when an archive is opened. Skipped for an archive that holds nothing yet, and
 * when any backup of it is younger than the interval. Returns the new backup, or null if skipped.
 */
export async function autoBackupOnOpen(archive: Archive, options: AutoBackupOptions = {}): Promise<StoredBackup | null> {
  const now = (options.now ?? new Date()).getTime()
  const interval = (options.intervalHours ?? AUTO_BACKUP_INTERVAL_HOURS) * 3600_000
  const latest = listBackups(archive.file)[0]
  if (latest && now - new Date(latest.createdAt).getTime() < interval) return null
  if (await isEmpty(archive)) return null
  return createBackup(archive, 'open')
}

/** The audit head recorded in a backup file: what the archive looked like when it was taken. */
function headOfFile(file: string): { id: number; hash: string } | null {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return (db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined) ?? null
  } finally {
    db.close()
  }
}

/**
 * Call before an import writes anything. Returns the backup that holds the archive as it is now: a
 * new one, or the latest existing one if nothing was written since (every write appends an audit
 * entry in its own transaction, so an unchanged audit head means unchanged data), so importing ten
 * files in a row does not copy the archive ten times. Throws AppError('io') if no backup could be
 * made — the import must then not start.
 */
export async function backupBeforeImport(archive: Archive): Promise<StoredBackup> {
  const latest = await latestIfCurrent(archive)
  if (latest) return latest
  try {
    return await createBackup(archive, 'import')
  } catch (error) {
    const reason = error instanceof AppError ? error.message : (error as Error).message
    throw new AppError('io', `导入前无法备份档案，因此没有导入，档案未作修改：${reason}`)
  }
}

/** The latest backup, if it holds the archive as it is now (its audit head is the archive's). */
async function latestIfCurrent(archive: Archive): Promise<StoredBackup | null> {
  const latest = listBackups(archive.file)[0]
  if (!latest) return null
  try {
    const head = await auditHead(archive.db)
    const then = headOfFile(latest.path)
    if (head && then && head.id === then.id && head.hash === then.hash) return latest
  } catch {
    // An unreadable latest backup is no reason to skip a new one.
  }
  return null
}

/**
 * backupBeforeImport for an import that goes on while the copy is made (backup.ts startBackup): returns
 * once the archive's state is held — the import may write from then on — with the backup still being
 * copied and verified; the import awaits `finished` before it commits, and abandons it if it does not
 * commit. Null when the latest backup already holds the archive as it is. Throws AppError('io') if no
 * backup can be started — the import must then not start.
 */
export async function beginBackupBeforeImport(archive: Archive, options: { concurrentFromBytes?: number } = {}): Promise<RunningBackup | null> {
  if (await latestIfCurrent(archive)) return null
  const refusal = (error: unknown) =>
    new AppError('io', `导入前无法备份档案，因此没有导入，档案未作修改：${error instanceof AppError ? error.message : (error as Error).message}`)
  let running: RunningBackup
  try {
    running = await startBackup(archive, 'import', options)
  } catch (error) {
    throw refusal(error)
  }
  const finished = running.finished.catch((error: unknown) => {
    throw refusal(error)
  })
  finished.catch(() => {})
  return { finished, abandon: () => running.abandon() }
}
