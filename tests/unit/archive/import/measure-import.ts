// Not a test: measures the patent import against exceljs streaming the same file, each in its own process.
//   node node_modules/.bin/jiti tests/unit/archive/import/measure-import.ts [ROWS]
// Prints one JSON line: rows, exceljs seconds, import seconds, ratio, peak RSS of each process (MB).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const [mode, arg1, arg2] = process.argv.slice(2)

async function child(): Promise<void> {
  const m = await import('../../../../src-main/archive/import/measure')
  const started = performance.now()
  const cpu0 = process.cpuUsage()
  let detail: unknown
  if (mode === '--write') {
    await m.writeSyntheticList(arg1!, Number(arg2))
  } else if (mode === '--exceljs') {
    detail = await m.streamWithExceljs(arg1!)
  } else if (mode === '--import') {
    const s = await m.importIntoNewArchive(arg1!, arg2!)
    detail = { rows: s.rows, inserted: s.inserted, rejected: s.rejected, links: s.links }
  }
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpu0)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  process.stdout.write(JSON.stringify({ seconds, cpuSeconds, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), detail }) + '\n')
}

interface Measured {
  seconds: number
  cpuSeconds: number
  maxRssMb: number
  detail: unknown
}

function run(args: string[]): Measured {
  const jiti = resolve(__dirname, '../../../../node_modules/.bin/jiti')
  const out = execFileSync(process.execPath, [jiti, __filename, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 })
  return JSON.parse(out.trim().split('\n').pop()!) as Measured
}

async function main(): Promise<void> {
  const rows = Number(mode ?? 100_000)
  const dir = mkdtempSync(join(tmpdir(), 'ipdesk-measure-'))
  try {
    const file = join(dir, `patents-${rows}.xlsx`)
    const written = run(['--write', file, String(rows)])
    const exceljs = run(['--exceljs', file])
    const imported = run(['--import', file, join(dir, 'archive.sqlite')])
    process.stdout.write(
      JSON.stringify({
        rows,
        writeSeconds: +written.seconds.toFixed(1),
        exceljsSeconds: +exceljs.seconds.toFixed(2),
        importSeconds: +imported.seconds.toFixed(2),
        ratio: +(imported.seconds / exceljs.seconds).toFixed(2),
        // CPU time is the fairer comparison on a busy machine (wall time includes waiting for a core).
        exceljsCpuSeconds: +exceljs.cpuSeconds.toFixed(2),
        importCpuSeconds: +imported.cpuSeconds.toFixed(2),
        cpuRatio: +(imported.cpuSeconds / exceljs.cpuSeconds).toFixed(2),
        exceljsPeakRssMb: exceljs.maxRssMb,
        importPeakRssMb: imported.maxRssMb,
        import: imported.detail,
      }) + '\n',
    )
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true })
  }
}

if (mode?.startsWith('--')) void child()
else void main()
