import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src-main/contract/result'
import { cellText, columnLetter, openTable, plainCellValue, sheet, writeWorkbook, type SheetRow } from '../../../src-main/spreadsheet'
import { tempDir } from '../helpers/temp'
import { withReader } from '../helpers/xlsx-readers'
import { sniffDelimiter } from '../../../src-main/spreadsheet/csv'

async function readAll(path: string, displayName?: string): Promise<SheetRow[]> {
  const rows: SheetRow[] = []
  for await (const row of openTable(path, { displayName }).rows()) rows.push(row)
  return rows
}

async function refusal(path: string, displayName?: string): Promise<AppError> {
  try {
    await readAll(path, displayName)
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('reading .xlsx', () => {
  it('streams rows with spreadsheet row numbers, dates as Dates and formula results (never formulas)', async () => {
    const file = join(tempDir(), 'list.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('专利')
    ws.addRow(['申请号', '发明名称', '申请日', '数量'])
    ws.addRow(['CN202310397744.0', '一种锂电池隔膜', new Date(Date.UTC(2023, 2, 28)), 3])
    ws.addRow([])
    ws.addRow(['202210000001.X', { richText: [{ text: '芯片' }, { text: '封装方法' }] }, '2023/3/28', { formula: 'D2*2', result: 6 }])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))

    const rows = await readAll(file)
    expect(rows[0]).toEqual({ rowNumber: 1, values: ['申请号', '发明名称', '申请日', '数量'] })
    expect(rows[1]!.rowNumber).toBe(2)
    expect(rows[1]!.values[2]).toBeInstanceOf(Date)
    expect((rows[1]!.values[2] as Date).toISOString().slice(0, 10)).toBe('2023-03-28')
    const last = rows[rows.length - 1]!
    expect(last.rowNumber).toBe(4)
    expect(last.values).toEqual(['202210000001.X', '芯片封装方法', '2023/3/28', 6])
  })

  it('skips hidden sheets and reads the first visible one', async () => {
    const file = join(tempDir(), 'hidden.xlsx')
    const wb = new ExcelJS.Workbook()
    const hidden = wb.addWorksheet('lookup', { state: 'hidden' })
    hidden.addRow(['secret'])
    wb.addWorksheet('数据').addRow(['申请号'])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    const reader = openTable(file)
    const rows: SheetRow[] = []
    for await (const row of reader.rows()) rows.push(row)
    expect(rows.map((r) => r.values)).toEqual([['申请号']])
    expect(reader.sheetName).toBe('数据')
  })

  it('refuses empty, legacy .xls, renamed, truncated and binary files with a message naming the file', async () => {
    const dir = tempDir()
    const empty = join(dir, 'empty.xlsx')
    writeFileSync(empty, '')
    expect((await refusal(empty)).message).toMatch(/“empty\.xlsx”是空的/)

    const xls = join(dir, 'old.xls')
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]))
    expect((await refusal(xls)).message).toMatch(/另存为.*\.xlsx/)

    const renamed = join(dir, 'renamed.xlsx')
    writeFileSync(renamed, '申请号,名称\n1,2\n')
    expect((await refusal(renamed)).message).toMatch(/内容不是 Excel 工作簿/)

    const good = join(dir, 'good.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('a')
    for (let i = 0; i < 2000; i++) ws.addRow([`CN2023${i}`, '一种装置'.repeat(5)])
    writeFileSync(good, Buffer.from(await wb.xlsx.writeBuffer()))
    const truncated = join(dir, 'truncated.xlsx')
    const bytes = (await import('node:fs')).readFileSync(good)
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)))
    expect((await refusal(truncated, '专利清单.xlsx')).message).toMatch(/“专利清单\.xlsx”.*不完整或已损坏/)

    const binary = join(dir, 'photo.csv')
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 9]))
    expect((await refusal(binary)).message).toMatch(/不是表格文件/)
  })
})

