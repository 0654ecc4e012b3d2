import ExcelJS from 'exceljs'
import { createReadStream, statSync } from 'node:fs'
import { basename } from 'node:path'
import { AppError } from '../contract/result'
import { plainCellValue, type CellValue } from './cells'
import { csvRows, loadCsv } from './csv'
import { sniffTableFile, type TableFormat } from './sniff'
import { worksheetsLast } from './zip-order'

export interface SheetRow {
  /** The row number the user sees in Excel/WPS (header row = 1 when the header is the first row). */
  rowNumber: number
  /** values[0] is column A. */
  values: CellValue[]
  /** With `allSheets`: which visible worksheet the row is on (0 = the first visible one). */
  sheet?: number
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
    rows: () => xlsxRowsWithRetry(path, displayName, state, options.onProgress),
  }
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
 * issue #3064, a race in its single-pass unzip). It fails before the sheet's first row, so reading the
 * file again from the start is safe, and succeeds.
 */
const EXCELJS_WORKBOOK_RACE = /reading 'sheets'/u
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
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
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
  try {
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { state?: string; name?: string; id?: number }
      // Read the first visible sheet (or, with allSheets, every visible one); hidden sheets (lookup
      // tables, macros' scratch) are skipped.
      if ((visible > 0 && !state.allSheets) || sheet.state === 'hidden' || sheet.state === 'veryHidden') {
        for await (const _row of sheet) {
          // drain: the zip stream must be consumed in order
        }
        continue
      }
      const ordinal = visible++
      state.sheetName = sheet.name ?? null
      state.sheetNames.push(sheet.name ?? `Sheet${ordinal + 1}`)
      for await (const row of sheet) {
        const raw = row.values as unknown[]
        const values: CellValue[] = []
        for (let c = 1; c < raw.length; c++) values.push(plainCellValue(raw[c]))
        yield state.allSheets ? { rowNumber: row.number, values, sheet: ordinal } : { rowNumber: row.number, values }
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
