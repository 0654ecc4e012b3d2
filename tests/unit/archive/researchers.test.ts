import { describe, expect, it } from 'vitest'
import { getResearcher, saveResearcher, searchResearchers } from '../../../src-main/archive/researchers'
import { getProject, saveProject, searchProjects } from '../../../src-main/archive/projects'
import { AppError } from '../../../src-main/contract/result'
import { tempArchive } from '../helpers/temp'
import { addAsset, addResearcher } from './helpers'

async function roster() {
  const archive = await tempArchive()
  const db = archive.db
  const ids = {
    zhangsan: await addResearcher(db, { staffNo: '2001001', name: '张三', college: '计算机学院', discipline: '0812', title: '教授' }),
    zhangsong: await addResearcher(db, { staffNo: '2001002', name: '张松', college: '材料学院' }),
    zengzhiwei: await addResearcher(db, { staffNo: '2010777', name: '曾志伟', college: '机械学院' }),
    wangwei1: await addResearcher(db, { staffNo: '1999100', name: '王伟', college: '计算机学院' }),
    wangwei2: await addResearcher(db, { staffNo: '2015200', name: '王伟', college: '化工学院', active: false }),
    liwei: await addResearcher(db, { staffNo: '2020300', name: '李伟', college: '化工学院' }),
  }
  return { archive, db, ids }
}

describe('searchResearchers', () => {
  it('finds by pinyin initials as a prefix (zs → 张三, 张松; zzw → 曾志伟 with its surname reading)', async () => {
    const { db, ids } = await roster()
    const zs = await searchResearchers(db, { q: 'zs' })
    expect(zs.items.map((r) => r.id).sort()).toEqual([ids.zhangsan, ids.zhangsong].sort())
    expect((await searchResearchers(db, { q: 'ZZW' })).items.map((r) => r.id)).toEqual([ids.zengzhiwei])
    expect((await searchResearchers(db, { q: 'z' })).total).toBe(3)
  })

  it('finds by 工号 prefix and puts an exact 工号 first', async () => {
    const { db, ids } = await roster()
    expect((await searchResearchers(db, { q: '2001' })).items.map((r) => r.id).sort()).toEqual([ids.zhangsan, ids.zhangsong].sort())
    const exact = await searchResearchers(db, { q: '2001002' })
    expect(exact.items[0]!.id).toBe(ids.zhangsong)
    // Full-width digits typed by a Chinese input method are the same 工号.
    expect((await searchResearchers(db, { q: '２００１００２' })).items[0]!.id).toBe(ids.zhangsong)
  })

  it('finds by any part of the name, exact names first, and returns namesakes with their colleges', async () => {
    const { db, ids } = await roster()
    const wei = await searchResearchers(db, { q: '伟' })
    expect(wei.total).toBe(4)
    const wangwei = await searchResearchers(db, { q: '王伟' })
    expect(wangwei.items.map((r) => r.college).sort()).toEqual(['化工学院', '计算机学院'])
    expect((await searchResearchers(db, { q: '王伟', activeOnly: true })).items.map((r) => r.id)).toEqual([ids.wangwei1])
    expect((await searchResearchers(db, { q: '伟', college: '化工学院' })).total).toBe(2)
  })

  it('treats LIKE wildcards in the query as text', async () => {
    const { db } = await roster()
    expect((await searchResearchers(db, { q: '%' })).total).toBe(0)
    expect((await searchResearchers(db, { q: '_' })).total).toBe(0)
  })

  it('counts linked assets and names the discipline', async () => {
    const { db, ids } = await roster()
    await addAsset(db, { app_no: '202310397744.0', title: '一种装置' }, [{ name: '张三', researcherId: ids.zhangsan }, '校外甲'])
    await addAsset(db, { app_no: '202310397745.2', title: '另一种装置' }, [{ name: '张三', researcherId: ids.zhangsan, state: 'suggested' }])
    const r = (await searchResearchers(db, { q: '张三' })).items[0]!
    expect(r.assetCount).toBe(2)
    expect(r.disciplineName).toBe('计算机科学与技术')
  })

  it('pages', async () => {
    const { db } = await roster()
    const all = await searchResearchers(db, { limit: 100 })
    const page = await searchResearchers(db, { offset: 2, limit: 2 })
    expect(page.total).toBe(6)
    expect(page.items.map((r) => r.id)).toEqual(all.items.slice(2, 4).map((r) => r.id))
  })
})

