import ExcelJS from 'exceljs'
import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { docxParagraphs } from '../../../src-main/docx'
import { writeCertificate } from '../../../src-main/disclosures/certificate'
import { createDisclosure, getDisclosure, overrideItem, setItemNote, signDisclosure } from '../../../src-main/disclosures/service'
import { writeResultSheet } from '../../../src-main/disclosures/sheet'
import { getSettings } from '../../../src-main/settings/service'
import { convertToPdf, pdfFonts, pdfPageCount, pdfText } from '../helpers/office'
import { tempDir } from '../helpers/temp'
import { testArchive } from './fixtures'

const run = promisify(execFile)

async function signedDisclosure() {
  const t = await testArchive()
  const id = await createDisclosure(t.db, {
    researcherId: t.r.zhang,
    purpose: '职称评审',
    periodFrom: '2021-01-01',
    periodTo: '2025-12-31',
    note: '申报正高级职称用。',
    items: [
      { seq: 1, kind: 'invention', number: '202310397744.0', title: '一种锂离子电池隔膜及其制备方法', rank: 1, status: 'granted', date: '2025-03-14' },
      { seq: 2, kind: 'invention', number: '202410555555.6', title: '一种基于深度学习的缺陷检测方法', rank: 1, status: 'granted' },
      { seq: 3, kind: 'invention', number: '202110222222.8', title: '一种数控机床主轴冷却结构', rank: 1, status: 'granted' },
      { seq: 4, kind: 'invention', number: '202310397744.1', title: '一种锂离子电池隔膜及其制备方法', rank: 1, status: 'granted' },
      { seq: 5, kind: 'invention', number: '202510999999.3', title: '一种光伏组件清洁机器人', rank: 1, status: 'granted' },
      { seq: 6, kind: 'software', number: '2024SR0123456', title: '电池健康状态评估软件V1.0', rank: 1, status: 'registered', note: '=HYPERLINK("http://x")登记证书见附件' },
    ],
  })
  const items = (await getDisclosure(t.db, id)).items
  await overrideItem(t.db, items[1]!.id, 'consistent', '已查验授权通知书原件（2026-02-01），档案待更新')
  await setItemNote(t.db, items[2]!.id, '本人称系同名同事的专利，已告知。')
  await signDisclosure(t.db, id, { now: new Date('2026-03-02T09:00:00') })
  return { t, detail: await getDisclosure(t.db, id), settings: await getSettings(t.db) }
}

describe('核实意见书 and result sheet', () => {
  it('writes a certificate that reads back and renders in LibreOffice with Chinese fonts', async () => {
    const { detail, settings } = await signedDisclosure()
    const dir = tempDir()
    const file = join(dir, '核实意见书.docx')
    await writeCertificate(file, detail, settings)
    const paragraphs = await docxParagraphs(file)
    const text = paragraphs.join('\n')
    expect(paragraphs).toContain('知识产权成果核实意见书')
    expect(paragraphs).toContain('编号：HS20260001')
    for (const expected of ['张伟', '2005001', '材料科学与工程学院', '职称评审', '2021年1月1日 至 2025年12月31日', '核实人（签字）：测试馆员', '2026年3月2日', '东海理工大学国家知识产权信息服务中心（盖章）']) {
      expect(text).toContain(expected)
    }
    expect(text).toContain('共核实 6 项：一致 3 项，不一致 1 项，档案中未找到 1 项，号码无效 1 项；其中 1 项经核实人员复核更改了结论')
    expect(text).toContain('本人不在发明人之列')
    expect(text).toContain('正确号码应为 202310397744.0')
    expect(text).toContain('理由：已查验授权通知书原件（2026-02-01），档案待更新')
    expect(text).toContain('备注：本人称系同名同事的专利，已告知。')
    expect(text).not.toContain('尚未签发')

    const pdf = await convertToPdf(file)
    const pages = await pdfPageCount(pdf)
    expect(pages).toBeGreaterThanOrEqual(1)
    expect(pages).toBeLessThanOrEqual(3)
    const rendered = await pdfText(pdf)
    expect(rendered).toContain('知识产权成果核实意见书')
    expect(rendered).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/)
    expect(rendered).toContain('（盖章）')
    expect(await pdfFonts(pdf)).toMatch(/CJK|Song|Hei|Noto/i)
    // To look at the pages: IPDESK_KEEP_CERT=/some/dir keeps the PDF and a PNG per page there.
    const keep = process.env.IPDESK_KEEP_CERT
    if (keep) {
      mkdirSync(keep, { recursive: true })
      copyFileSync(pdf, join(keep, '核实意见书.pdf'))
      await run('pdftoppm', ['-png', '-r', '70', pdf, join(keep, 'certificate-page')])
    }
  })

  it('writes the result sheet with claim and evidence side by side, text never a formula', async () => {
    const { detail, settings } = await signedDisclosure()
    const file = join(tempDir(), '核实结果.xlsx')
    await writeResultSheet(file, detail, settings)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.getWorksheet('核实结果')!
    const header = (ws.getRow(1).values as unknown[]).slice(1)
    expect(header.slice(0, 9)).toEqual(['序号', '成果类型', '申请号/登记号', '名称', '本人排名', '声明状态', '声明日期', '核实结论', '系统结论'])
    const row = (n: number) => Object.fromEntries(header.map((h, i) => [h, ws.getRow(n).getCell(i + 1).value]))
    expect(row(2)).toMatchObject({ 序号: 1, 核实结论: '一致', '档案申请号/登记号': '202310397744.0', 档案中本人排名: 1 })
    expect(row(3)).toMatchObject({ 核实结论: '一致', 系统结论: '不一致', 差异: '法律状态不符', 更改结论理由: '已查验授权通知书原件（2026-02-01），档案待更新' })
    expect(row(4)).toMatchObject({ 核实结论: '不一致', 差异: '本人不在发明人之列', '档案申请号/登记号': '202110222222.8', 学校为权利人: '是' })
    expect(row(5)).toMatchObject({ 核实结论: '号码无效' })
    expect(String(row(5)['建议'])).toContain('202310397744.0')
    const formulaCell = ws.getRow(7).getCell(header.indexOf('备注') + 1)
    expect(formulaCell.value).toBe('=HYPERLINK("http://x")登记证书见附件')
    expect(formulaCell.formula).toBeUndefined()
    const overview = wb.getWorksheet('核实概况')!
    expect(overview.getRow(2).values).toEqual([undefined, '核实意见书编号', 'HS20260001'])
  })

  it('marks an unsigned certificate as not valid as proof', async () => {
    const t = await testArchive()
    const id = await createDisclosure(t.db, { researcherId: t.r.zhang, purpose: '考核', items: [{ seq: 1, number: '202310397744.0' }] })
    const file = join(tempDir(), 'draft.docx')
    await writeCertificate(file, await getDisclosure(t.db, id), await getSettings(t.db))
    const text = (await docxParagraphs(file)).join('\n')
    expect(text).toContain('编号：（未签发）')
    expect(text).toContain('本意见书尚未签发，仅供核对，不作证明使用。')
  })
})
