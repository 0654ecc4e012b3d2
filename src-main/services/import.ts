import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import type { Kysely } from 'kysely'
import { AppError } from '../contract/result'
import {
  serviceImportRecord,
  SERVICE_IMPORT_FIELD_LABELS,
  type ImportInspect,
  type ImportIssue,
  type ImportResult,
  type ServiceFields,
  type ServiceImportField,
  type ServiceKindCode,
} from '../contract/services'
import { appendAudit } from '../audit/log'
import { nowIso } from '../core/clock'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { getOperator } from '../settings/service'
import { cellText, isBlankRow, openTable, type CellValue } from '../spreadsheet'
import { normalizeHeader } from '../domain/export-headers'
import { isNotARecord, isRepeatedHeader, type HeaderCell } from '../spreadsheet/row-kinds'
import { detectLedgerColumns, headerScore, parseLedgerRow, parseRequesterType } from './ledger-columns'
import { normalizeForKind, SERVICE_COLUMNS, toColumns } from './records'
import { changedFields } from './util'

// Importing an existing service ledger (台账): inspect (find the header row, suggest the column mapping,
// show the first rows) → check (a dry run: every problem with its row, column and reason, and what would
// be inserted, updated or left unchanged) → import (one transaction; invalid rows stop everything unless
// the user chose to skip them). Rows remember where they came from (import_key), so importing the same
// ledger again updates changed rows and leaves the rest alone instead of doubling the ledger.

export interface LedgerSource {
  path: string
  /** The file's name as the user knows it (uploads are stored under another name). */
  displayName: string
}

export interface ImportOptions {
  mapping: readonly (ServiceImportField | null)[]
  defaultKind: ServiceKindCode
}

/** What a long import reports and where it may be cancelled (the IPC job handle fits). */
export interface ImportJob {
  progress(phase: string, done: number, total: number): void
  checkpoint(): Promise<void>
}
const NO_JOB: ImportJob = { progress: () => {}, checkpoint: async () => {} }

const HEADER_SEARCH_ROWS = 20
const SAMPLE_ROWS = 8
const MAX_ERRORS = 1000
const PREVIEW_ROWS = 20

interface HeaderFound {
  headerRow: number
  headers: string[]
}

/** A ledger row, and the worksheet it is on when that is not the first one read (its name, for messages). */
interface LedgerRow {
  rowNumber: number
  values: CellValue[]
  sheet: string | null
}

/**
 * The ledger's rows after its header row (found among the first rows: ledgers often carry a title row).
 * Ledgers kept one worksheet per month (1月, 2月 …) repeat the header on every sheet: each later worksheet
 * whose header has the same columns in the same places is read on, as more of the ledger. A worksheet
 * with other columns (a summary, 统计) is not the ledger and is passed over. `onSheet` hears each
 * worksheet read.
 */
async function* ledgerRows(
  source: LedgerSource,
  onHeader: (found: HeaderFound & { format: string; sheetName: string | null }) => void,
  onProgress?: (done: number, total: number) => void,
  onSheet: (name: string) => void = () => {},
): AsyncGenerator<LedgerRow> {
  const reader = openTable(source.path, { displayName: source.displayName, onProgress: onProgress ? (p) => onProgress(p.done, p.total) : undefined, allSheets: true })
  let header: HeaderFound | null = null
  let headerCells: HeaderCell[] = []
  let layout = ''
  /** The worksheet being read, whether its header has been found, and the rows searched on it. */
  let sheet = -1
  let reading = false
  let searched = 0
  let firstSheet = -1
  for await (const row of reader.rows()) {
    const on = row.sheet ?? 0
    if (on !== sheet) {
      sheet = on
      reading = false
      searched = 0
    }
    if (!reading) {
      if (searched >= HEADER_SEARCH_ROWS) continue
      searched++
      if (headerScore(row.values) < 2) continue
      const texts = row.values.map((v) => cellText(v))
      const name = reader.sheetNames[on] ?? reader.sheetName ?? ''
      if (!header) {
        header = { headerRow: row.rowNumber, headers: texts }
        headerCells = texts.map((text, index) => ({ index, header: text })).filter((c) => c.header !== '')
        layout = detectLedgerColumns(texts).join('|')
        firstSheet = on
        onHeader({ ...header, format: reader.format, sheetName: name || null })
        onSheet(name)
        reading = true
      } else if (detectLedgerColumns(texts).join('|') === layout) {
        onSheet(name)
        reading = true
      }
      continue
    }
    // Totals and subtotals (合计, 1月小计), notes and signatures (制表人：…), a month's banner (二月) and the
    // header repeated over each month's rows are no services.
    if (isBlankRow(row.values) || isNotARecord(row.values) || isRepeatedHeader(row.values, headerCells)) continue
    yield { rowNumber: row.rowNumber, values: row.values, sheet: on === firstSheet ? null : (reader.sheetNames[on] ?? `第 ${on + 1} 个工作表`) }
  }
  if (!header) {
    throw new AppError(
      'refused',
      `“${source.displayName}”的前 ${HEADER_SEARCH_ROWS} 行中没有找到台账表头。表头应包含“日期”“咨询人”“咨询方式”“咨询内容”等列名中的至少两个；请检查是否选错了文件或工作表。`,
    )
  }
}

