import { cellText, isBlankRow, type CellValue, type SheetRow } from '../../spreadsheet'
import { isNotARecord, isRepeatedHeader, type HeaderCell } from '../../spreadsheet/row-kinds'
import type { ImportField } from './fields'
import { HEADER_SEARCH_ROWS, type DataRow } from './source'

// The worksheets after the one an import's header is on: which of them hold more of the same list.

/** A worksheet after the header's own that holds the same list: the same header, and rows. */
export interface OtherTable {
  sheet: string
  headerRow: number
  rows: number
  /**
   * 'read': its header has every imported column where the first worksheet has it, so its rows were read with
   * the first worksheet's. 'reordered': the same column names in another order (or with columns inserted), so
   * they were only counted — read by the first worksheet's columns, values would land in the wrong fields.
   * 'example': its name says it is an example or a template (填表示例, 模板), whose rows are no data.
   */
  status: 'read' | 'reordered' | 'example'
}

/** A worksheet named as an example or a template: a ledger's 填表示例, 样表, 模板, 填写说明 (not 2023（按模板填报）). */
const EXAMPLE_SHEET = /示例|样例|样表|范例|(?<!按|按照|依|依照|参照)模[板版]|填表说明|填写说明|填报说明|例子|example|sample|template/iu

const bareText = (text: string) => text.replace(/\s+/gu, '')

/**
 * The other worksheets of a workbook, as the import's single pass over the file goes by their rows. A
 * worksheet whose first rows repeat the imported header holds more of the same list (ledgers kept one
 * worksheet per kind — 发明, 实用新型, 外观设计 — or per year): its rows are read with the first worksheet's,
 * each known by its worksheet and row number. One with the same column names in another order, or named as
 * an example or a template, is only counted, for the summary to name; a worksheet with no such header (a
 * cover, a field glossary, a chart's data) is passed over.
 */
export class OtherSheetTables {
  private readonly tables = new Map<number, OtherTable>()
  private readonly searched = new Map<number, number>()
  private readonly header: readonly HeaderCell[]
  private readonly named: readonly (readonly [ImportField, HeaderCell])[]

  /**
   * `columns`: the imported worksheet's columns as mapped (field → column and its header); `fieldOf`: the
   * field a header names, so that a later worksheet may spell a header its own way (专利名称 for 发明名称,
   * half-width brackets, a trailing *) and still be the same list.
   */
  constructor(
    private readonly importedSheet: number,
    columns: readonly (readonly [ImportField, HeaderCell])[],
    private readonly sheetNames: readonly string[],
    private readonly fieldOf: (header: string) => ImportField | null,
  ) {
    this.header = columns.map(([, c]) => c)
    this.named = columns.filter(([, c]) => bareText(c.header) !== '')
  }

  /** The row to read with the imported worksheet's rows (tagged with its worksheet), or null. */
  see(row: SheetRow): DataRow | null {
    const sheet = row.sheet ?? 0
    if (sheet === this.importedSheet) return null
    const table = this.tables.get(sheet)
    if (table !== undefined) {
      if (isBlankRow(row.values) || row.rowNumber <= table.headerRow) return null
      if (!isNotARecord(row.values) && !isRepeatedHeader(row.values, this.header)) table.rows++
      return table.status === 'read' ? { rowNumber: row.rowNumber, values: row.values, ...(row.filled ? { filled: row.filled } : {}), sheetName: table.sheet } : null
    }
    const searched = this.searched.get(sheet) ?? 0
    if (searched >= HEADER_SEARCH_ROWS) return null
    this.searched.set(sheet, searched + 1)
    const name = this.sheetNames[sheet] ?? `第 ${sheet + 1} 个工作表`
    const status = this.sameColumns(row.values) ? 'read' : this.sameNames(row.values) ? 'reordered' : null
    if (status !== null) this.tables.set(sheet, { sheet: name, headerRow: row.rowNumber, rows: 0, status: EXAMPLE_SHEET.test(name) ? 'example' : status })
    return null
  }

  /** The header cell `text` names the column's field: its very header, or another spelling of the field. */
  private names(text: string, [field, column]: readonly [ImportField, HeaderCell]): boolean {
    const bare = bareText(text)
    return bare !== '' && (bare === bareText(column.header) || this.fieldOf(text) === field)
  }

  /** Every imported column's field named where the imported worksheet has it (at least two of them). */
  private sameColumns(values: readonly CellValue[]): boolean {
    return this.named.length >= 2 && this.named.every((c) => this.names(cellText(values[c[1].index]), c))
  }

  /** The imported columns' fields named, in whatever columns: at least two, and at least half of them. */
  private sameNames(values: readonly CellValue[]): boolean {
    const texts = values.map((v) => cellText(v)).filter((t) => t !== '')
    const found = this.named.filter((c) => texts.some((t) => this.names(t, c))).length
    return found >= 2 && found * 2 >= this.named.length
  }

  /** The worksheets found with the same header and at least one row under it, in workbook order. */
  found(): OtherTable[] {
    return [...this.tables.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t).filter((t) => t.rows > 0)
  }
}
