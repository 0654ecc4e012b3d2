import { readableEntry, readEntry, zipDirectory, type ZipEntry } from './zip'
import { attributeByLocalName, attributes, findTag, rootPrefix, runsText, tagEnd } from './xml-text'

// What a workbook says about its worksheets before any of them is read: their names, order and
// visibility (workbook.xml and its relations), the shared-string table, which cell styles are dates
// (styles.xml) and the date system. Read at once — these parts are small next to the worksheets,
// which xlsx-sheet.ts streams.

export interface WorkbookSheet {
  name: string
  hidden: boolean
  entry: ZipEntry
}

export interface WorkbookParts {
  /** Worksheets in the order of the workbook's tabs (chart sheets left out). */
  sheets: WorkbookSheet[]
  sharedStrings: string[]
  /** Per cell-style index (a cell's s attribute): whether its number format shows a date or time. */
  dateStyles: boolean[]
  /** Dates counted from 1904 (old Mac workbooks) rather than 1900. */
  date1904: boolean
}

const WORKSHEET_TYPE = /\/worksheet$/u
const SHARED_STRINGS_TYPE = /\/sharedStrings$/u
const STYLES_TYPE = /\/styles$/u

/** Built-in number formats that show dates or times: 14–22, the CJK date formats 27–36 and 50–58, and 45–47. */
function builtInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)
}

/** A custom format code that shows a date or time: a y, m, d, h, s (or Buddhist b) outside quotes, brackets and escapes. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*\]/gu, '')
    .replace(/"[^"]*"/gu, '')
    .replace(/\\./gu, '')
  return /[ymdhsbYMDHSB]/u.test(bare.replace(/General/giu, '').replace(/AM\/PM|A\/P/giu, ''))
}

function text(buffer: Buffer): string {
  // A part may start with a UTF-8 byte-order mark.
  const s = buffer.toString('utf8')
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s
}

/** Each tag named `local` (any prefix) in `s`, with its attributes. */
function* tags(s: string, local: string): Generator<{ at: number; end: number; attrs: Map<string, string> }> {
  const pattern = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${local}(?=[\\s/>])`, 'gu')
  for (const m of s.matchAll(pattern)) {
    const end = tagEnd(s, m.index)
    if (end < 0) return
    yield { at: m.index, end, attrs: attributes(s, m.index, end) }
  }
}

/** 'worksheets/sheet1.xml' relative to 'xl/workbook.xml' → 'xl/worksheets/sheet1.xml'; '/xl/…' is from the root. */
function resolvePart(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').slice(0, -1)
  for (const segment of target.replace(/^\/+/u, '').split('/')) {
    if (segment === '..') parts.pop()
    else if (segment !== '.' && segment !== '') parts.push(segment)
  }
  return parts.join('/')
}

const OFFICE_DOCUMENT_TYPE = /\/officeDocument$/u

/** The workbook part the package's relations name (xl/workbook.xml nearly always; some generators use another name). */
function workbookPart(packageRels: string | null): string {
  if (packageRels !== null) {
    for (const { attrs } of tags(packageRels, 'Relationship')) {
      const target = attrs.get('Target')
      if (target !== undefined && OFFICE_DOCUMENT_TYPE.test(attrs.get('Type') ?? '')) return resolvePart('', target)
    }
  }
  return 'xl/workbook.xml'
}

/** 'xl/workbook.xml' → 'xl/_rels/workbook.xml.rels' */
function relsOf(part: string): string {
  const slash = part.lastIndexOf('/')
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`
}

function sharedStringsOf(s: string): string[] {
  const p = rootPrefix(s) ?? ''
  const open = `<${p}si`
  const close = `</${p}si>`
  const out: string[] = []
  let i = 0
  for (;;) {
    const at = findTag(s, open, i)
    if (at < 0) return out
    const gt = tagEnd(s, at)
    if (gt < 0) return out
    if (s.charCodeAt(gt - 1) === 47) {
      out.push('')
      i = gt + 1
      continue
    }
    const end = s.indexOf(close, gt)
    if (end < 0) return out
    out.push(runsText(s.slice(gt + 1, end), p))
    i = end + close.length
  }
}

