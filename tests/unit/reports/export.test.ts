import ExcelJS from 'exceljs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docxText } from '../../../src-main/docx'
import { exportAnnualReport, reportFileNames } from '../../../src-main/reports/export'
import { saveNarrative } from '../../../src-main/reports/narrative'
import { SHEET_NAMES } from '../../../src-main/reports/tables'
import { updateSettings } from '../../../src-main/settings/service'
import { convertToPdf, pdfFonts, pdfPageCount, pdfText } from '../helpers/office'
import { tempArchive, tempDir } from '../helpers/temp'
import { collegeOf, expectedByKind, expectedConversions, expectedValid, PATENT, seedFixture } from './fixture'

const YEAR = 2024

const HEADERS: Record<(typeof SHEET_NAMES)[number], string[]> = {
  概览: ['指标', '数值'],
  专利申请: ['年度', '发明', '实用新型', '外观设计', '合计'],
  专利授权: ['年度', '发明', '实用新型', '外观设计', '合计'],
  有效专利: ['类型', '有效量'],
  转化运用: ['年度', '转让件数', '转让合同额（万元）', '转让到账额（万元）', '许可件数', '许可合同额（万元）', '许可到账额（万元）', '开放许可发布数', '开放许可实施数', '开放许可金额（万元）', '作价入股件数', '作价金额（万元）'],
  咨询服务: ['统计维度', '类别', '咨询次数', '占比'],
  培训与报告: ['类别', '项目', '数量', '单位'],
  披露核实: ['统计项', '类别', '数量'],
  申请前评估: ['统计维度', '类别', '数量'],
  院系分布: ['院系', '专利申请', '专利授权', '有效专利', '转化运用'],
  学科分布: ['学科代码', '一级学科', '专利申请', '专利授权', '有效专利', '转化运用'],
  授权明细: ['序号', '授权公告号', '申请号', '专利名称', '专利类型', '申请日', '授权公告日', '发明人', '院系'],
}

async function exported() {
  const archive = await tempArchive()
  const fx = seedFixture(archive, 11, 600)
  await updateSettings(archive.db, { universityName: '东海理工大学', centreName: '东海理工大学国家知识产权信息服务中心', operatorName: '王老师' })
  await saveNarrative(archive.db, YEAR, {
    highlights: '=建成校级专利导航平台，服务重点产业链。\n完成高价值专利培育 12 项。',
    problems: '专职人员不足。',
    plans: '扩大开放许可试点。',
  })
  const dir = tempDir()
  const names = reportFileNames(YEAR)
  const result = await exportAnnualReport(archive.db, YEAR, { docx: join(dir, names.docx), xlsx: join(dir, names.xlsx) }, { today: '2025-01-15' })
  return { archive, fx, result }
}

function rowsOf(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = []
  ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)))
  return rows
}

