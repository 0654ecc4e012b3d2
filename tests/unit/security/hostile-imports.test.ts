import type Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../src-main/audit/log'
import { openArchive } from '../../../src-main/db/connection'
import { seedDemo } from '../../../src-main/demo/seed'
import { generateHostileCorpus, generateShapedCorpus, OTHER_SHAPES, type HostileFile, type HostileShape } from '../../fixtures/hostile/generate'
import { countDiff, digestOf, fileSha256, integrityCheck, type ArchiveDigest } from '../crash/archive-digest'
import { crashIn, HAS_CHINESE, pool, runCli, type ChildLimits, type ChildRun } from './cli-child'
import { scanWorkbook } from './xlsx-check'

// Hostile input (issue 8, item 4): every file of the hostile corpus goes through EVERY import, as the
// built CLI in a child process — `ipdesk import patents|researchers|projects|services FILE --db DB
// --skip-invalid` and `ipdesk verify FILE --researcher STAFF_NO --db DB` (the claim-list reader the
// 'disclosures:readClaims' channel uses). The patent-shaped corpus goes through all five; the same odd
// content written in each other import's columns goes through that import too. Each run must:
//   - end within its time limit (a hang fails) and under its memory limit (RSS watched while it runs);
//   - end in exit 0, or exit 1 with a Chinese message on stderr that names the file — never a crash or a
//     stack trace; row messages are Chinese too;
//   - after exit 1, leave the archive as it was: same content digest and, after the CLI's clean close,
//     the same bytes; after exit 0, an archive that passes integrity_check with an intact audit chain;
//   - import what the manifest marks 'import' (every data row read), refuse what it marks 'refuse';
//   - never store a formula: formula cells arrive as their cached values;
// and a file with problem rows, imported again without --skip-invalid, must be refused byte for byte.
// CSV-injection strings that were imported come out of the ledger export and the verification sheet as
// text, never as formulas.

const SMALL: ChildLimits = { timeoutMs: 90_000, maxRssMb: 600 }
/** The 1,000,000-row files: streamed or refused, within a bounded time and 1 GiB (≤ 600 MB is the target at 100,000 rows). */
const LARGE: ChildLimits = { timeoutMs: 600_000, maxRssMb: 1024 }

type Importer = 'patents' | 'researchers' | 'projects' | 'services' | 'claims'
const IMPORTERS: Importer[] = ['patents', 'researchers', 'projects', 'services', 'claims']
const SHAPE_OF: Record<Importer, HostileShape> = { patents: 'patents', researchers: 'researchers', projects: 'projects', services: 'services', claims: 'claims' }

/**
 * Findings handed to their owners, tolerated here (only the problem that matches) until fixed. When one
 * no longer happens, the test says so: remove it from this list.
 */
const KNOWN_FINDINGS: Record<string, { problem: RegExp; owner: string; sometimes?: true }> = {
  'claims claims-cells-32767-chars.xlsx': {
    problem: /程序内部错误/,
    owner: 'disclosures (src-main/disclosures/intake.ts): a 成果类型 cell over 500 characters goes into claim.raw.kind unchecked; createDisclosure then throws a ZodError (too_big, max 500) → 程序内部错误 with a stack trace',
  },
  'services services-cells-32767-chars.xlsx': {
    problem: /row message is not Chinese: .*Too big/,
    owner: 'services (src-main/services/import.ts prepare): zod issues of serviceImportRecord are shown as they are ("Too big: expected string to have <=20000 characters")',
  },
  'services services-cell-100k-chars.csv': {
    problem: /row message is not Chinese: .*Too big/,
    owner: 'services (same as above)',
  },
  'services services-negative-amounts.csv': {
    problem: /row message is not Chinese: .*Too big: expected int/,
    owner: 'services (same as above: a 时长 of 1e20 minutes gives "Too big: expected int to be <=9007199254740991")',
  },
  'patents million-rows.csv': {
    problem: /went over 1024 MB/,
    owner: 'archive import / spreadsheet kit: a CSV is decoded in one piece (README), so the 184 MB, 1,000,000-row CSV peaks at 0.8–1.4 GB (measured 780 MB and 1,430 MB; 131 s); the .xlsx of the same rows streams in 550 MB. Stream CSV rows too, or refuse files over a row limit early',
    sometimes: true,
  },
  'services services-million-rows.xlsx': {
    problem: /went over 1024 MB/,
    owner: 'services (src-main/services/import.ts): the ledger import keeps every prepared row, then a plan of every row, in memory — about 4 GB and 200 s for 1,000,000 rows; refuse ledgers over a row limit early (a centre writes thousands of rows a year), or write in batches',
  },
}

