import { REQUESTER_TYPE_LABELS, SERVICE_CHANNEL_LABELS, SERVICE_KIND_LABELS } from '../contract/labels'
import {
  SERVICE_IMPORT_FIELD_LABELS,
  type RequesterTypeCode,
  type ServiceChannelCode,
  type ServiceFieldsInput,
  type ServiceImportField,
  type ServiceKindCode,
} from '../contract/services'
import { parseDateCell, splitMulti } from '../domain/cell-values'
import { normalizeHeader } from '../domain/export-headers'
import { toHalfWidth } from '../domain/text-width'
import { cellText, type CellValue } from '../spreadsheet'

// The columns of a service ledger (台账) spreadsheet and how their cells read. Pure: no I/O.
//
// Centres keep their ledgers in home-made workbooks, so the same column has many names (日期 / 咨询日期,
// 方式 / 渠道, 咨询内容 / 问题 ...). Headers are folded with the patent import's `normalizeHeader`
// (full-width brackets, blanks, '*' marks of required columns) and looked up in one synonym table.
// IPDesk's own export uses the first synonym of each field, so an exported ledger imports back as is.

export const LEDGER_SYNONYMS: Record<ServiceImportField, readonly string[]> = {
  kind: ['服务类型', '服务类别', '服务项目', '服务种类', '记录类型'],
  date: ['日期', '咨询日期', '服务日期', '咨询时间', '时间', '登记日期', '来访日期', '培训日期', '委托日期'],
  channel: ['咨询方式', '方式', '渠道', '咨询渠道', '服务方式', '服务渠道', '来访方式', '途径'],
  requesterName: ['咨询人', '咨询者', '姓名', '咨询人姓名', '来访人', '服务对象', '委托人', '用户', '用户姓名', '联系人'],
  staffNo: ['工号', '职工号', '教工号', '咨询人工号'],
  requesterType: ['咨询人身份', '身份', '类型', '咨询人类型', '用户类型', '对象类型', '用户身份', '人员类别'],
  college: ['学院/单位', '学院', '单位', '所在单位', '院系', '所属单位', '工作单位', '学院(单位)', '所在学院', '部门'],
  topic: ['咨询主题', '主题', '咨询类别', '问题类别', '咨询类型', '咨询事项', '问题类型'],
  tags: ['标签', '关键词', '关键字'],
  question: ['咨询内容', '问题', '咨询问题', '内容', '问题描述', '咨询事由', '需求', '服务内容'],
  answer: ['答复', '解答', '答复内容', '解答内容', '处理结果', '答复意见', '处理情况', '解决方案', '服务结果'],
  staff: ['经办人', '接待人', '服务人员', '馆员', '负责人', '记录人', '咨询馆员', '受理人'],
  durationMin: ['时长(分钟)', '时长', '用时', '服务时长', '耗时', '时长(min)', '用时(分钟)'],
  followUpDate: ['回访日期', '跟进日期', '随访日期', '回访时间'],
  followUpDone: ['已回访', '是否回访', '回访情况', '回访状态'],
  title: ['题目/名称', '题目', '名称', '培训主题', '讲座题目', '报告名称', '项目名称', '交付物', '成果名称', '培训题目', '讲座名称'],
  audience: ['对象', '培训对象', '听众', '受众'],
  attendees: ['人数', '参加人数', '参训人数', '听众人数', '参与人数', '人次'],
  hours: ['学时', '课时', '时数', '培训学时'],
  organiser: ['主办', '主办单位', '组织者', '承办', '承办单位', '组织单位'],
  reportKind: ['报告类型', '报告类别', '报告种类'],
  deliveredDate: ['交付日期', '提交日期', '出具日期', '完成日期'],
  pages: ['页数', '报告页数'],
  team: ['团队', '项目组', '承担团队', '项目团队'],
  startDate: ['开始日期', '起始日期', '开始时间'],
  endDate: ['结束日期', '截止日期', '结束时间'],
}

const FIELD_BY_HEADER: ReadonlyMap<string, ServiceImportField> = (() => {
  const map = new Map<string, ServiceImportField>()
  for (const [field, synonyms] of Object.entries(LEDGER_SYNONYMS) as [ServiceImportField, readonly string[]][]) {
    for (const synonym of synonyms) {
      const key = normalizeHeader(synonym)
      const existing = map.get(key)
      if (existing !== undefined && existing !== field) throw new Error(`台账表头同义词“${synonym}”同时属于 ${existing} 和 ${field}`)
      map.set(key, field)
    }
  }
  return map
})()

/** The field a ledger header names, or null. */
export function matchLedgerHeader(header: string): ServiceImportField | null {
  const key = normalizeHeader(header)
  return key === '' ? null : (FIELD_BY_HEADER.get(key) ?? null)
}

