import { sql, type Kysely } from 'kysely'

// 0007_archive_import — import provenance and settled inventor links.
//
// - import_row: one row per spreadsheet row an import read — which asset / researcher / project it
//   became and whether that was an insert, an update or no change, or why it was rejected. The asset
//   detail page lists an asset's import history from it ("imported from 浙大专利2024.xlsx, row 17").
// - import_batch gains what is needed to repeat or explain an import: the header row, the column
//   mapping that was applied (JSON: header → field), the sheet / encoding read, whether invalid rows
//   were skipped.
// - asset_inventor.link_source: 'manual' once a librarian settled a link (reassigned it, marked the
//   inventor external). Automatic re-linking after a roster import never touches manual links nor
//   'confirmed' ones.

const STATEMENTS = [
  sql`CREATE TABLE import_row (
    batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
    row_number INTEGER NOT NULL,    -- as the spreadsheet shows it (header row = 1 when it is the first row)
    entity TEXT NOT NULL CHECK (entity IN ('asset', 'researcher', 'project')),
    entity_id INTEGER,              -- NULL when the row was rejected
    outcome TEXT NOT NULL CHECK (outcome IN ('inserted', 'updated', 'unchanged', 'rejected')),
    message TEXT NOT NULL DEFAULT '',  -- why a row was rejected (Chinese)
    PRIMARY KEY (batch_id, row_number)
  ) STRICT, WITHOUT ROWID`,
  sql`CREATE INDEX import_row_entity ON import_row(entity, entity_id)`,

  sql`ALTER TABLE import_batch ADD COLUMN header_row INTEGER`,
  sql`ALTER TABLE import_batch ADD COLUMN mapping TEXT NOT NULL DEFAULT '{}'`,
  sql`ALTER TABLE import_batch ADD COLUMN sheet_name TEXT`,
  sql`ALTER TABLE import_batch ADD COLUMN encoding TEXT`,
  sql`ALTER TABLE import_batch ADD COLUMN skip_invalid INTEGER NOT NULL DEFAULT 0 CHECK (skip_invalid IN (0, 1))`,

  sql`ALTER TABLE asset_inventor ADD COLUMN link_source TEXT NOT NULL DEFAULT 'auto' CHECK (link_source IN ('auto', 'manual'))`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db)
}