let dir: string
let base: string
let baseDigest: ArchiveDigest
let baseSha: string
let staffNo: string
let corpus: HostileFile[]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipdesk-hostile-imports-'))
  const corpusDir = join(dir, 'corpus')
  corpus = await generateHostileCorpus(corpusDir)
  for (const shape of OTHER_SHAPES) corpus.push(...(await generateShapedCorpus(corpusDir, shape)))
  base = join(dir, 'base.sqlite')
  const archive = await openArchive(base)
  await seedDemo(archive.db, { scale: 1, today: '2025-06-30' })
  staffNo = (archive.sqlite.prepare('SELECT staff_no FROM researcher ORDER BY id LIMIT 1').get() as { staff_no: string }).staff_no
  baseDigest = digestOf(archive.sqlite)
  await archive.close()
  baseSha = fileSha256(base)
}, 300_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

function expectationFor(file: HostileFile, importer: Importer): HostileFile['expect'] {
  if ((file.shape ?? 'patents') === SHAPE_OF[importer]) return file.expect
  // Another import's table: it has no columns this import knows, so refusing is right — but a
  // container-level refusal ('refuse') holds for every import.
  return file.expect === 'refuse' ? 'refuse' : 'either'
}

function argsFor(importer: Importer, file: string, db: string, out: string, skipInvalid: boolean): string[] {
  if (importer === 'claims') return ['verify', file, '--researcher', staffNo, '--db', db, '--out', out]
  return ['import', importer, file, '--db', db, ...(skipInvalid ? ['--skip-invalid'] : [])]
}

/** What was written, read from the archive: the new import batch (or, for verify, the new disclosure). */
interface Written {
  rowsRead: number | null
  written: boolean
}

function writtenBy(sqlite: Database.Database, importer: Importer): Written {
  const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n
  if (importer === 'claims') {
    if (count('disclosure') === (baseDigest.counts.disclosure ?? 0)) return { rowsRead: null, written: false }
    const n = sqlite.prepare('SELECT count(*) AS n FROM disclosure_item WHERE disclosure_id = (SELECT max(id) FROM disclosure)').get() as { n: number }
    return { rowsRead: n.n, written: true }
  }
  if (count('import_batch') === (baseDigest.counts.import_batch ?? 0)) return { rowsRead: null, written: false }
  const batch = sqlite.prepare('SELECT rows FROM import_batch ORDER BY id DESC LIMIT 1').get() as { rows: number }
  return { rowsRead: batch.rows, written: true }
}

const FORMULA_SOURCES = ['HYPERLINK(', "cmd|' /C calc'", 'CONCATENATE(', 'DATE(2023']

