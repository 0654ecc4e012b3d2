import { basename } from 'node:path'
import { MAX_CLAIMS, type Claim, type ClaimedStatus, type ClaimList, type IntakeProblem } from '../contract/disclosures'
import { AppError } from '../contract/result'
import type { AssetKind } from '../db/schema'
import { isAmbiguousMonthNumber, parseDateCell, parseKindCell } from '../domain/cell-values'
import { applicationCheckChar, checkNumber } from '../domain/cn-number'
import { normalizeHeader, noteChangesContent, splitNotes } from '../domain/export-headers'
import { removeBlanks, toHalfWidth } from '../domain/text-width'
import { cellText, columnLetter, isBlankRow, openTable, type CellValue } from '../spreadsheet'
import { isNotARecord, isRepeatedHeader, type HeaderCell } from '../spreadsheet/row-kinds'

// Reading a researcher's claim list (披露清单) from .xlsx or .csv: the template's headers and the spellings
// people use instead, a header row that need not be the first (a title or 工号/用途 lines may come first),
// and every cell that cannot be read reported with its row, column and reason. The cell is then left
// empty in the claim, so the librarian can fill it in on the form; nothing is guessed.

export type ClaimField = 'seq' | 'kind' | 'number' | 'title' | 'rank' | 'status' | 'date' | 'note'

export const CLAIM_FIELD_LABELS: Record<ClaimField, string> = {
  seq: '序号',
  kind: '成果类型',
  number: '申请号/登记号',
  title: '名称',
  rank: '本人排名',
  status: '声明状态',
  date: '声明日期',
  note: '备注',
}

/** Header spellings, compared after normalizeHeader (width, blanks, brackets, case) with a trailing '(…)' dropped. */
export const CLAIM_FIELD_SYNONYMS: Record<ClaimField, string[]> = {
  seq: ['序号', '编号', '序', 'no', 'no.', '#'],
  kind: ['成果类型', '类型', '成果类别', '类别', '种类', '成果种类', '专利类型', '专利种类', '知识产权类型', '知识产权类别', '权利类型', '产权类型'],
  number: [
    '申请号/登记号', '申请号', '登记号', '专利号', '专利申请号', '申请号/专利号', '专利号/登记号', '申请号或登记号', '登记号/申请号',
    '申请(专利)号', '申请号(专利号)', '专利号(申请号)', '申请号/登记号/专利号', '号码', '成果编号', '授权号', '授权公告号', '公开号',
    '公开(公告)号', '公告号', '软件登记号', '著作权登记号', '证书登记号', '授权专利号', '专利号/申请号', '专利(申请)号',
  ],
  title: ['名称', '成果名称', '专利名称', '发明名称', '软件名称', '题名', '标题', '知识产权名称', '作品名称', '发明创造名称', '项目名称'],
  rank: [
    '本人排名', '排名', '本人排序', '排序', '发明人排名', '本人位次', '位次', '署名顺序', '署名排序', '本人署名顺序', '第几发明人',
    '作者排名', '本人署名位次', '发明人排序', '完成人排名', '本人排位', '排位',
  ],
  status: ['声明状态', '状态', '法律状态', '当前状态', '授权状态', '专利状态', '申请状态', '成果状态', '当前法律状态', '授权情况'],
  date: ['声明日期', '日期', '申请日', '授权日', '授权公告日', '登记日', '获得日期', '取得日期', '申请日期', '授权日期', '登记日期', '时间', '获得时间', '授权时间', '申请时间', '登记时间'],
  note: ['备注', '说明', '附注'],
}

function headerKey(h: string): string {
  // Templates mark required columns with '*' before or after the name.
  return normalizeHeader(h).replace(/\*+$/u, '').replace(/[_\-.]/gu, '')
}

