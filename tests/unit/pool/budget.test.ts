import { describe, expect, it } from 'vitest'
import { feeTableSchema, type FeeTable } from '../../../src-main/contract/pool'
import { AppError } from '../../../src-main/contract/result'
import { annuityFee } from '../../../src-main/pool/annuity'
import { annuityBudget } from '../../../src-main/pool/budget'
import { defaultFeeTable, getFeeTableState, resetFeeTable, saveFeeTable } from '../../../src-main/pool/fee-store'
import { gradeAssets } from '../../../src-main/pool/grading'
import { listInventory } from '../../../src-main/pool/inventory'
import { tempArchive } from '../helpers/temp'
import { addConversion, addPatent, setOperator } from './fixture'

const T = '2026-03-15'

describe('annuity fee table (resources/pool/annuity-fees.json)', () => {
  it('holds the CNIPA standard amounts for every year of every patent kind', () => {
    const table = defaultFeeTable()
    const ctx = (kind: 'invention' | 'utility' | 'design') => ({ kind, filingDate: '2022-07-07', grantDate: null, holders: 1 })
    const years = (kind: 'invention' | 'utility' | 'design', n: number) => Array.from({ length: n }, (_, i) => annuityFee(table, ctx(kind), i + 1))
    expect(years('invention', 20)).toEqual([900, 900, 900, 1200, 1200, 1200, 2000, 2000, 2000, 4000, 4000, 4000, 6000, 6000, 6000, 8000, 8000, 8000, 8000, 8000])
    expect(years('utility', 10)).toEqual([600, 600, 600, 900, 900, 1200, 1200, 1200, 2000, 2000])
    expect(years('design', 15)).toEqual([600, 600, 600, 900, 900, 1200, 1200, 1200, 2000, 2000, 3000, 3000, 3000, 3000, 3000])
    expect(annuityFee(table, ctx('utility'), 11)).toBe(0) // beyond the term
    expect(table.reduction).toEqual({ enabled: false, singlePercent: 85, jointPercent: 70, years: 6 })
    expect(table.basis).toMatch(/财税〔2016〕78号/)
  })

  it('applies the fee reduction to the six annuity years from the one the patent was granted in', () => {
    const table: FeeTable = { ...defaultFeeTable(), reduction: { enabled: true, singlePercent: 85, jointPercent: 70, years: 6 } }
    // Filed 2019-05-20, granted 2021-02-02: the grant falls in annuity year 2, so years 2–7 are reduced.
    const single = { kind: 'invention' as const, filingDate: '2019-05-20', grantDate: '2021-02-02', holders: 1 }
    expect([1, 2, 3, 4, 7, 8].map((y) => annuityFee(table, single, y))).toEqual([900, 135, 135, 180, 300, 2000])
    expect(annuityFee(table, { ...single, holders: 2 }, 4)).toBe(360)
    expect(annuityFee(table, { ...single, grantDate: null }, 4)).toBe(1200) // not granted: nothing to reduce
  })

  it('refuses a table whose bands leave a year out', () => {
    const broken = { ...defaultFeeTable(), utility: [{ from: 1, to: 3, yuan: 600 }, { from: 5, to: 10, yuan: 900 }] }
    const parsed = feeTableSchema.safeParse(broken)
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues[0]!.message).toBe('实用新型专利第 2 档应从第 4 年开始')
    const short = { ...defaultFeeTable(), invention: [{ from: 1, to: 19, yuan: 900 }] }
    expect(feeTableSchema.safeParse(short).error!.issues[0]!.message).toBe('发明专利年费应覆盖第 1–20 年')
  })
})

