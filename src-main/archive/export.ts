import type { Kysely } from 'kysely'
import type { AssetListExportInput, AssetRow } from '../contract/archive'
import { ASSET_KIND_LABELS, STATUS_GROUP_LABELS } from '../contract/labels'
import type { DB } from '../db/schema'
import { sheet, writeWorkbook, type ColumnSpec } from '../spreadsheet'
import { assetRowsByIds, listAssetIds } from './search'

// 导出 Excel on the archive page: the list exactly as browsed — the same words or number, filters and
// order — every row of it, one asset a row. The ids come from the list's own query (search.ts
// listAssetIds), so the file can never disagree with the screen; rows are read a chunk at a time and
// written with the streaming writer, so 100,000 rows stay in constant memory. Every cell is text or a
// date string, as librarians paste these lists into reports.

/** Rows read per query. */
const CHUNK = 500

export const ASSET_LIST_COLUMNS: ColumnSpec<AssetRow>[] = [
  { header: '申请号/登记号', width: 18, value: (r) => r.appNo },
  { header: '类型', width: 10, value: (r) => ASSET_KIND_LABELS[r.kind] },
  { header: '名称', width: 44, value: (r) => r.title },
  { header: '申请人', width: 30, value: (r) => r.applicants },
  { header: '发明人', width: 28, value: (r) => r.inventors },
  { header: '申请日', width: 12, value: (r) => r.filingDate ?? '' },
  { header: '公开（公告）号', width: 18, value: (r) => r.pubNo ?? '' },
  { header: '授权公告号', width: 18, value: (r) => r.grantNo ?? '' },
  { header: '授权日', width: 12, value: (r) => r.grantDate ?? '' },
  { header: '法律状态', width: 10, value: (r) => STATUS_GROUP_LABELS[r.statusGroup] },
  { header: '法律事件', width: 16, value: (r) => r.statusEvent },
  { header: '学院', width: 20, value: (r) => r.college },
  { header: '学校为权利人', width: 12, value: (r) => (r.universityOwned ? '是' : '否') },
]

export interface ExportListOptions {
  progress?: (done: number, total: number) => void
  checkpoint?: () => Promise<void>
}

/** The browse list of `input` as .xlsx at `path`; returns the number of assets written. */
export async function exportAssetList(db: Kysely<DB>, path: string, input: AssetListExportInput, options: ExportListOptions = {}): Promise<number> {
  const ids = await listAssetIds(db, input)
  let written = 0
  async function* rows(): AsyncGenerator<AssetRow> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      // An asset deleted while the export runs is left out.
      for (const row of await assetRowsByIds(db, ids.slice(i, i + CHUNK))) {
        written++
        yield row
      }
      options.progress?.(written, ids.length)
      await options.checkpoint?.()
    }
  }
  await writeWorkbook(path, [sheet<AssetRow>({ name: '知识产权清单', columns: ASSET_LIST_COLUMNS, rows: rows() })])
  options.progress?.(written, written)
  return written
}
