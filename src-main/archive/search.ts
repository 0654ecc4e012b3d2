import { sql, type Kysely, type RawBuilder } from 'kysely'
import {
  assetSearchInput,
  type AssetFilters,
  type AssetListExportInput,
  type AssetRow,
  type AssetSearchInput,
  type AssetSearchOutput,
  type AssetSort,
} from '../contract/archive'
import type { AssetKind, DB, StatusGroup } from '../db/schema'
import { checkNumber } from '../domain/cn-number'
import { removeBlanks, toHalfWidth } from '../domain/text-width'
import { KEY_BASE, syncSearchIndex } from './search-index'
import { ftsQuery } from './search-text'
import { cleanQuery } from './text-util'

// The archive's one search box and browse list. Three ways in, all index-backed:
//  - a number (申请号/专利号 in any pasted form, 公开/授权公告号, 软著登记号): exact or range lookups on
//    app_no / pub_no / grant_no;
//  - words: the bigram FTS5 index asset_search (design in db/migrations/0002_archive_search.ts, with the
//    1-character prefix index of 0009_archive_search_prefix.ts);
//  - nothing: the filters alone, on ip_asset's indexes.
// Filters, sort and paging apply the same way to all three. Keeping the FTS5 index in step with the
// archive is search-index.ts; every search asks it to catch up first.

// ---------------------------------------------------------------------------------------------------
// Numbers

export interface NumberLookup {
  /** What the query was read as, for the UI ('申请号 202310397744.0'). */
  label: string
  condition: RawBuilder<boolean>
  notice: string | null
}

