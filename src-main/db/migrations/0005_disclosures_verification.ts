import { sql, type Kysely } from 'kysely'

// Disclosure verification (DESIGN §5.1, issue 5): what the core `disclosure` / `disclosure_item` tables
// lacked.
//  - disclosure.researcher_snapshot: the researcher as he stood when the list was verified (JSON
//    {staffNo, name, college, title}); frozen at sign-off, so a later rename or transfer to another
//    college does not change a signed certificate.
//  - disclosure.source_file: the claim list's file name, when imported.
//  - disclosure.verified_at: when the engine last ran over the list.
//  - disclosure.signed_on: the local calendar day of sign-off (signed_at is a UTC instant); the annual
//    report counts verifications by it, so it is indexed together with status.
//  - disclosure.certificate_no: 核实意见书编号, given at sign-off, unique.
//  - disclosure_item.remarks: JSON codes of observations that do not change the verdict (a suggested
//    inventor link, a lapsed right, a minor title difference …).
//  - disclosure_item.claimed_raw: the cells as the researcher wrote them (JSON), for the review screen
//    and the certificate; source_row: the row of the imported sheet.
//  - disclosure_item.override_by / override_at: who changed the verdict, and when.

const STATEMENTS = [
  sql`ALTER TABLE disclosure ADD COLUMN researcher_snapshot TEXT`,
  sql`ALTER TABLE disclosure ADD COLUMN source_file TEXT NOT NULL DEFAULT ''`,
  sql`ALTER TABLE disclosure ADD COLUMN verified_at TEXT`,
  sql`ALTER TABLE disclosure ADD COLUMN signed_on TEXT`,
  sql`ALTER TABLE disclosure ADD COLUMN certificate_no TEXT`,
  sql`CREATE UNIQUE INDEX disclosure_certificate_no ON disclosure(certificate_no) WHERE certificate_no IS NOT NULL`,
  sql`CREATE INDEX disclosure_status_signed_on ON disclosure(status, signed_on)`,
  sql`CREATE INDEX disclosure_created_at ON disclosure(created_at)`,

  sql`ALTER TABLE disclosure_item ADD COLUMN remarks TEXT NOT NULL DEFAULT '[]'`,
  sql`ALTER TABLE disclosure_item ADD COLUMN claimed_raw TEXT NOT NULL DEFAULT '{}'`,
  sql`ALTER TABLE disclosure_item ADD COLUMN source_row INTEGER`,
  sql`ALTER TABLE disclosure_item ADD COLUMN override_by TEXT`,
  sql`ALTER TABLE disclosure_item ADD COLUMN override_at TEXT`,
  // Which verifications cited an asset (the asset page can list them; deleting an asset keeps the snapshot).
  sql`CREATE INDEX disclosure_item_asset ON disclosure_item(asset_id) WHERE asset_id IS NOT NULL`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db)
}
