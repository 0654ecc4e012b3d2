import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src-main/contract/result'
import { formatApplicationNumber as n } from '../../../src-main/domain/cn-number'
import { dismissSuggestion, linkFiling, suggestLinks, unlinkFiling } from '../../../src-main/evaluations/links'
import { createEvaluation, getEvaluation, saveEvaluation, transitionEvaluation } from '../../../src-main/evaluations/service'
import { findSimilarAssets } from '../../../src-main/evaluations/similar'
import { currentTemplate } from '../../../src-main/evaluations/template'
import { ipcMainGroup, terms, titleSimilarity } from '../../../src-main/evaluations/text-similarity'
import { tempArchive } from '../helpers/temp'
import { addAsset, addResearcher, readyFields } from './fixtures'

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).message).toMatch(pattern)
}

describe('title terms', () => {
  it('splits Chinese into content bigrams, drops title boilerplate, keeps Latin words', () => {
    expect(terms('一种锂电池的制备方法')).toEqual(['锂电', '电池'])
    expect(terms('基于 LSTM 的电池SOC估计')).toEqual(['lstm', '电池', 'soc', '估计'])
    expect(titleSimilarity('一种锂电池隔膜的制备方法', '锂电池隔膜及其制备方法')).toBeGreaterThan(0.6)
    expect(titleSimilarity('一种锂电池隔膜的制备方法', '一种污水处理装置')).toBe(0)
    expect(ipcMainGroup('H01M10/0525')).toBe('H01M 10/00')
    expect(ipcMainGroup('Ｇ06Ｆ 16/27')).toBe('G06F 16/00')
    expect(ipcMainGroup('乱码')).toBeNull()
  })
})

describe('similar work from the archive', () => {
  it('finds assets sharing two-character terms with the title and summary, best first, and suggests an IPC group', async () => {
    const { db } = await tempArchive()
    await addAsset(db, { appNo: n('202310000001'), title: '一种锂电池隔膜及其制备方法', filingDate: '2023-01-05', ipcMain: 'H01M50/403' })
    await addAsset(db, { appNo: n('202310000002'), title: '锂电池极片涂布装置', filingDate: '2023-02-05', ipcMain: 'H01M4/04' })
    await addAsset(db, { appNo: n('202210000003'), title: '一种电池管理系统', filingDate: '2022-03-05', ipcMain: 'H01M10/42', abstract: '用于电池组的均衡与温度监测。' })
    await addAsset(db, { appNo: n('202210000004'), title: '一种污水处理装置', filingDate: '2022-04-05', ipcMain: 'C02F3/00' })
    const result = await findSimilarAssets(db, { title: '一种高安全锂电池隔膜', text: '涉及隔膜涂层' })
    // 一种电池管理系统 shares only 电池 (a single common term is chance); the sewage plant shares nothing.
    expect(result.assets.map((a) => a.title)).toEqual(['一种锂电池隔膜及其制备方法', '锂电池极片涂布装置'])
    expect(result.assets[0]!.score).toBeGreaterThan(result.assets[1]!.score)
    expect(result.assets[0]!.matched).toEqual(expect.arrayContaining(['锂电', '电池', '隔膜']))
    expect(result.ipc[0]).toMatchObject({ code: 'H01M 50/00', count: 1, example: 'H01M50/403' })
    expect(result.ipc.map((i) => i.code)).toEqual(['H01M 50/00', 'H01M 4/00'])
    // The abstract counts too: this platform's title shares nothing, its abstract mentions 锂电池 and 隔膜.
    await addAsset(db, { appNo: n('202210000005'), title: '一种储能管理平台', filingDate: '2022-05-05', abstract: '用于锂电池组的隔膜温度监测。' })
    expect((await findSimilarAssets(db, { title: '一种高安全锂电池隔膜' })).assets.map((a) => a.title)).toContain('一种储能管理平台')
    expect((await findSimilarAssets(db, { title: '一种方法' })).assets).toEqual([])
    expect((await findSimilarAssets(db, { title: '%_\' OR 1=1 --' })).assets).toEqual([])
  })
})

