import { describe, expect, it } from 'vitest'
import { isBannerRow, isGroupHeadingRow, isNotARecord, isNoteRow, isRepeatedHeader, isTotalsRow } from '../../../src-main/spreadsheet/row-kinds'

// What a list's rows that are no records look like, told by what they say (spreadsheet/row-kinds.ts).

describe('rows that are no records', () => {
  it('totals and subtotals, in the first filled cell', () => {
    for (const row of [['合计', '', '12'], ['', '总计：12 件'], ['1月小计', 3], ['全年合计'], ['共 123 条'], ['Total', 5], ['汇总', 8], ['总数：9'], ['合计件数', 12]]) expect(isTotalsRow(row), String(row)).toBe(true)
    for (const row of [['202310397744.0', '一种合计装置'], ['总数据处理方法'], ['汇总报表生成方法'], ['小计算器外壳']]) expect(isTotalsRow(row), String(row)).toBe(false)
  })

  it('notes and signatures need their colon', () => {
    for (const row of [['数据来源：国家知识产权局'], ['', '制表人：王芳 审核人：李强'], ['注：本表截至2024年底']]) expect(isNoteRow(row), String(row)).toBe(true)
    for (const row of [['备注栏设计的文件夹'], ['日期显示装置']]) expect(isNoteRow(row), String(row)).toBe(false)
  })

  it('a period alone is a banner', () => {
    for (const row of [['一月'], ['', '2024年3月'], ['第二季度']]) expect(isBannerRow(row), String(row)).toBe(true)
    for (const row of [['一月', '202310397744.0'], ['一种按月计费的方法']]) expect(isBannerRow(row), String(row)).toBe(false)
  })

  it("a college's heading alone on its row, numbered or counted, is a group heading", () => {
    for (const row of [['计算机学院'], ['一、材料科学与工程学院（12件）'], ['', '（三）化学化工研究院'], ['2.机械工程系 (共5项)'], ['附属第一医院'], ['先进制造研究中心']]) {
      expect(isGroupHeadingRow(row), String(row)).toBe(true)
      expect(isNotARecord(row), String(row)).toBe(true)
    }
    // A record that lost its other cells is still a record (and is told what it lacks); so is anything with a second cell.
    for (const row of [['一种锂电池隔膜'], ['202310397744.0'], ['计算机学院', '202310397744.0'], ['王芳'], ['一种用于实验室的通风装置']]) {
      expect(isGroupHeadingRow(row), String(row)).toBe(false)
    }
  })

  it('the header again: at least two, and half, of its filled columns hold their own header', () => {
    const header = [
      { index: 0, header: '申请号' },
      { index: 1, header: '名称' },
      { index: 2, header: '申请人' },
    ]
    expect(isRepeatedHeader(['申请号', '名称', '申请人'], header)).toBe(true)
    expect(isRepeatedHeader(['申请号', '名 称', ''], header)).toBe(true)
    expect(isRepeatedHeader(['202310397744.0', '名称', '申请人'], header)).toBe(false)
    expect(isRepeatedHeader(['申请号', '一种装置', '东海理工大学'], header)).toBe(false)
  })
})
