import ExcelJS from 'exceljs'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { requestedBatches, unpackBatch, type ReadItem } from '../../../../src-main/archive/import/read-rows'
import { getAssetDetail } from '../../../../src-main/archive/assets'
import { writeProblems } from '../../../../src-main/archive/import/templates'
import { applicationCheckChar } from '../../../../src-main/domain/cn-number'
import { openTable, type SheetRow } from '../../../../src-main/spreadsheet'
import { tempDir } from '../../helpers/temp'
import { cli, importFile, one, rows, universityArchive } from './helpers'

// A ledger kept one worksheet per kind (发明 / 外观设计 / 实用新型) or per year: every worksheet whose header
// repeats the first one's is read with it, its rows known by worksheet and row number.

const number = (year: number, type: number, serial: number) => {
  const digits = `${year}${type}${String(serial).padStart(7, '0')}`
  return `${digits}.${applicationCheckChar(digits)}`
}
const INVENTION = [number(2022, 1, 1719264), number(2023, 1, 397744)]
const DESIGN = number(2022, 3, 1)
const UTILITY = [number(2022, 2, 1), number(2022, 2, 2)]
const REORDERED = number(2021, 1, 5)
/** A wrong check character: 2022 2 0000003 is .X or a digit, never both. */
const WRONG = (() => {
  const digits = '202220000003'
  const right = applicationCheckChar(digits)
  return `${digits}.${right === '1' ? '2' : '1'}`
})()

async function ledger(): Promise<string> {
  const file = join(tempDir(), '专利台账.xlsx')
  const wb = new ExcelJS.Workbook()
  const invention = wb.addWorksheet('发明专利')
  invention.addRow(['申请号', '名称', '申请人', '发明人'])
  invention.addRow([INVENTION[0], '一种陶瓷材料加工用热压烧结装置', '东海理工大学', '张三;李四'])
  invention.addRow([INVENTION[1], '一种锂离子电池隔膜', '东海理工大学', '王五'])
  // Straight after the first worksheet, its header on the first row: the row the header search stops at.
  const design = wb.addWorksheet('外观设计')
  design.addRow(['申请号', '名称', '申请人', '发明人'])
  design.addRow([DESIGN, '包装盒（外观）', '东海理工大学', '赵六'])
  // A glossary names one field: passed over.
  wb.addWorksheet('说明').addRow(['申请号', '按国家知识产权局格式填写'])
  const utility = wb.addWorksheet('实用新型')
  utility.addRow(['东海理工大学实用新型专利台账'])
  utility.addRow(['申请号', '名称', '申请人', '发明人'])
  utility.addRow([UTILITY[0], '一种夹具', '东海理工大学', '钱七'])
  utility.addRow([WRONG, '一种支架', '东海理工大学', '孙八'])
  utility.addRow([UTILITY[1], '一种滑轨', '东海理工大学', '周九'])
  utility.addRow(['合计', '3'])
  // The same column names in another order: read by the first worksheet's columns, 名称 would become the number.
  const older = wb.addWorksheet('2021年')
  older.addRow(['名称', '申请号', '申请人', '发明人'])
  older.addRow(['一种老专利', REORDERED, '东海理工大学', '吴十'])
  wb.addWorksheet('统计').addRow(['类型', '件数'])
  // The ledger's example sheet: the header and a made-up row that is no patent of the university.
  const example = wb.addWorksheet('填表示例')
  example.addRow(['申请号', '名称', '申请人', '发明人'])
  example.addRow(['202310397744.0', '一种锂电池隔膜及其制备方法（示例）', '东海理工大学', '王芳'])
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
  return file
}

