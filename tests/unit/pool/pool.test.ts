import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../src-main/audit/log'
import { AppError } from '../../../src-main/contract/result'
import { getAssetDetail } from '../../../src-main/pool/detail'
import { addToPool, listPool, removeFromPool, updatePoolEntry } from '../../../src-main/pool/entries'
import { gradeAssets } from '../../../src-main/pool/grading'
import { listInventory } from '../../../src-main/pool/inventory'
import { publishOpenLicence } from '../../../src-main/pool/open-licence'
import { deleteInterest, deletePromotion, getPromotion, interestsOfPromotion, listPromotions, saveInterest, savePromotion } from '../../../src-main/pool/promotions'
import { poolStats, poolStatsForYear } from '../../../src-main/pool/stats'
import { tempArchive } from '../helpers/temp'
import { addConversion, addPatent, setOperator } from './fixture'

const T = '2026-03-15'

async function rejects(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).message).toMatch(message)
}

async function setup() {
  const archive = await tempArchive()
  await setOperator(archive.db)
  const db = archive.db
  const ids = {
    a: await addPatent(db, { filing: '2019-05-20', title: '一种固态电解质及其制备方法', college: '材料科学与工程学院' }),
    b: await addPatent(db, { filing: '2020-06-01', title: '一种高镍正极材料', college: '材料科学与工程学院' }),
    c: await addPatent(db, { kind: 'utility', filing: '2023-04-01', title: '一种电池极片辊压装置', college: '机械工程学院' }),
    ungraded: await addPatent(db, { filing: '2021-01-01' }),
    lapsed: await addPatent(db, { filing: '2015-01-01', status: 'lapsed' }),
    sold: await addPatent(db, { filing: '2018-01-01' }),
  }
  await addConversion(db, ids.sold, { kind: 'transfer', contract: '2024-06-01' })
  await gradeAssets(db, [ids.a], { grade: 'A', reason: '重点', gradedOn: '2026-01-10' }, { today: T })
  await gradeAssets(db, [ids.b, ids.c], { grade: 'B', reason: '一般', gradedOn: '2026-02-01' }, { today: T })
  await gradeAssets(db, [ids.sold], { grade: 'D', reason: '已转让', gradedOn: '2025-12-01' }, { today: T })
  return { ...archive, ids }
}

