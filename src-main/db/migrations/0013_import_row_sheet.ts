import { sql, type Kysely } from 'kysely'

// 0013_import_row_sheet — an import reads every worksheet that holds its list (a ledger kept one worksheet
// per kind or per year), so a row is known by its worksheet as well as its number: row 5 of “发明” and row 5
// of “实用新型” are two rows of one batch.
//
// import_row gains `sheet`: '' for the batch's own worksheet (import_batch.sheet_name, every row of a
// one-worksheet file and of every import before this one), the worksheet's name for the others. It is part
// of the primary key, so the table is rebuilt (SQLite cannot change a primary key in place); the rows keep
// their values and get ''.

const STATEMENTS = [
  sql`CREATE TABLE import_row_0013 (
    batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
    row_number INTEGER NOT NULL,    -- as the spreadsheet shows it (header row = 1 when it is the first row)
    entity TEXT NOT NULL CHECK (entity IN ('asset', 'researcher', 'project')),
    entity_id INTEGER,              -- NULL when the row was rejected
    outcome TEXT NOT NULL CHECK (outcome IN ('inserted', 'updated', 'unchanged', 'rejected')),
    message TEXT NOT NULL DEFAULT '',  -- why a row was rejected (Chinese)
    sheet TEXT NOT NULL DEFAULT '',    -- '' = the batch's worksheet (import_batch.sheet_name); else the worksheet's name
    PRIMARY KEY (batch_id, sheet, row_number)
  ) STRICT, WITHOUT ROWID`,
  sql`INSERT INTO import_row_0013 (batch_id, row_number, entity, entity_id, outcome, message, sheet)
      SELECT batch_id, row_number, entity, entity_id, outcome, message, '' FROM import_row`,
  sql`DROP TABLE import_row`,
  sql`ALTER TABLE import_row_0013 RENAME TO import_row`,
  sql`CREATE INDEX import_row_entity ON import_row(entity, entity_id)`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db)
}
