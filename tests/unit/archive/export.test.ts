import ExcelJS from 'exceljs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ASSET_LIST_COLUMNS, exportAssetList } from '../../../src-main/archive/export'
import { searchAssets } from '../../../src-main/archive/search'
import type { AssetListExportInput } from '../../../src-main/contract/archive'
import { applicationCheckChar } from '../../../src-main/domain/cn-number'
import type { Archive } from '../../../src-main/db/connection'
import { tempArchive, tempDir } from '../helpers/temp'
import { addAsset } from './helpers'

// 导出 Excel on the archive page: the file holds the list exactly as browsed — same words, filters and
// order — every page of it, read back from a real .xlsx.

const appNo = (i: number, type = 1) => {
  const digits = `2019${type}${String(1_000_000 + i).padStart(7, '0')}`
  return `${digits}.${applicationCheckChar(digits)}`
}

async function archiveOf(n: number): Promise<Archive> {
  const archive = await tempArchive()
  const insert = archive.sqlite.prepare(
    `INSERT INTO ip_asset (kind, app_no, title, applicants, filing_date, status_group, college, university_owned, created_at, updated_at)
     VALUES (?, ?, ?, '东海理工大学', ?, ?, ?, ?, 'x', 'x')`,
  )
  archive.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const kind = i % 3 === 0 ? 'utility' : 'invention'
      // Dates repeat, so the order has ties the export must break exactly as the list does.
      const filing = `20${String(15 + (i % 9)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 7}`
      insert.run(kind, appNo(i, kind === 'utility' ? 2 : 1), i % 2 ? `一种锂电池隔膜${i}` : `一种芯片封装结构${i}`, filing, i % 4 ? 'valid' : 'lapsed', i % 5 ? '材料学院' : '计算机学院', i % 6 ? 1 : 0)
    }
  })()
  return archive
}

/** Every row of the list as the screen pages it (50 a page), as the export's first columns would read. */
async function listed(archive: Archive, input: AssetListExportInput): Promise<string[][]> {
  const rows: string[][] = []
  for (let offset = 0; ; offset += 50) {
    const page = await searchAssets(archive.db, { ...input, offset, limit: 50 })
    for (const r of page.items) rows.push([r.appNo, r.title, r.filingDate ?? ''])
    if (offset + 50 >= page.total) return rows
  }
}

async function exported(archive: Archive, input: AssetListExportInput): Promise<{ count: number; headers: unknown[]; rows: string[][]; sheet: ExcelJS.Worksheet }> {
  const file = join(tempDir(), 'list.xlsx')
  const progress: [number, number][] = []
  const count = await exportAssetList(archive.db, file, input, { progress: (done, total) => progress.push([done, total]) })
  expect(progress.at(-1)).toEqual([count, count])
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const sheet = workbook.worksheets[0]!
  const rows: string[][] = []
  for (let r = 2; r <= sheet.actualRowCount; r++) {
    const row = sheet.getRow(r)
    rows.push([String(row.getCell(1).value), String(row.getCell(3).value), String(row.getCell(7).value ?? '')])
  }
  return { count, headers: (sheet.getRow(1).values as unknown[]).slice(1), rows, sheet }
}

describe('exporting the browse list', () => {
  it('writes every page of a filtered list, in the order of the list, each asset once', async () => {
    const archive = await archiveOf(900)
    const input: AssetListExportInput = { kinds: ['invention'], statusGroups: ['valid'], sort: 'filing_date', order: 'desc' }
    const { count, headers, rows, sheet } = await exported(archive, input)
    expect(headers).toEqual(ASSET_LIST_COLUMNS.map((c) => c.header))
    // More than one of the export's 200-row pages, and the same rows as the screen's 50-row pages.
    expect(count).toBeGreaterThan(400)
    expect(rows).toEqual(await listed(archive, input))
    expect(new Set(rows.map((r) => r[0])).size).toBe(count)
    const first = sheet.getRow(2)
    expect(first.getCell(2).value).toBe('发明')
    expect(first.getCell(12).value).toBe('有效')
    expect(['是', '否']).toContain(first.getCell(17).value)
  })

  it('follows words, a number and the title order as the list does', async () => {
    const archive = await archiveOf(450)
    for (const input of [{ q: '锂电池' }, { q: '芯片', sort: 'title', order: 'asc' }, { q: appNo(7, 1) }, { college: '计算机学院', universityOwned: true }] as AssetListExportInput[]) {
      const { count, rows } = await exported(archive, input)
      expect(rows, JSON.stringify(input)).toEqual(await listed(archive, input))
      expect(count, JSON.stringify(input)).toBe((await searchAssets(archive.db, { ...input, limit: 1 })).total)
    }
  })

  it('adds what the screen leaves out: current holder, publication date, expiry and main IPC class', async () => {
    const archive = await tempArchive()
    await addAsset(
      archive.db,
      {
        app_no: appNo(3),
        title: '一种锂离子电池正极材料',
        applicants: '东海理工大学',
        current_owner: '宁德某新能源公司',
        filing_date: '2019-03-28',
        pub_no: 'CN110000003A',
        pub_date: '2019-09-27',
        grant_no: 'CN110000003B',
        grant_date: '2021-06-01',
        expiry_date: '2039-03-27',
        ipc_main: 'H01M4/131',
        status_group: 'valid',
        status_event: '授权',
        college: '材料学院',
        university_owned: 0,
      },
      ['王伟', '李静'],
    )
    const { sheet } = await exported(archive, {})
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    const row = (sheet.getRow(2).values as unknown[]).slice(1)
    expect(Object.fromEntries(header.map((h, i) => [String(h), row[i] ?? '']))).toEqual({
      '申请号/登记号': appNo(3),
      类型: '发明',
      名称: '一种锂离子电池正极材料',
      申请人: '东海理工大学',
      当前权利人: '宁德某新能源公司',
      发明人: '王伟、李静',
      申请日: '2019-03-28',
      '公开（公告）号': 'CN110000003A',
      '公开（公告）日': '2019-09-27',
      授权公告号: 'CN110000003B',
      授权日: '2021-06-01',
      法律状态: '有效',
      法律事件: '授权',
      届满日: '2039-03-27',
      主分类号: 'H01M4/131',
      学院: '材料学院',
      学校为权利人: '否',
    })
  })

  it('an empty list is a file with the header row only', async () => {
    const archive = await tempArchive()
    await addAsset(archive.db, { app_no: appNo(1), title: '一种芯片' })
    const { count, rows, headers } = await exported(archive, { q: '不存在的词语' })
    expect([count, rows.length]).toEqual([0, 0])
    expect(headers).toHaveLength(ASSET_LIST_COLUMNS.length)
  })
})
