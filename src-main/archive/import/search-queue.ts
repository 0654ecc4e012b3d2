import type Database from 'better-sqlite3'
import type { InventorInsertListener } from '../linking/engine'

// The search index's queue during a patent import. The archive search keeps itself in sync through
// triggers that queue an asset's id in asset_search_pending whenever its searchable text changes
// (migrations 0002/0010; the search service indexes the queue before it answers). Two of them fire on
// every row an import inserts — AFTER INSERT ON ip_asset and AFTER INSERT ON asset_inventor — and a
// statement that fires a trigger is a multi-write statement, for which SQLite keeps a statement journal:
// together they cost more than the inserts themselves (measured: 100,000 assets with 300,000 inventors,
// 1.9 s → 1.0 s and 1.2 s → 0.6 s without them).
//
// So for the length of the import those two triggers are set aside and the import queues the same ids
// itself, in bulk: every asset it inserts, every asset whose inventor rows it inserts. Safe by
// construction, like the deferred indexes: the DDL runs inside the import's one transaction (a cancel,
// a failure or a crash rolls it back), the triggers are created again from their own stored SQL before
// the commit, and a trigger is only ever set aside when its SQL is exactly the queueing statement this
// module replaces — a trigger that does anything else (a later migration may change them) stays and
// fires as usual.

/** The queueing trigger's body this module knows how to replace: table → the column holding the asset id. */
const QUEUEING = /^CREATE TRIGGER "?(\w+)"? AFTER INSERT ON "?(ip_asset|asset_inventor)"? BEGIN INSERT OR IGNORE INTO "?asset_search_pending"? ?\(asset_id\) VALUES ?\(new\.(id|asset_id)\); ?END$/iu
const ID_COLUMN: Record<string, string> = { ip_asset: 'id', asset_inventor: 'asset_id' }

/** Ids written to the queue by one statement. */
const FLUSH_EVERY = 2000

interface StoredTrigger {
  name: string
  table: string
  sql: string
}

export class SearchQueue implements InventorInsertListener {
  private setAside: StoredTrigger[] = []
  private assets = false
  private inventors = false
  private pending: number[] = []
  private last = -1
  private readonly enqueue: Database.Statement

  constructor(private readonly sqlite: Database.Database) {
    this.enqueue = sqlite.prepare('INSERT OR IGNORE INTO asset_search_pending (asset_id) SELECT value FROM json_each(?)')
  }

  /** Sets the known queueing triggers aside (inside the caller's transaction). */
  takeOver(): void {
    if (this.setAside.length) return
    const triggers = this.sqlite
      .prepare("SELECT name, tbl_name AS tbl, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('ip_asset', 'asset_inventor') ORDER BY name")
      .all() as { name: string; tbl: string; sql: string | null }[]
    for (const t of triggers) {
      const m = QUEUEING.exec((t.sql ?? '').replace(/\s+/gu, ' ').trim())
      if (!m || m[1] !== t.name || m[2]!.toLowerCase() !== t.tbl || m[3] !== ID_COLUMN[t.tbl]) continue
      this.sqlite.exec(`DROP TRIGGER "${t.name.replace(/"/gu, '""')}"`)
      this.setAside.push({ name: t.name, table: t.tbl, sql: t.sql! })
      if (t.tbl === 'ip_asset') this.assets = true
      else this.inventors = true
    }
  }

  /** An asset the import inserted. */
  assetInserted(assetId: number): void {
    if (this.assets) this.add(assetId)
  }

  /** An asset whose inventor rows the import inserted. */
  inventorsInserted(assetId: number): void {
    if (this.inventors) this.add(assetId)
  }

  private add(assetId: number): void {
    if (assetId === this.last) return
    this.last = assetId
    this.pending.push(assetId)
    if (this.pending.length >= FLUSH_EVERY) this.flush()
  }

  private flush(): void {
    if (this.pending.length === 0) return
    this.enqueue.run(JSON.stringify(this.pending))
    this.pending = []
  }

  /** Writes what is still queued and creates the triggers again, exactly as they were declared. */
  restore(): void {
    this.flush()
    for (const t of this.setAside) this.sqlite.exec(t.sql)
    this.setAside = []
    this.assets = false
    this.inventors = false
    this.last = -1
  }
}
