// The shared Word kit: every .docx IPDesk writes (核实意见书, 评估报告, 年度工作报告, 推介手册) is built from
// these blocks so they share one look (宋体/黑体, A4, page numbers "第 X 页 共 Y 页").
//
//   await writeDocx(path, { title, sections: [{ children: [title('…'), heading('一、…'), paragraph('…'),
//     dataTable([{ header: '序号', width: 8 }, …], rows), keyValueTable([['姓名', '张三']]),
//     ...signatureBlock(['经办人：…', '日期：…']), ...image(png, { width, height })] }] })
//
// docxText(path) / docxParagraphs(path) read a .docx back (tests, self-checks).
export { dataTable, heading, image, keyValueTable, pageBreak, paragraph, signatureBlock, spacer, title, type Block, type TableColumn } from './blocks'
export { docxParagraphs, docxText } from './read'
export { FONT_BODY, FONT_HEADING, SIZE } from './styles'
export { buildDocument, writeDocx, type DocumentSpec } from './write'
