import type Database from 'better-sqlite3'

// Bulk loading with the secondary indexes set aside. Every new asset updates some twenty indexes of
// ip_asset and asset_inventor (filters, sort orders, the link queue …); maintained row by row they cost
// about as much again as the inserts themselves. Dropped for the length of a large import and created
// again from their own stored SQL at the end, they are built by one sort each — over the whole table,
// old rows too, so this pays only when the import is large next to the archive (worthDeferring).
//
// Safe by construction: DDL is transactional in SQLite, and this runs inside the import's one
// transaction, so a cancel, a failure or a crash rolls the indexes back with the rows. Indexes the
// import's own look-ups need, UNIQUE indexes (they enforce a rule while rows are written) and SQLite's
// automatic indexes (constraints) are never dropped. Indexes are recreated exactly as they were
// declared, whichever migration declared them.

/** Below this many rows an import maintains the indexes: there is nothing to win. */
const MIN_ROWS_TO_DEFER = 2048

/** The tables whose secondary indexes an import may set aside. */
export type DeferredTable = 'ip_asset' | 'asset_inventor'

/**
 * How large a file must be next to the archive (file rows ÷ assets already there) before a table's
 * indexes are set aside. Rebuilding costs a pass over the whole table (old rows too) and the commit then
 * writes every index page anew; maintaining costs each new row. Measured with `ipdesk import patents`
 * (2 cores, into a 100,000-asset archive unless said):
 *  - ip_asset: into an empty archive, set aside 5.9–6.1 s against maintained 6.4–6.5 s; 100,000 rows
 *    into 100,000, set aside 9.5 s against 8.3 s: worth it from twice the assets there.
 *  - asset_inventor (three inventors a row, written 64 to a statement): 100,000 rows, set aside from the
 *    25,000th row 7.3–7.4 s, from the 50,000th 7.7–8.2 s, maintained 7.6–7.8 s; 50,000 rows, from the
 *    25,000th 4.9–5.0 s against 5.2–5.5 s; 20,000 rows, from the 10,000th 3.4 s against 3.0 s. An .xlsx
 *    does not say how many rows it holds, so the decision is taken on the rows read so far: from a
 *    quarter of the assets there.
 */
const SHARE_TO_DEFER: Record<DeferredTable, number> = { ip_asset: 2, asset_inventor: 0.25 }

/** Whether an import of about `rows` assets into an archive already holding `existing` should set `table`'s indexes aside. */
export function worthDeferring(rows: number, existing: number, table: DeferredTable = 'ip_asset'): boolean {
  return rows >= MIN_ROWS_TO_DEFER && rows >= existing * SHARE_TO_DEFER[table]
}

interface StoredIndex {
  name: string
  sql: string
}

interface IndexStat {
  tbl: string
  idx: string
  stat: string
}

export class DeferredIndexes {
  private dropped: StoredIndex[] = []
  /** ANALYZE statistics of the dropped indexes (DROP INDEX deletes them), put back with the indexes. */
  private stats: IndexStat[] = []
  private tried = false

  constructor(
    private readonly sqlite: Database.Database,
    private readonly tables: readonly string[],
    private readonly keep: ReadonlySet<string>,
  ) {}

  get deferred(): boolean {
    return this.dropped.length > 0
  }

  /** Drop the droppable secondary indexes of the tables. */
  defer(): void {
    if (this.tried) return
    this.tried = true
    const placeholders = this.tables.map(() => '?').join(', ')
    const indexes = this.sqlite
      .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN (${placeholders}) AND sql IS NOT NULL ORDER BY name`)
      .all(...this.tables) as StoredIndex[]
    const droppable = indexes.filter((index) => !this.keep.has(index.name) && !/^\s*CREATE\s+UNIQUE\b/iu.test(index.sql))
    const hasStats = this.sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'").get() !== undefined
    if (hasStats && droppable.length) {
      const names = droppable.map(() => '?').join(', ')
      this.stats = this.sqlite.prepare(`SELECT tbl, idx, stat FROM sqlite_stat1 WHERE idx IN (${names})`).all(...droppable.map((i) => i.name)) as IndexStat[]
    }
    for (const index of droppable) {
      this.sqlite.exec(`DROP INDEX "${index.name.replace(/"/gu, '""')}"`)
      this.dropped.push(index)
    }
  }

  /** Create the dropped indexes again, from their own SQL. */
  restore(): void {
    for (const index of this.dropped) this.sqlite.exec(index.sql)
    if (this.stats.length) {
      const insert = this.sqlite.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)')
      for (const s of this.stats) insert.run(s.tbl, s.idx, s.stat)
    }
    this.dropped = []
    this.stats = []
    this.tried = false
  }
}
