import { execFile } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { COMMANDS } from '../cli/commands'
import type { Command } from '../cli/command'
import { backupFolderFor } from '../backup/store'
import { openArchive } from '../db/connection'
import { failed, measured, pending, type Figure } from './figures'
import { measureSqlFloor } from './sql-floor'

// The figures that need other areas' work. Each slot looks for the piece it needs (a CLI command) and
// reports 'pending' until it exists. Heavy work runs in a child process of this same bundle
// (`bench.js --child-cli`), so its peak RSS is its own and the timing includes nothing of the
// benchmark's own memory — like the outside script that times the import.

export interface SlotContext {
  /** This bundle (out/main/bench.js), to start child processes of. */
  self: string
  dir: string
  /** A fresh copy of the synthetic archive, for a step that writes. */
  copyArchive(name: string): Promise<string>
  /** The 100,000-row .xlsx and exceljs's own streaming time for it (the ratio's denominator). */
  importFile: string
  importRows: number
  streamMs: number | null
  /** The last full calendar year, for the annual report. */
  reportYear: number
}

export interface ChildRun {
  code: number
  ms: number
  maxRssMb: number
  stdout: string
  stderr: string
}

function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name)
}

/** Run `ipdesk <args>` in a child process and read back its exit code, wall time and peak RSS. */
export async function runCliChild(self: string, dir: string, args: readonly string[]): Promise<ChildRun> {
  const report = join(dir, `child-${Date.now()}-${Math.random().toString(36).slice(2)}.json`)
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [self, '--child-cli', report, '--', ...args], { maxBuffer: 64 * 1024 * 1024 }, (_error, out, err) => resolve({ stdout: String(out), stderr: String(err) }))
  })
  try {
    const parsed = JSON.parse(readFileSync(report, 'utf8')) as { code: number; ms: number; maxRssMb: number }
    return { ...parsed, stdout, stderr }
  } catch {
    return { code: -1, ms: Number.NaN, maxRssMb: Number.NaN, stdout, stderr: stderr || '子进程没有写出结果' }
  } finally {
    rmSync(report, { force: true })
  }
}

const firstLine = (text: string) => text.trim().split('\n').slice(0, 3).join(' ').slice(0, 160)

/**
 * IMPORT SLOT — import 100,000 rows from the .xlsx into a copy of the archive through the CLI
 * (`ipdesk import patents FILE --db DB`, src-main/cli/commands/archive-import.ts), in a child process.
 * Gives: the import time, its ratio to exceljs streaming the same file (target ≤ 1.5×) and the
 * import's peak RSS (target ≤ 600 MB).
 */
export async function importSlot(ctx: SlotContext): Promise<Figure[]> {
  const time = 'import.xlsx100k.ms'
  const ratio = 'import.ratioToExcelJs'
  const rss = 'import.peakRssMb'
  const labels = { time: `导入 ${ctx.importRows.toLocaleString('en-US')} 行 .xlsx`, ratio: '导入 ÷ exceljs 流式读取', rss: '导入峰值内存 (RSS)' }
  if (!findCommand('import patents')) {
    const why = '待档案导入（ipdesk import patents）合入后测量'
    return [pending(time, labels.time, 's', null, why), pending(ratio, labels.ratio, '×', 1.5, why), pending(rss, labels.rss, 'MB', 600, why)]
  }
  const db = await ctx.copyArchive('import-target.sqlite')
  const run = await runCliChild(ctx.self, ctx.dir, ['import', 'patents', ctx.importFile, '--db', db, '--json'])
  if (run.code !== 0) {
    const error = `导入失败（退出码 ${run.code}）：${firstLine(run.stderr || run.stdout)}`
    return [failed(time, labels.time, 's', null, error), failed(ratio, labels.ratio, '×', 1.5, error), failed(rss, labels.rss, 'MB', 600, error)]
  }
  const figures = [
    measured(time, labels.time, run.ms / 1000, 's', null, '子进程 ipdesk import patents（计时不含进程启动）'),
    ctx.streamMs
      ? measured(ratio, labels.ratio, run.ms / ctx.streamMs, '×', 1.5, `exceljs 流式读取同一文件 ${(ctx.streamMs / 1000).toFixed(1)} s（同样在子进程中）`)
      : pending(ratio, labels.ratio, '×', 1.5, 'exceljs 基准未测出'),
    measured(rss, labels.rss, run.maxRssMb, 'MB', 600, '导入子进程的最大常驻内存'),
  ]
  figures.push(...(await floorFigures(ctx, 'import.sqlFloor', await ctx.copyArchive('sql-floor.sqlite'), db)))
  figures.push(...(await importIntoEmptySlot(ctx)))
  return figures
}

