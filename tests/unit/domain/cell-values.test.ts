import { describe, expect, it } from 'vitest'
import {
  excelSerialToIso,
  parseAmountToYuan,
  parseDateCell,
  parseKindCell,
  splitMulti,
  toHalfWidth,
} from '../../../src-main/domain/cell-values'
import type { AssetKind } from '../../../src-main/db/schema'
import { readCsvFixture } from './fixtures'

describe('toHalfWidth', () => {
  it('folds full-width ASCII, the ideographic space and the yuan sign', () => {
    expect(toHalfWidth('２０２３．０３．２８')).toBe('2023.03.28')
    expect(toHalfWidth('公开（公告）号；ＡＢＣ　ｘ')).toBe('公开(公告)号;ABC x')
    expect(toHalfWidth('￥１，２３４')).toBe('¥1,234')
    expect(toHalfWidth('浙江大学')).toBe('浙江大学')
  })
})

describe('splitMulti', () => {
  it.each<[string, string[]]>([
    ['刘迪;刘敏;王煜伟;付艳波;王元卓', ['刘迪', '刘敏', '王煜伟', '付艳波', '王元卓']],
    ['张三；李四', ['张三', '李四']],
    ['张三 | 李四 | 王五', ['张三', '李四', '王五']],
    ['张三,李四', ['张三', '李四']],
    ['张三，李四，', ['张三', '李四']],
    ['张三、李四', ['张三', '李四']],
    ['张三\n李四', ['张三', '李四']],
    ['  张三 ;; 李四 ; ', ['张三', '李四']],
    ['张三;李四;张三', ['张三', '李四']],
    ['王芳 李明 欧阳荣波', ['王芳', '李明', '欧阳荣波']],
    ['王芳\u3000李明', ['王芳', '李明']],
    ['买买提·艾力 王芳 迪丽拜尔・吐尔逊', ['买买提·艾力', '王芳', '迪丽拜尔・吐尔逊']],
    ['托马斯·L·埃文斯 王芳', ['托马斯·L·埃文斯 王芳']],
    ['Saudi Basic Industries Corporation', ['Saudi Basic Industries Corporation']],
    ['浙江大学 Zhejiang University', ['浙江大学 Zhejiang University']],
    ['中国科学院大连化学物理研究所 张三', ['中国科学院大连化学物理研究所 张三']],
    ['托马斯·L·埃文斯;克里斯托弗·卢克·海因', ['托马斯·L·埃文斯', '克里斯托弗·卢克·海因']],
    ['SABIC Global Technologies B.V.; 张三', ['SABIC Global Technologies B.V.', '张三']],
    ['王元卓', ['王元卓']],
    ['', []],
    ['  ;  ', []],
  ])('%j', (cell, parts) => {
    expect(splitMulti(cell)).toEqual(parts)
  })

  it('splits every inventor and applicant cell of the real exports', () => {
    const zkdsj = readCsvFixture('cn_patents_zkdsj_sample_10.csv').records
    expect(zkdsj.map((r) => splitMulti(r['发明人'] ?? '').length)).toEqual([5, 4, 5, 5, 5, 5, 5, 6, 6, 4])
    expect(splitMulti(zkdsj[0]?.['分类号'] ?? '')).toEqual(['B64U20/80', 'B64U101/30'])

    const cnki = readCsvFixture('cnki_patents_material_chemistry_2018_33.csv').records
    const coApplied = cnki.find((r) => (r['publication_number'] ?? '') === 'CN105367415B')
    expect(splitMulti(coApplied?.['applicant'] ?? '')).toEqual(['航天资源循环科技有限公司', '中国科学院过程工程研究所'])
    for (const row of cnki) {
      for (const name of splitMulti(row['inventors'] ?? '')) {
        expect(name).not.toMatch(/[;；]/u)
        expect(name.length).toBeGreaterThan(1)
      }
    }
  })
})

