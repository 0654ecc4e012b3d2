import { z } from 'zod'
import { channel, type ChannelMap } from './define'
import { fileRef, id, isoDate, jobId, okOutput } from './common'

// The centre's service ledger (服务台账, DESIGN §3 service_record): consultations first, and trainings and
// lectures, reports delivered, navigation and warning projects, all in one table with their own columns.
// Channels are 'services:<verb>'. Statistics for any date range come from src-main/services/stats.ts,
// the same module the annual report calls.

export const serviceKindSchema = z.enum(['consultation', 'training', 'report', 'navigation', 'warning'])
export const serviceChannelSchema = z.enum(['window', 'phone', 'online', 'event'])
export const requesterTypeSchema = z.enum(['teacher', 'student', 'enterprise', 'public', 'department'])
export type ServiceKindCode = z.infer<typeof serviceKindSchema>
export type ServiceChannelCode = z.infer<typeof serviceChannelSchema>
export type RequesterTypeCode = z.infer<typeof requesterTypeSchema>

const text = (max: number) => z.string().trim().max(max)
const date = isoDate.refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), '日期不存在')
const nullableDate = date.nullable()
const offset = z.number().int().min(0).max(10_000_000).default(0)

// ---------------------------------------------------------------------------------------------------
// One record: the fields of every kind. Fields that do not belong to a record's kind are cleared when
// it is saved (a consultation carries no attendees).

export const serviceFieldsSchema = z.object({
  kind: serviceKindSchema,
  date,
  /** 咨询方式: 窗口 / 电话 / 网络 / 线下活动. */
  channel: serviceChannelSchema.nullable().default(null),
  requesterType: requesterTypeSchema.nullable().default(null),
  /** The requester as typed (an outsider), or the researcher's name when chosen from the roster. */
  requesterName: text(100).default(''),
  requesterResearcherId: id.nullable().default(null),
  college: text(200).default(''),
  /** One of CONSULTATION_TOPICS, or a centre's own word. */
  topic: text(100).default(''),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  question: z.string().max(20_000).default(''),
  answer: z.string().max(20_000).default(''),
  /** 经办人. */
  staff: text(100).default(''),
  durationMin: z.number().int().min(0, '时长不能为负数').max(24 * 60, '时长最多 1440 分钟').nullable().default(null),
  followUpDate: nullableDate.default(null),
  followUpDone: z.boolean().default(false),
  // training / lecture; also the deliverable title of a report and the project name of navigation/warning
  title: text(300).default(''),
  audience: text(200).default(''),
  attendees: z.number().int().min(0, '人数不能为负数').max(100_000).nullable().default(null),
  hours: z.number().min(0, '学时不能为负数').max(1000).nullable().default(null),
  organiser: text(200).default(''),
  // reports delivered
  reportKind: text(50).default(''),
  deliveredDate: nullableDate.default(null),
  pages: z.number().int().min(0, '页数不能为负数').max(100_000).nullable().default(null),
  // navigation / warning projects
  team: text(200).default(''),
  startDate: nullableDate.default(null),
  endDate: nullableDate.default(null),
  /** Links to researchers and archive assets the service concerned. */
  researcherIds: z.array(id).max(50).default([]),
  assetIds: z.array(id).max(200).default([]),
})
export type ServiceFields = z.infer<typeof serviceFieldsSchema>
export type ServiceFieldsInput = z.input<typeof serviceFieldsSchema>

export interface RuleIssue {
  path: keyof ServiceFields
  message: string
}

/**
 * What each kind needs, beyond the field types. `strict` is the quick-entry standard (a consultation
 * names its channel, requester, requester type and question); an imported ledger row only needs a date
 * and something that says what the service was, because old ledgers often have no channel column.
 */
