import type { Kysely } from 'kysely'
import type { AssetDetail } from '../contract/pool'
import { AppError } from '../contract/result'
import { todayIso } from '../core/clock'
import type { DB } from '../db/schema'
import { getFeeTable } from './fee-store'
import { gradeHistory } from './grading'
import { conversionsOfAsset } from './open-licence'
import { interestsOfAsset } from './promotions'
import { ASSET_BASE_COLUMNS, enrichRows, toInventoryRow } from './rows'

/** Everything the pool knows about one patent: its row, grades, pool entry, promotion and conversions. */
export async function getAssetDetail(db: Kysely<DB>, id: number, today = todayIso()): Promise<AssetDetail> {
  const asset = await db
    .selectFrom('ip_asset as a')
    .select([...ASSET_BASE_COLUMNS, 'a.abstract', 'a.ipc_all'])
    .where('a.id', '=', id)
    .executeTakeFirst()
  if (!asset) throw new AppError('not_found', '档案中找不到该专利（可能已被删除）。请刷新列表。')
  const [row] = await enrichRows(db, [asset], { today, fees: await getFeeTable(db) })
  if (!row) throw new AppError('invalid_input', '可转化专利资源库只管理专利（发明、实用新型、外观设计）。')
  const promotions = await db
    .selectFrom('pool_promotion_asset as pa')
    .innerJoin('pool_promotion as p', 'p.id', 'pa.promotion_id')
    .select(['p.id', 'p.kind', 'p.title', 'p.held_on'])
    .where('pa.asset_id', '=', id)
    .orderBy('p.held_on', 'desc')
    .execute()
  const projects = await db
    .selectFrom('asset_project as ap')
    .innerJoin('project as p', 'p.id', 'ap.project_id')
    .select(['p.project_no', 'p.name', 'p.fiscal_funded'])
    .where('ap.asset_id', '=', id)
    .orderBy('p.project_no')
    .execute()
  return {
    row: toInventoryRow(row),
    abstract: asset.abstract,
    applicants: asset.applicants,
    ipcAll: asset.ipc_all,
    statusGroup: asset.status_group,
    universityOwned: asset.university_owned === 1,
    gradeHistory: await gradeHistory(db, id),
    entry: row.entry,
    interests: await interestsOfAsset(db, id),
    promotions: promotions.map((p) => ({ id: p.id, kind: p.kind, title: p.title, heldOn: p.held_on })),
    conversions: await conversionsOfAsset(db, id, today),
    projects: projects.map((p) => ({ projectNo: p.project_no, name: p.name, fiscalFunded: p.fiscal_funded === 1 })),
  }
}