/**
 * SQLite alone writing the rows the import just wrote (sql-floor.ts): the floor under the import's time,
 * to read the ratio above against. `before` is a copy of the archive as it was before the import.
 */
async function floorFigures(ctx: SlotContext, id: string, before: string, imported: string): Promise<Figure[]> {
  const label = { time: '　其中 SQLite 自身写入同样的行', ratio: '　SQLite 自身 ÷ exceljs' }
  try {
    const floor = await measureSqlFloor(before, imported)
    const note = `INSERT … SELECT：资产 ${floor.rows.ip_asset ?? 0}，发明人 ${floor.rows.asset_inventor ?? 0}，逐行记录 ${floor.rows.import_row ?? 0}；${floor.deferred.length ? `重建 ${floor.deferred.join('、')} 的索引` : '索引随写随维护'}；无 JavaScript、无读文件`
    return [
      measured(`${id}.s`, label.time, floor.ms / 1000, 's', null, note, { rows: floor.rows, deferred: floor.deferred }),
      ctx.streamMs ? measured(`${id}.ratioToExcelJs`, label.ratio, floor.ms / ctx.streamMs, '×', null, '同样的写入在 SQLite 中的最低耗时：导入时间的下限') : pending(`${id}.ratioToExcelJs`, label.ratio, '×', null, 'exceljs 基准未测出'),
    ]
  } catch (error) {
    return [failed(`${id}.s`, label.time, 's', null, error)]
  } finally {
    for (const side of ['', '-wal', '-shm']) rmSync(before + side, { force: true })
  }
}

/**
 * The same file into an empty archive (`ipdesk init`, then the import): a centre's first import, and
 * the case without the existing rows' indexes to maintain or rebuild.
 */
async function importIntoEmptySlot(ctx: SlotContext): Promise<Figure[]> {
  const time = 'import.xlsx100k.empty.ms'
  const ratio = 'import.empty.ratioToExcelJs'
  const label = { time: `导入 ${ctx.importRows.toLocaleString('en-US')} 行 .xlsx 到空档案`, ratio: '导入到空档案 ÷ exceljs 流式读取' }
  const db = join(ctx.dir, 'empty-import.sqlite')
  try {
    const init = await runCliChild(ctx.self, ctx.dir, ['init', '--db', db])
    const run = init.code === 0 ? await runCliChild(ctx.self, ctx.dir, ['import', 'patents', ctx.importFile, '--db', db, '--json']) : init
    if (run.code !== 0) {
      const error = `导入失败（退出码 ${run.code}）：${firstLine(run.stderr || run.stdout)}`
      return [failed(time, label.time, 's', null, error), failed(ratio, label.ratio, '×', 1.5, error)]
    }
    const emptyBefore = join(ctx.dir, 'empty-sql-floor.sqlite')
    const emptyInit = await runCliChild(ctx.self, ctx.dir, ['init', '--db', emptyBefore])
    return [
      measured(time, label.time, run.ms / 1000, 's', null, `子进程 ipdesk import patents，先 ipdesk init；峰值内存 ${run.maxRssMb.toFixed(0)} MB`, { maxRssMb: run.maxRssMb }),
      ctx.streamMs ? measured(ratio, label.ratio, run.ms / ctx.streamMs, '×', 1.5, '同一文件、同一 exceljs 基准') : pending(ratio, label.ratio, '×', 1.5, 'exceljs 基准未测出'),
      ...(emptyInit.code === 0 ? await floorFigures(ctx, 'import.empty.sqlFloor', emptyBefore, db) : [failed('import.empty.sqlFloor.s', '　其中 SQLite 自身写入同样的行', 's', null, emptyInit.stderr)]),
    ]
  } finally {
    for (const side of ['', '-wal', '-shm']) rmSync(db + side, { force: true })
    rmSync(backupFolderFor(db), { recursive: true, force: true })
  }
}

/**
 * VERIFY SLOT — verification of 1,000 claimed items against the archive (target ≤ 1 s): one draft
 * disclosure of a researcher with many patents, its items a realistic mix (their own patents with
 * right and wrong ranks and statuses, other people's patents, wrong check characters, numbers not in
 * the archive), verified by the disclosures service in this process (no Word certificate).
 */
