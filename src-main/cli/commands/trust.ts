import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, BACKUP_REASON_LABELS, type IntegrityReport } from '../../contract/backup'
import { AppError } from '../../contract/result'
import { listAudit } from '../../audit/query'
import { installBackupHooks, withArchiveFile } from '../../backup/auto'
import { verifyArchiveFile } from '../../backup/backup'
import { auditReport, checkIntegrityOfFile } from '../../backup/integrity'
import { recoveryHint, recoveryOffer } from '../../backup/recovery'
import { restoreFile } from '../../backup/restore'
import { backupFolderFor, listBackups } from '../../backup/store'
import { intOption, printJson, stringOption, UsageError, type Command } from '../command'
import { withArchive } from '../with-archive'

// Backups, restore, integrity and the audit trail from a terminal.

function localTime(iso: string): string {
  const d = new Date(iso)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

function requireArchiveFile(db: string): string {
  const path = resolve(db)
  if (!existsSync(path)) throw new AppError('not_found', `找不到档案文件“${path}”。请检查 --db 参数。`)
  return path
}

/** A file that fails the quick check is reported with the backup to restore from. */
function refuseDamaged(path: string): void {
  const check = verifyArchiveFile(path)
  if (check.ok) return
  const offer = recoveryOffer(path, new AppError('db_corrupt', `档案文件${check.message.replace(/^“[^”]*”/, '')}。`))
  throw new AppError('db_corrupt', [`档案文件“${path}”无法通过检查：${check.message}。`, recoveryHint(offer)].filter(Boolean).join('\n'))
}

function describeIntegrity(report: IntegrityReport): string {
  return [
    report.message,
    `检查方式：${report.full ? '完整检查（integrity_check）' : '快速检查（quick_check）'}，用时 ${report.durationMs} 毫秒`,
    `数据结构版本：${report.schemaVersion}；文件大小：${megabytes(report.bytes)}`,
    `外键问题：${report.foreignKeyViolations}`,
    `审计日志：${report.audit.entries} 条${report.audit.ok ? '，完整' : `，第 ${report.audit.brokenAt ?? '?'} 条起有问题`}`,
    ...report.problems.slice(0, 20).map((p) => `  - ${p}`),
  ].join('\n')
}

export const trustCommands: Command[] = [
  {
    name: 'restore',
    summary: '从备份文件恢复档案（先校验备份，并先备份当前档案）',
    usage: 'ipdesk restore BACKUP_FILE --db FILE [--json]',
    options: { db: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const source = p.positionals[0]
      if (!source || p.positionals.length !== 1) throw new UsageError('请给出一个备份文件')
      const target = resolve(stringOption(p, 'db', true))
      const sourcePath = resolve(source)
      if (!existsSync(sourcePath)) throw new AppError('not_found', `找不到备份文件“${sourcePath}”。`)
      const result = await restoreFile(target, sourcePath, { label: sourcePath })
      if (p.values.json) printJson(p.io, result)
      else
        p.io.out(
          [
            `已从 ${sourcePath} 恢复到 ${result.archiveFile}（数据结构版本 ${result.schemaVersion}）。`,
            result.safetyBackup ? `恢复前的档案已备份为 ${backupFolderFor(target)}/${result.safetyBackup.name}。` : null,
            result.damagedMovedTo ? `原档案文件无法打开，已移到 ${result.damagedMovedTo}。` : null,
            `知识产权 ${result.counts.assets}，科研人员 ${result.counts.researchers}，项目 ${result.counts.projects}，服务记录 ${result.counts.services}`,
          ]
            .filter(Boolean)
            .join('\n'),
        )
      return 0
    },
  },
  {
    name: 'check',
    summary: '检查档案完整性（快速检查；--full 完整检查），并校验外键与审计日志',
    usage: 'ipdesk check --db FILE [--full] [--json]',
    options: { db: { type: 'string' }, full: { type: 'boolean' }, json: { type: 'boolean' } },
    async run(p) {
      const path = requireArchiveFile(stringOption(p, 'db', true))
      refuseDamaged(path)
      const report = await checkIntegrityOfFile(path, p.values.full === true)
      if (p.values.json) printJson(p.io, report)
      else p.io.out(describeIntegrity(report))
      if (!report.ok && report.problems.length) p.io.err(recoveryHint(recoveryOffer(path, new AppError('db_corrupt', report.message))))
      return report.ok ? 0 : 1
    },
  },
  {
    name: 'audit verify',
    summary: '校验审计日志的哈希链；被改动时退出码为 1，并指出第一条有问题的记录',
    usage: 'ipdesk audit verify --db FILE [--json]',
    options: { db: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const path = requireArchiveFile(stringOption(p, 'db', true))
      const report = await withArchive(path, (a) => auditReport(a.db, a.file))
      if (p.values.json) printJson(p.io, report)
      else if (report.ok) p.io.out(report.message)
      else p.io.err(report.message)
      return report.ok ? 0 : 1
    },
  },
  {
    name: 'audit list',
    summary: '列出审计日志（最新在前），可按日期、操作员、操作、对象筛选',
    usage: 'ipdesk audit list --db FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--operator NAME] [--action CODE] [--entity CODE] [--entity-id ID] [--limit N] [--json]',
    options: {
      db: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      operator: { type: 'string' },
      action: { type: 'string' },
      entity: { type: 'string' },
      'entity-id': { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
    async run(p) {
      const path = requireArchiveFile(stringOption(p, 'db', true))
      for (const key of ['from', 'to'] as const) {
        const value = stringOption(p, key)
        if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`--${key} 应为 YYYY-MM-DD，而不是“${value}”`)
      }
      const page = await withArchive(path, (a) =>
        listAudit(a.db, {
          from: stringOption(p, 'from'),
          to: stringOption(p, 'to'),
          operator: stringOption(p, 'operator'),
          action: stringOption(p, 'action'),
          entity: stringOption(p, 'entity'),
          entityId: stringOption(p, 'entity-id'),
          limit: intOption(p, 'limit', 50, 1, 500),
        }),
      )
      if (p.values.json) printJson(p.io, page)
      else {
        p.io.out(`共 ${page.total} 条${page.total > page.rows.length ? `，显示最新 ${page.rows.length} 条` : ''}`)
        for (const row of page.rows) {
          const what = `${AUDIT_ACTION_LABELS[row.action] ?? row.action} ${AUDIT_ENTITY_LABELS[row.entity] ?? row.entity}${row.entityId ? ` #${row.entityId}` : ''}`
          p.io.out(`${String(row.id).padStart(6)}  ${localTime(row.at)}  ${row.operator}  ${what}`)
        }
      }
      return 0
    },
  },
  {
    name: 'backup list',
    summary: '列出档案备份文件夹中的备份（时间、原因、大小、数据结构版本）',
    usage: 'ipdesk backup list --db FILE [--json]',
    options: { db: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const path = resolve(stringOption(p, 'db', true))
      const backups = listBackups(path)
      if (p.values.json) printJson(p.io, { folder: backupFolderFor(path), backups: backups.map(({ path: file, ...info }) => ({ ...info, file })) })
      else {
        p.io.out(`备份文件夹：${backupFolderFor(path)}（${backups.length} 份）`)
        for (const b of backups) p.io.out(`${localTime(b.createdAt)}  ${BACKUP_REASON_LABELS[b.reason].padEnd(8, '　')}  ${megabytes(b.bytes).padStart(9)}  v${b.schemaVersion ?? '?'}  ${b.name}`)
      }
      return 0
    },
  },
]

/**
 * Wrap every command so that (1) opening the --db archive runs where the before-migration backup
 * hook can see the file — no migration from the command line without a backup — and (2) an archive
 * that will not open is answered with the newest good backup and the command that restores it.
 */
export function guardCommands(commands: Command[]): Command[] {
  installBackupHooks()
  return commands.map((command) => ({
    ...command,
    async run(parsed) {
      const db = typeof parsed.values.db === 'string' && parsed.values.db ? resolve(parsed.values.db) : null
      if (!db) return command.run(parsed)
      try {
        return await withArchiveFile(db, () => command.run(parsed))
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'db_corrupt' || error.message.includes('ipdesk restore') || command.name === 'restore') throw error
        const hint = recoveryHint(recoveryOffer(db, error))
        throw hint ? new AppError(error.code, `${error.message}\n${hint}`, error.details) : error
      }
    },
  }))
}