describe('reading merged cells', () => {
  /** A ledger kept by hand: 学院 merged down over its patents, a banner across the top, a block B6:C7. */
  async function ledger(): Promise<string> {
    const file = join(tempDir(), 'ledger.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('台账')
    ws.addRow(['东海理工大学专利台账'])
    ws.addRow(['申请号', '学院', '名称', '申请人'])
    ws.addRow(['202310397744.0', '机械工程学院', '一种锂电池隔膜', '东海理工大学'])
    ws.addRow(['202211719264.3', null, '一种热压烧结装置', null])
    ws.addRow(['202310887886.5', '计算机学院', '一种评价方法', null])
    ws.addRow(['202220000001.X', '材料学院', '一种夹具', '东海理工大学'])
    ws.addRow(['202220000002.8', null, '一种支架', null])
    ws.mergeCells('A1:D1')
    ws.mergeCells('B3:B4')
    ws.mergeCells('D3:D5')
    ws.mergeCells('B6:C7')
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    return file
  }

  it.each(['scanner', 'exceljs'] as const)('%s: the top value of a merge down a column reaches every row it covers, never sideways', async (reader) => {
    const rows = await withReader(reader, async () => readAll(await ledger()))
    expect(rows.map((r) => r.values)).toEqual([
      ['东海理工大学专利台账'],
      ['申请号', '学院', '名称', '申请人'],
      ['202310397744.0', '机械工程学院', '一种锂电池隔膜', '东海理工大学'],
      ['202211719264.3', '机械工程学院', '一种热压烧结装置', '东海理工大学'],
      ['202310887886.5', '计算机学院', '一种评价方法', '东海理工大学'],
      // B6:C7: the block's value goes down its first column, not into C (whose own cells the merge emptied).
      ['202220000001.X', '材料学院', null, '东海理工大学'],
      ['202220000002.8', '材料学院'],
    ])
  })
})

describe('reading .xlsx without temp files', () => {
  /** Read `path` (all of it, or only its first `stop` rows) with TMPDIR pointing at a fresh folder; what is left there. */
  async function leftInTemp(path: string, stop = Number.POSITIVE_INFINITY): Promise<{ rows: SheetRow[]; left: string[] }> {
    const temp = tempDir()
    const saved = process.env.TMPDIR
    process.env.TMPDIR = temp
    const rows: SheetRow[] = []
    try {
      for await (const row of openTable(path).rows()) {
        rows.push(row)
        if (rows.length >= stop) break
      }
    } finally {
      if (saved === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = saved
    }
    return { rows, left: readdirSync(temp) }
  }

  // Both writers store the worksheet ahead of what exceljs' reader needs first (the workbook's relations,
  // the shared strings); read as stored, exceljs would park the sheet in a temp file before its first row.
  it("a workbook with inline strings (exceljs' streaming writer, IPDesk's own exports): every value, no temp file", async () => {
    const file = join(tempDir(), 'inline.xlsx')
    await writeWorkbook(file, [
      sheet<number>({
        name: '专利',
        columns: [
          { header: '申请号', value: (i) => `20231039${String(i).padStart(4, '0')}.0` },
          { header: '名称', value: (i) => `一种锂电池隔膜 ${i}` },
          { header: '申请日', kind: 'date', value: (i) => new Date(Date.UTC(2023, 0, 1 + (i % 300))) },
        ],
        rows: Array.from({ length: 300 }, (_, i) => i),
      }),
    ])
    const all = await leftInTemp(file)
    expect(all.rows).toHaveLength(301)
    expect(all.rows[300]!.values.slice(0, 2)).toEqual(['202310390299.0', '一种锂电池隔膜 299'])
    expect(all.rows[300]!.values[2]).toEqual(new Date(Date.UTC(2023, 0, 1 + 299)))
    expect(all.left).toEqual([])
    // Stopped after the header (as detection does): nothing parked either.
    expect((await leftInTemp(file, 1)).left).toEqual([])
  })

  it("a workbook with a shared-string table stored after the sheet (Excel's order): every value, no temp file", async () => {
    const file = join(tempDir(), 'shared.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('专利')
    ws.addRow(['申请号', '名称'])
    for (let i = 0; i < 200; i++) ws.addRow([`20231039${String(i).padStart(4, '0')}.0`, i % 2 ? '一种芯片封装方法' : '一种锂电池隔膜'])
    const other = wb.addWorksheet('备注')
    other.addRow(['仅供内部使用'])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: true } as Parameters<typeof wb.xlsx.writeBuffer>[0])))
    const all = await leftInTemp(file)
    expect(all.rows).toHaveLength(201)
    expect(all.rows.map((r) => r.values[1])).toEqual(['名称', ...Array.from({ length: 200 }, (_, i) => (i % 2 ? '一种芯片封装方法' : '一种锂电池隔膜'))])
    expect(all.left).toEqual([])
  })
})

