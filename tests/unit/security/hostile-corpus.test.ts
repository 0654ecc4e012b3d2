import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import JSZip from 'jszip'
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateHostileCorpus, generateShapedCorpus, OTHER_SHAPES, PATENT_HEADERS, SHAPES, type HostileFile, type HostileTopic } from '../../fixtures/hostile/generate'
import { tempDir } from '../helpers/temp'

// The generator of the hostile-input corpus produces every file it lists, and each file really is
// what its manifest says (the importers' tests rely on that).

let dir: string
let corpus: HostileFile[]
const byName = (name: string) => {
  const file = corpus.find((f) => f.name === name)
  if (!file) throw new Error(`corpus has no ${name}`)
  return file
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipdesk-hostile-'))
  corpus = await generateHostileCorpus(dir)
}, 180_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function readWorkbook(name: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(readFileSync(byName(name).path) as unknown as ArrayBuffer)
  return wb
}

/** Stream one part of a zip (inflating chunk by chunk) and count `needle` in it, plus its size. */
async function scanZipEntry(file: string, entry: string, needle: string): Promise<{ count: number; bytes: number }> {
  const zip = await JSZip.loadAsync(readFileSync(file))
  const part = zip.file(entry)
  if (!part) throw new Error(`${entry} missing`)
  let count = 0
  let bytes = 0
  let carry = ''
  // JSZip's stream is an old-style Node stream (no async iteration): listen to it.
  await new Promise<void>((resolve, reject) => {
    part
      .nodeStream('nodebuffer')
      .on('data', (chunk: Buffer) => {
        bytes += chunk.length
        const text = carry + chunk.toString('latin1')
        let at = text.indexOf(needle)
        while (at !== -1) {
          count++
          at = text.indexOf(needle, at + needle.length)
        }
        carry = text.slice(-needle.length + 1)
      })
      .on('end', () => resolve())
      .on('error', reject)
  })
  return { count, bytes }
}

