import { sql, type Kysely } from 'kysely'

// Two indexes of 0001 turned out to be leading parts of wider ones added since, which serve every query
// they served: ip_asset_owned (university_owned, kind) is the start of ip_asset_report_filing and
// ip_asset_report_grant (0004); asset_inventor_state (link_state) is the start of
// asset_inventor_state_asset (0002). Each index costs every insert and update of its table — a
// 100,000-row import maintains both a hundred thousand (ip_asset) and some three hundred thousand
// (asset_inventor) times — for no query it alone makes faster.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS ip_asset_owned`.execute(db)
  await sql`DROP INDEX IF EXISTS asset_inventor_state`.execute(db)
}
