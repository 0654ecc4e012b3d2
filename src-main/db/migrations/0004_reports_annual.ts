import { sql, type Kysely } from 'kysely'

// The annual report (DESIGN §5.3, issue 7):
//  - report_narrative: the IP manager's own text for section 六 (工作亮点、存在问题、下一步计划) of one
//    year's report, written in the app before exporting and kept with the archive;
//  - two indexes that make the patent figures index-only: counts by kind and filing date, and counts by
//    kind and grant date together with what "in force on 31 December" needs (expiry, status, status
//    date), for the university's own rights. On 100,000 rights the report stays well within seconds.

const STATEMENTS = [
  sql`CREATE TABLE report_narrative (
    year INTEGER PRIMARY KEY CHECK (year BETWEEN 1985 AND 2100),
    highlights TEXT NOT NULL DEFAULT '',      -- 工作亮点
    problems TEXT NOT NULL DEFAULT '',        -- 存在问题
    plans TEXT NOT NULL DEFAULT '',           -- 下一步计划
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX ip_asset_report_filing ON ip_asset(university_owned, kind, filing_date)`,
  sql`CREATE INDEX ip_asset_report_grant ON ip_asset(university_owned, kind, grant_date, expiry_date, status_group, status_date)`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db)
}