const FIELD_BY_KEY: ReadonlyMap<string, ClaimField> = (() => {
  const map = new Map<string, ClaimField>()
  for (const [field, synonyms] of Object.entries(CLAIM_FIELD_SYNONYMS) as [ClaimField, string[]][]) {
    for (const s of synonyms) {
      const key = headerKey(s)
      if (map.has(key) && map.get(key) !== field) throw new Error(`表头同义词“${s}”重复`)
      map.set(key, field)
    }
  }
  return map
})()

/**
 * The claim field a header names ('声明状态（申请/授权/登记）' → status), or null: the header as it is, then
 * without its notes in brackets, then each of its '/' alternatives ('专利号/申请号').
 */
export function matchClaimHeader(header: string): ClaimField | null {
  const key = headerKey(header)
  if (!key) return null
  const exact = FIELD_BY_KEY.get(key)
  if (exact !== undefined) return exact
  // Notes in brackets as the patent import reads them: one saying the column holds something else ('名称（英文）')
  // keeps it out; one restating the field, or saying how to fill it in, does not.
  const { bare, notes } = splitNotes(key)
  const kept = (field: ClaimField) => notes.every((note) => FIELD_BY_KEY.get(headerKey(note)) === field || !noteChangesContent(note, field === 'title' || field === 'note'))
  const field = bare === '' ? undefined : FIELD_BY_KEY.get(bare)
  if (field !== undefined) return kept(field) ? field : null
  for (const part of bare.split('/')) {
    const alternative = part === '' ? undefined : FIELD_BY_KEY.get(part)
    if (alternative !== undefined) return kept(alternative) ? alternative : null
  }
  return null
}

// ---------------------------------------------------------------------------------------------------
// Cells

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

function chineseNumber(s: string): number | null {
  if (/^\d+$/u.test(s)) return Number(s)
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/u.exec(s)
  if (!m || s === '') return null
  if (!m[2]) return m[1] && !m[3] ? CN_DIGITS[m[1]]! : null
  return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[3] ? CN_DIGITS[m[3]]! : 0)
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'

/** 本人排名: 1, '1', '第1', '第一', '第一发明人', '1/5', '独立', '①', 'No.1', '本人第一', '首位' … → 1; null for empty; 'invalid' otherwise. */
export function parseRankCell(v: CellValue): number | null | 'invalid' {
  if (v === null || v === undefined) return null
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= 99 ? v : 'invalid'
  const text = removeBlanks(toHalfWidth(cellText(v)))
    .replace(/^(?:本人|本人为|本人是|本人排|排在)/u, '')
    .replace(/^no\.?/iu, '')
  if (text === '') return null
  if (/^(?:独立|独著|独立完成|唯一|唯一发明人|首位|首席|第一位)$/u.test(text)) return 1
  const circled = CIRCLED.indexOf(text.charAt(0))
  if (circled >= 0) return circled + 1
  // The position first; whatever follows ('/5', '位', '发明人', '（共5人）') is commentary.
  const m = /^(?:排名|排序|位次)?第?(\d{1,2}|[一二两三四五六七八九十]{1,3})(?![\d一二两三四五六七八九十])/u.exec(text)
  if (!m) return 'invalid'
  const n = chineseNumber(m[1]!)
  return n !== null && n >= 1 && n <= 99 ? n : 'invalid'
}

/**
 * How many inventors a rank cell says there are: '独立完成', '唯一发明人', '1/1' → 1; '2/5', '第2（共5人）' → 5;
 * null when it does not say. A claim of sole inventorship is a claim of its own, checked against the archive.
 */
export function claimedInventorCount(text: string | undefined): number | null {
  if (!text) return null
  const t = removeBlanks(toHalfWidth(text))
  if (/^(?:本人)?(?:独立|独著|独立完成|唯一|唯一发明人)$/u.test(t)) return 1
  const total = /\/(\d{1,2})$|共(\d{1,2})[人名位]/u.exec(t)
  const n = total ? Number(total[1] ?? total[2]) : null
  return n !== null && n >= 1 ? n : null
}

