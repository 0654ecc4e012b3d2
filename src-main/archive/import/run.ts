import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { appendAudit } from '../../audit/log'
import { AppError } from '../../contract/result'
import type { Archive } from '../../db/connection'
import { getSettings } from '../../settings/service'
import { InventorLinker, loadResearcherIndex, rederiveForResearchers, relinkInventors, type LinkCounts } from '../linking/engine'
import { fieldLabel, type ImportField, type ImportKind } from './fields'
import { readPatentRow } from './patent-row'
import { PatentWriter, type RowOutcome } from './patent-writer'
import { DeferredIndexes, worthDeferring, type DeferredTable } from './deferred-indexes'
import { DisciplineLookup, readResearcherRow, ResearcherWriter } from './people'
import { ProjectWriter, readProjectRow } from './projects'
import { RowReader, type RowProblem } from './row-reader'
import { resolveMapping } from './mapping'
import { RowSource } from './parallel-reader'
import type { ReadItem, ReadJob } from './read-rows'
import { ProvenanceWriter } from './provenance'
import { SearchQueue } from './search-queue'
import type { ColumnMapping } from './source'
import { otherTableWarning, repeatedRowsWarning } from './summary-text'

export { resolveMapping } from './mapping'
export { importNotices } from './summary-text'

// One import, start to end: detect the header, apply the column mapping, stream the rows, check and
// write each one inside ONE transaction, then keep or roll back.
//
//  - Any row problem without `skipInvalid`: everything is rolled back — nothing is written.
//  - `dryRun`: the same work, always rolled back, so the preview's counts (新增/更新/不变/有误) are exactly
//    what the import will do, in-file duplicates included.
//  - A file that turns out unreadable half-way (truncated workbook) or a cancel: the error propagates
//    out of the transaction, which rolls back. The archive file is left byte-for-byte as it was.

export interface RunImportOptions {
  kind: ImportKind
  file: string
  /** Name to show in messages and to record (an upload's original name). */
  displayName?: string
  /** The mapping to apply; default: the detected one. */
  mapping?: readonly ColumnMapping[]
  dryRun?: boolean
  skipInvalid?: boolean
  /**
   * (phase, done, total). total = expectedRows when given (rows done of rows expected); for CSV files the
   * percent of the file read (total 100); else 0 — the number of rows is not known before the end of an
   * .xlsx (exceljs may copy the sheet to a temp file first, so bytes read say nothing) — and the phase
   * text counts the rows.
   */
  progress?: (phase: string, done: number, total: number) => void
  /** Data rows the file holds, when known (the preview counted them): makes the progress exact. */
  expectedRows?: number
  /** Awaited every few rows: yields to the event loop, throws to cancel (everything rolls back). */
  checkpoint?: () => Promise<void>
  /** Default true: a large patent import sets secondary indexes aside (deferred-indexes.ts). */
  deferIndexes?: boolean
  /**
   * The file's reading, already started by the caller (RowSource.start with this kind, file, display
   * name and mapping) — the CLI starts it before it opens the archive, to refuse an unreadable file
   * first. runImport takes it over and closes it. Default: started here.
   */
  source?: RowSource
  /**
   * Awaited once before a real (not dry-run) import writes: the automatic backup. It may hand back a
   * backup still being copied (backup/auto.ts beginBackupBeforeImport): the import then writes while it
   * is copied, commits only once it is `finished`, and abandons it if it does not commit.
   */
  beforeWrite?: () => Promise<void | PendingBackup | null>
  now?: Date
}

/** A backup the import must see finished before it commits. */
export interface PendingBackup {
  finished: Promise<unknown>
  abandon(): Promise<void>
}

export interface ImportSummary {
  kind: ImportKind
  fileName: string
  dialect: string
  headerRow: number
  dryRun: boolean
  /** True when the rows were committed to the archive. */
  written: boolean
  rows: number
  inserted: number
  updated: number
  unchanged: number
  rejected: number
  errors: RowProblem[]
  /** Things worth knowing that did not stop a row (e.g. a project number not in the archive). */
  warnings: RowProblem[]
  batchId: number | null
  /** Inventor link states of the rows imported (patents) or re-decided (rosters). */
  links: LinkCounts | null
  /** Links changed by re-linking after a roster import. */
  relinked: number
  conversionsAdded: number
  projectLinksAdded: number
}

