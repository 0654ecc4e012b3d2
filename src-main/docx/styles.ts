import { LineRuleType, type IStylesOptions } from 'docx'

// Chinese official-document conventions (公文 style, loosely): 宋体 body at 小四 (12 pt), 黑体 headings,
// Times New Roman for Latin text. Fonts are named, not embedded: Word, WPS and LibreOffice on Chinese
// systems all map them (LibreOffice on Linux falls back to Noto CJK).
export const FONT_BODY = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' }
export const FONT_HEADING = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体', cs: 'Arial' }
export const FONT_TITLE = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体', cs: 'Arial' }

/** Half-points, as OOXML counts font sizes. */
export const SIZE = {
  title: 36, // 小二
  heading1: 32, // 三号
  heading2: 28, // 四号
  body: 24, // 小四
  table: 21, // 五号
  small: 18, // 小五
} as const

export const DOCUMENT_STYLES: IStylesOptions = {
  default: {
    document: { run: { font: FONT_BODY, size: SIZE.body }, paragraph: { spacing: { line: 360, lineRule: LineRuleType.AUTO } } },
    heading1: { run: { font: FONT_HEADING, size: SIZE.heading1, bold: true }, paragraph: { spacing: { before: 240, after: 120 } } },
    heading2: { run: { font: FONT_HEADING, size: SIZE.heading2, bold: true }, paragraph: { spacing: { before: 200, after: 100 } } },
    heading3: { run: { font: FONT_HEADING, size: SIZE.body, bold: true }, paragraph: { spacing: { before: 160, after: 80 } } },
    title: { run: { font: FONT_TITLE, size: SIZE.title, bold: true }, paragraph: { spacing: { before: 240, after: 240 } } },
  },
}