/** Column → field for a header row; a field named twice goes to the left-most column. */
export function detectLedgerColumns(headers: readonly string[]): (ServiceImportField | null)[] {
  const taken = new Set<ServiceImportField>()
  return headers.map((header) => {
    const field = matchLedgerHeader(header)
    if (field === null || taken.has(field)) return null
    taken.add(field)
    return field
  })
}

/** How many distinct ledger fields a row's cells name (a header row names at least two). */
export function headerScore(cells: readonly CellValue[]): number {
  return new Set(cells.map((c) => matchLedgerHeader(cellText(c))).filter((f) => f !== null)).size
}

// ---------------------------------------------------------------------------------------------------
// Cell values

function fold(text: string): string {
  return toHalfWidth(text).replace(/[\s\u00a0\u3000]+/gu, '').toLowerCase()
}

function byLabel<K extends string>(labels: Record<K, string>): Map<string, K> {
  return new Map((Object.entries(labels) as [K, string][]).map(([code, label]) => [fold(label), code]))
}
const KIND_BY_LABEL = byLabel<ServiceKindCode>(SERVICE_KIND_LABELS)
const CHANNEL_BY_LABEL = byLabel<ServiceChannelCode>(SERVICE_CHANNEL_LABELS)
const REQUESTER_BY_LABEL = byLabel<RequesterTypeCode>(REQUESTER_TYPE_LABELS)

const KIND_WORDS: readonly [RegExp, ServiceKindCode][] = [
  [/咨询|答疑/u, 'consultation'],
  [/培训|讲座|宣讲|课程|沙龙/u, 'training'],
  [/导航/u, 'navigation'],
  [/预警/u, 'warning'],
  [/报告|检索|查新|分析|fto|侵权|评议/u, 'report'],
]
const CHANNEL_WORDS: readonly [RegExp, ServiceChannelCode][] = [
  [/电话|手机|座机|来电|致电/u, 'phone'],
  // Online before events: 腾讯会议 and 视频会议 are meetings held online.
  [/网络|线上|在线|网上|邮件|邮箱|e-?mail|微信|qq|钉钉|视频|平台|腾讯会议|飞书|zoom|公众号|网站|留言|短信|信函|来信|邮寄/u, 'online'],
  [/线下活动|活动|会议|讲座|展会|会场|巡讲/u, 'event'],
  [/窗口|现场|到馆|来馆|到访|面谈|面询|来访|当面|柜台|线下|上门|走访/u, 'window'],
]
const REQUESTER_WORDS: readonly [RegExp, RequesterTypeCode][] = [
  [/学生|研究生|本科|博士生|硕士生|博士后|在读|博士|硕士/u, 'student'],
  [/教师|老师|教职工|教工|科研人员|教授|研究员|职工|讲师|助教|工程师|实验师|馆员|辅导员/u, 'teacher'],
  [/企业|公司|厂/u, 'enterprise'],
  [/社会公众|公众|个人|市民|校外|社会/u, 'public'],
  [/院系|学院|部门|机关|处室|系$/u, 'department'],
]

function lookup<K extends string>(text: string, exact: Map<string, K>, words: readonly [RegExp, K][]): K | null {
  const key = fold(text)
  const hit = exact.get(key)
  if (hit) return hit
  for (const [pattern, code] of words) if (pattern.test(key)) return code
  return null
}

export const parseKind = (text: string) => lookup(text, KIND_BY_LABEL, KIND_WORDS)
export const parseChannel = (text: string) => lookup(text, CHANNEL_BY_LABEL, CHANNEL_WORDS)
export const parseRequesterType = (text: string) => lookup(text, REQUESTER_BY_LABEL, REQUESTER_WORDS)

/** '30', '30分钟', '1小时', '1.5h', '1小时20分', '半小时' → minutes; null when unreadable. */
export function parseMinutes(value: CellValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : null
  const text = fold(cellText(value))
  if (text === '') return null
  if (text === '半小时') return 30
  const match = /^(?:(\d+(?:\.\d+)?)(?:小时|h|hr|hrs|时))?(?:(\d+(?:\.\d+)?)(?:分钟|分|min|mins|m|')?)?$/u.exec(text)
  if (!match || (match[1] === undefined && match[2] === undefined)) return null
  return Math.round(Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0))
}

/** A count or number cell, with an optional unit ('120人', '约 80 人', '2学时'); null when unreadable. */
export function parseNumber(value: CellValue, units: RegExp): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null
  const text = fold(cellText(value))
  const match = new RegExp(String.raw`^(?:约|共|计)?(\d+(?:\.\d+)?)(?:${units.source})?$`, 'u').exec(text)
  return match ? Number(match[1]) : null
}

