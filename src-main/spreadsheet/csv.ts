import { readFileSync } from 'node:fs'
import { decodeTextBytes } from '../domain/text-encoding'
import type { CellValue } from './cells'

export interface CsvText {
  text: string
  encoding: string
  delimiter: string
}

/** Decode a CSV file (UTF-8 with/without BOM, UTF-16, GBK/GB18030) and pick its delimiter. */
export function loadCsv(path: string): CsvText {
  const { text, encoding } = decodeTextBytes(readFileSync(path))
  return { text: text.replace(/^\ufeff/, ''), encoding, delimiter: sniffDelimiter(text) }
}

const DELIMITERS = [',', '\t', ';'] as const
/** Lines looked at to pick the delimiter: enough to get past a title or query line or two. */
const SNIFF_LINES = 30

/**
 * Comma, tab or semicolon: the one that splits the most of the first lines into the same number of
 * fields. A table's header and rows all have that number; a title line above them ('东海理工大学专利清单'),
 * a query line ('检索式：申请人=…; 申请日>=…') or a cell with a stray comma does not. Looking at the
 * first line alone picked the query line's semicolons. Ties go to the delimiter making more fields.
 * An Excel `sep=;` first line names the delimiter outright.
 */
export function sniffDelimiter(text: string): string {
  const limit = 64 * 1024
  const head = text.slice(0, limit).replace(/^\ufeff/u, '')
  const directive = /^sep=([,;\t|])\r?\n/u.exec(head)
  if (directive) return directive[1]!
  const counts = recordDelimiterCounts(head, text.length <= limit)
  let best: string = ','
  let bestScore = [0, 0]
  for (const [d, perRecord] of counts) {
    // The most common non-zero count, and how many records have it.
    const tally = new Map<number, number>()
    for (const n of perRecord) if (n > 0) tally.set(n, (tally.get(n) ?? 0) + 1)
    for (const [fields, records] of tally) {
      if (records > bestScore[0]! || (records === bestScore[0] && fields > bestScore[1]!)) {
        best = d
        bestScore = [records, fields]
      }
    }
  }
  return best
}

/** Per delimiter, how many times it occurs outside quotes in each of the first non-blank records. */
function recordDelimiterCounts(head: string, whole: boolean): Map<string, number[]> {
  const counts = new Map<string, number[]>(DELIMITERS.map((d) => [d, []]))
  const current = new Map<string, number>(DELIMITERS.map((d) => [d, 0]))
  let quoted = false
  let blank = true
  let records = 0
  const endRecord = () => {
    if (!blank) {
      for (const d of DELIMITERS) counts.get(d)!.push(current.get(d)!)
      records++
    }
    for (const d of DELIMITERS) current.set(d, 0)
    blank = true
  }
  for (const ch of head) {
    if (records >= SNIFF_LINES) break
    if (ch === '"') {
      quoted = !quoted
      blank = false
    } else if (quoted) continue
    else if (ch === '\n') endRecord()
    else if (ch === ',' || ch === '\t' || ch === ';') {
      current.set(ch, current.get(ch)! + 1)
      blank = false
    } else if (ch !== '\r' && ch !== ' ') blank = false
  }
  // The last record counts only when the text ends there: 64 KB may cut it short.
  if (whole) endRecord()
  return counts
}

/**
 * RFC 4180 rows from text: quoted fields may hold delimiters, doubled quotes and line breaks.
 * Yields 1-based row numbers as a spreadsheet would show them (a quoted line break does not start a
 * new row number), with the character offset reached for progress.
 */
/**
 * `="0123"`: the way exporters keep Excel from turning a number into a number (dropping its dot, its
 * leading zeros, writing it as 2.02311E+11) — the text inside is the value.
 */
function excelText(field: string): string {
  return field.length >= 3 && field.startsWith('="') && field.endsWith('"') ? field.slice(2, -1).replace(/""/gu, '"') : field
}

export function* csvRows(text: string, delimiter: string): Generator<{ rowNumber: number; values: CellValue[]; offset: number }> {
  let row: string[] = []
  let field = ''
  let quoted = false
  let rowNumber = 1
  let i = 0
  const n = text.length
  while (i < n) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      field += ch
      i++
      continue
    }
    if (ch === '"' && field === '') {
      quoted = true
      i++
      continue
    }
    if (ch === delimiter) {
      row.push(excelText(field))
      field = ''
      i++
      continue
    }
    if (ch === '\n' || ch === '\r') {
      row.push(excelText(field))
      field = ''
      if (ch === '\r' && text[i + 1] === '\n') i++
      i++
      yield { rowNumber, values: row, offset: i }
      row = []
      rowNumber++
      continue
    }
    field += ch
    i++
  }
  if (field !== '' || row.length) {
    row.push(excelText(field))
    yield { rowNumber, values: row, offset: n }
  }
}
