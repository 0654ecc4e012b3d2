import { describe, expect, it } from 'vitest'
import { getAssetDetail, setAssetDisciplines, setAssetProjects, updateAsset } from '../../../src-main/archive/assets'
import { searchAssets } from '../../../src-main/archive/search'
import { verifyAuditChain } from '../../../src-main/audit/log'
import { applicationCheckChar } from '../../../src-main/domain/cn-number'
import { updateSettings } from '../../../src-main/settings/service'
import { tempArchive } from '../helpers/temp'
import { addAsset, addProject, addResearcher } from './helpers'

const appNo = (digits: string) => `${digits}.${applicationCheckChar(digits)}`

async function fixture() {
  const archive = await tempArchive()
  const db = archive.db
  await updateSettings(db, { operatorName: '李馆员' })
  const wang = await addResearcher(db, { staffNo: '1001', name: '王伟', college: '材料学院', discipline: '0805' })
  const id = await addAsset(
    db,
    { app_no: '202310397744.0', title: '一种锂离子电池正极材料', filing_date: '2023-03-28', expiry_date: '2043-03-27', status_group: 'pending', status_event: '实质审查', status_raw: '审中-实质审查', university_owned: 1 },
    [{ name: '王伟', researcherId: wang }, '李静'],
  )
  await db.insertInto('asset_discipline').values({ asset_id: id, discipline_code: '0805' }).execute()
  return { archive, db, id, wang }
}

