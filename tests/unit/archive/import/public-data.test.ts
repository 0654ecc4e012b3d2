import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectSource } from '../../../../src-main/archive/import/source'
import { checkNumber } from '../../../../src-main/domain/cn-number'
import { updateSettings } from '../../../../src-main/settings/service'
import { importFile, one, pub, rows, universityArchive } from './helpers'

// Every file of ../shared/data (copied into tests/fixtures/archive) imports or validates as described
// in SOURCES.md and in the import's design notes (README, 导入专利清单).

describe('the public data files', () => {
  it('cn_application_numbers_cnipa_collector.txt: all 504 numbers are valid inventions', () => {
    const numbers = readFileSync(pub('cn_application_numbers_cnipa_collector.txt'), 'utf8').split(/\r?\n/).filter(Boolean)
    expect(numbers).toHaveLength(504)
    for (const n of numbers) {
      const c = checkNumber(n)
      expect(c.valid, n).toBe(true)
      expect(c.kind, n).toBe('invention')
    }
  })

  it('cn_application_numbers_multi_source.csv: all 25 validate; as a patent list each row says the title is missing', async () => {
    const lines = readFileSync(pub('cn_application_numbers_multi_source.csv'), 'utf8').split(/\r?\n/).filter(Boolean).slice(1)
    expect(lines).toHaveLength(25)
    const kinds = { 1: 'invention', 2: 'utility', 3: 'design', 8: 'invention' } as Record<string, string>
    for (const line of lines) {
      const [number, typeDigit] = line.split(',')
      const c = checkNumber(number!)
      expect(c.valid, number).toBe(true)
      expect(c.kind, number).toBe(kinds[typeDigit!])
    }
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', pub('cn_application_numbers_multi_source.csv'))
    expect(summary).toMatchObject({ rows: 25, inserted: 0, rejected: 25, written: false })
    expect(summary.errors[0]).toMatchObject({ row: 2, message: expect.stringContaining('缺少名称') })
    expect(one(archive, 'SELECT count(*) AS n FROM ip_asset')).toEqual({ n: 0 })
  })

  it('cn_patents_zkdsj_sample_10.csv (24 of the 58 columns): 10 patents with status, IPC, inventors, expiry', async () => {
    const archive = await universityArchive()
    await updateSettings(archive.db, { universityName: '中科大数据研究院' })
    const summary = await importFile(archive, 'patents', pub('cn_patents_zkdsj_sample_10.csv'), { skipInvalid: false })
    expect(summary).toMatchObject({ dialect: 'full58', rows: 10, inserted: 10, updated: 0, unchanged: 0, rejected: 0, written: true })
    const kinds = rows<{ kind: string; n: number }>(archive, 'SELECT kind, count(*) AS n FROM ip_asset GROUP BY kind ORDER BY kind')
    expect(kinds).toEqual([
      { kind: 'invention', n: 3 },
      { kind: 'utility', n: 7 },
    ])
    const first = one<Record<string, unknown>>(archive, "SELECT * FROM ip_asset WHERE app_no = '202223220665.2'")
    expect(first).toMatchObject({
      kind: 'utility',
      filing_date: '2022-12-02',
      pub_no: 'CN218751475U',
      grant_no: 'CN218751475U',
      grant_date: '2023-03-28',
      title: '一种无人机机载多功能盒',
      university_owned: 1,
      ipc_main: 'B64U20/80',
      ipc_all: 'B64U20/80; B64U101/30',
      status_group: 'valid',
      status_raw: '有权-审定授权',
      expiry_date: '2032-12-01',
    })
    const inventors = rows<{ raw_name: string }>(archive, "SELECT raw_name FROM asset_inventor WHERE asset_id = ? ORDER BY rank", first.id).map((r) => r.raw_name)
    expect(inventors).toEqual(['刘迪', '刘敏', '王煜伟', '付艳波', '王元卓'])
    expect(one(archive, "SELECT count(*) AS n FROM ip_asset WHERE status_group = 'pending'")).toEqual({ n: 2 })
    // The same export again changes nothing.
    const again = await importFile(archive, 'patents', pub('cn_patents_zkdsj_sample_10.csv'))
    expect(again).toMatchObject({ rows: 10, inserted: 0, updated: 0, unchanged: 10 })
  })

  it('cnki_patents_material_chemistry_2018_33.csv (publication numbers only): cannot create assets, but updates the ones the archive has', async () => {
    const archive = await universityArchive()
    const alone = await importFile(archive, 'patents', pub('cnki_patents_material_chemistry_2018_33.csv'))
    expect(alone).toMatchObject({ dialect: 'cnki', rows: 33, inserted: 0, updated: 0, rejected: 33, written: false })
    expect(alone.errors[0]).toMatchObject({ row: 2, header: 'publication_number', letter: 'A', message: expect.stringContaining('缺少申请号') })
    expect(alone.errors[0]!.message).toContain('CN108982325A')
    // With the patent already in the archive (imported from a list that has its 申请号), the CNKI row fills in
    // its abstract and inventors.
    archive.sqlite
      .prepare("INSERT INTO ip_asset (kind, app_no, title, pub_no, created_at, updated_at) VALUES ('invention', '201810849001.3', '地下防污屏障材料化学相容性测试装置及方法', 'CN108982325A', 'x', 'x')")
      .run()
    const merged = await importFile(archive, 'patents', pub('cnki_patents_material_chemistry_2018_33.csv'))
    expect(merged).toMatchObject({ rows: 33, inserted: 0, updated: 1, rejected: 32, written: true })
    const asset = one<Record<string, unknown>>(archive, "SELECT * FROM ip_asset WHERE pub_no = 'CN108982325A'")
    expect(asset).toMatchObject({ applicants: '浙江大学', filing_date: '2018-07-30', pub_date: '2018-12-11' })
    expect(String(asset.abstract)).toContain('地下防污屏障材料化学相容性测试装置')
    expect(rows(archive, 'SELECT raw_name FROM asset_inventor WHERE asset_id = ? ORDER BY rank', asset.id)).toEqual([
      { raw_name: '李育超' },
      { raw_name: '于泽溪' },
      { raw_name: '魏璐璐' },
      { raw_name: '黄根清' },
    ])
  })

  it('cn_patents_pubno_title_ipc_9740.csv: every row is read and explained; nothing is created from publication numbers', async () => {
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', pub('cn_patents_pubno_title_ipc_9740.csv'), { dryRun: true })
    expect(summary).toMatchObject({ rows: 9740, inserted: 0, rejected: 9740, written: false })
    expect(new Set(summary.errors.map((e) => e.header))).toEqual(new Set(['publication_number']))
    expect(summary.errors.every((e) => e.message.startsWith('缺少申请号'))).toBe(true)
    // An archive that already holds one of these patents gets its IPC codes from the file.
    archive.sqlite
      .prepare("INSERT INTO ip_asset (kind, app_no, title, pub_no, created_at, updated_at) VALUES ('invention', '202111370640.5', '一种水电站高压输电线路驱鸟保护装置', 'CN114081026A', 'x', 'x')")
      .run()
    const merged = await importFile(archive, 'patents', pub('cn_patents_pubno_title_ipc_9740.csv'))
    expect(merged).toMatchObject({ rows: 9740, updated: 1, rejected: 9739, written: true })
    expect(one(archive, "SELECT ipc_main, ipc_all FROM ip_asset WHERE pub_no = 'CN114081026A'")).toEqual({ ipc_main: 'A01M', ipc_all: 'A01M; G06F; H02G' })
  })

  it('export_header_spellings_observed.txt: every header row listed there is recognised', async () => {
    const lines = readFileSync(pub('export_header_spellings_observed.txt'), 'utf8').split(/\r?\n/)
    // The header rows quoted in the file (indented lines listing comma-separated column names).
    const headerRows = lines
      .filter((l) => /^ {3}\S/.test(l))
      .map((l) => l.replace(/^.*?: /, '').replace(/,\s*\.\.\..*$/, '').replace(/ and dates.*$/, '').trim())
      .filter((l) => (l.match(/,/g) ?? []).length >= 3 && !l.includes("'"))
    expect(headerRows.length).toBe(5)
    const { mapHeaders } = await import('../../../../src-main/archive/import/source')
    for (const line of headerRows) {
      const mapped = mapHeaders('patents', line.split(',')).map((m) => m.field)
      expect(mapped, line).toEqual(expect.arrayContaining(['title']))
      expect(mapped.includes('appNo') || mapped.includes('pubNo'), line).toBe(true)
    }
  })

  it('discipline_catalog_2022: a roster may name disciplines by code or by their catalogue name', async () => {
    const catalog = JSON.parse(readFileSync(pub('discipline_catalog_2022.json'), 'utf8')) as { categories: { items: { code: string; name: string }[] }[] }
    const items = catalog.categories.flatMap((c) => c.items)
    expect(items.length).toBe(184)
    const archive = await universityArchive()
    const { DisciplineLookup } = await import('../../../../src-main/archive/import/people')
    const lookup = new DisciplineLookup(archive.sqlite)
    for (const item of items) {
      expect(lookup.resolve(item.code), item.code).toBe(item.code)
      // Names shared by a category and its first-level discipline (哲学, 艺术学 …) resolve to the latter.
      const byName = lookup.resolve(item.name)
      expect(byName, item.name).not.toBeNull()
    }
    expect(lookup.resolve('0812 计算机科学与技术')).toBe('0812')
    expect(lookup.resolve('计算机科学与技术')).toBe('0812')
    expect(lookup.resolve('艺术学')).toBe('1301')
    expect(lookup.resolve('9999')).toBeNull()
  })

  it('detects the header of each public patent file', async () => {
    const cases: [string, string, string[]][] = [
      ['cn_patents_zkdsj_sample_10.csv', 'full58', ['appNo', 'title', 'inventors', 'legalStatus', 'kind']],
      ['cnki_patents_material_chemistry_2018_33.csv', 'cnki', ['pubNo', 'title', 'inventors', 'applicants', 'filingDate', 'abstract']],
      ['cn_patents_pubno_title_ipc_9740.csv', 'generic', ['pubNo', 'title', 'ipc']],
    ]
    for (const [file, dialect, fields] of cases) {
      const detected = await detectSource(pub(file), 'patents')
      expect(detected.dialect, file).toBe(dialect)
      expect(detected.headerRow, file).toBe(1)
      expect(detected.columns.map((c) => c.field), file).toEqual(expect.arrayContaining(fields))
    }
  })
})