const YES = new Set(['是', '已', '已回访', '已完成', '完成', '√', '✓', '✔', 'y', 'yes', 'true', '1', '已跟进'])
const NO = new Set(['否', '未', '未回访', '未完成', '×', '✗', 'n', 'no', 'false', '0', '待回访', '待跟进'])

export function parseYesNo(value: CellValue): boolean | null {
  if (typeof value === 'boolean') return value
  const text = fold(cellText(value))
  if (YES.has(text)) return true
  if (NO.has(text) || text === '') return false
  return null
}

// ---------------------------------------------------------------------------------------------------
// A row

export interface CellIssue {
  field: ServiceImportField
  message: string
}

export interface ParsedLedgerRow {
  /** Values as far as the cells could be read; the contract's import schema checks them next. */
  values: ServiceFieldsInput
  staffNo: string
  issues: CellIssue[]
}

const CHANNEL_HINT = Object.values(SERVICE_CHANNEL_LABELS).join('/')
const REQUESTER_HINT = Object.values(REQUESTER_TYPE_LABELS).join('/')
const KIND_HINT = Object.values(SERVICE_KIND_LABELS).join('/')

/** Reads one ledger row through the column mapping. */
export function parseLedgerRow(cells: readonly CellValue[], mapping: readonly (ServiceImportField | null)[], defaultKind: ServiceKindCode): ParsedLedgerRow {
  const raw = new Map<ServiceImportField, CellValue>()
  mapping.forEach((field, index) => {
    if (field !== null && !raw.has(field)) raw.set(field, cells[index] ?? null)
  })
  const issues: CellIssue[] = []
  const textOf = (field: ServiceImportField) => cellText(raw.get(field))
  const label = (field: ServiceImportField) => SERVICE_IMPORT_FIELD_LABELS[field]

  const dateOf = (field: ServiceImportField): string | null => {
    const cell = raw.get(field)
    if (cellText(cell) === '') return null
    const iso = parseDateCell(cell)
    if (iso === null) issues.push({ field, message: `${label(field)}“${cellText(cell)}”不是有效日期（可写作 2024-03-28、2024/3/28、2024年3月28日）` })
    return iso
  }
  const coded = <K>(field: ServiceImportField, parse: (t: string) => K | null, hint: string): K | null => {
    const text = textOf(field)
    if (text === '') return null
    const code = parse(text)
    if (code === null) issues.push({ field, message: `${label(field)}“${text}”无法识别，应为 ${hint} 之一` })
    return code
  }
  const numberOf = (field: ServiceImportField, units: RegExp, integer: boolean): number | null => {
    const cell = raw.get(field)
    if (cellText(cell) === '') return null
    const n = parseNumber(cell ?? null, units)
    if (n === null || (integer && !Number.isInteger(n))) {
      issues.push({ field, message: `${label(field)}“${cellText(cell)}”应为${integer ? '整数' : '数字'}` })
      return null
    }
    return n
  }

  const kind = coded('kind', parseKind, KIND_HINT) ?? defaultKind
  const date = dateOf('date')
  if (date === null && textOf('date') === '') issues.push({ field: 'date', message: '缺少日期' })
  let durationMin: number | null = null
  if (textOf('durationMin') !== '') {
    durationMin = parseMinutes(raw.get('durationMin') ?? null)
    if (durationMin === null) issues.push({ field: 'durationMin', message: `时长“${textOf('durationMin')}”无法识别（可写作 30、30分钟、1小时）` })
  }
  let followUpDone = false
  if (textOf('followUpDone') !== '') {
    const yes = parseYesNo(raw.get('followUpDone') ?? null)
    if (yes === null) issues.push({ field: 'followUpDone', message: `已回访“${textOf('followUpDone')}”应为 是 或 否` })
    followUpDone = yes ?? false
  }

  const values: ServiceFieldsInput = {
    kind,
    date: date ?? '',
    channel: coded('channel', parseChannel, CHANNEL_HINT),
    requesterType: coded('requesterType', parseRequesterType, REQUESTER_HINT),
    requesterName: textOf('requesterName'),
    college: textOf('college'),
    topic: textOf('topic'),
    tags: splitMulti(textOf('tags')).slice(0, 20),
    question: textOf('question'),
    answer: textOf('answer'),
    staff: textOf('staff'),
    durationMin,
    followUpDate: dateOf('followUpDate'),
    followUpDone,
    title: textOf('title'),
    audience: textOf('audience'),
    attendees: numberOf('attendees', /人次|人|名/u, true),
    hours: numberOf('hours', /学时|课时|小时|h/u, false),
    organiser: textOf('organiser'),
    reportKind: textOf('reportKind'),
    deliveredDate: dateOf('deliveredDate'),
    pages: numberOf('pages', /页|p/u, true),
    team: textOf('team'),
    startDate: dateOf('startDate'),
    endDate: dateOf('endDate'),
  }
  return { values, staffNo: textOf('staffNo'), issues }
}