describe('getAssetDetail', () => {
  it('returns all fields, inventors in order with their links, disciplines, and the source batch', async () => {
    const { db, id, wang } = await fixture()
    const d = await getAssetDetail(db, id, '2025-01-01')
    expect(d.title).toBe('一种锂离子电池正极材料')
    expect(d.inventorLinks.map((l) => [l.rank, l.rawName, l.linkState, l.researcher?.id ?? null])).toEqual([
      [1, '王伟', 'confirmed', wang],
      [2, '李静', 'external', null],
    ])
    expect(d.disciplines).toEqual([{ code: '0805', name: '材料科学与工程', source: 'derived' }])
    expect(d.manualFields).toEqual([])
    expect(d.nextAnnuity).toBeNull() // pending: no annuities yet
    await expect(getAssetDetail(db, 999)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('shows the next annuity of a valid patent', async () => {
    const { db, id } = await fixture()
    await updateAsset(db, id, { statusGroup: 'valid', grantDate: '2024-06-01' })
    const d = await getAssetDetail(db, id, '2025-01-01')
    expect(d.nextAnnuity).toEqual({ year: 3, dueDate: '2025-03-28', graceEnd: '2025-09-28' })
    // Past its due date, in its grace period: still the next one to pay (the archive does not record payments).
    expect((await getAssetDetail(db, id, '2025-06-01')).nextAnnuity).toEqual({ year: 3, dueDate: '2025-03-28', graceEnd: '2025-09-28' })
    expect((await getAssetDetail(db, id, '2025-09-29')).nextAnnuity).toEqual({ year: 4, dueDate: '2026-03-28', graceEnd: '2026-09-28' })
  })
})

describe('updateAsset', () => {
  it('writes the changed fields, lists them in manual_fields and audits before/after with the operator', async () => {
    const { archive, db, id } = await fixture()
    const d = await updateAsset(db, id, { title: '一种高镍正极材料', statusGroup: 'valid', statusEvent: '授权', grantDate: '2024-06-01', college: '材料学院' })
    expect(d.title).toBe('一种高镍正极材料')
    expect(d.manualFields).toEqual(['college', 'grant_date', 'status_event', 'status_group', 'title'])
    const entry = archive.sqlite.prepare("SELECT operator, action, before, after FROM audit_log WHERE entity = 'ip_asset' AND entity_id = ? ORDER BY id DESC").get(String(id)) as {
      operator: string
      action: string
      before: string
      after: string
    }
    expect(entry.operator).toBe('李馆员')
    expect(entry.action).toBe('update')
    expect(JSON.parse(entry.before)).toEqual({ title: '一种锂离子电池正极材料', status_group: 'pending', status_event: '实质审查', grant_date: null, college: '' })
    expect(JSON.parse(entry.after)).toEqual({ title: '一种高镍正极材料', status_group: 'valid', status_event: '授权', grant_date: '2024-06-01', college: '材料学院' })
    expect(d.audit[0]!.action).toBe('update')
    expect((await verifyAuditChain(db)).ok).toBe(true)
    // The search index follows the edit.
    expect((await searchAssets(db, { q: '高镍' })).total).toBe(1)
    expect((await searchAssets(db, { q: '锂离子' })).total).toBe(0)
  })

  it('saving unchanged values changes nothing and writes no audit entry', async () => {
    const { archive, db, id } = await fixture()
    const count = () => (archive.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n
    const before = count()
    const d = await updateAsset(db, id, { title: '一种锂离子电池正极材料', universityOwned: true })
    expect(d.manualFields).toEqual([])
    expect(count()).toBe(before)
  })

  it('normalises numbers as pasted and recomputes the expiry date from a new filing date', async () => {
    const { db, id } = await fixture()
    const d = await updateAsset(db, id, { appNo: 'ZL 2023 1 0397744.0', pubNo: 'cn 114081026 a', filingDate: '2023-04-01' })
    expect(d.appNo).toBe('202310397744.0')
    expect(d.pubNo).toBe('CN114081026A')
    expect(d.expiryDate).toBe('2043-03-31')
    expect(d.manualFields).toEqual(['filing_date', 'pub_no'])
    // A hand-set expiry is kept when the filing date changes again.
    await updateAsset(db, id, { expiryDate: '2045-01-01' })
    expect((await updateAsset(db, id, { filingDate: '2023-05-01' })).expiryDate).toBe('2045-01-01')
  })

  it('refuses invalid input with a Chinese message and changes nothing', async () => {
    const { archive, db, id } = await fixture()
    const other = await addAsset(db, { app_no: appNo('202310000001'), title: '另一项' })
    const snapshot = () => JSON.stringify(archive.sqlite.prepare('SELECT * FROM ip_asset ORDER BY id').all()) + JSON.stringify(archive.sqlite.prepare('SELECT count(*) FROM audit_log').get())
    const before = snapshot()
    await expect(updateAsset(db, id, { appNo: '202310397744.5' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('校验位应为 0') })
    await expect(updateAsset(db, id, { appNo: appNo('202320397744') })).rejects.toMatchObject({ message: expect.stringContaining('实用新型') })
    await expect(updateAsset(db, id, { grantDate: '2020-01-01' })).rejects.toMatchObject({ message: expect.stringContaining('早于申请日') })
    await expect(updateAsset(db, id, { filingDate: '2023-02-30' })).rejects.toMatchObject({ message: expect.stringContaining('没有这一天') })
    await expect(updateAsset(db, id, { grantNo: 'CN12' })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(updateAsset(db, id, { title: '  ' })).rejects.toThrow()
    await expect(updateAsset(db, other, { appNo: '202310397744.0' })).rejects.toMatchObject({ code: 'conflict' })
    expect(snapshot()).toBe(before)
  })
})

describe('disciplines and projects per asset', () => {
  it('sets disciplines by hand (kept through link changes) and returns to derived ones', async () => {
    const { archive, db, id } = await fixture()
    const manual = await setAssetDisciplines(db, id, ['0812', '0805'])
    expect(manual.disciplines.map((d) => [d.code, d.source])).toEqual([
      ['0805', 'manual'],
      ['0812', 'manual'],
    ])
    expect(manual.manualFields).toContain('disciplines')
    await expect(setAssetDisciplines(db, id, ['9999'])).rejects.toMatchObject({ code: 'invalid_input' })
    const derived = await setAssetDisciplines(db, id, null)
    expect(derived.disciplines.map((d) => [d.code, d.source])).toEqual([['0805', 'derived']])
    expect(derived.manualFields).not.toContain('disciplines')
    const actions = (archive.sqlite.prepare("SELECT action FROM audit_log WHERE entity = 'ip_asset' ORDER BY id").all() as { action: string }[]).map((r) => r.action)
    expect(actions).toEqual(['disciplines', 'disciplines'])
  })

  it('links projects, with an audit entry', async () => {
    const { db, id } = await fixture()
    const p1 = await addProject(db, { projectNo: 'GJ1', name: '国家项目', fiscal: true })
    const p2 = await addProject(db, { projectNo: 'HX1', name: '横向项目' })
    const d = await setAssetProjects(db, id, [p2, p1])
    expect(d.projects.map((p) => [p.projectNo, p.fiscalFunded])).toEqual([
      ['GJ1', true],
      ['HX1', false],
    ])
    expect((await searchAssets(db, { projectId: p2 })).total).toBe(1)
    expect(d.audit[0]).toMatchObject({ action: 'projects', before: { projects: [] }, after: { projects: [p1, p2] } })
    await expect(setAssetProjects(db, id, [999])).rejects.toMatchObject({ code: 'invalid_input' })
  })
})
