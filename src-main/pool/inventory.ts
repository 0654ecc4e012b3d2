import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import { CONVERSION_STATES, type InventoryFilters, type InventoryInput, type InventoryOutput, type PoolFacets } from '../contract/pool'
import { inventoryInput } from '../contract/pool'
import { todayIso } from '../core/clock'
import type { DB } from '../db/schema'
import { oneYearWindowEnd } from './annuity'
import { STATE_RANK, stateRankSql } from './conversion-state'
import { getFeeTable } from './fee-store'
import { ipcEntries } from './ipc'
import { ASSET_BASE_COLUMNS, enrichRows, toInventoryRow, type AssetBase } from './rows'

// The inventory (盘点): every university-owned patent in force. The base set is read off the partial
// indexes of migration 0006 (ip_asset_pool_*), whose WHERE is the single term
// `(university_owned = 1 AND status_group = 'valid') IS TRUE`. BASE repeats it verbatim, with literal
// constants: SQLite only uses a partial index when the query's WHERE contains the index's term (a bound
// parameter never matches), and as one term it cannot lure the planner to an ordinary status index.

// The kind test is written `+a.kind` so that it stays a row filter: as a plain column term it would
// draw the planner to the archive's (kind, filing_date) index instead.
const BASE = sql.raw(`(a.university_owned = 1 AND a.status_group = 'valid') IS TRUE AND +a.kind IN ('invention', 'utility', 'design')`)

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`)
}

/** The string just after every string starting with `prefix` (for index-friendly prefix ranges). */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)
}

const ASSET = sql.ref('a.id')

/** WHERE conditions of the inventory for `filters` on `today` (the asset table is aliased `a`). */
export function inventoryConditions(filters: InventoryFilters, today: string): RawBuilder<SqlBool>[] {
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`${BASE}`, sql<SqlBool>`(a.expiry_date IS NULL OR a.expiry_date >= ${today})`]
  const q = filters.q?.trim()
  if (q) {
    const number = q.replace(/^(ZL|CN)/i, '').replace(/\s+/g, '')
    parts.push(sql<SqlBool>`(a.title LIKE ${`%${escapeLike(q)}%`} ESCAPE '\\' OR a.app_no LIKE ${`${escapeLike(number)}%`} ESCAPE '\\')`)
  }
  if (filters.college) parts.push(sql<SqlBool>`a.college = ${filters.college}`)
  if (filters.discipline) {
    parts.push(
      filters.discipline.length === 4
        ? sql<SqlBool>`EXISTS (SELECT 1 FROM asset_discipline d WHERE d.asset_id = a.id AND d.discipline_code = ${filters.discipline})`
        : sql<SqlBool>`EXISTS (SELECT 1 FROM asset_discipline d JOIN discipline dd ON dd.code = d.discipline_code
            WHERE d.asset_id = a.id AND dd.category_code = ${filters.discipline})`,
    )
  }
  if (filters.ipc) {
    const code = filters.ipc.toUpperCase()
    parts.push(sql<SqlBool>`(a.ipc_main >= ${code} AND a.ipc_main < ${prefixEnd(code)})`)
  }
  if (filters.kinds?.length) parts.push(sql<SqlBool>`+a.kind IN (${sql.join(filters.kinds)})`)
  if (filters.grades?.length) {
    const graded = filters.grades.filter((g) => g !== 'none')
    const alternatives: RawBuilder<SqlBool>[] = []
    if (graded.length) {
      alternatives.push(sql<SqlBool>`EXISTS (SELECT 1 FROM pool_grading g WHERE g.asset_id = a.id AND g.is_current = 1 AND g.grade IN (${sql.join(graded)}))`)
    }
    if (filters.grades.includes('none')) {
      alternatives.push(sql<SqlBool>`NOT EXISTS (SELECT 1 FROM pool_grading g WHERE g.asset_id = a.id AND g.is_current = 1)`)
    }
    parts.push(sql<SqlBool>`(${sql.join(alternatives, sql` OR `)})`)
  }
  if (filters.states?.length && filters.states.length < CONVERSION_STATES.length) {
    const ranks = [...new Set(filters.states.map((s) => STATE_RANK[s]))]
    parts.push(sql<SqlBool>`${stateRankSql(ASSET, today)} IN (${sql.join(ranks)})`)
  }
  if (filters.fiscalFunded !== undefined) {
    const funded = sql`EXISTS (SELECT 1 FROM asset_project ap JOIN project p ON p.id = ap.project_id WHERE ap.asset_id = a.id AND p.fiscal_funded = 1)`
    parts.push(filters.fiscalFunded ? sql<SqlBool>`${funded}` : sql<SqlBool>`NOT ${funded}`)
  }
  if (filters.inPool !== undefined) {
    const pooled = sql`EXISTS (SELECT 1 FROM pool_entry e WHERE e.asset_id = a.id AND e.removed_on IS NULL)`
    parts.push(filters.inPool ? sql<SqlBool>`${pooled}` : sql<SqlBool>`NOT ${pooled}`)
  }
  return parts
}

/** Conditions joined with AND, typed as a boolean for Kysely's where(). */
export function allOf(parts: RawBuilder<unknown>[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`
}

