import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src-main/contract/result'
import {
  matchClaimHeader,
  numberCellText,
  parseClaimDateCell,
  parseKindText,
  parsePeriodText,
  parseRankCell,
  parseStatusCell,
  readClaimsFile,
} from '../../../src-main/disclosures/intake'
import { TEMPLATE_COLUMNS, writeClaimTemplate } from '../../../src-main/disclosures/template'
import { openTable } from '../../../src-main/spreadsheet'
import { tempDir } from '../helpers/temp'
import { writeXlsx } from './xlsx'

async function xlsx(rows: unknown[][], name = 'claims.xlsx'): Promise<string> {
  const file = join(tempDir(), name)
  await writeXlsx(file, rows, '清单')
  return file
}

describe('claim list intake', () => {
  it('reads the template headers, every cell form, and reports unreadable cells with row and column', async () => {
    const file = await xlsx([
      ['序号', '成果类型', '申请号/登记号', '名称', '本人排名', '声明状态', '声明日期'],
      [1, '发明专利', 'ZL202310397744.0', '一种锂离子电池隔膜及其制备方法', '第一发明人', '已授权', new Date(Date.UTC(2025, 2, 14))],
      [2, '实用新型', 2022203333340, '一种光伏组件清洁机器人', 1, '授权', '2022.10.18'],
      [3, '软件著作权', '2024SR0123456', '电池健康状态评估软件V1.0', '1', '登记', '2024年5月'],
      [4, '发明', 202310397744, '一种锂离子电池隔膜及其制备方法', '二', '申请', 20230411],
      [],
      [5, '论文', '202410555555.6', '一种基于深度学习的缺陷检测方法', '通讯作者', '待定', '去年'],
      [6, '', '', '一种土壤墒情监测装置', '3/5', '实审', ''],
      [null, null, null, null, null, null, null],
    ])
    const list = await readClaimsFile(file)
    expect(list.headerRow).toBe(1)
    expect(list.sheetName).toBe('清单')
    expect(list.columns).toMatchObject({ seq: 'A（序号）', number: 'C（申请号/登记号）', status: 'F（声明状态）' })
    expect(list.claims.map((c) => [c.seq, c.kind, c.number, c.rank, c.status, c.date, c.sourceRow])).toEqual([
      [1, 'invention', 'ZL202310397744.0', 1, 'granted', '2025-03-14', 2],
      [2, 'utility', '2022203333340', 1, 'granted', '2022-10-18', 3],
      [3, 'software', '2024SR0123456', 1, 'registered', '2024-05', 4],
      // A number cell that lost its '.0' gets it back (check character 0).
      [4, 'invention', '202310397744.0', 2, 'applied', '2023-04-11', 5],
      [5, null, '202410555555.6', null, null, null, 7],
      [6, null, '', 3, 'applied', null, 8],
    ])
    expect(list.claims[3]!.raw).toMatchObject({ number: '202310397744', rank: '二', status: '申请' })
    expect(list.problems).toEqual([
      // Rows 2 and 5 name the same application in two forms.
      { row: 5, column: 'C（申请号/登记号）', message: expect.stringContaining('与第 2 行是同一号码（202310397744.0）'), severity: 'warning' },
      { row: 7, column: 'B（成果类型）', message: expect.stringContaining('无法识别成果类型“论文”'), severity: 'warning' },
      { row: 7, column: 'E（本人排名）', message: expect.stringContaining('无法识别本人排名“通讯作者”'), severity: 'error' },
      { row: 7, column: 'F（声明状态）', message: expect.stringContaining('无法识别声明状态“待定”'), severity: 'error' },
      { row: 7, column: 'G（声明日期）', message: expect.stringContaining('无法识别声明日期“去年”'), severity: 'error' },
      { row: 8, column: 'C（申请号/登记号）', message: expect.stringContaining('未填写申请号/登记号'), severity: 'warning' },
    ])
  })

  it('finds the header below a title and 工号/用途/期间 lines, and accepts synonyms', async () => {
    const file = await xlsx([
      ['知识产权成果披露清单'],
      ['工号：2005001', '', '姓名', '张伟'],
      ['用途', '职称评审', '核实期间', '2021-01-01 至 2025-12-31'],
      [],
      ['No.', '类别', '专利号', '专利名称', '排序', '法律状态', '授权日', '备注'],
      ['1', 'I', 'CN116000001B', '一种锂离子电池隔膜及其制备方法', 1, '有效', '2025-03-14', '＝SUM(A1)'],
    ])
    const list = await readClaimsFile(file)
    expect(list.headerRow).toBe(5)
    expect(list.meta).toEqual({ staffNo: '2005001', name: '张伟', purpose: '职称评审', periodFrom: '2021-01-01', periodTo: '2025-12-31' })
    expect(list.claims).toHaveLength(1)
    expect(list.claims[0]).toMatchObject({ seq: 1, kind: 'invention', number: 'CN116000001B', rank: 1, status: 'granted', date: '2025-03-14', note: '＝SUM(A1)' })
    expect(list.problems).toEqual([])
  })

  it('renumbers duplicate 序号 with a warning', async () => {
    const file = await xlsx([
      ['序号', '申请号', '名称'],
      [1, '202310397744.0', 'a'],
      [1, '202220333334.0', 'b'],
    ])
    const list = await readClaimsFile(file)
    expect(list.claims.map((c) => c.seq)).toEqual([1, 2])
    expect(list.problems).toEqual([{ row: 3, column: 'A（序号）', message: expect.stringContaining('序号 1 与第 2 行重复'), severity: 'warning' }])
  })

  it('totals, notes, signatures and the header again are no claims; a right listed twice is pointed out', async () => {
    const file = await xlsx([
      ['序号', '申请号', '名称', '本人排名', '声明状态'],
      [1, 'ZL202310397744.0', '一种锂电池隔膜', '①', '已下证'],
      [2, '202310397744.0', '一种锂电池隔膜（重复）', 'No.1', '维持'],
      [3, '软著登字第2018SR0146846号', '采油管理软件V1.0', '本人第一', '已获证书'],
      [4, '202220333334.0；CN218000001U', '一种夹具', 1, '授权'],
      ['合计', '', '3项'],
      ['序号', '申请号', '名称', '本人排名', '声明状态'],
      ['注：以上成果均为职务成果'],
      ['', '', '', '', '日期：2026.11.20'],
      ['填表人：何平'],
    ])
    const list = await readClaimsFile(file)
    expect(list.claims.map((c) => [c.number, c.rank, c.status])).toEqual([
      ['ZL202310397744.0', 1, 'granted'],
      ['202310397744.0', 1, 'granted'],
      ['软著登字第2018SR0146846号', 1, 'granted'],
      ['202220333334.0', 1, 'granted'],
    ])
    expect(list.problems).toEqual([
      { row: 3, column: 'B（申请号）', message: expect.stringContaining('与第 2 行是同一号码（202310397744.0）'), severity: 'warning' },
      { row: 5, column: 'B（申请号）', message: expect.stringContaining('一格中有 2 个号码（202220333334.0；CN218000001U）：按第一个有效号码 202220333334.0 核实'), severity: 'warning' },
    ])
  })

  it('finds the list on a later worksheet (after 填表说明) and names another worksheet that holds a list', async () => {
    const file = join(tempDir(), 'sheets.xlsx')
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('填表说明').addRow(['请在“成果清单”工作表中逐项填写，号码请从证书上抄录'])
    const list = wb.addWorksheet('成果清单')
    list.addRow(['序号', '专利号/申请号', '名称', '授权时间'])
    list.addRow([1, '202310397744.0', '一种锂电池隔膜', 2019.1])
    list.addRow([2, '202220333334.0', '一种夹具', 2021.09])
    const more = wb.addWorksheet('补充')
    more.addRow(['序号', '申请号', '名称'])
    more.addRow([1, '202310887886.5', '一种评价方法'])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    const read = await readClaimsFile(file)
    expect(read).toMatchObject({ sheetName: '成果清单', headerRow: 1 })
    // 2019.1 in a number cell may have been typed 2019.10: only the year is certain.
    expect(read.claims.map((c) => [c.number, c.date])).toEqual([
      ['202310397744.0', '2019'],
      ['202220333334.0', '2021-09'],
    ])
    expect(read.problems.map((p) => [p.row, p.severity, p.message])).toEqual([
      [2, 'warning', expect.stringMatching(/^声明日期“2019.1”是数字：Excel 把 2019.10（10 月）也存成 2019.1/u)],
      [null, 'warning', expect.stringMatching(/^工作表“补充”也像一份成果清单，未读取/u)],
    ])
  })

  it('reads a GB18030 CSV export', async () => {
    const file = join(tempDir(), 'claims.csv')
    writeFileSync(file, iconv.encode('序号,成果类型,申请号/登记号,名称,本人排名,声明状态\r\n1,发明,202310397744.0,一种锂离子电池隔膜及其制备方法,1,授权\r\n', 'gb18030'))
    const list = await readClaimsFile(file)
    expect(list.claims[0]).toMatchObject({ number: '202310397744.0', kind: 'invention', status: 'granted', title: '一种锂离子电池隔膜及其制备方法' })
  })

  it('refuses a sheet without a number column, naming what it needs', async () => {
    const file = await xlsx([
      ['姓名', '论文题目'],
      ['张伟', '某论文'],
    ])
    const error = await readClaimsFile(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('refused')
    expect((error as AppError).message).toContain('申请号/登记号')
  })

  it('writes a template whose header row reads back as every field', async () => {
    const file = join(tempDir(), '披露清单模板.xlsx')
    await writeClaimTemplate(file)
    const rows = []
    for await (const row of openTable(file).rows()) rows.push(row)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.values).toEqual([...TEMPLATE_COLUMNS])
    expect(TEMPLATE_COLUMNS.map(matchClaimHeader)).toEqual(['seq', 'kind', 'number', 'title', 'rank', 'status', 'date', 'note'])
    const list = await readClaimsFile(file)
    expect(list.claims).toEqual([])
    expect(list.problems[0]!.message).toContain('没有成果')
  })
})

