import { writeFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectSource, type ColumnMapping } from '../../../../src-main/archive/import/source'
import { AppError } from '../../../../src-main/contract/result'
import { applicationCheckChar } from '../../../../src-main/domain/cn-number'
import { openTable } from '../../../../src-main/spreadsheet'
import { tempDir } from '../../helpers/temp'
import { importFile, inventorsOf, one, own, rows, universityArchive } from './helpers'

describe('export dialects', () => {
  it('CNIPA: full-width headers below two title rows, Excel dates, 学院 and 项目编号 columns', async () => {
    const archive = await universityArchive()
    await importFile(archive, 'researchers', own('roster.xlsx'))
    await importFile(archive, 'projects', own('projects.xlsx'))
    const detected = await detectSource(own('cnipa_title_rows.xlsx'), 'patents')
    expect(detected).toMatchObject({ headerRow: 4, dialect: 'cnipa', format: 'xlsx', missing: [] })
    expect(detected.columns.find((c) => c.header === '申请（专利权）人')?.field).toBe('applicants')
    expect(detected.columns.find((c) => c.header === '序号')).toMatchObject({ field: null, note: expect.stringContaining('序号') })
    expect(detected.columns.find((c) => c.header === '名称')?.samples[0]).toBe('一种基于图神经网络的芯片布局优化方法')

    const summary = await importFile(archive, 'patents', own('cnipa_title_rows.xlsx'), { skipInvalid: false })
    expect(summary).toMatchObject({ headerRow: 4, rows: 6, inserted: 6, rejected: 0, written: true, projectLinksAdded: 1 })
    expect(one(archive, "SELECT * FROM ip_asset WHERE app_no = '202310418520.3'")).toMatchObject({
      kind: 'invention',
      filing_date: '2023-04-19',
      pub_no: 'CN116400001A',
      pub_date: '2023-07-11',
      college: '计算机学院',
      status_group: 'pending',
      status_event: '实质审查',
      university_owned: 1,
      expiry_date: '2043-04-18',
    })
    // 东海理工大学城市学院 is another legal person; a co-owned patent is the university's.
    expect(one(archive, "SELECT university_owned FROM ip_asset WHERE title LIKE '%积水监测%'")).toEqual({ university_owned: 0 })
    expect(one(archive, "SELECT university_owned, applicants FROM ip_asset WHERE title LIKE '%钢渣%'")).toEqual({
      university_owned: 1,
      applicants: '东海理工大学; 东海建材集团有限公司',
    })
    expect(rows(archive, "SELECT status_group, status_event, status_recoverable FROM ip_asset WHERE kind = 'design' OR title LIKE '%陶瓷%' ORDER BY id")).toEqual([
      { status_group: 'lapsed', status_event: '未缴年费终止', status_recoverable: 0 },
      { status_group: 'valid', status_event: '年费滞纳期', status_recoverable: 0 },
    ])
    const project = one<{ project_no: string }>(
      archive,
      "SELECT p.project_no FROM asset_project ap JOIN project p ON p.id = ap.project_id JOIN ip_asset a ON a.id = ap.asset_id WHERE a.app_no = '202310418520.3'",
    )
    expect(project.project_no).toBe('GJ2022001')
    const audit = one<{ action: string; entity: string; after: string }>(archive, "SELECT action, entity, after FROM audit_log WHERE action = 'import' ORDER BY id DESC")
    expect(audit.entity).toBe('import_batch')
    expect(JSON.parse(audit.after)).toMatchObject({ kind: 'patents', file: 'cnipa_title_rows.xlsx', rows: 6, inserted: 6 })
    expect(one(archive, "SELECT kind, rows, inserted, header_row, operator, dialect FROM import_batch WHERE file_name = 'cnipa_title_rows.xlsx'")).toEqual({
      kind: 'patents',
      rows: 6,
      inserted: 6,
      header_row: 4,
      operator: '测试馆员',
      dialect: 'cnipa',
    })
    expect(rows(archive, "SELECT row_number, outcome FROM import_row r JOIN import_batch b ON b.id = r.batch_id WHERE b.file_name = 'cnipa_title_rows.xlsx' ORDER BY row_number")).toEqual(
      [5, 6, 7, 8, 9, 10].map((row_number) => ({ row_number, outcome: 'inserted' })),
    )
  })

  it('Patsnap: half-width brackets, [标] prefixes, 标题 (中文), " | " lists; a number in another form merges', async () => {
    const archive = await universityArchive()
    await importFile(archive, 'patents', own('cnipa_title_rows.xlsx'))
    const detected = await detectSource(own('patsnap_halfwidth.xlsx'), 'patents')
    expect(detected.dialect).toBe('patsnap')
    const fields = Object.fromEntries(detected.columns.map((c) => [c.header, c.field]))
    expect(fields).toMatchObject({
      '公开(公告)号': 'pubNo',
      '标题 (中文)': 'title',
      '[标]原始申请(专利权)人': 'applicants',
      '[标]当前申请(专利权)人': 'currentOwner',
      简单法律状态: 'legalStatus',
      '法律状态/事件': 'legalEvents',
    })
    const summary = await importFile(archive, 'patents', own('patsnap_halfwidth.xlsx'), { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 3, inserted: 2, updated: 1, unchanged: 0 })
    expect(one(archive, "SELECT count(*) AS n FROM ip_asset WHERE app_no = '202310418520.3'")).toEqual({ n: 1 })
    expect(one(archive, "SELECT status_group, status_event, status_raw FROM ip_asset WHERE app_no = '202310418520.3'")).toEqual({
      status_group: 'pending',
      status_event: '实质审查',
      status_raw: '审中 | 公开 | 实质审查',
    })
    const granted = one<Record<string, unknown>>(archive, "SELECT * FROM ip_asset WHERE title = '一种高强度铝合金焊接工艺'")
    expect(granted).toMatchObject({ kind: 'invention', status_group: 'valid', status_event: '授权', grant_no: 'CN113000001B', current_owner: '东海理工大学' })
    expect(inventorsOf(archive, String(granted.app_no))).toEqual(['李娜', '王芳'])
    expect(one(archive, "SELECT status_group, status_event FROM ip_asset WHERE title = '一种实验室用移液枪架'")).toEqual({ status_group: 'lapsed', status_event: '未缴年费终止' })
  })

  it('incoPat CSV in UTF-8 with BOM: "/" dates, "，" and "、" lists, a quoted multi-line abstract, formula-like text kept as text', async () => {
    const archive = await universityArchive()
    const reader = openTable(own('incopat_utf8_bom.csv'))
    expect(reader.encoding).toBe('utf-8-bom')
    const summary = await importFile(archive, 'patents', own('incopat_utf8_bom.csv'), { skipInvalid: false })
    expect(summary).toMatchObject({ dialect: 'incopat', rows: 2, inserted: 2 })
    const film = one<Record<string, unknown>>(archive, "SELECT * FROM ip_asset WHERE title LIKE '%包装薄膜%'")
    expect(film).toMatchObject({ filing_date: '2023-03-28', applicants: '东海理工大学; 东海包装有限公司', university_owned: 1, ipc_all: 'C08L67/04; B65D65/46' })
    expect(film.abstract).toBe('本发明涉及一种包装薄膜。\n该薄膜可在自然环境中降解。')
    expect(inventorsOf(archive, String(film.app_no))).toEqual(['王芳', '李娜'])
    expect(one(archive, "SELECT abstract, filing_date FROM ip_asset WHERE title LIKE '%水质%'")).toEqual({ abstract: '=1+1 这不是公式，是摘要中的文字', filing_date: '2022-11-03' })
  })

  it('佰腾 CSV in GBK: 专利名, space-separated inventors, YYYYMMDD dates, 中国实用新型', async () => {
    const archive = await universityArchive()
    expect(openTable(own('baiten_gbk.csv')).encoding).toBe('gb18030')
    const summary = await importFile(archive, 'patents', own('baiten_gbk.csv'), { skipInvalid: false })
    expect(summary).toMatchObject({ dialect: 'baiten', rows: 2, inserted: 2, rejected: 0 })
    expect(one(archive, "SELECT kind, title, filing_date, grant_date, status_group FROM ip_asset WHERE app_no = '201420604639.6'")).toEqual({
      kind: 'utility',
      title: '一种可调节的显示器支架',
      filing_date: '2014-10-20',
      grant_date: '2015-01-07',
      status_group: 'valid',
    })
    expect(inventorsOf(archive, '201420604639.6')).toEqual(['王伟', '周敏'])
  })

  it('a header of two rows (日期 over 申请日 and 公开（公告）日, 人员 over the people) reads as one', async () => {
    const detected = await detectSource(own('cnipa_two_row_header.xlsx'), 'patents')
    expect(detected.headerRow).toBe(4)
    expect(detected.columns.map((c) => c.field)).toEqual([null, 'appNo', 'title', 'filingDate', 'pubDate', 'applicants', 'inventors', 'legalStatus'])
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', own('cnipa_two_row_header.xlsx'), { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 3, inserted: 3, rejected: 0 })
    expect(one(archive, "SELECT filing_date, pub_date, applicants, university_owned FROM ip_asset WHERE app_no = '202310725850.7'")).toEqual({
      filing_date: '2023-04-21',
      pub_date: '2023-08-01',
      applicants: '东海理工大学',
      university_owned: 1,
    })
    expect(inventorsOf(archive, '202310725850.7')).toEqual(['王伟', '李娜'])
  })

  it('notes what it did not keep: a Locarno class or a stray text under 分类号, a 申请日 later than the number says', async () => {
    const file = join(tempDir(), 'notes.csv')
    writeFileSync(
      file,
      [
        '申请号,名称,申请人,申请日,分类号',
        '202330123456.7,一种包装盒,东海理工大学,2023-03-01,26-05',
        '202310397744.0,一种锂电池隔膜,东海理工大学,2024-05-01,H01M50/403;不是分类号',
      ].join('\n'),
    )
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', file, { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 2, inserted: 2, rejected: 0 })
    expect(rows(archive, 'SELECT app_no, ipc_main, ipc_all FROM ip_asset ORDER BY app_no')).toEqual([
      { app_no: '202310397744.0', ipc_main: 'H01M50/403', ipc_all: 'H01M50/403' },
      { app_no: '202330123456.7', ipc_main: null, ipc_all: '' },
    ])
    expect(summary.warnings.map((w) => [w.row, w.message])).toEqual([
      [2, '“26-05”是外观设计的洛迦诺分类号，未作为 IPC 分类号保存'],
      [3, '申请日 2024-05-01 晚于申请号 202310397744.0 所示的申请年份 2023：请核对申请日'],
      [3, '“不是分类号”不是 IPC 分类号，未作为 IPC 分类号保存'],
    ])
  })

  it('佰腾 inventors with a middle dot (买买提·艾力) are split on spaces like any other names', async () => {
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', own('baiten_minority_names.xlsx'), { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 4, inserted: 4, rejected: 0 })
    expect(inventorsOf(archive, '202211740332.4')).toEqual(['买买提·艾力', '王芳'])
    expect(inventorsOf(archive, '201420604639.6')).toEqual(['王伟', '周敏', '欧阳明华'])
  })

  it('Patsnap: a PCT national phase listed with its WO publication is imported by its CN number, the WO number noted', async () => {
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', own('patsnap_pct.xlsx'), { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 4, inserted: 4, rejected: 0 })
    expect(one(archive, "SELECT kind, pub_no FROM ip_asset WHERE app_no = '201180020779.8'")).toEqual({ kind: 'invention', pub_no: null })
    expect(summary.warnings).toEqual([expect.objectContaining({ row: 5, message: expect.stringContaining('“WO2011123456A1”是 WO 的专利文献号') })])
    // Without a Chinese application number a foreign document number is still no reason to create an asset.
    const dir = tempDir()
    const wo = join(dir, 'wo-only.csv')
    writeFileSync(wo, '公开（公告）号,名称\nWO2011123456A1,一种PCT申请\n')
    const refused = await importFile(archive, 'patents', wo, { skipInvalid: false })
    expect(refused.errors).toEqual([expect.objectContaining({ row: 2, message: expect.stringContaining('档案只收录中国专利') })])
  })

  it('CSV cells marked as text for Excel (="…", a leading apostrophe) read as their numbers and dates', async () => {
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', own('text_marked_numbers.csv'), { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 3, inserted: 3, rejected: 0 })
    expect(rows(archive, 'SELECT app_no, filing_date FROM ip_asset ORDER BY filing_date')).toEqual([
      { app_no: '202310752789.5', filing_date: '2023-05-03' },
      { app_no: '202311235874.0', filing_date: '2023-05-04' },
      { app_no: '202310660356.7', filing_date: '2023-05-05' },
    ])
  })

  it('the 58-column export: 转让/许可/质押 dates and counts become conversion records, once', async () => {
    const archive = await universityArchive()
    const first = await importFile(archive, 'patents', own('full58_conversions.csv'), { skipInvalid: false })
    expect(first).toMatchObject({ dialect: 'full58', inserted: 2, conversionsAdded: 5 })
    const conversions = rows(archive, 'SELECT a.title, c.kind, c.contract_date, c.counterparty, c.recorded FROM conversion c JOIN ip_asset a ON a.id = c.asset_id ORDER BY a.id, c.kind, c.contract_date')
    expect(conversions).toEqual([
      { title: '一种钠离子电池正极材料', kind: 'license', contract_date: '2021-01-10', counterparty: '', recorded: 1 },
      { title: '一种钠离子电池正极材料', kind: 'license', contract_date: '2022-05-20', counterparty: '', recorded: 1 },
      { title: '一种钠离子电池正极材料', kind: 'pledge', contract_date: '2023-06-15', counterparty: '', recorded: 1 },
      { title: '一种钠离子电池正极材料', kind: 'transfer', contract_date: '2022-03-01', counterparty: '', recorded: 1 },
      { title: '一种光伏板清洁机器人', kind: 'license', contract_date: null, counterparty: '', recorded: 1 },
    ])
    expect(one(archive, "SELECT kind, current_owner, grant_no, grant_date, status_group FROM ip_asset WHERE title = '一种钠离子电池正极材料'")).toEqual({
      kind: 'invention',
      current_owner: '东海新能源科技有限公司',
      grant_no: 'CN108300001B',
      grant_date: '2020-05-12',
      status_group: 'valid',
    })
    const again = await importFile(archive, 'patents', own('full58_conversions.csv'))
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, conversionsAdded: 0 })
    expect(one(archive, 'SELECT count(*) AS n FROM conversion')).toEqual({ n: 5 })
  })

  it('reads every date form: Excel serial, YYYYMMDD, dots, slashes, 年月日, timestamps, full-width', async () => {
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', own('date_forms.csv'), { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 8, inserted: 8, rejected: 0 })
    const dates = rows<{ filing_date: string; pub_date: string | null }>(archive, 'SELECT filing_date, pub_date FROM ip_asset ORDER BY app_no')
    expect(dates.map((d) => d.filing_date)).toEqual(Array(8).fill('2023-03-28'))
    expect(dates.map((d) => d.pub_date)).toEqual([...Array(7).fill('2023-09-01'), null])
  })

  it('splits multi-valued cells on every separator, keeping order', async () => {
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', own('separators.csv'), { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 7, inserted: 7 })
    for (const a of rows<{ app_no: string; applicants: string; ipc_all: string }>(archive, 'SELECT app_no, applicants, ipc_all FROM ip_asset')) {
      expect(inventorsOf(archive, a.app_no), a.app_no).toEqual(['王伟', '李娜', '张三'])
      expect(a.applicants, a.app_no).toBe('东海理工大学; 东海建材集团有限公司')
      expect(a.ipc_all, a.app_no).toBe('C04B7/147; C04B28/08')
    }
  })

  it('twelve-digit numbers without a check character get it computed; scientific notation is explained', async () => {
    const archive = await universityArchive()
    const file = join(tempDir(), 'docdb.csv')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(file, '申请号,名称\nCN202310397744,没有校验位的申请号\n2.02310E+12,科学计数法\n1234 1 0397744,年份不对\n')
    const summary = await importFile(archive, 'patents', file)
    expect(summary).toMatchObject({ inserted: 1, rejected: 2 })
    expect(one(archive, 'SELECT app_no, kind FROM ip_asset')).toEqual({ app_no: '202310397744.0', kind: 'invention' })
    expect(summary.errors[0]).toMatchObject({ row: 3, message: expect.stringContaining('科学计数法') })
    expect(summary.errors[1]).toMatchObject({ row: 4, message: expect.stringContaining('缺少校验位') })
  })

  it("international databases' application numbers: Lens 'CN 2023… A', Derwent 'CN2023…A', old numbers without a check character", async () => {
    const archive = await universityArchive()
    const file = join(tempDir(), 'lens.csv')
    writeFileSync(
      file,
      [
        'Application Number,Title',
        'CN 202310397744 A,Lens 的申请号',
        'CN202220000001U,Derwent 的申请号',
        'CN98123456,旧式申请号',
        'CN 202310397744 B,授权文献的种类代码不是申请的',
        'CN202310397744.1 A,校验位错误仍然报告',
      ].join('\n'),
    )
    const summary = await importFile(archive, 'patents', file)
    expect(rows<{ app_no: string; kind: string }>(archive, 'SELECT app_no, kind FROM ip_asset ORDER BY id')).toEqual([
      { app_no: '202310397744.0', kind: 'invention' },
      { app_no: `202220000001.${applicationCheckChar('202220000001')}`, kind: 'utility' },
      { app_no: `98123456.${applicationCheckChar('98123456')}`, kind: 'invention' },
    ])
    expect(summary).toMatchObject({ inserted: 3, rejected: 2 })
    expect(summary.errors.map((e) => e.row)).toEqual([5, 6])
  })

  it('bilingual headers and a footer row: first line / before the bracket is matched, the footer is skipped', async () => {
    const file = join(tempDir(), 'bilingual.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('a')
    ws.addRow(['序号', '申请号（Application No.）', '申请日\n(Application Date)', '发明名称 / Title', '发明人 / Inventor'])
    ws.addRow([1, '202310397744.0', '2023-03-28', '一种锂电池隔膜', '李娜'])
    ws.addRow(['共 1 条记录　导出时间：2024-05-06'])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    const detected = await detectSource(file, 'patents')
    expect(detected.columns.map((c) => c.field)).toEqual([null, 'appNo', 'filingDate', 'title', 'inventors'])
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', file, { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 1, inserted: 1, rejected: 0 })
  })

  it("Google Patents CSV: 'id' is the publication number beside Google's own columns; it completes patents the archive has", async () => {
    const archive = await universityArchive()
    await importFile(archive, 'patents', own('cnipa_title_rows.xlsx'), { skipInvalid: false })
    const detected = await detectSource(own('google_patents.csv'), 'patents')
    // The "search URL:" line above the header; id → 公开（公告）号, inventor/author → 发明人, filing/creation date → 申请日.
    expect(detected).toMatchObject({ headerRow: 2, dialect: 'google', missing: [] })
    expect(Object.fromEntries(detected.columns.filter((c) => c.field !== null).map((c) => [c.header, c.field]))).toEqual({
      id: 'pubNo',
      title: 'title',
      assignee: 'applicants',
      'inventor/author': 'inventors',
      'filing/creation date': 'filingDate',
      'publication date': 'pubDate',
      'grant date': 'grantDate',
    })
    const before = one(archive, "SELECT pub_no, pub_date, grant_no, grant_date FROM ip_asset WHERE app_no = '202211392877.0'")
    expect(before).toEqual({ pub_no: 'CN115600006A', pub_date: '2023-03-03', grant_no: null, grant_date: null })

    const summary = await importFile(archive, 'patents', own('google_patents.csv'), { skipInvalid: true })
    expect(summary).toMatchObject({ rows: 5, inserted: 0, updated: 1, unchanged: 2, rejected: 2 })
    // The invention granted since: Google lists it by its grant (B), the archive has its publication (A) — one
    // patent. The date beside the B is the grant's: the A's publication date stays.
    expect(one(archive, "SELECT pub_no, pub_date, grant_no, grant_date, status_group FROM ip_asset WHERE app_no = '202211392877.0'")).toEqual({
      pub_no: 'CN115600006A',
      pub_date: '2023-03-03',
      grant_no: 'CN115600006B',
      grant_date: '2024-03-22',
      status_group: 'valid',
    })
    // Google has no application numbers: a patent new to the archive cannot be created from it; a US one is no Chinese patent.
    expect(summary.errors.map((e) => [e.row, e.header, e.message])).toEqual([
      [6, 'id', expect.stringMatching(/^缺少申请号：档案中没有公开（公告）号为 CN118000007A 的专利/u)],
      [7, 'id', expect.stringMatching(/^“US-11234567-B2”是 US 的专利文献号/u)],
    ])
    expect(rows(archive, 'SELECT count(*) AS n FROM ip_asset')).toEqual([{ n: 6 }])
  })

  it('Google Patents in English completes a patent without translating it: Chinese titles, applicants and inventors stay', async () => {
    const archive = await universityArchive()
    await importFile(archive, 'researchers', own('roster.xlsx'))
    await importFile(archive, 'patents', own('cnipa_title_rows.xlsx'), { skipInvalid: false })
    const linksBefore = rows(archive, "SELECT raw_name, researcher_id, link_state FROM asset_inventor i JOIN ip_asset a ON a.id = i.asset_id WHERE a.app_no = '202310418520.3' ORDER BY rank")
    const summary = await importFile(archive, 'patents', own('google_patents_en.csv'), { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 2, updated: 1, unchanged: 1, rejected: 0 })
    expect(one(archive, "SELECT title, applicants, university_owned, grant_no, grant_date, status_group, status_event, status_date FROM ip_asset WHERE app_no = '202310418520.3'")).toEqual({
      title: '一种基于图神经网络的芯片布局优化方法',
      applicants: '东海理工大学',
      university_owned: 1,
      grant_no: 'CN116400001B',
      grant_date: '2024-06-14',
      // Pending in the archive, granted since: the file has no status column, but pending is no longer true.
      status_group: 'valid',
      status_event: '授权',
      status_date: '2024-06-14',
    })
    expect(rows(archive, "SELECT raw_name, researcher_id, link_state FROM asset_inventor i JOIN ip_asset a ON a.id = i.asset_id WHERE a.app_no = '202310418520.3' ORDER BY rank")).toEqual(linksBefore)
    expect(summary.warnings.map((w) => [w.row, w.message])).toEqual([
      [3, expect.stringMatching(/^档案中本专利为“审中”，本行给出授权公告号 CN116400001B：法律状态改为“有效（授权）”/u)],
    ])
  })

  it('software copyrights: 登记号, 软件全称, 著作权人; registered means in force', async () => {
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', own('software.xlsx'), { skipInvalid: false })
    expect(summary).toMatchObject({ inserted: 2 })
    expect(one(archive, "SELECT kind, title, grant_date, university_owned, status_group, status_event FROM ip_asset WHERE app_no = '2024SR0581563'")).toEqual({
      kind: 'software',
      title: '东海理工大学实验室预约管理系统V1.0',
      grant_date: '2024-04-25',
      university_owned: 1,
      status_group: 'valid',
      status_event: '已登记',
    })
  })
})

