import ExcelJS from 'exceljs'
import { createReadStream } from 'node:fs'
import { openArchive } from '../../db/connection'
import { updateSettings } from '../../settings/service'
import { sheet, writeWorkbook } from '../../spreadsheet'
import { runImport, type ImportSummary } from './run'
import { SYNTHETIC_COLUMNS, syntheticPatentRows } from './synthetic'

// Measuring the import against exceljs merely streaming the same file (issue 3: ≤ 1.5×; peak RSS ≤ 600 MB
// for 100,000 rows). For the benchmark (`npm run bench`) and tests/unit/archive/import/measure-import.ts.
// Run each measurement in its own process so peak RSS (process.resourceUsage().maxRSS) is its own.

export const MEASURE_UNIVERSITY = '东海理工大学'

/** Writes the synthetic patent list of `rows` rows (CNIPA headers) to `path`. */
export async function writeSyntheticList(path: string, rows: number): Promise<void> {
  await writeWorkbook(path, [
    sheet<(string | Date | null)[]>({
      name: '专利清单',
      columns: SYNTHETIC_COLUMNS.map((c, i) => ({ header: c.header, kind: c.kind, value: (r) => r[i] ?? null })),
      rows: syntheticPatentRows(rows, MEASURE_UNIVERSITY),
    }),
  ])
}

/** exceljs streaming every row of the first sheet, with the options the spreadsheet kit uses. Returns the row count. */
export async function streamWithExceljs(path: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(path), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'emit',
  })
  let rows = 0
  for await (const worksheet of reader) {
    for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
      void row.values
      rows++
    }
  }
  return rows
}

/** Imports `path` into a new archive at `archiveFile` (university set), committing. */
export async function importIntoNewArchive(path: string, archiveFile: string): Promise<ImportSummary> {
  const archive = await openArchive(archiveFile)
  try {
    await updateSettings(archive.db, { universityName: MEASURE_UNIVERSITY, operatorName: '基准测试' })
    return await runImport(archive, { kind: 'patents', file: path, skipInvalid: false })
  } finally {
    await archive.close()
  }
}
