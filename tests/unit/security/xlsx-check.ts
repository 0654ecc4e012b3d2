import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { readFileSync } from 'node:fs'

// Reading back a workbook IPDesk wrote: every formula it contains (there must be none), and every text it
// shows, so a test can check that hostile text came out as the same text.

export interface WorkbookScan {
  /** `sheet!A1: formula` for every formula cell, from the XML itself and from exceljs' reading of it. */
  formulas: string[]
  /** Every string value of every cell (rich text joined). */
  strings: Set<string>
  sheets: string[]
}

export async function scanWorkbook(file: string): Promise<WorkbookScan> {
  const formulas: string[] = []
  const zip = await JSZip.loadAsync(readFileSync(file))
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string')
    // <f>…</f>, <f t="shared" …/>: any formula element at all (no other worksheet element is named f).
    for (const m of xml.matchAll(/<f[\s>/]/g)) formulas.push(`${name} @${m.index}: ${xml.slice(Math.max(0, m.index - 40), m.index + 60)}`)
  }
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer)
  const strings = new Set<string>()
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Formula || cell.formula) formulas.push(`${ws.name}!${cell.address}: ${String(cell.formula)}`)
        const v = cell.value
        if (typeof v === 'string') strings.add(v)
        else if (v && typeof v === 'object' && 'richText' in v) strings.add(v.richText.map((r) => r.text).join(''))
      })
    })
  }
  return { formulas, strings, sheets: wb.worksheets.map((w) => w.name) }
}
