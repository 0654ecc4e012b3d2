import { sql, type Kysely } from 'kysely'
import type { Facets } from '../contract/archive'
import type { DB } from '../db/schema'

/** Values offered by the browse filters: colleges and disciplines in use, the span of filing years. */
export async function archiveFacets(db: Kysely<DB>): Promise<Facets> {
  const colleges = (
    await sql<{ college: string }>`SELECT college FROM (SELECT DISTINCT college FROM ip_asset UNION SELECT DISTINCT college FROM researcher)
      WHERE college <> '' ORDER BY college`.execute(db)
  ).rows.map((r) => r.college)
  const disciplines = (
    await sql<{ code: string; name: string; category_code: string; level: string }>`SELECT d.code, d.name, d.category_code, d.level FROM discipline d
      WHERE d.code IN (SELECT DISTINCT discipline_code FROM asset_discipline UNION SELECT DISTINCT discipline_code FROM researcher WHERE discipline_code IS NOT NULL)
      ORDER BY d.code`.execute(db)
  ).rows.map((r) => ({ code: r.code, name: r.name, categoryCode: r.category_code, level: r.level }))
  const years = (
    await sql<{ min: string | null; max: string | null }>`SELECT min(filing_date) AS min, max(filing_date) AS max FROM ip_asset`.execute(db)
  ).rows[0]
  return {
    colleges,
    disciplines,
    filingYears: {
      min: years?.min ? Number(years.min.slice(0, 4)) : null,
      max: years?.max ? Number(years.max.slice(0, 4)) : null,
    },
  }
}

/** The whole 2022 catalogue (门类, 一级学科, 专业学位类别), for discipline pickers. */
export async function disciplineCatalogue(db: Kysely<DB>) {
  const rows = await db.selectFrom('discipline').select(['code', 'name', 'category_code', 'level']).orderBy('code').execute()
  return rows.map((r) => ({ code: r.code, name: r.name, categoryCode: r.category_code, level: r.level }))
}