describe('after filing: linking the application it became', () => {
  async function decided(db: Awaited<ReturnType<typeof tempArchive>>['db'], title: string, inventors: { name: string; researcherId: number | null }[], evaluatedOn = '2024-03-01') {
    const template = await currentTemplate(db)
    const { id } = await createEvaluation(db, { title, evaluatedOn })
    await saveEvaluation(db, id, readyFields(template.body, { title, inventors: inventors.map((i) => ({ ...i, college: '', external: i.researcherId === null })) }))
    await transitionEvaluation(db, { id, action: 'submit' })
    await saveEvaluation(db, id, { reviewers: [{ name: '李专家', role: '', stance: 'agree', opinion: '', date: null }] })
    await transitionEvaluation(db, { id, action: 'review' })
    await transitionEvaluation(db, { id, action: 'decide', decision: 'invention', decisionDate: '2024-03-20' })
    return id
  }

  it('validates the number with its check character and links the archive asset', async () => {
    const { db } = await tempArchive()
    const assetId = await addAsset(db, { appNo: n('202310397744'), title: '一种锂电池隔膜', filingDate: '2024-05-01', pubNo: 'CN116000001A' })
    const id = await decided(db, '一种锂电池隔膜', [{ name: '张三', researcherId: null }])
    const draft = await createEvaluation(db, { title: '草稿' })

    await rejects(linkFiling(db, draft.id, '202310397744.0'), /请先对此评估作出决定/)
    await rejects(linkFiling(db, id, '202310397744.1'), /校验位|应为 202310397744\.0/)
    expect((await getEvaluation(db, id)).evaluation.filedAppNo).toBeNull()

    const linked = await linkFiling(db, id, 'ZL 2023 1 0397744.0')
    expect(linked.filedAppNo).toBe('202310397744.0')
    expect(linked.filedAsset).toMatchObject({ id: assetId, title: '一种锂电池隔膜', filingDate: '2024-05-01' })

    const other = await decided(db, '另一项发明', [{ name: '王五', researcherId: null }])
    await rejects(linkFiling(db, other, 'CN116000001A'), new RegExp(`已关联到另一项评估（编号 ${id}`))
    await rejects(linkFiling(db, other, 'CN116999999A'), /档案中没有公开（公告）号 CN116999999A/)
    // A number the archive does not hold yet is kept; the asset is found once it is imported.
    const pending = await linkFiling(db, other, n('202410123456'))
    expect(pending.filedAsset).toBeNull()

    const unlinked = await unlinkFiling(db, id)
    expect(unlinked.filedAppNo).toBeNull()
    const actions = await db.selectFrom('audit_log').select('action').where('entity', '=', 'evaluation').where('entity_id', '=', String(id)).execute()
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['link', 'unlink']))
    await rejects(transitionEvaluation(db, { id: other, action: 'reopen' }), /已关联申请号/)
  })

  it('suggests patents filed after the evaluation with a shared inventor and a similar title, until accepted or dismissed', async () => {
    const { db } = await tempArchive()
    const zhang = await addResearcher(db, '张三', '2005001')
    const li = await addResearcher(db, '李四', '2005002')
    const match = await addAsset(db, { appNo: n('202410000001'), title: '一种高安全锂电池隔膜及其制备方法', filingDate: '2024-05-01', inventors: [{ name: '张三', researcherId: zhang }, { name: '王五' }] })
    // Same title but filed before the evaluation; similar title but no shared inventor; shared inventor but another subject.
    await addAsset(db, { appNo: n('202310000002'), title: '一种高安全锂电池隔膜', filingDate: '2023-05-01', inventors: [{ name: '张三', researcherId: zhang }] })
    await addAsset(db, { appNo: n('202410000003'), title: '一种高安全锂电池隔膜', filingDate: '2024-06-01', inventors: [{ name: '赵六' }] })
    await addAsset(db, { appNo: n('202410000004'), title: '一种污水处理装置', filingDate: '2024-06-01', inventors: [{ name: '张三', researcherId: zhang }] })
    // By name only: the inventor on the patent is not linked to a researcher yet.
    const byName = await addAsset(db, { appNo: n('202410000005'), title: '钙钛矿太阳能电池的封装结构', filingDate: '2024-07-01', inventors: [{ name: '李四' }] })

    const e1 = await decided(db, '一种高安全锂电池隔膜', [{ name: '张三', researcherId: zhang }])
    const e2 = await decided(db, '一种钙钛矿太阳能电池封装结构', [{ name: '李四', researcherId: li }])
    const draft = await createEvaluation(db, { title: '一种高安全锂电池隔膜', evaluatedOn: '2024-01-01' })
    void draft

    const all = await suggestLinks(db)
    expect(all.map((s) => [s.evaluationId, s.asset.id])).toEqual(expect.arrayContaining([[e1, match], [e2, byName]]))
    expect(all).toHaveLength(2)
    const first = all.find((s) => s.evaluationId === e1)!
    expect(first.sharedInventors).toEqual(['张三'])
    expect(first.titleSimilarity).toBeGreaterThan(0.5)
    expect((await suggestLinks(db, { evaluationId: e2 })).map((s) => s.asset.appNo)).toEqual([n('202410000005')])

    await linkFiling(db, e1, first.asset.appNo)
    await dismissSuggestion(db, e2, byName)
    expect(await suggestLinks(db)).toEqual([])
  })
})
