import { describe, expect, it } from 'vitest'
import { getAssetDetail } from '../../../src-main/archive/assets'
import { confirmSuggested, linkQueue, researcherPortfolio, setInventorLink } from '../../../src-main/archive/links'
import { searchResearchers } from '../../../src-main/archive/researchers'
import { verifyAuditChain } from '../../../src-main/audit/log'
import { applicationCheckChar } from '../../../src-main/domain/cn-number'
import { tempArchive } from '../helpers/temp'
import { addAsset, addResearcher } from './helpers'

const appNo = (digits: string) => `${digits}.${applicationCheckChar(digits)}`

async function fixture() {
  const archive = await tempArchive()
  const db = archive.db
  const wang1 = await addResearcher(db, { staffNo: '1001', name: '王伟', college: '材料学院', discipline: '0805', title: '教授' })
  const wang2 = await addResearcher(db, { staffNo: '1002', name: '王伟', college: '计算机学院', discipline: '0812', title: '讲师' })
  const li = await addResearcher(db, { staffNo: '1003', name: '李静', college: '材料学院', discipline: '0817' })
  const zhang = await addResearcher(db, { staffNo: '1004', name: '张磊', college: '电子学院', discipline: '0809' })
  const a1 = await addAsset(db, { app_no: appNo('202310000001'), title: '一种电池', filing_date: '2023-01-01' }, [
    { name: '王伟', state: 'ambiguous', candidates: [wang1, wang2] },
    { name: '李静', researcherId: li, state: 'suggested' },
  ])
  const a2 = await addAsset(db, { app_no: appNo('202310000002'), title: '一种芯片', filing_date: '2024-01-01' }, [
    { name: '张磊', researcherId: zhang, state: 'suggested' },
    { name: '李静', researcherId: li, state: 'confirmed' },
    '校外某',
  ])
  return { archive, db, wang1, wang2, li, zhang, a1, a2 }
}

describe('link queue', () => {
  it('lists ambiguous then suggested links with their candidates (college, title, staff no) and counts', async () => {
    const { db, a1, a2, wang1, wang2 } = await fixture()
    const q = await linkQueue(db)
    expect(q.counts).toEqual({ suggested: 2, ambiguous: 1 })
    expect(q.total).toBe(3)
    expect(q.items.map((i) => [i.assetId, i.rank, i.linkState])).toEqual([
      [a1, 1, 'ambiguous'],
      [a1, 2, 'suggested'],
      [a2, 1, 'suggested'],
    ])
    expect(q.items[0]!.candidates.map((c) => [c.id, c.college, c.title, c.staffNo])).toEqual([
      [wang1, '材料学院', '教授', '1001'],
      [wang2, '计算机学院', '讲师', '1002'],
    ])
    expect(q.items[0]!.asset.title).toBe('一种电池')
    expect((await linkQueue(db, { states: ['ambiguous'] })).items).toHaveLength(1)
    expect((await linkQueue(db, { q: '张' })).total).toBe(1)
  })
})

