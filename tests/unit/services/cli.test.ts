import ExcelJS from 'exceljs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src-main/cli/main'
import { openArchive } from '../../../src-main/db/connection'
import { tempDir } from '../helpers/temp'

const LEDGER = resolve(__dirname, '../../fixtures/services/consultation-ledger-2023.xlsx')
const MIXED = resolve(__dirname, '../../fixtures/services/services-mixed-gb18030.csv')

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

async function count(db: string): Promise<number> {
  const archive = await openArchive(db, { create: false })
  try {
    const row = await archive.db.selectFrom('service_record').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return Number(row.n)
  } finally {
    await archive.close()
  }
}

describe('ipdesk import services / export services', () => {
  it('refuses a ledger with invalid rows as a whole (exit 1, JSON problems), then imports with --skip-invalid', async () => {
    const db = join(tempDir(), 'a.sqlite')
    expect((await cli('init', '--db', db)).code).toBe(0)
    const refused = await cli('import', 'services', LEDGER, '--db', db, '--json')
    expect(refused.code).toBe(1)
    const body = JSON.parse(refused.stdout) as Record<string, unknown>
    expect(Object.keys(body)).toEqual(['rows', 'inserted', 'updated', 'unchanged', 'rejected', 'errors'])
    expect(body).toMatchObject({ rows: 14, inserted: 0, rejected: 2, errors: [{ row: 13, column: '咨询日期' }, { row: 14, column: '咨询方式' }] })
    expect(await count(db)).toBe(0)

    const human = await cli('import', 'services', LEDGER, '--db', db)
    expect(human.code).toBe(1)
    expect(human.stderr).toContain('第 13 行【咨询日期】')
    expect(human.stderr).toContain('--skip-invalid')

    const done = await cli('import', 'services', LEDGER, '--db', db, '--json', '--skip-invalid')
    expect(done.code).toBe(0)
    expect(JSON.parse(done.stdout)).toMatchObject({ rows: 14, inserted: 12, updated: 0, unchanged: 0, rejected: 2 })
    expect(await count(db)).toBe(12)
    const again = await cli('import', 'services', LEDGER, '--db', db, '--json', '--skip-invalid')
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, unchanged: 12 })
    expect((await cli('import', 'services', MIXED, '--db', db)).code).toBe(0)
    expect(await count(db)).toBe(17)
  })

  it('exports the ledger, optionally for a date range', async () => {
    const dir = tempDir()
    const db = join(dir, 'a.sqlite')
    await cli('import', 'services', LEDGER, '--db', db, '--skip-invalid')
    expect(await count(db).catch(() => -1)).toBe(-1) // import does not create an archive
    await cli('init', '--db', db)
    await cli('import', 'services', LEDGER, '--db', db, '--skip-invalid')
    const out = join(dir, 'q2.xlsx')
    const result = await cli('export', 'services', '--db', db, '--out', out, '--from', '2023-04-01', '--to', '2023-06-30', '--json')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({ file: out, rows: 6 })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    expect(workbook.worksheets[0]!.rowCount).toBe(7)
    expect(workbook.worksheets[0]!.getCell('B1').value).toBe('服务类型')
  })

  it('exits 2 on usage errors', async () => {
    const db = join(tempDir(), 'a.sqlite')
    await cli('init', '--db', db)
    expect((await cli('import', 'services', '--db', db)).code).toBe(2)
    expect((await cli('import', 'services', LEDGER, '--db', db, '--kind', 'party')).code).toBe(2)
    expect((await cli('export', 'services', '--db', db)).code).toBe(2)
    expect((await cli('export', 'services', '--db', db, '--out', 'x.xlsx', '--from', '2023/01/01')).code).toBe(2)
    expect((await cli('import', 'services', join(tempDir(), 'missing.xlsx'), '--db', db)).code).toBe(1)
  })
})
