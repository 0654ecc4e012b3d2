import { basename } from 'node:path'
import { AppError } from '../../contract/result'
import { contextualPatentFields, detectDialect } from '../../domain/export-headers'
import { cellText, columnLetter, isBlankRow, openTable, type CellValue, type ReadProgress, type SheetRow, type TableReader } from '../../spreadsheet'
import { profileOf, type ImportField, type ImportKind } from './fields'
import type { OtherSheetTables } from './other-sheets'

// Reading an import file: find the header row (exports often put a title, the query and the export
// date above it), map its columns to fields, then stream the data rows below it.

/** Rows searched for the header. Title blocks above a header are a few rows; 30 leaves room. */
export const HEADER_SEARCH_ROWS = 30
const SAMPLE_ROWS = 3

export interface SourceColumn {
  index: number
  letter: string
  header: string
  /** Field the column is mapped to, or null (not imported). */
  field: ImportField | null
  /** Why an unmapped column was recognised but not imported ('序号', '与 C 列重复' …), else null. */
  note: string | null
  samples: string[]
}

export interface DetectedSource {
  kind: ImportKind
  fileName: string
  format: 'xlsx' | 'csv'
  encoding: string | null
  sheetName: string | null
  /** The visible worksheet the header is on (0 = the first; always 0 for CSV). */
  sheetIndex: number
  /** Row number (as the spreadsheet shows it) of the header. */
  headerRow: number
  dialect: string
  columns: SourceColumn[]
  /** Labels of required columns not found. */
  missing: string[]
  /** Data rows below the header seen while detecting (at most a few; 0 means the file has none). */
  sampleRows: number
}

export interface ColumnMapping {
  column: number
  field: ImportField | null
}

function headerScore(kind: ImportKind, values: readonly CellValue[]): { score: number; required: boolean } {
  const profile = profileOf(kind)
  const seen = new Set<string>()
  let required = false
  for (const v of values) {
    const text = cellText(v)
    if (text === '' || text.length > 60) continue
    const { field, recognised } = profile.match(text)
    const key = field ?? recognised
    if (key === null || seen.has(key)) continue
    seen.add(key)
    if (field && profile.requiredGroups.some((g) => g.fields.includes(field))) required = true
  }
  return { score: seen.size, required }
}

/** Maps header cells to fields: first (left-most) column wins when two name the same field. */
export function mapHeaders(kind: ImportKind, headers: readonly string[]): { field: ImportField | null; note: string | null }[] {
  const profile = profileOf(kind)
  const taken = new Map<ImportField, number>()
  const contextual = kind === 'patents' ? contextualPatentFields(headers) : new Map<number, ImportField>()
  return headers.map((header, index) => {
    if (header === '') return { field: null, note: null }
    const beside = contextual.get(index)
    const { field, recognised } = beside !== undefined ? { field: beside, recognised: null } : profile.match(header)
    if (field === null) return { field: null, note: recognised ? `已识别为“${recognised}”，档案不保存此列` : null }
    const first = taken.get(field)
    if (first !== undefined) return { field: null, note: `与 ${columnLetter(first)} 列重复，已使用 ${columnLetter(first)} 列` }
    taken.set(field, index)
    return { field, note: null }
  })
}

export function missingRequired(kind: ImportKind, fields: Iterable<ImportField | null>): string[] {
  const present = new Set(fields)
  return profileOf(kind)
    .requiredGroups.filter((g) => !g.fields.some((f) => present.has(f)))
    .map((g) => g.label)
}

function displayNameOf(path: string, displayName?: string): string {
  return displayName ?? basename(path)
}

/**
 * Open the file, find its header row and map the columns. Refuses (AppError 'refused') files the
 * spreadsheet kit cannot read, files without a recognisable header and files without data rows.
 */
export async function detectSource(path: string, kind: ImportKind, displayName?: string): Promise<DetectedSource> {
  const name = displayNameOf(path, displayName)
  const reader = openTable(path, { displayName: name, allSheets: true })
  const rows = reader.rows()
  try {
    return (await detectIn(reader, rows, kind, name)).detected
  } finally {
    await rows.return(undefined)
  }
}

/**
 * detectSource and dataRows in one pass over the file: the header is found as detectSource finds it,
 * then the data rows below it stream on from the same reader (a workbook whose sheet is stored before
 * its relations is unpacked to a temporary file by exceljs before its first row: once, not twice).
 */