export function serviceRuleIssues(v: ServiceFields, mode: 'strict' | 'import' = 'strict'): RuleIssue[] {
  const issues: RuleIssue[] = []
  const requester = v.requesterName.trim() !== '' || v.requesterResearcherId !== null
  const after = (later: string | null, earlier: string | null) => later === null || earlier === null || later >= earlier
  switch (v.kind) {
    case 'consultation':
      if (mode === 'strict') {
        if (!requester) issues.push({ path: 'requesterName', message: '请填写咨询人（从科研人员中选择，或直接输入校外人员姓名）' })
        // A requester chosen from the roster is a teacher unless said otherwise.
        if (v.requesterType === null && v.requesterResearcherId === null) issues.push({ path: 'requesterType', message: '请选择咨询人身份' })
        if (v.channel === null) issues.push({ path: 'channel', message: '请选择咨询方式' })
        if (v.question.trim() === '') issues.push({ path: 'question', message: '请填写咨询内容' })
      } else if (!requester && v.question.trim() === '') {
        issues.push({ path: 'question', message: '咨询人和咨询内容都为空，无法确认这是一条咨询记录' })
      }
      if (!after(v.followUpDate, v.date)) issues.push({ path: 'followUpDate', message: '回访日期不能早于咨询日期' })
      break
    case 'training':
      if (v.title.trim() === '') issues.push({ path: 'title', message: '请填写培训/讲座题目' })
      break
    case 'report':
      if (v.title.trim() === '') issues.push({ path: 'title', message: '请填写交付物（报告）名称' })
      if (mode === 'strict' && v.reportKind.trim() === '') issues.push({ path: 'reportKind', message: '请选择报告类型' })
      if (mode === 'strict' && !requester) issues.push({ path: 'requesterName', message: '请填写委托人' })
      if (!after(v.deliveredDate, v.date)) issues.push({ path: 'deliveredDate', message: '交付日期不能早于委托日期' })
      break
    case 'navigation':
    case 'warning':
      if (v.title.trim() === '') issues.push({ path: 'title', message: '请填写项目名称' })
      if (!after(v.endDate, v.startDate)) issues.push({ path: 'endDate', message: '结束日期不能早于开始日期' })
      break
    default: {
      const unreachable: never = v.kind
      throw new Error(`unknown service kind ${String(unreachable)}`)
    }
  }
  return issues
}

function withRules<T extends z.ZodType<ServiceFields>>(schema: T, mode: 'strict' | 'import') {
  return schema.superRefine((value, ctx) => {
    for (const issue of serviceRuleIssues(value, mode)) ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.path] })
  })
}

/** A draft slot: 'new' for the quick-entry form, 'edit-<id>' while editing a saved record. */
export const draftSlotSchema = z.string().regex(/^(new|edit-\d{1,12})$/)

/** Create (no id) or update a record. The quick-entry form validates with this same schema. */
export const serviceSaveInput = withRules(
  serviceFieldsSchema
    .extend({
      id: id.optional(),
      /** The draft this save completes; it is discarded in the same transaction. */
      draftSlot: draftSlotSchema.optional(),
    })
    .strict(),
  'strict',
)
export type ServiceSaveInput = z.input<typeof serviceSaveInput>

/** One ledger row read from a spreadsheet, after its cells were parsed. */
export const serviceImportRecord = withRules(serviceFieldsSchema.strict(), 'import')

// ---------------------------------------------------------------------------------------------------
// Reading records

export const linkedResearcherSchema = z.object({ id: z.number().int(), name: z.string(), staffNo: z.string(), college: z.string() })
export const linkedAssetSchema = z.object({ id: z.number().int(), kind: z.string(), appNo: z.string(), title: z.string() })

