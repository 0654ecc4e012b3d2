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

/** A list row and the fields the screen leaves out but a list sent to a college needs. */
export interface ExportRow extends AssetRow {
  currentOwner: string
  pubDate: string | null
  expiryDate: string | null
  ipcMain: string | null
}

export const ASSET_LIST_COLUMNS: ColumnSpec<ExportRow>[] = [
  { header: '申请号/登记号', width: 18, value: (r) => r.appNo },
  { header: '类型', width: 10, value: (r) => ASSET_KIND_LABELS[r.kind] },
  { header: '名称', width: 44, value: (r) => r.title },
  { header: '申请人', width: 30, value: (r) => r.applicants },
  { header: '当前权利人', width: 30, value: (r) => r.currentOwner },
  { header: '发明人', width: 28, value: (r) => r.inventors },
  { header: '申请日', width: 12, value: (r) => r.filingDate ?? '' },
  { header: '公开（公告）号', width: 18, value: (r) => r.pubNo ?? '' },
  { header: '公开（公告）日', width: 14, value: (r) => r.pubDate ?? '' },
  { header: '授权公告号', width: 18, value: (r) => r.grantNo ?? '' },
  { header: '授权日', width: 12, value: (r) => r.grantDate ?? '' },
  { header: '法律状态', width: 10, value: (r) => STATUS_GROUP_LABELS[r.statusGroup] },
  { header: '法律事件', width: 16, value: (r) => r.statusEvent },
  { header: '届满日', width: 12, value: (r) => r.expiryDate ?? '' },
  { header: '主分类号', width: 14, value: (r) => r.ipcMain ?? '' },
  { header: '学院', width: 20, value: (r) => r.college },
  { header: '学校为权利人', width: 12, value: (r) => (r.universityOwned ? '是' : '否') },
]

/** The list rows of `ids` (in that order) with their export-only fields. */
async function exportRows(db: Kysely<DB>, ids: readonly number[]): Promise<ExportRow[]> {
  const rows = await assetRowsByIds(db, ids)
  if (!rows.length) return []
  const more = await db
    .selectFrom('ip_asset')
    .select(['id', 'current_owner', 'pub_date', 'expiry_date', 'ipc_main'])
    .where('id', 'in', rows.map((r) => r.id))
    .execute()
  const byId = new Map(more.map((m) => [m.id, m]))
  return rows.map((r) => {
    const m = byId.get(r.id)
    return { ...r, currentOwner: m?.current_owner ?? '', pubDate: m?.pub_date ?? null, expiryDate: m?.expiry_date ?? null, ipcMain: m?.ipc_main ?? null }
  })
}

export interface ExportListOptions {
  progress?: (done: number, total: number) => void
  checkpoint?: () => Promise<void>
}

/** The browse list of `input` as .xlsx at `path`; returns the number of assets written. */
export async function exportAssetList(db: Kysely<DB>, path: string, input: AssetListExportInput, options: ExportListOptions = {}): Promise<number> {
  const ids = await listAssetIds(db, input)
  let written = 0
  async function* rows(): AsyncGenerator<ExportRow> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      // An asset deleted while the export runs is left out.
      for (const row of await exportRows(db, ids.slice(i, i + CHUNK))) {
        written++
        yield row
      }
      options.progress?.(written, ids.length)
      await options.checkpoint?.()
    }
  }
  await writeWorkbook(path, [sheet<ExportRow>({ name: '知识产权清单', columns: ASSET_LIST_COLUMNS, rows: rows() })])
  options.progress?.(written, written)
  return written
}
