import { basename } from 'node:path'
import { AppError } from '../../contract/result'
import { detectDialect } from '../../domain/export-headers'
import { cellText, columnLetter, isBlankRow, openTable, type CellValue, type ReadProgress, type SheetRow, type TableReader } from '../../spreadsheet'
import { profileOf, type ImportField, type ImportKind } from './fields'

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
  return headers.map((header, index) => {
    if (header === '') return { field: null, note: null }
    const { field, recognised } = profile.match(header)
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
  const reader = openTable(path, { displayName: name })
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
): Promise<{ detected: DetectedSource; rows: AsyncGenerator<DataRow> }> {
  const name = displayNameOf(path, displayName)
  const reader = openTable(path, { displayName: name, onProgress })
  const stream = reader.rows()
  let seen: SheetRow[]
  let detected: DetectedSource
  try {
    ;({ detected, seen } = await detectIn(reader, stream, kind, name))
  } catch (error) {
    await stream.return(undefined)
    throw error
  }
  const headerRow = detected.headerRow
  async function* rows(): AsyncGenerator<DataRow> {
    try {
      for (const row of seen) if (row.rowNumber > headerRow && !isBlankRow(row.values)) yield row
      seen = []
      for (;;) {
        const next = await stream.next()
        if (next.done) return
        const row = next.value
        if (row.rowNumber <= headerRow || isBlankRow(row.values)) continue
        yield row
      }
    } finally {
      await stream.return(undefined)
    }
  }
  return { detected, rows: rows() }
}

/** The header search of detectSource over a row stream; `seen` = every row it consumed, in order. */
async function detectIn(reader: TableReader, stream: AsyncGenerator<SheetRow>, kind: ImportKind, name: string): Promise<{ detected: DetectedSource; seen: SheetRow[] }> {
  const profile = profileOf(kind)
  const seen: SheetRow[] = []
  const early: SheetRow[] = []
  let best: { row: SheetRow; score: number; required: boolean } | null = null
  let samples: SheetRow[] = []
  let ended = true
  for (;;) {
    const next = await stream.next()
    if (next.done) break
    const row = next.value
    seen.push(row)
    const blank = isBlankRow(row.values)
    if (early.length < HEADER_SEARCH_ROWS) {
      early.push(row)
      if (blank) continue
      const { score, required } = headerScore(kind, row.values)
      if (score >= 1 && (best === null || score > best.score || (required && !best.required && score === best.score))) {
        best = { row, score, required }
        samples = []
      } else if (best !== null && samples.length < SAMPLE_ROWS) {
        samples.push(row)
      }
      continue
    }
    if (best === null || samples.length >= SAMPLE_ROWS) {
      ended = false
      break
    }
    if (!blank) samples.push(row)
  }
  if (best === null) {
    const looked = early.length === 0 ? '文件中没有任何内容' : `前 ${Math.min(early.length, HEADER_SEARCH_ROWS)} 行中没有可识别的列名`
    const example = profile.fields.filter((f) => f.required).map((f) => f.label).concat(kind === 'patents' ? ['发明名称'] : []).join('、')
    throw new AppError(
      'refused',
      `“${name}”中找不到${profile.noun}的表头：${looked}（如 ${example}）。请确认选择的是${profile.noun}，表头行应在数据上方；也可以下载模板，按模板整理后再导入。`,
    )
  }
  // Samples that came before the winning header row are not data.
  samples = samples.filter((s) => s.rowNumber > best.row.rowNumber).slice(0, SAMPLE_ROWS)
  if (samples.length === 0 && ended) {
    throw new AppError('refused', `“${name}”只有表头（第 ${best.row.rowNumber} 行），没有数据行。请确认导出时选中了记录，或换一个文件。`)
  }
  const headers = best.row.values.map((v) => cellText(v))
  const mapped = mapHeaders(kind, headers)
  const columns: SourceColumn[] = headers.map((header, index) => ({
    index,
    letter: columnLetter(index),
    header,
    field: mapped[index]!.field,
    note: mapped[index]!.note,
    samples: samples.map((s) => cellText(s.values[index]).slice(0, 80)),
  }))
  const detected: DetectedSource = {
    kind,
    fileName: name,
    format: reader.format,
    encoding: reader.encoding,
    sheetName: reader.sheetName,
    headerRow: best.row.rowNumber,
    dialect: kind === 'patents' ? detectDialect(headers) : kind,
    columns,
    missing: missingRequired(kind, columns.map((c) => c.field)),
    sampleRows: samples.length,
  }
  return { detected, seen }
}

export interface DataRow {
  rowNumber: number
  values: CellValue[]
}

/**
 * Streams the non-blank rows below `headerRow`. Reports read progress as a fraction of the file.
 */
export async function* dataRows(
  path: string,
  headerRow: number,
  displayName?: string,
  onProgress?: (progress: ReadProgress) => void,
): AsyncGenerator<DataRow> {
  const reader = openTable(path, { displayName: displayNameOf(path, displayName), onProgress })
  for await (const row of reader.rows()) {
    if (row.rowNumber <= headerRow) continue
    if (isBlankRow(row.values)) continue
    yield row
  }
}
