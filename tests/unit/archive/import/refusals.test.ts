import type Database from 'better-sqlite3'
import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { worthDeferring } from '../../../../src-main/archive/import/deferred-indexes'
import { runImport } from '../../../../src-main/archive/import/run'
import { AppError } from '../../../../src-main/contract/result'
import { openArchive } from '../../../../src-main/db/connection'
import { zipDirectory } from '../../../../src-main/spreadsheet/zip'
import { tempDir } from '../../helpers/temp'
import { archiveFileWithData, cli, importFile, integrity, own, settledHash, universityArchive, writeSyntheticPatents } from './helpers'

// A refused, failed or cancelled import leaves the archive byte-for-byte as it was, and intact.

const UNREADABLE: [string, RegExp][] = [
  ['empty.xlsx', /是空的（0 字节）/],
  ['legacy.xls', /另存为“Excel 工作簿 \(\.xlsx\)”/],
  ['truncated.xlsx', /文件不完整或已损坏/],
  ['binary.csv', /不是表格文件（二进制内容）/],
  ['renamed_text.xlsx', /内容不是 Excel 工作簿/],
  ['web_table.xls', /实际上是网页表格（HTML\/XML）.*另存为“Excel 工作簿 \(\.xlsx\)”/],
  ['no_header.xlsx', /找不到专利清单的表头/],
  ['header_only.xlsx', /只有表头（第 1 行），没有数据行/],
  ['header_only.csv', /只有表头（第 1 行），没有数据行/],
]

describe('files that cannot be imported', () => {
  it.each(UNREADABLE)('%s: exit 1, a clear message, the archive unchanged byte for byte', async (name, message) => {
    const db = await archiveFileWithData()
    const before = settledHash(db)
    for (const flags of [[], ['--skip-invalid'], ['--dry-run'], ['--json', '--skip-invalid']]) {
      const result = await cli('import', 'patents', own(name), '--db', db, ...flags)
      expect(result.code, `${name} ${flags.join(' ')}`).toBe(1)
      expect(result.stderr).toMatch(message)
      expect(result.stdout).toBe('')
    }
    expect(settledHash(db)).toBe(before)
    expect(integrity(db)).toBe('ok')
  })

  it('a file that does not exist, or an archive that does not exist: exit 1, nothing created', async () => {
    const db = await archiveFileWithData()
    const before = settledHash(db)
    const missing = await cli('import', 'patents', own('no-such-file.xlsx'), '--db', db)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('找不到文件')
    const noArchive = await cli('import', 'patents', own('cnipa_title_rows.xlsx'), '--db', `${db}.missing`)
    expect(noArchive.code).toBe(1)
    expect(noArchive.stderr).toContain('找不到档案文件')
    expect(settledHash(db)).toBe(before)
  })
})

describe('invalid rows', () => {
  it('without --skip-invalid: exit 1, every problem reported with its row and column, nothing written', async () => {
    const db = await archiveFileWithData()
    const before = settledHash(db)
    const result = await cli('import', 'patents', own('bad_rows.csv'), '--db', db, '--json')
    expect(result.code).toBe(1)
    const out = JSON.parse(result.stdout)
    expect(Object.keys(out)).toEqual(['rows', 'inserted', 'updated', 'unchanged', 'rejected', 'errors'])
    expect(out).toMatchObject({ rows: 5, inserted: 0, updated: 0, unchanged: 0, rejected: 4 })
    expect(out.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, '申请号'],
      [3, '申请号'],
      [4, '名称'],
      [5, '申请日'],
    ])
    expect(out.errors[0].message).toMatch(/校验位应为 \d，而不是 \d/)
    expect(out.errors[3].message).toContain('“2023-02-30”不是有效日期')
    expect(result.stderr).toContain('--skip-invalid')
    expect(settledHash(db)).toBe(before)
    expect(integrity(db)).toBe('ok')
  })

  it('a wrong-kind row (utility-model number, 专利类型 发明) refuses the file; with --skip-invalid the other rows are written', async () => {
    const db = await archiveFileWithData()
    const before = settledHash(db)
    const refused = await cli('import', 'patents', own('wrong_kind.csv'), '--db', db, '--json')
    expect(refused.code).toBe(1)
    expect(JSON.parse(refused.stdout).errors).toEqual([
      { row: 3, column: '专利类型', message: expect.stringContaining('类型位“2”表示实用新型，与填写的类型“发明”不一致') },
    ])
    expect(settledHash(db)).toBe(before)

    const dry = await cli('import', 'patents', own('wrong_kind.csv'), '--db', db, '--json', '--skip-invalid', '--dry-run')
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.stdout)).toMatchObject({ rows: 3, inserted: 2, rejected: 1 })
    expect(settledHash(db)).toBe(before)

    const written = await cli('import', 'patents', own('wrong_kind.csv'), '--db', db, '--json', '--skip-invalid')
    expect(written.code).toBe(0)
    expect(JSON.parse(written.stdout)).toMatchObject({ rows: 3, inserted: 2, updated: 0, unchanged: 0, rejected: 1 })
    expect(settledHash(db)).not.toBe(before)
    expect(integrity(db)).toBe('ok')
  })
})

