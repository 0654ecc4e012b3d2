import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { readdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src-main/contract/result'
import { openTable, sheet, writeWorkbook, type CellValue, type SheetRow, type TableReader } from '../../../src-main/spreadsheet'
import type { OpenTableOptions } from '../../../src-main/spreadsheet/read'
import { readWorkbookParts } from '../../../src-main/spreadsheet/xlsx-parts'
import { SheetScanner, type ScannedRow } from '../../../src-main/spreadsheet/xlsx-sheet'
import { decodeOoxmlEscapes, decodeXml } from '../../../src-main/spreadsheet/xml-text'
import { readEntry, zipDirectory } from '../../../src-main/spreadsheet/zip'
import { tempDir } from '../helpers/temp'
import { compareRows, withReader, withSettledReader, type Reader } from '../helpers/xlsx-readers'
import { crc32, writeZip, zipBytes, zipWithLayout, type ZipInput, type ZipMethod } from '../helpers/zip-writer'

// The worksheet scanner (src-main/spreadsheet/xlsx-*.ts, zip.ts) on real files: hand-made workbooks
// with exactly the XML each case needs (written by tests/unit/helpers/zip-writer.ts), LibreOffice's
// workbooks (tests/fixtures/spreadsheet/libreoffice, made from the .fods/.csv/.xlsx named in
// source/README.md), and every other .xlsx fixture read by both the scanner and exceljs.

const ROOT = join(import.meta.dirname, '..', '..', '..')
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min))

// ---------------------------------------------------------------------------------------------------
// Hand-made workbooks

interface HandSheet {
  name: string
  /** The inside of <sheetData> (unless `xml` gives the whole part). */
  rows?: string
  xml?: string
  state?: 'hidden' | 'veryHidden'
  chart?: boolean
  /** The part's name in the zip; default xl/worksheets/sheet<n>.xml (xl/chartsheets/sheet<n>.xml). */
  part?: string
  /** The relationship's Target as written; default relative to xl/. */
  target?: string
  method?: ZipMethod
}

