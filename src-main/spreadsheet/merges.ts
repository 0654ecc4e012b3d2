import type { CellValue } from './cells'
import { isNotARecord } from './row-kinds'

// Cells merged down a column. Ledgers kept by hand merge a college, an applicant or a project over the
// rows it applies to ('机械工程学院' once, over six patents). The worksheet stores the value in the top
// cell only and lists the merge after all rows (<mergeCells> follows <sheetData>); read row by row, the
// other five rows would have no college. So the merges are found first and the top cell's value is given
// to every row the merge covers, as a reader of the sheet sees it.
//
// Only the first column of a merge is filled: a merge across columns is a heading or a banner, and copying
// it sideways would put one value under several fields.

/** One merged range, 0-based column, 1-based rows as the sheet numbers them. */
interface DownMerge {
  column: number
  top: number
  bottom: number
}

/** 'AB12' → [27, 12] (0-based column, row); null for anything else. */
function cellRef(ref: string): [number, number] | null {
  const m = /^([A-Z]{1,3})(\d{1,7})$/u.exec(ref)
  if (!m) return null
  let column = 0
  for (const ch of m[1]!) column = column * 26 + (ch.charCodeAt(0) - 64)
  return [column - 1, Number(m[2])]
}

/**
 * The merges that span more than one row, from a worksheet's XML after its rows (from `</sheetData>` on:
 * the merge list follows the rows, so the rows need not be searched).
 */
export function downMergesOf(tail: string): DownMerge[] {
  const merges: DownMerge[] = []
  const refs = /<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+):([A-Z]+\d+)"/gu
  for (let m = refs.exec(tail); m !== null; m = refs.exec(tail)) {
    const from = cellRef(m[1]!)
    const to = cellRef(m[2]!)
    if (from === null || to === null || to[1] <= from[1]) continue
    merges.push({ column: Math.min(from[0], to[0]), top: Math.min(from[1], to[1]), bottom: Math.max(from[1], to[1]) })
  }
  return merges
}

/** Fills the rows of a worksheet, in order, from the merges above them. */
export class MergeFill {
  /** Merges by their top row. */
  private readonly byTop = new Map<number, DownMerge[]>()
  /** Merges whose top row has been read: the value to give down to `bottom`. */
  private open: { column: number; bottom: number; value: CellValue }[] = []

  constructor(merges: readonly DownMerge[]) {
    for (const m of merges) {
      const list = this.byTop.get(m.top)
      if (list) list.push(m)
      else this.byTop.set(m.top, [m])
    }
  }

  get empty(): boolean {
    return this.byTop.size === 0
  }

  /**
   * Fills `values` of row `rowNumber` (in place) with the merged values of the rows above; returns the columns
   * filled, or null. A totals, note or banner row under a merge is left as it is, so that it still reads as one.
   */
  fill(rowNumber: number, values: CellValue[]): number[] | null {
    let filled: number[] | null = null
    if (this.open.length) {
      this.open = this.open.filter((m) => m.bottom >= rowNumber)
      if (this.open.length && !isNotARecord(values)) {
        for (const m of this.open) {
          if (values[m.column] !== null && values[m.column] !== undefined && values[m.column] !== '') continue
          while (values.length < m.column) values.push(null)
          values[m.column] = m.value
          ;(filled ??= []).push(m.column)
        }
      }
    }
    const starting = this.byTop.get(rowNumber)
    if (starting) {
      for (const m of starting) {
        const value = values[m.column]
        if (value !== null && value !== undefined && value !== '') this.open.push({ column: m.column, bottom: m.bottom, value })
      }
    }
    return filled
  }
}