describe('setInventorLink', () => {
  it('confirms an ambiguous link with the chosen namesake, derives the discipline, audits it', async () => {
    const { archive, db, a1, wang2 } = await fixture()
    const link = await setInventorLink(db, { assetId: a1, rank: 1, action: 'confirm', researcherId: wang2 })
    expect(link).toMatchObject({ linkState: 'confirmed', researcherId: wang2, researcher: { college: '计算机学院' } })
    const d = await getAssetDetail(db, a1)
    expect(d.disciplines.map((x) => x.code)).toEqual(['0812', '0817'])
    expect(d.audit[0]).toMatchObject({ action: 'link', before: { rank: 1, state: 'ambiguous', researcherId: null }, after: { rank: 1, state: 'confirmed', researcherId: wang2 } })
    expect((await linkQueue(db)).counts).toEqual({ suggested: 2, ambiguous: 0 })
    expect((await verifyAuditChain(db)).ok).toBe(true)
    const source = archive.sqlite.prepare("SELECT name FROM pragma_table_info('asset_inventor') WHERE name = 'link_source'").get()
    if (source) expect(archive.sqlite.prepare('SELECT link_source FROM asset_inventor WHERE asset_id = ? AND rank = 1').get(a1)).toEqual({ link_source: 'manual' })
  })

  it('refuses to confirm an ambiguous link without a choice, or with someone outside the candidates', async () => {
    const { db, a1, zhang } = await fixture()
    await expect(setInventorLink(db, { assetId: a1, rank: 1, action: 'confirm' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('同名') })
    await expect(setInventorLink(db, { assetId: a1, rank: 1, action: 'confirm', researcherId: zhang })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(setInventorLink(db, { assetId: a1, rank: 9, action: 'external' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(setInventorLink(db, { assetId: a1, rank: 2, action: 'assign' })).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('reassigns to another researcher and marks external; the portfolio follows', async () => {
    const { db, a1, a2, li, zhang } = await fixture()
    expect((await researcherPortfolio(db, li)).items.map((i) => [i.id, i.rank])).toEqual([
      [a2, 2],
      [a1, 2],
    ])
    await setInventorLink(db, { assetId: a1, rank: 2, action: 'assign', researcherId: zhang })
    await setInventorLink(db, { assetId: a2, rank: 2, action: 'external' })
    expect((await researcherPortfolio(db, li)).items).toEqual([])
    const zhangs = (await researcherPortfolio(db, zhang)).items
    expect(zhangs.map((i) => [i.id, i.rank, i.linkState])).toEqual([
      [a2, 1, 'suggested'],
      [a1, 2, 'confirmed'],
    ])
    expect((await searchResearchers(db, { q: '张磊' })).items[0]!.assetCount).toBe(2)
  })

  it('a namesake candidate’s portfolio says how many links wait for a librarian, until they are settled', async () => {
    const { db, a1, wang1, wang2, li } = await fixture()
    // 王伟 on a1 may be either of the two 王伟.
    expect(await researcherPortfolio(db, wang1)).toEqual({ items: [], namesakePending: 1 })
    expect((await researcherPortfolio(db, wang2)).namesakePending).toBe(1)
    expect((await researcherPortfolio(db, li)).namesakePending).toBe(0)
    await setInventorLink(db, { assetId: a1, rank: 1, action: 'confirm', researcherId: wang2 })
    expect((await researcherPortfolio(db, wang1)).namesakePending).toBe(0)
    expect(await researcherPortfolio(db, wang2)).toMatchObject({ items: [{ id: a1, rank: 1 }], namesakePending: 0 })
  })
})

describe('confirmSuggested', () => {
  it('confirms the listed suggested links, or all of them, one audit entry each', async () => {
    const { archive, db, a1, a2 } = await fixture()
    expect(await confirmSuggested(db, [{ assetId: a2, rank: 1 }, { assetId: a2, rank: 2 }])).toEqual({ confirmed: 1 })
    expect((await linkQueue(db)).counts.suggested).toBe(1)
    expect(await confirmSuggested(db)).toEqual({ confirmed: 1 })
    expect((await linkQueue(db)).counts).toEqual({ suggested: 0, ambiguous: 1 })
    expect((await getAssetDetail(db, a1)).inventorLinks[1]!.linkState).toBe('confirmed')
    const n = archive.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'link'").get() as { n: number }
    expect(n.n).toBe(2)
  })

  it('with the queue filtered by a name, "all" means the suggested links the librarian sees, not the archive’s', async () => {
    const { db, a1, a2 } = await fixture()
    expect((await linkQueue(db, { q: '张' })).counts.suggested).toBe(1)
    expect(await confirmSuggested(db, undefined, '张')).toEqual({ confirmed: 1 })
    expect((await getAssetDetail(db, a2)).inventorLinks[0]!.linkState).toBe('confirmed')
    // 李静 on a1, outside the filter, is still waiting.
    expect((await getAssetDetail(db, a1)).inventorLinks[1]!.linkState).toBe('suggested')
    expect((await linkQueue(db)).counts.suggested).toBe(1)
  })
})
