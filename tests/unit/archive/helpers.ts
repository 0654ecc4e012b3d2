import type { Kysely } from 'kysely'
import type { DB, IpAssetTable, LinkState } from '../../../src-main/db/schema'
import type { Insertable } from 'kysely'
import { nameInitials } from '../../../src-main/domain/pinyin'

// Small builders for archive tests: real rows in a real archive, nothing mocked.

const AT = '2025-01-01T00:00:00.000Z'

export interface InventorSpec {
  name: string
  researcherId?: number | null
  state?: LinkState
  candidates?: number[]
}

export async function addAsset(
  db: Kysely<DB>,
  asset: Partial<Insertable<IpAssetTable>> & { app_no: string; title: string },
  inventors: (string | InventorSpec)[] = [],
): Promise<number> {
  const { id } = await db
    .insertInto('ip_asset')
    .values({ kind: 'invention', created_at: AT, updated_at: AT, ...asset })
    .returning('id')
    .executeTakeFirstOrThrow()
  let rank = 1
  for (const inv of inventors) {
    const spec = typeof inv === 'string' ? { name: inv } : inv
    await db
      .insertInto('asset_inventor')
      .values({
        asset_id: id,
        rank: rank++,
        raw_name: spec.name,
        researcher_id: spec.researcherId ?? null,
        link_state: spec.state ?? (spec.researcherId ? 'confirmed' : 'external'),
        candidates: JSON.stringify(spec.candidates ?? []),
      })
      .execute()
  }
  return id
}

export async function addResearcher(
  db: Kysely<DB>,
  r: { staffNo: string; name: string; college?: string; discipline?: string | null; title?: string; active?: boolean },
): Promise<number> {
  const { id } = await db
    .insertInto('researcher')
    .values({
      staff_no: r.staffNo,
      name: r.name,
      name_initials: nameInitials(r.name),
      college: r.college ?? '',
      discipline_code: r.discipline ?? null,
      title: r.title ?? '',
      active: r.active === false ? 0 : 1,
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function addProject(db: Kysely<DB>, p: { projectNo: string; name: string; fiscal?: boolean; level?: 'national' | 'provincial' | 'industry' | 'university' | 'other' }): Promise<number> {
  const { id } = await db
    .insertInto('project')
    .values({ project_no: p.projectNo, name: p.name, fiscal_funded: p.fiscal ? 1 : 0, level: p.level ?? 'other', created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}