describe('annual report export', () => {
  it('writes 年度工作统计_<year>.xlsx with exactly the sheets and columns of issue 7, figures as counted here', async () => {
    const { fx, result } = await exported()
    expect(result.xlsxPath.endsWith('年度工作统计_2024.xlsx')).toBe(true)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(result.xlsxPath)
    expect(wb.worksheets.map((w) => w.name)).toEqual([...SHEET_NAMES])
    for (const ws of wb.worksheets) {
      expect(rowsOf(ws)[0], ws.name).toEqual(HEADERS[ws.name as keyof typeof HEADERS])
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(ws.columns.every((c) => (c.width ?? 0) >= 6), ws.name).toBe(true)
    }

    for (const name of ['专利申请', '专利授权'] as const) {
      const rows = rowsOf(wb.getWorksheet(name)!)
      const basis = name === '专利申请' ? 'filing' : 'grant'
      const expected = [YEAR - 2, YEAR - 1, YEAR].map((y) => {
        const e = expectedByKind(fx, basis, y)
        return [y, e.invention, e.utility, e.design, e.total]
      })
      const total = [0, 1, 2, 3].map((i) => expected.reduce((s, r) => s + (r[i + 1] as number), 0))
      expect(rows.slice(1), name).toEqual([...expected, ['合计', ...total]])
    }

    const valid = expectedValid(fx, `${YEAR}-12-31`)
    expect(rowsOf(wb.getWorksheet('有效专利')!).slice(1)).toEqual([['发明', valid.invention], ['实用新型', valid.utility], ['外观设计', valid.design], ['合计', valid.total]])

    const conv = wb.getWorksheet('转化运用')!
    const convRows = rowsOf(conv)
    const wan = (yuan: number) => Math.round(yuan / 100) / 100
    for (const [i, y] of [YEAR - 2, YEAR - 1, YEAR].entries()) {
      const e = expectedConversions(fx, y)
      expect(convRows[i + 1], String(y)).toEqual([
        y,
        e.transfer.count,
        wan(e.transfer.contractYuan),
        wan(e.transfer.receivedYuan),
        e.license.count,
        wan(e.license.contractYuan),
        wan(e.license.receivedYuan),
        e.openLicense.published,
        e.openLicense.implemented,
        wan(e.openLicense.amountYuan),
        e.equity.count,
        wan(e.equity.amountYuan),
      ])
    }
    expect(convRows[4]![0]).toBe('合计')
    // 万元 columns show two decimals; counts are whole numbers.
    expect(conv.getCell('C2').numFmt).toBe('#,##0.00')
    expect(conv.getCell('B2').numFmt).toBe('0')

    // 概览: counts as whole numbers, amounts in 万元 with two decimals, in one column.
    const overview = wb.getWorksheet('概览')!
    const overviewRows = rowsOf(overview)
    const find = (label: string) => overviewRows.findIndex((r) => r[0] === label) + 1
    expect(overview.getCell(`B${find('专利授权量（件）')}`).value).toBe(expectedByKind(fx, 'grant', YEAR).total)
    expect(overview.getCell(`B${find('专利授权量（件）')}`).numFmt).toBe('0')
    const contractRow = find('转化合同总额（万元）')
    const e = expectedConversions(fx, YEAR)
    expect(overview.getCell(`B${contractRow}`).value).toBe(wan(e.transfer.contractYuan + e.license.contractYuan + e.openLicense.amountYuan + e.equity.amountYuan))
    expect(overview.getCell(`B${contractRow}`).numFmt).toBe('#,##0.00')
    for (const row of overviewRows.slice(1)) expect(typeof row[1], String(row[0])).toBe('number')

    // 授权明细: every granted patent; text from the archive that looks like a formula stays text.
    const list = wb.getWorksheet('授权明细')!
    const listRows = rowsOf(list).slice(1)
    const granted = fx.assets.filter((a) => a.owned && a.kind !== 'software' && a.grant?.startsWith(`${YEAR}-`))
    expect(listRows.length).toBe(granted.length)
    expect(new Set(listRows.map((r) => r[2]))).toEqual(new Set(granted.map((a) => a.appNo)))
    let formulaLike = 0
    list.eachRow((row, n) => {
      if (n === 1) return
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)
        if (typeof cell.value === 'string' && /^[=+\-@]/.test(cell.value)) formulaLike++
      })
    })
    expect(formulaLike).toBeGreaterThan(3)
    const hyperlink = listRows.find((r) => String(r[3]).startsWith('=HYPERLINK'))
    expect(hyperlink?.[3]).toMatch(/^=HYPERLINK\("http:\/\/x"\)\d+$/)
    const someGrant = granted[0]!
    const listed = listRows.find((r) => r[2] === someGrant.appNo)!
    expect(listed[8]).toBe(collegeOf(fx, someGrant))
    expect(listed[6]).toBeInstanceOf(Date)

    const colleges = rowsOf(wb.getWorksheet('院系分布')!)
    expect(colleges[colleges.length - 1]).toEqual(['合计', expectedByKind(fx, 'filing', YEAR).total, expectedByKind(fx, 'grant', YEAR).total, valid.total, e.transfer.count + e.license.count + e.openLicense.published + e.openLicense.implemented + e.equity.count])
    expect(colleges.some((r) => r[0] === '@材料学院')).toBe(true)
  })

  it('writes 年度工作报告_<year>.docx: cover, 一 … 六 with the narrative, 附表; it renders in LibreOffice with Chinese fonts', async () => {
    const { fx, result } = await exported()
    expect(result.docxPath.endsWith('年度工作报告_2024.docx')).toBe(true)
    const text = await docxText(result.docxPath)
    for (const expected of [
      '东海理工大学',
      '东海理工大学国家知识产权信息服务中心',
      '2024 年度工作报告',
      '编制日期：2025年1月15日',
      '一、基本情况',
      '二、普惠服务',
      '三、重点服务',
      '四、专利创造与转化运用',
      '五、院系与学科分布',
      '六、工作亮点、问题与下一步计划',
      '附表',
      '=建成校级专利导航平台，服务重点产业链。',
      '完成高价值专利培育 12 项。',
      '专职人员不足。',
      '扩大开放许可试点。',
    ]) {
      expect(text, expected).toContain(expected)
    }
    const grants = expectedByKind(fx, 'grant', YEAR)
    expect(text).toContain(`获得授权${grants.total}件（其中发明专利${grants.invention}件）`)
    // Sections whose module is not there yet say so and count zero.
    expect(text).toContain('咨询服务0次')

    const pdf = await convertToPdf(result.docxPath)
    expect(await pdfPageCount(pdf)).toBeGreaterThanOrEqual(2)
    expect(await pdfFonts(pdf)).toMatch(/CJK|Hei|Song|Sim|WenQuanYi|Droid|Source ?Han/i)
    const rendered = (await pdfText(pdf)).replace(/\s+/g, '')
    expect(rendered).toContain('四、专利创造与转化运用')
    expect(rendered).toContain('附表1')
    for (const kind of PATENT) expect(rendered).toContain(`${{ invention: '发明', utility: '实用新型', design: '外观设计' }[kind]}`)
  })

  it('the workbook converts to PDF in LibreOffice too', async () => {
    const { result } = await exported()
    const pdf = await convertToPdf(result.xlsxPath)
    expect(await pdfPageCount(pdf)).toBeGreaterThanOrEqual(1)
    expect((await pdfText(pdf)).replace(/\s+/g, '')).toContain('转让合同额（万元）')
  })

  it('an empty archive still gives both files, every section at zero', async () => {
    const archive = await tempArchive()
    const dir = tempDir()
    const result = await exportAnnualReport(archive.db, 2025, { docx: join(dir, 'a.docx'), xlsx: join(dir, 'a.xlsx') })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(result.xlsxPath)
    expect(rowsOf(wb.getWorksheet('专利授权')!).slice(1)).toEqual([[2023, 0, 0, 0, 0], [2024, 0, 0, 0, 0], [2025, 0, 0, 0, 0], ['合计', 0, 0, 0, 0]])
    expect(rowsOf(wb.getWorksheet('授权明细')!)).toHaveLength(1)
    const text = await docxText(result.docxPath)
    expect(text).toContain('本年度无授权专利。')
    expect(text).toContain('（未填写）')
    expect(text).toContain('（学校名称未设置）')
  })
})

describe('without a CJK font', () => {
  it('still writes the report: plain charts whose caption names the colours, and a note for the user', async () => {
    const before = process.env.IPDESK_CJK_FONT
    process.env.IPDESK_CJK_FONT = ''
    try {
      const archive = await tempArchive()
      seedFixture(archive, 2, 200)
      const dir = tempDir()
      const result = await exportAnnualReport(archive.db, 2024, { docx: join(dir, 'a.docx'), xlsx: join(dir, 'a.xlsx') })
      expect(result.chartNote).toContain('未找到可用的中文字体')
      const text = await docxText(result.docxPath)
      expect(text).toContain('蓝色：发明；绿色：实用新型；橙色：外观设计')
      expect(text).toContain('图2')
    } finally {
      if (before === undefined) delete process.env.IPDESK_CJK_FONT
      else process.env.IPDESK_CJK_FONT = before
    }
  })
})
