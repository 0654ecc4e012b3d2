import ExcelJS from 'exceljs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runImport } from '../../../src-main/archive/import/run'
import { exportAnnualReport } from '../../../src-main/reports/export'
import { updateSettings } from '../../../src-main/settings/service'
import { cellText, openTable } from '../../../src-main/spreadsheet'
import { tempArchive, tempDir } from '../helpers/temp'

// The report on an archive built the way a centre builds it: patent lists exported by CNIPA, 佰腾
// (GBK), incoPat (UTF-8 with BOM), Patsnap (half-width headers), a 58-column full export and a real
// public sample, imported through the archive's import engine. The 专利授权 sheet must give, for each
// of the three years, the grants counted straight from the imported rows.

const FIXTURES = join(__dirname, '../../fixtures/reports')
const FILES = ['cnipa_title_rows.xlsx', 'baiten_gbk.csv', 'incopat_utf8_bom.csv', 'patsnap_halfwidth.xlsx', 'full58_conversions.csv', 'date_forms.csv', 'separators.csv', 'software.xlsx', 'cn_patents_zkdsj_sample_10.csv']
const KINDS = ['invention', 'utility', 'design'] as const

async function grantsSheet(xlsx: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(xlsx)
  const rows: unknown[][] = []
  wb.getWorksheet('专利授权')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows.slice(1)
}

describe('the report on an archive imported from real export dialects', () => {
  it('专利授权 rows equal the grants counted from the imported rows, by kind, for the three years', async () => {
    const archive = await tempArchive()
    await updateSettings(archive.db, { universityName: '东海理工大学', universityAliases: ['中科大数据研究院'], operatorName: '测试馆员' })
    for (const file of FILES) {
      const summary = await runImport(archive, { kind: 'patents', file: join(FIXTURES, file), skipInvalid: true })
      expect(summary.inserted + summary.updated, file).toBeGreaterThan(0)
    }

    // Counted here, straight from the rows the import wrote.
    const counted = archive.sqlite
      .prepare("SELECT substr(grant_date, 1, 4) AS year, kind, count(*) AS n FROM ip_asset WHERE university_owned = 1 AND grant_date IS NOT NULL GROUP BY 1, 2")
      .all() as { year: string; kind: string; n: number }[]
    const years = [...new Set(counted.filter((c) => (KINDS as readonly string[]).includes(c.kind)).map((c) => Number(c.year)))].sort()
    expect(years.length).toBeGreaterThan(2)
    const expectedRow = (year: number) => {
      const of = (kind: string) => counted.find((c) => c.year === String(year) && c.kind === kind)?.n ?? 0
      const cells = KINDS.map(of)
      return [year, ...cells, cells.reduce((a, b) => a + b, 0)]
    }

    const dir = tempDir()
    for (const year of [years[years.length - 1]!, years[Math.floor(years.length / 2)]!]) {
      const result = await exportAnnualReport(archive.db, year, { docx: join(dir, `r${year}.docx`), xlsx: join(dir, `s${year}.xlsx`) })
      const rows = await grantsSheet(result.xlsxPath)
      expect(rows.slice(0, 3), String(year)).toEqual([year - 2, year - 1, year].map(expectedRow))
    }
  })

  it('the public sample’s grants by year and kind, counted from the source file itself', async () => {
    const archive = await tempArchive()
    await updateSettings(archive.db, { universityName: '中科大数据研究院' })
    const file = join(FIXTURES, 'cn_patents_zkdsj_sample_10.csv')
    await runImport(archive, { kind: 'patents', file, skipInvalid: true })

    // Independent of the archive: read the CSV, take 授权公告日 (YYYYMMDD), 申请号 and 申请人.
    const table = await openTable(file)
    let header: string[] = []
    const fromSource = new Map<string, number>()
    for await (const row of table.rows()) {
      const cells = row.values.map((v) => cellText(v))
      if (!header.length) {
        header = cells
        continue
      }
      const grant = cells[header.indexOf('授权公告日')] ?? ''
      // The kind from the application number's type digit (1/8 发明, 2/9 实用新型, 3 外观设计): the
      // 专利类型 cell says things like "发明公开;发明授权".
      const digit = (cells[header.indexOf('申请号')] ?? '').replace(/^CN/, '')[4]
      const kind = digit === '1' || digit === '8' ? 'invention' : digit === '2' || digit === '9' ? 'utility' : digit === '3' ? 'design' : 'other'
      const owner = cells[header.indexOf('申请人')] ?? ''
      if (!/^\d{8}$/.test(grant) || !owner.includes('中科大数据研究院')) continue
      const key = `${grant.slice(0, 4)}|${kind}`
      fromSource.set(key, (fromSource.get(key) ?? 0) + 1)
    }
    expect(fromSource.size).toBeGreaterThan(0)
    const latest = Math.max(...[...fromSource.keys()].map((k) => Number(k.slice(0, 4))))
    const dir = tempDir()
    const result = await exportAnnualReport(archive.db, latest, { docx: join(dir, 'r.docx'), xlsx: join(dir, 's.xlsx') })
    const rows = await grantsSheet(result.xlsxPath)
    for (const [i, year] of [latest - 2, latest - 1, latest].entries()) {
      const cells = KINDS.map((k) => fromSource.get(`${year}|${k}`) ?? 0)
      expect(rows[i], String(year)).toEqual([year, ...cells, cells.reduce((a, b) => a + b, 0)])
    }
  })
})
