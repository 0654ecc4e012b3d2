import ExcelJS from 'exceljs'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src-main/cli/main'
import { evaluationsCommands } from '../../../src-main/cli/commands/evaluations'
import { docxParagraphs, docxText } from '../../../src-main/docx'
import { writeEvaluationList } from '../../../src-main/evaluations/export-list'
import { linkFiling } from '../../../src-main/evaluations/links'
import { reportFileName, writeEvaluationReport } from '../../../src-main/evaluations/report'
import { createEvaluation, saveEvaluation, transitionEvaluation } from '../../../src-main/evaluations/service'
import { currentTemplate } from '../../../src-main/evaluations/template'
import { updateSettings } from '../../../src-main/settings/service'
import { formatApplicationNumber } from '../../../src-main/domain/cn-number'
import type { Kysely } from 'kysely'
import type { DB } from '../../../src-main/db/schema'
import { convertToPdf, pdfFonts, pdfPageCount, pdfText } from '../helpers/office'
import { tempArchive, tempDir } from '../helpers/temp'
import { addAsset, uniformScores } from './fixtures'

/** A decided, filed evaluation with every part of the report filled in. */
async function fullEvaluation(db: Kysely<DB>): Promise<number> {
  await updateSettings(db, { universityName: '东海理工大学', centreName: '国家知识产权信息服务中心', operatorName: '王馆员' })
  const appNo = formatApplicationNumber('202410555555')
  await addAsset(db, { appNo, title: '一种高安全锂电池隔膜及其制备方法', filingDate: '2024-06-01' })
  await addAsset(db, { appNo: formatApplicationNumber('202210444444'), title: '锂电池隔膜涂布装置', filingDate: '2022-06-01' })
  const template = await currentTemplate(db)
  const { id } = await createEvaluation(db, { title: '一种高安全锂电池隔膜', evaluatedOn: '2024-04-15' })
  const scores = uniformScores(template.body, 4)
  scores['market.demand'] = { score: 5, comment: '储能企业需求迫切' }
  scores['legal.detectability'] = { score: 2, comment: '' }
  await saveEvaluation(db, id, {
    inventors: [
      { name: '张三', researcherId: null, college: '材料科学与工程学院', external: false },
      { name: '=HYPERLINK("x")', researcherId: null, college: '合作企业', external: true },
    ],
    projectName: '高安全锂电池关键技术研究（GJ20230001）',
    fiscalFunded: true,
    techField: '锂电池隔膜',
    ipcSuggested: 'H01M 50/403',
    disclosureDate: '2024-04-01',
    priorArtSummary: '检索了 CNABS 与 DWPI。\n最接近的现有技术为 CN114000000A。',
    scores,
    recommendation: 'dual',
  })
  await transitionEvaluation(db, { id, action: 'submit' })
  await saveEvaluation(db, id, { reviewers: [{ name: '李专家', role: '校外技术专家', stance: 'agree', opinion: '同意一案双申。', date: '2024-04-20' }] })
  await transitionEvaluation(db, { id, action: 'review' })
  await transitionEvaluation(db, { id, action: 'decide', decision: 'dual', decisionDate: '2024-04-25', decisionNote: '经中心评审会讨论决定。' })
  await linkFiling(db, id, appNo)
  return id
}

describe('the Word report (专利申请前评估报告)', () => {
  it('holds the scores table, total, grade, recommendation, opinions, decision and signatures, and renders in LibreOffice', async () => {
    const { db } = await tempArchive()
    const id = await fullEvaluation(db)
    const file = join(tempDir(), '评估报告.docx')
    const data = await writeEvaluationReport(db, id, file, '2024-05-01')
    // 4 × 100/5 = 80, market.demand +2 (weight 10 × 1/5), legal.detectability −2 (weight 5 × 2/5) → 80
    expect(data.evaluation.total).toBe(80)
    const paragraphs = await docxParagraphs(file)
    const text = paragraphs.join('\n')
    expect(paragraphs).toContain('专利申请前评估报告')
    expect(text).toContain('东海理工大学 国家知识产权信息服务中心')
    expect(text).toContain(`评估编号：PG2024-${String(id).padStart(4, '0')}`)
    expect(text).toContain('总分：80 分　　等级：A（优）')
    expect(text).toContain('评估建议：一案双申')
    expect(text).toContain('决定：一案双申　　决定日期：2024-04-25　　记录人：王馆员')
    expect(text).toContain(`申请号 ${formatApplicationNumber('202410555555')}，申请日 2024-06-01`)
    // Scores table: each indicator with weight, score and points; subtotals per dimension.
    for (const cell of ['市场需求', '储能企业需求迫切', '技术小计', '市场与产业化小计', '撰写与布局小计', '侵权可发现性']) expect(paragraphs).toContain(cell)
    expect(text).toContain('（5 分：市场规模大、需求迫切，属于行业痛点。）')
    expect(paragraphs).toContain('李专家')
    expect(paragraphs).toContain('同意一案双申。')
    expect(paragraphs).toContain('锂电池隔膜涂布装置')
    expect(text).toMatch(/评估人（签字）/)
    expect(text).toMatch(/知识产权管理部门负责人（签字）/)
    expect(paragraphs).toContain('=HYPERLINK("x")（校外，合作企业）'.replace(/^/, '张三（材料科学与工程学院）、'))
    expect(reportFileName(data.evaluation)).toBe(`专利申请前评估报告_PG2024-${String(id).padStart(4, '0')}_一种高安全锂电池隔膜.docx`)

    const pdf = await convertToPdf(file)
    expect(await pdfPageCount(pdf)).toBeGreaterThanOrEqual(2)
    const rendered = await pdfText(pdf)
    expect(rendered).toContain('专利申请前评估报告')
    expect(rendered).toMatch(/总分：80\s*分/)
    expect(rendered).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/)
    expect(await pdfFonts(pdf)).toMatch(/CJK|Song|Hei|Noto/i)
  })

  it('reports an unfinished draft without a grade', async () => {
    const { db } = await tempArchive()
    const { id } = await createEvaluation(db, { title: '一种草稿', evaluatedOn: '2025-01-02' })
    await saveEvaluation(db, id, { scores: { 'tech.novelty': { score: 5, comment: '' } } })
    const file = join(tempDir(), 'draft.docx')
    await writeEvaluationReport(db, id, file, '2025-01-03')
    const text = await docxText(file)
    expect(text).toContain('总分：9（未评完） 分　　等级：暂不定级')
    expect(text).toContain('尚未作出决定。')
    expect(text).toContain('（尚无评审意见）')
  })
})

