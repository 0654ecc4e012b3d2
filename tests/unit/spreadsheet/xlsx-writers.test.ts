import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openTable, type CellValue, type SheetRow } from '../../../src-main/spreadsheet'
import { readWorkbookParts } from '../../../src-main/spreadsheet/xlsx-parts'
import { importFile, rows as query, universityArchive } from '../archive/import/helpers'
import { compareRows, withReader, withSettledReader, type Reader } from '../helpers/xlsx-readers'

// Workbooks written by the writers real exports come from — openpyxl 3.0 (what Python tools and pandas
// use), XlsxWriter 3.0 (also with constant_memory), LibreOffice Calc 7.4, and exceljs 4.4 (its Workbook
// writer with and without styles, its streaming WorkbookWriter with shared strings and styles on and
// off) — each holding the same patent list and the same sheet of unusual cells, read by the worksheet
// scanner (the default reader) and by exceljs (the fallback), and imported through each.
//
// The files and what they hold: tests/fixtures/spreadsheet/writers/ (source/README.md; source/cells.json
// is the model every writer wrote, source/make.py regenerates them, the suite never runs it).

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'spreadsheet', 'writers')

type ModelCell =
  | null
  | string
  | number
  | { text: string }
  | { number: number; fmt: string }
  | { date: string; fmt: string }
  | { bool: boolean }
  | { error: string }
  | { formula: string; result: ModelCell }
  | { link: string; text: string }

interface ModelSheet {
  name: string
  title?: string
  header?: string[]
  rows: ModelCell[][]
}

const MODEL = JSON.parse(readFileSync(join(DIR, 'source', 'cells.json'), 'utf8')) as { patents: ModelSheet; query: ModelSheet; features: ModelSheet }

interface Writer {
  file: string
  /** What each writer does its own way (README.md). false: exceljs' useStyles: false. */
  styles: boolean
  formulaResults: boolean
  strings: 'shared' | 'inline'
}

const WRITERS: Writer[] = [
  // openpyxl 3.0: inline strings (as numeric character references), formulas without cached results,
  // relationship targets written as absolute paths (/xl/worksheets/sheet1.xml).
  { file: 'openpyxl.xlsx', styles: true, formulaResults: false, strings: 'inline' },
  // The same with the hidden sheet first (the list is the second tab, the one opened).
  { file: 'openpyxl_hidden_first.xlsx', styles: true, formulaResults: false, strings: 'inline' },
  { file: 'xlsxwriter.xlsx', styles: true, formulaResults: true, strings: 'shared' },
  // constant_memory: inline strings; its hidden sheet is the first one.
  { file: 'xlsxwriter_constant_memory.xlsx', styles: true, formulaResults: true, strings: 'inline' },
  // LibreOffice re-saved xlsxwriter.xlsx: its own styles (custom number formats from 164), booleans as
  // =TRUE()/=FALSE() formulas.
  { file: 'libreoffice.xlsx', styles: true, formulaResults: true, strings: 'shared' },
  { file: 'exceljs_workbook_styles.xlsx', styles: true, formulaResults: true, strings: 'shared' },
  // useStyles: false writes two cell styles, the default and built-in 14 for every date (formula results
  // included): no fonts, alignment or other number formats (the percent cell is General).
  { file: 'exceljs_workbook_nostyles.xlsx', styles: false, formulaResults: true, strings: 'shared' },
  { file: 'exceljs_stream_shared_styles.xlsx', styles: true, formulaResults: true, strings: 'shared' },
  { file: 'exceljs_stream_inline_styles.xlsx', styles: true, formulaResults: true, strings: 'inline' },
  // The hidden sheet first.
  { file: 'exceljs_stream_shared_nostyles.xlsx', styles: false, formulaResults: true, strings: 'shared' },
  { file: 'exceljs_stream_inline_nostyles.xlsx', styles: false, formulaResults: true, strings: 'inline' },
]

const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min))
const MS_PER_DAY = 86_400_000
const isoDate = (iso: string) => new Date(`${iso.length === 10 ? `${iso}T00:00` : iso}:00Z`)