describe('reading .csv', () => {
  const content = '申请号,发明名称,发明人\r\nCN202310397744.0,"一种锂电池, 隔膜","张三;李四"\r\n202210000001.X,"多行\n摘要",王五\r\n'
  it.each([
    ['utf-8', Buffer.from(content, 'utf8')],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(content, 'utf8')])],
    ['GBK', iconv.encode(content, 'gbk')],
    ['GB18030', iconv.encode(content, 'gb18030')],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(content, 'utf16le')])],
  ])('decodes %s and keeps quoted commas and line breaks in one field', async (_name, bytes) => {
    const file = join(tempDir(), 'list.csv')
    writeFileSync(file, bytes)
    const rows = await readAll(file)
    expect(rows.map((r) => r.values)).toEqual([
      ['申请号', '发明名称', '发明人'],
      ['CN202310397744.0', '一种锂电池, 隔膜', '张三;李四'],
      ['202210000001.X', '多行\n摘要', '王五'],
    ])
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3])
  })

  it('detects tab- and semicolon-separated files', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 't.csv'), '申请号\t名称\nA\tB\n')
    writeFileSync(join(dir, 's.csv'), '申请号;名称\nA;B\n')
    expect((await readAll(join(dir, 't.csv')))[1]!.values).toEqual(['A', 'B'])
    expect((await readAll(join(dir, 's.csv')))[1]!.values).toEqual(['A', 'B'])
  })

  it('picks the delimiter the table uses, not the one of a title or query line above it', () => {
    const rows = ['申请号,发明名称,发明人,申请日', '202310397744.0,一种锂电池,张三;李四,2023.03.28', '202210000001.X,一种芯片,王五;赵六;孙七,2022.01.01']
    // A query line full of semicolons above a comma-separated table (the first line alone said ';').
    expect(sniffDelimiter(['检索式：申请人=(东海理工大学); 申请日>=2020.01.01; 类型=发明', ...rows].join('\r\n'))).toBe(',')
    // A title line without any delimiter above a tab-separated table.
    expect(sniffDelimiter(['东海理工大学专利清单（导出自专利检索系统）', ...rows.map((r) => r.replaceAll(',', '\t'))].join('\n'))).toBe('\t')
    // Commas inside unquoted cells of a semicolon-separated table do not win.
    expect(sniffDelimiter(['申请号;名称;地址', '1;a;北京市,海淀区', '2;b;上海市,浦东新区,张江', '3;c;杭州'].join('\n'))).toBe(';')
    // Quoted delimiters and line breaks are inside a field; Excel's sep= line names the delimiter.
    expect(sniffDelimiter('申请号,摘要\n1,"一种; 方法;\n 多行; 摘要"\n2,"b;c"\n')).toBe(',')
    expect(sniffDelimiter('sep=;\n申请号,名称;发明人\n')).toBe(';')
    expect(sniffDelimiter('申请号\n202310397744.0\n')).toBe(',')
  })

  it('reads a tab-separated file with a title line above its header', async () => {
    const file = join(tempDir(), 'title.csv')
    writeFileSync(file, '\ufeff东海理工大学专利清单\r\n申请号\t名称\r\n202310397744.0\t一种锂电池\r\n')
    const rows = await readAll(file)
    expect(rows.map((r) => r.values)).toEqual([['东海理工大学专利清单'], ['申请号', '名称'], ['202310397744.0', '一种锂电池']])
  })
})