function dateStylesOf(s: string): boolean[] {
  const custom = new Map<number, string>()
  for (const { attrs } of tags(s, 'numFmt')) {
    const id = Number(attrs.get('numFmtId'))
    if (Number.isInteger(id)) custom.set(id, attrs.get('formatCode') ?? '')
  }
  const start = /<(?:[A-Za-z_][\w.-]*:)?cellXfs[\s>]/u.exec(s)
  if (!start) return []
  const endMatch = /<\/(?:[A-Za-z_][\w.-]*:)?cellXfs>/u.exec(s.slice(start.index))
  const section = s.slice(start.index, endMatch ? start.index + endMatch.index : s.length)
  const out: boolean[] = []
  for (const { attrs } of tags(section, 'xf')) {
    const id = Number(attrs.get('numFmtId') ?? '0')
    const code = custom.get(id)
    out.push(code !== undefined ? isDateFormatCode(code) : builtInDate(id))
  }
  return out
}

interface WorkbookIndex {
  sheets: WorkbookSheet[]
  workbook: string
  targets: Map<string, { type: string; part: string }>
  find: (name: string) => ZipEntry | undefined
  load: (entry: ZipEntry | undefined) => string | null
}

/** workbook.xml, its relations and the worksheets they name; null as for readWorkbookParts. */
function workbookIndex(path: string): WorkbookIndex | null {
  const zip = zipDirectory(path)
  if (zip === null) return null
  const byName = new Map(zip.entries.map((e) => [e.name, e]))
  const byLowerName = new Map(zip.entries.map((e) => [e.name.toLowerCase(), e]))
  const find = (name: string) => byName.get(name) ?? byLowerName.get(name.toLowerCase())
  const load = (entry: ZipEntry | undefined): string | null => (entry && readableEntry(entry) ? text(readEntry(path, entry)) : null)
  const workbookName = workbookPart(load(find('_rels/.rels')))
  const workbook = load(find(workbookName))
  const rels = load(find(relsOf(workbookName)))
  if (workbook === null || rels === null) return null
  const targets = new Map<string, { type: string; part: string }>()
  for (const { attrs } of tags(rels, 'Relationship')) {
    const id = attrs.get('Id')
    const target = attrs.get('Target')
    if (id === undefined || target === undefined || attrs.get('TargetMode') === 'External') continue
    targets.set(id, { type: attrs.get('Type') ?? '', part: resolvePart(workbookName, target) })
  }
  const sheets: WorkbookSheet[] = []
  for (const { attrs } of tags(workbook, 'sheet')) {
    const rel = targets.get(attributeByLocalName(attrs, 'id', true) ?? '')
    if (rel === undefined) return null
    if (!WORKSHEET_TYPE.test(rel.type)) continue // a chart sheet or dialog sheet: no cells
    const entry = find(rel.part)
    if (entry === undefined || !readableEntry(entry)) return null
    const state = attrs.get('state')
    sheets.push({ name: attrs.get('name') ?? `Sheet${sheets.length + 1}`, hidden: state === 'hidden' || state === 'veryHidden', entry })
  }
  if (sheets.length === 0) return null
  return { sheets, workbook, targets, find, load }
}

/** The worksheets of the workbook at `path`, without reading its shared strings or styles; null as for readWorkbookParts. */
export function workbookSheets(path: string): WorkbookSheet[] | null {
  try {
    return workbookIndex(path)?.sheets ?? null
  } catch {
    return null
  }
}

/**
 * The workbook's parts at `path`; null when the file is not a workbook this reader knows how to read
 * (no zip directory, no xl/workbook.xml, encrypted or unusual entries, a worksheet it cannot find) —
 * the caller then leaves it to exceljs, which reads it or says why it cannot.
 */
export function readWorkbookParts(path: string): WorkbookParts | null {
  try {
    const index = workbookIndex(path)
    if (index === null) return null
    const { sheets, workbook, targets, find, load } = index
    const partOfType = (type: RegExp, fallback: string) => [...targets.values()].find((t) => type.test(t.type))?.part ?? fallback
    const sharedEntry = find(partOfType(SHARED_STRINGS_TYPE, 'xl/sharedStrings.xml'))
    const stylesEntry = find(partOfType(STYLES_TYPE, 'xl/styles.xml'))
    if ((sharedEntry && !readableEntry(sharedEntry)) || (stylesEntry && !readableEntry(stylesEntry))) return null
    const shared = load(sharedEntry)
    const styles = load(stylesEntry)
    let date1904 = false
    for (const { attrs } of tags(workbook, 'workbookPr')) {
      const v = attrs.get('date1904')
      date1904 = v === '1' || v === 'true'
    }
    return { sheets, sharedStrings: shared === null ? [] : sharedStringsOf(shared), dateStyles: styles === null ? [] : dateStylesOf(styles), date1904 }
  } catch {
    return null
  }
}
