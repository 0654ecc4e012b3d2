import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src-main/contract/result'
import { verifyAuditChain } from '../../../src-main/audit/log'
import {
  createEvaluation,
  deleteEvaluation,
  getEvaluation,
  listEvaluations,
  saveEvaluation,
  transitionEvaluation,
} from '../../../src-main/evaluations/service'
import { currentTemplate, listTemplateVersions, peekCurrentTemplate, saveTemplate, templateByVersion } from '../../../src-main/evaluations/template'
import { updateSettings } from '../../../src-main/settings/service'
import { tempArchive } from '../helpers/temp'
import { readyFields, uniformScores } from './fixtures'

async function auditOf(db: Awaited<ReturnType<typeof tempArchive>>['db'], id: number) {
  return db.selectFrom('audit_log').select(['action', 'operator', 'before', 'after']).where('entity', '=', 'evaluation').where('entity_id', '=', String(id)).orderBy('id').execute()
}

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).message).toMatch(pattern)
  return error as AppError
}

describe('template versions', () => {
  it('seeds the default as version 1 the first time it is needed, once; looking at it writes nothing', async () => {
    const { db, sqlite } = await tempArchive()
    const changes = () => (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n
    const before = changes()
    const peek = await peekCurrentTemplate(db)
    expect([peek.id, peek.version, peek.body.dimensions.length]).toEqual([0, 1, 4])
    expect((await listTemplateVersions(db)).map((v) => [v.version, v.evaluations])).toEqual([[1, 0]])
    expect(changes()).toBe(before)
    expect(await db.selectFrom('evaluation_template').selectAll().execute()).toHaveLength(0)
    const [a, b] = await Promise.all([currentTemplate(db), currentTemplate(db)])
    expect(a.version).toBe(1)
    expect(b.id).toBe(a.id)
    expect(await db.selectFrom('evaluation_template').selectAll().execute()).toHaveLength(1)
    expect(a.body.dimensions).toHaveLength(4)
  })

  it('saves edits as a new version and refuses an unchanged one', async () => {
    const { db } = await tempArchive()
    const v1 = await currentTemplate(db)
    const edited = structuredClone(v1.body)
    edited.dimensions[0]!.indicators[0]!.weight += 1
    edited.dimensions[1]!.indicators[0]!.weight -= 1
    edited.dimensions[2]!.indicators[0]!.anchors['5'] = '已有企业签订意向协议。'
    const v2 = await saveTemplate(db, edited)
    expect(v2.version).toBe(2)
    expect((await currentTemplate(db)).version).toBe(2)
    expect((await templateByVersion(db, 1)).body).toEqual(v1.body)
    await rejects(saveTemplate(db, edited), /相同，未生成新版本/)
    const broken = structuredClone(edited)
    broken.dimensions[0]!.indicators[0]!.weight += 5
    await rejects(saveTemplate(db, broken), /权重之和应为 100/)
    expect((await listTemplateVersions(db)).map((v) => v.version)).toEqual([2, 1])
    const audit = await db.selectFrom('audit_log').select(['action', 'entity']).where('entity', '=', 'evaluation_template').execute()
    expect(audit).toHaveLength(2)
  })

  it('an old evaluation keeps its template version, scores and total after the template changes', async () => {
    const { db } = await tempArchive()
    const v1 = await currentTemplate(db)
    const { id: oldId } = await createEvaluation(db, { title: '旧评估' })
    // Technology indicators at 5, everything else at 3.
    const scores = uniformScores(v1.body, 3)
    for (const i of v1.body.dimensions[0]!.indicators) scores[i.id] = { score: 5, comment: '' }
    const saved = await saveEvaluation(db, oldId, { scores })
    // Default: tech weighs 30 → 30 + 70 × 3/5 = 72 → B
    expect([saved.total, saved.grade]).toEqual([72, 'B'])

    // The centre moves 20 points from market to technology and raises the B line.
    const edited = structuredClone(v1.body)
    edited.dimensions[0]!.indicators[0]!.weight += 10
    edited.dimensions[0]!.indicators[1]!.weight += 10
    edited.dimensions[2]!.indicators[0]!.weight -= 10
    edited.dimensions[2]!.indicators[1]!.weight -= 10
    edited.grades[1]!.min = 75
    const v2 = await saveTemplate(db, edited)

    const old = await getEvaluation(db, oldId)
    expect(old.template.version).toBe(1)
    expect(old.evaluation.templateVersion).toBe(1)
    expect(old.evaluation.total).toBe(72)
    expect(old.evaluation.grade).toBe('B')
    expect(old.template.body.dimensions[0]!.indicators[0]!.weight).toBe(v1.body.dimensions[0]!.indicators[0]!.weight)
    // Editing the old draft later still scores by its own version.
    const comment = { ...scores, 'tech.novelty': { score: 5, comment: '补充了检索' } }
    expect((await saveEvaluation(db, oldId, { scores: comment })).total).toBe(72)

    // A new evaluation with the same scores uses version 2: 50 + 50 × 3/5 = 80 → A.
    const { id: newId } = await createEvaluation(db, { title: '新评估' })
    expect((await getEvaluation(db, newId)).template.version).toBe(2)
    const fresh = await saveEvaluation(db, newId, { scores })
    expect([fresh.total, fresh.grade]).toEqual([80, 'A'])
    expect((await listTemplateVersions(db)).find((v) => v.version === v2.version)?.evaluations).toBe(1)
  })
})

describe('the evaluation workflow', () => {
  it('autosaves changed fields with an audit entry and recomputes total and grade', async () => {
    const { db } = await tempArchive()
    await updateSettings(db, { operatorName: '王馆员' })
    const { id } = await createEvaluation(db)
    const template = await currentTemplate(db)
    const first = await saveEvaluation(db, id, { title: '  一种柔性传感器  ', techField: '传感器' })
    expect(first.total).toBeNull()
    const same = await saveEvaluation(db, id, { title: '一种柔性传感器' })
    expect(same.updatedAt).toBe(first.updatedAt)
    const scored = await saveEvaluation(db, id, { scores: { ...uniformScores(template.body, 5), 'unknown.indicator': { score: 1, comment: '' } } })
    expect([scored.total, scored.grade]).toEqual([100, 'A'])
    const { evaluation } = await getEvaluation(db, id)
    expect(evaluation.title).toBe('一种柔性传感器')
    expect(Object.keys(evaluation.scores)).not.toContain('unknown.indicator')
    const audit = await auditOf(db, id)
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update'])
    expect(audit[1]!.operator).toBe('王馆员')
    expect(JSON.parse(audit[1]!.after!)).toEqual({ title: '一种柔性传感器', techField: '传感器' })
  })

  it('goes draft → 待评审 → 已评审 → 已决定 with checks at each step and an audit entry for every transition', async () => {
    const { db } = await tempArchive()
    const template = await currentTemplate(db)
    const { id } = await createEvaluation(db, { title: '一种锂离子电池正极材料的制备方法' })

    const refused = await rejects(transitionEvaluation(db, { id, action: 'submit' }), /还不能提交评审：请至少填写一位发明人；还有 14 项指标未评分（新颖性、创造性、技术成熟度、不可替代性等）；请选择评估建议/)
    expect(refused.code).toBe('invalid_input')
    expect((await getEvaluation(db, id)).evaluation.status).toBe('draft')

    await saveEvaluation(db, id, readyFields(template.body))
    const submitted = await transitionEvaluation(db, { id, action: 'submit' })
    expect(submitted.status).toBe('submitted')
    expect([submitted.total, submitted.grade]).toEqual([80, 'A'])

    // Under review the form is frozen, but reviewers' opinions are still written.
    await rejects(saveEvaluation(db, id, { title: '改名' }), /已提交评审，发明名称不能再修改。如需修改，请先点“退回修改”/)
    await rejects(transitionEvaluation(db, { id, action: 'review' }), /请至少记录一位评审人的姓名和意见/)
    await rejects(transitionEvaluation(db, { id, action: 'decide' }), /当前状态为“待评审”/)
    await saveEvaluation(db, id, { reviewers: [{ name: '李专家', role: '校外技术专家', stance: 'agree', opinion: '同意申请发明。', date: '2025-03-02' }] })

    // Back to draft and forward again.
    expect((await transitionEvaluation(db, { id, action: 'return' })).status).toBe('draft')
    await saveEvaluation(db, id, { recommendation: 'dual' })
    await transitionEvaluation(db, { id, action: 'submit' })
    expect((await transitionEvaluation(db, { id, action: 'review' })).status).toBe('reviewed')
    await rejects(saveEvaluation(db, id, { reviewers: [] }), /已评审，评审意见不能再修改/)

    const decided = await transitionEvaluation(db, { id, action: 'decide', decision: 'invention', decisionDate: '2025-03-10', decisionNote: '中心评审会决定。' })
    expect(decided.status).toBe('decided')
    expect(decided.decision).toBe('invention')
    expect(decided.decisionDate).toBe('2025-03-10')
    expect(decided.recommendation).toBe('dual')

    const reopened = await transitionEvaluation(db, { id, action: 'reopen' })
    expect([reopened.status, reopened.decision, reopened.decisionDate]).toEqual(['reviewed', null, null])
    // Deciding without naming a decision takes the recommendation; the date defaults to today.
    const again = await transitionEvaluation(db, { id, action: 'decide' }, { today: '2025-04-01' })
    expect([again.decision, again.decisionDate]).toEqual(['dual', '2025-04-01'])

    const audit = await auditOf(db, id)
    const steps = audit.filter((a) => a.action === 'transition' || a.action === 'decide').map((a) => (JSON.parse(a.after!) as { step: string }).step)
    expect(steps).toEqual(['提交评审', '退回修改', '提交评审', '完成评审', '作出决定', '撤销决定', '作出决定'])
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true })
  })

  it('deletes drafts only, and lists by status, year and text', async () => {
    const { db } = await tempArchive()
    const template = await currentTemplate(db)
    const a = await createEvaluation(db, { title: '一种钙钛矿太阳能电池', evaluatedOn: '2024-05-01' })
    const b = await createEvaluation(db, { title: '一种污水处理装置', evaluatedOn: '2025-02-01' })
    await saveEvaluation(db, b.id, readyFields(template.body, { title: '一种污水处理装置', inventors: [{ name: '周敏', researcherId: null, college: '', external: false }] }))
    await transitionEvaluation(db, { id: b.id, action: 'submit' })

    expect((await listEvaluations(db, {})).rows.map((r) => r.id)).toEqual([b.id, a.id])
    expect((await listEvaluations(db, { year: 2024 })).rows.map((r) => r.title)).toEqual(['一种钙钛矿太阳能电池'])
    expect((await listEvaluations(db, { status: 'submitted' })).total).toBe(1)
    const byInventor = await listEvaluations(db, { query: '周敏' })
    expect(byInventor.rows.map((r) => [r.title, r.inventors, r.grade])).toEqual([['一种污水处理装置', '周敏', 'A']])
    expect((await listEvaluations(db, { query: '50%' })).total).toBe(0)

    await rejects(deleteEvaluation(db, b.id), /只能删除草稿/)
    await deleteEvaluation(db, a.id)
    expect((await listEvaluations(db, {})).total).toBe(1)
    await rejects(getEvaluation(db, a.id), /找不到评估/)
    expect((await auditOf(db, a.id)).map((x) => x.action)).toEqual(['create', 'delete'])
  })
})
