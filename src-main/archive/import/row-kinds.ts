import { cellText, type CellValue } from '../../spreadsheet'

// Rows of an import file that are not records, though they have text in the imported columns: the
// list's totals, the notes and signatures around it, the header repeated. Each is told by what it says,
// not by where it is, so a footer in the number column is recognised as well as one in a free column.

/** 合计, 总计, 小计, 共计, 共 3 条 … as the first filled cell of a row: the list's totals, not a record. */
const TOTALS = /^(?:合\s*计|总\s*计|小\s*计|共\s*计|总数|汇总|共\s*\d+\s*(?:条|项|件|个|行|人)|total|sum)(?![a-z])/iu

/**
 * 数据来源：…, 导出时间：…, 制表人：… 审核人：… as the first filled cell of a row: the notes and signature
 * lines exporters and ledgers put under (or over) the list. The colon is required: a label without one
 * may begin a title.
 */
const NOTE =
  /^(?:数据来源|来源|导出时间|导出日期|导出人|下载时间|下载日期|打印时间|打印日期|制表(?:人|日期|时间)?|填表人|填报人|审核人?|审批人|负责人|联系人|联系电话|检索式|检索条件|检索表达式|检索日期|检索时间|统计时间|统计日期|统计截止|截止日期|截至日期|截止时间|备注|说明|注)\s*[:：]/u

function firstFilled(values: readonly CellValue[]): string {
  for (const v of values) {
    const text = cellText(v)
    if (text !== '') return text
  }
  return ''
}

export function isTotalsRow(values: readonly CellValue[]): boolean {
  const text = firstFilled(values)
  return text !== '' && TOTALS.test(text) && text.length <= 40
}

export function isNoteRow(values: readonly CellValue[]): boolean {
  return NOTE.test(firstFilled(values))
}

/** A column of the header as the file writes it. */
export interface HeaderCell {
  index: number
  header: string
}

const bare = (text: string) => text.replace(/\s+/gu, '')

/**
 * The header again: two pages of an export pasted one under the other, or the same table on another
 * worksheet. At least two, and at least half, of the filled header columns hold their own header text.
 */
export function isRepeatedHeader(values: readonly CellValue[], header: readonly HeaderCell[]): boolean {
  let filled = 0
  let same = 0
  for (const column of header) {
    const text = cellText(values[column.index])
    if (text === '') continue
    filled++
    if (column.header !== '' && bare(text) === bare(column.header)) same++
    // A data row gives itself away at its first filled cell: cheap enough to ask of every row.
    else if (same === 0) return false
  }
  return same >= 2 && same * 2 >= filled
}
