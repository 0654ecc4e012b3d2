import type { CellValue } from './cells'
import { cellString, findTag, rootPrefix, runsText, tagEnd } from './xml-text'
import type { WorkbookParts } from './xlsx-parts'

// The rows of one worksheet's XML, scanned as its text streams in. A worksheet of an export is one long
// run of <row><c r="A2" s="1" t="s"><v>12</v></c>…</row>: this finds each complete row in the text
// received so far, reads its cells' values and keeps the unfinished rest for the next chunk.
//
// Values as the rest of IPDesk knows them (cells.ts CellValue): shared and inline strings (rich text
// joined, phonetic guides left out), numbers, Dates for numbers in a date style, booleans; errors and
// empty cells are null; a formula gives its cached result. A row's values run to its last cell that
// holds something.

export interface ScannedRow {
  rowNumber: number
  values: CellValue[]
}

const A = 65
const Z = 90

const MS_PER_DAY = 86_400_000
/** Day 25569 of the 1900 date system is 1970-01-01; the 1904 system is 1462 days behind. */
function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * MS_PER_DAY))
}

/**
 * The attributes of one <c> (or <row>) tag that matter. Read without making a string of any of them: a
 * 100,000-row list has a million cell tags, and three small strings for each kept the reading worker's
 * garbage collector busy.
 */
interface CellTag {
  /** 0-based column of r="AB12" (-1 without r); for a <row>, its r as a number (-1 without). */
  ref: number
  style: number
  /** The t attribute (one of the constants below for the types the format defines), undefined without. */
  type: string | undefined
}

const CELL_TYPES = ['s', 'str', 'inlineStr', 'b', 'e', 'd', 'n'] as const

/** s[from..to) as one of CELL_TYPES without copying it (a type not in the format is copied). */
function cellType(s: string, from: number, to: number): string {
  for (const type of CELL_TYPES) {
    if (type.length === to - from && s.startsWith(type, from)) return type
  }
  return s.slice(from, to)
}

/** 'AB12' at s[from..to) → 27 (0-based column); -1 without column letters. */
function columnAt(s: string, from: number, to: number): number {
  let n = 0
  let i = from
  for (; i < to; i++) {
    const ch = s.charCodeAt(i) & ~32 // upper case
    if (ch < A || ch > Z) break
    n = n * 26 + (ch - A + 1)
  }
  return i === from ? -1 : n - 1
}

/** The whole number written at s[from..to) (blanks allowed around it); -1 when there is none. */
function integerAt(s: string, from: number, to: number): number {
  if (from === to) return -1
  let n = 0
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48
    if (d < 0 || d > 9) {
      // Not plain digits (' 12 ', '3.0'): the rare case, read as a number.
      const v = Number(s.slice(from, to).trim())
      return Number.isInteger(v) && v >= 0 ? v : -1
    }
    n = n * 10 + d
  }
  return n
}

/** The r, s and t attributes of the tag s[lt..gt] (a <c>, or a <row> when `row`) into `tag`. */
function readTag(s: string, lt: number, gt: number, row: boolean, tag: CellTag): CellTag {
  tag.ref = -1
  tag.style = 0
  tag.type = undefined
  let i = lt + 1
  while (i < gt && s.charCodeAt(i) > 32 && s.charCodeAt(i) !== 47) i++ // the element's name
  while (i < gt) {
    const ch = s.charCodeAt(i)
    if (ch <= 32 || ch === 47) {
      i++
      continue
    }
    const eq = s.indexOf('=', i)
    if (eq < 0 || eq > gt) break
    let nameEnd = eq
    while (nameEnd > i && s.charCodeAt(nameEnd - 1) <= 32) nameEnd--
    // One-letter names only: r, s, t (spans, cm, x14ac:dyDescent … are not needed).
    const name = nameEnd - i === 1 ? s.charCodeAt(i) : 0
    let q = eq + 1
    while (q < gt && s.charCodeAt(q) <= 32) q++
    const quote = s.charCodeAt(q)
    if (quote !== 34 && quote !== 39) break
    const close = s.indexOf(quote === 34 ? '"' : "'", q + 1)
    if (close < 0 || close > gt) break
    if (name === 114 /* r */) tag.ref = row ? integerAt(s, q + 1, close) : columnAt(s, q + 1, close)
    else if (name === 115 /* s */) tag.style = Math.max(0, integerAt(s, q + 1, close))
    else if (name === 116 /* t */) tag.type = cellType(s, q + 1, close)
    i = close + 1
  }
  return tag
}