export const serviceRowSchema = z.object({
  id: z.number().int(),
  kind: serviceKindSchema,
  date: z.string(),
  channel: serviceChannelSchema.nullable(),
  requesterType: requesterTypeSchema.nullable(),
  requesterName: z.string(),
  requesterResearcherId: z.number().int().nullable(),
  /** 工号 of the linked researcher. */
  requesterStaffNo: z.string().nullable(),
  college: z.string(),
  topic: z.string(),
  tags: z.array(z.string()),
  question: z.string(),
  answer: z.string(),
  staff: z.string(),
  durationMin: z.number().int().nullable(),
  followUpDate: z.string().nullable(),
  followUpDone: z.boolean(),
  title: z.string(),
  audience: z.string(),
  attendees: z.number().int().nullable(),
  hours: z.number().nullable(),
  organiser: z.string(),
  reportKind: z.string(),
  deliveredDate: z.string().nullable(),
  pages: z.number().int().nullable(),
  team: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  sourceBatchId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type ServiceRow = z.infer<typeof serviceRowSchema>

export const serviceRecordSchema = serviceRowSchema.extend({
  researchers: z.array(linkedResearcherSchema),
  assets: z.array(linkedAssetSchema),
})
export type ServiceRecord = z.infer<typeof serviceRecordSchema>

export const serviceFiltersSchema = z
  .object({
    from: date.optional(),
    to: date.optional(),
    kinds: z.array(serviceKindSchema).max(5).optional(),
    channels: z.array(serviceChannelSchema).max(4).optional(),
    requesterTypes: z.array(requesterTypeSchema).max(5).optional(),
    topic: text(100).optional(),
    college: text(200).optional(),
    staff: text(100).optional(),
    /** Words in the requester, question, answer, title, tags, college, staff (any part). */
    q: z.string().max(200).default(''),
  })
  .strict()
export type ServiceFilters = z.input<typeof serviceFiltersSchema>

export const serviceListInput = serviceFiltersSchema.extend({ offset, limit: z.number().int().min(1).max(200).default(50) }).strict()
export type ServiceListInput = z.input<typeof serviceListInput>
export const serviceListOutput = z.object({ total: z.number().int(), items: z.array(serviceRowSchema) })

export const serviceOptionsSchema = z.object({
  /** Today on this machine (the default date of a new record). */
  today: z.string(),
  /** The operator from the settings: the default 经办人. */
  operator: z.string(),
  /** The channel of the last consultation entered by hand (the default of the next). */
  lastChannel: serviceChannelSchema.nullable(),
  topics: z.array(z.string()),
  tags: z.array(z.string()),
  colleges: z.array(z.string()),
  staff: z.array(z.string()),
  reportKinds: z.array(z.string()),
})
export type ServiceOptions = z.infer<typeof serviceOptionsSchema>

// ---------------------------------------------------------------------------------------------------
// Statistics (one query module: src-main/services/stats.ts)

export const dateRangeSchema = z
  .object({ from: date, to: date })
  .strict()
  .refine((r) => r.from <= r.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
export type DateRange = z.infer<typeof dateRangeSchema>

const countItem = z.object({ key: z.string(), label: z.string(), count: z.number().int() })
export type CountItem = z.infer<typeof countItem>

export const serviceStatsSchema = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  totals: z.object({
    consultation: z.number().int(),
    training: z.number().int(),
    report: z.number().int(),
    navigation: z.number().int(),
    warning: z.number().int(),
    all: z.number().int(),
    /** Minutes of consultation recorded (records without a duration count 0). */
    consultationMinutes: z.number().int(),
    /** Consultations in the range with a follow-up date that is not yet done. */
    followUpsOpen: z.number().int(),
  }),
  /** Every month of the range, zero-filled: services by kind, by record date. */
  byMonth: z.array(
    z.object({
      month: z.string(),
      consultation: z.number().int(),
      training: z.number().int(),
      report: z.number().int(),
      navigation: z.number().int(),
      warning: z.number().int(),
    }),
  ),
  /** Consultations only. */
  byChannel: z.array(countItem),
  byRequesterType: z.array(countItem),
  byTopic: z.array(countItem),
  byCollege: z.array(countItem),
  trainings: z.object({ sessions: z.number().int(), attendees: z.number().int(), hours: z.number() }),
  /** Reports by delivered date (record date when no delivered date). */
  reportsByKind: z.array(z.object({ kind: z.string(), count: z.number().int(), pages: z.number().int() })),
  /** Navigation and warning projects running at any time within the range. */
  projects: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(['navigation', 'warning']),
      title: z.string(),
      team: z.string(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
    }),
  ),
})
export type ServiceStats = z.infer<typeof serviceStatsSchema>

// ---------------------------------------------------------------------------------------------------
// Ledger spreadsheets (台账) in and out

export const SERVICE_IMPORT_FIELDS = [
  'kind',
  'date',
  'channel',
  'requesterName',
  'staffNo',
  'requesterType',
  'college',
  'topic',
  'tags',
  'question',
  'answer',
  'staff',
  'durationMin',
  'followUpDate',
  'followUpDone',
  'title',
  'audience',
  'attendees',
  'hours',
  'organiser',
  'reportKind',
  'deliveredDate',
  'pages',
  'team',
  'startDate',
  'endDate',
] as const
export const serviceImportFieldSchema = z.enum(SERVICE_IMPORT_FIELDS)
export type ServiceImportField = z.infer<typeof serviceImportFieldSchema>

/** Chinese names of the ledger columns IPDesk reads (and writes: an export imports back unchanged). */
export const SERVICE_IMPORT_FIELD_LABELS: Record<ServiceImportField, string> = {
  kind: '服务类型',
  date: '日期',
  channel: '咨询方式',
  requesterName: '咨询人',
  staffNo: '工号',
  requesterType: '咨询人身份',
  college: '学院/单位',
  topic: '咨询主题',
  tags: '标签',
  question: '咨询内容',
  answer: '答复',
  staff: '经办人',
  durationMin: '时长（分钟）',
  followUpDate: '回访日期',
  followUpDone: '已回访',
  title: '题目/名称',
  audience: '对象',
  attendees: '人数',
  hours: '学时',
  organiser: '主办',
  reportKind: '报告类型',
  deliveredDate: '交付日期',
  pages: '页数',
  team: '团队',
  startDate: '开始日期',
  endDate: '结束日期',
}

