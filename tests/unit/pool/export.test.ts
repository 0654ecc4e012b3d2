import ExcelJS from 'exceljs'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src-main/cli/main'
import { openArchive } from '../../../src-main/db/connection'
import { docxParagraphs } from '../../../src-main/docx'
import { addToPool } from '../../../src-main/pool/entries'
import { exportBrochure, exportPoolWorkbook } from '../../../src-main/pool/export'
import { gradeAssets } from '../../../src-main/pool/grading'
import { saveInterest } from '../../../src-main/pool/promotions'
import { cellText, openTable } from '../../../src-main/spreadsheet'
import { convertToPdf, pdfFonts, pdfPageCount, pdfText } from '../helpers/office'
import { tempArchive, tempDir } from '../helpers/temp'
import { addPatent, realPatents, setOperator } from './fixture'

const T = '2026-03-15'
const HEADERS = ['专利号', '名称', '类型', '申请日', '授权日', '发明人', '学院', '学科', '价值分级', '转化状态', '是否财政资助', '剩余有效期', '产业化前景', '意向企业']

/** A test archive with the real university patents of the CNKI sample, graded and pooled. */
async function realArchive(file?: string) {
  const archive = file ? await openArchive(file) : await tempArchive()
  const db = archive.db
  await setOperator(db)
  const universities = realPatents().filter((p) => /大学|学院/.test(p.applicant)).slice(0, 8)
  const ids: number[] = []
  for (const [i, p] of universities.entries()) {
    const kind = p.pubNo.endsWith('U') ? 'utility' : 'invention'
    ids.push(
      await addPatent(db, {
        kind,
        filing: p.filing,
        grant: kind === 'utility' ? p.filing.replace(/^2018/, '2019') : p.filing.replace(/^2018/, '2020'),
        title: p.title,
        inventors: p.inventors,
        applicants: p.applicant,
        abstract: p.abstract,
        college: i % 2 ? '机械工程学院' : '材料科学与工程学院',
        fiscal: i % 3 === 0,
        disciplines: ['0805'],
      }),
    )
  }
  // A title that a spreadsheet would take for a formula must stay text.
  const formula = await addPatent(db, { filing: '2020-01-01', title: '=HYPERLINK("http://x","一种装置")', inventors: ['@王五'] })
  ids.push(formula)
  await gradeAssets(db, ids.slice(0, 3), { grade: 'A', reason: '重点推广' }, { today: T })
  await gradeAssets(db, ids.slice(3), { grade: 'B', reason: '一般推广' }, { today: T })
  await addToPool(db, { assetIds: ids, prospects: '可用于新材料、高端装备领域的技术改造。', targetIndustries: ['新材料', '高端装备'], applicationField: '金属材料与热处理' }, T)
  await saveInterest(db, { assetId: ids[0]!, enterprise: '某新材料科技有限公司', stage: 'negotiating' }, T)
  await saveInterest(db, { assetId: ids[0]!, enterprise: '=cmd|calc', stage: 'contacted' }, T)
  return { archive, ids, formula, universities }
}

async function readSheet(path: string): Promise<string[][]> {
  const rows: string[][] = []
  for await (const row of openTable(path).rows()) rows.push(row.values.map((v) => cellText(v)))
  return rows
}

