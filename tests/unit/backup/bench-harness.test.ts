import type Database from 'better-sqlite3'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { displayWidth, measured, pending, renderTable } from '../../../src-main/bench/figures'
import { percentile, summarize } from '../../../src-main/bench/measure'
import { measureSqlFloor } from '../../../src-main/bench/sql-floor'
import { buildSyntheticArchive, targetsFor } from '../../../src-main/bench/synthetic'
import { openArchive } from '../../../src-main/db/connection'
import { importFile, universityArchive, writeSyntheticPatents } from '../archive/import/helpers'
import { verifyAuditChain } from '../../../src-main/audit/log'
import { countArchive } from '../../../src-main/system/stats'
import { onCleanup, tempDir } from '../helpers/temp'

// The benchmark harness (src-main/bench): its arithmetic, its synthetic archive, and one tiny run of
// the built `npm run bench`. The figures themselves are never asserted.

const run = promisify(execFile)
const BENCH = resolve(__dirname, '../../..', process.env.IPDESK_OUT || 'out', 'main/bench.js')

describe('bench arithmetic', () => {
  it('percentiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(samples, 50)).toBe(50)
    expect(percentile(samples, 95)).toBe(95)
    expect(summarize([5, 1, 3])).toEqual({ n: 3, p50: 3, p95: 5, max: 5 })
  })

  it('aligns a table with Chinese labels', () => {
    expect(displayWidth('检索 p95')).toBe(8)
    const table = renderTable([measured('a', '检索 p95', 12.3, 'ms', 20, '说明'), pending('b', '导入', 's', null, '待测')]).split('\n')
    expect(table).toHaveLength(4)
    expect(table[2]).toContain('12 ms')
    expect(table[2]).toContain('✓')
    expect(table[3]).toContain('待测')
  })
})

describe('synthetic archive', () => {
  it('reaches the targets with unique numbers and an intact archive', async () => {
    const targets = { ...targetsFor(1500), services: 600, disclosures: 40 }
    const archive = await buildSyntheticArchive(join(tempDir(), 'bench.sqlite'), targets)
    onCleanup(() => archive.close())
    const counts = await countArchive(archive.db)
    expect(counts).toMatchObject({ assets: 1500, researchers: 300, projects: 100, services: 600, disclosures: 40 })
    expect(archive.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(archive.sqlite.pragma('foreign_key_check')).toEqual([])
    const inventors = archive.sqlite.prepare('SELECT count(DISTINCT asset_id) AS n FROM asset_inventor').get() as { n: number }
    expect(inventors.n).toBeGreaterThan(1400)
    expect((await verifyAuditChain(archive.db)).ok).toBe(true)
  })
})

describe('npm run bench', () => {
  it('prints one table and writes the same figures as JSON', async () => {
    expect(existsSync(BENCH)).toBe(true)
    const out = join(tempDir(), 'results.json')
    const { stdout } = await run(process.execPath, [BENCH, '--scale', '600', '--import-rows', '200', '--json-out', out], { timeout: 120_000 })
    expect(stdout).toContain('打开档案')
    expect(stdout).toContain('检索 p95')
    const json = JSON.parse(readFileSync(out, 'utf8')) as { scale: number; machine: { cores: number }; figures: { id: string; status: string }[] }
    expect(json.scale).toBe(600)
    expect(json.machine.cores).toBeGreaterThan(0)
    const ids = json.figures.map((f) => f.id)
    for (const id of ['build.s', 'open.ms', 'search.p95.ms', 'import.xlsx100k.ms', 'import.ratioToExcelJs', 'import.peakRssMb', 'verify.claims1000.ms', 'report.annual.s']) expect(ids).toContain(id)
    for (const id of ['open.ms', 'import.sqlFloor.s', 'import.sqlFloor.ratioToExcelJs', 'import.empty.sqlFloor.s']) expect(json.figures.find((f) => f.id === id)?.status, id).toBe('measured')
    for (const f of json.figures) expect(['measured', 'pending', 'failed']).toContain(f.status)
  }, 180_000)
})

describe('SQLite floor of an import (sql-floor.ts)', () => {
  /** Every row of the tables an import writes, and the schema, as comparable text. */
  function contents(sqlite: Database.Database): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {}
    for (const [table, order] of [
      ['import_batch', 'id'],
      ['ip_asset', 'id'],
      ['asset_inventor', 'asset_id, rank'],
      ['asset_discipline', 'asset_id, discipline_code'],
      ['import_row', 'batch_id, row_number'],
      ['asset_search_pending', 'asset_id'],
    ]) {
      out[table] = sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).raw(true).all()
    }
    out.schema = sqlite.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").raw(true).all()
    return out
  }

  it('copies exactly the rows the import wrote, with the indexes set aside and rebuilt as the import does', async () => {
    const archive = await universityArchive()
    onCleanup(() => archive.close())
    const before = join(tempDir(), 'before.sqlite')
    await archive.sqlite.backup(before)
    // 2,100 rows into an empty archive: the import sets both tables' indexes aside (from 2,048 rows).
    const file = join(tempDir(), 'list.xlsx')
    await writeSyntheticPatents(file, 2100)
    expect((await importFile(archive, 'patents', file, { skipInvalid: false })).inserted).toBe(2100)

    const floor = await measureSqlFloor(before, archive.file)
    expect(floor.deferred).toEqual(['ip_asset', 'asset_inventor'])
    expect(floor.rows).toMatchObject({ import_batch: 1, ip_asset: 2100, import_row: 2100, asset_search_pending: 2100 })
    expect(floor.rows.asset_inventor).toBe(archive.sqlite.prepare('SELECT count(*) AS n FROM asset_inventor').pluck().get())
    expect(floor.ms).toBeGreaterThan(0)

    const copy = await openArchive(before, { create: false })
    onCleanup(() => copy.close())
    expect(contents(copy.sqlite)).toEqual(contents(archive.sqlite))
    expect(copy.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(copy.sqlite.pragma('foreign_key_check')).toEqual([])
  }, 60_000)
})
