import type { SheetTable } from '../contract/reports'
import { sheet, writeWorkbook } from '../spreadsheet'
import { applyCellKinds } from './xlsx-cell-kinds'

/**
 * Write the statistics workbook: one sheet per table, through the shared spreadsheet kit (bold frozen
 * header, widths, numbers as numbers, 万元 with two decimals, text never a formula). Cells of a mixed
 * column (概览's 数值: counts, hours and 万元 in one column) then get their own number format.
 */
export async function writeReportWorkbook(path: string, tables: SheetTable[], options: { onRows?: (written: number) => void | Promise<void> } = {}): Promise<void> {
  await writeWorkbook(
    path,
    tables.map((table) =>
      sheet<SheetTable['rows'][number]>({
        name: table.name,
        columns: table.columns.map((column, i) => ({ header: column.header, kind: column.kind, width: column.width, value: (row) => row[i] ?? null })),
        rows: table.rows,
      }),
    ),
    { onRows: options.onRows, creator: 'IPDesk' },
  )
  await applyCellKinds(
    path,
    tables.map((t) => t.cellKinds ?? {}),
  )
}