describe('the list export (评估清单.xlsx) and the CLI', () => {
  it('writes one row per evaluation with dimension subtotals, never a formula, and a year’s statistics sheet', async () => {
    const { db } = await tempArchive()
    const id = await fullEvaluation(db)
    await createEvaluation(db, { title: '+另一项', evaluatedOn: '2023-05-05' })
    const file = join(tempDir(), 'list.xlsx')
    expect(await writeEvaluationList(db, file)).toEqual({ rows: 2 })
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(file)
    const sheet = book.getWorksheet('评估清单')!
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(expect.arrayContaining(['评估编号', '发明名称', '技术得分', '市场与产业化得分', '总分', '等级', '评估建议', '决定', '申请号']))
    const col = (name: string) => header.indexOf(name) + 1
    const row = sheet.getRow(3)
    expect(row.getCell(col('评估编号')).value).toBe(`PG2024-${String(id).padStart(4, '0')}`)
    expect(row.getCell(col('总分')).value).toBe(80)
    expect(row.getCell(col('等级')).value).toBe('A')
    expect(row.getCell(col('评估建议')).value).toBe('一案双申')
    expect(row.getCell(col('市场与产业化得分')).value).toBe(30)
    expect(row.getCell(col('发明人')).value).toBe('张三、=HYPERLINK("x")（校外）')
    expect(row.getCell(col('发明人')).formula).toBeUndefined()
    expect(sheet.getRow(2).getCell(col('发明名称')).value).toBe('+另一项')

    const yearFile = join(tempDir(), 'y.xlsx')
    expect(await writeEvaluationList(db, yearFile, { year: 2024 })).toEqual({ rows: 1 })
    const yearBook = new ExcelJS.Workbook()
    await yearBook.xlsx.readFile(yearFile)
    const stats = yearBook.getWorksheet('2024年统计')!
    const values = stats.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1))
    expect(values).toContainEqual(['决定', '一案双申', 1])
    expect(values).toContainEqual(['申请', '已提出申请（已关联申请号）', 1])
  })

  it('exports from the command line, with exit 1 for a missing evaluation and 2 for bad usage', async () => {
    const { db, file: dbFile } = await tempArchive()
    const id = await fullEvaluation(db)
    const dir = tempDir()
    const run = async (...argv: string[]) => {
      const out: string[] = []
      const err: string[] = []
      const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, evaluationsCommands)
      return { code, stdout: out.join('\n'), stderr: err.join('\n') }
    }
    const docx = join(dir, '报告.docx')
    const one = await run('export', 'evaluation', String(id), '--db', dbFile, '--out', docx, '--json')
    expect(one.code).toBe(0)
    expect(JSON.parse(one.stdout)).toMatchObject({ id, total: 80, grade: 'A', recommendation: 'dual' })
    expect(await docxText(docx)).toContain('评估建议：一案双申')
    const byNumber = await run('export', 'evaluation', `PG2024-${String(id).padStart(4, '0')}`, '--db', dbFile, '--out', join(dir, 'b.docx'))
    expect(byNumber.stdout).toContain('总分 80，等级 A，建议 一案双申')

    const xlsx = join(dir, '清单.xlsx')
    const list = await run('export', 'evaluations', '--db', dbFile, '--out', xlsx, '--year', '2024')
    expect(list.code).toBe(0)
    expect(list.stdout).toContain('（1 项，2024 年）')
    expect(existsSync(xlsx)).toBe(true)

    const missing = await run('export', 'evaluation', '999', '--db', dbFile, '--out', join(dir, 'm.docx'))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('找不到评估（编号 999）')
    expect(existsSync(join(dir, 'm.docx'))).toBe(false)
    expect((await run('export', 'evaluation', '--db', dbFile, '--out', docx)).code).toBe(2)
    expect((await run('export', 'evaluation', 'abc', '--db', dbFile, '--out', docx)).code).toBe(2)
    expect((await run('export', 'evaluation', '1', '--db', dbFile, '--out', join(dir, 'x.pdf'))).code).toBe(2)
    expect((await run('export', 'evaluations', '--db', dbFile, '--out', xlsx, '--year', '19')).code).toBe(2)
    expect((await run('export', 'evaluations', '--db', dbFile, '--out', join(dir, 'nope', 'x.xlsx'))).code).toBe(1)
  })
})