/** What a model cell reads as, from this writer's file. */
function expectedValue(cell: ModelCell, writer: Writer): CellValue {
  if (cell === null || typeof cell === 'string' || typeof cell === 'number') return cell
  if ('text' in cell) return cell.text // a text cell or a hyperlink's shown text
  if ('number' in cell) return cell.number
  if ('date' in cell) return isoDate(cell.date)
  if ('bool' in cell) return cell.bool
  if ('error' in cell) return null
  return writer.formulaResults ? expectedValue(cell.result, writer) : null
}

function expectedRows(sheet: ModelSheet, index: number, writer: Writer): SheetRow[] {
  const grid: ModelCell[][] = sheet.title !== undefined ? [[sheet.title], sheet.header!, ...sheet.rows] : sheet.rows
  return grid.map((cells, i) => {
    const values = cells.map((c) => expectedValue(c, writer))
    while (values.length > 0 && values[values.length - 1] === null) values.pop()
    return { rowNumber: i + 1, values, sheet: index }
  })
}

// ---------------------------------------------------------------------------------------------------
// Reading

async function read(reader: Reader, path: string, allSheets = true): Promise<{ rows: SheetRow[]; sheetNames: string[]; sheetName: string | null }> {
  return withSettledReader(reader, path, allSheets, async () => {
    const table = openTable(path, { allSheets })
    const rows: SheetRow[] = []
    for await (const row of table.rows()) rows.push(row)
    return { rows, sheetNames: [...table.sheetNames], sheetName: table.sheetName }
  })
}

const cell = (rows: SheetRow[], sheet: number, rowNumber: number, column: string): CellValue | undefined =>
  rows.find((r) => (r.sheet ?? 0) === sheet && r.rowNumber === rowNumber)?.values[column.charCodeAt(0) - 65]