describe('workbooks with several worksheets', () => {
  it('the search query on the first sheet, the list on the second: the list is found and imported', async () => {
    const detected = await detectSource(own('query_then_list.xlsx'), 'patents')
    expect(detected).toMatchObject({ sheetName: '专利列表', sheetIndex: 1, headerRow: 1, sampleRows: 3 })
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', own('query_then_list.xlsx'), { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 3, inserted: 3, rejected: 0 })
    expect(one(archive, 'SELECT sheet_name FROM import_batch')).toEqual({ sheet_name: '专利列表' })
    expect(rows(archive, 'SELECT app_no FROM ip_asset ORDER BY app_no').map((r) => (r as { app_no: string }).app_no)).toEqual([
      '202211159902.0',
      '202311202147.4',
      '202410581778.X',
    ])
  })

  it('a glossary of field names on the first sheet is not taken for the header when a later sheet has a real one', async () => {
    const detected = await detectSource(own('glossary_then_list.xlsx'), 'patents')
    expect(detected).toMatchObject({ sheetName: '数据', sheetIndex: 1, headerRow: 1 })
    const archive = await universityArchive()
    expect(await importFile(archive, 'patents', own('glossary_then_list.xlsx'), { skipInvalid: false })).toMatchObject({ rows: 2, inserted: 2, rejected: 0 })
  })

  it('no worksheet of a workbook has a header: the message names the worksheets searched', async () => {
    const dir = tempDir()
    const none = join(dir, 'no-header.xlsx')
    const other = new ExcelJS.Workbook()
    other.addWorksheet('封面').addRow(['东海理工大学专利统计'])
    other.addWorksheet('备注').addRow(['仅供内部使用'])
    writeFileSync(none, Buffer.from(await other.xlsx.writeBuffer()))
    await expect(detectSource(none, 'patents')).rejects.toThrow(/工作表“封面”“备注”前 30 行中都没有可识别的列名/)
  })
})

