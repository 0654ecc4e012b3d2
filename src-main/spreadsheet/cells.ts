// What a spreadsheet cell holds once read, whatever the file format.
export type CellValue = string | number | boolean | Date | null

interface RichText {
  richText: { text: string }[]
}
interface FormulaValue {
  formula?: string
  sharedFormula?: string
  result?: unknown
}
interface HyperlinkValue {
  text?: unknown
  hyperlink: string
}

/**
 * Flatten an exceljs cell value to a plain value. Formulas give their cached result, never the
 * formula: IPDesk reads data, it does not evaluate spreadsheets.
 */
export function plainCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray((value as RichText).richText)) return (value as RichText).richText.map((r) => r.text ?? '').join('')
    if ('formula' in value || 'sharedFormula' in value) return plainCellValue((value as FormulaValue).result)
    if ('hyperlink' in value) return plainCellValue((value as HyperlinkValue).text)
    if ('error' in value) return null
  }
  return null
}

/** The cell as trimmed text ('' for empty), for headers and text fields. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).replace(/\u00a0/g, ' ').trim()
}

export function isBlankRow(values: readonly CellValue[]): boolean {
  return values.every((v) => cellText(v) === '')
}