describe('pool exports', () => {
  it('writes the pool list with the provincial template columns, text cells only, and reads it back', async () => {
    const { archive, ids, formula, universities } = await realArchive()
    const file = join(tempDir(), '可转化专利清单.xlsx')
    const progress: number[] = []
    const count = await exportPoolWorkbook(archive.db, file, { progress: (done) => progress.push(done) }, T)
    expect(count).toBe(ids.length)
    const rows = await readSheet(file)
    expect(rows[0]).toEqual(HEADERS)
    expect(rows).toHaveLength(ids.length + 1)
    const first = rows.find((r) => r[1] === universities[0]!.title)!
    expect(first[0]).toMatch(/^ZL2018\d{8}\.[\dX]$/)
    expect(first.slice(2, 5)).toEqual([universities[0]!.pubNo.endsWith('U') ? '实用新型' : '发明', universities[0]!.filing, universities[0]!.filing.replace(/^2018/, universities[0]!.pubNo.endsWith('U') ? '2019' : '2020')])
    expect(first[5]).toBe(universities[0]!.inventors.join('、'))
    expect(first.slice(6, 12)).toEqual(['材料科学与工程学院', '材料科学与工程', 'A 重点推广', '未转化', '是', expect.stringMatching(/^\d+年(\d+个月)?$/)])
    expect(first[12]).toBe('可用于新材料、高端装备领域的技术改造。')
    expect(first[13]).toBe('某新材料科技有限公司；=cmd|calc')
    // Grade A rows come first.
    expect(rows.slice(1, 4).every((r) => r[8] === 'A 重点推广')).toBe(true)

    // Formula-looking text is stored as plain strings, never formulas.
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const sheet = workbook.worksheets[0]!
    expect(sheet.name).toBe('可转化专利清单')
    let formulas = 0
    sheet.eachRow((row) => row.eachCell((cell) => (cell.type === ExcelJS.ValueType.Formula ? formulas++ : 0)))
    expect(formulas).toBe(0)
    const formulaRow = rows.find((r) => r[1]!.startsWith('=HYPERLINK'))!
    expect(formulaRow[5]).toBe('@王五')
    expect(ids).toContain(formula)
    // Dates are text (YYYY-MM-DD), so pasting into a template cannot re-type them.
    expect(typeof sheet.getRow(2).getCell(4).value).toBe('string')

    const onlyA = join(tempDir(), 'a.xlsx')
    expect(await exportPoolWorkbook(archive.db, onlyA, { grades: ['A'] }, T)).toBe(3)
    expect((await readSheet(onlyA)).slice(1).every((r) => r[8] === 'A 重点推广')).toBe(true)
  })

  it('writes a Word brochure, one block per patent, that LibreOffice renders with Chinese fonts', async () => {
    const { archive, ids, universities } = await realArchive()
    const dir = tempDir()
    const file = join(dir, '可转化专利推介手册.docx')
    const chosen = ids.slice(0, 4)
    const count = await exportBrochure(archive.db, file, chosen, { title: '2026 年新材料专利推介会' }, T)
    expect(count).toBe(4)
    const paragraphs = await docxParagraphs(file)
    const text = paragraphs.join('\n')
    expect(paragraphs).toContain('2026 年新材料专利推介会')
    expect(paragraphs).toContain('东海理工大学国家知识产权信息服务中心')
    for (const p of universities.slice(0, 4)) {
      expect(paragraphs.filter((x) => x === p.title).length).toBeGreaterThanOrEqual(2) // contents table + block heading
      expect(text).toContain(p.abstract.slice(0, 40))
      expect(text).toContain(p.inventors.join('、'))
    }
    // One block per patent; 价值分级 is also a column of the contents table.
    for (const label of ['专利号', '发明人', '应用领域', '技术摘要', '产业化前景']) expect(paragraphs.filter((x) => x === label), label).toHaveLength(4)
    expect(paragraphs.filter((x) => x === '价值分级')).toHaveLength(5)
    expect(paragraphs).toContain('金属材料与热处理')
    expect(paragraphs).toContain('A 重点推广')
    expect(text).not.toContain(universities[5]!.title)

    const pdf = await convertToPdf(file)
    expect(await pdfPageCount(pdf)).toBeGreaterThanOrEqual(5) // cover + one page per patent
    const rendered = await pdfText(pdf)
    expect(rendered).toContain('2026 年新材料专利推介会')
    expect(rendered.replace(/\s+/g, '')).toContain(universities[0]!.title.replace(/\s+/g, ''))
    expect(rendered).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/)
    expect(await pdfFonts(pdf)).toMatch(/CJK|Song|Hei|Noto/i)
  })

  it('refuses a brochure of nothing or of unknown patents', async () => {
    const { archive } = await realArchive()
    const file = join(tempDir(), 'x.docx')
    await expect(exportBrochure(archive.db, file, [], {}, T)).rejects.toThrow(/至少选择一项/)
    await expect(exportBrochure(archive.db, file, [999999], {}, T)).rejects.toThrow(/已不在档案中/)
    expect(existsSync(file)).toBe(false)
  })
})

describe('ipdesk export pool', () => {
  async function cli(...argv: string[]) {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
    return { code, stdout: out.join('\n'), stderr: err.join('\n') }
  }

  it('exports the pool (optionally by grade) and exits 0; bad input 1; usage 2', async () => {
    const dir = tempDir()
    const dbFile = join(dir, 'archive.sqlite')
    const { archive, ids } = await realArchive(dbFile)
    await archive.close()

    const out = join(dir, '清单.xlsx')
    const all = await cli('export', 'pool', '--db', dbFile, '--out', out)
    expect(all.code).toBe(0)
    expect(all.stdout).toContain(`已导出 ${ids.length} 项专利`)
    expect((await readSheet(out))[0]).toEqual(HEADERS)

    const outA = join(dir, 'A.xlsx')
    const onlyA = await cli('export', 'pool', '--db', dbFile, '--out', outA, '--grade', 'a', '--json')
    expect(onlyA.code).toBe(0)
    expect(JSON.parse(onlyA.stdout)).toMatchObject({ count: 3, grades: ['A'] })
    expect(await readSheet(outA)).toHaveLength(4)
    const ab = await cli('export', 'pool', '--db', dbFile, '--out', join(dir, 'AB.xlsx'), '--grade', 'A,B')
    expect(ab.stdout).toContain(`已导出 ${ids.length} 项专利`)

    expect((await cli('export', 'pool', '--db', dbFile, '--out', join(dir, 'x.xlsx'), '--grade', 'E')).code).toBe(2)
    expect((await cli('export', 'pool', '--db', dbFile, '--out', join(dir, 'x.csv'))).code).toBe(2)
    expect((await cli('export', 'pool', '--db', dbFile)).code).toBe(2)
    const missing = await cli('export', 'pool', '--db', join(dir, 'missing.sqlite'), '--out', join(dir, 'y.xlsx'))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('找不到档案文件')
    expect(existsSync(join(dir, 'y.xlsx'))).toBe(false)

    const stats = await cli('pool', 'stats', '--db', dbFile, '--from', '2026-01-01', '--to', '2026-12-31', '--json')
    expect(stats.code).toBe(0)
    expect(JSON.parse(stats.stdout).pool.sizeAtEnd).toBe(ids.length)
  })
})
