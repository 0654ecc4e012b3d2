import { AppError, type ErrorCode } from '../contract/result'
import { LATEST_SCHEMA_VERSION } from '../db/migrator'
import { verifyArchiveFile } from './backup'
import { restoreFile, moveAsideDamaged, type FileRestoreResult } from './restore'
import { listBackups, toInfo, type StoredBackup } from './store'
import type { BackupInfo } from '../contract/backup'

// What to offer when an archive will not open: the newest backup that passes its check. Used by the
// Electron start-up dialog, the loopback host's recovery page and the CLI's messages.

export interface RecoveryOffer {
  file: string
  code: ErrorCode
  /** Why the archive did not open (Chinese, from the opener). */
  message: string
  /** Restoring makes sense for a damaged or foreign file, not for one written by a newer IPDesk. */
  canRecover: boolean
  latestGood: (BackupInfo & { path: string }) | null
}

/** The newest backup of `archiveFile` that is intact and readable by this version, or null. */
export function latestGoodBackup(archiveFile: string): StoredBackup | null {
  for (const backup of listBackups(archiveFile)) {
    if (backup.schemaVersion === null || backup.schemaVersion > LATEST_SCHEMA_VERSION) continue
    if (verifyArchiveFile(backup.path).ok) return backup
  }
  return null
}

export function recoveryOffer(file: string, error: unknown): RecoveryOffer {
  const code: ErrorCode = error instanceof AppError ? error.code : 'internal'
  const message = error instanceof AppError ? error.message : `档案无法打开：${error instanceof Error ? error.message : String(error)}`
  const canRecover = code === 'db_corrupt' || code === 'io' || code === 'internal' || code === 'not_found'
  const good = canRecover ? latestGoodBackup(file) : null
  return { file, code, message, canRecover, latestGood: good ? { ...toInfo(good), path: good.path } : null }
}

function localTime(iso: string): string {
  const d = new Date(iso)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

function quote(path: string): string {
  return /[\s"'$`\\]/.test(path) ? `"${path.replace(/(["\\$`])/g, '\\$1')}"` : path
}

/** One or two Chinese sentences for a terminal: the backup to use and the exact command. */
export function recoveryHint(offer: RecoveryOffer): string {
  if (!offer.canRecover) return ''
  if (!offer.latestGood) return `没有找到该档案的可用备份（备份文件夹：${offer.file.replace(/\.[^./\\]*$/, '')}-backups）。`
  const b = offer.latestGood
  return `最近的完好备份：${b.name}（${localTime(b.createdAt)}，${(b.bytes / 1024 / 1024).toFixed(1)} MB）。恢复：ipdesk restore ${quote(b.path)} --db ${quote(offer.file)}`
}

/** Restore the offered backup over a file that does not open (the damaged file is kept aside). */
export async function recoverFromLatestBackup(file: string): Promise<FileRestoreResult> {
  const good = latestGoodBackup(file)
  if (!good) throw new AppError('not_found', '没有找到可用的备份。')
  return restoreFile(file, good.path, { label: good.name })
}

/** Start over: move the unreadable file into the backup folder; the caller then creates a new archive. */
export function setAsideDamaged(file: string): string {
  return moveAsideDamaged(file)
}
