import JSZip from 'jszip'
import ExcelJS from 'exceljs'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { profileOf, type ImportKind } from '../../../../src-main/archive/import/fields'
import { parsePeriod, parseProjectLevel } from '../../../../src-main/archive/import/projects'
import { detectSource } from '../../../../src-main/archive/import/source'
import { writeProblems, writeTemplate } from '../../../../src-main/archive/import/templates'
import { openTable, type SheetRow } from '../../../../src-main/spreadsheet'
import { tempDir } from '../../helpers/temp'
import { importFile, one, own, rows, universityArchive } from './helpers'

describe('researcher rosters', () => {
  it('reads a roster below a title row: 工号 upsert, disciplines by code or name, padded names, employment dates', async () => {
    const archive = await universityArchive()
    const summary = await importFile(archive, 'researchers', own('roster.xlsx'), { skipInvalid: false })
    expect(summary).toMatchObject({ headerRow: 2, rows: 7, inserted: 7, rejected: 0 })
    expect(rows(archive, 'SELECT staff_no, name, name_initials, college, discipline_code, title, active, joined_on, left_on FROM researcher ORDER BY staff_no')).toEqual([
      { staff_no: '2005003', name: '陈静', name_initials: 'cj', college: '材料学院', discipline_code: '0805', title: '讲师', active: 0, joined_on: '2005-07-01', left_on: '2015-06-30' },
      { staff_no: '2008001', name: '王伟', name_initials: 'ww', college: '计算机学院', discipline_code: '0812', title: '教授', active: 1, joined_on: '2008-07-01', left_on: null },
      { staff_no: '2010002', name: '李娜', name_initials: 'ln', college: '材料学院', discipline_code: '0805', title: '教授', active: 1, joined_on: '2010-03-01', left_on: null },
      { staff_no: '2011006', name: '周敏', name_initials: 'zm', college: '艺术学院', discipline_code: '1357', title: '副教授', active: 1, joined_on: '2011-09-01', left_on: null },
      { staff_no: '2012015', name: '王伟', name_initials: 'ww', college: '材料学院', discipline_code: '0805', title: '副教授', active: 1, joined_on: '2012-09-01', left_on: null },
      { staff_no: '2016005', name: '王芳', name_initials: 'wf', college: '机械学院', discipline_code: '0802', title: '副教授', active: 1, joined_on: '2016-09-01', left_on: null },
      { staff_no: '2024004', name: '赵强', name_initials: 'zq', college: '机械学院', discipline_code: '0802', title: '讲师', active: 1, joined_on: '2024-01-01', left_on: null },
    ])
    // GBK roster with other header spellings: one new person, one already known (unchanged).
    const gbk = await importFile(archive, 'researchers', own('roster_gbk.csv'), { skipInvalid: false })
    expect(gbk).toMatchObject({ rows: 2, inserted: 1, unchanged: 1 })
    expect(one(archive, "SELECT name, college, discipline_code, joined_on FROM researcher WHERE staff_no = '2019007'")).toEqual({
      name: '刘洋',
      college: '材料学院',
      discipline_code: '0817',
      joined_on: '2019-09-01',
    })
    const audit = rows<{ after: string }>(archive, "SELECT after FROM audit_log WHERE action = 'import'")
    expect(audit.map((a) => JSON.parse(a.after).kind)).toEqual(['researchers', 'researchers'])
  })

  it('HR spellings: 人员编号, month-only dates, status words, discipline codes in other forms; a totals row is skipped', async () => {
    const archive = await universityArchive()
    const file = join(tempDir(), 'hr.csv')
    writeFileSync(
      file,
      [
        '人员编号,姓名,所在单位,一级学科,人员状态,来校时间,离职日期',
        '0091,冯刚,计算机学院,812,退休,1990.07,2020.12',
        '0092,褚红,计算机学院,081200,调出,2001-07,2019-08',
        '0093,卫东,机械工程学院,计算机科学与技术(0812),返聘,1988年7月,',
        '0094,蒋涛,机械工程学院,工学-机械工程,外聘,2022.03,',
        '0095,沈梅,材料学院,材料科学与工程一级学科,病休,2015-09-01,',
        '合计,5 人,,,,,',
      ].join('\n'),
    )
    const summary = await importFile(archive, 'researchers', file, { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 5, inserted: 5, rejected: 0 })
    expect(rows(archive, 'SELECT staff_no, discipline_code, active, joined_on, left_on FROM researcher ORDER BY staff_no')).toEqual([
      { staff_no: '0091', discipline_code: '0812', active: 0, joined_on: '1990-07-01', left_on: '2020-12-31' },
      { staff_no: '0092', discipline_code: '0812', active: 0, joined_on: '2001-07-01', left_on: '2019-08-31' },
      { staff_no: '0093', discipline_code: '0812', active: 1, joined_on: '1988-07-01', left_on: null },
      { staff_no: '0094', discipline_code: '0802', active: 1, joined_on: '2022-03-01', left_on: null },
      { staff_no: '0095', discipline_code: '0805', active: 1, joined_on: '2015-09-01', left_on: null },
    ])
  })

  it("HR and template spellings: notes in brackets, '*', 所在院系, status words, months typed as numbers, 2011 discipline names", async () => {
    const archive = await universityArchive()
    const file = join(tempDir(), 'hr.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('教职工')
    ws.addRow(['工号（必填）', '姓名*', '所在院系', '一级学科', '在职状态', '来校时间'])
    ws.addRow(['0201', '钱进', '经济管理学院', '工商管理', '延聘', 2019.09])
    ws.addRow(['0202', '孙丽', '公共管理学院', '公共管理', '离校', 201903])
    ws.addRow(['0203', '周强', '艺术学院', '1305', '已故', 2008])
    ws.addRow(['0204', '吴敏', '艺术学院', '设计学', '退休返聘', '2019.1'])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    expect(await importFile(archive, 'researchers', file, { skipInvalid: false })).toMatchObject({ rows: 4, inserted: 4, rejected: 0 })
    expect(rows(archive, 'SELECT staff_no, college, discipline_code, active, joined_on FROM researcher ORDER BY staff_no')).toEqual([
      { staff_no: '0201', college: '经济管理学院', discipline_code: '1202', active: 1, joined_on: '2019-09-01' },
      { staff_no: '0202', college: '公共管理学院', discipline_code: '1204', active: 0, joined_on: '2019-03-01' },
      { staff_no: '0203', college: '艺术学院', discipline_code: '1403', active: 0, joined_on: '2008-01-01' },
      { staff_no: '0204', college: '艺术学院', discipline_code: '1403', active: 1, joined_on: '2019-01-01' },
    ])
  })

  it('second-level disciplines (计算机应用技术) read as their first-level one; two disciplines in a cell keep the first, with a note', async () => {
    const archive = await universityArchive()
    const file = join(tempDir(), 'disciplines.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('名单')
    ws.addRow(['工号', '姓名', '学科'])
    ws.addRow(['0401', '陈晨', '计算机应用技术'])
    ws.addRow(['0402', '林立', '工学/材料学'])
    ws.addRow(['0403', '何静', '电力系统及其自动化'])
    ws.addRow(['0404', '马超', '0812;0835'])
    ws.addRow(['0405', '罗兰', '计算机科学与技术、软件工程'])
    ws.addRow(['0406', '高远', '矿物学、岩石学、矿床学'])
    ws.addRow(['0407', '宋雨', '计算机应用技术;0812'])
    ws.addRow(['0408', '唐果', '机器学习'])
    ws.addRow(['0409', '许诺', '计算机科学与技术/软件工程'])
    ws.addRow(['0410', '韩梅', '工学 计算机科学与技术'])
    ws.addRow(['0411', '邓超', '材料科学与工程（材料学）'])
    ws.addRow(['0412', '曹阳', '软件工程；'])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    const summary = await importFile(archive, 'researchers', file, { skipInvalid: true })
    expect(summary).toMatchObject({ rows: 12, inserted: 11, rejected: 1 })
    expect(rows(archive, 'SELECT staff_no, discipline_code FROM researcher ORDER BY staff_no')).toEqual([
      { staff_no: '0401', discipline_code: '0812' },
      { staff_no: '0402', discipline_code: '0805' },
      { staff_no: '0403', discipline_code: '0808' },
      { staff_no: '0404', discipline_code: '0812' },
      { staff_no: '0405', discipline_code: '0812' },
      { staff_no: '0406', discipline_code: '0709' },
      // The same discipline twice is one discipline: no note.
      { staff_no: '0407', discipline_code: '0812' },
      { staff_no: '0409', discipline_code: '0812' },
      // A category before the discipline only says where it is.
      { staff_no: '0410', discipline_code: '0812' },
      // The discipline, with its second-level one in brackets.
      { staff_no: '0411', discipline_code: '0805' },
      { staff_no: '0412', discipline_code: '0835' },
    ])
    expect(summary.warnings.map((w) => [w.row, w.message])).toEqual([
      [5, '学科一栏有 2 个学科（0812 计算机科学与技术；0835 软件工程）：档案为每位人员记一个学科，已记为第一个 0812 计算机科学与技术；如需改为其他学科，请在人员页修改'],
      [6, expect.stringMatching(/^学科一栏有 2 个学科（0812 计算机科学与技术；0835 软件工程）/u)],
      [10, expect.stringMatching(/^学科一栏有 2 个学科（0812 计算机科学与技术；0835 软件工程）/u)],
    ])
    // A research direction is no discipline of either catalogue.
    expect(summary.errors).toEqual([expect.objectContaining({ row: 9, header: '学科', message: expect.stringMatching(/^学科“机器学习”不在《研究生教育学科专业目录（2022年）》中/u) })])
  })

  it('a month typed as 2019.10 into a number cell (Excel keeps 2019.1) is read by its year only: it may be January or October', async () => {
    const archive = await universityArchive()
    const file = join(tempDir(), 'left.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('名单')
    ws.addRow(['工号', '姓名', '来校时间', '离校时间'])
    ws.addRow(['0301', '郑明', 2015.1, 2021.1])
    ws.addRow(['0302', '冯亮', 2015.12, 2021.09])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    expect(await importFile(archive, 'researchers', file, { skipInvalid: false })).toMatchObject({ inserted: 2, rejected: 0 })
    expect(rows(archive, 'SELECT staff_no, joined_on, left_on FROM researcher ORDER BY staff_no')).toEqual([
      { staff_no: '0301', joined_on: '2015-01-01', left_on: '2021-12-31' },
      { staff_no: '0302', joined_on: '2015-12-01', left_on: '2021-09-30' },
    ])
  })

  it('a 工号 that lost its leading zeros in a number cell updates the researcher stored with them, not a namesake', async () => {
    const archive = await universityArchive()
    const first = join(tempDir(), 'first.csv')
    writeFileSync(first, '工号,姓名,职称\n00123,王芳,教授\n0101,李强,讲师\n101,王强,讲师\n0555,钱七,讲师\n')
    await importFile(archive, 'researchers', first, { skipInvalid: false })
    const file = join(tempDir(), 'numbers.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('名单')
    ws.addRow(['工号', '姓名', '职称'])
    ws.addRow([123, '王芳', '二级教授'])
    ws.addRow([101, '王强', '副教授'])
    ws.addRow([777, '赵新', '讲师'])
    ws.addRow([777, '赵新', '讲师'])
    // 555 under another name than the stored 0555 is somebody else: never a rename of 钱七.
    ws.addRow([555, '孙八', '讲师'])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    expect(await importFile(archive, 'researchers', file, { skipInvalid: false })).toMatchObject({ rows: 5, inserted: 2, updated: 2, unchanged: 1, rejected: 0 })
    // 101 is a 工号 of its own: the exact one wins over 0101. A text 工号 keeps its zeros (0101 ≠ 101 above).
    expect(rows(archive, 'SELECT staff_no, name, title FROM researcher ORDER BY staff_no')).toEqual([
      { staff_no: '00123', name: '王芳', title: '二级教授' },
      { staff_no: '0101', name: '李强', title: '讲师' },
      { staff_no: '0555', name: '钱七', title: '讲师' },
      { staff_no: '101', name: '王强', title: '副教授' },
      { staff_no: '555', name: '孙八', title: '讲师' },
      { staff_no: '777', name: '赵新', title: '讲师' },
    ])
  })

  it('reports every bad roster row with what to do', async () => {
    const archive = await universityArchive()
    const summary = await importFile(archive, 'researchers', own('roster_bad.csv'))
    expect(summary.errors.map((e) => [e.row, e.letter, e.header])).toEqual([
      [2, 'A', '工号'],
      [3, 'D', '学科'],
      [4, 'E', '入职日期'],
      [5, 'F', '离职日期'],
      [7, 'A', '工号'],
    ])
    expect(summary.errors[1]!.message).toContain('研究生教育学科专业目录')
    expect(summary.errors[4]!.message).toContain('同一工号不能对应两个人')
    expect(summary).toMatchObject({ inserted: 1, rejected: 5 })
  })
})

describe('project lists', () => {
  it('upserts by 项目编号; periods, levels, fiscal funding and PI by 工号', async () => {
    const archive = await universityArchive()
    await importFile(archive, 'researchers', own('roster.xlsx'))
    const summary = await importFile(archive, 'projects', own('projects.xlsx'), { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 4, inserted: 4 })
    expect(
      rows(archive, 'SELECT p.project_no, p.funder, p.level, p.fiscal_funded, p.start_date, p.end_date, r.staff_no FROM project p LEFT JOIN researcher r ON r.id = p.pi_researcher_id ORDER BY p.project_no'),
    ).toEqual([
      { project_no: 'GJ2022001', funder: '国家自然科学基金委员会', level: 'national', fiscal_funded: 1, start_date: '2022-01-01', end_date: '2025-12-31', staff_no: '2008001' },
      { project_no: 'HX2023003', funder: '东海新能源科技有限公司', level: 'industry', fiscal_funded: 0, start_date: '2023-03-01', end_date: '2024-02-29', staff_no: '2024004' },
      { project_no: 'SB2021002', funder: '东海省科技厅', level: 'provincial', fiscal_funded: 1, start_date: '2021-01-01', end_date: '2023-12-31', staff_no: '2010002' },
      { project_no: 'XJ2020004', funder: '东海理工大学', level: 'university', fiscal_funded: 1, start_date: '2020-01-01', end_date: '2020-12-31', staff_no: null },
    ])
  })

  it('header notes: one that restates the field is read, one that says the column holds something else keeps it out', () => {
    const researchers = profileOf('researchers')
    const projects = profileOf('projects')
    const patents = profileOf('patents')
    expect(researchers.match('工号（人事编号）').field).toBe('staffNo')
    expect(researchers.match('一级学科（代码）').field).toBe('discipline')
    expect(researchers.match('姓名（英文）').field).toBeNull()
    expect(projects.match('项目编号（合同编号）').field).toBe('projectNo')
    expect(projects.match('负责人工号（人事编号）').field).toBe('piStaffNo')
    expect(projects.match('负责人（工号）').field).toBe('piStaffNo')
    expect(projects.match('项目负责人（人数）').field).toBeNull()
    expect(patents.match('发明名称(English)').field).toBeNull()
    expect(patents.match('申请号（Application No.）').field).toBe('appNo')
  })

  it('reads period and level spellings', () => {
    expect(parsePeriod('2021-01-01至2023-12-31')).toEqual(['2021-01-01', '2023-12-31'])
    expect(parsePeriod('2021.01-2023.12')).toEqual(['2021-01-01', '2023-12-31'])
    expect(parsePeriod('2021/1/1 ~ 2022/6/30')).toEqual(['2021-01-01', '2022-06-30'])
    expect(parsePeriod('2021年3月—2022年2月')).toEqual(['2021-03-01', '2022-02-28'])
    expect(parsePeriod('2020')).toEqual(['2020-01-01', '2020-12-31'])
    expect(parsePeriod('2021年1月-2023年12月')).toEqual(['2021-01-01', '2023-12-31'])
    expect(parsePeriod('2022-01-01 - 2022-12-31')).toEqual(['2022-01-01', '2022-12-31'])
    expect(parsePeriod('2022-01-01-2022-12-31')).toEqual(['2022-01-01', '2022-12-31'])
    expect(parsePeriod('2021年-2024年')).toEqual(['2021-01-01', '2024-12-31'])
    expect(parsePeriod('2021-01-2023-06')).toEqual(['2021-01-01', '2023-06-30'])
    expect(parsePeriod('2021-01-01\n2024-12-31')).toEqual(['2021-01-01', '2024-12-31'])
    expect(parsePeriod('2021.01-至今')).toEqual(['2021-01-01', undefined])
    expect(parsePeriod('2021.01 至 今')).toEqual(['2021-01-01', undefined])
    expect(parsePeriod('不详')).toBeNull()
    expect(parseProjectLevel('院级')).toBe('other')
    expect(parseProjectLevel('国家重点研发计划')).toBe('national')
    expect(parseProjectLevel('省部级')).toBe('provincial')
    expect(parseProjectLevel('企业委托')).toBe('industry')
    expect(parseProjectLevel('校级')).toBe('university')
    expect(parseProjectLevel('市级')).toBe('other')
    // A ministry's international cooperation line is no company contract.
    expect(parseProjectLevel('国际合作')).toBe('other')
    expect(parseProjectLevel('企业合作')).toBe('industry')
    expect(parseProjectLevel('宇宙级')).toBeNull()
  })

  it("科研处 spellings: notes in brackets, 是否财政资金 in its many values, 执行期限, 负责人职工号, months typed as numbers", async () => {
    const archive = await universityArchive()
    const roster = join(tempDir(), 'roster.csv')
    writeFileSync(roster, '工号,姓名,学院\n0301,张伟,计算机学院\n0302,张伟,机械工程学院\n')
    await importFile(archive, 'researchers', roster, { skipInvalid: false })
    const file = join(tempDir(), 'projects.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('项目')
    ws.addRow(['项目编号（必填）', '项目名称（必填）', '项目级别', '负责人', '负责人职工号', '是否财政资金', '执行期限', '立项日期'])
    ws.addRow(['62176001', '图神经网络研究', '国家级', '张伟', '0301', '是（中央财政）', '2022.01-2025.12', null])
    ws.addRow(['52105123', '智能制造', '国家级', '张伟', '0302', '中央财政', null, 2021.01])
    ws.addRow(['HX2023-01', '企业委托检测', '横向', '张伟', '0302', '横向', '2023.03-至今', null])
    ws.addRow(['YJ2024-02', '学院培育项目', '院级', '张伟', '0301', '否', '2024年-2025年', null])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    expect(await importFile(archive, 'projects', file, { skipInvalid: false })).toMatchObject({ rows: 4, inserted: 4, rejected: 0 })
    expect(
      rows(archive, 'SELECT p.project_no, p.level, p.fiscal_funded, p.start_date, p.end_date, r.staff_no FROM project p LEFT JOIN researcher r ON r.id = p.pi_researcher_id ORDER BY p.project_no'),
    ).toEqual([
      { project_no: '52105123', level: 'national', fiscal_funded: 1, start_date: '2021-01-01', end_date: null, staff_no: '0302' },
      { project_no: '62176001', level: 'national', fiscal_funded: 1, start_date: '2022-01-01', end_date: '2025-12-31', staff_no: '0301' },
      { project_no: 'HX2023-01', level: 'industry', fiscal_funded: 0, start_date: '2023-03-01', end_date: null, staff_no: '0302' },
      { project_no: 'YJ2024-02', level: 'other', fiscal_funded: 0, start_date: '2024-01-01', end_date: '2025-12-31', staff_no: '0301' },
    ])
  })

  it('one 项目编号 twice with two names is a problem row; twice with the same name is one project', async () => {
    const archive = await universityArchive()
    const file = join(tempDir(), 'dup.csv')
    writeFileSync(file, '项目编号,项目名称,项目级别\n62176001,图神经网络研究,国家级\n62176001,图神经网络研究,国家级\n62176001,智能制造研究,国家级\n')
    const summary = await importFile(archive, 'projects', file, { skipInvalid: true })
    expect(summary).toMatchObject({ rows: 3, inserted: 1, unchanged: 1, rejected: 1 })
    expect(summary.errors).toEqual([expect.objectContaining({ row: 4, message: expect.stringContaining('项目编号 62176001 在第 2 行已出现（项目名称“图神经网络研究”）') })])
    expect(rows(archive, 'SELECT name FROM project')).toEqual([{ name: '图神经网络研究' }])
  })

  it("a PI's 工号 that lost its leading zeros in a numeric cell (0012 → 12) still finds the researcher", async () => {
    const archive = await universityArchive()
    const roster = join(tempDir(), 'roster.csv')
    writeFileSync(roster, '工号,姓名\n0012,张伟\n0101,李强\n101,王强\n')
    await importFile(archive, 'researchers', roster, { skipInvalid: false })
    const file = join(tempDir(), 'projects.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('项目')
    ws.addRow(['批准号', '项目名称', '负责人工号'])
    ws.addRow([62271002, '数字孪生研究', 12])
    ws.addRow([62271003, '两位工号相近的负责人', 101])
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    const summary = await importFile(archive, 'projects', file, { skipInvalid: false })
    expect(summary).toMatchObject({ inserted: 2, rejected: 0 })
    // 101 is a 工号 of its own: exact matches come first.
    expect(rows(archive, 'SELECT p.project_no, r.name FROM project p LEFT JOIN researcher r ON r.id = p.pi_researcher_id ORDER BY p.project_no')).toEqual([
      { project_no: '62271002', name: '张伟' },
      { project_no: '62271003', name: '王强' },
    ])
  })

  it('a PI known only by a name shared by two researchers is not linked, with a warning', async () => {
    const archive = await universityArchive()
    await importFile(archive, 'researchers', own('roster.xlsx'))
    const file = join(tempDir(), 'p.csv')
    writeFileSync(file, '项目编号,项目名称,负责人\nP1,同名负责人,王伟\nP2,唯一负责人,李娜\n')
    const summary = await importFile(archive, 'projects', file, { skipInvalid: false })
    expect(summary).toMatchObject({ inserted: 2, rejected: 0 })
    expect(summary.warnings).toEqual([{ row: 2, column: null, letter: null, header: null, message: expect.stringContaining('有 2 位同名人员') }])
    expect(rows(archive, 'SELECT p.project_no, r.name FROM project p LEFT JOIN researcher r ON r.id = p.pi_researcher_id ORDER BY p.project_no')).toEqual([
      { project_no: 'P1', name: null },
      { project_no: 'P2', name: '李娜' },
    ])
  })

  it("a PI's college on the list tells namesakes apart; a college neither namesake is in links no one", async () => {
    const archive = await universityArchive()
    await importFile(archive, 'researchers', own('roster.xlsx'))
    const file = join(tempDir(), 'p.csv')
    // Two 王伟 on the roster: 2008001 of 计算机学院, 2012015 of 材料学院.
    writeFileSync(file, '项目编号,项目名称,负责人,所属学院\nP1,材料项目,王伟,材料 学院\nP2,计算机项目,王伟,计算机学院\nP3,外院项目,王伟,外国语学院\nP4,未填学院,王伟,\n')
    const detected = await detectSource(file, 'projects')
    expect(detected.columns.map((c) => c.field)).toEqual(['projectNo', 'name', 'piName', 'piCollege'])
    const summary = await importFile(archive, 'projects', file, { skipInvalid: false })
    expect(summary).toMatchObject({ inserted: 4, rejected: 0 })
    expect(rows(archive, 'SELECT p.project_no, r.staff_no FROM project p LEFT JOIN researcher r ON r.id = p.pi_researcher_id ORDER BY p.project_no')).toEqual([
      { project_no: 'P1', staff_no: '2012015' },
      { project_no: 'P2', staff_no: '2008001' },
      { project_no: 'P3', staff_no: null },
      { project_no: 'P4', staff_no: null },
    ])
    // 单位 and 承担单位 on a project list name the client, the funder or the university as often as a college.
    const other = join(tempDir(), 'units.csv')
    writeFileSync(other, '项目编号,项目名称,负责人,单位,承担单位,所在学院\nP9,横向项目,王伟,江苏某重工有限公司,东海理工大学,材料学院\n')
    expect((await detectSource(other, 'projects')).columns.map((c) => c.field)).toEqual(['projectNo', 'name', 'piName', null, null, 'piCollege'])
    expect(summary.warnings.map((w) => [w.row, w.message])).toEqual([
      [4, '负责人“王伟”在名单中有 2 位同名人员（其中没有“外国语学院”的），项目未关联负责人：请在“负责人工号”列填写工号'],
      [5, '负责人“王伟”在名单中有 2 位同名人员，项目未关联负责人：请在“负责人工号”列填写工号'],
    ])
  })
})

describe('templates and problem lists', () => {
  async function readAll(path: string): Promise<SheetRow[]> {
    const out: SheetRow[] = []
    for await (const row of openTable(path).rows()) out.push(row)
    return out
  }

  it.each(['patents', 'researchers', 'projects'] as ImportKind[])('the %s template maps every column and imports once filled in', async (kind) => {
    const path = join(tempDir(), `${kind}.xlsx`)
    await writeTemplate(kind, path)
    const detected = await detectSource(path, kind).catch((e: Error) => e)
    // Header only: refused, with the reason.
    expect(detected).toBeInstanceOf(Error)
    expect((detected as Error).message).toContain('只有表头')
    // Fill in the example row from the instructions sheet, then import it.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const help = wb.getWorksheet('填写说明')!
    const examples: string[] = []
    help.eachRow((row, n) => {
      if (n > 1) examples.push(String(row.getCell(4).value ?? '').split(' 或 ')[0]!)
    })
    const sheet = wb.worksheets[0]!
    const headers = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(headers).toHaveLength(examples.length)
    sheet.addRow(examples)
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()))
    const filled = await detectSource(path, kind)
    expect(filled.columns.every((c) => c.field !== null), JSON.stringify(filled.columns.filter((c) => c.field === null))).toBe(true)
    expect(filled.missing).toEqual([])
    const archive = await universityArchive()
    // The project template's example PI is the roster template's example researcher.
    if (kind === 'projects') archive.sqlite.prepare("INSERT INTO researcher (staff_no, name, created_at, updated_at) VALUES ('2015001', '王芳', 'x', 'x')").run()
    const summary = await importFile(archive, kind, path, { skipInvalid: false })
    expect(summary, JSON.stringify(summary.errors)).toMatchObject({ inserted: 1, rejected: 0 })
    expect(profileOf(kind).fields.length).toBeGreaterThan(0)
  })

  it('writes the problem rows as a workbook: row, column, header, reason', async () => {
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', own('bad_rows.csv'))
    const path = join(tempDir(), 'problems.xlsx')
    await writeProblems(path, summary.errors, summary.warnings)
    const read = await readAll(path)
    expect(read[0]!.values).toEqual(['行号', '列', '列名', '问题与处理办法'])
    expect(read.slice(1).map((r) => r.values.slice(0, 3))).toEqual([
      [2, 'A', '申请号'],
      [3, 'A', '申请号'],
      [4, 'B', '名称'],
      [5, 'C', '申请日'],
    ])
  })

  it('a workbook without xl/workbook.xml (the exceljs read race, made permanent) is refused after retries, never half-read', async () => {
    const zip = await JSZip.loadAsync(readFileSync(own('cnipa_title_rows.xlsx')))
    zip.remove('xl/workbook.xml')
    const path = join(tempDir(), 'no-workbook.xlsx')
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }))
    await expect(detectSource(path, 'patents')).rejects.toThrow(/文件不完整或已损坏/)
  })
})