describe('parseDateCell', () => {
  it.each<[unknown, string | null]>([
    ['20230328', '2023-03-28'],
    [20230328, '2023-03-28'],
    ['2023.03.28', '2023-03-28'],
    ['2023/3/28', '2023-03-28'],
    ['2024/1/2', '2024-01-02'],
    ['2023-03-28', '2023-03-28'],
    ['2023-3-8', '2023-03-08'],
    ['2023年3月28日', '2023-03-28'],
    ['2023 年 3 月 28 日', '2023-03-28'],
    ['2023-03-28 00:00:00', '2023-03-28'],
    ['2023/03/28 14:05', '2023-03-28'],
    ['2023-03-28T00:00:00.000Z', '2023-03-28'],
    ['2023-03-28T08:00:00+08:00', '2023-03-28'],
    ['２０２３－０３－２８', '2023-03-28'],
    ['  2023-03-28  ', '2023-03-28'],
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', null],
    ['2023-02-30', null],
    ['20231340', null],
    ['20230230', null],
    [20231340, null],
    ['2023-13-01', null],
    ['2023-00-10', null],
    ['0', null],
    [0, null],
    ['', null],
    ['   ', null],
    [null, null],
    [undefined, null],
    ['2023年3月', null],
    ['2023', null],
    [2023, null],
    ['not a date', null],
    [true, null],
    [{}, null],
  ])('%j → %j', (input, iso) => {
    expect(parseDateCell(input)).toBe(iso)
  })

  it('reads Date objects by their UTC fields, as exceljs creates them', () => {
    expect(parseDateCell(new Date(Date.UTC(2023, 2, 28)))).toBe('2023-03-28')
    expect(parseDateCell(new Date(Date.UTC(2023, 2, 28, 23, 59, 59)))).toBe('2023-03-28')
    expect(parseDateCell(new Date(Number.NaN))).toBeNull()
  })

  it('reads Excel serial numbers', () => {
    expect(parseDateCell(45013)).toBe('2023-03-28')
    expect(parseDateCell(45013.75)).toBe('2023-03-28')
    expect(parseDateCell('45013')).toBe('2023-03-28')
    expect(parseDateCell(36526)).toBe('2000-01-01')
    expect(parseDateCell(43890)).toBe('2020-02-29')
  })

  it('refuses small numbers that are years or typos rather than dates', () => {
    expect(parseDateCell(61)).toBeNull()
    expect(parseDateCell(9999)).toBeNull()
    expect(parseDateCell(-45013)).toBeNull()
  })

  it('reads the YYYYMMDD dates of the 58-column sample, and "0" as no date', () => {
    const { records } = readCsvFixture('cn_patents_zkdsj_sample_10.csv')
    expect(records.map((r) => parseDateCell(r['申请日']))).toEqual([
      '2022-12-02', '2021-11-30', '2021-07-15', '2021-07-15', '2021-07-28', '2021-07-30', '2021-07-30', '2022-12-30',
      '2023-05-23', '2022-11-02',
    ])
    expect(parseDateCell(records[7]?.['授权公告日'])).toBeNull()
    expect(parseDateCell(records[0]?.['实质审查日'])).toBeNull()
    expect(parseDateCell(records[9]?.['授权公告日'])).toBe('2024-04-05')
  })

  it('reads the ISO dates of the CNKI scrape', () => {
    const { records } = readCsvFixture('cnki_patents_material_chemistry_2018_33.csv')
    for (const row of records) {
      const filed = parseDateCell(row['application_date'])
      const published = parseDateCell(row['publication_date'])
      expect(filed, row['application_date']).toMatch(/^20(1[3-8])-\d{2}-\d{2}$/u)
      expect(published).toMatch(/^2018-\d{2}-\d{2}$/u)
      expect((filed ?? '') < (published ?? '')).toBe(true)
    }
  })
})

describe('excelSerialToIso', () => {
  it('handles the 1900 leap-year bug', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01')
    expect(excelSerialToIso(59)).toBe('1900-02-28')
    // Serial 60 is Excel's fictitious 1900-02-29.
    expect(excelSerialToIso(60)).toBeNull()
    expect(excelSerialToIso(61)).toBe('1900-03-01')
    expect(excelSerialToIso(45013)).toBe('2023-03-28')
  })

  it('rejects non-positive, non-finite and far-future serials', () => {
    expect(excelSerialToIso(0)).toBeNull()
    expect(excelSerialToIso(-1)).toBeNull()
    expect(excelSerialToIso(Number.NaN)).toBeNull()
    expect(excelSerialToIso(Number.POSITIVE_INFINITY)).toBeNull()
    expect(excelSerialToIso(2_958_465)).toBeNull()
  })
})

