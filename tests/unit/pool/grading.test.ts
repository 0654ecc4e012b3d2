import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../src-main/audit/log'
import { AppError } from '../../../src-main/contract/result'
import { getAssetDetail } from '../../../src-main/pool/detail'
import { gradeAssets, gradeHistory, gradeSelection } from '../../../src-main/pool/grading'
import { gradingTemplate } from '../../../src-main/pool/indicators'
import { countInventory, listInventory } from '../../../src-main/pool/inventory'
import { indicatorIds, scorePool } from '../../../src-main/pool/scoring'
import { tempArchive } from '../helpers/temp'
import { addPatent, setOperator } from './fixture'

const T = '2026-03-15'

async function setup() {
  const archive = await tempArchive()
  await setOperator(archive.db)
  const db = archive.db
  const ids = {
    a: await addPatent(db, { filing: '2019-05-20', college: '计算机学院', ipc: 'G06F 16/35', disciplines: ['0812'] }),
    b: await addPatent(db, { filing: '2020-06-01', college: '计算机学院', ipc: 'G06N 3/08', disciplines: ['0812'] }),
    c: await addPatent(db, { filing: '2021-07-01', college: '化学化工学院', ipc: 'C07D 401/04', disciplines: ['0703'] }),
    d: await addPatent(db, { kind: 'utility', filing: '2022-08-01', college: '化学化工学院', ipc: 'B01J 19/00', disciplines: ['0817'] }),
    lapsed: await addPatent(db, { filing: '2016-01-01', status: 'lapsed' }),
  }
  return { ...archive, ids }
}

describe('grading indicators', () => {
  it('ships weighted indicators with anchors that add up to 100, and scores them like the evaluation template', () => {
    const template = gradingTemplate()
    const ids = indicatorIds(template)
    expect(ids.length).toBeGreaterThanOrEqual(6)
    expect(template.dimensions.flatMap((d) => d.indicators).reduce((s, i) => s + i.weight, 0)).toBe(100)
    expect(template.grades.map((g) => [g.grade, g.label])).toEqual([
      ['A', '重点推广'],
      ['B', '一般推广'],
      ['C', '维持观察'],
      ['D', '建议放弃'],
    ])
    const all = (s: number) => Object.fromEntries(ids.map((id) => [id, s]))
    expect(scorePool(template, all(5))).toMatchObject({ total: 100, suggested: 'A' })
    expect(scorePool(template, all(4))).toMatchObject({ total: 80, suggested: 'A' })
    expect(scorePool(template, all(3))).toMatchObject({ total: 60, suggested: 'B' })
    expect(scorePool(template, all(1))).toMatchObject({ total: 20, suggested: 'D' })
    // Incomplete scores give points so far but no total and no suggestion.
    expect(scorePool(template, { [ids[0]!]: 5 })).toMatchObject({ total: null, suggested: null, scored: 1 })
  })
})