/** Every text value stored anywhere in the archive that contains one of `needles`. */
function storedTextContaining(sqlite: Database.Database, needles: readonly string[]): string[] {
  const found: string[] = []
  const tables = (sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'asset_search%'").all() as { name: string }[]).map((t) => t.name)
  for (const table of tables) {
    for (const row of sqlite.prepare(`SELECT * FROM "${table}"`).raw(true).iterate() as Iterable<unknown[]>) {
      for (const value of row) if (typeof value === 'string' && needles.some((n) => value.includes(n))) found.push(`${table}: ${value.slice(0, 80)}`)
    }
  }
  return found
}

function rowMessages(text: string): string[] {
  return [...text.matchAll(/^\s*第 \d+ 行[^：\n]*：(.*)$/gm)].map((m) => m[1]!)
}

/** Messages of problem rows only: not the notes on imported rows, listed under a line '提示：' of their own. */
function problemRowMessages(text: string): string[] {
  return rowMessages(text.split(/^提示：$/mu)[0]!)
}

interface Attempt {
  key: string
  problems: string[]
  run: ChildRun
  /** The run's folder (archive, outputs); removed by the caller when done. */
  runDir: string
  db: string
  written: Written
}

async function attempt(file: HostileFile, importer: Importer, skipInvalid: boolean): Promise<Attempt> {
  const runDir = mkdtempSync(join(dir, `${importer}-`))
  const db = join(runDir, 'archive.sqlite')
  const out = join(runDir, 'out')
  copyFileSync(base, db)
  const expectation = skipInvalid ? expectationFor(file, importer) : 'refuse'
  const label = `${importer} ${file.name}${skipInvalid ? '' : ' (without --skip-invalid)'}`
  const run = await runCli(argsFor(importer, file.path, db, out, skipInvalid), file.large ? LARGE : SMALL)
  const problems: string[] = []
  const output = `${run.stderr}\n${run.stdout}`
  if (run.timedOut) problems.push(`did not finish within ${(file.large ? LARGE : SMALL).timeoutMs / 1000} s`)
  if (run.overMemory) problems.push(`went over ${(file.large ? LARGE : SMALL).maxRssMb} MB (peak seen ${run.peakRssMb.toFixed(0)} MB)`)
  else if (run.peakRssMb > (file.large ? LARGE : SMALL).maxRssMb) problems.push(`peak RSS ${run.peakRssMb.toFixed(0)} MB`)
  if (run.signal && !run.timedOut && !run.overMemory) problems.push(`ended by ${run.signal}`)
  if (run.code !== null && run.code !== 0 && run.code !== 1) problems.push(`exit ${run.code}: ${run.stderr.slice(0, 200)}`)
  const crash = crashIn(output)
  if (crash) problems.push(`crash: ${crash} — ${run.stderr.slice(0, 300)}`)
  for (const message of rowMessages(output)) if (!HAS_CHINESE.test(message)) problems.push(`row message is not Chinese: ${message.slice(0, 120)}`)
  if (run.code === 1) {
    if (!HAS_CHINESE.test(run.stderr)) problems.push(`exit 1 without a Chinese message on stderr: ${JSON.stringify(run.stderr.slice(0, 200))}`)
    if (!run.stderr.includes(basename(file.path))) problems.push(`the message on stderr does not name the file: ${run.stderr.slice(0, 200)}`)
  }

  // What the archive holds now. Bytes first: opening it (even read-only) may add -wal/-shm files.
  const bytesSame = fileSha256(db) === baseSha
  const walLeft = existsSync(`${db}-wal`)
  let written: Written = { rowsRead: null, written: false }
  if (!run.timedOut && !run.overMemory) {
    const archive = await openArchive(db, { create: false })
    try {
      written = writtenBy(archive.sqlite, importer)
      if (run.code !== 0 || !written.written) {
        // Refused, or nothing imported: nothing may have changed.
        const after = digestOf(archive.sqlite)
        if (after.digest !== baseDigest.digest) problems.push(`${run.code === 0 ? 'nothing was imported' : 'refused'}, but the archive changed: ${countDiff(baseDigest.counts, after.counts) || 'same row counts'}`)
        if (run.code !== 0 && (!bytesSame || walLeft)) problems.push(`refused, but the archive file is not byte for byte as it was${walLeft ? ' (a -wal was left)' : ''}`)
      } else {
        // (quick_check for the million-row archives: a full check of 1 GB adds minutes, not confidence.)
        const integrity = file.large ? String(archive.sqlite.pragma('quick_check', { simple: true })) : integrityCheck(archive.sqlite)
        if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`)
        const chain = await verifyAuditChain(archive.db)
        if (!chain.ok) problems.push(`audit chain broken at ${String(chain.brokenAt)}`)
        if (file.topic === 'formula cells') {
          // (Only here: the CSV-injection files carry such text as data, which must be kept as it is.)
          const formulas = storedTextContaining(archive.sqlite, FORMULA_SOURCES)
          if (formulas.length) problems.push(`formula text stored: ${formulas.slice(0, 3).join(' | ')}`)
          if (expectation === 'import' && storedTextContaining(archive.sqlite, ['点击查看']).length === 0) problems.push('the cached result of a formula cell was not stored')
        }
      }
    } finally {
      await archive.close()
    }
  }

  if (expectation === 'refuse' && run.code !== 1) problems.push(`should be refused (exit 1), got exit ${String(run.code)}`)
  if (expectation === 'import') {
    if (run.code !== 0 || !written.written) problems.push(`should import, got exit ${String(run.code)}: ${(run.stderr || run.stdout).slice(0, 300)}`)
    else if (file.dataRows !== undefined && written.rowsRead !== file.dataRows) problems.push(`read ${String(written.rowsRead)} of ${file.dataRows} data rows`)
  }
  return { key: `${importer} ${file.name}`, problems: problems.map((p) => `${label}: ${p}`), run, runDir, db, written }
}

/** The primary run; then, if it reported problem rows (notes on imported rows are none), the same file without --skip-invalid must be refused. */
async function judge(file: HostileFile, importer: Importer, extra?: (a: Attempt) => Promise<string[]>): Promise<{ key: string; problems: string[]; summary: string }> {
  const first = await attempt(file, importer, true)
  const problems = [...first.problems]
  try {
    if (extra && first.run.code === 0 && first.written.written) problems.push(...(await extra(first)))
  } finally {
    rmSync(first.runDir, { recursive: true, force: true })
  }
  if (importer !== 'claims' && problemRowMessages(`${first.run.stdout}\n${first.run.stderr}`).length > 0) {
    const strict = await attempt(file, importer, false)
    problems.push(...strict.problems)
    rmSync(strict.runDir, { recursive: true, force: true })
  }
  const summary = `${first.key}: exit ${String(first.run.code)}, ${first.run.ms.toFixed(0)} ms, ${first.run.peakRssMb.toFixed(0)} MB${first.written.written ? `, wrote ${String(first.written.rowsRead)} rows` : ''}`
  return { key: first.key, problems, summary }
}

function settle(results: { key: string; problems: string[] }[]): { unexpected: string[]; known: string[]; stale: string[] } {
  const unexpected: string[] = []
  const known: string[] = []
  const stale: string[] = []
  for (const r of results) {
    const finding = KNOWN_FINDINGS[r.key]
    for (const p of r.problems) (finding?.problem.test(p) ? known : unexpected).push(p)
    if (finding && !finding.sometimes && !r.problems.some((p) => finding.problem.test(p))) stale.push(`${r.key}: no longer happens — remove it from KNOWN_FINDINGS`)
  }
  return { unexpected, known, stale }
}

/** CSV-injection text that was imported must come out of IPDesk's exports as text. */
async function exportsKeepText(a: Attempt, file: HostileFile, importer: Importer): Promise<string[]> {
  if (file.topic !== 'CSV injection' || (file.shape ?? 'patents') !== SHAPE_OF[importer]) return []
  const problems: string[] = []
  const sheets: string[] = []
  if (importer === 'services') {
    const out = join(a.runDir, 'ledger.xlsx')
    const run = await runCli(['export', 'services', '--db', a.db, '--out', out], SMALL)
    if (run.code !== 0) return [`${a.key}: ledger export failed: ${run.stderr.slice(0, 200)}`]
    sheets.push(out)
  }
  if (importer === 'claims') {
    const out = join(a.runDir, 'out')
    sheets.push(...readdirSync(out).filter((n) => n.endsWith('.xlsx')).map((n) => join(out, n)))
    if (!sheets.length) return [`${a.key}: verify wrote no result sheet`]
  }
  for (const sheet of sheets) {
    const scan = await scanWorkbook(sheet)
    if (scan.formulas.length) problems.push(`${a.key}: ${basename(sheet)} has formulas: ${scan.formulas.slice(0, 3).join(' | ')}`)
    const injected = [...scan.strings].filter((s) => /^[=+\-@\t\r]/.test(s) && /（\d）$/.test(s))
    if (injected.length < 4) problems.push(`${a.key}: ${basename(sheet)} shows ${injected.length} of the injected texts as text (expected at least 4): ${injected.join(' | ')}`)
  }
  return problems
}

describe('hostile input through every import (built CLI)', () => {
  it.each(IMPORTERS.map((i) => [i]))('%s: every hostile file ends in an import or a clear Chinese message, and a refusal changes nothing', async (importer) => {
    const files = corpus.filter((f) => !f.large && ((f.shape ?? 'patents') === 'patents' || f.shape === SHAPE_OF[importer]))
    expect(files.length).toBeGreaterThanOrEqual(importer === 'patents' ? 69 : 85)
    const results = await pool(files.map((file) => () => judge(file, importer, (a) => exportsKeepText(a, file, importer))))
    const { unexpected, stale } = settle(results)
    expect([...unexpected, ...stale], results.map((r) => r.summary).join('\n')).toEqual([])
  }, 900_000)

  it('the 1,000,000-row files are imported (streamed) or refused, in bounded time and memory, by every import', async () => {
    const large = corpus.filter((f) => f.large)
    expect(large.map((f) => f.name).sort()).toEqual(['million-rows.csv', 'million-rows.xlsx', 'services-million-rows.xlsx'])
    const tasks = large.flatMap((file) => IMPORTERS.filter((i) => !file.shape || file.shape === SHAPE_OF[i]).map((importer) => () => judge(file, importer)))
    const results = await pool(tasks, 2)
    const { unexpected, stale } = settle(results)
    const summary = results.map((r) => r.summary).join('\n')
    if (process.env.IPDESK_HOSTILE_VERBOSE) console.log(summary)
    expect([...unexpected, ...stale], summary).toEqual([])
  }, 1_800_000)
})

describe('known findings', () => {
  it('each names its owner and the problem it stands for', () => {
    for (const [key, finding] of Object.entries(KNOWN_FINDINGS)) {
      expect(key).toMatch(/^(patents|researchers|projects|services|claims) \S+$/)
      expect(finding.owner.length).toBeGreaterThan(20)
    }
  })
})