describe('cell readers', () => {
  it('match header spellings', () => {
    expect(matchClaimHeader('声明状态（申请/授权/登记）')).toBe('status')
    expect(matchClaimHeader('声明日期(可选)')).toBe('date')
    expect(matchClaimHeader(' 申请号 / 登记号 ')).toBe('number')
    expect(matchClaimHeader('申请（专利）号')).toBe('number')
    expect(matchClaimHeader('本人排名*')).toBe('rank')
    expect(matchClaimHeader('专利号/申请号')).toBe('number')
    expect(matchClaimHeader('专利（申请）号')).toBe('number')
    expect(matchClaimHeader('授权专利号')).toBe('number')
    expect(matchClaimHeader('授权时间')).toBe('date')
    expect(matchClaimHeader('名称（英文）')).toBeNull()
    expect(matchClaimHeader('申请号（必填）')).toBe('number')
    expect(matchClaimHeader('学院')).toBeNull()
  })

  it('read ranks, statuses, kinds, dates and numbers', () => {
    expect(['1', 2, '第1', '第三', '第十二位', '1/5', '独立完成', '第一发明人', '第2（共5人）', '排名第二', ''].map((v) => parseRankCell(v))).toEqual([1, 2, 1, 3, 12, 1, 1, 1, 2, 2, null])
    expect(['已下证', '未下证', '待发证', '维持', '已公告'].map((v) => parseStatusCell(v))).toEqual(['granted', 'applied', 'applied', 'granted', 'granted'])
    expect(parseRankCell('0')).toBe('invalid')
    expect(parseRankCell('通讯作者')).toBe('invalid')
    expect(parseRankCell('123')).toBe('invalid')
    expect(['申请', '已受理', '实质审查', '已授权', '有效', '登记', '已登记', '未授权', ''].map((v) => parseStatusCell(v))).toEqual([
      'applied', 'applied', 'applied', 'granted', 'granted', 'registered', 'registered', 'applied', null,
    ])
    expect(['发明', '发明专利', '实用新型专利', '外观', '软著', '计算机软件著作权', '专利', ''].map((v) => parseKindText(v))).toEqual([
      'invention', 'invention', 'utility', 'design', 'software', 'software', null, null,
    ])
    expect(parseKindText('论文')).toBe('invalid')
    expect(['2023-05-01', '2023/5/1', '2023年5月', '2023.05', 2023, '2023', ''].map((v) => parseClaimDateCell(v))).toEqual([
      '2023-05-01', '2023-05-01', '2023-05', '2023-05', '2023', '2023', null,
    ])
    expect(numberCellText(202310397744)).toBe('202310397744.0')
    expect(numberCellText(202320123456)).toBe('202320123456')
    expect(parsePeriodText('2021.1—2023.12')).toEqual(['2021-01-01', '2023-12-31'])
    expect(parsePeriodText('2021-2023')).toEqual(['2021-01-01', '2023-12-31'])
  })
})
