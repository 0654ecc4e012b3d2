import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../../helpers/temp'
import { archiveFileWithData, cli, own, pub, settledHash, writeSyntheticPatents } from './helpers'

const run = promisify(execFile)
const BIN = resolve(__dirname, '../../../../resources/cli/ipdesk.mjs')

describe('ipdesk check-number', () => {
  it('prints {input, valid, normalized, kind} per number, expectedCheck when the check character is wrong; exit 1 if any is invalid', async () => {
    const ok = await cli('check-number', '--json', 'CN202310397744.0', 'ZL2023 1 0397744.0', '２０２３１０３９７７４４．０', '2026SR0581563', 'CN114081026A', '99112345.x')
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toEqual([
      { input: 'CN202310397744.0', valid: true, normalized: '202310397744.0', kind: 'invention' },
      { input: 'ZL2023 1 0397744.0', valid: true, normalized: '202310397744.0', kind: 'invention' },
      { input: '２０２３１０３９７７４４．０', valid: true, normalized: '202310397744.0', kind: 'invention' },
      { input: '2026SR0581563', valid: true, normalized: '2026SR0581563', kind: 'software' },
      { input: 'CN114081026A', valid: true, normalized: 'CN114081026A', kind: 'invention' },
      { input: '99112345.x', valid: true, normalized: '99112345.X', kind: 'invention' },
    ])
    const bad = await cli('check-number', '--json', '202310397744.1', 'CN202121635235.x', 'hello')
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.stdout)).toEqual([
      { input: '202310397744.1', valid: false, normalized: null, kind: 'invention', expectedCheck: '0' },
      { input: 'CN202121635235.x', valid: true, normalized: '202121635235.X', kind: 'utility' },
      { input: 'hello', valid: false, normalized: null, kind: null },
    ])
  })

  it('human output names the right check character; no number is a usage error', async () => {
    const human = await cli('check-number', '202310397744.1', '202310397744.0')
    expect(human.code).toBe(1)
    expect(human.stdout).toContain('✗ 202310397744.1：申请号 202310397744 的校验位应为 0，而不是 1')
    expect(human.stdout).toContain('✓ 202310397744.0 → 202310397744.0（发明）')
    expect((await cli('check-number')).code).toBe(2)
  })

  it('all 504 numbers of the CNIPA collector list are valid', async () => {
    const { readFileSync } = await import('node:fs')
    const numbers = readFileSync(pub('cn_application_numbers_cnipa_collector.txt'), 'utf8').split(/\r?\n/).filter(Boolean)
    const result = await cli('check-number', '--json', ...numbers)
    expect(result.code).toBe(0)
    expect((JSON.parse(result.stdout) as { valid: boolean }[]).every((r) => r.valid)).toBe(true)
  })
})