describe('grading with history (real database)', () => {
  it('keeps every grade; exactly one is current; the inventory shows the current one', async () => {
    const { db, ids, sqlite } = await setup()
    const first = await gradeAssets(db, [ids.a], { grade: 'B', reason: '有一定市场', gradedOn: '2025-11-01' }, { today: T })
    expect(first).toEqual({ graded: 1, regraded: 0, batch: null })
    const template = gradingTemplate()
    const scores = Object.fromEntries(indicatorIds(template).map((id) => [id, 5]))
    await gradeAssets(db, [ids.a], { grade: 'A', reason: '企业已提出许可意向', scores }, { today: T })

    const history = await gradeHistory(db, ids.a)
    expect(history.map((h) => [h.grade, h.gradedOn, h.reason])).toEqual([
      ['A', T, '企业已提出许可意向'],
      ['B', '2025-11-01', '有一定市场'],
    ])
    expect(history[0]).toMatchObject({ total: 100, operator: '测试馆员', scores })
    expect(history[1]!.total).toBeNull()
    const current = sqlite.prepare('SELECT asset_id, grade FROM pool_grading WHERE is_current = 1').all()
    expect(current).toEqual([{ asset_id: ids.a, grade: 'A' }])
    expect((await listInventory(db, { filters: { grades: ['A'] } }, T)).items.map((r) => r.id)).toEqual([ids.a])
    expect((await listInventory(db, { filters: { grades: ['B'] } }, T)).total).toBe(0)
    const detail = await getAssetDetail(db, ids.a, T)
    expect(detail.gradeHistory).toHaveLength(2)
    expect(detail.row.grade?.grade).toBe('A')

    // The database itself refuses a second current grade.
    expect(() =>
      sqlite
        .prepare("INSERT INTO pool_grading (asset_id, grade, reason, graded_on, operator, created_at) VALUES (?, 'C', 'x', ?, 'x', 'x')")
        .run(ids.a, T),
    ).toThrow(/UNIQUE/)
  })

  it('batch-grades a filtered selection in one transaction, with one audit entry and a shared batch id', async () => {
    const { db, ids, sqlite } = await setup()
    const auditBefore = (sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n
    await gradeAssets(db, [ids.b], { grade: 'C', reason: '先前评估' }, { today: T })
    const progress: number[] = []
    const result = await gradeSelection(db, { college: '计算机学院' }, { grade: 'A', reason: '人工智能重点产业链' }, { today: T, progress: (done) => progress.push(done) })
    expect(result.graded).toBe(2)
    expect(result.regraded).toBe(0)
    expect(result.batch).toMatch(/^b/)
    expect(progress.at(-1)).toBe(2)
    const rows = sqlite.prepare('SELECT asset_id, grade, batch, is_current FROM pool_grading ORDER BY id').all() as { asset_id: number; grade: string; batch: string | null; is_current: number }[]
    expect(rows).toEqual([
      { asset_id: ids.b, grade: 'C', batch: null, is_current: 0 },
      { asset_id: ids.a, grade: 'A', batch: result.batch, is_current: 1 },
      { asset_id: ids.b, grade: 'A', batch: result.batch, is_current: 1 },
    ])
    const audits = sqlite.prepare("SELECT action, entity, entity_id, before, after FROM audit_log WHERE entity = 'pool_grading' ORDER BY id").all() as { entity_id: string; before: string; after: string }[]
    expect(audits).toHaveLength(2)
    expect(audits[1]!.entity_id).toBe(result.batch)
    expect(JSON.parse(audits[1]!.before)).toEqual({ grades: { [ids.b]: 'C' } })
    expect(JSON.parse(audits[1]!.after)).toMatchObject({ grade: 'A', assetIds: [ids.a, ids.b], filters: { college: '计算机学院' } })
    expect((sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(auditBefore + 2)
    expect((await verifyAuditChain(db)).ok).toBe(true)

    // Grading the same selection again with the same grade is counted as a regrade (history still grows).
    const again = await gradeSelection(db, { college: '计算机学院', grades: ['A'] }, { grade: 'A', reason: '年度复评' }, { today: T })
    expect(again).toMatchObject({ graded: 2, regraded: 2 })
    expect(await countInventory(db, { grades: ['none'] }, T)).toBe(2)
  })

  it('refuses what cannot be graded and changes nothing', async () => {
    const { db, ids, sqlite } = await setup()
    const count = () => (sqlite.prepare('SELECT (SELECT count(*) FROM pool_grading) + (SELECT count(*) FROM audit_log) AS n').get() as { n: number }).n
    const before = count()
    const refuse = async (fn: () => Promise<unknown>, message: RegExp) => {
      const error = await fn().then(
        () => null,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).message).toMatch(message)
    }
    await refuse(() => gradeAssets(db, [ids.a, ids.lapsed], { grade: 'A', reason: '好' }, { today: T }), /1 项不是学校的有效专利/)
    await refuse(() => gradeAssets(db, [ids.a], { grade: 'A', reason: '   ' }, { today: T }), /分级理由/)
    await refuse(() => gradeAssets(db, [ids.a], { grade: 'A', reason: '好', gradedOn: '2026-03-16' }, { today: T }), /晚于今天/)
    await refuse(() => gradeAssets(db, [ids.a], { grade: 'A', reason: '好', scores: { 'tech.bogus': 3 } }, { today: T }), /未知的评分指标/)
    await refuse(() => gradeSelection(db, { college: '不存在的学院' }, { grade: 'D', reason: '无' }, { today: T }), /没有专利/)
    expect(count()).toBe(before)
  })
})
