import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runImport, type ImportSummary, type RunImportOptions } from '../../../../src-main/archive/import/run'
import type { ImportKind } from '../../../../src-main/archive/import/fields'
import { runCli } from '../../../../src-main/cli/main'
import type { Archive } from '../../../../src-main/db/connection'
import { openArchive } from '../../../../src-main/db/connection'
import { updateSettings } from '../../../../src-main/settings/service'
import { tempArchive, tempDir } from '../../helpers/temp'

export const PUBLIC = join(__dirname, '../../../fixtures/archive')
export const OWN = join(PUBLIC, 'own')
export const UNIVERSITY = '东海理工大学'

export const pub = (name: string) => join(PUBLIC, name)
export const own = (name: string) => join(OWN, name)

/** A fresh archive whose university is 东海理工大学. */
export async function universityArchive(): Promise<Archive> {
  const archive = await tempArchive()
  await updateSettings(archive.db, { universityName: UNIVERSITY, operatorName: '测试馆员' })
  return archive
}

export function importFile(archive: Archive, kind: ImportKind, file: string, options: Partial<RunImportOptions> = {}): Promise<ImportSummary> {
  return runImport(archive, { kind, file, skipInvalid: true, ...options })
}

export function rows<T = Record<string, unknown>>(archive: Archive, sql: string, ...params: unknown[]): T[] {
  return archive.sqlite.prepare(sql).all(...params) as T[]
}

/** The raw inventor names of the asset with this application number, in rank order. */
export function inventorsOf(archive: Archive, appNo: string): string[] {
  return rows<{ raw_name: string }>(
    archive,
    'SELECT i.raw_name FROM asset_inventor i JOIN ip_asset a ON a.id = i.asset_id WHERE a.app_no = ? ORDER BY i.rank',
    appNo,
  ).map((r) => r.raw_name)
}

export function one<T = Record<string, unknown>>(archive: Archive, sql: string, ...params: unknown[]): T {
  return archive.sqlite.prepare(sql).get(...params) as T
}

/** Run the CLI in-process and capture what it prints. */
export async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

/**
 * A closed archive file (so its WAL is checkpointed into it and removed) holding the university
 * setting, a roster and a patent list: the starting point of the byte-for-byte tests.
 */
export async function archiveFileWithData(): Promise<string> {
  const file = join(tempDir(), 'archive.sqlite')
  const archive = await openArchive(file)
  await updateSettings(archive.db, { universityName: UNIVERSITY, operatorName: '测试馆员' })
  await runImport(archive, { kind: 'researchers', file: own('roster.xlsx') })
  await runImport(archive, { kind: 'patents', file: own('cnipa_title_rows.xlsx') })
  await archive.close()
  return file
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

/** Hash of the archive file once every connection is closed (no -wal left to hold changes). */
export function settledHash(file: string): string {
  if (existsSync(`${file}-wal`)) throw new Error(`${file}-wal still exists: a connection was left open`)
  return sha256(file)
}

export function integrity(file: string): string {
  const db = new Database(file, { readonly: true })
  try {
    return db.pragma('integrity_check', { simple: true }) as string
  } finally {
    db.close()
  }
}

/** A patent list (CNIPA headers, SYNTHETIC_COLUMNS order) holding exactly `rows`. */
export async function writeSyntheticRows(path: string, rows: Iterable<(string | Date | null)[]>): Promise<void> {
  const { SYNTHETIC_COLUMNS } = await import('../../../../src-main/archive/import/synthetic')
  const { writeWorkbook, sheet } = await import('../../../../src-main/spreadsheet')
  await writeWorkbook(path, [
    sheet<(string | Date | null)[]>({
      name: '专利清单',
      columns: SYNTHETIC_COLUMNS.map((c, i) => ({ header: c.header, kind: c.kind, value: (r) => r[i] ?? null })),
      rows,
    }),
  ])
}

/** A synthetic patent list of `n` valid rows; `from` shifts the numbers, so two lists can hold different patents. */
export async function writeSyntheticPatents(path: string, n: number, from = 0): Promise<void> {
  const { syntheticPatentRow } = await import('../../../../src-main/archive/import/synthetic')
  function* rows() {
    for (let i = from; i < from + n; i++) yield syntheticPatentRow(i, UNIVERSITY)
  }
  await writeSyntheticRows(path, rows())
}
