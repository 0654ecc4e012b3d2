import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { displayWidth, measured, pending, renderTable } from '../../../src-main/bench/figures'
import { percentile, summarize } from '../../../src-main/bench/measure'
import { buildSyntheticArchive, targetsFor } from '../../../src-main/bench/synthetic'
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
    expect(json.figures.find((f) => f.id === 'open.ms')?.status).toBe('measured')
    for (const f of json.figures) expect(['measured', 'pending', 'failed']).toContain(f.status)
  }, 180_000)
})