interface HandBook {
  sheets: HandSheet[]
  /** Each <si>'s inner XML. */
  shared?: string[]
  /** cellXfs: the numFmtId of each style index; numFmts: custom format codes by id. */
  styles?: { numFmts?: Record<number, string>; xfs: number[] }
  date1904?: string
  /** Namespace prefix of every SpreadsheetML part ('x:' as the OpenXML SDK writes). */
  prefix?: '' | 'x:'
  /** Every attribute written with single quotes. */
  singleQuoted?: boolean
  /** Entry names to store first, in this order (the rest follow in the usual order). */
  first?: string[]
  omit?: string[]
  method?: ZipMethod
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function worksheetXml(rows: string, p = ''): string {
  const ns = p === '' ? `xmlns="${MAIN}"` : `xmlns:${p.slice(0, -1)}="${MAIN}"`
  return (
    `${DECL}<${p}worksheet ${ns} xmlns:r="${OFFICE_REL}"><${p}dimension ref="A1"/>` +
    `<${p}sheetViews><${p}sheetView tabSelected="1" workbookViewId="0"><${p}selection activeCell="A1" sqref="A1"/></${p}sheetView></${p}sheetViews>` +
    `<${p}sheetFormatPr defaultRowHeight="15"/><${p}cols><${p}col min="1" max="3" width="20" customWidth="1"/></${p}cols>` +
    `<${p}sheetData>${rows}</${p}sheetData>` +
    `<${p}mergeCells count="1"><${p}mergeCell ref="A1:B1"/></${p}mergeCells><${p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></${p}worksheet>`
  )
}

function bookEntries(book: HandBook): ZipInput[] {
  const p = book.prefix ?? ''
  const ns = p === '' ? `xmlns="${MAIN}"` : `xmlns:${p.slice(0, -1)}="${MAIN}"`
  const entries: ZipInput[] = []
  const rels: string[] = []
  const sheetTags: string[] = []
  const overrides: string[] = []
  book.sheets.forEach((s, i) => {
    const n = i + 1
    const type = s.chart ? 'chartsheet' : 'worksheet'
    const part = s.part ?? `xl/${type}s/sheet${n}.xml`
    rels.push(`<Relationship Id="rId${n}" Type="${OFFICE_REL}/${type}" Target="${s.target ?? part.replace(/^xl\//, '')}"/>`)
    sheetTags.push(`<${p}sheet name="${s.name}" sheetId="${n}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${n}"/>`)
    overrides.push(`<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${type}+xml"/>`)
    const xml = s.xml ?? (s.chart ? `${DECL}<${p}chartsheet ${ns} xmlns:r="${OFFICE_REL}"><${p}sheetViews><${p}sheetView workbookViewId="0"/></${p}sheetViews></${p}chartsheet>` : worksheetXml(s.rows ?? '', p))
    entries.push({ name: part, data: xml, method: s.method })
  })
  const parts: ZipInput[] = []
  const workbook =
    `${DECL}<${p}workbook ${ns} xmlns:r="${OFFICE_REL}"><${p}fileVersion appName="xl"/><${p}workbookPr${book.date1904 === undefined ? '' : ` date1904="${book.date1904}"`} defaultThemeVersion="124226"/>` +
    `<${p}bookViews><${p}workbookView xWindow="0" yWindow="0" windowWidth="20000" windowHeight="10000"/></${p}bookViews><${p}sheets>${sheetTags.join('')}</${p}sheets><${p}calcPr calcId="145621"/></${p}workbook>`
  if (book.shared) {
    rels.push(`<Relationship Id="rIdS" Type="${OFFICE_REL}/sharedStrings" Target="sharedStrings.xml"/>`)
    overrides.push(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
    const items = book.shared.map((si) => `<${p}si>${si}</${p}si>`).join('')
    parts.push({ name: 'xl/sharedStrings.xml', data: `${DECL}<${p}sst ${ns} count="${book.shared.length}" uniqueCount="${book.shared.length}">${items}</${p}sst>` })
  }
  if (book.styles) {
    rels.push(`<Relationship Id="rIdT" Type="${OFFICE_REL}/styles" Target="styles.xml"/>`)
    overrides.push(`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
    const custom = Object.entries(book.styles.numFmts ?? {})
    const numFmts = custom.length === 0 ? '' : `<${p}numFmts count="${custom.length}">${custom.map(([id, code]) => `<${p}numFmt numFmtId="${id}" formatCode="${attr(code)}"/>`).join('')}</${p}numFmts>`
    const xfs = book.styles.xfs.map((id) => `<${p}xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('')
    // cellStyleXfs holds a date format on purpose: a cell's s indexes cellXfs, never cellStyleXfs.
    parts.push({
      name: 'xl/styles.xml',
      data:
        `${DECL}<${p}styleSheet ${ns}>${numFmts}<${p}fonts count="1"><${p}font><${p}sz val="11"/><${p}name val="宋体"/></${p}font></${p}fonts>` +
        `<${p}fills count="1"><${p}fill><${p}patternFill patternType="none"/></${p}fill></${p}fills><${p}borders count="1"><${p}border/></${p}borders>` +
        `<${p}cellStyleXfs count="1"><${p}xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></${p}cellStyleXfs>` +
        `<${p}cellXfs count="${book.styles.xfs.length}">${xfs}</${p}cellXfs><${p}cellStyles count="1"><${p}cellStyle name="常规" xfId="0" builtinId="0"/></${p}cellStyles></${p}styleSheet>`,
    })
  }
  const all: ZipInput[] = [
    {
      name: '[Content_Types].xml',
      data:
        `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides.join('')}</Types>`,
    },
    { name: '_rels/.rels', data: `${DECL}<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: `${DECL}<Relationships xmlns="${PACKAGE_REL}">${rels.join('')}</Relationships>` },
    ...parts,
    ...entries,
  ]
  const kept = all.filter((e) => !(book.omit ?? []).includes(e.name))
  const first = book.first ?? []
  const ordered = [...first.map((name) => kept.find((e) => e.name === name)!), ...kept.filter((e) => !first.includes(e.name))]
  return ordered.map((e) => {
    const data = book.singleQuoted && typeof e.data === 'string' ? e.data.replace(/="([^"]*)"/g, "='$1'") : e.data
    return { ...e, data, method: e.method ?? book.method }
  })
}

function writeBook(book: HandBook, name = 'book.xlsx'): string {
  const path = join(tempDir(), name)
  writeZip(path, bookEntries(book))
  return path
}

// ---------------------------------------------------------------------------------------------------
// Reading

async function readWith(reader: Reader, path: string, options: OpenTableOptions = {}): Promise<{ rows: SheetRow[]; table: TableReader }> {
  const read = async () => {
    const table = openTable(path, options)
    const rows: SheetRow[] = []
    for await (const row of table.rows()) rows.push(row)
    return { rows, table, sheetNames: table.sheetNames }
  }
  return withSettledReader(reader, path, options.allSheets ?? false, read)
}

/** The rows as the scanner reads them; fails when the file would have gone to exceljs instead. */
async function scan(path: string, options: OpenTableOptions = {}): Promise<{ rows: SheetRow[]; table: TableReader }> {
  expect(readWorkbookParts(path), 'the scanner reads this workbook (no fallback to exceljs)').not.toBeNull()
  return readWith('scanner', path, options)
}

async function refusal(reader: Reader, path: string, options: OpenTableOptions = {}): Promise<{ error: AppError; before: SheetRow[] }> {
  const before: SheetRow[] = []
  const error = await withReader(reader, async () => {
    try {
      for await (const row of openTable(path, options).rows()) before.push(row)
    } catch (error) {
      if (error instanceof AppError) return error
      throw error
    }
    return null
  })
  if (error === null) throw new Error(`expected a refusal, read ${before.length} rows`)
  return { error, before }
}

/** Run `fn` with the process time zone set to `tz` (Node re-reads TZ when it is assigned). */
async function inTimeZone<T>(tz: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.TZ
  process.env.TZ = tz
  try {
    return await fn()
  } finally {
    if (saved === undefined) delete process.env.TZ
    else process.env.TZ = saved
  }
}

const values = (rows: SheetRow[]) => rows.map((r) => [r.rowNumber, r.values])

// ---------------------------------------------------------------------------------------------------

describe('zip writer (test helper)', () => {
  it('computes CRC-32 as zip does and writes stored and deflated entries any zip reader accepts', async () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926) // the standard check value
    expect(crc32(Buffer.alloc(0))).toBe(0)
    const big = Buffer.from('申请号,名称\n'.repeat(5000), 'utf8')
    const { bytes, layout } = zipWithLayout([
      { name: 'a/stored.txt', data: 'stored 内容', method: 'stored' },
      { name: 'b/deflated.xml', data: big },
      { name: '中文名.bin', data: Buffer.from([0, 1, 2, 255]), method: 'stored' },
    ])
    expect(layout.map((l) => [l.name, l.method, l.size])).toEqual([
      ['a/stored.txt', 'stored', Buffer.byteLength('stored 内容')],
      ['b/deflated.xml', 'deflated', big.length],
      ['中文名.bin', 'stored', 4],
    ])
    expect(layout[1]!.compressedSize).toBeLessThan(big.length / 10)
    // An independent reader that checks every CRC.
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true })
    expect(Object.keys(zip.files)).toEqual(['a/stored.txt', 'b/deflated.xml', '中文名.bin'])
    expect(await zip.file('a/stored.txt')!.async('string')).toBe('stored 内容')
    expect((await zip.file('b/deflated.xml')!.async('nodebuffer')).equals(big)).toBe(true)
    expect([...(await zip.file('中文名.bin')!.async('uint8array'))]).toEqual([0, 1, 2, 255])
    // A wrong CRC is noticed by that reader: the check above is not vacuous.
    const damaged = Buffer.from(bytes)
    damaged[layout[0]!.dataStart] ^= 1
    await expect(JSZip.loadAsync(damaged, { checkCRC32: true })).rejects.toThrow(/crc32/i)
    // And the scanner's own zip reader finds the same entries.
    const path = join(tempDir(), 'x.zip')
    writeFileSync(path, bytes)
    const directory = zipDirectory(path)!
    expect(directory.entries.map((e) => e.name)).toEqual(['a/stored.txt', 'b/deflated.xml', '中文名.bin'])
    expect(readEntry(path, directory.entries[1]!).equals(big)).toBe(true)
    expect(zipBytes({ 'x.txt': 'x' })).toBeInstanceOf(Buffer)
  })
})

describe('xlsx scanner: hand-made workbooks', () => {
  it('reads parts written with the x: namespace prefix everywhere (as the OpenXML SDK writes them)', async () => {
    const path = writeBook({
      prefix: 'x:',
      shared: ['<x:t>申请号</x:t>', '<x:r><x:t>富</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>文本</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ふ</x:t></x:rPh>'],
      styles: { xfs: [0, 14] },
      sheets: [
        {
          name: '数据',
          rows:
            '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c r="C1" s="1"><x:v>45013</x:v></x:c><x:c r="D1"><x:v>12.5</x:v></x:c></x:row>' +
            '<x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c r="B2" t="inlineStr"><x:is><x:r><x:t>一种</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>芯片</x:t></x:r></x:is></x:c>' +
            '<x:c r="C2" t="b"><x:v>1</x:v></x:c><x:c r="D2"><x:f>D1*2</x:f><x:v>25</x:v></x:c></x:row>',
        },
      ],
    })
    const { rows, table } = await scan(path)
    expect(values(rows)).toEqual([
      [1, ['申请号', '内联', utc(2023, 3, 28), 12.5]],
      [2, ['富文本', '一种芯片', true, 25]],
    ])
    expect(table.sheetName).toBe('数据')
  })

  it('places cells without r after the previous cell, numbers rows without r after the previous row, and reads self-closing rows and cells', async () => {
    const path = writeBook({
      sheets: [
        {
          name: 'S',
          rows:
            '<row r="1"><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>' +
            '<row><c><v>1</v></c></row>' +
            '<row r="4"/>' +
            '<row><c r="C5" s="0"/><c><v>7</v></c></row>' +
            '<row spans="1:2"><c/><c><v>8</v></c></row>' +
            '<row r="7"><c r="F7"></c></row>' +
            '<row r="9" spans="1:3"><c r="A9"><v>9</v></c><c r="C9" t="inlineStr"><is><t>c</t></is></c></row>',
        },
      ],
    })
    const { rows } = await scan(path)
    expect(values(rows)).toEqual([
      [1, ['a', 'b', null, null, 5, 6]],
      [2, [1]],
      [4, []],
      [5, [null, null, null, 7]],
      [6, [null, 8]],
      [7, []],
      [9, [9, null, 'c']],
    ])
  })

  it('joins the runs of rich shared strings, leaves out phonetic guides (<rPh>), decodes entities, CDATA and _xHHHH_ escapes, and reads no string for a missing or empty index', async () => {
    const shared = [
      '<t>申请号</t>',
      '<r><rPr><b/><sz val="11"/><rFont val="宋体"/><charset val="134"/></rPr><t>一种</t></r><r><t xml:space="preserve"> 芯片 </t></r><rPh sb="0" eb="2"><t>イッシュ</t></rPh><phoneticPr fontId="1" type="noConversion"/>',
      '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>',
      '<t/>',
      '<r><t>前</t></r><rPh sb="0" eb="1"><t>まえ</t></rPh><r><t>后</t></r>',
      '<t>a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#x4E2D;&#20013; &#x1F600;</t>',
      '<t><![CDATA[<b>&amp;</b>]]> 后</t>',
      '<t>第一行_x000D_\r\n第二行</t>',
      '<t>_x005F_x0041_ 与 _x0041_</t>',
      '<t xml:space="preserve">  空格  </t>',
    ]
    const cells = shared.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('')
    const path = writeBook({ shared, sheets: [{ name: 'S', rows: `<row r="1">${cells}<c r="K1" t="s"><v>99</v></c><c r="L1" t="s"><v></v></c><c r="M1" t="s"><v/></c></row>` }] })
    const { rows } = await scan(path)
    expect(rows[0]!.values).toEqual(['申请号', '一种 芯片 ', '東京', '', '前后', 'a&b <c> "d" \'e\' 中中 😀', '<b>&amp;</b> 后', '第一行\r\n第二行', '_x0041_ 与 A', '  空格  '])
  })

  it('joins every run of a rich inline string (exceljs keeps only the last) and decodes it once', async () => {
    const path = writeBook({
      sheets: [
        {
          name: 'S',
          rows:
            '<row r="1"><c r="A1" t="inlineStr"><is><r><t>一种</t></r><r><rPr><b/></rPr><t>锂电池</t></r><r><t>隔膜</t></r></is></c>' +
            '<c r="B1" t="inlineStr"><is><t>R&amp;D &lt;1&gt; &amp;amp;</t></is></c>' +
            '<c r="C1" t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c>' +
            '<c r="D1" t="inlineStr"><is><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></is></c>' +
            '<c r="E1" t="inlineStr"><is><t>行1_x000D_\n行2</t></is></c>' +
            '<c r="F1" t="inlineStr"><is><t/></is></c></row>',
        },
      ],
    })
    const { rows } = await scan(path)
    expect(rows[0]!.values).toEqual(['一种锂电池隔膜', 'R&D <1> &amp;', 'a<b', '東京', '行1\r\n行2', ''])
  })

  it('reads booleans, errors as null, ISO dates (t="d") on the day written whatever the time zone, and cached formula results', async () => {
    const path = writeBook({
      styles: { xfs: [0, 14] },
      sheets: [
        {
          name: 'S',
          rows:
            '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#N/A</v></c><c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
            '<c r="E1" t="d"><v>2023-03-28T00:00:00Z</v></c><c r="F1" t="d"><v>2023-03-28T00:00:00</v></c><c r="G1" t="d"><v>2023-03-28</v></c>' +
            '<c r="H1" t="d" s="1"><v>2022-06-30T14:30:00</v></c><c r="I1" t="b"><v>TRUE</v></c><c r="J1" t="b"><v>FALSE</v></c></row>' +
            '<row r="2"><c r="A2" t="str"><f>B2&amp;"&lt;1&gt;"</f><v>R&amp;amp;D &lt;1&gt;</v></c><c r="B2"><f>1+1</f><v>2</v></c>' +
            '<c r="C2" s="1"><f>DATE(2024,2,29)</f><v>45351</v></c><c r="D2" t="str"><f>""</f><v></v></c><c r="E2"><v>-1.5E-3</v></c>' +
            '<c r="F2" t="s"><v>7</v></c><c r="G2"><f t="shared" ref="G2:G3" si="0">B2*3</f><v>6</v></c><c r="H2" t="e"><f>A1+"x"</f><v>#VALUE!</v></c></row>',
        },
      ],
    })
    for (const tz of ['UTC', 'Asia/Shanghai', 'America/New_York']) {
      const { rows } = await inTimeZone(tz, () => scan(path))
      expect(values(rows), tz).toEqual([
        [1, [true, false, null, null, utc(2023, 3, 28), utc(2023, 3, 28), utc(2023, 3, 28), utc(2022, 6, 30, 14, 30), true, false]],
        [2, ['R&amp;D <1>', 2, utc(2024, 2, 29), '', -0.0015, null, 6]],
      ])
    }
  })

  it('reads numbers in date formats (built-in 14/22/31/57/58/27/36/50, custom 年月日 and yyyy/m/d;@) as Dates, and other formats as numbers', async () => {
    const formats: [number, boolean][] = [
      [0, false], // General
      [14, true],
      [31, true], // yyyy"年"m"月"d"日"
      [57, true], // yyyy"年"m"月"
      [58, true], // m"月"d"日"
      [164, true], // yyyy"年"m"月"d"日"
      [165, true], // yyyy/m/d;@
      [166, false], // 0.00
      [167, false], // #,##0"元"
      [22, true], // m/d/yy h:mm
      [27, true],
      [36, true],
      [50, true],
      [168, true], // [$-F800]dddd, mmmm dd, yyyy
      [169, false], // [Red]0.00;[Blue]-0.00
      [2, false], // 0.00
      [49, false], // @
      [170, false], // 0.0"天"
      [171, false], // [DBNum1][$-804]General
      [172, true], // yyyy\-mm\-dd (LibreOffice's escapes)
      [173, false], // #,##0\元
    ]
    const numFmts = {
      164: 'yyyy"年"m"月"d"日"',
      165: 'yyyy/m/d;@',
      166: '0.00',
      167: '#,##0"元"',
      168: '[$-F800]dddd, mmmm dd, yyyy',
      169: '[Red]0.00;[Blue]-0.00',
      170: '0.0"天"',
      171: '[DBNum1][$-804]General',
      172: 'yyyy\\-mm\\-dd',
      173: '#,##0\\元',
    }
    const cells = formats.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${i}"><v>45013</v></c>`).join('')
    const time = '<row r="2"><c r="A2" s="9"><v>45013.5</v></c></row>'
    const path = writeBook({ styles: { numFmts, xfs: formats.map(([id]) => id) }, sheets: [{ name: 'S', rows: `<row r="1">${cells}</row>${time}` }] })
    const { rows } = await scan(path)
    expect(rows[0]!.values).toEqual(formats.map(([, date]) => (date ? utc(2023, 3, 28) : 45013)))
    expect(rows[1]!.values).toEqual([utc(2023, 3, 28, 12)])

    // The same serial in a 1904 workbook is 1462 days later; 2023-03-28 is 43551 there.
    for (const flag of ['1', 'true']) {
      const old = writeBook({ date1904: flag, styles: { xfs: [0, 14] }, sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" s="1"><v>43551</v></c><c r="B1"><v>43551</v></c></row>' }] })
      expect((await scan(old)).rows[0]!.values).toEqual([utc(2023, 3, 28), 43551])
    }
  })

  it('reads visible worksheets in the order of workbook.xml (not of the zip or the part names), skipping hidden, very hidden and chart sheets', async () => {
    const path = writeBook({
      sheets: [
        { name: '隐藏', state: 'hidden', part: 'xl/worksheets/sheet2.xml', rows: '<row r="1"><c r="A1"><v>-1</v></c></row>' },
        { name: '图表', chart: true, part: 'xl/chartsheets/sheet1.xml' },
        { name: '数据A', part: 'xl/worksheets/sheet3.xml', target: 'worksheets/sheet3.xml', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>A</t></is></c></row>' },
        { name: '很隐藏', state: 'veryHidden', part: 'xl/worksheets/sheet4.xml', rows: '<row r="1"><c r="A1"><v>-2</v></c></row>' },
        { name: '数据B', part: 'xl/worksheets/sheet1.xml', target: '/xl/worksheets/sheet1.xml', rows: '<row r="3"><c r="B3" t="inlineStr"><is><t>B</t></is></c></row>' },
        { name: 'R&amp;D', part: 'xl/worksheets/sub/c.xml', target: './worksheets/../worksheets/sub/c.xml', rows: '<row r="2"><c r="A2" t="inlineStr"><is><t>C</t></is></c></row>' },
      ],
      // The zip stores sheet1.xml (数据B) and the hidden sheet before sheet3.xml (数据A).
      first: ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sub/c.xml'],
    })
    const first = await scan(path)
    expect(first.rows).toEqual([{ rowNumber: 1, values: ['A'] }])
    expect(first.table.sheetName).toBe('数据A')
    expect(first.table.sheetNames).toEqual(['数据A'])

    const all = await scan(path, { allSheets: true })
    expect(all.rows).toEqual([
      { rowNumber: 1, values: ['A'], sheet: 0 },
      { rowNumber: 3, values: [null, 'B'], sheet: 1 },
      { rowNumber: 2, values: ['C'], sheet: 2 },
    ])
    expect(all.table.sheetNames).toEqual(['数据A', '数据B', 'R&D'])
    expect(all.table.sheetName).toBe('R&D')
  })

  it('reads a workbook written with single-quoted attributes throughout', async () => {
    const path = writeBook({
      singleQuoted: true,
      shared: ['<t xml:space="preserve">申请号</t>'],
      styles: { numFmts: { 164: 'yyyy/m/d' }, xfs: [0, 164] },
      sheets: [
        { name: '隐藏', state: 'hidden', rows: '<row r="1"><c r="A1"><v>0</v></c></row>' },
        { name: '单引号', rows: '<row r="2" spans="1:3"><c r="A2" t="s"><v>0</v></c><c r="C2" s="1"><v>45013</v></c><c r="D2" t="inlineStr"><is><t>x</t></is></c></row>' },
      ],
    })
    const { rows, table } = await scan(path)
    expect(rows).toEqual([{ rowNumber: 2, values: ['申请号', null, utc(2023, 3, 28), 'x'] }])
    expect(table.sheetName).toBe('单引号')
    // The parts really are single-quoted.
    const entry = zipDirectory(path)!.entries.find((e) => e.name === 'xl/workbook.xml')!
    expect(readEntry(path, entry).toString()).toContain("state='hidden'")
  })

  it('refuses a worksheet whose XML stops inside <sheetData> (stored or deflated), naming the file, after the rows before the cut', async () => {
    for (const method of ['stored', 'deflated'] as const) {
      const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>申请号</t></is></c></row><row r="2"><c r="A2"><v>1'
      const xml = worksheetXml(rows).slice(0, worksheetXml(rows).indexOf('</sheetData>'))
      const path = writeBook({ sheets: [{ name: 'S', xml, method }] }, 'cut.xlsx')
      expect(readWorkbookParts(path)).not.toBeNull()
      const { error, before } = await refusal('scanner', path, { displayName: '截断的清单.xlsx' })
      expect(error.code).toBe('refused')
      expect(error.message).toMatch(/“截断的清单\.xlsx”.*不完整或已损坏/)
      expect(before).toEqual([{ rowNumber: 1, values: ['申请号'] }])
    }
  })

  it('refuses a deflated worksheet whose compressed data is damaged, also where it still inflates (CRC-32)', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>CN2023${String(i).padStart(6, '0')}.${i % 10} 一种装置</t></is></c><c r="B${i + 1}"><v>${i * 7}</v></c></row>`).join('')
    const entries = bookEntries({ sheets: [{ name: 'S', rows }] })
    const sheetIndex = entries.findIndex((e) => e.name === 'xl/worksheets/sheet1.xml')
    const { bytes, layout } = zipWithLayout(entries)
    const data = layout[sheetIndex]!
    expect(data.method).toBe('deflated')

    // (1) The first block's type set to 3, which deflate reserves.
    const badBlock = Buffer.from(bytes)
    badBlock[data.dataStart] |= 0b110
    // (2) The stream cut off: its second half zeroed.
    const zeroed = Buffer.from(bytes)
    zeroed.fill(0, data.dataStart + Math.floor(data.compressedSize / 2), data.dataStart + data.compressedSize)
    // (3) One bit flipped where the stream still inflates, to other text: only the CRC-32 tells.
    const original = inflateRawSync(bytes.subarray(data.dataStart, data.dataStart + data.compressedSize))
    let flipped: Buffer | null = null
    for (let at = data.dataStart + 20; at < data.dataStart + data.compressedSize - 20 && flipped === null; at++) {
      const candidate = Buffer.from(bytes)
      candidate[at] ^= 0x10
      try {
        const text = inflateRawSync(candidate.subarray(data.dataStart, data.dataStart + data.compressedSize))
        if (!text.equals(original) && text.toString('utf8').includes('</sheetData>')) flipped = candidate
      } catch {
        // this one zlib notices: try the next byte
      }
    }
    expect(flipped, 'a flipped bit that inflates without an error').not.toBeNull()
    for (const [name, damaged] of [
      ['bad-block.xlsx', badBlock],
      ['zeroed.xlsx', zeroed],
      ['flipped.xlsx', flipped!],
    ] as const) {
      const path = join(tempDir(), name)
      writeFileSync(path, damaged)
      expect(readWorkbookParts(path), name).not.toBeNull()
      const { error } = await refusal('scanner', path, { displayName: name })
      expect(error.code, name).toBe('refused')
      expect(error.message, name).toMatch(new RegExp(`“${name.replace('.', '\\.')}”.*不完整或已损坏`))
    }
  })

  it('leaves a zip without xl/workbook.xml to exceljs, which refuses it (no crash)', async () => {
    const path = writeBook({ omit: ['xl/workbook.xml'], sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }] }, 'no-workbook.xlsx')
    expect(zipDirectory(path)).not.toBeNull()
    expect(readWorkbookParts(path)).toBeNull()
    const { error } = await refusal('scanner', path, { displayName: '无工作簿.xlsx' })
    expect(error.code).toBe('refused')
    expect(error.message).toMatch(/无工作簿\.xlsx/)
  })

  it('finds the workbook part the package relations name, when it is not xl/workbook.xml', async () => {
    const renamed = bookEntries({ sheets: [{ name: '清单', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>申请号</t></is></c></row>' }] }).map((e) => {
      if (e.name === 'xl/workbook.xml') return { ...e, name: 'xl/book.xml' }
      if (e.name === 'xl/_rels/workbook.xml.rels') return { ...e, name: 'xl/_rels/book.xml.rels' }
      if (e.name === '_rels/.rels') return { ...e, data: String(e.data).replace('Target="xl/workbook.xml"', 'Target="/xl/book.xml"') }
      return e
    })
    const path = join(tempDir(), 'renamed.xlsx')
    writeZip(path, renamed)
    expect(readWorkbookParts(path)?.sheets.map((s) => s.name)).toEqual(['清单'])
    expect((await scan(path)).rows).toEqual([{ rowNumber: 1, values: ['申请号'] }])
  })

  it('leaves a workbook whose relations point at a missing worksheet to exceljs', async () => {
    const path = writeBook({ omit: ['xl/worksheets/sheet1.xml'], sheets: [{ name: 'S', rows: '' }] })
    expect(readWorkbookParts(path)).toBeNull()
  })
})

describe('limits against damaged and hostile files', () => {
  it('stops a row that never ends instead of growing it without end', () => {
    const scanner = new SheetScanner({ sharedStrings: [], dateStyles: [], date1904: false }, 10_000)
    expect(scanner.push('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>')).toEqual([{ rowNumber: 1, values: [1] }])
    const piece = 'x'.repeat(4096)
    expect(() => {
      for (let i = 0; i < 10; i++) scanner.push(piece)
    }).toThrow(/第 2 行之后的数据超过 10,000 个字符/u)
  })

  it('does not inflate a part read at once past its limit (a zip bomb in the shared strings)', () => {
    const bomb = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'炸'.repeat(400_000)}</t></si></sst>`
    const path = join(tempDir(), 'bomb.xlsx')
    const entries = bookEntries({ shared: [], sheets: [{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }] }).map((e) => (e.name === 'xl/sharedStrings.xml' ? { ...e, data: bomb } : e))
    writeZip(path, entries)
    const entry = zipDirectory(path)!.entries.find((e) => e.name === 'xl/sharedStrings.xml')!
    expect(entry.size).toBeGreaterThan(1_000_000)
    expect(entry.compressedSize).toBeLessThan(20_000)
    expect(() => readEntry(path, entry, 1_000_000)).toThrow()
    expect(readEntry(path, entry).length).toBe(entry.size)
  })
})

describe('SheetScanner fed in pieces', () => {
  const shared = ['申请号', '名称']
  const parts = { sharedStrings: shared, dateStyles: [false, true], date1904: false }

  function feed(xml: string, size: number): ScannedRow[] {
    const scanner = new SheetScanner(parts)
    const rows: ScannedRow[] = []
    for (let i = 0; i < xml.length && !scanner.done; i += size) rows.push(...scanner.push(xml.slice(i, i + size)))
    expect(scanner.done, `piece size ${size}: </sheetData> seen`).toBe(true)
    return rows
  }

  const body = (p: string) =>
    `<${p}row r="1" spans="1:4" x14ac:dyDescent="0.25"><${p}c r="A1" t="s"><${p}v>0</${p}v></${p}c><${p}c r="B1" t="s"><${p}v>1</${p}v></${p}c><${p}c r="C1" s="1"><${p}v>45013</${p}v></${p}c></${p}row>` +
    `<${p}row><${p}c t="inlineStr"><${p}is><${p}r><${p}t>一种</${p}t></${p}r><${p}r><${p}t xml:space='preserve'> 芯片&amp;封装 </${p}t></${p}r><${p}rPh sb="0" eb="1"><${p}t>いっしゅ</${p}t></${p}rPh></${p}is></${p}c><${p}c><${p}v>2</${p}v></${p}c></${p}row>` +
    `<${p}row r="4"/>` +
    `<${p}row><${p}c r="B5"/><${p}c t="str"><${p}f>A1&amp;"x"</${p}f><${p}v>a&amp;lt;b</${p}v></${p}c><${p}c t="inlineStr"><${p}is><${p}t><![CDATA[a<b & c]]></${p}t></${p}is></${p}c></${p}row>` +
    `<${p}row r="7"><${p}c r="A7" t="b"><${p}v>1</${p}v></${p}c><${p}c r="B7" t="e"><${p}v>#N/A</${p}v></${p}c><${p}c r="C7" t="d"><${p}v>2023-03-28T00:00:00</${p}v></${p}c><${p}c r="D7" t="inlineStr"><${p}is><${p}t>行1_x000D_\r\n行2</${p}t></${p}is></${p}c></${p}row>` +
    `<${p}row><${p}c r="AB8"><${p}v>28</${p}v></${p}c></${p}row>` +
    `<${p}row r="10"><${p}c r="A10" s="1"><${p}f>C1+1</${p}f><${p}v>45014</${p}v></${p}c></${p}row>`

  const expected: ScannedRow[] = [
    { rowNumber: 1, values: ['申请号', '名称', utc(2023, 3, 28)] },
    { rowNumber: 2, values: ['一种 芯片&封装 ', 2] },
    { rowNumber: 4, values: [] },
    { rowNumber: 5, values: [null, null, 'a&lt;b', 'a<b & c'] },
    { rowNumber: 7, values: [true, null, utc(2023, 3, 28), '行1\r\n行2'] },
    { rowNumber: 8, values: [...Array<null>(27).fill(null), 28] },
    { rowNumber: 10, values: [utc(2023, 3, 29)] },
  ]

  for (const p of ['', 'x:']) {
    it(`gives the same rows for pieces of 1, 7 and 4096 characters as for one push (prefix '${p}')`, () => {
      const xml = worksheetXml(body(p), p)
      // Text after </sheetData> that looks like rows is not data.
      const withTail = xml.replace('</worksheet>', `<${p}rowBreaks count="1"><${p}brk id="1"/></${p}rowBreaks></${p}worksheet>`)
      const whole = new SheetScanner(parts).push(withTail)
      expect(whole).toEqual(expected)
      for (const size of [1, 7, 4096]) expect(feed(withTail, size), `piece size ${size}`).toEqual(expected)
    })
  }

  it('keeps reading when a piece ends inside the XML declaration, the root tag or <sheetData', () => {
    const xml = worksheetXml(body(''))
    for (const cut of ['<?xml', '<worksheet', '<sheetData', '<row r="1"', '</row>', '</sheetData']) {
      const at = xml.indexOf(cut) + Math.ceil(cut.length / 2)
      const scanner = new SheetScanner(parts)
      const rows = [...scanner.push(xml.slice(0, at)), ...scanner.push(xml.slice(at))]
      expect(rows, cut).toEqual(expected)
      expect(scanner.done, cut).toBe(true)
    }
  })
})

// ---------------------------------------------------------------------------------------------------
// Differential: the scanner against exceljs on real files

const MS_PER_DAY = 86_400_000
const serialToTime = (serial: number, date1904: boolean) => Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * MS_PER_DAY)
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Where exceljs 4.4's streaming reader reads a cell otherwise than the scanner. Only these differences
 * are allowed; any other is a failure. In each the scanner's value is the right one, except
 * empty-string-as-null, where both mean an empty cell.
 * - date-as-number: a number in a date format that exceljs does not take for a date — a formula's
 *   result (exceljs gives formula results as plain numbers) or a built-in CJK date format (27–36,
 *   50–58). Compared through the date the number stands for.
 * - date1904-ignored: a workbook with date1904="true" (as LibreOffice writes it): exceljs only knows
 *   "1" and puts every date 1462 days early.
 * - iso-date-as-number: a t="d" cell, which exceljs reads with parseFloat (2023-03-28 → 2023).
 * - double-decoded: a t="str" (formula) or t="inlineStr" value, which exceljs XML-decodes a second
 *   time after its parser already has ('R&amp;amp;D' → 'R&amp;D' → 'R&D').
 * - escapes-undecoded: a shared string with SpreadsheetML's _xHHHH_ escapes, which exceljs' streaming
 *   reader leaves as written ('_x005F_x000D_' where the text is '_x000D_').
 * - last-inline-run: a rich inline string, of which exceljs keeps only the last run.
 * - phonetic-read: a plain shared string with a phonetic guide (<rPh>): exceljs gives the guide's
 *   reading instead of the text (東京 → トウキョウ).
 * - split-character: a character whose UTF-8 bytes a stream chunk boundary splits, which exceljs
 *   turns into U+FFFD (inline strings of worksheets over 1 MiB).
 * - empty-string-as-null: an empty shared string (<si><t></t></si>), '' for the scanner, null for exceljs.
 */
type Difference =
  | 'date-as-number'
  | 'date1904-ignored'
  | 'iso-date-as-number'
  | 'double-decoded'
  | 'escapes-undecoded'
  | 'last-inline-run'
  | 'phonetic-read'
  | 'split-character'
  | 'empty-string-as-null'

interface Workbook {
  date1904: boolean
  /** The readings of the phonetic guides in the shared strings. */
  phonetic: Set<string>
}

function workbookFacts(path: string): Workbook {
  const zip = zipDirectory(path)
  const entry = zip?.entries.find((e) => e.name === 'xl/sharedStrings.xml')
  const phonetic = new Set<string>()
  if (entry) {
    const xml = readEntry(path, entry).toString('utf8')
    for (const m of xml.matchAll(/<(?:\w+:)?rPh\b[^>]*>\s*<(?:\w+:)?t\b[^>]*>([\s\S]*?)<\/(?:\w+:)?t>/g)) phonetic.add(decodeXml(m[1]!))
  }
  return { date1904: readWorkbookParts(path)?.date1904 ?? false, phonetic }
}

function difference(scanned: CellValue, excel: CellValue | undefined, book: Workbook): Difference | 'same' | 'unexplained' {
  const b = excel === undefined ? null : excel
  if (scanned instanceof Date && b instanceof Date) {
    if (scanned.getTime() === b.getTime()) return 'same'
    return book.date1904 && scanned.getTime() - b.getTime() === 1462 * MS_PER_DAY ? 'date1904-ignored' : 'unexplained'
  }
  if (scanned === b) return 'same'
  if (scanned === '' && b === null) return 'empty-string-as-null'
  if (scanned instanceof Date && typeof b === 'number') {
    if (serialToTime(b, book.date1904) === scanned.getTime()) return 'date-as-number'
    if (b === scanned.getUTCFullYear()) return 'iso-date-as-number'
  }
  if (typeof scanned === 'string' && typeof b === 'string') {
    if (decodeXml(scanned) === b) return 'double-decoded'
    if (decodeOoxmlEscapes(b) === scanned) return 'escapes-undecoded'
    if (b !== '' && scanned.endsWith(b)) return 'last-inline-run'
    if (book.phonetic.has(b)) return 'phonetic-read'
    if (b.includes('\uFFFD') && !scanned.includes('\uFFFD') && new RegExp(`^${b.split(/\uFFFD+/u).map(escapeRegExp).join('.')}$`, 'u').test(scanned)) return 'split-character'
  }
  return 'unexplained'
}

interface Outcome {
  rows: SheetRow[]
  sheetNames: readonly string[]
  error: AppError | null
}

async function outcome(reader: Reader, path: string, allSheets: boolean): Promise<Outcome> {
  try {
    const { rows, table } = await readWith(reader, path, { allSheets })
    return { rows, sheetNames: [...table.sheetNames], error: null }
  } catch (error) {
    if (error instanceof AppError) return { rows: [], sheetNames: [], error }
    throw error
  }
}

function compare(scanned: SheetRow[], excel: SheetRow[], book: Workbook): { met: Partial<Record<Difference, number>>; unexplained: string[] } {
  return compareRows(scanned, excel, (a, b) => difference(a, b, book))
}

/** Workbooks from other writers, compared with exceljs cell by cell in xlsx-writers.test.ts (its own list of exceljs' differences). */
const WRITERS = join(ROOT, 'tests', 'fixtures', 'spreadsheet', 'writers')

function xlsxFilesUnder(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (path !== WRITERS) out.push(...xlsxFilesUnder(path))
    }
    else if (entry.name.endsWith('.xlsx')) out.push(path)
  }
  return out.sort()
}