export async function detectAndStream(
  path: string,
  kind: ImportKind,
  displayName?: string,
  onProgress?: (progress: ReadProgress) => void,
): Promise<{
  detected: DetectedSource
  /** The data rows; `others` is shown the other worksheets' rows. Call once. */
  rows: (others?: OtherSheetTables) => AsyncGenerator<DataRow>
  sheetNames: readonly string[]
  /** Ends the reading, whether or not `rows` was called or finished. */
  close: () => Promise<void>
}> {
  const name = displayNameOf(path, displayName)
  const reader = openTable(path, { displayName: name, onProgress, allSheets: true })
  const stream = reader.rows()
  let seen: SheetRow[]
  let next: SheetRow | null
  let detected: DetectedSource
  try {
    ;({ detected, seen, next } = await detectIn(reader, stream, kind, name))
  } catch (error) {
    await stream.return(undefined)
    throw error
  }
  const { headerRow, sheetIndex } = detected
  async function* rows(others?: OtherSheetTables): AsyncGenerator<DataRow> {
    try {
      for (const row of seen) if (row.rowNumber > headerRow && !isBlankRow(row.values)) yield row
      seen = []
      const following = next === null ? null : (others?.see(next) ?? null)
      next = null
      if (following !== null) yield following
      for (;;) {
        const step = await stream.next()
        if (step.done) return
        const row = step.value
        // Other worksheets are read in the same pass (the zip is one stream): the same list's rows on them are data.
        if ((row.sheet ?? 0) !== sheetIndex) {
          const other = others?.see(row) ?? null
          if (other !== null) yield other
        } else if (row.rowNumber > headerRow && !isBlankRow(row.values)) yield row
      }
    } finally {
      await stream.return(undefined)
    }
  }
  const close = async () => {
    await stream.return(undefined)
  }
  return { detected, rows, sheetNames: reader.sheetNames, close }
}

/** A header row found on a worksheet, and the first data rows seen below it. */
interface Candidate {
  sheet: number
  row: SheetRow
  score: number
  required: boolean
  samples: SheetRow[]
  /** Every row of its worksheet read so far, in order (the data starts among them). */
  rows: SheetRow[]
}

/**
 * A header this clear is taken where it is found. A weaker one (a single field name, say 申请号 in a
 * glossary of the export's fields) is taken only if no later worksheet has a better one.
 */
function convincing(c: Candidate): boolean {
  return c.required && c.score >= 2
}

/**
 * A header of two rows (grouped exports: 日期 over 申请日 and 公开（公告）日, 人员 over 申请（专利权）人 and
 * 发明（设计）人, the other titles merged down both rows): the row below the header names fields in columns
 * the header leaves unmapped and holds nothing under the header's own fields. Returns the two rows read as
 * one header, or null when `below` is no such row (data, a second language, a note).
 */
function withSubHeader(kind: ImportKind, header: readonly string[], below: readonly string[]): string[] | null {
  const profile = profileOf(kind)
  const top = mapHeaders(kind, header)
  const taken = new Set(top.map((m) => m.field).filter((f) => f !== null))
  let named = 0
  const width = Math.max(header.length, below.length)
  const merged: string[] = []
  for (let c = 0; c < width; c++) {
    // A title merged down both rows is read into both (spreadsheet/merges.ts): the same text is no data.
    const text = below[c] === header[c] ? '' : (below[c] ?? '')
    const own = top[c]?.field ?? null
    if (text !== '' && own !== null) return null
    if (text !== '' && own === null) {
      const field = profile.match(text).field
      if (field !== null && !taken.has(field)) named++
    }
    merged.push(own === null && text !== '' ? text : (header[c] ?? ''))
  }
  return named > 0 ? merged : null
}

/**
 * The header search of detectSource over a row stream (every visible worksheet, in order): the best
 * header among the first HEADER_SEARCH_ROWS rows of a worksheet. A worksheet with only a weak header
 * or none that ends early (the search query, a field glossary, a cover sheet) lets the search go on to
 * the next one; a long worksheet with a header is the data. `seen` = the rows of the chosen worksheet
 * consumed so far, in order.
 */
