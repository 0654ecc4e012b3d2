import type ExcelJS from 'exceljs'
import { createReadStream, statSync } from 'node:fs'
import { basename } from 'node:path'
import { AppError } from '../contract/result'
import { plainCellValue, type CellValue } from './cells'
import { csvRows, loadCsv } from './csv'
import { sniffTableFile, type TableFormat } from './sniff'
import { readWorkbookParts, workbookSheets, type WorkbookParts } from './xlsx-parts'
import { downMergesOf, MergeFill } from './merges'
import { SheetScanner, type ScannedRow } from './xlsx-sheet'
import { readEntry, streamEntry, type ZipEntry } from './zip'
import { worksheetsLast } from './zip-order'

export interface SheetRow {
  /** The row number the user sees in Excel/WPS (header row = 1 when the header is the first row). */
  rowNumber: number
  /** values[0] is column A. */
  values: CellValue[]
  /** With `allSheets`: which visible worksheet the row is on (0 = the first visible one). */
  sheet?: number
  /** Columns whose value came from a cell merged down from a row above (merges.ts). */
  filled?: number[]
}

export interface ReadProgress {
  /** Bytes (xlsx, compressed) or characters (csv) consumed so far, and the total. */
  done: number
  total: number
}

export interface TableReader {
  format: TableFormat
  /** For CSV: the detected text encoding (utf-8, utf-8-bom, gb18030, …). */
  encoding: string | null
  /** Name of the sheet being read (xlsx), for messages. */
  sheetName: string | null
  /** Names of the visible worksheets met so far, in order (xlsx; [] for CSV). */
  readonly sheetNames: readonly string[]
  rows(): AsyncGenerator<SheetRow>
}

export interface OpenTableOptions {
  /** The name to use in messages (the original file name of an upload). */
  displayName?: string
  onProgress?: (progress: ReadProgress) => void
  /**
   * Rows of every visible worksheet, in order, each with its `sheet`; default: the first visible
   * worksheet only. (An export may put its search query or a field glossary on the first sheet.)
   */
  allSheets?: boolean
}

/** Column letter for a 0-based index: 0 → A, 27 → AB. For messages that name a cell. */
export function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/**
 * Open a .xlsx or .csv file for streaming, row by row, in modest memory (exceljs' streaming reader for
 * workbooks: 100,000 rows never become one in-memory workbook). Refuses unreadable files with a
 * Chinese message naming the file and what to do.
 */
export function openTable(path: string, options: OpenTableOptions = {}): TableReader {
  const displayName = options.displayName ?? basename(path)
  const format = sniffTableFile(path, displayName)
  if (format === 'csv') {
    const csv = loadCsv(path)
    return {
      format,
      encoding: csv.encoding,
      sheetName: null,
      sheetNames: [],
      async *rows() {
        let lastReport = 0
        for (const row of csvRows(csv.text, csv.delimiter)) {
          if (options.onProgress && row.offset - lastReport > 65536) {
            lastReport = row.offset
            options.onProgress({ done: row.offset, total: csv.text.length })
          }
          yield { rowNumber: row.rowNumber, values: row.values }
        }
        options.onProgress?.({ done: csv.text.length, total: csv.text.length })
      },
    }
  }
  const state: SheetState = { sheetName: null, sheetNames: [], allSheets: options.allSheets ?? false }
  return {
    format,
    encoding: null,
    get sheetName() {
      return state.sheetName
    },
    get sheetNames() {
      return state.sheetNames
    },
    rows: () => workbookRows(path, displayName, state, options.onProgress),
  }
}

/**
 * A workbook's rows: by the worksheet scanner (xlsx-sheet.ts) when the workbook's parts are as it
 * expects, else by exceljs. The scanner reads the same values as exceljs' streaming reader some four
 * times faster (the 100,000-row benchmark file: 0.4 s against 1.8 s), which is most of what a large
 * import waits for; exceljs remains the reader for anything unusual (zip64, encryption, a missing part),
 * and reads it or says why it cannot. The reading tests run both readers over the same files.
 */