export async function inspectLedger(source: LedgerSource): Promise<ImportInspect> {
  let found: (HeaderFound & { format: string; sheetName: string | null }) | null = null
  const sample: ImportInspect['sample'] = []
  const sheets: string[] = []
  /** The first values of each column, to tell what an ambiguous header holds. */
  const columnValues: string[][] = []
  let dataRows = 0
  for await (const row of ledgerRows(source, (h) => (found = h), undefined, (name) => sheets.push(name))) {
    dataRows++
    if (sample.length < SAMPLE_ROWS) sample.push({ row: row.rowNumber, cells: row.values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : cellText(v))) })
    if (dataRows <= VALUE_SAMPLE_ROWS) {
      row.values.forEach((v, i) => {
        const text = cellText(v)
        if (text !== '') (columnValues[i] ??= []).push(text)
      })
    }
  }
  const header = found as (HeaderFound & { format: string; sheetName: string | null }) | null
  if (!header) throw new AppError('refused', `“${source.displayName}”中没有找到台账表头。`)
  return {
    fileName: source.displayName,
    format: header.format,
    // One worksheet, or the months' worksheets read as one ledger: '1月、2月、3月'.
    sheetName: sheets.length > 1 ? sheets.join('、') : header.sheetName,
    headerRow: header.headerRow,
    headers: header.headers,
    mapping: byValues(detectLedgerColumns(header.headers), header.headers, columnValues),
    sample,
    dataRows,
  }
}

/** Data rows looked at to tell what an ambiguous column holds. */
const VALUE_SAMPLE_ROWS = 50
/** Headers that may name the requester's type or the kind of question. */
const AMBIGUOUS_TYPE_HEADERS: ReadonlySet<string> = new Set(['类型', '类别'].map(normalizeHeader))

/**
 * '类型' over a ledger column may mean the requester (教师, 学生 …) or what was asked (专利咨询, 检索咨询):
 * a column mapped to 咨询人身份 whose values are mostly no requester type is the topic instead (free text,
 * so nothing is lost), when the ledger has no topic column of its own.
 */
function byValues(mapping: (ServiceImportField | null)[], headers: readonly string[], columnValues: readonly (readonly string[] | undefined)[]): (ServiceImportField | null)[] {
  const column = mapping.indexOf('requesterType')
  // Only a header that does not say whose type it is: 咨询人身份 is the requester's, whatever its values.
  if (column < 0 || !AMBIGUOUS_TYPE_HEADERS.has(normalizeHeader(headers[column] ?? ''))) return mapping
  const values = columnValues[column] ?? []
  if (values.length === 0 || mapping.includes('topic')) return mapping
  const unknown = values.filter((v) => parseRequesterType(v) === null).length
  if (unknown * 2 < values.length) return mapping
  return mapping.map((f, i) => (i === column ? 'topic' : f))
}

interface PreparedRow {
  row: number
  values: ServiceFields
  importKey: string
}

interface Prepared {
  rows: number
  valid: PreparedRow[]
  rejected: number
  errors: ImportIssue[]
}

interface RosterEntry {
  id: number
  name: string
  college: string
}

async function loadRoster(db: Kysely<DB>) {
  const rows = await db.selectFrom('researcher').select(['id', 'staff_no', 'name', 'college']).execute()
  const byStaffNo = new Map<string, RosterEntry>()
  const byName = new Map<string, RosterEntry[]>()
  for (const r of rows) {
    byStaffNo.set(r.staff_no.trim().toUpperCase(), r)
    const list = byName.get(r.name) ?? []
    list.push(r)
    byName.set(r.name, list)
  }
  return { byStaffNo, byName }
}

/**
 * The researcher a ledger row's requester is: by 工号 when the row has one; otherwise by name when
 * exactly one researcher has that name (and, when the row names a college, that researcher is in it).
 * Namesakes stay unlinked rather than guessed.
 */
