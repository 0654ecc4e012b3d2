import { parseDateCell } from '../../domain/cell-values'
import { toHalfWidth } from '../../domain/text-width'
import { cellText, columnLetter, type CellValue } from '../../spreadsheet'
import type { ImportField } from './fields'

// One data row seen through the applied column mapping, collecting the row's problems as it is read.

/** A problem with one row: the row is not imported. Row numbers are the spreadsheet's own. */
export interface RowProblem {
  row: number
  /** 0-based column index, or null when the problem is not about one cell (e.g. a missing column). */
  column: number | null
  /** Column letter as the spreadsheet shows it ('C'), or null. */
  letter: string | null
  /** The column's header as written in the file, or the field's Chinese name when the column is absent. */
  header: string | null
  /** What is wrong and what to do, in Chinese. */
  message: string
  /** The worksheet, for a row of a worksheet after the one the header was found on; absent otherwise. */
  sheet?: string
}

/**
 * Where an earlier row of the file is, as a message about a later row says it: its worksheet is named when
 * the two rows are on different worksheets (`headerSheet`: the name of the header's own worksheet).
 */
export function earlierRowPlace(earlier: { row: number; sheet: string | undefined }, from: string | undefined, headerSheet: string | null): string {
  if (earlier.sheet === from) return `第 ${earlier.row} 行`
  return rowPlace(earlier.row, earlier.sheet ?? headerSheet ?? '')
}

/** Where a row is, in words: '第 5 行', or '工作表“实用新型”第 5 行' for a row of a later worksheet. */
export function rowPlace(row: number, sheet?: string): string {
  return sheet === undefined ? `第 ${row} 行` : `工作表“${sheet}”第 ${row} 行`
}

export interface MappedColumn {
  index: number
  header: string
}

/** Cells that mean "nothing here" in exports: dashes, slashes, 无, N/A. */
const EMPTY_MARKERS = new Set(['-', '--', '---', '—', '——', '/', '\\', '无', '暂无', 'n/a', 'na', 'null', 'none', '#n/a'])

/** The longest marker: longer text (blanks aside) is never one. toHalfWidth keeps lengths and blanks. */
const LONGEST_MARKER = Math.max(...[...EMPTY_MARKERS].map((m) => m.length))

export function isEmptyMarker(text: string): boolean {
  if (text === '') return true
  if (text.length > LONGEST_MARKER && text.trim().length > LONGEST_MARKER) return false
  return EMPTY_MARKERS.has(toHalfWidth(text).trim().toLowerCase())
}

/** Collapses runs of blanks and line breaks inside a text cell to one space. */
export function oneLine(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/gu, ' ').trim()
}

/** The apostrophe some exports put before a number or date so spreadsheets keep it as text ('2023-05-03). */
function withoutTextMark(text: string): string {
  return text.startsWith("'") || text.startsWith('\u2018') || text.startsWith('\u2019') ? text.slice(1).trimStart() : text
}

export class RowReader {
  readonly problems: RowProblem[] = []

  constructor(
    readonly rowNumber: number,
    private readonly values: readonly CellValue[],
    private readonly columns: ReadonlyMap<ImportField, MappedColumn>,
    private readonly labelOf: (field: ImportField) => string,
    /** The worksheet of a row after the header's worksheet (rowPlace); undefined on the header's own. */
    readonly sheet?: string,
  ) {}

  has(field: ImportField): boolean {
    return this.columns.has(field)
  }

  raw(field: ImportField): CellValue | undefined {
    const col = this.columns.get(field)
    return col === undefined ? undefined : this.values[col.index]
  }

  /** Trimmed cell text; '' when the column is absent or the cell empty. */
  text(field: ImportField): string {
    return cellText(this.raw(field))
  }

  /** Like text(), but '-', '/', '无' … read as empty, and without a leading text mark ('). For numbers, dates and name lists. */
  value(field: ImportField): string {
    const t = this.text(field)
    return isEmptyMarker(t) ? '' : withoutTextMark(t)
  }

  problem(field: ImportField | null, message: string): void {
    const col = field === null ? undefined : this.columns.get(field)
    this.problems.push({
      row: this.rowNumber,
      column: col?.index ?? null,
      letter: col === undefined ? null : columnLetter(col.index),
      header: col?.header ?? (field === null ? null : this.labelOf(field)),
      message,
      ...(this.sheet === undefined ? {} : { sheet: this.sheet }),
    })
  }

  /** An ISO date, undefined when the cell is empty; a problem when it holds something that is no date. */
  date(field: ImportField): string | undefined {
    const cell = this.raw(field)
    const raw = typeof cell === 'string' ? withoutTextMark(cell.trim()) : cell
    if (raw === null || raw === undefined) return undefined
    if (typeof raw === 'string' && isEmptyMarker(raw.trim())) return undefined
    // '0' (and 0) stands for "no date" in several exports.
    if (cellText(raw) === '0') return undefined
    const iso = parseDateCell(raw)
    if (iso !== null) return iso
    this.problem(
      field,
      `“${cellText(raw)}”不是有效日期：请写成 2023-03-28、2023/3/28、2023.03.28、2023年3月28日 或 20230328 这样的日期（日期须真实存在）`,
    )
    return undefined
  }

  get ok(): boolean {
    return this.problems.length === 0
  }
}
