import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import type { AuditChainReport, IntegrityReport } from '../contract/backup'
import { verifyAuditChain } from '../audit/log'
import { checkAnchors } from '../audit/anchors'
import type { DB } from '../db/schema'
import { listBackups } from './store'

const MAX_PROBLEMS = 100

export interface CheckProgress {
  (phase: string): Promise<void> | void
}

/**
 * The audit chain of an archive, plus a cross-check against its backups: each backup's newest
 * entry must still be in the log, unchanged. The chain alone cannot notice entries cut off the end,
 * or a log rewritten with freshly computed hashes; a backup taken earlier can.
 */
export async function auditReport(db: Kysely<DB>, archiveFile: string, onProgress?: (entries: number) => Promise<void> | void): Promise<AuditChainReport> {
  const chain = await verifyAuditChain(db, onProgress)
  const anchors = chain.ok ? await checkAnchors(db, listBackups(archiveFile)) : { checked: 0, mismatch: null }
  let message: string
  if (!chain.ok) message = `审计日志已被改动：第 ${chain.brokenAt} 条记录与之前的记录对不上（共检查 ${chain.entries} 条）。请从改动前的备份恢复，或保留现状并报告管理员。`
  else if (anchors.mismatch) message = `审计日志与备份“${anchors.mismatch}”不一致：该备份之后，日志被截断或整体改写。请保留现状并报告管理员。`
  else message = `审计日志完整：共 ${chain.entries} 条，哈希链连续${anchors.checked ? `，与 ${anchors.checked} 份备份一致` : ''}。`
  return { ok: chain.ok && !anchors.mismatch, entries: chain.entries, brokenAt: chain.brokenAt, anchorMismatch: anchors.mismatch, anchorsChecked: anchors.checked, message }
}

/**
 * Full check of an archive through an open connection: PRAGMA integrity_check (or the faster
 * quick_check), foreign keys, and the audit chain. Reads only.
 */
export async function checkIntegrity(
  sqlite: Database.Database,
  db: Kysely<DB>,
  archiveFile: string,
  options: { full: boolean; progress?: CheckProgress },
): Promise<IntegrityReport> {
  const started = performance.now()
  await options.progress?.(options.full ? '完整性检查（integrity_check）' : '快速检查（quick_check）')
  const lines = (sqlite.prepare(`PRAGMA ${options.full ? 'integrity_check' : 'quick_check'}(${MAX_PROBLEMS})`).all() as Record<string, string>[]).map(
    (row) => String(Object.values(row)[0]),
  )
  const problems = lines.length === 1 && lines[0] === 'ok' ? [] : lines
  await options.progress?.('外键检查')
  const foreignKeyViolations = problems.length ? 0 : (sqlite.prepare('PRAGMA foreign_key_check').all() as unknown[]).length
  await options.progress?.('审计日志校验')
  let audit: AuditChainReport
  if (problems.length) {
    audit = { ok: false, entries: 0, brokenAt: null, anchorMismatch: null, anchorsChecked: 0, message: '数据库已损坏，未检查审计日志。' }
  } else {
    audit = await auditReport(db, archiveFile)
  }
  const ok = !problems.length && foreignKeyViolations === 0 && audit.ok
  let message: string
  if (problems.length) message = `档案文件已损坏（${problems.slice(0, 3).join('；')}）。请立即从最近的完好备份恢复。`
  else if (foreignKeyViolations) message = `档案中有 ${foreignKeyViolations} 处关联指向已不存在的记录。数据仍可使用；请联系维护人员修复。`
  else if (!audit.ok) message = audit.message
  else message = `档案完好：${options.full ? '完整性检查' : '快速检查'}通过，${audit.message}`
  // Pages × page size, not the file's size on disk: in WAL mode recent pages still sit in the -wal file.
  const bytes = (sqlite.pragma('page_count', { simple: true }) as number) * (sqlite.pragma('page_size', { simple: true }) as number)
  return {
    ok,
    full: options.full,
    checkedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    schemaVersion: sqlite.pragma('user_version', { simple: true }) as number,
    bytes,
    problems,
    foreignKeyViolations,
    audit,
    message,
  }
}

/** The same check on a file, through a read-only connection of its own (CLI `ipdesk check`). */
export async function checkIntegrityOfFile(file: string, full: boolean): Promise<IntegrityReport> {
  // Not `readonly`: a read-only connection to a WAL archive creates its -wal and -shm files and cannot
  // remove them when it closes, so a check would leave two files beside the archive. The check only reads;
  // a read-write connection that writes nothing leaves the archive's bytes as they were, and as the last
  // connection to close it takes the -wal and -shm with it.
  const sqlite = new Database(file, { fileMustExist: true })
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
  try {
    return await checkIntegrity(sqlite, db, file, { full })
  } finally {
    await db.destroy()
  }
}