describe('column mapping', () => {
  async function oddHeaders(): Promise<string> {
    const file = join(tempDir(), 'odd.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('a')
    ws.addRow(['专利申请号码', '发明创造名称', '发明创造人员', '备用'])
    ws.addRow(['202310397744.0', '一种锂电池隔膜', '李娜;王芳', '忽略我'])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    return file
  }

  it('the user maps columns the detection did not recognise; unmapped columns are not imported', async () => {
    const file = await oddHeaders()
    const detected = await detectSource(file, 'patents')
    expect(detected.columns.map((c) => c.field)).toEqual([null, 'title', null, null])
    expect(detected.missing).toEqual(['申请号（或公开（公告）号）'])
    const archive = await universityArchive()
    await expect(importFile(archive, 'patents', file)).rejects.toThrow(/缺少必需的列：申请号/)
    const mapping: ColumnMapping[] = [
      { column: 0, field: 'appNo' },
      { column: 1, field: 'title' },
      { column: 2, field: 'inventors' },
      { column: 3, field: null },
    ]
    const summary = await importFile(archive, 'patents', file, { mapping, skipInvalid: false })
    expect(summary).toMatchObject({ inserted: 1 })
    expect(inventorsOf(archive, '202310397744.0')).toEqual(['李娜', '王芳'])
    expect(JSON.parse((one(archive, 'SELECT mapping FROM import_batch') as { mapping: string }).mapping)).toEqual({
      专利申请号码: 'appNo',
      发明创造名称: 'title',
      发明创造人员: 'inventors',
    })
  })

  it('refuses a mapping that gives one field two columns, or names a field of another kind', async () => {
    const file = await oddHeaders()
    const archive = await universityArchive()
    const twice = importFile(archive, 'patents', file, {
      mapping: [
        { column: 0, field: 'appNo' },
        { column: 1, field: 'title' },
        { column: 3, field: 'title' },
      ],
    })
    await expect(twice).rejects.toThrow(/“名称”同时对应了 B 列和 D 列/)
    await expect(importFile(archive, 'patents', file, { mapping: [{ column: 0, field: 'staffNo' }] })).rejects.toBeInstanceOf(AppError)
    await expect(importFile(archive, 'patents', file, { mapping: [{ column: 9, field: 'appNo' }] })).rejects.toThrow(/没有第 10 列/)
  })
})