describe('hostile corpus generator', () => {
  it('writes every listed file, at least 40, with unique names', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40)
    expect(new Set(corpus.map((f) => f.name)).size).toBe(corpus.length)
    for (const file of corpus) {
      expect(existsSync(file.path), file.name).toBe(true)
      if (file.topic !== 'empty' || file.name.includes('header-only') || file.name.includes('whitespace')) expect(statSync(file.path).size, file.name).toBeGreaterThan(0)
      expect(['refuse', 'import', 'either']).toContain(file.expect)
      expect(file.probe.length).toBeGreaterThan(3)
    }
  })

  it('covers every kind of bad file issue 8 names', () => {
    const topics: HostileTopic[] = ['empty', 'truncated zip', 'wrong type', 'macro-enabled', 'formula cells', 'merged header cells', 'hidden sheets', 'million rows', '32767-char cells', 'mixed encodings', 'BOM variants', 'CSV injection', 'invalid dates', 'negative amounts']
    for (const topic of topics) expect(corpus.some((f) => f.topic === topic), topic).toBe(true)
  })

  it('empty, truncated and disguised files are what they claim', async () => {
    expect(statSync(byName('empty.xlsx').path).size).toBe(0)
    expect(statSync(byName('empty.csv').path).size).toBe(0)
    await expect(JSZip.loadAsync(readFileSync(byName('truncated-zip.xlsx').path))).rejects.toThrow()
    await expect(JSZip.loadAsync(readFileSync(byName('truncated-header.xlsx').path))).rejects.toThrow()
    expect(readFileSync(byName('pdf-named.xlsx').path).subarray(0, 5).toString()).toBe('%PDF-')
    expect(readFileSync(byName('legacy-binary.xls').path).readUInt32BE(0)).toBe(0xd0cf11e0)
    expect(readFileSync(byName('csv-text-named.xlsx').path, 'utf8').startsWith(PATENT_HEADERS.join(','))).toBe(true)
    const docx = await JSZip.loadAsync(readFileSync(byName('docx-named.xlsx').path))
    expect(docx.file('word/document.xml')).not.toBeNull()
    expect(docx.file('xl/workbook.xml')).toBeNull()
  })

  it('the macro-enabled workbook carries a VBA project and still has its data', async () => {
    const zip = await JSZip.loadAsync(readFileSync(byName('macro-enabled.xlsm').path))
    expect(zip.file('xl/vbaProject.bin')).not.toBeNull()
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('macroEnabled')
    const wb = await readWorkbook('macro-enabled.xlsm')
    expect(wb.worksheets[0]!.rowCount).toBe(21)
  })

  it('XML attacks are in place and the zip bomb inflates a thousandfold', async () => {
    const xxe = await JSZip.loadAsync(readFileSync(byName('xxe-external-entity.xlsx').path))
    expect(await xxe.file('xl/worksheets/sheet1.xml')!.async('string')).toMatch(/<!ENTITY xxe SYSTEM "file:\/\/\/etc\/passwd">[\s\S]*&xxe;/)
    const laughs = await JSZip.loadAsync(readFileSync(byName('billion-laughs.xlsx').path))
    expect(await laughs.file('xl/worksheets/sheet1.xml')!.async('string')).toContain('&lol9;')
    const bomb = byName('zip-bomb.xlsx')
    expect(statSync(bomb.path).size).toBeLessThan(1024 * 1024)
    expect((await scanZipEntry(bomb.path, 'xl/worksheets/sheet1.xml', '<row ')).bytes).toBeGreaterThan(64 * 1024 * 1024)
  })

  it('formula, merged, hidden and 32,767-character cells are real workbook features', async () => {
    const formulas = await readWorkbook('formula-cells.xlsx')
    expect(formulas.worksheets[0]!.getCell('D2').formula).toContain('HYPERLINK')
    expect(formulas.worksheets[0]!.getCell('D3').formula).toContain('cmd|')
    const merged = await readWorkbook('merged-header.xlsx')
    expect((merged.worksheets[0]!.model as { merges: string[] }).merges).toEqual(expect.arrayContaining(['A1:D1', 'E1:I1']))
    const hidden = await readWorkbook('hidden-first-sheet.xlsx')
    expect(hidden.worksheets.map((w) => w.state)).toEqual(['hidden', 'visible'])
    const veryHidden = await readWorkbook('very-hidden-sheet.xlsx')
    expect(veryHidden.worksheets.map((w) => w.state)).toEqual(['visible', 'veryHidden'])
    const long = await readWorkbook('cells-32767-chars.xlsx')
    expect(String(long.worksheets[0]!.getCell('D2').value)).toHaveLength(32_767)
    expect(String(long.worksheets[0]!.getCell('E3').value)).toHaveLength(32_767)
    const wide = await readWorkbook('columns-16384.xlsx')
    expect(wide.worksheets[0]!.getRow(1).cellCount).toBe(16_384)
    const date1904 = await readWorkbook('date1904.xlsx')
    expect(date1904.properties.date1904).toBe(true)
  })

  it('encodings and byte-order marks are as labelled', () => {
    const bytes = (name: string) => readFileSync(byName(name).path)
    expect([...bytes('utf8-bom.csv').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect([...bytes('utf8-double-bom.csv').subarray(0, 6)]).toEqual([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf])
    expect([...bytes('utf16le-bom.csv').subarray(0, 2)]).toEqual([0xff, 0xfe])
    expect([...bytes('utf16be-bom.csv').subarray(0, 2)]).toEqual([0xfe, 0xff])
    expect(bytes('utf16le-no-bom.csv').toString('utf16le').startsWith('申请号')).toBe(true)
    const gbk = bytes('gbk-no-bom.csv')
    expect(gbk.toString('utf8')).not.toContain('发明名称')
    expect(iconv.decode(gbk, 'gbk')).toContain('发明名称')
    expect(iconv.decode(bytes('gb18030-rare-chars.csv'), 'gb18030')).toContain('𬌗')
    expect(iconv.decode(bytes('big5.csv'), 'big5')).toContain('申請號')
    const mixed = bytes('mixed-utf8-gbk.csv')
    expect(mixed.toString('utf8')).toContain('发明名称')
    expect(iconv.decode(mixed, 'gbk')).toContain('一种用于')
    expect(mixed.toString('utf8')).toContain('\ufffd') // the GBK half is not valid UTF-8
  })

  it('injection strings, odd dates and negative amounts are in the data', () => {
    const text = (name: string) => readFileSync(byName(name).path, 'utf8')
    for (const s of ['=cmd|', '+SUM', '-2+3', '@SUM']) expect(text('csv-injection.csv')).toContain(s)
    for (const s of ['2023-02-30', '0000-00-00', '昨天']) expect(text('invalid-dates.csv')).toContain(s)
    for (const s of ['-1000', '（1,000）', '十万元']) expect(text('negative-amounts.csv')).toContain(s)
    expect(text('cell-100k-chars.csv')).toContain('超'.repeat(100_000))
    expect(text('nul-in-cell.csv')).toContain('\u0000')
    expect(text('control-chars.csv')).not.toContain('\u0000')
    expect(text('control-chars.csv')).toContain('\u202e')
  })

  it('the million-row files hold 1,000,000 data rows', async () => {
    const xlsx = byName('million-rows.xlsx')
    expect((await scanZipEntry(xlsx.path, 'xl/worksheets/sheet1.xml', '<row ')).count).toBe(1_000_001)
    const csvFile = byName('million-rows.csv')
    let lines = 0
    for await (const line of createInterface({ input: createReadStream(csvFile.path), crlfDelay: Number.POSITIVE_INFINITY })) if (line) lines++
    expect(lines).toBe(1_000_001)
  }, 120_000)

  it('can leave the large files out for quick runs', async () => {
    const small = await generateHostileCorpus(tempDir(), { large: false })
    expect(small.some((f) => f.large)).toBe(false)
    expect(small.length).toBe(corpus.length - 2)
  })

  it('writes the content-level files in the columns of every other import', async () => {
    for (const shape of OTHER_SHAPES) {
      const shaped = await generateShapedCorpus(tempDir(), shape, { large: false })
      expect(shaped.length, shape).toBeGreaterThanOrEqual(18)
      for (const file of shaped) {
        expect(file.shape).toBe(shape)
        expect(file.name.startsWith(`${shape}-`)).toBe(true)
        expect(statSync(file.path).size, file.name).toBeGreaterThan(0)
      }
      const headers = SHAPES[shape].headers
      const injection = readFileSync(shaped.find((f) => f.name === `${shape}-csv-injection.csv`)!.path, 'utf8')
      expect(injection.startsWith(headers.join(','))).toBe(true)
      for (const s of ['=cmd|', '+SUM', '-2+3', '@SUM']) expect(injection, shape).toContain(s)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(readFileSync(shaped.find((f) => f.name === `${shape}-formula-cells.xlsx`)!.path) as unknown as ArrayBuffer)
      const ws = wb.worksheets[0]!
      expect(ws.getRow(1).values).toEqual([undefined, ...headers])
      const letter = String.fromCharCode(65 + SHAPES[shape].text)
      expect(ws.getCell(`${letter}2`).formula).toContain('HYPERLINK')
    }
  })
})
