import { readFileSync } from 'node:fs'
import path from 'node:path'

// The fixtures are copies of files in /work/shared/data (see data/SOURCES.md there for provenance);
// CI clones only this repository, so tests read the copies.
export const FIXTURE_DIR = path.resolve(__dirname, '../../fixtures/domain')

export function fixturePath(name: string): string {
  return path.join(FIXTURE_DIR, name)
}

export function readFixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8').replace(/^\ufeff/u, '')
}

export function readFixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)))
}

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF) — enough for the fixture files. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        field += ch
      }
    } else if (ch === '"') {
      quoted = true
    } else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else {
      field += ch
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** Rows of a CSV fixture as objects keyed by header. */
export function readCsvFixture(name: string): { headers: string[]; records: Record<string, string>[] } {
  const [headers = [], ...rows] = parseCsv(readFixtureText(name))
  const records = rows
    .filter((r) => r.some((c) => c !== ''))
    .map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ''])))
  return { headers, records }
}