describe('cancel and failure half-way', () => {
  it('a cancel during a large import rolls back every row written so far', async () => {
    const db = await archiveFileWithData()
    const big = join(tempDir(), 'big.xlsx')
    await writeSyntheticPatents(big, 600)
    const before = settledHash(db)
    const archive = await openArchive(db)
    let checkpoints = 0
    const progress: string[] = []
    const run = runImport(archive, {
      kind: 'patents',
      file: big,
      skipInvalid: true,
      progress: (phase) => progress.push(phase),
      checkpoint: async () => {
        checkpoints++
        // By the third checkpoint 192 rows have been written inside the transaction.
        if (checkpoints === 3) throw new AppError('cancelled', '已取消，档案未作任何修改。')
      },
    })
    await expect(run).rejects.toMatchObject({ code: 'cancelled' })
    expect(progress.some((p) => /^导入：已处理 [\d,]+ 行$/.test(p))).toBe(true)
    expect(archive.sqlite.prepare('SELECT count(*) AS n FROM ip_asset').get()).toEqual({ n: 6 })
    await archive.close()
    expect(settledHash(db)).toBe(before)
    expect(integrity(db)).toBe('ok')
  })

  it('a workbook that turns out truncated after the header was read leaves the archive unchanged', async () => {
    const db = await archiveFileWithData()
    const before = settledHash(db)
    const result = await cli('import', 'patents', own('truncated.xlsx'), '--db', db, '--skip-invalid')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('文件不完整或已损坏')
    expect(settledHash(db)).toBe(before)
    expect(integrity(db)).toBe('ok')
  })
})

describe('a workbook damaged where it still inflates', () => {
  it('is refused once its worksheet fails the CRC-32 after the last row, and the archive is unchanged', async () => {
    const dir = tempDir()
    const good = join(dir, 'good.xlsx')
    await writeSyntheticPatents(good, 300)
    const bytes = readFileSync(good)
    const sheet = zipDirectory(good)!.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!
    const start = sheet.start + 30 + bytes.readUInt16LE(sheet.start + 26) + bytes.readUInt16LE(sheet.start + 28)
    const original = inflateRawSync(bytes.subarray(start, start + sheet.compressedSize))
    // One bit flipped late in the data, where the stream still inflates (to other text): only the CRC-32 tells.
    let damaged: Buffer | null = null
    for (let at = start + sheet.compressedSize - 40; at > start + sheet.compressedSize / 2 && damaged === null; at--) {
      const candidate = Buffer.from(bytes)
      candidate[at]! ^= 0x08
      try {
        const text = inflateRawSync(candidate.subarray(start, start + sheet.compressedSize))
        if (!text.equals(original) && text.toString('utf8').endsWith('</worksheet>')) damaged = candidate
      } catch {
        // zlib notices this one: try another byte
      }
    }
    expect(damaged, 'a flipped bit that still inflates').not.toBeNull()
    const file = join(dir, 'damaged.xlsx')
    writeFileSync(file, damaged!)

    const db = await archiveFileWithData()
    const before = settledHash(db)
    const result = await cli('import', 'patents', file, '--db', db, '--skip-invalid')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/“damaged\.xlsx”.*文件不完整或已损坏/u)
    expect(settledHash(db)).toBe(before)
    expect(integrity(db)).toBe('ok')
    // The undamaged file imports.
    expect((await cli('import', 'patents', good, '--db', db, '--skip-invalid')).code).toBe(0)
  })
})

