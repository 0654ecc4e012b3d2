import { describe, expect, it } from 'vitest'
import {
  anniversary,
  annuityDueDates,
  openAnnuities,
  computeExpiryDate,
  LATE_FEE_TOO_LATE,
  lateFeePercent,
  parseIsoDate,
  termYears,
} from '../../../src-main/domain/term'
import { parseDateCell } from '../../../src-main/domain/cell-values'
import { checkNumber } from '../../../src-main/domain/cn-number'
import { readCsvFixture } from './fixtures'

describe('computeExpiryDate', () => {
  it('ends the day before the anniversary', () => {
    expect(computeExpiryDate('invention', '2023-03-28')).toBe('2043-03-27')
    expect(computeExpiryDate('utility', '2022-12-02')).toBe('2032-12-01')
    expect(computeExpiryDate('design', '2022-01-01')).toBe('2036-12-31')
    expect(computeExpiryDate('invention', '2021-03-01')).toBe('2041-02-28')
    expect(computeExpiryDate('invention', '2020-03-01')).toBe('2040-02-29')
  })

  it('gives designs 15 years from 2021-06-01 and 10 years before', () => {
    expect(computeExpiryDate('design', '2021-05-31')).toBe('2031-05-30')
    expect(computeExpiryDate('design', '2021-06-01')).toBe('2036-05-31')
    expect(termYears('design', '2021-05-31')).toBe(10)
    expect(termYears('design', '2021-06-01')).toBe(15)
  })

  it('handles 29 February filing dates', () => {
    // Leap target year: the anniversary exists, the term ends the day before it.
    expect(computeExpiryDate('invention', '2020-02-29')).toBe('2040-02-28')
    // Common target year: the term runs to the end of February.
    expect(computeExpiryDate('utility', '2020-02-29')).toBe('2030-02-28')
    expect(computeExpiryDate('design', '2024-02-29')).toBe('2039-02-28')
  })

  it('gives software copyright 50 years ending 31 December', () => {
    expect(computeExpiryDate('software', '2026-03-15')).toBe('2076-12-31')
    expect(computeExpiryDate('software', '2010-12-31')).toBe('2060-12-31')
  })

  it('returns null for rights whose term does not run from the filing date', () => {
    for (const kind of ['ic_layout', 'plant_variety', 'trademark', 'geo_indication'] as const) {
      expect(computeExpiryDate(kind, '2023-03-28')).toBeNull()
    }
  })

  it('returns null for malformed or impossible dates', () => {
    for (const bad of ['', '2023-3-28', '20230328', '2023-02-30', '2023-13-01', 'not a date']) {
      expect(computeExpiryDate('invention', bad), bad).toBeNull()
    }
  })

  it('computes expiry for the real 58-column sample', () => {
    const { records } = readCsvFixture('cn_patents_zkdsj_sample_10.csv')
    const expiries = records.map((r) => {
      const kind = checkNumber(r['申请号'] ?? '').kind
      const filed = parseDateCell(r['申请日'])
      expect(kind).not.toBeNull()
      expect(filed).not.toBeNull()
      return computeExpiryDate(kind ?? 'invention', filed ?? '')
    })
    // Row 1: utility model filed 2022-12-02; row 10: invention filed 2022-11-02.
    expect(expiries[0]).toBe('2032-12-01')
    expect(expiries[9]).toBe('2042-11-01')
  })
})

describe('anniversary', () => {
  it('moves 29 February to 28 February in common years', () => {
    expect(anniversary('2020-02-29', 1)).toBe('2021-02-28')
    expect(anniversary('2020-02-29', 4)).toBe('2024-02-29')
    expect(anniversary('2023-03-28', 3)).toBe('2026-03-28')
    expect(anniversary('2023-02-30', 1)).toBeNull()
  })
})

describe('openAnnuities', () => {
  it('adds to the annuities falling due those past their due date whose 6-month grace period is still running', () => {
    // Filed 2017-10-31: the 10th year fell due 2026-10-31, payable with a late fee until 2027-04-30.
    expect(openAnnuities('2017-10-31', '2026-11-26', '2027-02-24', 'invention')).toEqual([{ year: 10, dueDate: '2026-10-31', graceEnd: '2027-04-30' }])
    expect(openAnnuities('2017-10-31', '2027-05-01', '2027-11-30', 'invention')).toEqual([{ year: 11, dueDate: '2027-10-31', graceEnd: '2028-04-30' }])
    // The grace period's last day still counts.
    expect(openAnnuities('2017-10-31', '2027-04-30', '2027-05-10', 'invention').map((a) => a.year)).toEqual([10])
    // Nothing beyond the term.
    expect(openAnnuities('2015-04-20', '2025-02-20', '2025-05-01', 'utility')).toEqual([])
  })
})

