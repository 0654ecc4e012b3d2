import { IMPORT_CACHE_KIB, KEPT_INDEXES } from '../archive/import/run'
import { DeferredIndexes, worthDeferring, type DeferredTable } from '../archive/import/deferred-indexes'
import { SearchQueue } from '../archive/import/search-queue'
import { openArchive } from '../db/connection'

// What SQLite alone needs to write the rows an import wrote — the floor under any import of them.
//
// The rows an import added (its batch, the new assets, their inventor links, derived disciplines,
// projects and conversions, the per-row history, the search queue) are copied with one INSERT … SELECT
// per table from the imported archive into a copy of the archive as it was before, in one transaction,
// treating the secondary indexes and the search triggers as the import does (set aside where it sets
// them aside, and restored). No JavaScript per row, no values bound, no file read, no checks, no backup:
// whatever the import does on top of this is the import's own cost. Timed from opening the copy to
// closing it, like the import (whose CLI run also opens and closes the archive, and checkpoints on commit).

/** Tables holding rows of new assets, copied in this order (parents first, for the foreign keys). */
const ASSET_TABLES = ['ip_asset', 'asset_inventor', 'asset_discipline', 'asset_project', 'conversion'] as const
const ASSET_COLUMN: Record<(typeof ASSET_TABLES)[number], string> = {
  ip_asset: 'id',
  asset_inventor: 'asset_id',
  asset_discipline: 'asset_id',
  asset_project: 'asset_id',
  conversion: 'asset_id',
}

export interface SqlFloor {
  ms: number
  /** Rows copied per table. */
  rows: Record<string, number>
  /** Tables whose secondary indexes were set aside and rebuilt. */
  deferred: DeferredTable[]
}

/**
 * Copy into `before` (the archive as it was before the import; it is changed) what the last import
 * batch of `imported` (the same archive after that import) inserted. Only inserted assets are copied:
 * the benchmark's import inserts every row.
 */
export async function measureSqlFloor(before: string, imported: string): Promise<SqlFloor> {
  const start = performance.now()
  const archive = await openArchive(before, { create: false, quickCheck: false })
  const rows: Record<string, number> = {}
  const deferred: DeferredTable[] = []
  try {
    const sqlite = archive.sqlite
    sqlite.pragma(`cache_size = ${IMPORT_CACHE_KIB}`)
    sqlite.prepare('ATTACH DATABASE ? AS imported').run(imported)
    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number | null }).n ?? 0
    const existing = count('SELECT count(*) AS n FROM main.ip_asset')
    const lastId = count('SELECT max(id) AS n FROM main.ip_asset')
    const batch = count('SELECT max(id) AS n FROM imported.import_batch')
    const newAssets = count(`SELECT count(*) AS n FROM imported.ip_asset WHERE id > ${lastId}`)
    sqlite.exec('BEGIN IMMEDIATE')
    const queue = new SearchQueue(sqlite)
    queue.takeOver()
    const indexes = (['ip_asset', 'asset_inventor'] as const).filter((table) => worthDeferring(newAssets, existing, table))
    const sets = indexes.map((table) => new DeferredIndexes(sqlite, [table], KEPT_INDEXES))
    for (const set of sets) set.defer()
    deferred.push(...indexes)
    const copy = (table: string, where: string) => {
      rows[table] = sqlite.prepare(`INSERT INTO main.${table} SELECT * FROM imported.${table} WHERE ${where}`).run().changes
    }
    copy('import_batch', `id = ${batch}`)
    for (const table of ASSET_TABLES) copy(table, `${ASSET_COLUMN[table]} > ${lastId}`)
    copy('import_row', `batch_id = ${batch}`)
    rows.asset_search_pending = sqlite.prepare(`INSERT OR IGNORE INTO main.asset_search_pending (asset_id) SELECT id FROM imported.ip_asset WHERE id > ${lastId}`).run().changes
    for (const set of sets) set.restore()
    queue.restore()
    sqlite.exec('COMMIT')
    sqlite.exec('DETACH DATABASE imported')
  } finally {
    await archive.close()
  }
  return { ms: performance.now() - start, rows, deferred }
}