describe('an archive that fails its quick_check', () => {
  it('is never committed to: the import waits for the background check and rolls back', async () => {
    const db = await archiveFileWithData()
    const before = settledHash(db)
    const opened = await openArchive(db, { quickCheck: 'background' })
    // The check's verdict stands in for a damaged file (the CLI test below damages a real one).
    const archive = { ...opened, integrity: Promise.resolve({ state: 'failed' as const, message: '档案文件“a.sqlite”未通过完整性检查（测试）。' }) }
    await expect(runImport(archive, { kind: 'patents', file: own('patsnap_halfwidth.xlsx') })).rejects.toMatchObject({
      code: 'db_corrupt',
      message: expect.stringContaining('本次导入已取消，档案未作修改'),
    })
    expect(archive.sqlite.prepare('SELECT count(*) AS n FROM import_batch').get()).toEqual({ n: 2 })
    await opened.integrity
    await opened.close()
    expect(settledHash(db)).toBe(before)
  })

  it('the CLI refuses to import into a damaged archive and leaves its bytes as they were', async () => {
    const db = await archiveFileWithData()
    const size = statSync(db).size
    const fd = openSync(db, 'r+')
    try {
      // Garbage over the middle pages (not the header, which open reads first).
      for (let offset = Math.floor(size * 0.3); offset < size * 0.8; offset += 4096 * 3) writeSync(fd, Buffer.alloc(600, 0xa5), 0, 600, offset + 100)
    } finally {
      closeSync(fd)
    }
    const before = settledHash(db)
    const result = await cli('import', 'patents', own('patsnap_halfwidth.xlsx'), '--db', db, '--json')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/损坏|完整性检查|无法读取/u)
    expect(settledHash(db)).toBe(before)
  })
})

describe('large imports set secondary indexes aside', () => {
  it('rebuilds every index exactly as declared, with its ANALYZE statistics, and the rows are the same as row by row', async () => {
    const big = join(tempDir(), 'big.xlsx')
    await writeSyntheticPatents(big, 2500)
    const schemaOf = (db: Database.Database) =>
      db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all()
    const results: unknown[] = []
    for (const deferIndexes of [true, false]) {
      const archive = await universityArchive()
      archive.sqlite.exec('ANALYZE')
      const statsBefore = archive.sqlite.prepare('SELECT * FROM sqlite_stat1 ORDER BY tbl, idx').all()
      expect(statsBefore.length).toBeGreaterThan(0)
      const schemaBefore = schemaOf(archive.sqlite)
      let dropped = 0
      const spy = archive.sqlite.exec.bind(archive.sqlite)
      archive.sqlite.exec = ((sql: string) => {
        if (/^DROP INDEX/u.test(sql)) dropped++
        return spy(sql)
      }) as typeof archive.sqlite.exec
      const summary = await importFile(archive, 'patents', big, { skipInvalid: false, deferIndexes })
      archive.sqlite.exec = spy
      expect(summary.inserted).toBe(2500)
      expect(dropped > 0).toBe(deferIndexes)
      expect(schemaOf(archive.sqlite)).toEqual(schemaBefore)
      expect(archive.sqlite.prepare('SELECT * FROM sqlite_stat1 ORDER BY tbl, idx').all()).toEqual(statsBefore)
      expect(archive.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      results.push([
        archive.sqlite.prepare('SELECT app_no, title, status_group, university_owned FROM ip_asset ORDER BY app_no').all(),
        archive.sqlite.prepare('SELECT count(*) AS n FROM asset_inventor').get(),
      ])
    }
    expect(results[0]).toEqual(results[1])
  })

  it("an asset's indexes only when the file brings twice the assets already there, inventor indexes from a quarter (else maintaining them is cheaper)", async () => {
    expect(worthDeferring(2047, 0)).toBe(false)
    expect(worthDeferring(2048, 0)).toBe(true)
    expect(worthDeferring(100_000, 50_000)).toBe(true)
    expect(worthDeferring(100_000, 50_001)).toBe(false)
    expect(worthDeferring(100_000, 100_000)).toBe(false)
    expect(worthDeferring(2047, 0, 'asset_inventor')).toBe(false)
    expect(worthDeferring(25_000, 100_000, 'asset_inventor')).toBe(true)
    expect(worthDeferring(24_999, 100_000, 'asset_inventor')).toBe(false)

    const first = join(tempDir(), 'first.xlsx')
    const second = join(tempDir(), 'second.xlsx')
    await writeSyntheticPatents(first, 2500)
    await writeSyntheticPatents(second, 2500, 2500)
    const archive = await universityArchive()
    let dropped: string[] = []
    const spy = archive.sqlite.exec.bind(archive.sqlite)
    archive.sqlite.exec = ((sql: string) => {
      const index = /^DROP INDEX "(\w+)"/u.exec(sql)?.[1]
      if (index) dropped.push(index)
      return spy(sql)
    }) as typeof archive.sqlite.exec
    await importFile(archive, 'patents', first, { skipInvalid: false })
    expect(dropped.some((i) => i.startsWith('ip_asset_'))).toBe(true)
    expect(dropped.some((i) => i.startsWith('asset_inventor_'))).toBe(true)
    dropped = []
    // As many assets again: the asset indexes are kept, the inventor indexes set aside.
    const summary = await importFile(archive, 'patents', second, { skipInvalid: false })
    archive.sqlite.exec = spy
    expect(summary.inserted).toBe(2500)
    expect(dropped.length).toBeGreaterThan(0)
    expect(dropped.every((i) => i.startsWith('asset_inventor_'))).toBe(true)
  })
})
