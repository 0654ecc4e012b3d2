import { sql, type Kysely, type SqlBool } from 'kysely'
import type { Budget, GradeFilter, InventoryFilters, PatentKind } from '../contract/pool'
import { todayIso } from '../core/clock'
import type { DB } from '../db/schema'
import { annuitiesBetween, countHolders } from './annuity'
import { STATE_RANK, stateRankSql } from './conversion-state'
import { getFeeTable } from './fee-store'
import { inventoryWhere } from './inventory'

// Annuity budget (年费预算): what keeping the patents of each grade costs in a calendar year, and what
// stopping payment for the D grade (建议放弃) would save.
//
// Rules:
//  - The patents are the inventory's (university-owned, in force today, optionally filtered), by the
//    grade current today. States are today's: transferred (已转让) and equity (作价入股) patents are
//    left out and counted in `excluded`, because the right, and with it the annuity, has left the
//    university.
//  - An annuity counts in the year its due date falls in (the fee for annuity year n is due on the
//    (n−1)th anniversary of filing; year 1 is paid at grant and never budgeted). Amounts come from the
//    fee table in force (the centre's edition or the default), with the reduction when it is switched on.
//  - dropD.yuanRemainingTerm adds every annuity of the D patents from 1 January of the budget year to
//    the end of their terms: what the university will not pay if it stops now.

const GRADE_ROWS: GradeFilter[] = ['A', 'B', 'C', 'D', 'none']

export async function annuityBudget(db: Kysely<DB>, input: { year?: number; filters?: InventoryFilters }, today = todayIso()): Promise<Budget> {
  const year = input.year ?? Number(today.slice(0, 4)) + 1
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  const fees = await getFeeTable(db)
  const totals = new Map<GradeFilter, { patents: number; due: number; yuan: number }>(GRADE_ROWS.map((g) => [g, { patents: 0, due: 0, yuan: 0 }]))
  const excluded = { transferred: 0, equity: 0 }
  const dropD = { patents: 0, yuanInYear: 0, yuanRemainingTerm: 0 }
  const where = inventoryWhere(input.filters ?? {}, today)
  // One pass over the base set (at most ~100k small rows): cheaper than keyset pages, each of which
  // would make SQLite re-sort the filtered set by id.
  const rows = await db
    .selectFrom('ip_asset as a')
    .leftJoin('pool_grading as g', (join) => join.onRef('g.asset_id', '=', 'a.id').on(sql<SqlBool>`g.is_current = 1`))
    .select(['a.id', 'a.kind', 'a.filing_date', 'a.grant_date', 'a.expiry_date', 'a.applicants', 'g.grade'])
    .select(stateRankSql(sql.ref('a.id'), today).as('state_rank'))
    .where(where)
    .execute()
  for (const row of rows) {
    if (row.state_rank === STATE_RANK.transferred) {
      excluded.transferred++
      continue
    }
    if (row.state_rank === STATE_RANK.equity) {
      excluded.equity++
      continue
    }
    const grade: GradeFilter = row.grade ?? 'none'
    const bucket = totals.get(grade)!
    bucket.patents++
    if (!row.filing_date) continue
    const ctx = { kind: row.kind as PatentKind, filingDate: row.filing_date, grantDate: row.grant_date, holders: countHolders(row.applicants) }
    const dues = annuitiesBetween(fees, ctx, from, to)
    const yuan = dues.reduce((sum, d) => sum + d.yuan, 0)
    if (dues.length) bucket.due++
    bucket.yuan += yuan
    if (grade === 'D') {
      dropD.patents++
      dropD.yuanInYear += yuan
      const end = row.expiry_date ?? `${Number(row.filing_date.slice(0, 4)) + 21}-12-31`
      dropD.yuanRemainingTerm += annuitiesBetween(fees, ctx, from, end).reduce((sum, d) => sum + d.yuan, 0)
    }
  }
  const list = GRADE_ROWS.map((grade) => ({ grade, ...totals.get(grade)! }))
  return {
    year,
    from,
    to,
    feeTableName: fees.name,
    reductionApplied: fees.reduction.enabled,
    rows: list,
    totalYuan: list.reduce((sum, r) => sum + r.yuan, 0),
    dropD,
    excluded,
  }
}
