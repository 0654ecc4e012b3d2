import { sql, type Kysely } from 'kysely'

// Counting the browse list under any mix of the simple filters (status group, kind, ownership, filing /
// grant year, college) without touching table rows: one narrow covering index holds every column those
// filters test, so archive/search.ts counts with `INDEXED BY ip_asset_filter_cover` — a search on its
// leading column when a status group is chosen, otherwise a scan of the index, never of the table (whose
// rows carry abstracts and are many times larger).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX ip_asset_filter_cover ON ip_asset(status_group, kind, university_owned, filing_date, grant_date, college)`.execute(db)
}
