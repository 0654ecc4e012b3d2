import type ExcelJS from 'exceljs'
import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import type { CellValue } from './cells'

/**
 * How a column is written. 'text' cells are always string cells (never formulas, whatever they start
 * with); 'money' is 万元 (or any amount) with two decimals; 'date' takes ISO 'YYYY-MM-DD' strings.
 */
export type ColumnKind = 'text' | 'integer' | 'number' | 'money' | 'percent' | 'date'

export interface ColumnSpec<T> {
  header: string
  /** Width in characters; CJK characters count about 2. Default: fitted to the header. */
  width?: number
  kind?: ColumnKind
  value: (row: T) => CellValue | undefined
}

export interface SheetSpec<T> {
  /** Sheet name as the user sees it (max 31 characters, no []:*?/\). */
  name: string
  columns: ColumnSpec<T>[]
  rows: Iterable<T> | AsyncIterable<T>
  /** Default true: the header row stays visible while scrolling. */
  freezeHeader?: boolean
  /** Default true: filter buttons on the header row. */
  autoFilter?: boolean
}

export interface WriteOptions {
  /** Called every few hundred rows; may be async (e.g. a job checkpoint that yields and honours cancel). */
  onRows?: (written: number) => void | Promise<void>
  creator?: string
}

/** Characters that make spreadsheet programs treat typed text as a formula (OWASP CSV injection). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r'])

export function looksLikeFormula(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]!)
}

/** Display width of text: CJK and full-width characters take two columns. */
export function textWidth(text: string): number {
  let w = 0
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1
  return w
}

const NUM_FMT: Record<ColumnKind, string | undefined> = {
  text: '@',
  integer: '0',
  number: 'General',
  money: '#,##0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
}

function toCell(value: CellValue | undefined, kind: ColumnKind): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null
  switch (kind) {
    case 'text':
      // A string cell is never evaluated; the column's text format keeps it text when edited later.
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value)
    case 'integer':
    case 'number':
    case 'money':
    case 'percent': {
      const n = typeof value === 'number' ? value : Number(value)
      if (!Number.isFinite(n)) return String(value)
      return kind === 'money' ? Math.round(n * 100) / 100 : n
    }
    case 'date': {
      if (value instanceof Date) return value
      const text = String(value)
      // Store as a real date (UTC midnight, which Excel shows as that calendar day).
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : text
    }
    default: {
      const unreachable: never = kind
      return unreachable
    }
  }
}

/** Erase a sheet's row type so sheets of different row types can go into one workbook. */
export function sheet<T>(spec: SheetSpec<T>): SheetSpec<unknown> {
  return spec as unknown as SheetSpec<unknown>
}

export function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet1'
}

/**
 * Write an .xlsx file with exceljs' streaming writer (constant memory, fine for 100,000 rows):
 * bold header, fitted widths, frozen header, auto-filter, numbers as numbers, text never a formula.
 * Written to a temporary name first, so a failed or cancelled export leaves no half file behind.
 */
export async function writeWorkbook(path: string, sheets: SheetSpec<unknown>[], options: WriteOptions = {}): Promise<void> {
  mkdirSync(dirname(path), { recursive: true })
  const partial = `${path}.partial`
  rmSync(partial, { force: true })
  // Loaded when a workbook is written, not when the program starts: loading exceljs costs every start
  // (each CLI command, the app's main process) about 0.1 s, and most never write a workbook.
  const { default: excel } = await import('exceljs')
  const workbook = new excel.stream.xlsx.WorkbookWriter({ filename: partial, useStyles: true, useSharedStrings: false })
  workbook.creator = options.creator ?? 'IPDesk'
  workbook.created = new Date()
  try {
    let written = 0
    for (const sheet of sheets) {
      const kinds = sheet.columns.map((c) => c.kind ?? 'text')
      const widths = sheet.columns.map((c) => c.width ?? Math.min(60, Math.max(8, textWidth(c.header) + 4)))
      const worksheet = workbook.addWorksheet(safeSheetName(sheet.name), {
        views: sheet.freezeHeader === false ? [] : [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
      })
      worksheet.columns = sheet.columns.map((_c, i) => ({ key: `c${i}`, width: widths[i], style: { numFmt: NUM_FMT[kinds[i]!] } }))
      const header = worksheet.addRow(sheet.columns.map((c) => c.header))
      header.font = { bold: true }
      header.alignment = { vertical: 'middle' }
      header.eachCell((cell) => {
        cell.numFmt = '@'
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF7' } }
        cell.border = { bottom: { style: 'thin', color: { argb: 'FF9AA5BD' } } }
      })
      header.commit()
      if (sheet.autoFilter !== false && sheet.columns.length) {
        worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } }
      }
      for await (const item of sheet.rows) {
        const row = worksheet.addRow(sheet.columns.map((c, i) => toCell(c.value(item), kinds[i]!)))
        row.commit()
        written++
        if (options.onRows && written % 500 === 0) await options.onRows(written)
      }
      worksheet.commit()
    }
    await workbook.commit()
    if (options.onRows) await options.onRows(written)
    renameSync(partial, path)
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
}
