import ExcelJS from 'exceljs'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src-main/cli/main'
import { openArchive } from '../../../src-main/db/connection'
import { tempDir } from '../helpers/temp'
import { expectedByKind, seedFixture } from './fixture'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

describe('ipdesk report annual', () => {
  it('writes both files into --out and prints their paths as JSON', async () => {
    const dir = tempDir()
    const db = join(dir, 'a.sqlite')
    const archive = await openArchive(db)
    const fx = seedFixture(archive, 21, 300)
    await archive.close()
    const out = join(dir, '报告输出')
    const result = await cli('report', 'annual', '--year', '2024', '--db', db, '--out', out, '--json')
    expect(result.code, result.stderr).toBe(0)
    const printed = JSON.parse(result.stdout) as Record<string, string>
    expect(Object.keys(printed).sort()).toEqual(['docx', 'xlsx'])
    expect(printed.docx).toBe(join(out, '年度工作报告_2024.docx'))
    expect(printed.xlsx).toBe(join(out, '年度工作统计_2024.xlsx'))
    expect(existsSync(printed.docx!) && existsSync(printed.xlsx!)).toBe(true)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(printed.xlsx!)
    const row = wb.getWorksheet('专利授权')!.getRow(4).values as unknown[]
    const e = expectedByKind(fx, 'grant', 2024)
    expect(row.slice(1)).toEqual([2024, e.invention, e.utility, e.design, e.total])

    const human = await cli('report', 'annual', '--year', '2024', '--db', db, '--out', out)
    expect(human.code).toBe(0)
    expect(human.stdout).toContain(`专利授权 ${e.total} 件`)
  })

  it('exits 2 on usage errors and 1 on a missing archive, creating nothing', async () => {
    const dir = tempDir()
    expect((await cli('report', 'annual', '--db', 'x', '--out', dir)).code).toBe(2)
    expect((await cli('report', 'annual', '--year', '24', '--db', 'x', '--out', dir)).code).toBe(2)
    expect((await cli('report', 'annual', '--year', '2024', '--out', dir)).code).toBe(2)
    const bad = await cli('report', 'annual', '--year', '1900', '--db', join(dir, 'a.sqlite'), '--out', join(dir, 'o'))
    expect(bad.code).toBe(1)
    const missing = await cli('report', 'annual', '--year', '2024', '--db', join(dir, 'missing.sqlite'), '--out', join(dir, 'out'))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('找不到档案文件')
    expect(existsSync(join(dir, 'out'))).toBe(false)
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false)
  })
})