/** The longest row the scanner accepts, in characters (Excel's own limit allows 32,767 per cell). */
export const MAX_ROW_CHARS = 64 * 1_048_576

export class SheetScanner {
  /** Text received and not yet made into rows (an unfinished row, or what precedes <sheetData>). */
  private pending = ''
  private prefix: string | null = null
  private inData = false
  private finished = false
  private lastRow = 0
  /** The tag being read (one object for all: see CellTag). */
  private readonly tag: CellTag = { ref: -1, style: 0, type: undefined }
  private tags = { row: '<row', rowEnd: '</row>', c: '<c', cEnd: '</c>', v: '<v', vEnd: '</v>', is: '<is', isEnd: '</is>', data: '<sheetData', dataEnd: '</sheetData>' }

  constructor(
    private readonly parts: Pick<WorkbookParts, 'sharedStrings' | 'dateStyles' | 'date1904'>,
    private readonly maxRowChars = MAX_ROW_CHARS,
  ) {}

  /** Whether </sheetData> has been met: nothing after it is data. */
  get done(): boolean {
    return this.finished
  }

  /** The rows completed by `chunk`, the next piece of the worksheet's text. */
  push(chunk: string): ScannedRow[] {
    const rows: ScannedRow[] = []
    if (this.finished) return rows
    // A row (or the text before <sheetData>) this long is no export's: a damaged or hostile file, which would
    // otherwise grow this text, and the time to search it, without end.
    if (this.pending.length > this.maxRowChars) throw new Error(`第 ${this.lastRow + 1} 行之后的数据超过 ${this.maxRowChars.toLocaleString('en-US')} 个字符仍未结束，不像是导出的清单`)
    let s = this.pending + chunk
    if (this.prefix === null) {
      this.prefix = rootPrefix(s)
      if (this.prefix === null) {
        this.pending = s
        return rows
      }
      const p = this.prefix
      this.tags = { row: `<${p}row`, rowEnd: `</${p}row>`, c: `<${p}c`, cEnd: `</${p}c>`, v: `<${p}v`, vEnd: `</${p}v>`, is: `<${p}is`, isEnd: `</${p}is>`, data: `<${p}sheetData`, dataEnd: `</${p}sheetData>` }
    }
    const t = this.tags
    if (!this.inData) {
      const at = findTag(s, t.data, 0)
      const gt = at < 0 ? -1 : tagEnd(s, at)
      if (gt < 0) {
        // Keep only what may be the start of <sheetData (the <cols>, <sheetViews> before it are not needed).
        this.pending = s.slice(Math.max(0, s.length - t.data.length - 256))
        return rows
      }
      this.inData = true
      if (s.charCodeAt(gt - 1) === 47) {
        this.finished = true // <sheetData/>: no rows
        this.pending = ''
        return rows
      }
      s = s.slice(gt + 1)
    }
    let pos = 0
    // </sheetData> occurs once; found once per chunk (searching from each row would be quadratic).
    const dataEnd = s.indexOf(t.dataEnd)
    for (;;) {
      const row = findTag(s, t.row, pos)
      if (dataEnd >= 0 && (row < 0 || dataEnd < row)) {
        this.finished = true
        this.pending = ''
        return rows
      }
      if (row < 0) {
        // Nothing more begins here; keep a tail that may hold the start of the next tag.
        this.pending = s.slice(Math.max(pos, s.length - t.dataEnd.length))
        return rows
      }
      const gt = tagEnd(s, row)
      if (gt < 0) break
      if (s.charCodeAt(gt - 1) === 47) {
        rows.push({ rowNumber: this.rowNumberOf(s, row, gt), values: [] }) // <row r="5"/>: a row without cells
        pos = gt + 1
        continue
      }
      const end = s.indexOf(t.rowEnd, gt)
      if (end < 0) {
        // The row is read again, from its start, with the next chunk: its number is not taken yet
        // (a row without r counts from the row before it, once).
        this.pending = s.slice(row)
        return rows
      }
      const rowNumber = this.rowNumberOf(s, row, gt)
      rows.push({ rowNumber, values: this.cells(s, gt + 1, end) })
      pos = end + t.rowEnd.length
    }
    this.pending = s.slice(pos)
    return rows
  }