describe('workbooks from real writers, read by the scanner', () => {
  it('has every writer’s file, each small, each one the scanner reads itself (no fallback to exceljs)', () => {
    for (const writer of WRITERS) {
      const parts = readWorkbookParts(join(DIR, writer.file))
      expect(parts, writer.file).not.toBeNull()
      expect(parts!.sheets.map((s) => [s.name, s.hidden]).sort(), writer.file).toEqual([
        ['专利清单', false],
        ['检索式', true],
        ['特殊单元格', false],
      ])
      expect(parts!.sharedStrings.length > 0, writer.file).toBe(writer.strings === 'shared')
      // Without styles, exceljs still gives every date cell built-in format 14 (and nothing else).
      if (!writer.styles) expect(parts!.dateStyles, writer.file).toEqual([false, true])
      else expect(parts!.dateStyles.length, writer.file).toBeGreaterThan(2)
      expect(readFileSync(join(DIR, writer.file)).length, writer.file).toBeLessThan(100_000)
    }
  })

  it.each(WRITERS.map((w) => [w.file, w]))('%s: every cell as the model says, hidden sheet left out', async (_name, writer) => {
    const { rows, sheetNames } = await read('scanner', join(DIR, writer.file))
    expect(sheetNames).toEqual(['专利清单', '特殊单元格'])
    expect(rows).toEqual([...expectedRows(MODEL.patents, 0, writer), ...expectedRows(MODEL.features, 1, writer)])
  })

  it.each(WRITERS.map((w) => [w.file, w]))('%s: key cells, spelled out', async (_name, writer) => {
    const { rows } = await read('scanner', join(DIR, writer.file))
    const date = utc
    // The list: title row, header in row 2, the first patent in row 3.
    expect(cell(rows, 0, 1, 'A')).toBe('专利检索结果（共 8 条）——中科大数据研究院')
    expect(rows.find((r) => r.rowNumber === 2)!.values).toEqual(['序号', '申请号', '申请日', '公开（公告）号', '公开（公告）日', '发明名称', '申请（专利权）人', '发明人', '法律状态', 'IPC主分类号', '摘要', '链接'])
    expect(cell(rows, 0, 3, 'B')).toBe('202223220665.2') // application number as text
    expect(cell(rows, 0, 3, 'C')).toEqual(date(2022, 12, 2)) // yyyy-mm-dd
    expect(cell(rows, 0, 3, 'L')).toBe('CN218751475U') // a hyperlink's shown text
    const abstract = cell(rows, 0, 3, 'K') as string
    expect(abstract.startsWith('为解决目前无人机在实际的使用过程中')).toBe(true)
    expect(abstract.split('\n')).toHaveLength(7) // Alt+Enter line breaks kept
    expect(cell(rows, 0, 4, 'C')).toBe(20211130) // a date as the number 20211130
    expect(cell(rows, 0, 4, 'E')).toEqual(date(2022, 6, 17)) // yyyy/m/d
    expect(cell(rows, 0, 4, 'K')).toContain('扬声器 & 双闪灯 <切换按键>。\n\n语音播报预警信息可清晰传送到人耳部位 📷🔊，生僻字𠀀𪚥不丢失。')
    expect(cell(rows, 0, 5, 'C')).toBe('2021/7/15') // a date as text
    expect(cell(rows, 0, 5, 'F')).toBe('  无人机巡检系统  ')
    // Empty cells in the middle (no publication number or date), nothing after the IPC class.
    expect(rows.find((r) => r.rowNumber === 6 && r.sheet === 0)!.values).toEqual([4, ' 202121635426.6 ', date(2021, 7, 15), null, null, '大气质量监测系统', '中科大数据研究院', '郭振强;刘敏;王元卓;王煜炜;付艳波', '有权-审定授权', 'G01N33/00'])
    expect(cell(rows, 0, 7, 'C')).toEqual(date(2021, 7, 28)) // built-in format 14
    expect(cell(rows, 0, 8, 'B')).toBe(202121762003) // an application number turned into a number
    expect(cell(rows, 0, 8, 'C')).toEqual(date(2021, 7, 30)) // built-in 31 (XlsxWriter) / yyyy"年"m"月"d"日"
    expect(cell(rows, 0, 9, 'E')).toEqual(date(2023, 6, 9)) // yyyy-mm-dd hh:mm
    expect(rows.find((r) => r.rowNumber === 10 && r.sheet === 0)!.values).toEqual([8, '202211359874.7', null, null, null, 'R&D <web端> "数据" \'通用\' 采集方法', null, null, '有权-审定授权'])

    // The sheet of unusual cells.
    const b = (row: number) => cell(rows, 1, row, 'B')
    expect([b(2), b(3), b(4), b(5), b(6), b(7), b(8)]).toEqual(Array(7).fill(date(2023, 3, 28))) // iso, slash, 年月日, 14, 31, 57, 58
    expect(b(9)).toEqual(date(2023, 3, 28, 14, 30))
    expect([b(10), b(11), b(12)]).toEqual(['2023-03-28', '202310397744.0', 20230328])
    // Formulas give their cached result; openpyxl writes none.
    expect([b(13), b(14), b(15)]).toEqual(writer.formulaResults ? ['202310397744.0x', date(2023, 3, 28), 2] : [undefined, undefined, undefined])
    expect([b(16), b(17), b(18)]).toEqual([true, false, null]) // booleans; #N/A reads as empty
    expect(cell(rows, 1, 18, 'C')).toBe('错误值读作空')
    expect(b(19)).toBe('国家知识产权局')
    expect(b(20)).toBe('A&B <c> "d" \'e\' a>b')
    expect(b(21)).toBe('（一种）：“装置”，；！？【发明】、……')
    expect(b(22)).toBe('🔬🧪 𠀀𪚥 😀')
    expect(b(23)).toBe('  两端有空格  ')
    expect(b(24)).toBe('第一行\n第二行\n\n第四行')
    expect(b(25)).toBe('=1+1 不是公式')
    expect([b(26), b(27), b(28)]).toEqual([3.14159, 202310397744, 0.125])
    expect(rows.find((r) => r.rowNumber === 29 && r.sheet === 1)!.values).toEqual([null, null, '只有 C 列'])
    expect(rows.find((r) => r.rowNumber === 30 && r.sheet === 1)!.values).toEqual(['只有 A 列'])
    // =HYPERLINK("https://www.incopat.com/","incoPat链接") gives the text shown; =0*1 its 0.
    expect([b(31), b(32)]).toEqual(writer.formulaResults ? ['incoPat链接', 0] : [undefined, undefined])
  })

  it.each(WRITERS.map((w) => [w.file, w]))('%s: without allSheets, the patent list (the first visible sheet) only', async (_name, writer) => {
    const { rows, sheetName } = await read('scanner', join(DIR, writer.file), false)
    expect(sheetName).toBe('专利清单')
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  })
})

