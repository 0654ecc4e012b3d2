import { z } from 'zod'
import { channel, type ChannelMap } from './define'
import { empty, fileRef, isoDate, jobId, page } from './common'
import { archiveCountsSchema } from './system'

// Channels of the trust area: backups, restore, integrity ('backup:<verb>') and the audit trail
// ('audit:<verb>').

/** Why a backup was made; part of the backup's file name. */
export const BACKUP_REASONS = ['open', 'migrate', 'import', 'manual', 'restore'] as const
export type BackupReason = (typeof BACKUP_REASONS)[number]

export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  open: '打开时自动备份',
  migrate: '升级前自动备份',
  import: '导入前自动备份',
  manual: '手动备份',
  restore: '恢复前自动备份',
}

/**
 * A backup is named by its file name inside the open archive's backup folder — never by a path.
 * The handler also checks that the name is one of the folder's listed backups.
 */
export const backupName = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[^\\/:*?"<>|\p{Cc}]+\.sqlite$/u, '备份名称无效')

export const backupInfoSchema = z.object({
  name: z.string(),
  /** ISO date-time the backup was taken. */
  createdAt: z.string(),
  bytes: z.number().int(),
  /** PRAGMA user_version of the backup; null when the file header cannot be read. */
  schemaVersion: z.number().int().nullable(),
  reason: z.enum(BACKUP_REASONS),
})
export type BackupInfo = z.infer<typeof backupInfoSchema>

export const backupListSchema = z.object({
  archiveFile: z.string(),
  folder: z.string(),
  keepLast: z.number().int(),
  keepMonthly: z.boolean(),
  /** The schema version this IPDesk writes; a backup above it cannot be restored here. */
  latestSchemaVersion: z.number().int(),
  backups: z.array(backupInfoSchema),
})
export type BackupList = z.infer<typeof backupListSchema>

export const restoreSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('backup'), name: backupName }).strict(),
  /** A file the user picked (Electron dialog) or uploaded (web host). */
  z.object({ kind: z.literal('file'), ref: fileRef }).strict(),
])

export const restoreResultSchema = z.object({
  archiveFile: z.string(),
  restoredFrom: z.string(),
  /** The copy of the archive as it was just before the restore. */
  safetyBackup: backupInfoSchema.nullable(),
  schemaVersion: z.number().int(),
  counts: archiveCountsSchema,
})
export type RestoreResult = z.infer<typeof restoreResultSchema>

export const auditChainSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  /** id of the first entry that does not follow from the ones before it. */
  brokenAt: z.number().int().nullable(),
  /** Backups whose audit log is not a prefix of this one (the log was cut or rewritten since). */
  anchorMismatch: z.string().nullable(),
  anchorsChecked: z.number().int(),
  message: z.string(),
})
export type AuditChainReport = z.infer<typeof auditChainSchema>

export const integrityReportSchema = z.object({
  ok: z.boolean(),
  full: z.boolean(),
  checkedAt: z.string(),
  durationMs: z.number(),
  schemaVersion: z.number().int(),
  bytes: z.number().int(),
  /** The first lines PRAGMA integrity_check / quick_check reported; empty when it said ok. */
  problems: z.array(z.string()),
  foreignKeyViolations: z.number().int(),
  audit: auditChainSchema,
  /** One Chinese sentence: the verdict and what to do next. */
  message: z.string(),
})
export type IntegrityReport = z.infer<typeof integrityReportSchema>

export const auditQuerySchema = z
  .object({
    /** Local calendar days, inclusive. */
    from: isoDate.optional(),
    to: isoDate.optional(),
    operator: z.string().min(1).max(100).optional(),
    action: z.string().min(1).max(50).optional(),
    entity: z.string().min(1).max(50).optional(),
    entityId: z.string().min(1).max(100).optional(),
    ...page.shape,
  })
  .strict()
export type AuditQuery = z.input<typeof auditQuerySchema>

export const auditRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  operator: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** JSON text as recorded. */
  before: z.string().nullable(),
  after: z.string().nullable(),
})
export type AuditRow = z.infer<typeof auditRowSchema>

export const backupChannels = {
  'backup:list': channel(empty, backupListSchema),
  /** Back up the open archive now (SQLite online backup, verified, then rotated). */
  'backup:create': channel(z.object({ jobId }).strict(), backupInfoSchema, { job: true }),
  /** Verify the source, back up the current archive, then swap it in. Emits archive:changed 'restored'. */
  'backup:restore': channel(z.object({ jobId, source: restoreSourceSchema }).strict(), restoreResultSchema, { job: true }),
  /** PRAGMA integrity_check (full) or quick_check, foreign keys and the audit chain of the open archive. */
  'backup:check': channel(z.object({ jobId, full: z.boolean().default(true) }).strict(), integrityReportSchema, { job: true }),
  /** Hand a backup to the user (Save-as in Electron, download on the web host). */
  'backup:export': channel(z.object({ name: backupName }).strict(), z.object({ ref: fileRef, name: z.string() })),

  'audit:list': channel(auditQuerySchema, z.object({ total: z.number().int(), rows: z.array(auditRowSchema) })),
  /** The distinct operators, actions and entities, for the filter menus. */
  'audit:facets': channel(empty, z.object({ operators: z.array(z.string()), actions: z.array(z.string()), entities: z.array(z.string()) })),
  'audit:verify': channel(z.object({ jobId }).strict(), auditChainSchema, { job: true }),
} satisfies ChannelMap

/** Chinese words for the audit actions written so far; unknown codes are shown as they are. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  import: '导入',
  link: '关联',
  unlink: '取消关联',
  sign: '签发',
  decide: '决定',
  settings: '修改设置',
  restore: '从备份恢复',
  merge: '合并',
}

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  setting: '设置',
  demo: '演示数据',
  archive: '档案',
  ip_asset: '知识产权',
  researcher: '科研人员',
  project: '科研项目',
  conversion: '转化运用',
  service_record: '服务记录',
  disclosure: '披露核实',
  disclosure_item: '披露条目',
  evaluation: '申请前评估',
  import_batch: '导入批次',
}