describe('annuity budget (real database)', () => {
  async function setup() {
    const archive = await tempArchive()
    await setOperator(archive.db)
    const db = archive.db
    const ids = {
      inv1: await addPatent(db, { filing: '2019-05-20', grant: '2021-02-02' }), // 2027-05-20: year 9, 2000
      inv2: await addPatent(db, { filing: '2015-02-10', grant: '2017-03-01' }), // 2027-02-10: year 13, 6000
      util: await addPatent(db, { kind: 'utility', filing: '2023-04-01', grant: '2023-09-01' }), // 2027-04-01: year 5, 900
      design: await addPatent(db, { kind: 'design', filing: '2022-07-07', grant: '2022-12-12' }), // 2027-07-07: year 6, 1200
      oldDesign: await addPatent(db, { kind: 'design', filing: '2019-03-01', grant: '2019-08-01' }), // 10-year term; 2027-03-01: year 9, 2000
      sold: await addPatent(db, { filing: '2018-01-01', grant: '2020-01-01' }),
      ending: await addPatent(db, { filing: '2006-08-01', grant: '2009-01-01' }), // term ends 2026-07-31: nothing in 2027
    }
    await addConversion(db, ids.sold, { kind: 'transfer', contract: '2024-06-01' })
    await gradeAssets(db, [ids.inv1], { grade: 'A', reason: '重点' }, { today: T })
    await gradeAssets(db, [ids.sold, ids.ending], { grade: 'B', reason: '一般' }, { today: T })
    await gradeAssets(db, [ids.oldDesign], { grade: 'C', reason: '观察' }, { today: T })
    await gradeAssets(db, [ids.inv2, ids.util], { grade: 'D', reason: '无人问津' }, { today: T })
    return { ...archive, ids }
  }

  it('says what each grade costs next year and what dropping D saves', async () => {
    const { db } = await setup()
    const budget = await annuityBudget(db, {}, T)
    expect(budget).toMatchObject({ year: 2027, from: '2027-01-01', to: '2027-12-31', reductionApplied: false })
    expect(budget.rows).toEqual([
      { grade: 'A', patents: 1, due: 1, yuan: 2000 },
      { grade: 'B', patents: 1, due: 0, yuan: 0 },
      { grade: 'C', patents: 1, due: 1, yuan: 2000 },
      { grade: 'D', patents: 2, due: 2, yuan: 6900 },
      { grade: 'none', patents: 1, due: 1, yuan: 1200 },
    ])
    expect(budget.totalYuan).toBe(12100)
    // D: the invention (years 13–20: 3 × 6000 + 5 × 8000) and the utility model (years 5–10: 900 + 3 × 1200 + 2 × 2000).
    expect(budget.dropD).toEqual({ patents: 2, yuanInYear: 6900, yuanRemainingTerm: 58000 + 8500 })
    expect(budget.excluded).toEqual({ transferred: 1, equity: 0 })

    // Another year, and a filtered budget.
    const y2026 = await annuityBudget(db, { year: 2026, filters: { kinds: ['invention'] } }, T)
    // 2026: inv1 year 8 (2000), inv2 year 12 (4000), ending year 20 due 2026-08-01? No: the term ends 2026-07-31.
    expect(y2026.rows.find((r) => r.grade === 'A')).toEqual({ grade: 'A', patents: 1, due: 1, yuan: 2000 })
    expect(y2026.rows.find((r) => r.grade === 'D')).toEqual({ grade: 'D', patents: 1, due: 1, yuan: 4000 })
    expect(y2026.rows.find((r) => r.grade === 'B')).toEqual({ grade: 'B', patents: 1, due: 0, yuan: 0 })
  })

  it('prices with the centre edited table stored in the archive, keeps every edition, and resets to the default', async () => {
    const { db, sqlite, ids } = await setup()
    expect((await getFeeTableState(db)).origin).toBe('default')
    const edited = defaultFeeTable()
    edited.invention = edited.invention.map((b) => (b.from === 7 ? { ...b, yuan: 2500 } : b))
    edited.reduction = { ...edited.reduction, enabled: true }
    const saved = await saveFeeTable(db, edited)
    expect(saved).toMatchObject({ origin: 'edited', savedBy: '测试馆员' })
    expect(saved.table.invention[2]).toEqual({ from: 7, to: 9, yuan: 2500 })
    expect(saved.defaultTable.invention[2]).toEqual({ from: 7, to: 9, yuan: 2000 })

    const budget = await annuityBudget(db, {}, T)
    expect(budget.reductionApplied).toBe(true)
    // inv1: year 9 is outside its reduction years (2–7): the edited full 2500.
    expect(budget.rows.find((r) => r.grade === 'A')!.yuan).toBe(2500)
    // The utility model was granted in its year 1, so years 1–6 are reduced by 85 %: year 5 costs 135.
    // The old invention (year 13) is not reduced: 6000. D in 2027 = 6135.
    expect(budget.rows.find((r) => r.grade === 'D')!.yuan).toBe(6135)
    // The inventory prices the next 12 months with the same table.
    const inv1 = (await listInventory(db, {}, T)).items.find((r) => r.id === ids.inv1)!
    expect(inv1.annuities).toEqual([{ year: 8, dueDate: '2026-05-20', graceEnd: '2026-11-20', yuan: 2500 }])

    const reset = await resetFeeTable(db)
    expect(reset.origin).toBe('default')
    expect(reset.table).toEqual(defaultFeeTable())
    expect((await annuityBudget(db, {}, T)).rows.find((r) => r.grade === 'A')!.yuan).toBe(2000)
    expect(sqlite.prepare('SELECT origin FROM pool_fee_schedule ORDER BY id').all()).toEqual([{ origin: 'edited' }, { origin: 'default' }])
    const audit = sqlite.prepare("SELECT action FROM audit_log WHERE entity = 'pool_fee_schedule' ORDER BY id").all()
    expect(audit).toEqual([{ action: 'update' }, { action: 'reset' }])

    const error = await saveFeeTable(db, { ...edited, design: [{ from: 1, to: 10, yuan: 600 }] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toMatch(/外观设计专利年费应覆盖第 1–15 年/)
    expect(sqlite.prepare('SELECT count(*) AS n FROM pool_fee_schedule').get()).toEqual({ n: 2 })
  })
})