describe('ipdesk import', () => {
  it('patents: the JSON shape of the issue, row numbers as the spreadsheet shows them, exit 0', async () => {
    const db = await archiveFileWithData()
    const result = await cli('import', 'patents', own('patsnap_halfwidth.xlsx'), '--db', db, '--json')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({ rows: 3, inserted: 2, updated: 1, unchanged: 0, rejected: 0, errors: [] })
  })

  it('patents --dry-run changes nothing and reports what the import would do', async () => {
    const db = await archiveFileWithData()
    const before = settledHash(db)
    const result = await cli('import', 'patents', own('full58_conversions.csv'), '--db', db, '--json', '--dry-run')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({ rows: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0, errors: [] })
    expect(settledHash(db)).toBe(before)
  })

  it('human output: counts, link states, notices and the problem rows', async () => {
    const db = await archiveFileWithData()
    const result = await cli('import', 'patents', own('bad_rows.csv'), '--db', db, '--skip-invalid')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('已导入：共 5 行；新增专利 1，更新 0，不变 0，有误 4')
    expect(result.stdout).toContain('第 5 行 C 列“申请日”：“2023-02-30”不是有效日期')
    expect(result.stdout).toContain('发明人关联：')
  })

  it('researchers and projects: same flags and output; upsert by 工号 and 项目编号', async () => {
    const db = await archiveFileWithData()
    const roster = await cli('import', 'researchers', own('roster_gbk.csv'), '--db', db, '--json')
    expect(roster.code).toBe(0)
    expect(JSON.parse(roster.stdout)).toEqual({ rows: 2, inserted: 1, updated: 0, unchanged: 1, rejected: 0, errors: [] })
    const badRoster = await cli('import', 'researchers', own('roster_bad.csv'), '--db', db, '--json')
    expect(badRoster.code).toBe(1)
    expect(JSON.parse(badRoster.stdout)).toMatchObject({ rows: 6, inserted: 0, rejected: 5 })
    const projects = await cli('import', 'projects', own('projects.xlsx'), '--db', db, '--json')
    expect(projects.code).toBe(0)
    expect(JSON.parse(projects.stdout)).toEqual({ rows: 4, inserted: 4, updated: 0, unchanged: 0, rejected: 0, errors: [] })
    const again = await cli('import', 'projects', own('projects.xlsx'), '--db', db, '--json')
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, unchanged: 4 })
    const badProjects = await cli('import', 'projects', own('projects_bad.csv'), '--db', db, '--json', '--skip-invalid')
    expect(badProjects.code).toBe(0)
    expect(JSON.parse(badProjects.stdout).errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, '负责人工号'],
      [3, '级别'],
      [4, '结束日期'],
      [5, '是否财政资助'],
    ])
  })

  it('usage errors exit 2', async () => {
    const db = await archiveFileWithData()
    expect((await cli('import', 'patents', '--db', db)).code).toBe(2)
    expect((await cli('import', 'patents', own('a.xlsx'), own('b.xlsx'), '--db', db)).code).toBe(2)
    expect((await cli('import', 'patents', own('cnipa_title_rows.xlsx'))).code).toBe(2)
    expect((await cli('import', 'patents', own('cnipa_title_rows.xlsx'), '--db', db, '--force')).code).toBe(2)
  })

  it('the built command (node resources/cli/ipdesk.mjs) gives the same JSON and exit codes', async () => {
    const db = await archiveFileWithData()
    const ok = await run(process.execPath, [BIN, 'import', 'patents', own('incopat_utf8_bom.csv'), '--db', db, '--json'])
    expect(JSON.parse(ok.stdout)).toEqual({ rows: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0, errors: [] })
    const before = settledHash(db)
    const refused = await run(process.execPath, [BIN, 'import', 'patents', own('legacy.xls'), '--db', db, '--json']).catch((e: { code: number; stderr: string }) => e)
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('.xlsx') })
    expect(settledHash(db)).toBe(before)
    const check = await run(process.execPath, [BIN, 'check-number', '--json', '202310397744.0'])
    expect(JSON.parse(check.stdout)).toEqual([{ input: '202310397744.0', valid: true, normalized: '202310397744.0', kind: 'invention' }])
  })

  it('a large file is read on a worker thread by the built command, with the same result as on one thread', async () => {
    const dir = tempDir()
    const big = join(dir, 'big.xlsx')
    await writeSyntheticPatents(big, 6000)
    expect(readFileSync(big).length).toBeGreaterThan(512 * 1024)
    const contents: string[] = []
    for (const worker of ['1', '0']) {
      const db = join(tempDir(), 'fresh.sqlite')
      expect((await cli('init', '--db', db)).code).toBe(0)
      expect((await cli('settings', 'set', 'universityName', '东海理工大学', '--db', db)).code).toBe(0)
      const out = await run(process.execPath, [BIN, 'import', 'patents', big, '--db', db, '--json'], { env: { ...process.env, IPDESK_IMPORT_WORKER: worker } })
      expect(JSON.parse(out.stdout)).toEqual({ rows: 6000, inserted: 6000, updated: 0, unchanged: 0, rejected: 0, errors: [] })
      const raw = new Database(db, { readonly: true })
      contents.push(
        JSON.stringify([
          raw.prepare('SELECT app_no, kind, title, filing_date, pub_no, status_group, status_event, university_owned, expiry_date, ipc_all FROM ip_asset ORDER BY app_no').all(),
          raw.prepare('SELECT a.app_no, i.rank, i.raw_name, i.link_state FROM asset_inventor i JOIN ip_asset a ON a.id = i.asset_id ORDER BY a.app_no, i.rank').all(),
          raw.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'index'").get(),
        ]),
      )
      raw.close()
    }
    expect(contents[0]).toBe(contents[1])

    // A large workbook that breaks half-way, read by the worker: refused, archive unchanged.
    const db = await archiveFileWithData()
    const before = settledHash(db)
    const broken = join(dir, 'broken.xlsx')
    const bytes = readFileSync(big)
    writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length * 0.7)))
    const refused = await run(process.execPath, [BIN, 'import', 'patents', broken, '--db', db, '--json', '--skip-invalid']).catch((e: { code: number; stderr: string }) => e)
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('文件不完整或已损坏') })
    expect(settledHash(db)).toBe(before)
  })
})
