import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dataTable, docxParagraphs, heading, keyValueTable, paragraph, signatureBlock, title, writeDocx } from '../../../src-main/docx'
import { convertToPdf, pdfFonts, pdfPageCount, pdfText } from '../helpers/office'
import { tempDir } from '../helpers/temp'

describe('Word kit', () => {
  it('writes a document that reads back and renders in LibreOffice with Chinese fonts', async () => {
    const file = join(tempDir(), '核实意见书.docx')
    const rows = Array.from({ length: 60 }, (_, i) => [String(i + 1), `20231039${String(7744 + i).padStart(4, '0')}.0`, '一种锂电池隔膜及其制备方法', i % 7 === 0 ? '不一致' : '一致'])
    await writeDocx(file, {
      title: '知识产权成果核实意见书',
      sections: [
        {
          children: [
            title('知识产权成果核实意见书'),
            keyValueTable([
              ['姓名', '张三'],
              ['工号', '2005001'],
              ['用途', '职称评审'],
            ]),
            heading('一、核实结果'),
            paragraph('经核对本校知识产权档案，结果如下。第二行\n换行后的文字 & <特殊字符>'),
            dataTable(
              [
                { header: '序号', width: 8, align: 'center' },
                { header: '申请号', width: 27 },
                { header: '名称', width: 45 },
                { header: '结论', width: 20, align: 'center' },
              ],
              rows,
              { rowShading: (r) => (rows[r]![3] === '不一致' ? 'FDECEC' : undefined) },
            ),
            ...signatureBlock(['经办人：王馆员', '日期：2026年11月25日']),
          ],
        },
      ],
    })
    const paragraphs = await docxParagraphs(file)
    expect(paragraphs).toContain('知识产权成果核实意见书')
    expect(paragraphs).toContain('经办人：王馆员')
    expect(paragraphs.join('\n')).toContain('换行后的文字 & <特殊字符>')
    expect(paragraphs.filter((p) => p === '一种锂电池隔膜及其制备方法')).toHaveLength(60)

    const pdf = await convertToPdf(file)
    expect(await pdfPageCount(pdf)).toBeGreaterThanOrEqual(2)
    const text = await pdfText(pdf)
    expect(text).toContain('知识产权成果核实意见书')
    expect(text).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/)
    expect(await pdfFonts(pdf)).toMatch(/CJK|Song|Hei|Noto/i)
  })
})