describe('a workbook with the same list on several worksheets', () => {
  it('imports every worksheet with the same header; problems and the import history name the worksheet', async () => {
    const file = await ledger()
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', file, { skipInvalid: true })
    expect(summary).toMatchObject({ rows: 6, inserted: 5, rejected: 1, written: true })
    expect(rows(archive, 'SELECT app_no FROM ip_asset ORDER BY app_no').map((r) => r.app_no)).toEqual([...INVENTION, ...UTILITY, DESIGN].sort())
    // The wrong check character is on row 4 of 实用新型 (not row 4 of the first worksheet, which has none).
    expect(summary.errors).toEqual([
      { row: 4, column: 0, letter: 'A', header: '申请号', message: expect.stringContaining('校验位'), sheet: '实用新型' },
    ])
    expect(summary.warnings.map((w) => [w.sheet, w.row, w.message])).toEqual([
      ['外观设计', 1, expect.stringMatching(/^工作表“外观设计”第 1 行起是同样表头的清单（1 行），已与工作表“发明专利”一并读取。$/u)],
      ['实用新型', 2, expect.stringMatching(/^工作表“实用新型”第 2 行起是同样表头的清单（3 行），已与工作表“发明专利”一并读取。$/u)],
      ['2021年', 1, expect.stringMatching(/^工作表“2021年”第 1 行起是同样列名的清单（1 行），但列的顺序与工作表“发明专利”不同，这些行没有导入。/u)],
      ['填表示例', 1, expect.stringMatching(/^工作表“填表示例”第 1 行起有同样表头的 1 行，从工作表名称看是示例或模板，这些行没有导入/u)],
    ])
    // One batch; each row by worksheet and number ('' = the batch's own worksheet, 发明专利).
    expect(rows(archive, 'SELECT sheet, row_number, outcome FROM import_row ORDER BY sheet, row_number')).toEqual([
      { sheet: '', row_number: 2, outcome: 'inserted' },
      { sheet: '', row_number: 3, outcome: 'inserted' },
      { sheet: '外观设计', row_number: 2, outcome: 'inserted' },
      { sheet: '实用新型', row_number: 3, outcome: 'inserted' },
      { sheet: '实用新型', row_number: 4, outcome: 'rejected' },
      { sheet: '实用新型', row_number: 5, outcome: 'inserted' },
    ])
    const utilityId = one<{ id: number }>(archive, 'SELECT id FROM ip_asset WHERE app_no = ?', UTILITY[1]).id
    expect((await getAssetDetail(archive.db, utilityId)).imports).toMatchObject([{ fileName: '专利台账.xlsx', rowNumber: 5, sheet: '实用新型', outcome: 'inserted' }])
    const inventionId = one<{ id: number }>(archive, 'SELECT id FROM ip_asset WHERE app_no = ?', INVENTION[0]).id
    // Row 2 is on every worksheet: the first one's rows are named too, once the batch read others.
    expect((await getAssetDetail(archive.db, inventionId)).imports).toMatchObject([{ rowNumber: 2, sheet: '发明专利' }])
    expect(one(archive, 'SELECT kind FROM ip_asset WHERE app_no = ?', DESIGN)).toEqual({ kind: 'design' })

    // The problems file puts the worksheet first.
    const problems = join(tempDir(), 'problems.xlsx')
    await writeProblems(problems, summary.errors, summary.warnings)
    const read: SheetRow[] = []
    for await (const row of openTable(problems).rows()) read.push(row)
    expect(read[0]?.values.slice(0, 3)).toEqual(['工作表', '行号', '列'])
    expect(read[1]?.values.slice(0, 3)).toEqual(['实用新型', 4, 'A'])
  })

  it('without --skip-invalid a bad row on any worksheet keeps the whole file out; the CLI names the worksheet', async () => {
    const file = await ledger()
    const dir = tempDir()
    const db = join(dir, 'a.sqlite')
    expect((await cli('init', '--db', db)).code).toBe(0)
    expect((await cli('settings', 'set', 'universityName', '东海理工大学', '--db', db)).code).toBe(0)
    const refused = await cli('import', 'patents', file, '--db', db, '--json')
    expect(refused.code).toBe(1)
    const json = JSON.parse(refused.stdout) as { rows: number; inserted: number; errors: unknown[] }
    expect(json).toMatchObject({ rows: 6, inserted: 0, rejected: 1 })
    expect(json.errors).toEqual([{ row: 4, column: '申请号', message: expect.stringContaining('校验位'), sheet: '实用新型' }])
    const text = await cli('import', 'patents', file, '--db', db, '--skip-invalid')
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('工作表“实用新型”第 4 行 A 列“申请号”：')
    expect(text.stdout).toContain('新增专利 5')
  })

  it('a later worksheet may spell its headers its own way; once several are read, the first one’s rows are named too', async () => {
    const file = join(tempDir(), '年度台账.xlsx')
    const wb = new ExcelJS.Workbook()
    const first = wb.addWorksheet('2023年')
    first.addRow(['申请号', '发明名称', '申请（专利权）人'])
    first.addRow([INVENTION[0], '一种陶瓷材料加工用热压烧结装置', '东海理工大学'])
    first.addRow([WRONG, '一种支架', '东海理工大学'])
    // Another year's sheet, typed by someone else: a trailing *, another name for the title, half-width brackets.
    const second = wb.addWorksheet('2024年')
    second.addRow(['*申请号', '专利名称', '申请(专利权)人'])
    second.addRow([UTILITY[0], '一种夹具', '东海理工大学'])
    // Filled in by the template, not a template.
    const third = wb.addWorksheet('2025（按模板填报）')
    third.addRow(['申请号', '发明名称', '申请（专利权）人'])
    third.addRow([DESIGN, '包装盒（外观）', '东海理工大学'])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', file, { skipInvalid: true })
    expect(summary).toMatchObject({ rows: 4, inserted: 3, rejected: 1 })
    expect(summary.errors).toEqual([expect.objectContaining({ row: 3, sheet: '2023年', message: expect.stringContaining('校验位') })])
    expect(summary.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^工作表“2024年”第 1 行起是同样表头的清单（1 行），已与工作表“2023年”一并读取。$/u),
      expect.stringMatching(/^工作表“2025（按模板填报）”第 1 行起是同样表头的清单（1 行），已与工作表“2023年”一并读取。$/u),
    ])
  })

  it('the reading worker tags the later worksheets’ rows the same way', async () => {
    const file = await ledger()
    const items: ReadItem[] = []
    let job = null as Parameters<typeof unpackBatch>[0] | null
    for await (const wire of requestedBatches({ kind: 'patents', path: file, currentYear: 2026 }, () => true)) {
      job ??= { kind: 'patents', path: file, displayName: '专利台账.xlsx', sheetIndex: 0, headerRow: 1, columns: [], currentYear: 2026 }
      items.push(...unpackBatch(job, wire).items)
    }
    expect(items.map((i) => [i.sheet ?? '', i.rowNumber, i.patent?.row?.appNo ?? null])).toEqual([
      ['', 2, INVENTION[0]],
      ['', 3, INVENTION[1]],
      ['外观设计', 2, DESIGN],
      ['实用新型', 3, UTILITY[0]],
      ['实用新型', 4, null],
      ['实用新型', 5, UTILITY[1]],
    ])
    expect(items[4]?.patent?.problems[0]).toMatchObject({ row: 4, sheet: '实用新型' })
  })

  it('a roster kept one worksheet per college: read as one; a 工号 given twice names the other worksheet', async () => {
    const file = join(tempDir(), '人员名单.xlsx')
    const wb = new ExcelJS.Workbook()
    const first = wb.addWorksheet('计算机学院')
    first.addRow(['工号', '姓名', '学院'])
    first.addRow(['T1001', '张三', '计算机学院'])
    const second = wb.addWorksheet('材料学院')
    second.addRow(['工号', '姓名', '学院'])
    second.addRow(['T2001', '李四', '材料学院'])
    second.addRow(['T1001', '王五', '材料学院'])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    const archive = await universityArchive()
    const summary = await importFile(archive, 'researchers', file, { skipInvalid: true })
    expect(summary).toMatchObject({ rows: 3, inserted: 2, rejected: 1 })
    expect(summary.errors).toEqual([
      expect.objectContaining({ row: 3, sheet: '材料学院', message: expect.stringContaining('工号 T1001 在工作表“计算机学院”第 2 行已出现（姓名“张三”）') }),
    ])
    expect(rows(archive, 'SELECT staff_no, name, college FROM researcher ORDER BY staff_no')).toEqual([
      { staff_no: 'T1001', name: '张三', college: '计算机学院' },
      { staff_no: 'T2001', name: '李四', college: '材料学院' },
    ])
  })
})