function findResearcher(roster: Awaited<ReturnType<typeof loadRoster>>, staffNo: string, name: string, college: string): RosterEntry | null {
  if (staffNo) return roster.byStaffNo.get(staffNo.trim().toUpperCase()) ?? null
  if (!name) return null
  const candidates = (roster.byName.get(name) ?? []).filter((r) => !college || !r.college || r.college === college || college.includes(r.college) || r.college.includes(college))
  return candidates.length === 1 ? candidates[0]! : null
}

function importKeyOf(v: ServiceFields): string {
  const what = v.kind === 'consultation' ? v.question : v.title
  return createHash('sha256').update([v.kind, v.date, v.requesterName.trim(), what.trim()].join('\u0000')).digest('hex').slice(0, 32)
}

async function prepare(db: Kysely<DB>, source: LedgerSource, options: ImportOptions, job: ImportJob): Promise<Prepared> {
  if (!options.mapping.includes('date')) throw new AppError('invalid_input', '请为“日期”指定一列：没有日期的记录无法进入台账。')
  const mapped = options.mapping.filter((f) => f !== null)
  if (new Set(mapped).size !== mapped.length) throw new AppError('invalid_input', '同一字段被指定给了多列，请每个字段只选一列。')
  const roster = await loadRoster(db)
  let headers: string[] = []
  const columnOf = (field: string): string => {
    const index = options.mapping.indexOf(field as ServiceImportField)
    return index >= 0 ? headers[index] || SERVICE_IMPORT_FIELD_LABELS[field as ServiceImportField] : (SERVICE_IMPORT_FIELD_LABELS[field as ServiceImportField] ?? field)
  }
  const prepared: Prepared = { rows: 0, valid: [], rejected: 0, errors: [] }
  const occurrences = new Map<string, number>()
  for await (const row of ledgerRows(
    source,
    (h) => (headers = h.headers),
    (done, total) => job.progress('读取并校验', done, total),
  )) {
    prepared.rows++
    if (prepared.rows % 200 === 0) await job.checkpoint()
    const parsed = parseLedgerRow(row.values, options.mapping, options.defaultKind)
    // A row of a later month's worksheet says which one: its row numbers start again there.
    const where = (message: string) => (row.sheet === null ? message : `工作表“${row.sheet}”：${message}`)
    const issues: ImportIssue[] = parsed.issues.map((i) => ({ row: row.rowNumber, column: columnOf(i.field), message: where(i.message) }))
    const researcher = findResearcher(roster, parsed.staffNo, cellText(parsed.values.requesterName ?? ''), cellText(parsed.values.college ?? ''))
    // A 工号 missing from the roster is not an error (the roster may not be imported yet): the requester
    // then stays as typed, unlinked.
    if (researcher && ['consultation', 'report', 'navigation', 'warning'].includes(parsed.values.kind)) {
      parsed.values.requesterResearcherId = researcher.id
      if (!parsed.values.requesterName) parsed.values.requesterName = researcher.name
      if (!parsed.values.college) parsed.values.college = researcher.college
      if (!parsed.values.requesterType) parsed.values.requesterType = 'teacher'
    }
    if (!issues.length) {
      const checked = serviceImportRecord.safeParse(parsed.values)
      if (checked.success) {
        const values = normalizeForKind(checked.data)
        const base = importKeyOf(values)
        const n = (occurrences.get(base) ?? 0) + 1
        occurrences.set(base, n)
        prepared.valid.push({ row: row.rowNumber, values, importKey: `${base}#${n}` })
        continue
      }
      for (const issue of checked.error.issues) {
        const field = String(issue.path[0] ?? '')
        issues.push({ row: row.rowNumber, column: field ? columnOf(field) : '', message: where(issue.message) })
      }
    }
    prepared.rejected++
    for (const issue of issues) if (prepared.errors.length < MAX_ERRORS) prepared.errors.push(issue)
  }
  return prepared
}

type Action = 'insert' | 'update' | 'unchanged'

async function plan(db: Kysely<DB>, valid: PreparedRow[]) {
  const keys = valid.map((r) => r.importKey)
  const existing = new Map<string, Awaited<ReturnType<typeof existingRows>>[number]>()
  for (let i = 0; i < keys.length; i += 500) {
    for (const row of await existingRows(db, keys.slice(i, i + 500))) existing.set(row.import_key!, row)
  }
  return valid.map((r) => {
    const current = existing.get(r.importKey)
    if (!current) return { row: r, action: 'insert' as Action, current: null }
    const [before] = changedFields(comparable(current), comparable(toColumns(r.values)))
    return { row: r, action: (Object.keys(before).length ? 'update' : 'unchanged') as Action, current }
  })
}