  private rowNumberOf(s: string, lt: number, gt: number): number {
    const n = readTag(s, lt, gt, true, this.tag).ref
    this.lastRow = n > 0 ? n : this.lastRow + 1
    return this.lastRow
  }

  /** The values of the cells in s[from..to), the inside of one <row>. */
  private cells(s: string, from: number, to: number): CellValue[] {
    const t = this.tags
    const values: CellValue[] = []
    let column = -1
    let pos = from
    for (;;) {
      const lt = findTag(s, t.c, pos)
      if (lt < 0 || lt >= to) break
      const gt = tagEnd(s, lt)
      if (gt < 0 || gt >= to) break
      const tag = readTag(s, lt, gt, false, this.tag)
      column = tag.ref >= 0 ? tag.ref : column + 1
      if (s.charCodeAt(gt - 1) === 47) {
        pos = gt + 1 // <c r="B2" s="1"/>: formatted, empty
        continue
      }
      const end = s.indexOf(t.cEnd, gt)
      if (end < 0 || end > to) break
      const value = this.value(s, gt + 1, end, tag)
      if (value !== null) {
        while (values.length < column) values.push(null)
        values[column] = value
      }
      pos = end + t.cEnd.length
    }
    return values
  }

  /** A cell's value from its content s[from..to) (<f>, <v>, <is>) and its tag. */
  private value(s: string, from: number, to: number, tag: CellTag): CellValue {
    const t = this.tags
    if (tag.type === 'inlineStr') {
      const is = findTag(s, t.is, from)
      if (is >= 0 && is < to) {
        const end = s.indexOf(t.isEnd, is)
        return runsText(s.slice(is, end < 0 || end > to ? to : end), this.prefix ?? '')
      }
    }
    const v = findTag(s, t.v, from)
    if (v < 0 || v >= to) return null
    const gt = tagEnd(s, v)
    if (gt < 0 || gt >= to || s.charCodeAt(gt - 1) === 47) return null
    const close = s.indexOf(t.vEnd, gt)
    const end = close < 0 || close > to ? to : close
    // A shared string's index is read in place (the commonest cell of an Excel file); <v></v> is no index.
    if (tag.type === 's') return this.parts.sharedStrings[integerAt(s, gt + 1, end)] ?? null
    const raw = s.slice(gt + 1, end)
    switch (tag.type) {
      case 'str':
      case 'inlineStr':
        return cellString(raw)
      case 'b': {
        // 1/0 as the format says; TRUE/FALSE as some writers spell it.
        const flag = raw.trim().toLowerCase()
        if (flag === '') return null
        return flag === 'true' || (flag !== 'false' && Number(flag) !== 0)
      }
      case 'e':
        return null
      case 'd': {
        // ISO 8601 as written; a date-time without a zone is the day and time shown (UTC, as serials
        // are read), never the local time of the machine reading it.
        const iso = raw.trim()
        const date = new Date(/^\d{4}-\d\d-\d\dT[\d:.]+$/u.test(iso) ? `${iso}Z` : iso)
        return Number.isNaN(date.getTime()) ? cellString(raw) : date
      }
      default: {
        const text = raw.trim()
        if (text === '') return null
        const n = Number(text)
        if (!Number.isFinite(n)) return cellString(raw)
        return this.parts.dateStyles[tag.style] === true ? serialToDate(n, this.parts.date1904) : n
      }
    }
  }
}
