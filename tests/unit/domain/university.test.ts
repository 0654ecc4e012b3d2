import { describe, expect, it } from 'vitest'
import { isUniversityHolder, normalizeOrgName } from '../../../src-main/domain/university'
import { readCsvFixture } from './fixtures'

const cnki = readCsvFixture('cnki_patents_material_chemistry_2018_33.csv').records
const applicantCells = cnki.map((r) => r['applicant'] ?? '')

describe('isUniversityHolder on the CNKI applicants', () => {
  it('finds exactly the 浙江大学 record', () => {
    const held = cnki.filter((r) => isUniversityHolder([r['applicant'] ?? ''], '浙江大学', []))
    expect(held.map((r) => r['publication_number'])).toEqual(['CN108982325A'])
  })

  it('finds every record of a university with several patents', () => {
    const held = cnki.filter((r) => isUniversityHolder([r['applicant'] ?? ''], '重庆电子工程职业学院', []))
    expect(held.map((r) => r['publication_number'])).toEqual(['CN208104517U', 'CN208000238U', 'CN208000274U'])
    const leshan = cnki.filter((r) => isUniversityHolder([r['applicant'] ?? ''], '乐山职业技术学院', []))
    expect(leshan).toHaveLength(2)
  })

  it('matches a co-applicant inside a multi-valued cell', () => {
    const cell = applicantCells.find((c) => c.includes(';'))
    expect(cell).toBe('航天资源循环科技有限公司;中国科学院过程工程研究所')
    expect(isUniversityHolder([cell ?? ''], '中国科学院过程工程研究所', [])).toBe(true)
    expect(isUniversityHolder([cell ?? ''], '中国科学院', [])).toBe(false)
  })

  it('never confuses two different applicants of the file', () => {
    const distinct = [...new Set(applicantCells.flatMap((c) => c.split(';')))]
    expect(distinct.length).toBeGreaterThan(20)
    for (const a of distinct) {
      for (const b of distinct) {
        expect(isUniversityHolder([a], b, []), `${a} vs ${b}`).toBe(a === b)
      }
    }
  })
})

describe('isUniversityHolder rules', () => {
  it('does not match separate institutions whose names start with the university name', () => {
    expect(isUniversityHolder(['浙江大学城市学院'], '浙江大学', [])).toBe(false)
    expect(isUniversityHolder(['浙江大学医学院附属第一医院'], '浙江大学', [])).toBe(false)
    expect(isUniversityHolder(['浙江大学宁波理工学院'], '浙江大学', [])).toBe(false)
    expect(isUniversityHolder(['中国石油大学(北京)'], '中国石油大学(华东)', [])).toBe(false)
    expect(isUniversityHolder(['中国石油大学(北京)'], '中国石油大学', [])).toBe(false)
  })

  it('matches listed aliases, with either bracket width', () => {
    const aliases = ['浙江大学医学院附属第一医院', '山东大学(威海)', 'Zhejiang University']
    expect(isUniversityHolder(['浙江大学医学院附属第一医院'], '浙江大学', aliases)).toBe(true)
    expect(isUniversityHolder(['山东大学（威海）'], '浙江大学', aliases)).toBe(true)
    expect(isUniversityHolder(['山东大学【威海】'], '浙江大学', aliases)).toBe(true)
    expect(isUniversityHolder(['ZHEJIANG  UNIVERSITY'], '浙江大学', aliases)).toBe(true)
    expect(isUniversityHolder(['山东大学'], '浙江大学', aliases)).toBe(false)
  })

  it('ignores blanks, full-width characters and case', () => {
    expect(isUniversityHolder([' 浙江 大学\u3000'], '浙江大学', [])).toBe(true)
    expect(isUniversityHolder(['哈尔滨工业大学（深圳）'], '哈尔滨工业大学(深圳)', [])).toBe(true)
    expect(isUniversityHolder(['ＡＢＣ大学'], 'abc大学', [])).toBe(true)
  })

  it('is false for empty holders or an empty name', () => {
    expect(isUniversityHolder([], '浙江大学', [])).toBe(false)
    expect(isUniversityHolder([''], '浙江大学', [])).toBe(false)
    expect(isUniversityHolder(['浙江大学'], '', [])).toBe(false)
    expect(isUniversityHolder([''], '', ['  '])).toBe(false)
  })

  it('checks every holder of the list', () => {
    expect(isUniversityHolder(['某某科技有限公司', '浙江大学'], '浙江大学', [])).toBe(true)
    expect(isUniversityHolder(['某某科技有限公司，浙江大学'], '浙江大学', [])).toBe(true)
  })
})

describe('normalizeOrgName', () => {
  it('folds brackets, blanks and case only', () => {
    expect(normalizeOrgName('山东大学（威海）')).toBe('山东大学(威海)')
    expect(normalizeOrgName(' Zhejiang University ')).toBe('zhejianguniversity')
    expect(normalizeOrgName('浙江大学城市学院')).toBe('浙江大学城市学院')
  })
})
