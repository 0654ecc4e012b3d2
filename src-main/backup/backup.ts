import Database from 'better-sqlite3'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../contract/result'
import { APPLICATION_ID, type Archive } from '../db/connection'

export interface BackupResult {
  file: string
  bytes: number
}

/**
 * Copy the open archive to `outFile` with SQLite's online backup API (consistent even while the
 * app keeps writing), into a temporary name first so a half-written backup never looks complete.
 */
export async function backupArchive(archive: Archive, outFile: string): Promise<BackupResult> {
  if (outFile === archive.file) throw new AppError('invalid_input', '备份文件不能与档案文件相同，请选择其他位置。')
  mkdirSync(dirname(outFile), { recursive: true })
  const partial = `${outFile}.partial`
  rmSync(partial, { force: true })
  try {
    await archive.sqlite.backup(partial)
    const check = verifyArchiveFile(partial)
    if (!check.ok) throw new AppError('io', `备份校验失败：${check.message}`)
    renameSync(partial, outFile)
  } catch (error) {
    rmSync(partial, { force: true })
    if (error instanceof AppError) throw error
    throw new AppError('io', `无法写入备份文件“${outFile}”：${(error as Error).message}`)
  }
  const stat = new Database(outFile, { readonly: true, fileMustExist: true })
  const bytes = (stat.pragma('page_count', { simple: true }) as number) * (stat.pragma('page_size', { simple: true }) as number)
  stat.close()
  return { file: outFile, bytes }
}

export type FileCheck = { ok: true; schemaVersion: number } | { ok: false; message: string }

/** Is `file` an intact IPDesk archive? Opens it read-only; never changes it. */
export function verifyArchiveFile(file: string, full = false): FileCheck {
  if (!existsSync(file)) return { ok: false, message: `找不到文件“${file}”` }
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
