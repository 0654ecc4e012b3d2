import ExcelJS from 'exceljs'
import { copyFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serviceListInput } from '../../../src-main/contract/services'
import type { Archive } from '../../../src-main/db/connection'
import { EXPORT_HEADERS, exportLedger } from '../../../src-main/services/export'
import { checkLedger, importLedger, inspectLedger } from '../../../src-main/services/import'
import { detectLedgerColumns, parseChannel, parseMinutes, parseRequesterType } from '../../../src-main/services/ledger-columns'
import { listServices } from '../../../src-main/services/ledger'
import { tempArchive, tempDir } from '../helpers/temp'
import { consultation, save, seedRoster, setOperator } from './helpers'

const FIXTURES = resolve(__dirname, '../../fixtures/services')
const XLSX = { path: join(FIXTURES, 'consultation-ledger-2023.xlsx'), displayName: 'consultation-ledger-2023.xlsx' }
const CSV = { path: join(FIXTURES, 'services-mixed-gb18030.csv'), displayName: 'services-mixed-gb18030.csv' }

async function all(archive: Archive) {
  return (await listServices(archive.db, serviceListInput.parse({ limit: 200 }))).items
}

describe('ledger columns and cells', () => {
  it('match header synonyms across spellings', () => {
    expect(detectLedgerColumns(['序号', '咨询日期', '渠道', '咨询人', '身份', '学院（单位）', '问题', '解答', '经办人', '时长（分钟）', '*日期'])).toEqual([
      null,
      'date',
      'channel',
      'requesterName',
      'requesterType',
      'college',
      'question',
      'answer',
      'staff',
      'durationMin',
      null, // a second date column: the first one wins
    ])
  })

  it('read channels, requester types and durations as ledgers write them', () => {
    expect(['现场', '微信', '电话咨询', '线下活动', '邮件'].map(parseChannel)).toEqual(['window', 'online', 'phone', 'event', 'online'])
    expect(parseChannel('传真')).toBeNull()
    expect(['来电', 'E-mail', 'e-mail', '短信', '到访', '来馆', '上门服务', '公众号留言', '网站留言', '信函'].map(parseChannel)).toEqual([
      'phone', 'online', 'online', 'online', 'window', 'window', 'window', 'online', 'online', 'online',
    ])
    // A meeting held online is an online service, not an event.
    expect(['腾讯会议', '视频会议', '学术会议'].map(parseChannel)).toEqual(['online', 'online', 'event'])
    expect(['老师', '研究生', '公司', '校外个人', '院系'].map(parseRequesterType)).toEqual(['teacher', 'student', 'enterprise', 'public', 'department'])
    expect(['30分钟', '1小时', '1.5h', '1小时30分钟', '半小时', '45', 20].map((v) => parseMinutes(v))).toEqual([30, 60, 90, 90, 30, 45, 20])
    expect(parseMinutes('很久')).toBeNull()
  })
})

