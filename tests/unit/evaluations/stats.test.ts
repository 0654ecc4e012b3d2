import { describe, expect, it } from 'vitest'
import type { EvaluationRoute } from '../../../src-main/contract/evaluations'
import { linkFiling } from '../../../src-main/evaluations/links'
import { createEvaluation, saveEvaluation, transitionEvaluation } from '../../../src-main/evaluations/service'
import { evaluationStats, yearRange } from '../../../src-main/evaluations/stats'
import { currentTemplate } from '../../../src-main/evaluations/template'
import { formatApplicationNumber } from '../../../src-main/domain/cn-number'
import { tempArchive } from '../helpers/temp'
import { readyFields, uniformScores } from './fixtures'

describe('evaluation statistics for the annual report', () => {
  it('counts the period’s evaluations by grade, recommendation and decision, and the share later filed', async () => {
    const { db } = await tempArchive()
    const template = await currentTemplate(db)
    let serial = 1
    async function make(on: string, score: number, recommendation: EvaluationRoute, until: 'draft' | 'submitted' | 'reviewed' | 'decided', decision?: EvaluationRoute, filed = false) {
      const { id } = await createEvaluation(db, { title: `评估${serial}`, evaluatedOn: on })
      await saveEvaluation(db, id, readyFields(template.body, { title: `评估${serial}`, scores: uniformScores(template.body, score), recommendation }))
      if (until !== 'draft') await transitionEvaluation(db, { id, action: 'submit' })
      if (until === 'reviewed' || until === 'decided') {
        await saveEvaluation(db, id, { reviewers: [{ name: '专家', role: '', stance: 'agree', opinion: '', date: null }] })
        await transitionEvaluation(db, { id, action: 'review' })
      }
      if (until === 'decided') await transitionEvaluation(db, { id, action: 'decide', decision: decision ?? recommendation })
      if (filed) await linkFiling(db, id, formatApplicationNumber(`2025100${String(serial).padStart(5, '0')}`))
      serial++
      return id
    }
    await make('2025-01-10', 5, 'invention', 'decided', 'invention', true) // 100 A
    await make('2025-02-10', 4, 'invention', 'decided', 'dual', false) // 80 A
    await make('2025-03-10', 3, 'utility', 'decided', 'utility', true) // 60 C
    await make('2025-04-10', 2, 'not_recommended', 'decided', 'trade_secret') // 40 D
    await make('2025-05-10', 4, 'open_license', 'reviewed') // 80 A
    await make('2025-06-10', 3, 'defer', 'submitted') // 60 C
    await make('2025-07-10', 5, 'invention', 'draft') // not counted
    await make('2024-12-31', 5, 'invention', 'decided', 'invention', true) // other year
    await make('2026-01-01', 5, 'invention', 'submitted') // other year

    const stats = await evaluationStats(db, yearRange(2025))
    expect(stats.total).toBe(6)
    expect(stats.drafts).toBe(1)
    expect(stats.byStatus).toEqual({ draft: 1, submitted: 1, reviewed: 1, decided: 4 })
    expect(stats.byGrade).toEqual({ A: 3, B: 0, C: 2, D: 1 })
    expect(stats.byRecommendation).toMatchObject({ invention: 2, utility: 1, not_recommended: 1, open_license: 1, defer: 1, dual: 0, software: 0 })
    expect(stats.byDecision).toMatchObject({ invention: 1, dual: 1, utility: 1, trade_secret: 1, defer: 0 })
    expect(stats.decidedToFile).toBe(3)
    expect(stats.filed).toBe(2)
    expect(stats.filedShare).toBeCloseTo(0.667, 3)
    expect(stats.averageTotal).toBe(70)

    const empty = await evaluationStats(db, yearRange(2030))
    expect([empty.total, empty.filedShare, empty.averageTotal, empty.byGrade.A]).toEqual([0, null, null, 0])
    await expect(evaluationStats(db, { from: '2025-12-31', to: '2025-01-01' })).rejects.toThrow(/统计区间无效/)
  })
})