describe('writing .xlsx', () => {
  it('writes a frozen, filtered header, numbers as numbers, money with two decimals and formula-like text as text', async () => {
    const file = join(tempDir(), 'out.xlsx')
    const rows = [
      { no: '202310397744.0', title: '=HYPERLINK("http://evil","点我")', amount: 12.345, n: 3, date: '2024-05-06' },
      { no: '202210000001.X', title: '+cmd|calc', amount: 0, n: 0, date: null },
      { no: '-1', title: '@SUM(A1)', amount: null, n: 7, date: '2023-01-31' },
    ]
    await writeWorkbook(file, [
      sheet({
        name: '概览',
        columns: [
          { header: '申请号', value: (r: (typeof rows)[number]) => r.no },
          { header: '名称', value: (r) => r.title, width: 40 },
          { header: '金额（万元）', kind: 'money', value: (r) => r.amount },
          { header: '件数', kind: 'integer', value: (r) => r.n },
          { header: '日期', kind: 'date', value: (r) => r.date },
        ],
        rows,
      }),
    ])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.getWorksheet('概览')!
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(ws.autoFilter).toBeTruthy()
    expect(ws.getRow(1).getCell(1).value).toBe('申请号')
    expect(ws.getRow(1).font?.bold ?? ws.getRow(1).getCell(1).font?.bold).toBe(true)
    expect(ws.getColumn(2).width).toBe(40)
    for (let r = 2; r <= 4; r++) {
      const cell = ws.getRow(r).getCell(2)
      expect(cell.type).toBe(ExcelJS.ValueType.String)
      expect(cell.formula).toBeUndefined()
    }
    expect(ws.getRow(2).getCell(2).value).toBe('=HYPERLINK("http://evil","点我")')
    expect(ws.getRow(4).getCell(1).type).toBe(ExcelJS.ValueType.String)
    expect(ws.getRow(2).getCell(3).value).toBe(12.35)
    expect(ws.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.Number)
    expect(ws.getRow(3).getCell(4).value).toBe(0)
    expect(ws.getRow(2).getCell(5).value).toEqual(new Date('2024-05-06T00:00:00Z'))
    expect(ws.rowCount).toBe(4)
  })

  it('streams many rows and reports progress through onRows', async () => {
    const file = join(tempDir(), 'big.xlsx')
    const seen: number[] = []
    function* rows() {
      for (let i = 0; i < 5000; i++) yield { i }
    }
    await writeWorkbook(file, [sheet({ name: 'big', columns: [{ header: '序号', kind: 'integer', value: (r: { i: number }) => r.i }], rows: rows() })], {
      onRows: (n) => {
        seen.push(n)
      },
    })
    expect(seen.at(-1)).toBe(5000)
    const read = await readAll(file)
    expect(read).toHaveLength(5001)
    expect(read[5000]!.values).toEqual([4999])
  })
})

describe('helpers', () => {
  it('names columns like Excel and reads cells as text', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
    expect(cellText('  张三\u00a0')).toBe('张三')
    expect(cellText(new Date('2023-03-28T00:00:00Z'))).toBe('2023-03-28')
    expect(cellText(null)).toBe('')
    // exceljs gives NaN for a formula whose cached result is not a number: an empty cell, never the text "NaN".
    expect([NaN, Infinity, { formula: 'A1/0', result: NaN }].map(plainCellValue)).toEqual([null, null, null])
    expect(plainCellValue({ formula: '1+1', result: 2 })).toBe(2)
  })
})