function workbookRows(path: string, displayName: string, state: SheetState, onProgress?: (progress: ReadProgress) => void): AsyncGenerator<SheetRow> {
  const parts = process.env.IPDESK_XLSX_READER === 'exceljs' ? null : readWorkbookParts(path)
  return parts === null ? xlsxRowsWithRetry(path, displayName, state, onProgress) : scannedRows(path, displayName, parts, state, onProgress)
}

async function* scannedRows(
  path: string,
  displayName: string,
  parts: WorkbookParts,
  state: SheetState,
  onProgress?: (progress: ReadProgress) => void,
): AsyncGenerator<SheetRow> {
  // Hidden sheets (lookup tables, macros' scratch) are not read; without allSheets only the first visible one is.
  const visible = parts.sheets.filter((s) => !s.hidden)
  const toRead = state.allSheets ? visible : visible.slice(0, 1)
  const total = toRead.reduce((sum, s) => sum + s.entry.compressedSize, 0)
  let done = 0
  state.sheetNames = []
  for (let ordinal = 0; ordinal < toRead.length; ordinal++) {
    const sheet = toRead[ordinal]!
    state.sheetName = sheet.name
    state.sheetNames.push(sheet.name)
    const scanner = new SheetScanner(parts)
    const merges = mergesOf(path, sheet.entry)
    const rowOf = (row: ScannedRow): SheetRow => {
      const out: SheetRow = state.allSheets ? { rowNumber: row.rowNumber, values: row.values, sheet: ordinal } : { rowNumber: row.rowNumber, values: row.values }
      const filled = merges === null ? null : merges.fill(row.rowNumber, row.values)
      if (filled !== null) out.filled = filled
      return out
    }
    const decoder = new TextDecoder('utf-8')
    const entry = streamEntry(path, sheet.entry, (bytes) => {
      done += bytes
      onProgress?.({ done, total })
    })
    try {
      for await (const chunk of entry) {
        // After </sheetData> the entry is still read to its end, for its CRC-32 check (zip.ts): a damaged
        // entry may inflate without an error.
        if (scanner.done) continue
        for (const row of scanner.push(decoder.decode(chunk, { stream: true }))) yield rowOf(row)
      }
      if (!scanner.done) for (const row of scanner.push(decoder.decode())) yield rowOf(row)
      // The worksheet's text ended inside its data: the file was cut short.
      if (!scanner.done) throw new Error(`工作表“${sheet.name}”的数据没有结尾`)
    } catch (error) {
      if (error instanceof AppError) throw error
      throw new AppError('refused', `无法读取“${displayName}”：文件不完整或已损坏（${(error as Error).message}）。请从原系统重新导出后再导入。`)
    } finally {
      await entry.return(undefined)
    }
  }
  onProgress?.({ done: total, total })
}

/**
 * Worksheets up to this size (their XML) are read once more, whole, for their merged cells (merges.ts).
 * Hand-kept ledgers are far smaller; exports, which can be larger, merge nothing in their rows.
 */
const MERGE_SCAN_BYTES = 16 * 1024 * 1024

/** The fill-down of a small worksheet's vertical merges; null when it has none (or is too large to look). */
function mergesOf(path: string, entry: ZipEntry): MergeFill | null {
  if (entry.size > MERGE_SCAN_BYTES) return null
  let xml: Buffer
  try {
    xml = readEntry(path, entry, MERGE_SCAN_BYTES)
  } catch {
    return null // damage is reported by the reading itself
  }
  const rowsEnd = xml.lastIndexOf('sheetData>')
  const fill = new MergeFill(downMergesOf(xml.subarray(Math.max(0, rowsEnd)).toString('utf8')))
  return fill.empty ? null : fill
}

interface SheetState {
  /** The sheet being read. */
  sheetName: string | null
  sheetNames: string[]
  allSheets: boolean
}

/**
 * exceljs' streaming reader sometimes starts a worksheet before it has read xl/workbook.xml (which many
 * writers store last) and fails with "Cannot read properties of undefined (reading 'sheets')" (exceljs
 * issue #3064, a race in its single-pass unzip). On a busy machine the same race also ends as "(reading
 * 'model')" or as unzipper's FILE_ENDED on a complete file (seen with the XlsxWriter workbook while the
 * whole test suite ran; a file cut short never gets here: sniff.ts refuses it first). Each fails before
 * the sheet's first row, so reading the file again from the start is safe, and succeeds.
 */