// ---------------------------------------------------------------------------------------------------
// The scanner against exceljs (the comparison of xlsx-scanner.test.ts, with the kinds these writers add)

const serialToTime = (serial: number) => Math.round((serial - 25569) * MS_PER_DAY)

/**
 * Where exceljs 4.4's streaming reader reads these files otherwise than the scanner. In each the
 * scanner's value is the right one (the model's). Only these are allowed, each counted per file below.
 * - date-as-number (as in xlsx-scanner.test.ts): a number in a date format exceljs does not take for
 *   a date — a formula's cached result (exceljs gives every formula result as a plain number), or a
 *   built-in CJK date format 27–36 / 50–58 (XlsxWriter writes 31, 57, 58 as the built-ins they are).
 * - bool-formula-as-number: a formula with a boolean result (LibreOffice writes TRUE and FALSE cells as
 *   =TRUE() / =FALSE()): exceljs parseFloat's the cached value, TRUE → 1.
 * - falsy-formula-result-lost: … and FALSE's 0 is then dropped altogether (exceljs' FormulaValue copies
 *   only truthy results): null. The same loses a formula's cached 0 or ''. (It also drops the NaN that
 *   parseFloat makes of a cached error — XlsxWriter's and LibreOffice's =NA() holding #N/A — so that
 *   one reads as empty in both, as it should.)
 */
type Difference = 'date-as-number' | 'bool-formula-as-number' | 'falsy-formula-result-lost'

function difference(scanned: CellValue, excel: CellValue | undefined): Difference | 'same' | 'unexplained' {
  const b = excel === undefined ? null : excel
  if (scanned instanceof Date && b instanceof Date) return scanned.getTime() === b.getTime() ? 'same' : 'unexplained'
  if (scanned === b) return 'same'
  if (scanned instanceof Date && typeof b === 'number' && serialToTime(b) === scanned.getTime()) return 'date-as-number'
  if (scanned === true && b === 1) return 'bool-formula-as-number'
  if ((scanned === false || scanned === 0 || scanned === '') && b === null) return 'falsy-formula-result-lost'
  return 'unexplained'
}

function compare(scanned: SheetRow[], excel: SheetRow[]): { met: Partial<Record<Difference, number>>; unexplained: string[] } {
  return compareRows(scanned, excel, difference)
}

