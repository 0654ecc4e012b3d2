import { sql, type Kysely, type RawBuilder } from 'kysely'
import {
  REPORT_PATENT_KINDS,
  type ConversionYear,
  type DistributionRow,
  type GrantedRight,
  type KindCounts,
  type PatentFigures,
  type ReportPatentKind,
  type YearKindRow,
} from '../contract/reports'
import type { DB } from '../db/schema'

// Patent and conversion figures of the university (专利创造与转化运用) as the provincial forms ask for
// them. The annual report calls these; the archive pages may too. Every count here follows the same
// rules, so the report, its preview and any archive view can never disagree:
//
// - Only rights the university holds (ip_asset.university_owned = 1) and only the three patent kinds
//   (发明 / 实用新型 / 外观设计) — software copyrights and other rights are not 专利.
// - Applications are counted in the year of their filing date (申请日), grants in the year of their
//   grant date (授权公告日).
// - A patent is VALID (in force) ON A DAY D when:
//     it was granted on or before D (grant_date <= D), and
//     its term had not run out (expiry_date is the last protected day, so expiry_date >= D, or unknown), and
//     it had not lapsed by D: a right whose current status is 失效 counts only if the status date
//     (the date of the lapsing event) is after D. A lapsed right without a status date cannot be
//     placed in time and is NOT counted — the report under-counts rather than claims a lapsed right.
//   Rights pending or of unknown status but carrying a grant date count as granted. 等恢复 (lapsed but
//   recoverable) is lapsed until restored, as CNIPA treats it.
// - Conversions (转化运用) are counted in the year of their contract date, or of their start date when no
//   contract date was recorded (an open-licence declaration often has only the date it took effect), per event:
//   one row of the conversion table is one right transferred / licensed / contributed. Open
//   licences: 发布数 = declarations (stage 'published', or no stage), 实施数 = licences implemented
//   (stage 'implemented'); 开放许可金额 = contract amounts of implemented licences (a declaration is
//   not a deal). Pledges (质押) are financing, not conversion, and are left out. Amounts are 元.
// - College of a right: the college recorded on the right, else the college of its first confirmed
//   inventor who is a researcher of the university; '' when neither is known.
// - Discipline: every 学科 the right is linked to (asset_discipline); a right linked to two
//   disciplines is counted in both rows, and once in the total.

type Db = Kysely<DB>
const KINDS = REPORT_PATENT_KINDS
const kindList = sql.join(KINDS.map((k) => sql.lit(k)))