/** Half-open range [prefix, prefix + '\u{10FFFF}') on an indexed text column: a prefix match the index serves. */
function prefixRange(column: string, prefix: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(column)} >= ${prefix} AND ${sql.ref(column)} < ${prefix + '\u{10FFFF}'})`
}

/**
 * Reads a query as a number when it is one (or the start of one). Never throws: anything that is not a
 * number returns null and goes to the text search.
 */
export function numberLookup(query: string): NumberLookup | null {
  const check = checkNumber(query)
  if (check.valid && check.normalized) {
    const n = check.normalized
    switch (check.numberType) {
      case 'application':
        return { label: `申请号 ${n}`, condition: sql<boolean>`a.app_no = ${n}`, notice: null }
      case 'software_copyright':
        return { label: `登记号 ${n}`, condition: sql<boolean>`a.app_no = ${n}`, notice: null }
      case 'publication': {
        // The same document serial with any kind code: CN114081026A (公布) and …B (授权) are one patent.
        const serial = n.replace(/[A-Z]\d?$/u, '')
        const sameSerial = (column: string) => sql<boolean>`(${sql.ref(column)} >= ${serial + 'A'} AND ${sql.ref(column)} < ${serial + '['})`
        return { label: `公开（公告）号 ${n}`, condition: sql<boolean>`(${sameSerial('a.pub_no')} OR ${sameSerial('a.grant_no')})`, notice: null }
      }
      case null:
        return null
      default: {
        const unreachable: never = check.numberType
        throw new Error(`unhandled number type ${String(unreachable)}`)
      }
    }
  }
  const compact = removeBlanks(toHalfWidth(query)).toUpperCase().replace(/[。．]/gu, '.')
  // A recognisable application number with a wrong or missing check character: show the asset with those
  // digits (if any) together with the message that says which check character is right.
  if (check.numberType === 'application' && check.expectedCheck) {
    const digits = compact.replace(/^(?:ZL|CN)/u, '').replace(/[.][0-9X]?$/u, '').replace(/\D/gu, '').slice(0, 12)
    if (digits.length === 12 || digits.length === 8) {
      return { label: `申请号 ${digits}`, condition: prefixRange('a.app_no', `${digits}.`), notice: check.message ?? null }
    }
  }
  // The start of a number, as typed into a search box: 6+ digits, optionally after CN/ZL, or a software
  // registration number in progress ('2024SR05').
  const sr = /^(\d{4}SR\d*)$/u.exec(compact)
  if (sr) return { label: `登记号 ${sr[1]}…`, condition: prefixRange('a.app_no', sr[1]!), notice: null }
  const partial = /^(CN|ZL)?(\d{6,13})(\.[0-9X]?)?$/u.exec(compact)
  if (partial) {
    const prefix = partial[1] ?? ''
    const digits = partial[2]! + (partial[3] ?? '')
    if (prefix === 'CN') {
      return {
        label: `号码 CN${digits}…`,
        condition: sql<boolean>`(${prefixRange('a.app_no', digits)} OR ${prefixRange('a.pub_no', 'CN' + digits)} OR ${prefixRange('a.grant_no', 'CN' + digits)})`,
        notice: null,
      }
    }
    if (prefix === 'ZL') return { label: `专利号 ${digits}…`, condition: prefixRange('a.app_no', digits), notice: null }
    return {
      label: `号码 ${digits}…`,
      condition: sql<boolean>`(${prefixRange('a.app_no', digits)} OR ${prefixRange('a.pub_no', 'CN' + digits)} OR ${prefixRange('a.grant_no', 'CN' + digits)})`,
      notice: null,
    }
  }
  if (check.numberType === 'software_copyright' && check.message) {
    return { label: '登记号', condition: sql<boolean>`0`, notice: check.message }
  }
  return null
}

// ---------------------------------------------------------------------------------------------------
// Filters and rows

function yearStart(y: number): string {
  return `${String(y).padStart(4, '0')}-01-01`
}
function nextYearStart(y: number): string {
  return `${String(y + 1).padStart(4, '0')}-01-01`
}

/** SQL conditions on `ip_asset AS a` for the filters; each one can use an index. */
export function filterConditions(f: AssetFilters): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = []
  if (f.kinds?.length) out.push(sql<boolean>`a.kind IN (${sql.join(f.kinds as AssetKind[])})`)
  if (f.statusGroups?.length) out.push(sql<boolean>`a.status_group IN (${sql.join(f.statusGroups as StatusGroup[])})`)
  if (f.filingYearFrom !== undefined) out.push(sql<boolean>`a.filing_date >= ${yearStart(f.filingYearFrom)}`)
  if (f.filingYearTo !== undefined) out.push(sql<boolean>`a.filing_date < ${nextYearStart(f.filingYearTo)}`)
  if (f.grantYearFrom !== undefined) out.push(sql<boolean>`a.grant_date >= ${yearStart(f.grantYearFrom)}`)
  if (f.grantYearTo !== undefined) out.push(sql<boolean>`a.grant_date < ${nextYearStart(f.grantYearTo)}`)
  if (f.college) out.push(sql<boolean>`a.college = ${f.college}`)
  if (f.universityOwned !== undefined) out.push(sql<boolean>`a.university_owned = ${f.universityOwned ? 1 : 0}`)
  if (f.discipline) {
    out.push(
      f.discipline.length === 2
        ? sql<boolean>`a.id IN (SELECT ad.asset_id FROM asset_discipline ad JOIN discipline d ON d.code = ad.discipline_code WHERE d.category_code = ${f.discipline})`
        : sql<boolean>`a.id IN (SELECT asset_id FROM asset_discipline WHERE discipline_code = ${f.discipline})`,
    )
  }
  if (f.projectId !== undefined) out.push(sql<boolean>`a.id IN (SELECT asset_id FROM asset_project WHERE project_id = ${f.projectId})`)
  if (f.researcherId !== undefined) out.push(sql<boolean>`a.id IN (SELECT asset_id FROM asset_inventor WHERE researcher_id = ${f.researcherId})`)
  return out
}

/**
 * Whether a browse count should read the covering index ip_asset_filter_cover (migration 0011): when
 * there are simple filters but none of the very selective ones (researcher, project, discipline), whose
 * own indexes find a handful of rows directly.
 */
function countByCoverIndex(f: AssetFilters): boolean {
  const simple = Boolean(
    f.kinds?.length || f.statusGroups?.length || f.college || f.universityOwned !== undefined ||
      f.filingYearFrom !== undefined || f.filingYearTo !== undefined || f.grantYearFrom !== undefined || f.grantYearTo !== undefined,
  )
  return simple && !f.discipline && f.projectId === undefined && f.researcherId === undefined
}

function whereClause(conditions: RawBuilder<boolean>[]): RawBuilder<unknown> {
  return conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``
}

/** The columns of a list row; `a` is ip_asset. Inventors in rank order. */
const ROW_COLUMNS = sql`a.id, a.kind, a.app_no, a.title, a.filing_date, a.pub_no, a.grant_no, a.grant_date, a.status_group,
  a.status_event, a.university_owned, a.applicants, a.college,
  (SELECT group_concat(ai.raw_name, '、' ORDER BY ai.rank) FROM asset_inventor ai WHERE ai.asset_id = a.id) AS inventors`

interface RawRow {
  id: number
  kind: AssetKind
  app_no: string
  title: string
  filing_date: string | null
  pub_no: string | null
  grant_no: string | null
  grant_date: string | null
  status_group: StatusGroup
  status_event: string
  university_owned: number
  applicants: string
  college: string
  inventors: string | null
}

function toRow(r: RawRow): AssetRow {
  return {
    id: r.id,
    kind: r.kind,
    appNo: r.app_no,
    title: r.title,
    filingDate: r.filing_date,
    pubNo: r.pub_no,
    grantNo: r.grant_no,
    grantDate: r.grant_date,
    statusGroup: r.status_group,
    statusEvent: r.status_event,
    universityOwned: r.university_owned === 1,
    applicants: r.applicants,
    college: r.college,
    inventors: r.inventors ?? '',
  }
}

function orderBy(sort: 'filing_date' | 'grant_date' | 'title', order: 'asc' | 'desc', plain = false): RawBuilder<unknown> {
  const dir = order === 'asc' ? sql`ASC` : sql`DESC`
  // `+column` keeps SQLite from walking the sort index when the matching set is small (see searchAssets).
  const col = (name: string) => (plain ? sql`+${sql.ref(name)}` : sql.ref(name))
  switch (sort) {
    case 'filing_date':
      return sql`ORDER BY ${col('a.filing_date')} ${dir}, a.id ${dir}`
    case 'grant_date':
      // Not-yet-granted applications go last either way.
      return order === 'asc' ? sql`ORDER BY a.grant_date ASC NULLS LAST, a.id ASC` : sql`ORDER BY ${col('a.grant_date')} DESC, a.id DESC`
    case 'title':
      return sql`ORDER BY ${col('a.title')} ${dir}, a.id ${dir}`
    default: {
      const unreachable: never = sort
      throw new Error(`unhandled sort ${String(unreachable)}`)
    }
  }
}

/**
 * Relevance (bm25) has to score every hit, so by default it is used only while the hits are few; a broad
 * word (电, 一种, 装置) is listed newest first instead, straight from the index in rowid order (see
 * migration 0010), which costs the same for 50 hits or 50,000. Asked for explicitly, relevance is given
 * up to RELEVANCE_MAX_HITS. The output says which order was applied.
 */
export const RELEVANCE_DEFAULT_MAX_HITS = 2_000
export const RELEVANCE_MAX_HITS = 20_000
/**
 * Text hits sorted by grant date or title, two plans: take every hit from the FTS index and sort them
 * (cost ∝ hits), or walk the sort index and probe the FTS index row by row until the page is full
 * (cost ∝ rows walked ≈ (offset + limit) × assets / hits, each probe costing a few dozen hits). The
 * walk wins when hits² > WALK_FACTOR × (offset + limit) × assets.
 */
const WALK_FACTOR = 30

/** Search and browse the archive: `{ total, items }` for one page. */
export async function searchAssets(db: Kysely<DB>, input: AssetSearchInput = {}): Promise<AssetSearchOutput> {
  const { ids, ...found } = await findAssetIds(db, assetSearchInput.parse(input))
  return { ...found, items: await assetRowsByIds(db, ids) }
}

/**
 * Every asset of the list `input` describes, as ids in the list's order — what the export writes. One
 * query instead of a page at a time: paging with OFFSET re-walks the rows before each page, which for a
 * list sorted by title costs seconds per hundred pages.
 */
export async function listAssetIds(db: Kysely<DB>, input: AssetListExportInput = {}): Promise<number[]> {
  const p = assetSearchInput.parse({ ...input, offset: 0, limit: 1 })
  return (await findAssetIds(db, { ...p, limit: Number.MAX_SAFE_INTEGER })).ids
}

type ParsedSearch = ReturnType<typeof assetSearchInput.parse>
type FoundIds = Omit<AssetSearchOutput, 'items'> & { ids: number[] }

/** The ids of one page (p.offset, p.limit) of the list, and what the output says about the list. */
async function findAssetIds(db: Kysely<DB>, p: ParsedSearch): Promise<FoundIds> {
  await syncSearchIndex(db)
  const q = cleanQuery(p.q)
  const filters = filterConditions(p)
  const { limit, offset, order } = p

  const number = q ? numberLookup(q) : null
  const fts = q && !number ? ftsQuery(q) : null

  if (number || !fts) {
    const conditions = number ? [number.condition, ...filters] : filters
    const where = whereClause(conditions)
    const cover = !number && countByCoverIndex(p) ? sql`INDEXED BY ip_asset_filter_cover` : sql``
    const total = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ip_asset a ${cover} ${where}`.execute(db)).rows[0]?.n ?? 0)
    const sort = p.sort && p.sort !== 'relevance' ? p.sort : 'filing_date'
    // Ids first, rows after: SQLite computes every selected column before it sorts, so selecting the
    // row columns (with the inventors subquery) here would compute them for every matching row.
    const ids = total
      ? (await sql<{ id: number }>`SELECT a.id FROM ip_asset a ${where} ${orderBy(sort, order)} LIMIT ${limit} OFFSET ${offset}`.execute(db)).rows.map((r) => r.id)
      : []
    return { total, ids, numberQuery: number?.label ?? null, notice: number?.notice ?? null, sort }
  }

  const match = sql`asset_search MATCH ${fts}`
  const andFilters = filters.length ? sql`AND ${sql.join(filters, sql` AND `)}` : sql``
  const assetOf = sql`(s.rowid % ${sql.lit(KEY_BASE)})`
  const hits = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM asset_search WHERE ${match}`.execute(db)).rows[0]?.n ?? 0)
  // With filters, the ids passing them are collected once (from the covering index when it serves) and
  // the hits are checked against that set: no table row is read per hit.
  const passing = filters.length
    ? sql`(s.rowid % ${sql.lit(KEY_BASE)}) IN (SELECT a.id FROM ip_asset a ${countByCoverIndex(p) ? sql`INDEXED BY ip_asset_filter_cover` : sql``} ${whereClause(filters)})`
    : null
  const total = passing && hits
    ? Number((await sql<{ n: number }>`SELECT count(*) AS n FROM asset_search s WHERE s.${match} AND ${passing}`.execute(db)).rows[0]?.n ?? 0)
    : hits
  let sort: AssetSort = p.sort ?? (hits <= RELEVANCE_DEFAULT_MAX_HITS ? 'relevance' : 'filing_date')
  if (sort === 'relevance' && hits > RELEVANCE_MAX_HITS) sort = 'filing_date'
  if (!total) return { total, ids: [], numberQuery: null, notice: null, sort }

  let ids: number[]
  if (sort === 'relevance') {
    // bm25 weights: title 10, inventors/applicants 4, abstract 1, numbers/IPC 2. Without filters FTS5
    // keeps only the best offset+limit hits while scoring.
    const score = sql`bm25(asset_search, 10.0, 4.0, 1.0, 2.0)`
    const dir = order === 'asc' ? sql`DESC` : sql`ASC`
    ids = (
      await sql<{ k: number }>`SELECT s.rowid AS k, ${score} AS score FROM asset_search s WHERE s.${match} ${passing ? sql`AND ${passing}` : sql``}
        ORDER BY score ${dir}, k LIMIT ${limit} OFFSET ${offset}`.execute(db)
    ).rows.map((r) => r.k % KEY_BASE)
  } else if (sort === 'filing_date') {
    // Newest (or oldest) first is the index's own rowid order: it stops after one page.
    ids = (
      await sql<{ k: number }>`SELECT s.rowid AS k FROM asset_search s WHERE s.${match} ${passing ? sql`AND ${passing}` : sql``}
        ORDER BY s.rowid ${order === 'asc' ? sql`ASC` : sql`DESC`} LIMIT ${limit} OFFSET ${offset}`.execute(db)
    ).rows.map((r) => r.k % KEY_BASE)
  } else {
    const assets = Number((await sql<{ n: number | null }>`SELECT max(id) AS n FROM ip_asset`.execute(db)).rows[0]?.n ?? 0)
    // A 1-character prefix ('电' *) has postings of its own (prefix index, migration 0009); a longer
    // word prefix ('lith' *) expands to several terms on every probe, so it never walks.
    const longPrefix = /[^"\s]{2,}" \*/u.test(fts)
    const walk = !longPrefix && total * total > WALK_FACTOR * (offset + limit) * assets && !(sort === 'grant_date' && order === 'asc')
    const query = walk
      ? sql<{ id: number }>`SELECT a.id FROM ip_asset a
            WHERE EXISTS (SELECT 1 FROM asset_search s WHERE s.${match}
              AND s.rowid = (SELECT r.fts_rowid FROM asset_search_rowid r WHERE r.asset_id = a.id)) ${andFilters}
            ${orderBy(sort, order)} LIMIT ${limit} OFFSET ${offset}`
      : sql<{ id: number }>`SELECT a.id FROM asset_search s CROSS JOIN ip_asset a ON a.id = ${assetOf}
            WHERE s.${match} ${andFilters}
            ${orderBy(sort, order, true)} LIMIT ${limit} OFFSET ${offset}`
    ids = (await query.execute(db)).rows.map((r) => r.id)
  }
  return { total, ids, numberQuery: null, notice: null, sort }
}

/** List rows for known ids, in the order asked; unknown ids are left out. */
export async function assetRowsByIds(db: Kysely<DB>, ids: readonly number[]): Promise<AssetRow[]> {
  if (!ids.length) return []
  const unique = [...new Set(ids)]
  const rows = (await sql<RawRow>`SELECT ${ROW_COLUMNS} FROM ip_asset a WHERE a.id IN (${sql.join(unique)})`.execute(db)).rows
  const byId = new Map(rows.map((r) => [r.id, toRow(r)]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}