describe('the pool (real database)', () => {
  it('adds graded patents with their industrialisation note, lists, updates and removes them', async () => {
    const { db, ids, sqlite } = await setup()
    const result = await addToPool(
      db,
      { assetIds: [ids.a, ids.b], prospects: '可用于新能源汽车动力电池', targetIndustries: ['新能源汽车', ' 储能 ', '新能源汽车'], applicationField: '锂电池材料', openLicenceCandidate: false, addedOn: '2026-02-15' },
      T,
    )
    expect(result).toEqual({ added: 2, alreadyIn: 0 })
    expect(await addToPool(db, { assetIds: [ids.a, ids.c] }, T)).toEqual({ added: 1, alreadyIn: 1 })

    const list = await listPool(db, {}, T)
    expect(list.total).toBe(3)
    expect(list.items.map((r) => r.id)).toEqual([ids.a, ids.c, ids.b]) // A first, then B newest added first
    const a = list.items[0]!
    expect(a.entry).toMatchObject({ addedOn: '2026-02-15', prospects: '可用于新能源汽车动力电池', targetIndustries: ['新能源汽车', '储能'], applicationField: '锂电池材料' })
    expect(a.inPool).toBe(true)
    expect((await listInventory(db, { filters: { inPool: true } }, T)).total).toBe(3)
    expect((await listPool(db, { grades: ['B'] }, T)).total).toBe(2)
    expect((await listPool(db, { q: '高镍' }, T)).items.map((r) => r.id)).toEqual([ids.b])

    const updated = await updatePoolEntry(db, ids.b, { openLicenceCandidate: true, prospects: '适合开放许可' })
    expect(updated).toMatchObject({ openLicenceCandidate: true, prospects: '适合开放许可', targetIndustries: ['新能源汽车', '储能'] })
    expect((await listPool(db, { openLicenceCandidate: true }, T)).items.map((r) => r.id)).toEqual([ids.b])

    await removeFromPool(db, ids.c, '企业已买断，不再推广', T, T)
    expect((await listPool(db, {}, T)).total).toBe(2)
    expect(sqlite.prepare('SELECT removed_on, removal_reason FROM pool_entry WHERE asset_id = ?').get(ids.c)).toEqual({ removed_on: T, removal_reason: '企业已买断，不再推广' })
    // It can come back: a new entry, the old one stays in the history.
    expect(await addToPool(db, { assetIds: [ids.c] }, T)).toEqual({ added: 1, alreadyIn: 0 })
    expect(sqlite.prepare('SELECT count(*) AS n FROM pool_entry WHERE asset_id = ?').get(ids.c)).toEqual({ n: 2 })

    const audit = sqlite.prepare("SELECT action FROM audit_log WHERE entity = 'pool_entry' ORDER BY id").all()
    expect(audit).toEqual([{ action: 'create' }, { action: 'create' }, { action: 'update' }, { action: 'delete' }, { action: 'create' }])
    expect((await verifyAuditChain(db)).ok).toBe(true)
  })

  it('refuses ungraded or lapsed patents and bad dates, changing nothing', async () => {
    const { db, ids, sqlite } = await setup()
    const count = () => sqlite.prepare('SELECT (SELECT count(*) FROM pool_entry) + (SELECT count(*) FROM audit_log) AS n').get()
    const before = count()
    await rejects(addToPool(db, { assetIds: [ids.a, ids.ungraded] }, T), /1 项尚未分级.*请先分级/)
    await rejects(addToPool(db, { assetIds: [ids.a, ids.lapsed] }, T), /不是学校的有效专利/)
    await rejects(addToPool(db, { assetIds: [ids.a, ids.sold] }, T), /1 项已转让或作价入股/)
    await rejects(addToPool(db, { assetIds: [ids.a], addedOn: '2026-04-01' }, T), /晚于今天/)
    await rejects(updatePoolEntry(db, ids.a, { prospects: 'x' }), /不在资源库中/)
    await rejects(removeFromPool(db, ids.a, '理由', undefined, T), /不在资源库中/)
    expect(count()).toEqual(before)
    await addToPool(db, { assetIds: [ids.a], addedOn: '2026-02-01' }, T)
    await rejects(removeFromPool(db, ids.a, '理由', '2026-01-01', T), /早于入库日期/)
    await rejects(removeFromPool(db, ids.a, ' ', undefined, T), /移出理由/)
  })

  it('records promotion activities and enterprise interest', async () => {
    const { db, ids, sqlite } = await setup()
    await addToPool(db, { assetIds: [ids.a, ids.b] }, T)
    const roadshow = await savePromotion(db, {
      kind: 'roadshow',
      title: '2026 新能源材料专利路演',
      heldOn: '2026-03-10',
      place: '学校科技园报告厅',
      audience: '长三角新能源企业',
      attendees: 80,
      enterprises: ['宁德某电池有限公司', '某储能科技公司', '宁德某电池有限公司'],
      assetIds: [ids.a, ids.b],
    })
    expect(roadshow).toMatchObject({ kind: 'roadshow', enterprises: ['宁德某电池有限公司', '某储能科技公司'], assetIds: [ids.a, ids.b].sort((x, y) => x - y) })
    const interest = await saveInterest(db, { assetId: ids.a, enterprise: '宁德某电池有限公司', contactPerson: '王经理', contact: '0591-12345678', stage: 'negotiating', promotionId: roadshow.id }, T)
    expect(interest).toMatchObject({ assetTitle: '一种固态电解质及其制备方法', promotionTitle: '2026 新能源材料专利路演', notedOn: T, stage: 'negotiating' })
    await saveInterest(db, { assetId: ids.a, enterprise: '另一家公司', stage: 'dropped' }, T)
    const updated = await saveInterest(db, { id: interest.id, assetId: ids.a, enterprise: '宁德某电池有限公司', stage: 'intent', promotionId: roadshow.id }, T)
    expect(updated.stage).toBe('intent')
    expect((await interestsOfPromotion(db, roadshow.id)).map((i) => i.enterprise)).toEqual(['宁德某电池有限公司'])

    // The pool list names the enterprises still interested (not 已终止).
    expect((await listPool(db, {}, T)).items.find((r) => r.id === ids.a)!.enterprises).toBe('宁德某电池有限公司')
    const detail = await getAssetDetail(db, ids.a, T)
    expect(detail.promotions.map((p) => p.title)).toEqual(['2026 新能源材料专利路演'])
    expect(detail.interests).toHaveLength(2)

    const fair = await savePromotion(db, { kind: 'fair', title: '秋季推介会', heldOn: '2025-10-20', enterprises: ['某储能科技公司'], assetIds: [ids.b] })
    expect((await listPromotions(db, { year: 2026 })).items.map((p) => p.id)).toEqual([roadshow.id])
    expect((await listPromotions(db, {})).items.map((p) => p.id)).toEqual([roadshow.id, fair.id])
    const edited = await savePromotion(db, { id: fair.id, kind: 'matchmaking', title: '秋季对接会', heldOn: '2025-10-20', assetIds: [ids.a] })
    expect(edited).toMatchObject({ kind: 'matchmaking', assetIds: [ids.a], enterprises: [] })

    await deletePromotion(db, roadshow.id)
    await rejects(getPromotion(db, roadshow.id), /找不到该推广活动/)
    // The interest survives, unlinked.
    expect((await getAssetDetail(db, ids.a, T)).interests.find((i) => i.enterprise === '宁德某电池有限公司')!.promotionId).toBeNull()
    await deleteInterest(db, interest.id)
    expect((await getAssetDetail(db, ids.a, T)).interests).toHaveLength(1)
    await rejects(savePromotion(db, { kind: 'fair', title: 'x', heldOn: '2026-01-01', assetIds: [999999] }), /已不在档案中/)

    const actions = sqlite.prepare("SELECT entity, action FROM audit_log WHERE entity IN ('pool_promotion', 'pool_interest') ORDER BY id").all()
    expect(actions).toEqual([
      { entity: 'pool_promotion', action: 'create' },
      { entity: 'pool_interest', action: 'create' },
      { entity: 'pool_interest', action: 'create' },
      { entity: 'pool_interest', action: 'update' },
      { entity: 'pool_promotion', action: 'create' },
      { entity: 'pool_promotion', action: 'update' },
      { entity: 'pool_promotion', action: 'delete' },
      { entity: 'pool_interest', action: 'delete' },
    ])
  })

  it('records a published open licence as a conversion row and the state follows', async () => {
    const { db, ids, sqlite } = await setup()
    const brief = await publishOpenLicence(db, { assetId: ids.b, publishedOn: '2026-03-01', endDate: '2031-02-28', feeTerms: '一次性支付 3 万元', amountYuan: 30000 }, T)
    expect(brief).toMatchObject({ kind: 'open_license', stage: 'published', contractDate: '2026-03-01', startDate: '2026-03-01', endDate: '2031-02-28', contractAmountYuan: 30000, inEffect: true })
    const row = sqlite.prepare('SELECT kind, stage, counterparty, recorded, note FROM conversion WHERE id = ?').get(brief.id)
    expect(row).toEqual({ kind: 'open_license', stage: 'published', counterparty: '', recorded: 1, note: '许可使用费：一次性支付 3 万元' })
    expect((await listInventory(db, { filters: { states: ['open_licence'] } }, T)).items.map((r) => r.id)).toEqual([ids.b])
    expect((await getAssetDetail(db, ids.b, T)).conversions).toHaveLength(1)
    await rejects(publishOpenLicence(db, { assetId: ids.b, publishedOn: '2026-03-10', feeTerms: '同上' }, T), /仍在期限内/)
    await rejects(publishOpenLicence(db, { assetId: ids.sold, publishedOn: '2026-03-10', feeTerms: 'x' }, T), /已转让或作价入股/)
    await rejects(publishOpenLicence(db, { assetId: ids.lapsed, publishedOn: '2026-03-10', feeTerms: 'x' }, T), /只有学校的有效专利/)
    await rejects(publishOpenLicence(db, { assetId: ids.a, publishedOn: '2026-03-20', feeTerms: 'x' }, T), /晚于今天/)
    await rejects(publishOpenLicence(db, { assetId: ids.a, publishedOn: '2026-03-01', endDate: '2045-01-01', feeTerms: 'x' }, T), /不能超过专利权期限/)
    expect(sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'conversion'").get()).toEqual({ n: 1 })
  })

  it('gives the annual report its figures for a date range', async () => {
    const { db, ids } = await setup()
    // Regrade a in 2026 (A → C → B): counted once, as B.
    await gradeAssets(db, [ids.a], { grade: 'C', reason: '复评', gradedOn: '2026-02-10' }, { today: T })
    await gradeAssets(db, [ids.a], { grade: 'B', reason: '再复评', gradedOn: '2026-03-01' }, { today: T })
    await addToPool(db, { assetIds: [ids.a, ids.b], addedOn: '2025-12-20' }, T)
    await addToPool(db, { assetIds: [ids.c], addedOn: '2026-02-01', openLicenceCandidate: true }, T)
    await removeFromPool(db, ids.b, '移出', '2026-03-05', T)
    await savePromotion(db, { kind: 'roadshow', title: '路演', heldOn: '2026-03-10', enterprises: ['甲公司', '乙公司'], assetIds: [ids.a, ids.c] })
    await savePromotion(db, { kind: 'fair', title: '推介会', heldOn: '2026-01-15', enterprises: ['乙公司', '丙公司'], assetIds: [ids.a] })
    await savePromotion(db, { kind: 'matchmaking', title: '去年的对接会', heldOn: '2025-11-11', enterprises: ['丁公司'], assetIds: [ids.b] })
    await saveInterest(db, { assetId: ids.a, enterprise: '甲公司', stage: 'intent', notedOn: '2026-03-11' }, T)
    await saveInterest(db, { assetId: ids.c, enterprise: '乙公司', stage: 'contacted', notedOn: '2026-03-12' }, T)
    await publishOpenLicence(db, { assetId: ids.c, publishedOn: '2026-02-20', feeTerms: '按销售额 3% 提成' }, T)
    await addConversion(db, ids.c, { kind: 'open_license', stage: 'implemented', contract: '2026-03-02' })
    await addConversion(db, ids.b, { kind: 'open_license', stage: 'published', contract: '2025-06-01' })

    const stats = await poolStats(db, { from: '2026-01-01', to: '2026-12-31' })
    expect(stats.gradedInPeriod).toEqual({ A: 0, B: 3, C: 0, D: 0, total: 3 }) // a (last: B), b, c
    expect(stats.gradesAtEnd).toEqual({ A: 0, B: 3, C: 0, D: 1, total: 4 }) // + sold, graded D in 2025
    expect(stats.pool).toEqual({ sizeAtEnd: 2, added: 1, removed: 1, openLicenceCandidates: 1 })
    expect(stats.promotions).toEqual({ held: 2, byKind: { roadshow: 1, fair: 1, matchmaking: 0, other: 0 }, enterprisesMet: 3, patentsPromoted: 2 })
    expect(stats.interests).toEqual({ recorded: 2, intentOrSigned: 1 })
    expect(stats.openLicences).toEqual({ published: 1, implemented: 1, patents: 1 })

    const y2025 = await poolStatsForYear(db, 2025)
    expect(y2025.gradedInPeriod).toEqual({ A: 0, B: 0, C: 0, D: 1, total: 1 })
    expect(y2025.gradesAtEnd.total).toBe(1)
    expect(y2025.pool).toMatchObject({ sizeAtEnd: 2, added: 2, removed: 0 })
    expect(y2025.promotions.held).toBe(1)
    expect(y2025.openLicences.published).toBe(1)
    // On 2026-01-31 the grading of a on 2026-01-10 (A) is the one in force.
    expect((await poolStats(db, { from: '2026-01-01', to: '2026-01-31' })).gradedInPeriod).toEqual({ A: 1, B: 0, C: 0, D: 0, total: 1 })
    await rejects(poolStats(db, { from: '2026-12-31', to: '2026-01-01' }), /晚于结束日期/)
  })
})