describe('annuityDueDates', () => {
  it('lists the anniversaries in the window with the annuity year they start', () => {
    expect(annuityDueDates('2023-03-28', '2026-01-01', '2027-12-31')).toEqual([
      { year: 4, dueDate: '2026-03-28', graceEnd: '2026-09-28' },
      { year: 5, dueDate: '2027-03-28', graceEnd: '2027-09-28' },
    ])
  })

  it('includes both window ends', () => {
    const dues = annuityDueDates('2023-03-28', '2025-03-28', '2026-03-28')
    expect(dues.map((d) => d.dueDate)).toEqual(['2025-03-28', '2026-03-28'])
    expect(annuityDueDates('2023-03-28', '2025-03-29', '2026-03-27')).toEqual([])
  })

  it('starts at the first anniversary (year 2)', () => {
    const dues = annuityDueDates('2023-03-28', '2000-01-01', '2025-12-31')
    expect(dues).toEqual([
      { year: 2, dueDate: '2024-03-28', graceEnd: '2024-09-28' },
      { year: 3, dueDate: '2025-03-28', graceEnd: '2025-09-28' },
    ])
  })

  it('puts a 29 February anniversary on 28 February in common years', () => {
    const dues = annuityDueDates('2020-02-29', '2021-01-01', '2024-12-31')
    expect(dues.map((d) => d.dueDate)).toEqual(['2021-02-28', '2022-02-28', '2023-02-28', '2024-02-29'])
    expect(dues[3]?.graceEnd).toBe('2024-08-29')
  })

  it('clamps the grace end to the end of a shorter month', () => {
    const [due] = annuityDueDates('2021-08-31', '2022-01-01', '2022-12-31')
    expect(due).toEqual({ year: 2, dueDate: '2022-08-31', graceEnd: '2023-02-28' })
  })

  it('stops at the end of the term when the kind is given', () => {
    const utility = annuityDueDates('2015-06-10', '2020-01-01', '2030-12-31', 'utility')
    expect(utility.map((d) => d.year)).toEqual([6, 7, 8, 9, 10])
    expect(utility.at(-1)?.dueDate).toBe('2024-06-10')
    expect(annuityDueDates('2015-06-10', '2020-01-01', '2030-12-31').map((d) => d.year).at(-1)).toBe(16)
    expect(annuityDueDates('2015-06-10', '2020-01-01', '2030-12-31', 'software')).toEqual([])
  })

  it('covers a whole 20-year invention term', () => {
    const dues = annuityDueDates('2003-10-01', '1990-01-01', '2099-12-31', 'invention')
    expect(dues).toHaveLength(19)
    expect(dues[0]?.year).toBe(2)
    expect(dues.at(-1)).toEqual({ year: 20, dueDate: '2022-10-01', graceEnd: '2023-04-01' })
  })

  it('returns nothing for bad input', () => {
    expect(annuityDueDates('bad', '2020-01-01', '2030-01-01')).toEqual([])
    expect(annuityDueDates('2020-01-01', '2030-01-01', '2020-01-01')).toEqual([])
  })
})

describe('lateFeePercent', () => {
  const due = '2024-03-28'
  it.each([
    ['2024-01-01', 0],
    ['2024-03-28', 0],
    ['2024-03-29', 0],
    ['2024-04-28', 0],
    ['2024-04-29', 5],
    ['2024-05-28', 5],
    ['2024-05-29', 10],
    ['2024-06-29', 15],
    ['2024-07-29', 20],
    ['2024-08-29', 25],
    ['2024-09-28', 25],
  ])('paid %s → %i %%', (paid, percent) => {
    expect(lateFeePercent(due, paid)).toBe(percent)
  })

  it('returns -1 beyond the 6-month grace period', () => {
    expect(LATE_FEE_TOO_LATE).toBe(-1)
    expect(lateFeePercent(due, '2024-09-29')).toBe(-1)
    expect(lateFeePercent(due, '2026-01-01')).toBe(-1)
  })

  it('uses month-end clamping for due dates on the 31st', () => {
    // Due 2024-01-31: month boundaries 02-29, 03-31, 04-30 ...
    expect(lateFeePercent('2024-01-31', '2024-02-29')).toBe(0)
    expect(lateFeePercent('2024-01-31', '2024-03-01')).toBe(5)
    expect(lateFeePercent('2024-01-31', '2024-07-31')).toBe(25)
    expect(lateFeePercent('2024-01-31', '2024-08-01')).toBe(-1)
  })

  it('is NaN for unreadable dates, never a silent 0', () => {
    expect(lateFeePercent('2024-02-30', '2024-03-01')).toBeNaN()
    expect(lateFeePercent('2024-03-28', '')).toBeNaN()
  })
})

describe('parseIsoDate', () => {
  it('accepts only real calendar days', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 })
    expect(parseIsoDate('2023-02-29')).toBeNull()
    expect(parseIsoDate('1900-02-29')).toBeNull()
    expect(parseIsoDate('2000-02-29')).not.toBeNull()
  })
})