describe('workbooks from real writers: the scanner against exceljs', () => {
  // Wherever a writer stores cached formula results, the exceljs path reads the features sheet's
  // =DATE(2023,3,28) as a number and loses =0*1's 0.
  const formulas = { 'date-as-number': 1, 'falsy-formula-result-lost': 1 }
  // XlsxWriter also writes built-in 31 on two dates of the list and 31, 57 and 58 on the features sheet.
  const xlsxwriter = { 'date-as-number': 1 + 2 + 3, 'falsy-formula-result-lost': 1 }
  const expected: Record<string, Partial<Record<Difference, number>>> = {
    'xlsxwriter.xlsx': xlsxwriter,
    'xlsxwriter_constant_memory.xlsx': xlsxwriter,
    // LibreOffice wrote 31, 57 and 58 as custom formats (exceljs sees dates), TRUE and FALSE as =TRUE()/=FALSE().
    'libreoffice.xlsx': { 'date-as-number': 1, 'bool-formula-as-number': 1, 'falsy-formula-result-lost': 2 },
    'exceljs_workbook_styles.xlsx': formulas,
    'exceljs_workbook_nostyles.xlsx': formulas,
    'exceljs_stream_shared_styles.xlsx': formulas,
    'exceljs_stream_inline_styles.xlsx': formulas,
    'exceljs_stream_shared_nostyles.xlsx': formulas,
    'exceljs_stream_inline_nostyles.xlsx': formulas,
  }

  it.each(WRITERS.filter((w) => !w.file.startsWith('openpyxl')).map((w) => [w.file, w]))('%s: the same sheets and rows, but for the differences listed', async (name) => {
    const scanned = await read('scanner', join(DIR, name))
    const excel = await read('exceljs', join(DIR, name))
    expect(excel.sheetNames).toEqual(scanned.sheetNames)
    const { met, unexplained } = compare(scanned.rows, excel.rows)
    expect(unexplained).toEqual([])
    expect(met).toEqual(expected[name])
  })

  it.each(['openpyxl.xlsx', 'openpyxl_hidden_first.xlsx'])(
    "%s: exceljs alone misses the sheet names and the hidden state; IPDesk's exceljs reading takes them from the workbook and reads the same",
    async (name) => {
      // openpyxl's xl/_rels/workbook.xml.rels says Target="/xl/worksheets/sheet1.xml"; exceljs' streaming
      // reader matches only 'worksheets/sheet1.xml' (workbook-reader.js _parseWorksheet), so it knows
      // neither the sheets' names ('Sheet1' …) nor which one is hidden, as when it meets a worksheet before
      // workbook.xml. read.ts then takes both from the workbook's own list: the hidden 检索式 is skipped.
      const path = join(DIR, name)
      const scanned = await read('scanner', path)
      const excel = await read('exceljs', path)
      expect(excel.sheetNames).toEqual(scanned.sheetNames)
      expect(excel.sheetNames).not.toContain('检索式')
      expect(compare(scanned.rows, excel.rows)).toEqual({ met: {}, unexplained: [] }) // no cached formula results: null for both
    },
  )

  it('openpyxl_hidden_first.xlsx: so without allSheets both readers read the list, not the hidden sheet before it', async () => {
    const path = join(DIR, 'openpyxl_hidden_first.xlsx')
    const scanned = await read('scanner', path, false)
    const excel = await read('exceljs', path, false)
    expect([scanned.sheetName, scanned.rows[0]!.values[0]]).toEqual(['专利清单', '专利检索结果（共 8 条）——中科大数据研究院'])
    expect([excel.sheetName, excel.rows[0]!.values[0]]).toEqual(['专利清单', '专利检索结果（共 8 条）——中科大数据研究院'])
  })

  it('names each difference only where it is one (the kinds above, on hand-written values)', () => {
    expect(difference(utc(2023, 3, 28), 45013)).toBe('date-as-number')
    expect(difference(utc(2023, 3, 28), 45014)).toBe('unexplained')
    expect(difference(true, 1)).toBe('bool-formula-as-number')
    expect(difference(false, null)).toBe('falsy-formula-result-lost')
    expect(difference(null, 0)).toBe('unexplained')
    expect(difference(0, null)).toBe('falsy-formula-result-lost')
    expect(difference('a', 'a')).toBe('same')
    expect(difference('a', undefined)).toBe('unexplained')
  })
})

// ---------------------------------------------------------------------------------------------------
// The real import, through each reader

const ASSET_COLUMNS = 'app_no, kind, filing_date, pub_no, pub_date, grant_no, title, applicants, ipc_main, abstract, status_group, status_raw'