describe('importing a ledger', () => {
  it('inspects: finds the header under the title row, suggests the mapping, previews rows', async () => {
    const inspected = await inspectLedger(XLSX)
    expect(inspected.headerRow).toBe(2)
    expect(inspected.sheetName).toBe('2023咨询台账')
    expect(inspected.dataRows).toBe(14) // the 合计 row is not a service
    expect(inspected.mapping).toEqual([null, 'date', 'channel', 'requesterName', 'staffNo', 'requesterType', 'college', 'topic', 'question', 'answer', 'staff', 'durationMin', 'followUpDate', 'followUpDone'])
    expect(inspected.sample[0]).toEqual({ row: 3, cells: expect.arrayContaining(['2023-03-02', '窗口', '周建华']) })
  })

  it('dry run: names every problem by row, column and reason, and writes nothing', async () => {
    const archive = await tempArchive()
    const { mapping } = await inspectLedger(XLSX)
    const result = await checkLedger(archive.db, XLSX, { mapping, defaultKind: 'consultation' })
    expect(result).toMatchObject({ rows: 14, inserted: 12, updated: 0, unchanged: 0, rejected: 2, written: false })
    expect(result.errors).toEqual([
      { row: 13, column: '咨询日期', message: expect.stringContaining('“2023-02-30”不是有效日期') },
      { row: 14, column: '咨询方式', message: expect.stringContaining('“传真”无法识别') },
    ])
    expect(result.preview[0]).toMatchObject({ row: 3, action: 'insert', kind: 'consultation', date: '2023-03-02', requesterName: '周建华' })
    expect(await all(archive)).toEqual([])
  })

  it('writes nothing when a row is invalid; with skipInvalid writes the rest in one batch, linked to researchers', async () => {
    const archive = await tempArchive()
    await setOperator(archive.db, '王馆员')
    const ids = await seedRoster(archive.db)
    const { mapping } = await inspectLedger(XLSX)
    const refused = await importLedger(archive.db, XLSX, { mapping, defaultKind: 'consultation', skipInvalid: false })
    expect(refused).toMatchObject({ written: false, inserted: 0, rejected: 2 })
    expect(await all(archive)).toEqual([])
    expect(await archive.db.selectFrom('import_batch').selectAll().execute()).toEqual([])

    const done = await importLedger(archive.db, XLSX, { mapping, defaultKind: 'consultation', skipInvalid: true })
    expect(done).toMatchObject({ rows: 14, inserted: 12, updated: 0, unchanged: 0, rejected: 2, written: true })
    const rows = await all(archive)
    expect(rows).toHaveLength(12)
    const zhou = rows.find((r) => r.requesterName === '周建华')!
    expect(zhou).toMatchObject({ date: '2023-03-02', channel: 'window', requesterType: 'teacher', requesterResearcherId: ids.T19001, durationMin: 30, followUpDate: '2023-03-16', followUpDone: true, staff: '王馆员' })
    expect(rows.find((r) => r.requesterName === '李晓雯')).toMatchObject({ date: '2023-03-08', channel: 'phone', requesterType: 'student', requesterResearcherId: null })
    expect(rows.find((r) => r.requesterName === '黄志强')).toMatchObject({ channel: 'online', durationMin: 90, followUpDone: false })
    expect(rows.find((r) => r.requesterName === '孙悦')).toMatchObject({ date: '2023-04-20', channel: 'online', durationMin: 15 })
    // Text that looks like a formula is kept as text.
    expect(rows.find((r) => r.requesterName === '吴昊')!.question).toBe('=查新报告需要多长时间')

    const batch = await archive.db.selectFrom('import_batch').selectAll().executeTakeFirstOrThrow()
    expect(batch).toMatchObject({ kind: 'services', file_name: 'consultation-ledger-2023.xlsx', rows: 14, inserted: 12, rejected: 2, operator: '王馆员' })
    const audit = await archive.db.selectFrom('audit_log').selectAll().where('action', '=', 'import').executeTakeFirstOrThrow()
    expect(JSON.parse(audit.after!)).toMatchObject({ inserted: 12, rejected: 2, batchId: batch.id })
  })

  it('importing the same ledger again changes nothing; a corrected row is updated with an audit entry', async () => {
    const archive = await tempArchive()
    const { mapping } = await inspectLedger(XLSX)
    await importLedger(archive.db, XLSX, { mapping, defaultKind: 'consultation', skipInvalid: true })
    const again = await importLedger(archive.db, XLSX, { mapping, defaultKind: 'consultation', skipInvalid: true })
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 12 })

    // Edit one answer in a copy of the workbook.
    const dir = tempDir()
    const edited = join(dir, 'edited.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(XLSX.path)
    workbook.worksheets[0]!.getCell('J3').value = '建议先做查新检索，另约时间讨论权利要求。'
    writeFileSync(edited, Buffer.from(await workbook.xlsx.writeBuffer()))
    const changed = await importLedger(archive.db, { path: edited, displayName: 'edited.xlsx' }, { mapping, defaultKind: 'consultation', skipInvalid: true })
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 11 })
    expect((await all(archive)).filter((r) => r.requesterName === '周建华')).toHaveLength(1)
    const update = await archive.db.selectFrom('audit_log').selectAll().where('action', '=', 'update').executeTakeFirstOrThrow()
    expect(JSON.parse(update.after!)).toEqual({ answer: '建议先做查新检索，另约时间讨论权利要求。' })
  })

  it('reads a GB18030 CSV of every kind of service with its own fields', async () => {
    const archive = await tempArchive()
    const inspected = await inspectLedger(CSV)
    expect(inspected.format).toBe('csv')
    const result = await importLedger(archive.db, CSV, { mapping: inspected.mapping, defaultKind: 'consultation', skipInvalid: false })
    expect(result).toMatchObject({ rows: 5, inserted: 5, rejected: 0, written: true })
    const rows = await all(archive)
    expect(rows.map((r) => r.kind).sort()).toEqual(['consultation', 'navigation', 'report', 'training', 'warning'])
    expect(rows.find((r) => r.kind === 'training')).toMatchObject({ title: '专利检索实务培训', audience: '研究生', attendees: 120, hours: 2, organiser: '信息服务中心', channel: 'event' })
    expect(rows.find((r) => r.kind === 'report')).toMatchObject({ reportKind: '查新报告', title: '固态电解质专利查新报告', deliveredDate: '2024-04-16', pages: 28, requesterName: '周建华' })
    expect(rows.find((r) => r.kind === 'navigation')).toMatchObject({ team: '信息服务中心分析组', startDate: '2024-05-01', endDate: '2024-10-31' })
    expect(rows.find((r) => r.kind === 'warning')).toMatchObject({ endDate: null })
  })

  it('a ledger kept month by month: banners, the header again over each month, subtotals, notes and signatures are no services', async () => {
    const archive = await tempArchive()
    const file = join(tempDir(), 'monthly.csv')
    const header = '日期,咨询人,咨询方式,咨询内容'
    writeFileSync(
      file,
      [
        '2024年知识产权信息服务台账',
        header,
        '一月,,,',
        '2024-01-05,张三,电话,专利申请流程',
        '2024-01-18,李四,来馆,查新报告办理',
        '1月小计：2次,,,',
        '二月,,,',
        header,
        '2024-02-02,王五,腾讯会议,专利检索方法',
        '本月合计,1,,',
        '全年合计：3次,,,',
        '注：本台账按月统计,,,',
        '制表人：王丽,,审核人：李明,',
      ].join('\n'),
    )
    const source = { path: file, displayName: 'monthly.csv' }
    const inspected = await inspectLedger(source)
    expect(inspected.dataRows).toBe(3)
    const result = await importLedger(archive.db, source, { mapping: inspected.mapping, defaultKind: 'consultation', skipInvalid: false })
    expect(result).toMatchObject({ rows: 3, inserted: 3, rejected: 0 })
    expect((await all(archive)).map((r) => [r.date, r.channel]).sort()).toEqual([
      ['2024-01-05', 'phone'],
      ['2024-01-18', 'window'],
      ['2024-02-02', 'online'],
    ])
  })

  it('a ledger kept one worksheet per month is read as one; a summary worksheet is not; problems name their worksheet', async () => {
    const archive = await tempArchive()
    const file = join(tempDir(), 'months.xlsx')
    const wb = new ExcelJS.Workbook()
    const header = ['日期', '咨询人', '咨询方式', '咨询内容']
    const jan = wb.addWorksheet('1月')
    jan.addRow(['2024年1月咨询台账'])
    jan.addRow(header)
    jan.addRow([new Date(Date.UTC(2024, 0, 5)), '张三', '电话', '专利申请流程'])
    const feb = wb.addWorksheet('2月')
    feb.addRow(header)
    feb.addRow([new Date(Date.UTC(2024, 1, 2)), '王五', '微信', '专利检索方法'])
    feb.addRow(['二月三日', '赵六', '到访', '软著登记材料'])
    const stats = wb.addWorksheet('统计')
    stats.addRow(['月份', '咨询方式', '次数'])
    stats.addRow(['1月', '电话', 1])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    const source = { path: file, displayName: 'months.xlsx' }
    const inspected = await inspectLedger(source)
    expect(inspected).toMatchObject({ sheetName: '1月、2月', headerRow: 2, dataRows: 3 })
    const checked = await checkLedger(archive.db, source, { mapping: inspected.mapping, defaultKind: 'consultation' })
    expect(checked).toMatchObject({ rows: 3, inserted: 2, rejected: 1 })
    expect(checked.errors).toEqual([{ row: 3, column: '日期', message: expect.stringMatching(/^工作表“2月”：/u) }])
    const result = await importLedger(archive.db, source, { mapping: inspected.mapping, defaultKind: 'consultation', skipInvalid: true })
    expect(result).toMatchObject({ inserted: 2, rejected: 1, written: true })
    expect((await all(archive)).map((r) => r.requesterName).sort()).toEqual(['张三', '王五'])
  })

  it("a '类型' column holding what was asked (专利咨询, 检索咨询) is read as the topic, one holding 教师/学生 as the requester", async () => {
    const dir = tempDir()
    const asked = join(dir, 'asked.csv')
    writeFileSync(asked, '日期,咨询人,类型,咨询内容\n2024-03-05,张三,专利咨询,申请流程\n2024-03-06,李四,检索咨询,查新\n2024-03-07,王五,其他,软著\n')
    const inspected = await inspectLedger({ path: asked, displayName: 'asked.csv' })
    expect(inspected.mapping).toEqual(['date', 'requesterName', 'topic', 'question'])
    const archive = await tempArchive()
    expect(await importLedger(archive.db, { path: asked, displayName: 'asked.csv' }, { mapping: inspected.mapping, defaultKind: 'consultation', skipInvalid: false })).toMatchObject({ inserted: 3, rejected: 0 })
    expect((await all(archive)).map((r) => r.topic).sort()).toEqual(['专利咨询', '其他', '检索咨询'])
    const who = join(dir, 'who.csv')
    writeFileSync(who, '日期,咨询人,类型,咨询内容\n2024-03-05,张三,教师,申请流程\n2024-03-06,李四,研究生,查新\n')
    expect((await inspectLedger({ path: who, displayName: 'who.csv' })).mapping).toEqual(['date', 'requesterName', 'requesterType', 'question'])
    // 咨询人身份 says whose type it is: it stays the requester's, and academic ranks and degrees read as such.
    const ranks = join(dir, 'ranks.csv')
    writeFileSync(ranks, '日期,咨询人,咨询人身份,咨询内容\n2024-03-05,张三,讲师,申请流程\n2024-03-06,李四,在读博士,查新\n2024-03-07,王五,硕士,检索\n2024-03-08,赵六,副教授,许可\n')
    const inspectedRanks = await inspectLedger({ path: ranks, displayName: 'ranks.csv' })
    expect(inspectedRanks.mapping).toEqual(['date', 'requesterName', 'requesterType', 'question'])
    const other = await tempArchive()
    expect(await importLedger(other.db, { path: ranks, displayName: 'ranks.csv' }, { mapping: inspectedRanks.mapping, defaultKind: 'consultation', skipInvalid: false })).toMatchObject({ inserted: 4, rejected: 0 })
    expect((await all(other)).map((r) => [r.requesterName, r.requesterType]).sort()).toEqual([
      ['张三', 'teacher'],
      ['李四', 'student'],
      ['王五', 'student'],
      ['赵六', 'teacher'],
    ])
  })

  it('refuses a file without a ledger header, and a mapping without a date column', async () => {
    const archive = await tempArchive()
    const dir = tempDir()
    const stray = join(dir, 'notes.csv')
    writeFileSync(stray, '今天天气很好\n明天也不错\n')
    await expect(inspectLedger({ path: stray, displayName: 'notes.csv' })).rejects.toMatchObject({ code: 'refused' })
    const { mapping } = await inspectLedger(XLSX)
    await expect(checkLedger(archive.db, XLSX, { mapping: mapping.map((f) => (f === 'date' ? null : f)), defaultKind: 'consultation' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('日期'),
    })
  })
})