function existingRows(db: Kysely<DB>, keys: string[]) {
  return db.selectFrom('service_record').selectAll().where('import_key', 'in', keys).execute()
}

/** The stored columns of a record, as compared between a ledger row and what the archive holds. */
function comparable(c: Partial<ReturnType<typeof toColumns>>): Record<string, unknown> {
  return Object.fromEntries(SERVICE_COLUMNS.map((key) => [key, (c as Record<string, unknown>)[key] ?? null]))
}

function summaryOf(v: ServiceFields): string {
  const text = v.kind === 'consultation' ? v.question : v.title
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}

function result(prepared: Prepared, counts: { inserted: number; updated: number; unchanged: number }, written: boolean, batchId: number | null, preview: ImportResult['preview'] = []): ImportResult {
  return { rows: prepared.rows, ...counts, rejected: prepared.rejected, errors: prepared.errors, written, batchId, preview }
}

/** Dry run: what an import would do, and every problem; writes nothing. */
export async function checkLedger(db: Kysely<DB>, source: LedgerSource, options: ImportOptions, job: ImportJob = NO_JOB): Promise<ImportResult> {
  const prepared = await prepare(db, source, options, job)
  job.progress('比对档案', 0, prepared.valid.length)
  const planned = await plan(db, prepared.valid)
  const counts = { inserted: 0, updated: 0, unchanged: 0 }
  for (const p of planned) counts[p.action === 'insert' ? 'inserted' : p.action === 'update' ? 'updated' : 'unchanged']++
  const preview = planned.slice(0, PREVIEW_ROWS).map((p) => ({
    row: p.row.row,
    action: p.action,
    kind: p.row.values.kind,
    date: p.row.values.date,
    requesterName: p.row.values.requesterName,
    summary: summaryOf(p.row.values),
  }))
  return result(prepared, counts, false, null, preview)
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * Import the ledger in one transaction. With invalid rows and without `skipInvalid`, nothing is written
 * and the result lists the problems (`written: false`).
 */
export async function importLedger(
  db: Kysely<DB>,
  source: LedgerSource,
  options: ImportOptions & { skipInvalid: boolean },
  job: ImportJob = NO_JOB,
): Promise<ImportResult> {
  const startedAt = nowIso()
  const prepared = await prepare(db, source, options, job)
  if (prepared.rejected > 0 && !options.skipInvalid) return result(prepared, { inserted: 0, updated: 0, unchanged: 0 }, false, null)
  const fileSha = await sha256File(source.path)
  return inTransaction(db, async (trx) => {
    const operator = await getOperator(trx)
    const planned = await plan(trx, prepared.valid)
    const batch = await trx
      .insertInto('import_batch')
      .values({ kind: 'services', file_name: source.displayName, file_sha256: fileSha, operator, started_at: startedAt, finished_at: startedAt })
      .returning('id')
      .executeTakeFirstOrThrow()
    const counts = { inserted: 0, updated: 0, unchanged: 0 }
    let done = 0
    for (const p of planned) {
      done++
      if (done % 100 === 0) {
        job.progress('写入档案', done, planned.length)
        await job.checkpoint()
      }
      const columns = toColumns(p.row.values)
      const at = nowIso()
      if (p.action === 'insert') {
        await trx
          .insertInto('service_record')
          .values({ ...columns, source_batch_id: batch.id, import_key: p.row.importKey, created_at: at, updated_at: at })
          .execute()
        counts.inserted++
      } else if (p.action === 'update' && p.current) {
        await trx.updateTable('service_record').set({ ...columns, source_batch_id: batch.id, updated_at: at }).where('id', '=', p.current.id).execute()
        const [before, after] = changedFields(comparable(p.current), comparable(columns))
        await appendAudit(trx, { operator, action: 'update', entity: 'service_record', entityId: p.current.id, before, after })
        counts.updated++
      } else {
        counts.unchanged++
      }
    }
    const finishedAt = nowIso()
    await trx
      .updateTable('import_batch')
      .set({ rows: prepared.rows, ...counts, rejected: prepared.rejected, finished_at: finishedAt })
      .where('id', '=', batch.id)
      .execute()
    await appendAudit(trx, {
      operator,
      action: 'import',
      entity: 'service_record',
      entityId: `batch-${batch.id}`,
      after: { file: source.displayName, sha256: fileSha, rows: prepared.rows, ...counts, rejected: prepared.rejected, batchId: batch.id },
    })
    job.progress('写入档案', planned.length, planned.length)
    return result(prepared, counts, true, batch.id)
  })
}
