import ExcelJS from 'exceljs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src-main/cli/main'
import { searchAssets } from '../../../src-main/archive/search'
import { openArchive } from '../../../src-main/db/connection'
import { tempDir } from '../helpers/temp'
import { addAsset } from './helpers'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

async function archiveFile(): Promise<string> {
  const file = join(tempDir(), 'a.sqlite')
  const archive = await openArchive(file)
  await addAsset(archive.db, { app_no: '202310397744.0', title: '一种锂离子电池正极材料', filing_date: '2023-03-28' }, ['王伟', '李静'])
  await addAsset(archive.db, { kind: 'software', app_no: '2026SR0581563', title: '电池管理软件V1.0', filing_date: '2026-01-05' }, ['王伟'])
  await addAsset(archive.db, { kind: 'utility', app_no: '202220123456.5', title: '一种芯片封装结构', filing_date: '2022-05-10' }, [])
  await archive.close()
  return file
}

describe('ipdesk search', () => {
  it('prints {total, items} as JSON for a 2-character term, honours --limit', async () => {
    const db = await archiveFile()
    const r = await cli('search', '电池', '--db', db, '--json')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout) as { total: number; items: { appNo: string; title: string; inventors: string }[] }
    expect(json.total).toBe(2)
    expect(json.items.map((i) => i.appNo).sort()).toEqual(['202310397744.0', '2026SR0581563'])
    const limited = JSON.parse((await cli('search', '电池', '--db', db, '--json', '--limit', '1')).stdout) as { total: number; items: unknown[] }
    expect(limited.total).toBe(2)
    expect(limited.items).toHaveLength(1)
  })

  it('finds a number in a pasted form spread over several arguments', async () => {
    const db = await archiveFile()
    const json = JSON.parse((await cli('search', 'ZL', '2023', '1', '0397744.0', '--db', db, '--json')).stdout) as { total: number; items: { title: string; inventors: string }[] }
    expect(json.total).toBe(1)
    expect(json.items[0]).toMatchObject({ title: '一种锂离子电池正极材料', inventors: '王伟、李静' })
  })

  it('prints a readable list without --json, and survives FTS syntax in the query', async () => {
    const db = await archiveFile()
    const r = await cli('search', '芯片', '--db', db)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('共 1 项')
    expect(r.stdout).toContain('一种芯片封装结构')
    expect((await cli('search', 'NEAR("电池" *', '--db', db, '--json')).code).toBe(0)
  })

  it('exits 2 on usage errors and 1 on a missing archive', async () => {
    const db = await archiveFile()
    expect((await cli('search', '--db', db)).code).toBe(2)
    expect((await cli('search', '电池', '--db', db, '--limit', '0')).code).toBe(2)
    const missing = await cli('search', '电池', '--db', join(tempDir(), 'none.sqlite'))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('找不到档案文件')
  })
})

describe('ipdesk export archive', () => {
  async function titles(file: string): Promise<string[]> {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const sheet = workbook.worksheets[0]!
    const out: string[] = []
    for (let r = 2; r <= sheet.actualRowCount; r++) out.push(String(sheet.getRow(r).getCell(3).value))
    return out
  }

  it('writes the search results as the archive page would, with kinds by code or Chinese label', async () => {
    const db = await archiveFile()
    const out = join(tempDir(), 'list.xlsx')
    const all = await cli('export', 'archive', '--db', db, '--out', out, '--json')
    expect(all.code).toBe(0)
    expect(JSON.parse(all.stdout)).toEqual({ file: out, count: 3 })
    // Newest filing first, as the list shows without words.
    expect(await titles(out)).toEqual(['电池管理软件V1.0', '一种锂离子电池正极材料', '一种芯片封装结构'])

    const worded = await cli('export', 'archive', '电池', '--kind', '发明,software', '--db', db, '--out', out)
    expect(worded.code).toBe(0)
    expect(worded.stdout).toBe(`已导出 2 项知识产权到 ${out}`)
    expect((await titles(out)).sort()).toEqual(['一种锂离子电池正极材料', '电池管理软件V1.0'])
    const archive = await openArchive(db, { create: false })
    const listed = await searchAssets(archive.db, { q: '电池', kinds: ['invention', 'software'] })
    await archive.close()
    expect(await titles(out)).toEqual(listed.items.map((i) => i.title))
  })

  it('says which values an option takes, and wants an .xlsx file', async () => {
    const db = await archiveFile()
    const badKind = await cli('export', 'archive', '--kind', '专利', '--db', db, '--out', join(tempDir(), 'x.xlsx'))
    expect(badKind.code).toBe(2)
    expect(badKind.stderr).toContain('--kind 不认识“专利”')
    expect(badKind.stderr).toContain('invention（发明）')
    expect((await cli('export', 'archive', '--db', db, '--out', join(tempDir(), 'x.csv'))).code).toBe(2)
  })
})