describe('exporting the ledger', () => {
  it('writes the filtered ledger with Chinese headers, widths, frozen header, auto-filter, text never a formula', async () => {
    const archive = await tempArchive()
    const ids = await seedRoster(archive.db)
    await save(archive.db, consultation({ date: '2024-03-05', question: '=HYPERLINK("http://x")', requesterResearcherId: ids.T19001!, requesterName: '', college: '', requesterType: null, tags: ['查新', '电池'], followUpDate: '2024-03-19' }))
    await save(archive.db, { kind: 'training', date: '2024-04-01', title: '+专利检索实务培训', attendees: 120, hours: 1.5, organiser: '信息服务中心' })
    await save(archive.db, consultation({ date: '2023-12-01', requesterName: '范围之外' }))
    const out = join(tempDir(), '服务台账.xlsx')
    const { rows } = await exportLedger(archive.db, serviceListInput.parse({ from: '2024-01-01', to: '2024-12-31' }), out)
    expect(rows).toBe(2)

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    const sheet = workbook.worksheets[0]!
    expect(sheet.name).toBe('服务台账')
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_HEADERS)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.autoFilter).toBeTruthy()
    expect(sheet.getColumn(11).width).toBe(40) // 咨询内容
    expect(sheet.rowCount).toBe(3)
    const header = EXPORT_HEADERS
    const cell = (row: number, name: string) => sheet.getRow(row).getCell(header.indexOf(name) + 1)
    expect(cell(2, '服务类型').value).toBe('咨询')
    expect(cell(2, '咨询人').value).toBe('周建华')
    expect(cell(2, '工号').value).toBe('T19001')
    expect(cell(2, '咨询内容').value).toBe('=HYPERLINK("http://x")') // a string cell, not a formula
    expect(cell(2, '咨询内容').formula).toBeUndefined()
    expect(cell(2, '标签').value).toBe('查新；电池')
    expect(cell(2, '已回访').value).toBe('否')
    expect(cell(2, '日期').value).toEqual(new Date('2024-03-05T00:00:00Z'))
    expect(cell(3, '题目/名称').value).toBe('+专利检索实务培训')
    expect(cell(3, '学时').value).toBe(1.5)
  })

  it('an exported ledger imports into another archive as the same records', async () => {
    const source = await tempArchive('source.sqlite')
    await importLedger(source.db, CSV, { mapping: (await inspectLedger(CSV)).mapping, defaultKind: 'consultation', skipInvalid: false })
    await importLedger(source.db, XLSX, { mapping: (await inspectLedger(XLSX)).mapping, defaultKind: 'consultation', skipInvalid: true })
    const out = join(tempDir(), 'export.xlsx')
    await exportLedger(source.db, serviceListInput.parse({}), out)
    const copy = join(tempDir(), '台账.xlsx')
    copyFileSync(out, copy)

    const target = await tempArchive('target.sqlite')
    const inspected = await inspectLedger({ path: copy, displayName: '台账.xlsx' })
    expect(inspected.mapping.filter((f) => f !== null)).toHaveLength(26)
    const result = await importLedger(target.db, { path: copy, displayName: '台账.xlsx' }, { mapping: inspected.mapping, defaultKind: 'consultation', skipInvalid: false })
    expect(result).toMatchObject({ rows: 17, inserted: 17, rejected: 0 })
    const strip = (rows: Awaited<ReturnType<typeof all>>) =>
      rows.map(({ id: _i, createdAt: _c, updatedAt: _u, sourceBatchId: _s, requesterResearcherId: _r, requesterStaffNo: _n, ...rest }) => rest).sort((a, b) => (a.date + a.requesterName + a.title).localeCompare(b.date + b.requesterName + b.title))
    expect(strip(await all(target))).toEqual(strip(await all(source)))
  })
})