export function inventoryWhere(filters: InventoryFilters, today: string): RawBuilder<SqlBool> {
  return allOf(inventoryConditions(filters, today))
}

export async function countInventory(db: Kysely<DB>, filters: InventoryFilters, today = todayIso()): Promise<number> {
  const row = await db.selectFrom('ip_asset as a').select(sql<number>`count(*)`.as('n')).where(inventoryWhere(filters, today)).executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Ids the filter selects, in id order (batch grading walks them in chunks). */
export async function inventoryIds(db: Kysely<DB>, filters: InventoryFilters, today = todayIso()): Promise<number[]> {
  const rows = await db.selectFrom('ip_asset as a').select('a.id').where(inventoryWhere(filters, today)).orderBy('a.id').execute()
  return rows.map((r) => r.id)
}

const SORT_COLUMNS = {
  filing_date: 'a.filing_date',
  grant_date: 'a.grant_date',
  expiry_date: 'a.expiry_date',
  title: 'a.title',
} as const

export function inventoryPageQuery(db: Kysely<DB>, input: ReturnType<typeof inventoryInput.parse>, today: string) {
  const column = SORT_COLUMNS[input.sort]
  return db
    .selectFrom('ip_asset as a')
    .select([...ASSET_BASE_COLUMNS])
    .where(inventoryWhere(input.filters, today))
    .orderBy(column, input.order)
    .orderBy('a.id', input.order)
    .limit(input.limit)
    .offset(input.offset)
}

export async function listInventory(db: Kysely<DB>, raw: InventoryInput, today = todayIso()): Promise<InventoryOutput> {
  const input = inventoryInput.parse(raw)
  const total = await countInventory(db, input.filters, today)
  const assets: AssetBase[] = await inventoryPageQuery(db, input, today).execute()
  const rows = await enrichRows(db, assets, { today, fees: await getFeeTable(db) })
  return { total, items: rows.map(toInventoryRow), asOf: today, annuityWindow: { from: today, to: oneYearWindowEnd(today) } }
}

export async function poolFacets(db: Kysely<DB>, today = todayIso()): Promise<PoolFacets> {
  const where = inventoryWhere({}, today)
  const colleges = await db
    .selectFrom('ip_asset as a')
    .select('a.college')
    .distinct()
    .where(where)
    .where('a.college', '<>', '')
    .orderBy('a.college')
    .execute()
  const disciplines = await db
    .selectFrom('discipline as dd')
    .select(['dd.code', 'dd.name', 'dd.category_code'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('asset_discipline as d')
          .innerJoin('ip_asset as a', 'a.id', 'd.asset_id')
          .select(sql`1`.as('one'))
          .whereRef('d.discipline_code', '=', 'dd.code')
          .where(where),
      ),
    )
    .orderBy('dd.code')
    .execute()
  // The 门类 of the disciplines in use, so a whole category (e.g. 08 工学) can be chosen too.
  const categoryCodes = [...new Set(disciplines.map((d) => d.category_code))]
  const categories = categoryCodes.length
    ? await db.selectFrom('discipline').select(['code', 'name', 'category_code']).where('level', '=', 'category').where('code', 'in', categoryCodes).execute()
    : []
  const all = [...categories, ...disciplines].sort((a, b) => a.category_code.localeCompare(b.category_code) || a.code.length - b.code.length || a.code.localeCompare(b.code))
  return {
    colleges: colleges.map((c) => c.college),
    disciplines: all.map((d) => ({ code: d.code, name: d.name, categoryCode: d.category_code })),
    ipc: ipcEntries().map((e) => ({ code: e.code, level: e.level, section: e.section, title: e.title })),
  }
}
