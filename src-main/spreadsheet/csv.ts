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

/** Comma, tab or semicolon: whichever splits the first line (outside quotes) most. */
export function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, Math.min(text.length, 64 * 1024)).split(/\r?\n/, 1)[0] ?? ''
  let best = ','
  let bestCount = 0
  for (const candidate of [',', '\t', ';']) {
    let count = 0
    let quoted = false
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted
      else if (!quoted && ch === candidate) count++
    }
    if (count > bestCount) {
      best = candidate
      bestCount = count
    }
  }
  return best
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
