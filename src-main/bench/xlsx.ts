import ExcelJS from 'exceljs'
import { renameSync } from 'node:fs'
import type { Archive } from '../db/connection'

// The 100,000-row patent list the import is timed on, and the yardstick it is compared with:
// exceljs merely streaming the same file (reading every cell, doing nothing with it).

export const IMPORT_HEADERS = ['申请号', '申请日', '公开（公告）号', '公开（公告）日', '发明名称', '申请（专利权）人', '当前权利人', '发明人', '法律状态', 'IPC主分类号', 'IPC分类号', '专利类型', '摘要'] as const

const KIND_WORD: Record<string, string> = { invention: '发明', utility: '实用新型', design: '外观设计', software: '软件著作权' }
const STATUS_WORD: Record<string, string> = { valid: '有效', pending: '审中', lapsed: '失效', unknown: '' }

/**
 * Write `rows` patents as an export file would have them, taking real-looking values from the
 * archive's own assets and giving each row a fresh, valid application number (so an import inserts
 * rather than only matches).
 */
export async function writeImportWorkbook(archive: Archive, file: string, rows: number): Promise<void> {
  const templates = archive.sqlite
    .prepare("SELECT kind, filing_date, pub_date, title, applicants, current_owner, ipc_main, ipc_all, status_group, abstract FROM ip_asset WHERE kind IN ('invention', 'utility', 'design') LIMIT 600")
    .all() as Record<string, string | null>[]
  const inventors = (archive.sqlite.prepare('SELECT asset_id, group_concat(raw_name, \';\') AS names FROM asset_inventor GROUP BY asset_id LIMIT 600').all() as { names: string }[]).map((r) => r.names)
  const { applicationCheckChar } = await import('../domain/cn-number')
  const partial = `${file}.partial`
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useSharedStrings: false, useStyles: false })
  const ws = wb.addWorksheet('专利列表')
  ws.addRow([...IMPORT_HEADERS]).commit()
  for (let i = 0; i < rows; i++) {
    const t = templates[i % templates.length]!
    const type = t.kind === 'invention' ? 1 : t.kind === 'utility' ? 2 : 3
    const year = Number((t.filing_date ?? '2020').slice(0, 4)) || 2020
    const digits = `${year}${type}${String(7_000_000 + i).padStart(7, '0')}`
    ws.addRow([
      `${digits}.${applicationCheckChar(digits)}`,
      t.filing_date,
      `CN${String(400_000_000 + i)}${type === 1 ? 'A' : type === 2 ? 'U' : 'S'}`,
      t.pub_date,
      t.title,
      t.applicants,
      t.current_owner,
      inventors[i % inventors.length] ?? '',
      STATUS_WORD[t.status_group ?? 'unknown'] ?? '',
      t.ipc_main,
      t.ipc_all,
      KIND_WORD[t.kind ?? ''] ?? '',
      t.abstract,
    ]).commit()
  }
  ws.commit()
  await wb.commit()
  renameSync(partial, file)
}

/** exceljs streaming through every row and cell of `file`, touching each value once. */
export async function streamWithExcelJs(file: string): Promise<{ rows: number; cells: number }> {
  let rows = 0
  let cells = 0
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit' })
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      rows++
      const values = (row as ExcelJS.Row).values as unknown[]
      for (const value of values) if (value !== undefined) cells++
    }
  }
  return { rows, cells }
}
