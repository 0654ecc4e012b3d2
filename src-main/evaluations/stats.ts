import type { Kysely } from 'kysely'
import { EVALUATION_ROUTES, EVALUATION_STATUSES, FILING_ROUTES, GRADES, type EvaluationStats } from '../contract/evaluations'
import { AppError } from '../contract/result'
import type { DB } from '../db/schema'

// Figures for the annual report (the report calls this; nothing else counts evaluations).
//
// An evaluation belongs to the period of its evaluation date (evaluated_on, 评估日期). Drafts that were
// never submitted are not evaluations done yet: they are counted apart (`drafts`) and left out of
// everything else. Every code appears in the maps, with 0 when absent, so a report table has stable
// rows. "Share later filed" is the share of the evaluations decided on a filing route that have since
// been linked to an application number.

export async function evaluationStats(db: Kysely<DB>, range: { from: string; to: string }): Promise<EvaluationStats> {
  if (range.from > range.to) throw new AppError('invalid_input', `统计区间无效：开始日期 ${range.from} 晚于结束日期 ${range.to}。`)
  // One pass over the period's rows through the evaluated_on index; the aggregation is done here
  // because a year has at most a few hundred evaluations.
  const rows = await db
    .selectFrom('evaluation')
    .select(['status', 'grade', 'recommendation', 'decision', 'total', 'filed_app_no'])
    .where('evaluated_on', '>=', range.from)
    .where('evaluated_on', '<=', range.to)
    .execute()

  const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>
  const byStatus = zeroes(EVALUATION_STATUSES)
  const byGrade = zeroes(GRADES)
  const byRecommendation = zeroes(EVALUATION_ROUTES)
  const byDecision = zeroes(EVALUATION_ROUTES)
  let total = 0
  let drafts = 0
  let decidedToFile = 0
  let filed = 0
  let totalSum = 0
  let totalCount = 0
  for (const row of rows) {
    if (row.status === 'draft') {
      drafts++
      continue
    }
    total++
    byStatus[row.status]++
    if (row.grade) byGrade[row.grade]++
    if (row.recommendation) byRecommendation[row.recommendation]++
    if (row.total !== null) {
      totalSum += row.total
      totalCount++
    }
    if (row.status === 'decided' && row.decision) {
      byDecision[row.decision]++
      if (FILING_ROUTES.includes(row.decision)) {
        decidedToFile++
        if (row.filed_app_no) filed++
      }
    }
  }
  byStatus.draft = drafts
  return {
    from: range.from,
    to: range.to,
    total,
    drafts,
    byStatus,
    byGrade,
    byRecommendation,
    byDecision,
    decidedToFile,
    filed,
    filedShare: decidedToFile ? Math.round((filed / decidedToFile) * 1000) / 1000 : null,
    averageTotal: totalCount ? Math.round((totalSum / totalCount) * 10) / 10 : null,
  }
}

/** The calendar year as a range, for callers that think in years. */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}
