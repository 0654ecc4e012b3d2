import ExcelJS from 'exceljs'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/temp'
import { importFile, inventorsOf, rows, universityArchive } from './helpers'

// Patent lists as university ledgers are kept by hand, rather than as databases export them: totals, notes
// and signatures, a header pasted in again, cells merged down, one patent over several rows, the ledger's
// own header spellings. (The databases' dialects: dialects.test.ts.)

describe('ledgers kept by hand', () => {
  it('totals rows (合计 … / 共 3 条) are not records, whatever they add up in the columns', async () => {
    const file = join(tempDir(), 'with-totals.csv')
    writeFileSync(
      file,
      ['申请号,名称,申请人', '202211719264.3,一种陶瓷材料加工用热压烧结装置,东海理工大学', '', '202310887886.5,一种工业互联网平台应用评价方法及其评价系统,东海理工大学', '合计,2,', '共 2 条,,'].join('\n'),
    )
    const archive = await universityArchive()
    expect(await importFile(archive, 'patents', file, { skipInvalid: false })).toMatchObject({ rows: 2, inserted: 2, rejected: 0 })
  })

  it("a ledger kept by hand: its spellings (专利号/申请号, 发明人（设计人）, 所在学院, 法律状态（截至…）) and 学院 and 专利权人 merged down", async () => {
    const file = join(tempDir(), 'ledger.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('2024年专利台账')
    ws.addRow(['序号', '专利号/申请号', '专利名称*', '发明人（设计人）', '所在学院', '专利权人（申请人）', '法律状态（截至2024年5月）'])
    ws.addRow([1, 'ZL202310397744.0', '一种锂电池隔膜', '李娜、王伟', '材料学院', '东海理工大学', '有效专利'])
    ws.addRow([2, 'ZL202211719264.3', '一种陶瓷材料加工用热压烧结装置', '张强', null, null, '在审专利'])
    ws.addRow([3, 'ZL202310887886.5', '一种工业互联网平台应用评价方法及其评价系统', '刘洋', '计算机学院', null, '已下证'])
    ws.mergeCells('E2:E3')
    ws.mergeCells('F2:F4')
    ws.addRow([])
    ws.addRow(['制表人：张老师', null, null, null, '审核人：李老师'])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    const archive = await universityArchive()
    expect(await importFile(archive, 'patents', file, { skipInvalid: false })).toMatchObject({ rows: 3, inserted: 3, rejected: 0 })
    expect(rows(archive, 'SELECT app_no, college, current_owner, university_owned, status_group FROM ip_asset ORDER BY app_no')).toEqual([
      { app_no: '202211719264.3', college: '材料学院', current_owner: '东海理工大学', university_owned: 1, status_group: 'pending' },
      { app_no: '202310397744.0', college: '材料学院', current_owner: '东海理工大学', university_owned: 1, status_group: 'valid' },
      { app_no: '202310887886.5', college: '计算机学院', current_owner: '东海理工大学', university_owned: 1, status_group: 'valid' },
    ])
    expect(inventorsOf(archive, '202310397744.0')).toEqual(['李娜', '王伟'])
  })

  it("a ledger grouped by college: each college's heading, merged across the row, is no record; a title alone still is one", async () => {
    const file = join(tempDir(), 'grouped.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('2024年专利')
    ws.addRow(['申请号', '名称', '申请人', '发明人'])
    ws.addRow(['一、计算机学院（2件）'])
    ws.mergeCells('A2:D2')
    ws.addRow(['202310397744.0', '一种锂电池隔膜', '东海理工大学', '李娜'])
    ws.addRow(['202211719264.3', '一种陶瓷材料加工用热压烧结装置', '东海理工大学', '王伟'])
    ws.addRow(['二、材料科学与工程学院'])
    ws.mergeCells('A5:D5')
    ws.addRow(['202121635235.X', '一种锂电池隔膜涂布装置', '东海理工大学', '周杰'])
    // A record whose number was forgotten: not a heading, though only one cell is filled.
    ws.addRow(['', '一种新型涂层材料', '', ''])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', file, { skipInvalid: true })
    expect(summary).toMatchObject({ rows: 4, inserted: 3, rejected: 1 })
    expect(summary.errors).toEqual([expect.objectContaining({ row: 7, message: expect.stringContaining('缺少申请号') })])
  })

  it('a patent written over several rows (its number, title and college merged down, one inventor a row) is one patent with every inventor', async () => {
    const file = join(tempDir(), 'rows.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('台账')
    ws.addRow(['序号', '申请号', '发明名称', '发明人', '学院', '申请人'])
    ws.addRow([1, '202310397744.0', '一种锂电池隔膜', '张三', '材料学院', '东海理工大学'])
    ws.addRow([null, null, null, '李四', null, null])
    ws.addRow([null, null, null, '王五', null, null])
    ws.addRow([2, '202211719264.3', '一种热压烧结装置', '赵六', '材料学院', '东海理工大学'])
    ws.addRow(['小计', '2件'])
    for (const range of ['A2:A4', 'B2:B4', 'C2:C4', 'F2:F4', 'E2:E6']) ws.mergeCells(range)
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    const archive = await universityArchive()
    // The 小计 row under the merged 学院 is still a subtotal, not a patent numbered “2件”.
    expect(await importFile(archive, 'patents', file, { skipInvalid: false })).toMatchObject({ rows: 2, inserted: 2, updated: 0, rejected: 0 })
    expect(inventorsOf(archive, '202310397744.0')).toEqual(['张三', '李四', '王五'])
    expect(inventorsOf(archive, '202211719264.3')).toEqual(['赵六'])
    expect(rows(archive, 'SELECT college, university_owned FROM ip_asset ORDER BY app_no')).toEqual([
      { college: '材料学院', university_owned: 1 },
      { college: '材料学院', university_owned: 1 },
    ])
  })

  it("the kind code decides between publication and grant, not the column: an A under '授权公告号/公开号' is a publication", async () => {
    const file = join(tempDir(), 'kinds.csv')
    writeFileSync(file, ['申请号,发明名称,授权公告号/公开号', '202310397744.0,一种锂电池隔膜,CN116400001A', '202211719264.3,一种热压烧结装置,CN115400002B'].join('\n'))
    const archive = await universityArchive()
    expect(await importFile(archive, 'patents', file, { skipInvalid: false })).toMatchObject({ inserted: 2, rejected: 0 })
    expect(rows(archive, 'SELECT app_no, pub_no, grant_no FROM ip_asset ORDER BY app_no')).toEqual([
      { app_no: '202211719264.3', pub_no: null, grant_no: 'CN115400002B' },
      { app_no: '202310397744.0', pub_no: 'CN116400001A', grant_no: null },
    ])
  })

  it('note and signature lines (数据来源：…, 制表人：… 审核人：…) and a header repeated by pasting two pages are not records', async () => {
    const file = join(tempDir(), 'two-pages.csv')
    writeFileSync(
      file,
      [
        '申请号,名称,申请人,申请日',
        '202211719264.3,一种陶瓷材料加工用热压烧结装置,东海理工大学,2022.12.30',
        '数据来源：国家知识产权局专利检索及分析系统,,,',
        '导出时间：2024.05.20 10:31:22,,,',
        ' 申请号 ,名称,申请人,申请日',
        '202310887886.5,一种工业互联网平台应用评价方法及其评价系统,东海理工大学,2023.07.19',
        '制表人：张老师,,审核人：李老师,',
      ].join('\n'),
    )
    const archive = await universityArchive()
    expect(await importFile(archive, 'patents', file, { skipInvalid: false })).toMatchObject({ rows: 2, inserted: 2, rejected: 0, errors: [] })
  })

  it('a row that only looks like a note or a header is still read, and still checked', async () => {
    const file = join(tempDir(), 'lookalikes.csv')
    writeFileSync(
      file,
      [
        '申请号,名称,申请人',
        // A title that happens to be a header word, and a number cell with a colon that is not a note label.
        '202211719264.3,名称,东海理工大学',
        '申请号：202310887886.5,一种工业互联网平台应用评价方法及其评价系统,东海理工大学',
        '备注 202310397744.1,一种锂电池,东海理工大学',
      ].join('\n'),
    )
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', file, { skipInvalid: true })
    expect(summary).toMatchObject({ rows: 3, rejected: 1 })
    expect(summary.errors.map((e) => e.row)).toEqual([4])
  })
})