export function yearBounds(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

function emptyKinds(): KindCounts {
  return { invention: 0, utility: 0, design: 0, total: 0 }
}

function addKind(counts: KindCounts, kind: string, n: number): void {
  if (!(KINDS as readonly string[]).includes(kind)) return
  counts[kind as ReportPatentKind] += n
  counts.total += n
}

/** The college of asset `a`: see the rules at the top of this file. */
function collegeOf(alias: string): RawBuilder<string> {
  return sql<string>`COALESCE(NULLIF(${sql.ref(`${alias}.college`)}, ''), (
    SELECT NULLIF(r.college, '') FROM asset_inventor ai JOIN researcher r ON r.id = ai.researcher_id
    WHERE ai.asset_id = ${sql.ref(`${alias}.id`)} AND ai.link_state = 'confirmed'
    ORDER BY ai.rank LIMIT 1), '')`
}

/** In force on `day` (see the rules above); `a` is the ip_asset alias. */
function inForceOn(day: string): RawBuilder<boolean> {
  return sql<boolean>`a.grant_date <= ${day}
    AND (a.expiry_date IS NULL OR a.expiry_date >= ${day})
    AND (a.status_group <> 'lapsed' OR a.status_date > ${day})`
}

const OWNED_PATENT = sql`a.university_owned = 1 AND a.kind IN (${kindList})`

/**
 * Conversion `c` dated within [from, to]: by contract date, else by start date (see the rules above).
 * Queries over it join `conversion c CROSS JOIN ip_asset a`: SQLite then keeps conversion as the outer
 * loop (its kind/date index finds the year's few rows) instead of walking every owned right.
 */
function conversionIn(from: string, to: string): RawBuilder<boolean> {
  return sql<boolean>`c.kind IN ('transfer', 'license', 'open_license', 'equity')
    AND ((c.contract_date >= ${from} AND c.contract_date <= ${to})
      OR (c.contract_date IS NULL AND c.start_date >= ${from} AND c.start_date <= ${to}))`
}

export type CountBasis = 'filing' | 'grant'

/** Applications (by filing date) or grants (by grant date) per year and kind, fromYear..toYear, every year present. */
export async function patentCountsByYear(db: Db, basis: CountBasis, fromYear: number, toYear: number): Promise<YearKindRow[]> {
  const column = sql.ref(basis === 'filing' ? 'a.filing_date' : 'a.grant_date')
  const { rows } = await sql<{ year: number; kind: string; n: number }>`
    SELECT CAST(substr(${column}, 1, 4) AS INTEGER) AS year, a.kind AS kind, count(*) AS n
    FROM ip_asset a
    WHERE ${OWNED_PATENT} AND ${column} >= ${yearBounds(fromYear).from} AND ${column} <= ${yearBounds(toYear).to}
    GROUP BY year, a.kind`.execute(db)
  const out: YearKindRow[] = []
  for (let year = fromYear; year <= toYear; year++) out.push({ year, counts: emptyKinds() })
  for (const row of rows) {
    const target = out.find((r) => r.year === row.year)
    if (target) addKind(target.counts, row.kind, Number(row.n))
  }
  return out
}

/** Patents in force on `day` (YYYY-MM-DD), by kind. */
export async function validPatentsOn(db: Db, day: string): Promise<KindCounts> {
  const { rows } = await sql<{ kind: string; n: number }>`
    SELECT a.kind AS kind, count(*) AS n FROM ip_asset a
    WHERE ${OWNED_PATENT} AND ${inForceOn(day)}
    GROUP BY a.kind`.execute(db)
  const counts = emptyKinds()
  for (const row of rows) addKind(counts, row.kind, Number(row.n))
  return counts
}

function emptyConversionYear(year: number): ConversionYear {
  return {
    year,
    transfer: { count: 0, contractYuan: 0, receivedYuan: 0 },
    license: { count: 0, contractYuan: 0, receivedYuan: 0 },
    openLicense: { published: 0, implemented: 0, amountYuan: 0 },
    equity: { count: 0, amountYuan: 0 },
  }
}

/** 转让 / 许可 / 开放许可 / 作价入股 per year (by contract date), fromYear..toYear, every year present. */
export async function conversionsByYear(db: Db, fromYear: number, toYear: number): Promise<ConversionYear[]> {
  const { rows } = await sql<{ year: number; kind: string; stage: string | null; n: number; contract: number; received: number }>`
    SELECT CAST(substr(coalesce(c.contract_date, c.start_date), 1, 4) AS INTEGER) AS year, c.kind AS kind, c.stage AS stage, count(*) AS n,
      total(c.contract_amount_yuan) AS contract, total(c.received_amount_yuan) AS received
    FROM conversion c CROSS JOIN ip_asset a ON a.id = c.asset_id
    WHERE ${conversionIn(yearBounds(fromYear).from, yearBounds(toYear).to)} AND a.university_owned = 1
    GROUP BY year, c.kind, c.stage`.execute(db)
  const out: ConversionYear[] = []
  for (let year = fromYear; year <= toYear; year++) out.push(emptyConversionYear(year))
  for (const row of rows) {
    const target = out.find((r) => r.year === row.year)
    if (!target) continue
    const n = Number(row.n)
    const contract = Math.round(Number(row.contract))
    const received = Math.round(Number(row.received))
    switch (row.kind) {
      case 'transfer':
      case 'license':
        target[row.kind].count += n
        target[row.kind].contractYuan += contract
        target[row.kind].receivedYuan += received
        break
      case 'open_license':
        if (row.stage === 'implemented') {
          target.openLicense.implemented += n
          target.openLicense.amountYuan += contract
        } else {
          target.openLicense.published += n
        }
        break
      case 'equity':
        target.equity.count += n
        target.equity.amountYuan += contract
        break
      default:
        break
    }
  }
  return out
}

type Measure = 'applications' | 'grants' | 'valid' | 'conversions'

function emptyRow(key: string, label: string): DistributionRow {
  return { key, label, applications: 0, grants: 0, valid: 0, conversions: 0 }
}

/** The four measures of one year for a grouping expression over `a` (one group per right, or several via a join). */
async function distribution(db: Db, year: number, group: { select: RawBuilder<string>; join: RawBuilder<unknown> }): Promise<Map<string, DistributionRow>> {
  const { from, to } = yearBounds(year)
  const byKey = new Map<string, DistributionRow>()
  const add = (measure: Measure, rows: { key: string | null; n: number }[]) => {
    for (const row of rows) {
      const key = row.key ?? ''
      const target = byKey.get(key) ?? emptyRow(key, key)
      target[measure] += Number(row.n)
      byKey.set(key, target)
    }
  }
  const run = async (measure: Measure, where: RawBuilder<unknown>) => {
    const { rows } = await sql<{ key: string | null; n: number }>`
      SELECT ${group.select} AS key, count(*) AS n FROM ip_asset a ${group.join}
      WHERE ${OWNED_PATENT} AND ${where} GROUP BY key`.execute(db)
    add(measure, rows)
  }
  await run('applications', sql`a.filing_date >= ${from} AND a.filing_date <= ${to}`)
  await run('grants', sql`a.grant_date >= ${from} AND a.grant_date <= ${to}`)
  await run('valid', inForceOn(to))
  const { rows } = await sql<{ key: string | null; n: number }>`
    SELECT ${group.select} AS key, count(*) AS n
    FROM conversion c CROSS JOIN ip_asset a ON a.id = c.asset_id ${group.join}
    WHERE ${conversionIn(from, to)} AND a.university_owned = 1
    GROUP BY key`.execute(db)
  add('conversions', rows)
  return byKey
}

const NO_COLLEGE = '未填写院系'
const NO_DISCIPLINE = '未关联学科'

function sum(rows: DistributionRow[], key: string, label: string): DistributionRow {
  const total = emptyRow(key, label)
  for (const row of rows) {
    total.applications += row.applications
    total.grants += row.grants
    total.valid += row.valid
    total.conversions += row.conversions
  }
  return total
}

/** Applications, grants, valid patents (31 December) and conversions of the year by college; unknown college last. */
export async function distributionByCollege(db: Db, year: number): Promise<{ rows: DistributionRow[]; total: DistributionRow }> {
  const byKey = await distribution(db, year, { select: collegeOf('a'), join: sql`` })
  const rows = [...byKey.values()]
    .map((row) => (row.key === '' ? { ...row, label: NO_COLLEGE } : row))
    .sort((x, y) => Number(x.key === '') - Number(y.key === '') || y.applications - x.applications || y.grants - x.grants || x.label.localeCompare(y.label, 'zh-CN'))
  return { rows, total: sum(rows, '', '合计') }
}

/** The same by 学科 (code order; "no discipline linked" last) with a distinct-rights total. */
export async function distributionByDiscipline(db: Db, year: number): Promise<{ rows: DistributionRow[]; total: DistributionRow }> {
  const byKey = await distribution(db, year, {
    select: sql<string>`COALESCE(ad.discipline_code, '')`,
    join: sql`LEFT JOIN asset_discipline ad ON ad.asset_id = a.id`,
  })
  const names = new Map((await db.selectFrom('discipline').select(['code', 'name']).execute()).map((d) => [d.code, d.name]))
  const rows = [...byKey.values()]
    .map((row) => ({ ...row, label: row.key === '' ? NO_DISCIPLINE : (names.get(row.key) ?? row.key) }))
    .sort((x, y) => Number(x.key === '') - Number(y.key === '') || x.key.localeCompare(y.key))
  // Distinct rights: the same measures without the discipline join.
  const distinct = await distribution(db, year, { select: sql<string>`''`, join: sql`` })
  const total = distinct.get('') ?? emptyRow('', '合计')
  return { rows, total: { ...total, key: '', label: '合计' } }
}

/** Every university patent granted in the year, with its inventors in order and its college. */
export async function grantedRights(db: Db, year: number, limit?: number): Promise<GrantedRight[]> {
  const { from, to } = yearBounds(year)
  const { rows } = await sql<{
    id: number
    grant_no: string | null
    app_no: string
    title: string
    kind: ReportPatentKind
    filing_date: string | null
    grant_date: string
    inventors: string | null
    college: string
  }>`
    SELECT a.id, a.grant_no, a.app_no, a.title, a.kind, a.filing_date, a.grant_date,
      (SELECT group_concat(ai.raw_name, '、' ORDER BY ai.rank) FROM asset_inventor ai WHERE ai.asset_id = a.id) AS inventors,
      ${collegeOf('a')} AS college
    FROM ip_asset a
    WHERE ${OWNED_PATENT} AND a.grant_date >= ${from} AND a.grant_date <= ${to}
    ORDER BY a.grant_date, a.app_no
    ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}`.execute(db)
  return rows.map((r) => ({
    assetId: r.id,
    grantNo: r.grant_no,
    appNo: r.app_no,
    title: r.title,
    kind: r.kind,
    filingDate: r.filing_date,
    grantDate: r.grant_date,
    inventors: r.inventors ?? '',
    college: r.college,
  }))
}

export interface PatentFiguresOptions {
  /** Cut the grant list to its first rows (the preview); the total is still reported. */
  grantListLimit?: number
  /** Awaited between queries (a job checkpoint: yields and honours cancel). */
  checkpoint?: () => Promise<void>
}

/** Everything the annual report shows about patents and conversions for `year` (and the two years before). */
export async function patentFigures(db: Db, year: number, options: PatentFiguresOptions = {}): Promise<PatentFigures> {
  const step = options.checkpoint ?? (async () => {})
  const from = year - 2
  const applications = await patentCountsByYear(db, 'filing', from, year)
  await step()
  const grants = await patentCountsByYear(db, 'grant', from, year)
  await step()
  const validOn = yearBounds(year).to
  const valid = await validPatentsOn(db, validOn)
  await step()
  const conversions = await conversionsByYear(db, from, year)
  await step()
  const college = await distributionByCollege(db, year)
  await step()
  const discipline = await distributionByDiscipline(db, year)
  await step()
  const grantList = await grantedRights(db, year, options.grantListLimit)
  const grantListTotal = grants[grants.length - 1]!.counts.total
  return {
    year,
    years: [from, year - 1, year],
    applications,
    grants,
    validOn,
    valid,
    conversions,
    byCollege: college.rows,
    collegeTotal: college.total,
    byDiscipline: discipline.rows,
    disciplineTotal: discipline.total,
    grantList,
    grantListTotal,
  }
}

/** Years in which the archive holds a university patent filing or grant (for the year picker). */
export async function patentYears(db: Db): Promise<number[]> {
  const { rows } = await sql<{ lo: string | null; hi: string | null; glo: string | null; ghi: string | null }>`
    SELECT (SELECT min(filing_date) FROM ip_asset WHERE filing_date IS NOT NULL) AS lo,
           (SELECT max(filing_date) FROM ip_asset) AS hi,
           (SELECT min(grant_date) FROM ip_asset WHERE grant_date IS NOT NULL) AS glo,
           (SELECT max(grant_date) FROM ip_asset) AS ghi`.execute(db)
  const row = rows[0]
  const years = [row?.lo, row?.hi, row?.glo, row?.ghi].filter((d): d is string => !!d && /^\d{4}/.test(d)).map((d) => Number(d.slice(0, 4)))
  if (!years.length) return []
  const out: number[] = []
  for (let y = Math.min(...years); y <= Math.max(...years); y++) out.push(y)
  return out
}