describe('parseKindCell', () => {
  it.each<[string, AssetKind | null]>([
    ['发明', 'invention'],
    ['发明专利', 'invention'],
    ['发明公开', 'invention'],
    ['发明授权', 'invention'],
    ['发明公开;发明授权', 'invention'],
    ['中国发明', 'invention'],
    ['中国实用新型', 'utility'],
    ['实用新型', 'utility'],
    ['实用新型专利', 'utility'],
    ['外观设计', 'design'],
    ['外观', 'design'],
    ['中国外观设计', 'design'],
    ['A', 'invention'],
    ['B', 'invention'],
    ['b', 'invention'],
    ['C', 'invention'],
    ['U', 'utility'],
    ['Y', 'utility'],
    ['S', 'design'],
    ['Ａ', 'invention'],
    ['1', 'invention'],
    ['2', 'utility'],
    ['3', 'design'],
    ['I', 'invention'],
    ['II', 'utility'],
    ['III', 'design'],
    ['软件著作权', 'software'],
    ['计算机软件著作权', 'software'],
    ['软著', 'software'],
    ['集成电路布图设计', 'ic_layout'],
    ['植物新品种', 'plant_variety'],
    ['商标', 'trademark'],
    ['注册商标', 'trademark'],
    ['地理标志', 'geo_indication'],
    ['  发明 ', 'invention'],
    ['', null],
    ['专利', null],
    ['Z', null],
    ['其他', null],
  ])('%j → %j', (text, kind) => {
    expect(parseKindCell(text)).toBe(kind)
  })

  it('falls back to the kind of the application number when the cell names none', () => {
    expect(parseKindCell('', 'utility')).toBe('utility')
    expect(parseKindCell('中国专利', 'design')).toBe('design')
    expect(parseKindCell('PCT', 'invention')).toBe('invention')
    expect(parseKindCell('其他', null)).toBeNull()
  })

  it('returns what the cell says even when the number disagrees (the caller reports it)', () => {
    expect(parseKindCell('发明公开', 'utility')).toBe('invention')
  })

  it('reads the 专利类型 column of the 58-column sample', () => {
    const { records } = readCsvFixture('cn_patents_zkdsj_sample_10.csv')
    const kinds = records.map((r) => parseKindCell(r['专利类型'] ?? ''))
    expect(kinds.filter((k) => k === 'utility')).toHaveLength(7)
    expect(kinds.filter((k) => k === 'invention')).toHaveLength(3)
  })
})

describe('parseAmountToYuan', () => {
  it.each<[unknown, '元' | '万元', number | null]>([
    [1000, '元', 1000],
    [12.5, '万元', 125000],
    ['12.5', '万元', 125000],
    ['12.5万', '元', 125000],
    ['12.5万元', '元', 125000],
    ['12.5万元', '万元', 125000],
    ['300元', '万元', 300],
    ['1,234,567.00', '元', 1234567],
    ['¥1,234,567.00', '元', 1234567],
    ['￥１２３４．５', '元', 1234.5],
    ['人民币 50 万元', '元', 500000],
    ['RMB 5000', '元', 5000],
    ['1.2亿', '元', 120000000],
    ['0', '元', 0],
    ['0.015', '万元', 150],
    [0.1 + 0.2, '元', 0.3],
    ['-5', '元', null],
    [-5, '万元', null],
    ['', '元', null],
    ['面议', '元', null],
    ['12,34', '元', null],
    ['1.2.3', '元', null],
    [null, '元', null],
    [Number.NaN, '元', null],
    [Number.POSITIVE_INFINITY, '元', null],
  ])('%j in a %s column → %j', (value, unit, yuan) => {
    expect(parseAmountToYuan(value, unit)).toBe(yuan)
  })
})

describe('splitMulti without blank splitting', () => {
  it('keeps organisation names typed with stray spaces whole', () => {
    expect(splitMulti('浙江 大学', { blanks: false })).toEqual(['浙江 大学'])
    expect(splitMulti('浙江 大学')).toEqual(['浙江', '大学'])
    expect(splitMulti('甲公司;浙江 大学', { blanks: false })).toEqual(['甲公司', '浙江 大学'])
  })
})