/** Column index → field (null: not imported). */
export const importMappingSchema = z.array(serviceImportFieldSchema.nullable()).max(300)

export const importInspectOutput = z.object({
  fileName: z.string(),
  format: z.string(),
  sheetName: z.string().nullable(),
  /** Row number of the header row (ledgers often have a title row above it). */
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  /** Suggested mapping from the header synonyms. */
  mapping: importMappingSchema,
  /** The first data rows as text, for the preview table. */
  sample: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  dataRows: z.number().int(),
})
export type ImportInspect = z.infer<typeof importInspectOutput>

const importOptions = {
  jobId,
  file: fileRef,
  mapping: importMappingSchema,
  /** Kind of the rows when the file has no 服务类型 column (a consultation ledger). */
  defaultKind: serviceKindSchema.default('consultation'),
}

export const importIssueSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() })
export type ImportIssue = z.infer<typeof importIssueSchema>

export const importResultSchema = z.object({
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(importIssueSchema),
  /** False for a dry run, and when invalid rows stopped the import. */
  written: z.boolean(),
  batchId: z.number().int().nullable(),
  /** Dry run: the first rows as they will be stored. */
  preview: z.array(
    z.object({
      row: z.number().int(),
      action: z.enum(['insert', 'update', 'unchanged']),
      kind: serviceKindSchema,
      date: z.string(),
      requesterName: z.string(),
      summary: z.string(),
    }),
  ),
})
export type ImportResult = z.infer<typeof importResultSchema>

export const exportOutput = z.object({ ref: z.string(), name: z.string(), rows: z.number().int() })

// ---------------------------------------------------------------------------------------------------

export const draftSchema = z.object({ slot: z.string(), payload: z.string(), updatedAt: z.string() })

export const servicesChannels = {
  /** Defaults and suggestion lists for the quick-entry form. */
  'services:options': channel(z.object({}).strict(), serviceOptionsSchema),
  'services:get': channel(z.object({ id }).strict(), serviceRecordSchema),
  /** Create (no id) or update a record; writes the audit log. */
  'services:save': channel(serviceSaveInput, serviceRecordSchema),
  'services:delete': channel(z.object({ id }).strict(), okOutput),
  /** The ledger: filters, text search, paging; newest first. */
  'services:list': channel(serviceListInput, serviceListOutput),
  /** Follow-ups not done whose date is on or before today + withinDays (overdue ones first). */
  'services:followUps': channel(
    z.object({ withinDays: z.number().int().min(0).max(3650).default(14), offset, limit: z.number().int().min(1).max(200).default(50) }).strict(),
    serviceListOutput,
  ),
  'services:followUpDone': channel(z.object({ id, done: z.boolean() }).strict(), serviceRowSchema),
  /** Records where the researcher is the requester or is linked (the researcher page). */
  'services:forResearcher': channel(
    z.object({ researcherId: id, offset, limit: z.number().int().min(1).max(200).default(20) }).strict(),
    serviceListOutput,
  ),
  'services:stats': channel(dateRangeSchema, serviceStatsSchema),
  'services:export': channel(serviceFiltersSchema.extend({ jobId }).strict(), exportOutput, { job: true }),
  'services:importInspect': channel(z.object({ file: fileRef }).strict(), importInspectOutput),
  /** Dry run: every problem with row, column and reason; nothing is written. */
  'services:importCheck': channel(z.object(importOptions).strict(), importResultSchema, { job: true }),
  'services:importRun': channel(z.object({ ...importOptions, skipInvalid: z.boolean().default(false) }).strict(), importResultSchema, { job: true }),
  /** Drafts of the entry form, kept in the archive so they survive a crash, a reload or a closed window. */
  'services:draftGet': channel(z.object({ slot: draftSlotSchema }).strict(), draftSchema.nullable()),
  'services:draftSave': channel(z.object({ slot: draftSlotSchema, payload: z.string().max(200_000) }).strict(), draftSchema),
  'services:draftDiscard': channel(z.object({ slot: draftSlotSchema }).strict(), okOutput),
} satisfies ChannelMap