async function imported(reader: Reader, writer: Writer) {
  const archive = await universityArchive()
  const summary = await withReader(reader, () => importFile(archive, 'patents', join(DIR, writer.file)))
  const assets = query<Record<string, unknown>>(archive, `SELECT ${ASSET_COLUMNS} FROM ip_asset ORDER BY app_no`)
  const inventors = query(archive, 'SELECT a.app_no, count(*) AS n FROM asset_inventor i JOIN ip_asset a ON a.id = i.asset_id GROUP BY a.app_no ORDER BY a.app_no')
  return { summary, assets, inventors }
}

/** What every writer's list imports as (the numbers normalised, the dates whatever their cell, titles on one line). */
const EXPECTED_ASSETS = [
  // app_no, filing_date, pub_no, pub_date, title
  ['202121635235.X', '2021-07-15', 'CN217546176U', '2022-10-04', '无人机巡检系统'], // dates as text, title with blanks around
  ['202121635426.6', '2021-07-15', null, null, '大气质量监测系统'], // number with blanks around; yyyy"年"m"月"d"日"
  ['202121741650.3', '2021-07-28', 'CN216160555U', '2022-04-01', '无人机空气污染物溯源系统'], // built-in 14
  ['202121762003.0', '2021-07-30', 'CN215590999U', '2022-01-21', '一种用于清除垃圾的无人机'], // the number 202121762003; built-in 31
  ['202122975192.6', '2021-11-30', 'CN216774847U', '2022-06-17', '一种可拍照便携式实时语音播报端测摄像头（改进型）'], // CN…; 20211130
  ['202211359874.7', null, null, null, 'R&D <web端> "数据" \'通用\' 采集方法'], // only some cells
  ['202211740332.4', '2022-12-30', 'CN116245100A', '2023-06-09', '一种基于图模型的新闻关键词抽取方法及装置'], // 2022年12月30日 as text; a date-time
  ['202223220665.2', '2022-12-02', 'CN218751475U', '2023-03-28', '一种无人机机载多功能盒'],
]

describe('workbooks from real writers: imported as patent lists', () => {
  it.each(WRITERS.map((w) => [w.file, w]))('%s: eight patents, the same whichever reader', async (name, writer) => {
    const scanned = await imported('scanner', writer)
    expect(scanned.summary).toMatchObject({ fileName: name, dialect: 'cnipa', headerRow: 2, written: true, rows: 8, inserted: 8, rejected: 0, errors: [], warnings: [] })
    expect(scanned.assets.map((a) => [a.app_no, a.filing_date, a.pub_no, a.pub_date, a.title])).toEqual(EXPECTED_ASSETS)
    const asset = (appNo: string) => scanned.assets.find((a) => a.app_no === appNo)!
    // The abstract keeps its line breaks (the import trims only its ends); the title is made one line.
    expect(asset('202223220665.2').abstract).toBe(MODEL.patents.rows[0]![10])
    expect(asset('202122975192.6').abstract).toBe(
      '本实用新型公开了一种可拍照便携式实时语音播报端测摄像头，涉及端测摄像头领域；\n包括摄像头壳体，摄像头壳体上设置有高清摄像头模组、数字拾音器、SD卡、USB接口、扬声器 & 双闪灯 <切换按键>。\n\n语音播报预警信息可清晰传送到人耳部位 📷🔊，生僻字𠀀𪚥不丢失。',
    )
    expect(asset('202211740332.4')).toMatchObject({
      abstract: '本发明公开了一种基于图模型的新闻关键词抽取方法及装置：\n  1. 构建词图；\n  2. 计算“重要度”（PageRank）；\n  3. 输出关键词。',
      applicants: '中科大数据研究院; 东海理工大学',
      status_group: 'pending',
      kind: 'invention',
    })
    expect(asset('202121635426.6')).toMatchObject({ abstract: '', grant_no: null, ipc_main: 'G01N33/00', status_group: 'valid' })
    expect(scanned.inventors).toHaveLength(7)

    const excel = await imported('exceljs', writer)
    expect(excel.summary).toEqual(scanned.summary)
    expect(excel.assets).toEqual(scanned.assets)
    expect(excel.inventors).toEqual(scanned.inventors)
  })
})
