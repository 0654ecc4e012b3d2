import type { CellValue, SheetRow } from '../../../src-main/spreadsheet'
import { workbookSheets } from '../../../src-main/spreadsheet/xlsx-parts'

// Reading a workbook with either of the kit's two readers, and comparing what they read: shared by the
// scanner's tests (xlsx-scanner.test.ts) and the tests on other writers' workbooks (xlsx-writers.test.ts).

export type Reader = 'scanner' | 'exceljs'

/** Runs `fn` with `reader` chosen (IPDESK_XLSX_READER is read when a workbook's rows are read). */
export async function withReader<T>(reader: Reader, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.IPDESK_XLSX_READER
  if (reader === 'exceljs') process.env.IPDESK_XLSX_READER = 'exceljs'
  else delete process.env.IPDESK_XLSX_READER
  try {
    return await fn()
  } finally {
    if (saved === undefined) delete process.env.IPDESK_XLSX_READER
    else process.env.IPDESK_XLSX_READER = saved
  }
}

/**
 * The differences between the two readers' rows: each documented kind (as `classify` names it) counted,
 * anything else listed.
 */
export function compareRows<D extends string>(
  scanned: SheetRow[],
  excel: SheetRow[],
  classify: (scanned: CellValue, excel: CellValue | undefined) => D | 'same' | 'unexplained',
): { met: Partial<Record<D, number>>; unexplained: string[] } {
  const met: Partial<Record<D, number>> = {}
  const unexplained: string[] = []
  if (scanned.length !== excel.length) unexplained.push(`row count ${scanned.length} ≠ exceljs ${excel.length}`)
  for (let i = 0; i < Math.min(scanned.length, excel.length); i++) {
    const a = scanned[i]!
    const b = excel[i]!
    if (a.rowNumber !== b.rowNumber || a.sheet !== b.sheet) unexplained.push(`row ${i}: ${a.sheet}/${a.rowNumber} ≠ exceljs ${b.sheet}/${b.rowNumber}`)
    for (let c = 0; c < Math.max(a.values.length, b.values.length); c++) {
      const kind = classify(a.values[c] ?? null, b.values[c])
      if (kind === 'same') continue
      if (kind === 'unexplained') unexplained.push(`sheet ${a.sheet} row ${a.rowNumber} col ${c}: ${JSON.stringify(a.values[c])} ≠ exceljs ${JSON.stringify(b.values[c])}`)
      else met[kind] = (met[kind] ?? 0) + 1
    }
  }
  return { met, unexplained }
}

/**
 * exceljs' streaming reader, on a busy machine (the whole suite running), now and then loses a worksheet:
 * the race in its single-pass unzip that read.ts (EXCELJS_WORKBOOK_RACE) retries when it ends in an error,
 * and that can also end without one. A comparison with exceljs reads until it returns as many worksheets
 * as the workbook shows, three times at most: a reader that always differs still fails the comparison.
 */
export async function withSettledReader<T extends { sheetNames: readonly string[] }>(reader: Reader, path: string, allSheets: boolean, read: () => Promise<T>): Promise<T> {
  const sheets = reader === 'exceljs' ? workbookSheets(path) : null
  const expected = sheets === null ? null : allSheets ? sheets.filter((s) => !s.hidden).length : Math.min(1, sheets.length)
  let result = await withReader(reader, read)
  for (let attempt = 2; attempt <= 3 && expected !== null && result.sheetNames.length !== expected; attempt++) result = await withReader(reader, read)
  return result
}
