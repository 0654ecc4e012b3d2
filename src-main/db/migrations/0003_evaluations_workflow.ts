import { sql, type Kysely } from 'kysely'

// Pre-filing evaluations (DESIGN §5.2, issue 6): what the core `evaluation` table lacked.
//  - the project as written on the form (not every project is in the project table) and whether it is
//    fiscally funded (财政资助: NULL = not stated), which matters for the university's duties;
//  - `evaluated_on`, the evaluation's own date (评估日期): the annual statistics and the list's year
//    filter count by it, so it gets an index;
//  - the decision's note and who recorded it;
//  - suggestions the user rejected ("this patent is not what that evaluation became"), so they are not
//    offered again.

const STATEMENTS = [
  sql`ALTER TABLE evaluation ADD COLUMN project_name TEXT NOT NULL DEFAULT ''`,
  sql`ALTER TABLE evaluation ADD COLUMN fiscal_funded INTEGER CHECK (fiscal_funded IN (0, 1))`,
  sql`ALTER TABLE evaluation ADD COLUMN evaluated_on TEXT NOT NULL DEFAULT ''`,
  sql`ALTER TABLE evaluation ADD COLUMN decision_note TEXT NOT NULL DEFAULT ''`,
  sql`ALTER TABLE evaluation ADD COLUMN decided_by TEXT`,
  // Rows written before this migration are dated by when they were created.
  sql`UPDATE evaluation SET evaluated_on = substr(created_at, 1, 10) WHERE evaluated_on = ''`,
  sql`CREATE INDEX evaluation_evaluated_on ON evaluation(evaluated_on)`,
  sql`CREATE INDEX evaluation_filed_asset ON evaluation(filed_asset_id)`,
  sql`CREATE INDEX evaluation_filed_app_no ON evaluation(filed_app_no)`,
  sql`CREATE INDEX evaluation_by_template ON evaluation(template_id)`,

  sql`CREATE TABLE evaluation_link_dismissal (
    evaluation_id INTEGER NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
    asset_id INTEGER NOT NULL REFERENCES ip_asset(id) ON DELETE CASCADE,
    operator TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (evaluation_id, asset_id)
  ) STRICT, WITHOUT ROWID`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db)
}
