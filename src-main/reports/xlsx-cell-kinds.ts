import JSZip from 'jszip'
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import type { CellKind } from '../contract/reports'
import { columnLetter } from '../spreadsheet'

// The spreadsheet kit formats whole columns. A few report tables hold different kinds of number in one
// column (概览's 数值: counts, training hours, 万元 amounts, shares), so once the kit has written the
// workbook this gives single cells their own number format: it finds (or adds) a cell style with the
// right format in styles.xml and points those cells at it. Only the style index of a numeric cell
// changes; values, text cells and everything else stay as the kit wrote them.

/** Built-in number formats of SpreadsheetML (ECMA-376 18.8.30); percent and 'number' are custom. */
const BUILTIN: Partial<Record<CellKind, number>> = { integer: 1, money: 4, number: 0 }
const CUSTOM: Partial<Record<CellKind, string>> = { percent: '0.0%', date: 'yyyy-mm-dd' }

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function numFmtIdFor(styles: { xml: string }, kind: CellKind): number {
  const builtin = BUILTIN[kind]
  if (builtin !== undefined) return builtin
  const code = CUSTOM[kind]
  if (code === undefined) return 49 // text: '@'
  const existing = new RegExp(`<numFmt numFmtId="(\\d+)" formatCode="${escapeRegExp(code)}"/>`).exec(styles.xml)
  if (existing) return Number(existing[1])
  const ids = [...styles.xml.matchAll(/<numFmt numFmtId="(\d+)"/g)].map((m) => Number(m[1]))
  const id = Math.max(163, ...ids) + 1
  const fmt = `<numFmt numFmtId="${id}" formatCode="${code}"/>`
  if (/<numFmts count="\d+">/.test(styles.xml)) {
    styles.xml = styles.xml.replace(/<numFmts count="(\d+)">/, (_m, n: string) => `<numFmts count="${Number(n) + 1}">${fmt}`)
  } else {
    styles.xml = styles.xml.replace(/(<styleSheet[^>]*>)/, `$1<numFmts count="1">${fmt}</numFmts>`)
  }
  return id
}

/** Index of a plain cell style (default font, no fill, no border) with this number format; added when missing. */
function xfIndexFor(styles: { xml: string }, kind: CellKind): number {
  const numFmtId = numFmtIdFor(styles, kind)
  const block = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(styles.xml)
  if (!block) throw new Error('styles.xml has no cellXfs')
  const xfs = [...block[2]!.matchAll(/<xf [^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0])
  const found = xfs.findIndex((xf) => xf.includes(`numFmtId="${numFmtId}"`) && xf.includes('fontId="0"') && xf.includes('fillId="0"') && xf.includes('borderId="0"'))
  if (found >= 0) return found
  const xf = `<xf numFmtId="${numFmtId}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`
  styles.xml = styles.xml.replace(block[0], `<cellXfs count="${xfs.length + 1}">${block[2]}${xf}</cellXfs>`)
  return xfs.length
}

/** Sheet XML paths in workbook order. */
async function sheetPaths(zip: JSZip): Promise<string[]> {
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? ''
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? ''
  const targets = new Map([...rels.matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]))
  for (const m of rels.matchAll(/<Relationship [^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"/g)) targets.set(m[2]!, m[1]!)
  return [...workbook.matchAll(/<sheet [^>]*?r:id="([^"]+)"/g)].map((m) => {
    const target = targets.get(m[1]!) ?? ''
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`
  })
}

/**
 * Give single cells their own number format. `kinds[i]` is for the i-th sheet: keys `${dataRow},${column}`
 * (0-based, data rows start below the header row).
 */
export async function applyCellKinds(path: string, kinds: Record<string, CellKind>[]): Promise<void> {
  if (kinds.every((k) => Object.keys(k).length === 0)) return
  const zip = await JSZip.loadAsync(readFileSync(path))
  const styles = { xml: (await zip.file('xl/styles.xml')?.async('string')) ?? '' }
  const paths = await sheetPaths(zip)
  for (let i = 0; i < kinds.length; i++) {
    const entries = Object.entries(kinds[i]!)
    if (!entries.length) continue
    const file = paths[i]
    const sheetXml = file ? await zip.file(file)?.async('string') : undefined
    if (!file || sheetXml === undefined) throw new Error(`sheet ${i + 1} not found in ${path}`)
    let xml = sheetXml
    for (const [key, kind] of entries) {
      const [row, column] = key.split(',').map(Number) as [number, number]
      const ref = `${columnLetter(column)}${row + 2}`
      const xf = xfIndexFor(styles, kind)
      xml = xml.replace(new RegExp(`<c r="${ref}"([^>]*?)(/?)>`), (_m, attrs: string, close: string) => {
        const rest = attrs.replace(/ s="\d+"/, '')
        return `<c r="${ref}" s="${xf}"${rest}${close}>`
      })
    }
    zip.file(file, xml)
  }
  zip.file('xl/styles.xml', styles.xml)
  const partial = `${path}.partial`
  try {
    writeFileSync(partial, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }))
    renameSync(partial, path)
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
}