export async function verifySlot(ctx: SlotContext): Promise<Figure[]> {
  const id = 'verify.claims1000.ms'
  const label = '核实 1,000 项披露'
  const file = await ctx.copyArchive('verify.sqlite')
  const archive = await openArchive(file, { create: false })
  try {
    const sqlite = archive.sqlite
    const researcher = sqlite
      .prepare("SELECT researcher_id AS id, count(*) AS n FROM asset_inventor WHERE researcher_id IS NOT NULL AND link_state = 'confirmed' GROUP BY researcher_id ORDER BY n DESC LIMIT 1")
      .get() as { id: number; n: number } | undefined
    if (!researcher) return [failed(id, label, 'ms', 1000, '合成档案中没有已确认的发明人关联')]
    const own = sqlite
      .prepare('SELECT a.kind, a.app_no, a.title, a.filing_date, i.rank FROM asset_inventor i JOIN ip_asset a ON a.id = i.asset_id WHERE i.researcher_id = ? LIMIT 700')
      .all(researcher.id) as { kind: string; app_no: string; title: string; filing_date: string | null; rank: number }[]
    const others = sqlite.prepare('SELECT kind, app_no, title, filing_date FROM ip_asset ORDER BY id DESC LIMIT 300').all() as { kind: string; app_no: string; title: string; filing_date: string | null }[]
    const now = new Date().toISOString()
    const { lastInsertRowid } = sqlite
      .prepare("INSERT INTO disclosure (researcher_id, purpose, period_from, period_to, created_at, updated_at) VALUES (?, '职称评审', '2015-01-01', ?, ?, ?)")
      .run(researcher.id, now.slice(0, 10), now, now)
    const disclosureId = Number(lastInsertRowid)
    const insert = sqlite.prepare(
      'INSERT INTO disclosure_item (disclosure_id, seq, claimed_kind, claimed_number, claimed_title, claimed_rank, claimed_status, claimed_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    sqlite.transaction(() => {
      for (let seq = 1; seq <= 1000; seq++) {
        const mine = own[seq % Math.max(1, own.length)]
        if (seq % 20 === 0) insert.run(disclosureId, seq, 'invention', '202310397744.1', '号码校验位错误的申请', 1, 'applied', '2023-03-28')
        else if (seq % 20 === 1) insert.run(disclosureId, seq, 'invention', `2019${1}${String(9_000_000 + seq).padStart(7, '0')}.X`, '档案中没有的申请', 1, 'granted', '2019-05-01')
        else if (seq % 4 === 0 || !mine) {
          const other = others[seq % others.length]!
          insert.run(disclosureId, seq, other.kind, other.app_no, other.title, 1, 'granted', other.filing_date)
        } else insert.run(disclosureId, seq, mine.kind, mine.app_no, mine.title, seq % 7 === 0 ? mine.rank + 1 : mine.rank, seq % 5 === 0 ? 'granted' : 'applied', mine.filing_date)
      }
    })()
    const { verifyDisclosure } = await import('../disclosures/service')
    const start = performance.now()
    const counts = await verifyDisclosure(archive.db, disclosureId)
    const ms = performance.now() - start
    const words: Record<string, string> = { consistent: '一致', inconsistent: '不一致', not_found: '未找到', invalid_number: '号码无效' }
    const summary = Object.entries(counts as unknown as Record<string, unknown>)
      .filter(([k, v]) => k in words && typeof v === 'number')
      .map(([k, v]) => `${words[k]} ${String(v)}`)
      .join('，')
    return [measured(id, label, ms, 'ms', 1000, `本进程调用核实服务（不含意见书）：${summary}`, { counts })]
  } catch (error) {
    return [failed(id, label, 'ms', 1000, error)]
  } finally {
    await archive.close()
  }
}

/** ANNUAL REPORT SLOT — `ipdesk report annual --year Y --db DB --out DIR` on a copy of the archive (target ≤ 5 s). */
export async function annualReportSlot(ctx: SlotContext): Promise<Figure[]> {
  const id = 'report.annual.s'
  const label = `${ctx.reportYear} 年度报告（Word + Excel）`
  if (!findCommand('report annual')) return [pending(id, label, 's', 5, '待年度报告（ipdesk report annual）合入后测量')]
  const db = await ctx.copyArchive('report.sqlite')
  const run = await runCliChild(ctx.self, ctx.dir, ['report', 'annual', '--year', String(ctx.reportYear), '--db', db, '--out', join(ctx.dir, 'report-out')])
  if (run.code !== 0) return [failed(id, label, 's', 5, `失败（退出码 ${run.code}）：${firstLine(run.stderr || run.stdout)}`)]
  return [measured(id, label, run.ms / 1000, 's', 5, '子进程 ipdesk report annual（计时不含进程启动）')]
}
