import { sql, type Kysely } from 'kysely'

// Search hits in filing-date order straight from the index.
//
// FTS5 returns the rowids of a full-text query in rowid order and can stop after LIMIT rows; anything
// else (bm25, a sort on another table) has to visit every hit. So the index rowid of an asset becomes a
// sort key instead of the asset id: (days since 1900-01-01 of the filing date) × 10^8 + asset id
// (0 × 10^8 + id when the filing date is unknown). 'Newest first' is then `ORDER BY rowid DESC LIMIT n`
// — a few dozen postings even for a word in every other title — and the asset id is `rowid % 10^8`.
//
// A changed filing date changes the key, and the contentless index cannot be asked which rowid an asset
// had, so asset_search_rowid remembers it (written by archive/search.ts when it indexes an asset).
// The index is emptied and every asset queued, to be indexed again under its new key.

const STATEMENTS = [
  sql`CREATE TABLE asset_search_rowid (
    asset_id INTEGER PRIMARY KEY,   -- no foreign key: kept until the asset's postings are removed
    fts_rowid INTEGER NOT NULL
  ) STRICT`,
  sql`INSERT INTO asset_search (asset_search) VALUES ('delete-all')`,
  sql`INSERT OR IGNORE INTO asset_search_pending (asset_id) SELECT id FROM ip_asset`,
  // The filing date is part of the key now: an edit or re-import that changes it re-indexes the asset.
  sql`CREATE TRIGGER ip_asset_search_update_filing AFTER UPDATE OF filing_date ON ip_asset BEGIN
    INSERT OR IGNORE INTO asset_search_pending (asset_id) VALUES (new.id);
  END`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db)
}