describe('xlsx scanner against exceljs', () => {
  const fixtures = xlsxFilesUnder(join(ROOT, 'tests', 'fixtures'))
  const LO = 'tests/fixtures/spreadsheet/libreoffice/'

  it('finds the fixtures, LibreOffice workbooks among them', () => {
    const names = fixtures.map((f) => relative(ROOT, f))
    expect(names.filter((n) => n.startsWith(LO)).length).toBeGreaterThanOrEqual(7)
    expect(names.length).toBeGreaterThan(20)
  })

  /** What each file's comparison met, by file and reading ('first' or 'all' sheets). */
  const met: Record<string, Partial<Record<Difference, number>>> = {}

  for (const allSheets of [false, true]) {
    it.each(fixtures.map((f) => [relative(ROOT, f), f]))(`%s (${allSheets ? 'all sheets' : 'first sheet'}): the same rows as exceljs, but for documented differences`, async (name, path) => {
      const scanned = await outcome('scanner', path, allSheets)
      const excel = await outcome('exceljs', path, allSheets)
      if (scanned.error || excel.error) {
        // A file one reader refuses, the other refuses too.
        expect([scanned.error?.code, excel.error?.code], `${name}: ${scanned.error?.message} / ${excel.error?.message}`).toEqual(['refused', 'refused'])
        return
      }
      const { met: kinds, unexplained } = compare(scanned.rows, excel.rows, workbookFacts(path))
      expect(unexplained, name).toEqual([])
      expect(scanned.sheetNames, name).toEqual(excel.sheetNames)
      if (Object.keys(kinds).length > 0) met[`${name} ${allSheets ? 'all' : 'first'}`] = kinds
    })
  }

  // The differences met on the fixtures (exceljs 4.4.0), none in a file exceljs itself wrote:
  // - empty-string-as-null: the empty shared strings (<si><t></t></si>) of the workbooks saved by Excel
  //   (archive/own, reports/cnipa_title_rows, services/consultation-ledger-2023): '' against null;
  // - lo_features.xlsx (LibreOffice): date-as-number for the two date formulas (D2 =C2+365, F5 =DATE()),
  //   double-decoded for a formula's text result (H3 'R&amp;D-…' → 'R&D-…'), escapes-undecoded for a
  //   shared string holding the text _x000D_ (written _x005F_x000D_);
  // - lo_features_1904.xlsx: the same, and date1904-ignored for its four dates and time (five with the
  //   second sheet): LibreOffice writes date1904="true", which exceljs does not know.
  // The other LibreOffice workbooks (CSV with dates, Excel files re-saved, 6,000 rows of shared strings)
  // read the same in both.
  it('met exactly the documented differences listed here', () => {
    const emptyStrings: Record<string, number> = {
      'archive/own/baiten_minority_names.xlsx': 2,
      'archive/own/cnipa_title_rows.xlsx': 14,
      'archive/own/namesakes.xlsx': 2,
      'archive/own/patsnap_pct.xlsx': 2,
      'archive/own/projects.xlsx': 1,
      'archive/own/roster.xlsx': 2,
      'reports/cnipa_title_rows.xlsx': 14,
      'services/consultation-ledger-2023.xlsx': 46,
    }
    const expected: Record<string, Partial<Record<Difference, number>>> = {}
    for (const reading of ['first', 'all']) {
      for (const [file, n] of Object.entries(emptyStrings)) expected[`tests/fixtures/${file} ${reading}`] = { 'empty-string-as-null': n }
      expected[`${LO}lo_features.xlsx ${reading}`] = { 'date-as-number': 2, 'double-decoded': 1, 'escapes-undecoded': 1 }
      expected[`${LO}lo_features_1904.xlsx ${reading}`] = { 'date-as-number': 2, 'double-decoded': 1, 'escapes-undecoded': 1, 'date1904-ignored': reading === 'all' ? 5 : 4 }
    }
    expect(met).toEqual(expected)
  })

  it('exceljs differs from the scanner exactly where documented (hand-made cells)', async () => {
    const path = writeBook({
      shared: ['<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>', '<t>_x005F_x0041_</t>', '<t></t>'],
      styles: { xfs: [0, 14, 31, 57] },
      sheets: [
        {
          name: 'S',
          rows:
            '<row r="1"><c r="A1" t="str"><f>"x"</f><v>R&amp;amp;D</v></c><c r="B1" t="inlineStr"><is><r><t>一种</t></r><r><t>隔膜</t></r></is></c>' +
            '<c r="C1" t="s"><v>0</v></c><c r="D1" s="1"><f>DATE(2023,3,28)</f><v>45013</v></c><c r="E1" s="2"><v>45013</v></c><c r="F1" s="3"><v>45013</v></c>' +
            '<c r="G1" t="d"><v>2023-03-28T00:00:00Z</v></c><c r="H1" s="1"><v>45013</v></c><c r="I1" t="s"><v>1</v></c><c r="J1" t="s"><v>2</v></c>' +
            '<c r="K1" t="inlineStr"><is><t>R&amp;amp;D</t></is></c></row>',
        },
      ],
    })
    const scanned = (await scan(path)).rows[0]!.values
    const excel = (await readWith('exceljs', path)).rows[0]!.values
    expect(scanned).toEqual(['R&amp;D', '一种隔膜', '東京', utc(2023, 3, 28), utc(2023, 3, 28), utc(2023, 3, 28), utc(2023, 3, 28), utc(2023, 3, 28), '_x0041_', '', 'R&amp;D'])
    const kinds = scanned.map((v, i) => difference(v, excel[i], workbookFacts(path)))
    expect(kinds).toEqual([
      'double-decoded',
      'last-inline-run',
      'phonetic-read',
      'date-as-number',
      'date-as-number',
      'date-as-number',
      'iso-date-as-number',
      'same',
      'escapes-undecoded',
      'empty-string-as-null',
      'double-decoded',
    ])
  })

  it('reads large workbooks whose worksheet spans many stream chunks as written (inline and shared strings), where exceljs splits characters', async () => {
    const dir = tempDir()
    const inline = join(dir, 'inline.xlsx')
    const title = (i: number) => `一种锂电池隔膜及其制备方法（第${i}号）${'测'.repeat(i % 7)}`
    // Chinese inline strings: the worksheet's UTF-8 is split inside characters at chunk boundaries.
    await writeWorkbook(inline, [
      sheet<number>({
        name: '专利',
        columns: [
          { header: '申请号', value: (i) => `2023103${String(i).padStart(5, '0')}.${i % 10}` },
          { header: '名称', value: title },
          { header: '申请日', kind: 'date', value: (i) => utc(2020, 1, 1 + (i % 1500)) },
          { header: '件数', kind: 'integer', value: (i) => i % 13 },
        ],
        rows: Array.from({ length: 12_000 }, (_, i) => i),
      }),
    ])
    const shared = join(dir, 'shared.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('清单')
    ws.addRow(['申请号', '名称', '日期'])
    const name = (i: number) => `${i % 2 ? '一种芯片封装方法' : '一种锂电池隔膜'} & <${i % 5}>`
    for (let i = 0; i < 8000; i++) ws.addRow([`CN${202300000000 + i}.X`, name(i), utc(2023, 1, 1 + (i % 365))])
    writeFileSync(shared, Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: true } as Parameters<typeof wb.xlsx.writeBuffer>[0])))

    for (const path of [inline, shared]) {
      const sheetEntry = zipDirectory(path)!.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!
      expect(sheetEntry.size, path).toBeGreaterThan(1 << 20) // more than one 1 MiB inflate chunk
    }
    const inlineRows = (await scan(inline)).rows
    expect(inlineRows).toHaveLength(12_001)
    inlineRows.slice(1).forEach((row, i) => expect(row).toEqual({ rowNumber: i + 2, values: [`2023103${String(i).padStart(5, '0')}.${i % 10}`, title(i), utc(2020, 1, 1 + (i % 1500)), i % 13] }))
    const sharedRows = (await scan(shared)).rows
    expect(sharedRows).toHaveLength(8001)
    sharedRows.slice(1).forEach((row, i) => expect(row).toEqual({ rowNumber: i + 2, values: [`CN${202300000000 + i}.X`, name(i), utc(2023, 1, 1 + (i % 365))] }))

    const inlineDiff = compare(inlineRows, (await readWith('exceljs', inline)).rows, workbookFacts(inline))
    expect(inlineDiff.unexplained).toEqual([])
    expect(Object.keys(inlineDiff.met)).toEqual(['split-character'])
    expect(compare(sharedRows, (await readWith('exceljs', shared)).rows, workbookFacts(shared))).toEqual({ met: {}, unexplained: [] })
  })
})
