import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { disclosuresCommands } from '../../../src-main/cli/commands/disclosures'
import { runCli } from '../../../src-main/cli/main'
import { openArchive } from '../../../src-main/db/connection'
import { docxText } from '../../../src-main/docx'
import { readClaimsFile } from '../../../src-main/disclosures/intake'
import { tempDir } from '../helpers/temp'
import { seedTestArchive } from './fixtures'
import { writeXlsx } from './xlsx'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, disclosuresCommands)
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

async function archiveFile(): Promise<string> {
  const file = join(tempDir(), 'archive.sqlite')
  const archive = await openArchive(file)
  await seedTestArchive(archive.db)
  await archive.close()
  return file
}

async function claimsFile(rows: unknown[][]): Promise<string> {
  const file = join(tempDir(), '张伟披露清单.xlsx')
  await writeXlsx(file, [['序号', '成果类型', '申请号/登记号', '名称', '本人排名', '声明状态', '声明日期'], ...rows], '披露清单')
  return file
}

async function disclosureCount(db: string): Promise<number> {
  const archive = await openArchive(db)
  const n = (await archive.db.selectFrom('disclosure').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
  await archive.close()
  return Number(n)
}

describe('ipdesk verify', () => {
  it('prints verdicts, discrepancies and suggestions as JSON and writes the .docx and .xlsx', async () => {
    const db = await archiveFile()
    const claims = await claimsFile([
      [1, '发明', '202310397744.0', '一种锂离子电池隔膜及其制备方法', 1, '授权', '2025-03-14'],
      [2, '发明', '202110222222.8', '一种数控机床主轴冷却结构', 1, '授权', ''],
      [3, '发明', '202310397744.1', '一种锂离子电池隔膜及其制备方法', 1, '授权', ''],
      [4, '发明', '202510999999.3', '一种光伏组件清洁机器人', 1, '授权', ''],
      [5, '发明', '201810666666.9', '一种废水中重金属离子的吸附材料', 2, '授权', ''],
    ])
    const out = join(tempDir(), 'out')
    const result = await cli('verify', claims, '--researcher', '2005001', '--db', db, '--out', out, '--json', '--period', '2021-2025', '--purpose', '职称评审')
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout) as {
      items: { seq: number; verdict: string; discrepancies: string[]; suggestion?: string }[]
      files: string[]
      researcher: { staffNo: string; name: string }
      periodFrom: string
      status: string
    }
    expect(json.researcher).toEqual({ staffNo: '2005001', name: '张伟' })
    expect(json.periodFrom).toBe('2021-01-01')
    expect(json.items.map(({ seq, verdict, discrepancies }) => ({ seq, verdict, discrepancies }))).toEqual([
      { seq: 1, verdict: 'consistent', discrepancies: [] },
      { seq: 2, verdict: 'inconsistent', discrepancies: ['not_inventor'] },
      { seq: 3, verdict: 'invalid_number', discrepancies: [] },
      { seq: 4, verdict: 'not_found', discrepancies: [] },
      { seq: 5, verdict: 'inconsistent', discrepancies: ['date_out_of_period'] },
    ])
    expect(json.items[0]).not.toHaveProperty('suggestion')
    expect(json.items[2]!.suggestion).toBe('202310397744.0')
    expect(json.items[3]!.suggestion).toContain('202210333333.0')
    expect(json.items[3]!.suggestion).toContain('202220333334.0')
    expect(json.status).toBe('draft')
    expect(json.files).toHaveLength(2)
    expect(json.files[0]).toMatch(/核实意见书_张伟_2005001_\d{8}\.docx$/)
    expect(json.files[1]).toMatch(/核实结果_张伟_2005001_\d{8}\.xlsx$/)
    for (const f of json.files) expect(existsSync(f)).toBe(true)
    expect(await docxText(json.files[0]!)).toContain('本意见书尚未签发')
    expect(await disclosureCount(db)).toBe(1)

    const signed = await cli('verify', claims, '--researcher', '2005001', '--db', db, '--out', out, '--json', '--sign')
    expect(signed.code).toBe(0)
    expect(JSON.parse(signed.stdout)).toMatchObject({ status: 'signed', certificateNo: expect.stringMatching(/^HS\d{8}$/) })

    const human = await cli('verify', claims, '--researcher', '2005001', '--db', db, '--out', out)
    expect(human.code).toBe(0)
    expect(human.stdout).toContain('本人不在发明人之列')
    expect(human.stdout).toContain('已写入')
  })

  it("says so when the list names another researcher than the 工号 verified (姓名：… above the header)", async () => {
    const db = await archiveFile()
    const file = join(tempDir(), '披露清单.xlsx')
    await writeXlsx(file, [['姓名：李娜'], ['序号', '申请号/登记号', '名称'], [1, '202310397744.0', '一种锂离子电池隔膜及其制备方法']], '披露清单')
    const other = await cli('verify', file, '--researcher', '2005001', '--db', db, '--out', tempDir())
    expect(other.code).toBe(0)
    expect(other.stderr).toContain('注意：清单中写的姓名是“李娜”，而工号 2005001 是“张伟”')
    const same = join(tempDir(), '披露清单.xlsx')
    await writeXlsx(same, [['姓名：张 伟'], ['序号', '申请号/登记号', '名称'], [1, '202310397744.0', '一种锂离子电池隔膜及其制备方法']], '披露清单')
    expect((await cli('verify', same, '--researcher', '2005001', '--db', db, '--out', tempDir())).stderr).not.toContain('姓名')
  })

  it('refuses unreadable cells, an unknown 工号 and a missing file with exit 1, changing nothing', async () => {
    const db = await archiveFile()
    const bad = await claimsFile([[1, '发明', '202310397744.0', 'x', '通讯作者', '授权', '']])
    const result = await cli('verify', bad, '--researcher', '2005001', '--db', db, '--json')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('第 2 行 E（本人排名） 列')
    expect(result.stderr).toContain('通讯作者')

    const good = await claimsFile([[1, '发明', '202310397744.0', '一种锂离子电池隔膜及其制备方法', 1, '授权', '']])
    const unknown = await cli('verify', good, '--researcher', '1234567', '--db', db, '--out', tempDir())
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('没有工号“1234567”')
    expect((await cli('verify', join(tempDir(), 'missing.xlsx'), '--researcher', '2005001', '--db', db)).code).toBe(1)
    expect(await disclosureCount(db)).toBe(0)

    expect((await cli('verify', '--researcher', '2005001', '--db', db)).code).toBe(2)
    expect((await cli('verify', good, '--researcher', '2005001', '--db', db, '--from', '2021/01/01')).code).toBe(2)
  })
})

describe('ipdesk template disclosure', () => {
  it('writes 披露清单模板.xlsx that reads back as an empty claim list', async () => {
    const file = join(tempDir(), '披露清单模板.xlsx')
    const result = await cli('template', 'disclosure', '--out', file)
    expect(result.code).toBe(0)
    const list = await readClaimsFile(file)
    expect(Object.keys(list.columns).sort()).toEqual(['date', 'kind', 'note', 'number', 'rank', 'seq', 'status', 'title'])
  })
})
