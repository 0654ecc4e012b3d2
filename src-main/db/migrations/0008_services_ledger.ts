import { sql, type Kysely } from 'kysely'

// The service ledger beyond the core table:
//
// - service_draft: the quick-entry form's unsaved text, kept in the archive rather than in the browser's
//   localStorage. The loopback host listens on a new random port at every launch, and localStorage is
//   per origin (port included), so a browser-side draft would be lost by the next `npm run web`; in the
//   archive it survives a crash, a reload, a closed window and a restart on either transport. One row per
//   slot ('new' for the entry form, 'edit-<id>' while a saved record is being edited).
// - service_record.import_key: where an imported ledger row came from (a hash of kind, date, requester
//   and question/title plus its occurrence in the file), so importing the same 台账 again updates or
//   leaves rows unchanged instead of doubling the ledger. NULL for records entered in IPDesk.
// - indexes for the ledger's filters that are not led by a date.

const STATEMENTS = [
  sql`CREATE TABLE service_draft (
    slot TEXT PRIMARY KEY CHECK (slot = 'new' OR slot GLOB 'edit-[0-9]*'),
    payload TEXT NOT NULL,          -- JSON: the form's values as typed
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`ALTER TABLE service_record ADD COLUMN import_key TEXT`,
  sql`CREATE UNIQUE INDEX service_record_import_key ON service_record(import_key) WHERE import_key IS NOT NULL`,
  sql`CREATE INDEX service_record_college ON service_record(college, date)`,
  sql`CREATE INDEX service_record_staff ON service_record(staff, date)`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db)
}
