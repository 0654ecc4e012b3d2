import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type FileChild,
} from 'docx'
import { FONT_BODY, SIZE } from './styles'

// Small builders for the documents IPDesk writes (certificates, evaluation reports, the annual report,
// brochures), so every document looks like it came from the same office.

export type Block = FileChild

export function title(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(text)] })
}

export function heading(text: string, level: 1 | 2 | 3 = 1): Paragraph {
  const headingLevel = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3
  // keepNext: a heading never ends a page on its own, away from what it introduces.
  return new Paragraph({ heading: headingLevel, keepNext: true, keepLines: true, children: [new TextRun(text)] })
}

export interface ParagraphOptions {
  bold?: boolean
  align?: 'left' | 'center' | 'right' | 'justify'
  /** First-line indent of two characters, as Chinese body text usually has. Default true for 'justify'. */
  indent?: boolean
  size?: number
  color?: string
  spacingAfter?: number
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const

/** A paragraph; line breaks in `text` become line breaks in Word. */
export function paragraph(text: string, options: ParagraphOptions = {}): Paragraph {
  const align = options.align ?? 'justify'
  const lines = text.split(/\r?\n/)
  return new Paragraph({
    alignment: ALIGN[align],
    indent: (options.indent ?? align === 'justify') ? { firstLine: 480 } : undefined,
    spacing: options.spacingAfter === undefined ? undefined : { after: options.spacingAfter },
    children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, bold: options.bold, size: options.size, color: options.color })),
  })
}

export function spacer(lines = 1): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: '', break: Math.max(0, lines - 1) })] })
}

export function pageBreak(): Paragraph {
  return new Paragraph({ children: [new PageBreak()] })
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' }
const BORDERS = { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER, insideHorizontal: CELL_BORDER, insideVertical: CELL_BORDER }

function cell(text: string, options: { header?: boolean; width?: number; align?: 'left' | 'center' | 'right'; shade?: string } = {}): TableCell {
  return new TableCell({
    width: options.width === undefined ? undefined : { size: options.width, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.CENTER,
    shading: options.header ? { type: ShadingType.CLEAR, fill: 'E7ECF7', color: 'auto' } : options.shade ? { type: ShadingType.CLEAR, fill: options.shade, color: 'auto' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: text.split(/\r?\n/).map(
      (line) =>
        new Paragraph({
          alignment: ALIGN[options.align ?? (options.header ? 'center' : 'left')],
          children: [new TextRun({ text: line, bold: options.header, size: SIZE.table, font: FONT_BODY })],
        }),
    ),
  })
}

export interface TableColumn {
  header: string
  /** Percentage of the table width. */
  width?: number
  align?: 'left' | 'center' | 'right'
}

/**
 * A bordered data table with a shaded header row that repeats on every page. `rowShading` can tint a
 * row (e.g. a discrepancy) by returning a hex fill.
 */
export function dataTable(columns: TableColumn[], rows: string[][], options: { rowShading?: (rowIndex: number) => string | undefined } = {}): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c) => cell(c.header, { header: true, width: c.width })) }),
      ...rows.map(
        (row, r) =>
          new TableRow({
            cantSplit: true,
            children: columns.map((c, i) => cell(row[i] ?? '', { width: c.width, align: c.align, shade: options.rowShading?.(r) })),
          }),
      ),
    ],
  })
}

/** Two-column label/value table (for a record's fields: 姓名, 工号, 用途 …). */
export function keyValueTable(pairs: [string, string][], labelWidth = 25): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    rows: pairs.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [cell(label, { width: labelWidth, shade: 'F3F5FA' }), cell(value, { width: 100 - labelWidth })],
        }),
    ),
  })
}

/**
 * The signing block at the end of a certificate or report: right-aligned lines such as
 * 经办人、日期 and a blank space for the centre's seal (盖章).
 */
export function signatureBlock(lines: string[], sealNote = '（盖章）'): Paragraph[] {
  // keepNext on every line but the last keeps the block (and its seal space) together on one page.
  return [
    new Paragraph({ keepNext: true, spacing: { before: 480 }, children: [] }),
    ...lines.map((line) => new Paragraph({ alignment: AlignmentType.RIGHT, keepNext: true, spacing: { after: 120 }, children: [new TextRun(line)] })),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 360 }, children: [new TextRun({ text: sealNote, color: '666666' })] }),
  ]
}

/** A PNG image (e.g. a chart), scaled to `widthPx` wide keeping its aspect ratio. */
export function image(png: Uint8Array, size: { width: number; height: number }, widthPx = 560, caption?: string): Paragraph[] {
  const height = Math.round((size.height / size.width) * widthPx)
  // Single line spacing with an 'auto' rule: under a fixed line height LibreOffice clips the picture.
  const blocks = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: !!caption,
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120, after: 60 },
      children: [new ImageRun({ type: 'png', data: png, transformation: { width: widthPx, height } })],
    }),
  ]
  if (caption) blocks.push(paragraph(caption, { align: 'center', size: SIZE.small, indent: false }))
  return blocks
}
