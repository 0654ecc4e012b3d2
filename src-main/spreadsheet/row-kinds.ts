import { cellText, type CellValue } from './cells'

// Rows of a list that are not records, though they have text in its columns: the list's totals and
// subtotals, the notes and signatures around it, a month's banner, a college's heading, the header repeated. Each is told by
// what it says, not by where it is, so a footer in the number column is recognised as well as one in a
// free column. Used by every import of a list: patents, rosters, projects, the service ledger, claims.

/** A period a subtotal or a banner names: 1月, 十二月, 本月, 全年, 第一季度, 2024年3月. */
const PERIOD = '(?:\\d{4}年)?(?:\\d{1,2}月|[一二三四五六七八九十]{1,3}月|本月|当月|本季度?|本年|全年|年度|本周|第?[一二三四1-4]季度)份?'

/**
 * 合计, 总计, 小计, 共计, 共 3 条, 1月小计, 全年合计 … as the first filled cell of a row: totals, not a record.
 * The word alone or before a number, colon or bracket: titles may begin with it (汇总报表生成方法, 小计算器外壳).
 */
const TOTALS = new RegExp(`^(?:${PERIOD})?(?:(?:合\\s*计|总\\s*计|小\\s*计|共\\s*计|总数|汇总)(?=$|[\\s:：\\d（(,，]|件数|项数|条数|次数|人数|数量|金额)|共\\s*\\d+\\s*(?:条|项|件|个|行|人|次))|^(?:total|sum)(?![a-z])`, 'iu')

/** A row holding only a period's name ('一月', '2024年3月', '第二季度'): a banner over that period's rows. */
const BANNER = new RegExp(`^${PERIOD}$`, 'u')

/**
 * 数据来源：…, 导出时间：…, 制表人：… 审核人：… as the first filled cell of a row: the notes and signature
 * lines exporters and ledgers put under (or over) the list. The colon is required: a label without one
 * may begin a title.
 */
const NOTE =
  /^(?:数据来源|来源|导出时间|导出日期|导出人|下载时间|下载日期|打印时间|打印日期|制表(?:人|日期|时间)?|填表(?:人|日期|时间)?|填报(?:人|日期)?|审核人?|审批人|负责人|联系人|联系电话|检索式|检索条件|检索表达式|检索日期|检索时间|统计时间|统计日期|统计截止|截止日期|截至日期|截止时间|日期|(?:本人)?签[字名章]|盖章|备注|说明|注)\s*[:：]/u

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

/** The text of a row's only filled cell; '' when none or more than one cell is filled. */
function onlyFilled(values: readonly CellValue[]): string {
  let text = ''
  for (const v of values) {
    const t = cellText(v)
    if (t === '') continue
    if (text !== '') return ''
    text = t
  }
  return text
}

export function isBannerRow(values: readonly CellValue[]): boolean {
  const text = onlyFilled(values)
  return text !== '' && BANNER.test(text.replace(/\s+/gu, ''))
}

/**
 * A group's heading in a ledger grouped by college: '计算机学院', '一、材料科学与工程学院（12件）', '（三）化学化工研究院'
 * alone on its row (often merged across the columns, so only its first cell holds it). Only the names of a
 * university's units count: a record with all but one cell missing (a title alone) is still a record, and
 * says what it lacks.
 */
const GROUP_HEADING =
  /^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）])?\s*[\p{Script=Han}A-Za-z·]{1,30}?(?:学院|学部|书院|系|研究院|研究所|研究中心|中心|实验室|医院|校区|分校)\s*(?:[（(]\s*(?:共\s*)?\d+\s*(?:件|项|个|条|人)\s*[)）])?$/u

export function isGroupHeadingRow(values: readonly CellValue[]): boolean {
  const text = onlyFilled(values)
  return text !== '' && GROUP_HEADING.test(text)
}

/** Any of the above: a row of the list that is not one of its records. */
export function isNotARecord(values: readonly CellValue[]): boolean {
  return isTotalsRow(values) || isNoteRow(values) || isBannerRow(values) || isGroupHeadingRow(values)
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
