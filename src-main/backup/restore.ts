import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { RestoreResult } from '../contract/backup'
import { AppError } from '../contract/result'
import { appendAudit } from '../audit/log'
import type { ArchiveSession } from '../core/session'
import { openArchive, type Archive } from '../db/connection'
import { LATEST_SCHEMA_VERSION } from '../db/migrator'
import { inTransaction } from '../db/transaction'
import { getOperator } from '../settings/service'
import { countArchive } from '../system/stats'
import { withArchiveFile } from './auto'
import { createBackup, settleCopy, verifyArchiveFile } from './backup'
import { damagedPathFor, toInfo, type StoredBackup } from './store'

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const

/**
 * Check a restore source completely (PRAGMA integrity_check, IPDesk application id, a schema this
 * version can read) and copy it next to the target under a temporary name. The copy is made with
 * the online backup API from a read-only connection, so a source that is itself a live WAL archive
 * is copied with its committed WAL content. Nothing about the target changes here.
 */
async function stageSource(source: string, target: string): Promise<string> {
  if (resolve(source) === resolve(target)) throw new AppError('invalid_input', '不能用档案文件自身恢复，请选择一个备份文件。')
  const check = verifyArchiveFile(source, true)
  if (!check.ok) throw new AppError('refused', `无法恢复：${check.message}。当前档案未作任何修改。`)
  if (check.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new AppError(
      'db_too_new',
      `无法恢复：该备份由更新版本的 IPDesk 创建（数据结构版本 ${check.schemaVersion}，本程序支持到 ${LATEST_SCHEMA_VERSION}）。请升级 IPDesk 后再恢复。当前档案未作任何修改。`,
    )
  }
  const staged = `${target}.restoring-${randomBytes(4).toString('hex')}`
  const db = new Database(source, { readonly: true, fileMustExist: true })
  try {
    await db.backup(staged)
    settleCopy(staged)
  } catch (error) {
    rmSync(staged, { force: true })
    throw new AppError('io', `无法复制备份文件：${(error as Error).message}。当前档案未作任何修改。`)
  } finally {
    db.close()
  }
  const again = verifyArchiveFile(staged)
  if (!again.ok) {
    rmSync(staged, { force: true })
    throw new AppError('io', `复制后的备份未通过校验：${again.message}。当前档案未作任何修改。`)
  }
  return staged
}

/**
 * Put the staged file in place of the (closed) target. The target's -wal/-shm must go first: SQLite
 * would otherwise replay the old archive's write-ahead log into the restored file.
 */
function swapIn(staged: string, target: string): void {
  for (const side of SIDE_FILES) rmSync(target + side, { force: true })
  renameSync(staged, target)
}

async function recordRestore(archive: Archive, restoredFrom: string, safety: StoredBackup | null): Promise<void> {
  await inTransaction(archive.db, async (trx) => {
    await appendAudit(trx, {
      operator: await getOperator(trx),
      action: 'restore',
      entity: 'archive',
      after: { restoredFrom, safetyBackup: safety?.name ?? null, schemaVersion: archive.schemaVersion },
    })
  })
}

export interface RestoreOptions {
  /** How to name the source in the audit log and messages (a backup's name, an uploaded file's name). */
  label: string
  progress?: (phase: string) => void
}

/**
 * Restore into the running app: verify the source, back up the open archive, swap the file and open
 * it in the same session (handlers follow `session.archive`). If the restored file does not open,
 * the previous archive is put back from the safety backup.
 */
export async function restoreIntoSession(session: ArchiveSession, source: string, options: RestoreOptions): Promise<RestoreResult> {
  const current = session.archive
  const target = current.file
  options.progress?.('校验备份文件')
  const staged = await stageSource(source, target)
  let safety: StoredBackup
  try {
    options.progress?.('备份当前档案')
    safety = await createBackup(current, 'restore')
  } catch (error) {
    rmSync(staged, { force: true })
    throw error
  }
  options.progress?.('替换档案')
  await session.close()
  swapIn(staged, target)
  let archive: Archive
  try {
    archive = await session.open(target, { create: false })
  } catch (error) {
    // Put back what was there; the safety backup was verified when it was written.
    const back = await stageSource(safety.path, target)
    swapIn(back, target)
    await session.open(target, { create: false })
    const reason = error instanceof AppError ? error.message : (error as Error).message
    throw new AppError('io', `恢复后的档案无法打开（${reason}），已换回恢复前的档案。`)
  }
  await recordRestore(archive, options.label, safety)
  return { archiveFile: target, restoredFrom: options.label, safetyBackup: toInfo(safety), schemaVersion: archive.schemaVersion, counts: await countArchive(archive.db) }
}

/** Move an archive that cannot be opened into its backup folder, with its side files. */
export function moveAsideDamaged(target: string): string {
  const aside = damagedPathFor(target)
  mkdirSync(dirname(aside), { recursive: true })
  renameSync(target, aside)
  for (const side of SIDE_FILES) if (existsSync(target + side)) renameSync(target + side, aside + side)
  return aside
}

export interface FileRestoreResult extends RestoreResult {
  /** Where the previous file went when it could not be opened (and so not backed up). */
  damagedMovedTo: string | null
}

/**
 * Restore with no archive open (CLI `ipdesk restore`, recovery at start-up). The current file is
 * backed up first if it opens; if it does not (damaged, foreign), it is moved into the backup folder
 * instead of being overwritten, so nothing is ever lost by a restore.
 */
export async function restoreFile(target: string, source: string, options: RestoreOptions): Promise<FileRestoreResult> {
  target = resolve(target)
  const staged = await stageSource(source, target)
  let safety: StoredBackup | null = null
  let damagedMovedTo: string | null = null
  try {
    if (existsSync(target)) {
      let current: Archive | null = null
      try {
        current = await withArchiveFile(target, () => openArchive(target, { create: false }))
      } catch {
        current = null
      }
      if (current) {
        try {
          safety = await createBackup(current, 'restore')
        } finally {
          await current.close()
        }
      } else {
        damagedMovedTo = moveAsideDamaged(target)
      }
    }
  } catch (error) {
    rmSync(staged, { force: true })
    throw error
  }
  swapIn(staged, target)
  const archive = await withArchiveFile(target, () => openArchive(target, { create: false }))
  try {
    await recordRestore(archive, options.label, safety)
    return {
      archiveFile: target,
      restoredFrom: options.label,
      safetyBackup: safety ? toInfo(safety) : null,
      schemaVersion: archive.schemaVersion,
      counts: await countArchive(archive.db),
      damagedMovedTo,
    }
  } finally {
    await archive.close()
  }
}