class Rollback {
  constructor(readonly summary: ImportSummary) {}
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Indexes a patent import looks assets up by: never set aside. */
export const KEPT_INDEXES: ReadonlySet<string> = new Set(['ip_asset_app_no', 'ip_asset_pub_no', 'ip_asset_grant_no'])

/** Page cache during an import, in KiB (negative = KiB for PRAGMA cache_size): 128 MB. */
export const IMPORT_CACHE_KIB = -131_072

const ENTITY: Record<ImportKind, 'asset' | 'researcher' | 'project'> = { patents: 'asset', researchers: 'researcher', projects: 'project' }

/** Runs one import. Throws AppError('refused') for unreadable files; row problems come back in `errors`. */
export async function runImport(archive: Archive, options: RunImportOptions): Promise<ImportSummary> {
  const { kind, file } = options
  const dryRun = options.dryRun ?? false
  const skipInvalid = options.skipInvalid ?? false
  const deferIndexes = options.deferIndexes ?? true
  const progress = options.progress ?? (() => {})
  const checkpoint = options.checkpoint ?? (async () => {})
  const now = options.now ?? new Date()
  const nowIso = now.toISOString()

  progress('读取表头', 0, 100)
  const currentYear = now.getFullYear()
  // Large files: the reading worker starts now (if the caller has not started it) and detects the
  // header, so reading overlaps with everything below (the file's hash, the settings, the backup, the
  // writers' set-up). Its detection is the import's: the file is not read twice for it.
  const source = options.source ?? (await RowSource.start({ kind, path: file, displayName: options.displayName, mapping: options.mapping, currentYear }))
  let cacheSize: number | null = null
  let backup: PendingBackup | null = null
  let committed = false
  try {
    const detected = await source.detected()
    const columns = resolveMapping(detected, options.mapping)
    const job: ReadJob = {
      kind,
      path: file,
      displayName: detected.fileName,
      sheetIndex: detected.sheetIndex,
      headerRow: detected.headerRow,
      columns: [...columns],
      currentYear,
    }
    const fileSha = await sha256File(file)
    const settings = await getSettings(archive.db)
    const operator = settings.operatorName.trim() || '未设置操作员'
    if (!dryRun && options.beforeWrite) {
      progress('导入前备份档案', 0, 100)
      backup = (await options.beforeWrite()) ?? null
    }
    const labelOf = (field: ImportField) => fieldLabel(kind, field)
    const mappingJson = JSON.stringify(Object.fromEntries([...columns].map(([field, col]) => [col.header || col.index, field])))
    const phase = dryRun ? '检查数据' : '导入'

    // A large page cache for the length of the import: 100,000 rows touch every index of ip_asset and
    // asset_inventor, and SQLite's default 2 MB cache would spill and re-read pages all the time.
    cacheSize = archive.sqlite.pragma('cache_size', { simple: true }) as number
    archive.sqlite.pragma(`cache_size = ${IMPORT_CACHE_KIB}`)
    const result = await archive.db.transaction().execute(async (trx) => {
      const sqlite = archive.sqlite
      const batchId = Number(
        sqlite
          .prepare(
            `INSERT INTO import_batch (kind, file_name, file_sha256, dialect, operator, started_at, finished_at, header_row, mapping, sheet_name, encoding, skip_invalid)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(kind, detected.fileName, fileSha, detected.dialect, operator, nowIso, nowIso, detected.headerRow, mappingJson, detected.sheetName, detected.encoding, skipInvalid ? 1 : 0)
          .lastInsertRowid,
      )
      const provenance = new ProvenanceWriter(sqlite, batchId, ENTITY[kind])
      const counts: Record<RowOutcome, number> = { inserted: 0, updated: 0, unchanged: 0 }
      const errors: RowProblem[] = []
      const warnings: RowProblem[] = []
      let rows = 0
      let rejected = 0

      // Per-kind reader and writer.
      let handle: (r: RowReader, item: ReadItem) => { outcome: RowOutcome; id: number; warnings: string[] } | null
      let linker: InventorLinker | null = null
      /** Rows, by worksheet (undefined: the header's own), of a patent an earlier row of the file already wrote. */
      const repeatedRows = new Map<string | undefined, number>()
      let patentWriter: PatentWriter | null = null
      let researcherWriter: ResearcherWriter | null = null
      let searchQueue: SearchQueue | null = null
      switch (kind) {
        case 'patents': {
          // The search queue's insert triggers are set aside for the import (search-queue.ts).
          searchQueue = new SearchQueue(sqlite)
          searchQueue.takeOver()
          linker = new InventorLinker(sqlite, loadResearcherIndex(sqlite), searchQueue)
          const writer = new PatentWriter(sqlite, linker, {
            batchId,
            now: nowIso,
            universityName: settings.universityName,
            universityAliases: settings.universityAliases,
            searchQueue,
          })
          patentWriter = writer
          handle = (r, item) => {
            // Checked where it was read (possibly on the reader thread).
            const checked = item.patent ?? { row: readPatentRow(r, currentYear), problems: [] }
            r.problems.push(...checked.problems)
            const row = checked.row
            if (!row) return null
            const result = writer.write(row)
            if ('problem' in result) {
              // Point at the cell the problem is about; a missing 申请号 column points at the number it has.
              const candidates = result.field === 'title' ? ['title'] : [result.field, 'appNo', 'pubNo', 'grantNo']
              const field = candidates.find((f) => columns.has(f as ImportField)) as ImportField | undefined
              r.problem(field ?? null, result.problem)
              return null
            }
            if (result.repeated) repeatedRows.set(item.sheet, (repeatedRows.get(item.sheet) ?? 0) + 1)
            return { outcome: result.outcome, id: result.assetId, warnings: row.notes.length ? [...row.notes, ...result.warnings] : result.warnings }
          }
          break
        }
        case 'researchers': {
          const disciplines = new DisciplineLookup(sqlite)
          const writer = new ResearcherWriter(sqlite, nowIso, detected.sheetName)
          researcherWriter = writer
          handle = (r) => {
            const row = readResearcherRow(r, disciplines)
            if (!row) return null
            const result = writer.write(row)
            if ('problem' in result) {
              r.problem(result.field, result.problem)
              return null
            }
            return { outcome: result.outcome, id: result.id, warnings: row.notes }
          }
          break
        }
        case 'projects': {
          const writer = new ProjectWriter(sqlite, nowIso, detected.sheetName)
          handle = (r) => {
            const row = readProjectRow(r)
            if (!row) return null
            const result = writer.write(row)
            if ('problem' in result) {
              r.problem(result.field, result.problem)
              return null
            }
            return { outcome: result.outcome, id: result.id, warnings: result.warning ? [result.warning] : [] }
          }
          break
        }
        default: {
          const unreachable: never = kind
          throw new Error(`unknown import kind ${String(unreachable)}`)
        }
      }

      // Large patent imports into a smaller archive set the secondary indexes of ip_asset and of
      // asset_inventor aside and rebuild them at the end (deferred-indexes.ts: worthDeferring says, table
      // by table, when that is cheaper than maintaining them).
      const deferrable: DeferredTable[] = ['ip_asset', 'asset_inventor']
      const indexes = new Map(deferrable.map((table) => [table, new DeferredIndexes(sqlite, [table], KEPT_INDEXES)]))
      const existingAssets = kind === 'patents' ? (sqlite.prepare('SELECT count(*) AS n FROM ip_asset').get() as { n: number }).n : 0

      let fraction = 0
      let lastProgress = 0
      /** Rows of later worksheets were read too: a row number alone no longer says where a row is. */
      let otherSheetsRead = false
      const expected = options.expectedRows ?? 0
      const reportProgress = () => {
        const at = Date.now()
        if (at - lastProgress < 150) return
        lastProgress = at
        const text = `${phase}：已处理 ${rows.toLocaleString('zh-CN')} 行`
        if (expected > 0) progress(text, Math.min(rows, expected - 1), expected)
        else if (detected.format === 'csv') progress(text, Math.min(99, Math.floor(fraction * 100)), 100)
        else progress(text, rows, 0)
      }
      for await (const batch of source.batches(job)) {
        fraction = batch.fraction
        for (const table of batch.otherTables ?? []) {
          warnings.push({ row: table.headerRow, column: null, letter: null, header: null, message: otherTableWarning(table, detected.sheetName), sheet: table.sheet })
          if (table.status === 'read') otherSheetsRead = true
        }
        if (kind === 'patents' && deferIndexes) {
          // The rows the file is likely to bring: read so far, announced, or extrapolated from the share read.
          const seen = rows + batch.items.length
          const likely = Math.max(seen, expected, fraction > 0.001 && fraction < 0.99 ? seen / fraction : 0)
          for (const [table, set] of indexes) if (!set.deferred && worthDeferring(likely, existingAssets, table)) set.defer()
        }
        for (const row of batch.items) {
          rows++
          const reader = new RowReader(row.rowNumber, row.values, columns, labelOf, row.sheet)
          const result = handle(reader, row)
          if (result === null) {
            rejected++
            for (const p of reader.problems) errors.push(p)
            provenance.add(row.sheet, row.rowNumber, null, 'rejected', (reader.problems[0]?.message ?? '').slice(0, 500))
          } else {
            counts[result.outcome]++
            provenance.add(row.sheet, row.rowNumber, result.id, result.outcome, '')
            const sheet = row.sheet === undefined ? {} : { sheet: row.sheet }
            for (const w of result.warnings) warnings.push({ row: row.rowNumber, column: null, letter: null, header: null, message: w, ...sheet })
          }
          if ((rows & 63) === 0) {
            reportProgress()
            await checkpoint()
          }
        }
      }
      linker?.flush()
      provenance.flush()
      for (const [onSheet, count] of repeatedRows) {
        const sheet = onSheet ?? (otherSheetsRead ? (detected.sheetName ?? undefined) : undefined)
        warnings.push({ row: detected.headerRow, column: null, letter: null, header: null, message: repeatedRowsWarning(count, sheet), ...(sheet === undefined ? {} : { sheet }) })
      }
      if (otherSheetsRead && detected.sheetName !== null) {
        for (const p of [...errors, ...warnings]) p.sheet ??= detected.sheetName
      }
      if (rows === 0) {
        throw new AppError('refused', `“${detected.fileName}”只有表头（第 ${detected.headerRow} 行），没有数据行。请确认导出时选中了记录，或换一个文件。`)
      }

      let links: LinkCounts | null = linker?.counts ?? null
      let relinked = 0
      if (researcherWriter && (researcherWriter.affectedNames.size || researcherWriter.disciplineChanged.size)) {
        progress('重新关联发明人', 99, 100)
        await checkpoint()
        const result = relinkInventors(sqlite, { names: researcherWriter.affectedNames })
        rederiveForResearchers(sqlite, researcherWriter.disciplineChanged)
        links = result.counts
        relinked = result.changed
      }

      const summary: ImportSummary = {
        kind,
        fileName: detected.fileName,
        dialect: detected.dialect,
        headerRow: detected.headerRow,
        dryRun,
        written: false,
        rows,
        ...counts,
        rejected,
        errors,
        warnings,
        batchId: null,
        links,
        relinked,
        conversionsAdded: patentWriter?.conversionsAdded ?? 0,
        projectLinksAdded: patentWriter?.projectLinksAdded ?? 0,
      }
      if (errors.length && !skipInvalid) {
        // Nothing is written, so nothing was inserted, updated or left unchanged.
        throw new Rollback({ ...summary, inserted: 0, updated: 0, unchanged: 0, links: null, relinked: 0, conversionsAdded: 0, projectLinksAdded: 0 })
      }
      // Dry runs, and files of which no row is valid, leave the archive exactly as it was (no batch record).
      if (dryRun || rejected === rows) throw new Rollback(summary)

      // Never commit into an archive whose quick_check failed. Where the archive was opened with the
      // check in the background (the app; the CLI's import, so the check overlaps with reading the
      // file), this is where its answer is awaited; a synchronous open has settled it already.
      const integrity = await archive.integrity
      if (integrity.state === 'failed') throw new AppError('db_corrupt', `${integrity.message}（本次导入已取消，档案未作修改。）`)

      if (backup) {
        // The archive as it was before the import must be safe in its backup before the import is kept.
        progress('等待导入前备份完成', 100, 100)
        await backup.finished
      }
      searchQueue?.restore()
      if ([...indexes.values()].some((set) => set.deferred)) {
        progress('重建索引', 100, 100)
        await checkpoint()
        for (const set of indexes.values()) if (set.deferred) set.restore()
      }
      progress('保存', 100, 100)
      sqlite
        .prepare('UPDATE import_batch SET rows = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ?, finished_at = ? WHERE id = ?')
        .run(rows, counts.inserted, counts.updated, counts.unchanged, rejected, new Date().toISOString(), batchId)
      await appendAudit(trx, {
        operator,
        action: 'import',
        entity: 'import_batch',
        entityId: batchId,
        after: {
          kind,
          file: detected.fileName,
          sha256: fileSha,
          dialect: detected.dialect,
          rows,
          inserted: counts.inserted,
          updated: counts.updated,
          unchanged: counts.unchanged,
          rejected,
          skipInvalid,
        },
      })
      return { ...summary, written: true, batchId }
    })
    committed = result.written
    return result
  } catch (error) {
    if (error instanceof Rollback) return error.summary
    throw error
  } finally {
    // Nothing was kept: the backup of the untouched archive is not needed (and stops where it is).
    if (backup && !committed) await backup.abandon()
    await source.close()
    if (cacheSize !== null) archive.sqlite.pragma(`cache_size = ${Math.trunc(cacheSize)}`)
  }
}