/** 声明状态: 申请 / 授权 / 登记 and the words people use for them. */
export function parseStatusCell(v: CellValue): ClaimedStatus | null | 'invalid' {
  const text = removeBlanks(toHalfWidth(cellText(v)))
  if (text === '') return null
  if (/未授权|尚未授权|未登记|待授权|未下证|待下证|未发证|待发证|未获证/u.test(text)) return 'applied'
  if (/授权|有效|有权|维持|获得专利权|已获专利|已获权|下证|获证|拿证|发证|证书|公告/u.test(text)) return 'granted'
  if (/登记/u.test(text)) return 'registered'
  if (/申请|受理|审|公开|公布|提交|已交/u.test(text)) return 'applied'
  return 'invalid'
}

/** Words in a type column that name no particular kind: the number decides, nothing is checked. */
const GENERIC_KINDS = /^(?:专利|中国专利|国内专利|知识产权|PCT|PCT专利|其他|其它)$/iu

/** 成果类型: '发明', '发明专利', '实用新型', '软著', 'I' … */
export function parseKindText(v: CellValue): AssetKind | null | 'invalid' {
  const text = cellText(v)
  if (text === '') return null
  const kind = parseKindCell(text)
  if (kind) return kind
  return GENERIC_KINDS.test(removeBlanks(toHalfWidth(text))) ? null : 'invalid'
}

/** 声明日期: any date spelling parseDateCell knows, or only a year / year-month ('2023', '2023年5月', '2023.05'). */
export function parseClaimDateCell(v: CellValue): string | null | 'invalid' {
  if (v === null || v === undefined || cellText(v) === '') return null
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1985 && v <= 2100) return String(v)
  if (isAmbiguousMonthNumber(v)) return String(Math.floor(v as number))
  const full = parseDateCell(v)
  if (full) return full
  const text = removeBlanks(toHalfWidth(cellText(v)))
  const ym = /^(\d{4})[-./年](\d{1,2})月?$/u.exec(text)
  if (ym && Number(ym[2]) >= 1 && Number(ym[2]) <= 12) return `${ym[1]}-${ym[2]!.padStart(2, '0')}`
  const y = /^(\d{4})年?$/u.exec(text)
  if (y && Number(y[1]) >= 1985 && Number(y[1]) <= 2100) return y[1]!
  return 'invalid'
}

/**
 * The number as text. A number typed into a cell Excel formats as a number loses its '.0'
 * ('202310397744.0' becomes 202310397744): when the 12 digits' check character is 0, that is what
 * happened, and the '.0' is put back; any other 12-digit number stays as it is (and is reported invalid).
 */
export function numberCellText(v: CellValue): string {
  if (typeof v === 'number' && Number.isInteger(v)) {
    const s = String(v)
    if (/^\d{12}$/u.test(s) && applicationCheckChar(s) === '0') return `${s}.0`
    return s
  }
  return cellText(v)
}

// ---------------------------------------------------------------------------------------------------
// Meta lines above the header (工号：…, 用途：…, 核实期间：…)

const META_KEYS: [RegExp, keyof ClaimList['meta'] | 'period'][] = [
  [/^(?:工号|职工号|教工号|人员编号|工作证号)$/u, 'staffNo'],
  [/^(?:姓名|申报人|披露人|科研人员)$/u, 'name'],
  [/^(?:用途|核实用途|披露用途|申报用途|事由)$/u, 'purpose'],
  [/^(?:期间|核实期间|统计期间|起止时间|时间范围|成果期间)$/u, 'period'],
  [/^(?:起始日期|开始日期|起始时间|自)$/u, 'periodFrom'],
  [/^(?:截止日期|结束日期|截止时间|至)$/u, 'periodTo'],
]

function metaKey(label: string): keyof ClaimList['meta'] | 'period' | null {
  const key = removeBlanks(toHalfWidth(label)).replace(/[:：]$/u, '')
  for (const [re, field] of META_KEYS) if (re.test(key)) return field
  return null
}