describe('saveResearcher', () => {
  it('creates with pinyin initials and an audit entry, updates with only the changed fields audited', async () => {
    const { db, archive } = await roster()
    const created = await saveResearcher(db, { staffNo: '2024001', name: '欧阳娜娜', college: '外国语学院' })
    expect(created.nameInitials).toBe('oynn')
    const updated = await saveResearcher(db, { id: created.id, staffNo: '2024001', name: '欧阳娜娜', college: '文学院', title: '讲师' })
    expect(updated.college).toBe('文学院')
    const audit = archive.sqlite.prepare("SELECT action, before, after FROM audit_log WHERE entity = 'researcher' AND entity_id = ? ORDER BY id").all(String(created.id)) as { action: string; before: string | null; after: string }[]
    expect(audit.map((a) => a.action)).toEqual(['create', 'update'])
    expect(JSON.parse(audit[1]!.before!)).toEqual({ college: '外国语学院', title: '' })
    expect(JSON.parse(audit[1]!.after)).toEqual({ college: '文学院', title: '讲师' })
    expect((await getResearcher(db, created.id)).title).toBe('讲师')
  })

  it('refuses a duplicate 工号, an unknown discipline and left-before-joined, changing nothing', async () => {
    const { db, archive } = await roster()
    const auditBefore = archive.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()
    await expect(saveResearcher(db, { staffNo: '2001001', name: '新人' })).rejects.toMatchObject({ code: 'conflict' })
    await expect(saveResearcher(db, { staffNo: '2099001', name: '新人', disciplineCode: '9999' })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(saveResearcher(db, { staffNo: '2099001', name: '新人', joinedOn: '2020-01-01', leftOn: '2019-01-01' })).rejects.toBeInstanceOf(AppError)
    expect(archive.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(auditBefore)
    expect((await searchResearchers(db, { q: '新人' })).total).toBe(0)
  })

  it('getResearcher says not_found for an unknown id', async () => {
    const { db } = await roster()
    await expect(getResearcher(db, 9999)).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('projects', () => {
  it('saves, searches by number prefix, name or funder, and refuses a duplicate number', async () => {
    const archive = await tempArchive()
    const db = archive.db
    const pi = await addResearcher(db, { staffNo: '1', name: '张三' })
    const p = await saveProject(db, { projectNo: 'GJ20230001', name: '高比能锂电池关键材料', funder: '国家自然科学基金委员会', level: 'national', fiscalFunded: true, piResearcherId: pi })
    await saveProject(db, { projectNo: 'HX20240002', name: '芯片封装横向合作', funder: '某公司', level: 'industry' })
    expect((await searchProjects(db, { q: 'GJ2023' })).items.map((x) => x.id)).toEqual([p.id])
    expect((await searchProjects(db, { q: '锂电池' })).items.map((x) => x.id)).toEqual([p.id])
    expect((await searchProjects(db, { q: '自然科学' })).total).toBe(1)
    expect((await searchProjects(db, { fiscalFunded: true })).total).toBe(1)
    expect((await getProject(db, p.id)).piName).toBe('张三')
    await expect(saveProject(db, { projectNo: 'GJ20230001', name: '重复' })).rejects.toMatchObject({ code: 'conflict' })
    await expect(saveProject(db, { projectNo: 'X1', name: '坏日期', startDate: '2024-01-01', endDate: '2023-01-01' })).rejects.toMatchObject({ code: 'invalid_input' })
    const audit = archive.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'project'").get() as { n: number }
    expect(audit.n).toBe(2)
  })
})