const EXCELJS_WORKBOOK_RACE = /reading '(?:sheets|model)'|FILE_ENDED/u
const READ_ATTEMPTS = 5

async function* xlsxRowsWithRetry(
  path: string,
  displayName: string,
  state: SheetState,
  onProgress?: (progress: ReadProgress) => void,
): AsyncGenerator<SheetRow> {
  for (let attempt = 1; ; attempt++) {
    let yielded = false
    try {
      for await (const row of xlsxRows(path, displayName, state, onProgress)) {
        yielded = true
        yield row
      }
      return
    } catch (error) {
      if (yielded || attempt >= READ_ATTEMPTS || !(error instanceof AppError) || !EXCELJS_WORKBOOK_RACE.test(error.message)) throw error
    }
  }
}

async function* xlsxRows(
  path: string,
  displayName: string,
  state: SheetState,
  onProgress?: (progress: ReadProgress) => void,
): AsyncGenerator<SheetRow> {
  const total = statSync(path).size
  let done = 0
  // Worksheets after the entries exceljs needs first (zip-order.ts): no temp file, rows at once.
  const ordered = worksheetsLast(path)
  const stream = ordered?.stream ?? createReadStream(path)
  stream.on('data', (chunk: Buffer) => {
    done += chunk.length
    onProgress?.({ done, total })
  })
  // Loaded only when needed: most workbooks never reach exceljs, and loading it costs a reading worker 0.1 s.
  const { default: excel } = await import('exceljs')
  const reader = new excel.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // needed to tell dates from numbers
    entries: 'emit',
  })
  if (ordered !== null && !ordered.hasSharedStrings) {
    // A workbook without a shared-string table (inline strings): exceljs waits for one before it reads a
    // worksheet from the stream, and parks the worksheet in a temp file when none has come. The table is
    // known to be empty here; exceljs' own (4.4) state for it is set so. Pinned by the reading tests.
    ;(reader as unknown as { sharedStrings?: unknown[] }).sharedStrings = []
  }
  let visible = 0
  state.sheetNames = []
  const entries = workbookSheets(path)
  try {
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { state?: string; name?: string; id?: number | string }
      // When exceljs met the worksheet before it had read workbook.xml (the race described above, which
      // can also pass without an error), it knows neither its name ('Sheet1' for any) nor its state, and
      // its id is still the number in the part's name, as text (else the workbook's sheetId, a number):
      // the workbook's own list, read here, tells both.
      const raced = typeof sheet.id === 'string'
      const known = raced ? entries?.find((e) => e.entry.name === `xl/worksheets/sheet${String(sheet.id)}.xml`) : entries?.find((e) => e.name === sheet.name)
      const name = raced ? (known?.name ?? sheet.name) : sheet.name
      const hidden = sheet.state === 'hidden' || sheet.state === 'veryHidden' || (raced && known?.hidden === true)
      // Read the first visible sheet (or, with allSheets, every visible one); hidden sheets (lookup
      // tables, macros' scratch) are skipped.
      if ((visible > 0 && !state.allSheets) || hidden) {
        for await (const _row of sheet) {
          // drain: the zip stream must be consumed in order
        }
        continue
      }
      const ordinal = visible++
      state.sheetName = name ?? null
      state.sheetNames.push(name ?? `Sheet${ordinal + 1}`)
      // Merged cells as the scanner fills them, where the worksheet's part can be found.
      const entry = known?.entry
      const merges = entry === undefined ? null : mergesOf(path, entry)
      for await (const row of sheet) {
        const raw = row.values as unknown[]
        const values: CellValue[] = []
        for (let c = 1; c < raw.length; c++) values.push(plainCellValue(raw[c]))
        const filled = merges === null ? null : merges.fill(row.number, values)
        const out: SheetRow = state.allSheets ? { rowNumber: row.number, values, sheet: ordinal } : { rowNumber: row.number, values }
        if (filled !== null) out.filled = filled
        yield out
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('refused', `无法读取“${displayName}”：文件不完整或已损坏（${(error as Error).message}）。请从原系统重新导出后再导入。`)
  } finally {
    stream.destroy()
  }
  onProgress?.({ done: total, total })
}