function periodBound(text: string, end: boolean): string | null {
  const d = parseClaimDateCell(text)
  if (d === null || d === 'invalid') return null
  if (/^\d{4}-\d{2}-\d{2}$/u.test(d)) return d
  if (/^\d{4}$/u.test(d)) return end ? `${d}-12-31` : `${d}-01-01`
  const [y, m] = d.split('-').map(Number) as [number, number]
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return end ? `${d}-${String(last).padStart(2, '0')}` : `${d}-01`
}

/** '2021-01-01 至 2023-12-31', '2021.1—2023.12', '2021-2023' → [from, to]. */
export function parsePeriodText(text: string): [string | null, string | null] {
  const t = toHalfWidth(text).trim()
  const parts = t.split(/\s*(?:至|到|~|—|–|－|\s-\s|--)\s*/u).filter(Boolean)
  if (parts.length === 2) return [periodBound(parts[0]!, false), periodBound(parts[1]!, true)]
  const years = /^(\d{4})\s*-\s*(\d{4})$/u.exec(t)
  if (years) return [`${years[1]}-01-01`, `${years[2]}-12-31`]
  return [null, null]
}

function readMeta(rows: CellValue[][], meta: ClaimList['meta']): void {
  const put = (field: keyof ClaimList['meta'] | 'period', value: string) => {
    if (!value) return
    if (field === 'period') {
      const [from, to] = parsePeriodText(value)
      meta.periodFrom ??= from
      meta.periodTo ??= to
    } else if (field === 'periodFrom' || field === 'periodTo') {
      meta[field] ??= periodBound(value, field === 'periodTo')
    } else {
      meta[field] ??= value
    }
  }
  for (const values of rows) {
    const cells = values.map((v) => cellText(v))
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!
      const inline = /^([^:：]{1,8})[:：]\s*(.+)$/u.exec(cell)
      if (inline) {
        const field = metaKey(inline[1]!)
        if (field) put(field, inline[2]!.trim())
        continue
      }
      const field = metaKey(cell)
      if (field) {
        const value = cells.slice(i + 1).find((c) => c !== '')
        if (value) put(field, value)
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------

const HEADER_SEARCH_ROWS = 20

/** Column → field of a header row: one with a number column and at least one other; else null. */
function headerFields(values: readonly CellValue[]): Map<number, ClaimField> | null {
  const fields = new Map<number, ClaimField>()
  const taken = new Set<ClaimField>()
  values.forEach((v, i) => {
    const f = matchClaimHeader(cellText(v))
    if (f && !taken.has(f)) {
      taken.add(f)
      fields.set(i, f)
    }
  })
  return taken.has('number') && fields.size >= 2 ? fields : null
}

export interface ReadClaimsOptions {
  /** Name to use in messages (an upload's original name). */
  displayName?: string
}

/**
 * Read a claim list. Refuses (AppError 'refused') a file it cannot use at all — unreadable, no header
 * row with a number column, too many rows; otherwise returns every claim it could read, with a problem
 * (row, column, reason) for each cell it could not.
 */
export async function readClaimsFile(path: string, options: ReadClaimsOptions = {}): Promise<ClaimList> {
  const fileName = options.displayName ?? basename(path)
  // Every worksheet: the list may follow a sheet of instructions (填表说明).
  const table = openTable(path, { displayName: fileName, allSheets: true })
  const before: CellValue[][] = []
  let header: { row: number; sheet: number; sheetName: string | null; fields: Map<number, ClaimField>; texts: string[]; cells: HeaderCell[] } | null = null
  let searchedOnSheet = 0
  let searchSheet = 0
  /** Other worksheets that hold a claim list too (not read: one list per file). */
  const otherLists = new Set<string>()
  /** Claims by their number as checked: the same right listed twice. */
  const byNumber = new Map<string, number>()
  const problems: IntakeProblem[] = []
  const claims: Claim[] = []
  const meta: ClaimList['meta'] = { staffNo: null, name: null, purpose: null, periodFrom: null, periodTo: null }
  const seqRows = new Map<number, number>()
  let seqTrouble = false

  for await (const { rowNumber, values, sheet = 0 } of table.rows()) {
    if (header && sheet !== header.sheet) {
      if (headerFields(values) !== null) otherLists.add(table.sheetNames[sheet] ?? `第 ${sheet + 1} 个工作表`)
      continue
    }
    if (!header) {
      if (sheet !== searchSheet) {
        searchSheet = sheet
        searchedOnSheet = 0
      }
      if (searchedOnSheet >= HEADER_SEARCH_ROWS) continue
      searchedOnSheet++
      const fields = headerFields(values)
      if (fields !== null) {
        const texts = values.map((v) => cellText(v))
        const cells = [...fields.keys()].map((index) => ({ index, header: texts[index]! }))
        header = { row: rowNumber, sheet, sheetName: table.sheetNames[sheet] ?? table.sheetName, fields, texts, cells }
        continue
      }
      before.push(values)
      continue
    }
    // Totals (合计 2项), notes and signatures (注：…, 填表人：…, 日期：…) and the header again are no claims.
    if (isBlankRow(values) || isNotARecord(values) || isRepeatedHeader(values, header.cells)) continue
    const cell = (field: ClaimField): { value: CellValue; column: string } | null => {
      for (const [i, f] of header!.fields) if (f === field) return { value: values[i] ?? null, column: `${columnLetter(i)}（${header!.texts[i]}）` }
      return null
    }
    const numberCell = cell('number')
    const titleCell = cell('title')
    const written = numberCell ? numberCellText(numberCell.value) : ''
    // Two numbers in one cell ('202010824433.4；CN100006364A': the application and its publication): the first
    // valid one is the claim's.
    const parts = written.split(/\s*[;；,，、|\n]\s*/u).filter((p) => p !== '')
    const firstValid = parts.length > 1 ? parts.find((p) => checkNumber(p).valid) : undefined
    const number = firstValid ?? written
    const title = titleCell ? cellText(titleCell.value) : ''
    // Rows with neither number nor title are spacers, totals or a pre-numbered empty template row.
    if (number === '' && title === '') continue
    if (claims.length >= MAX_CLAIMS) {
      throw new AppError('refused', `“${fileName}”超过 ${MAX_CLAIMS} 项成果，请拆分后分批核实。`)
    }
    const problem = (c: { column: string } | null, message: string, severity: IntakeProblem['severity'] = 'error') =>
      problems.push({ row: rowNumber, column: c?.column ?? null, message, severity })
    const raw: Claim['raw'] = {}

    const seqCell = cell('seq')
    let seq = claims.length + 1
    if (seqCell && cellText(seqCell.value) !== '') {
      const n = Number(removeBlanks(toHalfWidth(cellText(seqCell.value))))
      if (Number.isInteger(n) && n >= 1 && n <= 99_999) {
        if (seqRows.has(n)) {
          problem(seqCell, `序号 ${n} 与第 ${seqRows.get(n)} 行重复；已按行的顺序重新编号`, 'warning')
          seqTrouble = true
        }
        seqRows.set(n, rowNumber)
        seq = n
      } else {
        problem(seqCell, `序号“${cellText(seqCell.value)}”不是正整数；已按行的顺序重新编号`, 'warning')
        seqTrouble = true
      }
    }

    const kindCell = cell('kind')
    let kind: AssetKind | null = null
    if (kindCell) {
      raw.kind = cellText(kindCell.value)
      const k = parseKindText(kindCell.value)
      // The kind only feeds the type check; an unreadable one is left unchecked (the number says the kind).
      if (k === 'invalid') problem(kindCell, `无法识别成果类型“${raw.kind}”（应为 发明、实用新型、外观设计、软件著作权、集成电路布图设计、植物新品种 之一）；将不核对类型`, 'warning')
      else kind = k
    }
    const rankCell = cell('rank')
    let rank: number | null = null
    if (rankCell) {
      raw.rank = cellText(rankCell.value)
      const r = parseRankCell(rankCell.value)
      if (r === 'invalid') problem(rankCell, `无法识别本人排名“${raw.rank}”，应填写数字，如 1（第一发明人）、2`)
      else rank = r
    }
    const statusCell = cell('status')
    let status: ClaimedStatus | null = null
    if (statusCell) {
      raw.status = cellText(statusCell.value)
      const s = parseStatusCell(statusCell.value)
      if (s === 'invalid') problem(statusCell, `无法识别声明状态“${raw.status}”，应为 申请、授权 或 登记`)
      else status = s
    }
    const dateCell = cell('date')
    let date: string | null = null
    if (dateCell) {
      raw.date = cellText(dateCell.value)
      const d = parseClaimDateCell(dateCell.value)
      if (d === 'invalid') problem(dateCell, `无法识别声明日期“${raw.date}”，应为 2023-05-01 这样的日期（也可只写年月）`)
      else date = d
      if (isAmbiguousMonthNumber(dateCell.value)) {
        problem(dateCell, `声明日期“${raw.date}”是数字：Excel 把 ${raw.date}0（10 月）也存成 ${raw.date}，无法分辨 1 月还是 10 月，只核对年份；要按月核对，请把该列设为文本后重填`, 'warning')
      }
    }
    if (numberCell) raw.number = cellText(numberCell.value)
    if (firstValid !== undefined) problem(numberCell, `一格中有 ${parts.length} 个号码（${written}）：按第一个有效号码 ${firstValid} 核实`, 'warning')
    if (number === '') problem(numberCell, '未填写申请号/登记号；核实时将按“号码无效”处理，并按名称提示本人名下的成果', 'warning')
    else {
      // The same right listed twice (in one form or another): worth a look before a certificate counts it twice.
      const checked = checkNumber(number)
      const key = checked.normalized ?? removeBlanks(toHalfWidth(number)).toUpperCase()
      const first = byNumber.get(key)
      if (first !== undefined) problem(numberCell, `与第 ${first} 行是同一号码（${key}）：同一成果列了两次，请核对是否重复申报`, 'warning')
      else byNumber.set(key, rowNumber)
    }
    const noteCell = cell('note')
    claims.push({
      seq,
      kind,
      number: number.slice(0, 100),
      title: title.slice(0, 500),
      rank,
      status,
      date,
      note: noteCell ? cellText(noteCell.value).slice(0, 2000) : '',
      sourceRow: rowNumber,
      raw,
    })
  }

  if (!header) {
    readMeta(before, meta)
    throw new AppError(
      'refused',
      `“${fileName}”中找不到表头行：前 ${HEADER_SEARCH_ROWS} 行里应有一行列名，至少包含“申请号/登记号”列和另一列（序号、成果类型、名称、本人排名、声明状态、声明日期）。请使用“披露清单模板.xlsx”填写。`,
    )
  }
  readMeta(before, meta)
  if (seqTrouble) claims.forEach((c, i) => (c.seq = i + 1))
  for (const other of otherLists) {
    problems.push({ row: null, column: null, message: `工作表“${other}”也像一份成果清单，未读取：只核实了工作表“${header.sheetName ?? ''}”。请把所有成果填在一个工作表中。`, severity: 'warning' })
  }
  if (!claims.length) problems.unshift({ row: null, column: null, message: `“${fileName}”的表头下面没有成果：请在第 ${header.row + 1} 行起逐行填写。`, severity: 'error' })
  const columns: Record<string, string> = {}
  for (const [i, f] of header.fields) columns[f] = `${columnLetter(i)}（${header.texts[i]}）`
  return { fileName, sheetName: header.sheetName, headerRow: header.row, columns, claims, problems, meta }
}
