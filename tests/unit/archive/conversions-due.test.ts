import { describe, expect, it } from 'vitest'
import { getAssetDetail } from '../../../src-main/archive/assets'
import { deleteConversion, listConversions, saveConversion } from '../../../src-main/archive/conversions'
import { dueSoon } from '../../../src-main/archive/due'
import { applicationCheckChar } from '../../../src-main/domain/cn-number'
import { tempArchive } from '../helpers/temp'
import { addAsset } from './helpers'

const appNo = (digits: string) => `${digits}.${applicationCheckChar(digits)}`

describe('conversions', () => {
  it('adds, edits, lists with filters and sums, deletes — audited, visible in the asset history', async () => {
    const archive = await tempArchive()
    const db = archive.db
    const a = await addAsset(db, { app_no: appNo('202310000001'), title: '一种电池' })
    const b = await addAsset(db, { app_no: appNo('202310000002'), title: '一种芯片' })
    const c1 = await saveConversion(db, { assetId: a, kind: 'transfer', counterparty: '宁德某公司', contractDate: '2024-03-01', contractAmountYuan: 1_234_500, receivedAmountYuan: 600_000, recorded: true })
    const c2 = await saveConversion(db, { assetId: b, kind: 'open_license', contractDate: '2025-01-10', contractAmountYuan: 20_000 })
    expect(c2.stage).toBe('published')
    await saveConversion(db, { assetId: b, kind: 'license', counterparty: '某芯片公司', contractDate: '2023-06-01' })

    const all = await listConversions(db)
    expect(all.total).toBe(3)
    expect(all.items.map((c) => c.contractDate)).toEqual(['2025-01-10', '2024-03-01', '2023-06-01'])
    expect(all.contractYuan).toBe(1_254_500)
    expect(all.receivedYuan).toBe(600_000)
    expect((await listConversions(db, { kinds: ['transfer'] })).items.map((c) => c.id)).toEqual([c1.id])
    expect((await listConversions(db, { yearFrom: 2024, yearTo: 2024 })).total).toBe(1)
    expect((await listConversions(db, { recorded: true })).total).toBe(1)
    expect((await listConversions(db, { q: '芯片' })).total).toBe(2) // counterparty or title
    expect((await listConversions(db, { assetId: b })).total).toBe(2)

    const edited = await saveConversion(db, { id: c1.id, assetId: a, kind: 'transfer', counterparty: '宁德某公司', contractDate: '2024-03-01', contractAmountYuan: 1_234_500, receivedAmountYuan: 1_234_500, recorded: true })
    expect(edited.receivedAmountYuan).toBe(1_234_500)
    await deleteConversion(db, c1.id)
    expect((await listConversions(db, { assetId: a })).total).toBe(0)
    const history = (await getAssetDetail(db, a)).audit.map((e) => [e.entity, e.action])
    expect(history).toEqual([
      ['conversion', 'delete'],
      ['conversion', 'update'],
      ['conversion', 'create'],
    ])
    const update = (await getAssetDetail(db, a)).audit[1]!
    expect(update.before).toEqual({ assetId: a, receivedAmountYuan: 600_000 })
    expect(update.after).toEqual({ assetId: a, receivedAmountYuan: 1_234_500 })
  })

  it('refuses bad input', async () => {
    const archive = await tempArchive()
    const db = archive.db
    const a = await addAsset(db, { app_no: appNo('202310000001'), title: '一种电池' })
    await expect(saveConversion(db, { assetId: a, kind: 'license', stage: 'published' })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(saveConversion(db, { assetId: a, kind: 'license', startDate: '2024-05-01', endDate: '2024-01-01' })).rejects.toMatchObject({ code: 'invalid_input' })
    // The contract's date refuses a day the calendar does not have (the window's form says so on the field).
    await expect(saveConversion(db, { assetId: a, kind: 'license', contractDate: '2024-02-30' })).rejects.toThrow(/没有这一天/)
    await expect(saveConversion(db, { assetId: 999, kind: 'license' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(deleteConversion(db, 999)).rejects.toMatchObject({ code: 'not_found' })
    expect(archive.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 0 })
  })
})

describe('due soon', () => {
  it('lists annuities and expiries of the university’s valid patents in the window, by date', async () => {
    const archive = await tempArchive()
    const db = archive.db
    const owned = { university_owned: 1 as const, status_group: 'valid' as const }
    const inv = await addAsset(db, { ...owned, app_no: appNo('201810000001'), title: '发明甲', filing_date: '2018-03-10', expiry_date: '2038-03-09' }, ['王伟'])
    const util = await addAsset(db, { ...owned, kind: 'utility', app_no: appNo('201520000001'), title: '实用新型乙', filing_date: '2015-04-20', expiry_date: '2025-04-19' })
    const leap = await addAsset(db, { ...owned, kind: 'utility', app_no: appNo('202020000002'), title: '闰日申请', filing_date: '2020-02-29', expiry_date: '2030-02-28' })
    // Not due: lapsed, not owned, software, outside the window.
    await addAsset(db, { university_owned: 1, status_group: 'lapsed', app_no: appNo('201810000002'), title: '失效', filing_date: '2018-03-12' })
    await addAsset(db, { university_owned: 0, status_group: 'valid', app_no: appNo('201810000003'), title: '非学校', filing_date: '2018-03-12' })
    await addAsset(db, { ...owned, kind: 'software', app_no: '2018SR000001', title: '软件', filing_date: '2018-03-12' })
    const late = await addAsset(db, { ...owned, app_no: appNo('201810000004'), title: '窗口外', filing_date: '2018-08-12' })

    const due = await dueSoon(db, { from: '2025-02-20', days: 70 })
    expect(due.to).toBe('2025-05-01')
    // The utility model's 11th annuity (2025-04-20) lies beyond its 10-year term: only its expiry shows.
    expect(due.items.map((i) => [i.assetId, i.event, i.date, i.annuityYear])).toEqual([
      [leap, 'annuity', '2025-02-28', 6],
      [inv, 'annuity', '2025-03-10', 8],
      [util, 'expiry', '2025-04-19', null],
    ])
    expect(due.items[1]).toMatchObject({ graceEnd: '2025-09-10', inventors: '王伟', title: '发明甲' })
    expect((await dueSoon(db, { from: '2025-02-20', days: 70, events: ['expiry'] })).items.map((i) => i.assetId)).toEqual([util])
    expect((await dueSoon(db, { from: '2025-02-20', days: 70, kinds: ['invention'] })).items.map((i) => i.assetId)).toEqual([inv])
    // Across a year end. 窗口外's 8th annuity fell due on 2025-08-12: overdue, but its grace period runs to
    // 2026-02-12, so it is still payable — and the most urgent. (The archive does not record payments.)
    const winter = await dueSoon(db, { from: '2025-12-20', days: 90 })
    expect(winter.items.map((i) => [i.assetId, i.date, i.graceEnd])).toEqual([
      [late, '2025-08-12', '2026-02-12'],
      [leap, '2026-02-28', '2026-08-28'],
      [inv, '2026-03-10', '2026-09-10'],
    ])
    // Once the grace period is over, it is gone (a lapse for unpaid fees is the register's to say).
    expect((await dueSoon(db, { from: '2026-02-13', days: 30 })).items.map((i) => i.assetId)).not.toContain(late)
  })
})