async function detectIn(
  reader: TableReader,
  stream: AsyncGenerator<SheetRow>,
  kind: ImportKind,
  name: string,
): Promise<{ detected: DetectedSource; seen: SheetRow[]; next: SheetRow | null }> {
  const profile = profileOf(kind)
  let sheet: number | null = null
  /** Rows of the current worksheet so far; null once it is given up (no header in its first rows). */
  let rows: SheetRow[] | null = []
  let searched = 0
  let best: Candidate | null = null
  let fallback: Candidate | null = null
  let anyRow = false
  /** The chosen worksheet has no rows beyond those seen (the stream, or the worksheet, ended). */
  let ended = true
  let chosen: Candidate | null = null
  /** The first row of the worksheet after the chosen one, when the search stopped there. */
  let following: SheetRow | null = null
  for (;;) {
    const next = await stream.next()
    if (next.done) break
    const row = next.value
    anyRow = true
    const on = row.sheet ?? 0
    if (on !== sheet) {
      if (best !== null && convincing(best)) {
        chosen = best
        following = row
        break
      }
      // The worksheet ended without a clear header: keep a weak one as the fallback, search the next.
      const weak = best as Candidate | null
      if (weak !== null && (fallback === null || weak.score > fallback.score)) fallback = weak
      best = null
      sheet = on
      rows = []
      searched = 0
    }
    if (rows === null) continue
    rows.push(row)
    const blank = isBlankRow(row.values)
    if (searched < HEADER_SEARCH_ROWS) {
      searched++
      if (blank) continue
      const { score, required } = headerScore(kind, row.values)
      if (score >= 1 && (best === null || score > best.score || (required && !best.required && score === best.score))) {
        best = { sheet: on, row, score, required, samples: [], rows }
      } else if (best !== null && best.samples.length < SAMPLE_ROWS) {
        best.samples.push(row)
      }
      continue
    }
    if (best === null) {
      // No header in this worksheet's first rows: its other rows are not needed.
      rows = null
      continue
    }
    if (best.samples.length >= SAMPLE_ROWS) {
      chosen = best
      ended = false
      break
    }
    if (!blank) best.samples.push(row)
  }
  if (chosen === null) {
    // The stream ended: the last worksheet's header if it has one (a weak one only if it is the best).
    const last = best as Candidate | null
    chosen = last !== null && (fallback === null || convincing(last) || last.score >= fallback.score) ? last : fallback
  }
  if (chosen === null) {
    const sheets = reader.sheetNames.length > 1 ? `工作表${reader.sheetNames.map((n) => `“${n}”`).join('')}` : ''
    const looked = !anyRow ? '文件中没有任何内容' : `${sheets}前 ${HEADER_SEARCH_ROWS} 行中${sheets ? '都' : ''}没有可识别的列名`
    const example = profile.fields.filter((f) => f.required).map((f) => f.label).concat(kind === 'patents' ? ['发明名称'] : []).join('、')
    throw new AppError(
      'refused',
      `“${name}”中找不到${profile.noun}的表头：${looked}（如 ${example}）。请确认选择的是${profile.noun}，表头行应在数据上方；也可以下载模板，按模板整理后再导入。`,
    )
  }
  let headerRow = chosen.row.rowNumber
  let headers = chosen.row.values.map((v) => cellText(v))
  const below = chosen.rows.find((r) => r.rowNumber > headerRow && !isBlankRow(r.values))
  const merged = below === undefined ? null : withSubHeader(kind, headers, below.values.map((v) => cellText(v)))
  if (merged !== null) {
    headers = merged
    headerRow = below!.rowNumber
  }
  // Samples that came before the (last) header row are not data.
  const samples = chosen.samples.filter((r) => r.rowNumber > headerRow).slice(0, SAMPLE_ROWS)
  if (samples.length === 0 && ended) {
    throw new AppError('refused', `“${name}”只有表头（第 ${headerRow} 行），没有数据行。请确认导出时选中了记录，或换一个文件。`)
  }
  const mapped = mapHeaders(kind, headers)
  const columns: SourceColumn[] = headers.map((text, index) => ({
    index,
    letter: columnLetter(index),
    header: text,
    field: mapped[index]!.field,
    note: mapped[index]!.note,
    samples: samples.map((r) => cellText(r.values[index]).slice(0, 80)),
  }))
  const detected: DetectedSource = {
    kind,
    fileName: name,
    format: reader.format,
    encoding: reader.encoding,
    sheetName: reader.format === 'csv' ? null : (reader.sheetNames[chosen.sheet] ?? reader.sheetName),
    sheetIndex: chosen.sheet,
    headerRow,
    dialect: kind === 'patents' ? detectDialect(headers) : kind,
    columns,
    missing: missingRequired(kind, columns.map((c) => c.field)),
    sampleRows: samples.length,
  }
  return { detected, seen: chosen.rows, next: following }
}

export interface DataRow {
  rowNumber: number
  values: CellValue[]
  /** Columns whose value came from a cell merged down from a row above (spreadsheet/merges.ts). */
  filled?: number[]
  /** The worksheet's name, for a row of a worksheet after the header's own (OtherSheetTables). */
  sheetName?: string
}

/**
 * Streams the non-blank rows below `headerRow` of the `sheetIndex`th visible worksheet. Reports read
 * progress as a fraction of the file.
 */
export async function* dataRows(
  path: string,
  headerRow: number,
  displayName?: string,
  onProgress?: (progress: ReadProgress) => void,
  sheetIndex = 0,
  others?: (sheetNames: readonly string[]) => OtherSheetTables,
): AsyncGenerator<DataRow> {
  const reader = openTable(path, { displayName: displayNameOf(path, displayName), onProgress, allSheets: true })
  let watcher: OtherSheetTables | undefined
  for await (const row of reader.rows()) {
    if ((row.sheet ?? 0) !== sheetIndex) {
      // The sheet names are known once the workbook's first row is.
      watcher ??= others?.(reader.sheetNames)
      const other = watcher?.see(row) ?? null
      if (other !== null) yield other
      continue
    }
    if (row.rowNumber <= headerRow || isBlankRow(row.values)) continue
    yield row
  }
}
