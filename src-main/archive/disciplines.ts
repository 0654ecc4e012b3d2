import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { readManualFields } from './manual-fields'

// An asset's disciplines (学科). By default they follow the researchers linked to it (confirmed or
// suggested): rows with source 'derived'. A librarian may set them by hand: every row becomes 'manual'
// and 'disciplines' joins the asset's manual_fields, after which link changes no longer re-derive them.
// This follows the rules of linking/engine.ts DisciplineDeriver (manual rows are never removed).

/** Re-derive the 'derived' disciplines of one asset from its linked researchers (unless set by hand). */
export async function deriveAssetDisciplines(db: Kysely<DB>, assetId: number): Promise<void> {
  const asset = await db.selectFrom('ip_asset').select('manual_fields').where('id', '=', assetId).executeTakeFirst()
  if (!asset || readManualFields(asset.manual_fields).includes('disciplines')) return
  const wanted = new Set(
    (
      await sql<{ code: string }>`SELECT DISTINCT r.discipline_code AS code FROM asset_inventor ai JOIN researcher r ON r.id = ai.researcher_id
        WHERE ai.asset_id = ${assetId} AND ai.link_state IN ('confirmed', 'suggested') AND r.discipline_code IS NOT NULL`.execute(db)
    ).rows.map((r) => r.code),
  )
  const current = await db.selectFrom('asset_discipline').select(['discipline_code', 'source']).where('asset_id', '=', assetId).execute()
  for (const row of current) {
    if (row.source === 'derived' && !wanted.has(row.discipline_code)) {
      await db.deleteFrom('asset_discipline').where('asset_id', '=', assetId).where('discipline_code', '=', row.discipline_code).execute()
    }
    wanted.delete(row.discipline_code)
  }
  if (wanted.size) {
    await db
      .insertInto('asset_discipline')
      .values([...wanted].map((code) => ({ asset_id: assetId, discipline_code: code, source: 'derived' as const })))
      .execute()
  }
}
