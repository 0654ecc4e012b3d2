import { describe, expect, it } from 'vitest'
import { seedDemo } from '../../../src-main/demo/seed'
import { Random } from '../../../src-main/demo/random'
import { seedDemoEvaluations } from '../../../src-main/evaluations/demo'
import { suggestLinks } from '../../../src-main/evaluations/links'
import { getEvaluation, listEvaluations } from '../../../src-main/evaluations/service'
import { evaluationStats } from '../../../src-main/evaluations/stats'
import { scoreEvaluation } from '../../../src-main/evaluations/scoring'
import { tempArchive } from '../helpers/temp'

describe('demo evaluations', () => {
  it('adds evaluations in every status, linked filings and open link suggestions to the demo archive', async () => {
    const { db } = await tempArchive()
    const today = '2026-06-30'
    // seedDemo calls seedDemoEvaluations inside its own transaction.
    await seedDemo(db, { today })
    const { rows } = await listEvaluations(db, { limit: 100 })
    expect(rows).toHaveLength(16)
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['draft', 'submitted', 'reviewed', 'decided']))
    expect(rows.filter((r) => r.filedAppNo).length).toBe(4)
    expect(new Set(rows.map((r) => r.grade).filter(Boolean)).size).toBeGreaterThanOrEqual(3)
    for (const row of rows) {
      const { evaluation, template } = await getEvaluation(db, row.id)
      // Stored totals agree with the template they were scored on.
      expect(evaluation.total).toBe(scoreEvaluation(template.body, evaluation.scores).total)
      expect(evaluation.evaluatedOn <= today).toBe(true)
      if (evaluation.filedAsset) expect(evaluation.filedAsset.filingDate! >= evaluation.evaluatedOn).toBe(true)
    }
    const suggestions = await suggestLinks(db)
    expect(suggestions.filter((s) => s.titleSimilarity === 1).length).toBe(2)
    const stats = await evaluationStats(db, { from: '2000-01-01', to: today })
    expect(stats.total).toBe(14)
    expect(stats.filed).toBe(4)
    expect(stats.decidedToFile).toBeGreaterThan(stats.filed)
  })

  it('can also be added on its own, with its own random source', async () => {
    const { db } = await tempArchive()
    const today = '2026-06-30'
    await seedDemo(db, { today })
    const written = await db.transaction().execute((trx) => seedDemoEvaluations(trx, new Random(7), today))
    expect(written).toBe(16)
    expect((await listEvaluations(db, { limit: 100 })).rows).toHaveLength(32)
  })
})
