import { sql, type Kysely } from 'kysely'

// The convertible-patent pool (可转化专利资源库, issue 9): inventory the university's patents in force,
// grade them (A 重点推广 / B 一般推广 / C 维持观察 / D 建议放弃) keeping every earlier grade, put graded
// patents into the pool, record promotion activities and enterprise interest, and keep the centre's own
// edition of the annuity fee table.
//
// Published open licences are NOT a table here: they are `conversion` rows (kind 'open_license', stage
// 'published'), so the archive, the annual report and the pool read one record of them.

const STATEMENTS = [
  // Every grading decision ever made. The one in force per asset has is_current = 1 (at most one, by the
  // partial unique index), so filtering 100k assets by grade is an index probe, and history is kept.
  sql`CREATE TABLE pool_grading (
    id INTEGER PRIMARY KEY,
    asset_id INTEGER NOT NULL REFERENCES ip_asset(id) ON DELETE CASCADE,
    grade TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
    reason TEXT NOT NULL CHECK (length(reason) > 0),
    scores TEXT NOT NULL DEFAULT '{}',        -- JSON {indicatorId: 1..5} (resources/pool/grading-indicators.json)
    total REAL,                               -- Σ weight × score / 5 when every indicator was scored
    graded_on TEXT NOT NULL,                  -- the day the grade was decided
    operator TEXT NOT NULL,
    batch TEXT,                               -- shared by the rows of one batch grading
    is_current INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
    created_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE UNIQUE INDEX pool_grading_current ON pool_grading(asset_id) WHERE is_current = 1`,
  sql`CREATE INDEX pool_grading_current_grade ON pool_grading(grade, asset_id) WHERE is_current = 1`,
  sql`CREATE INDEX pool_grading_asset ON pool_grading(asset_id, id)`,
  sql`CREATE INDEX pool_grading_date ON pool_grading(graded_on)`,

  // Pool membership over time: an entry is active while removed_on IS NULL (one active entry per asset).
  // Keeping removed entries lets the annual report say how big the pool was on any day.
  sql`CREATE TABLE pool_entry (
    id INTEGER PRIMARY KEY,
    asset_id INTEGER NOT NULL REFERENCES ip_asset(id) ON DELETE CASCADE,
    added_on TEXT NOT NULL,
    removed_on TEXT,
    removal_reason TEXT NOT NULL DEFAULT '',
    prospects TEXT NOT NULL DEFAULT '',       -- 产业化前景 (industrialisation note)
    target_industries TEXT NOT NULL DEFAULT '[]',  -- JSON array of industry names
    application_field TEXT NOT NULL DEFAULT '',    -- 应用领域 (brochure)
    open_licence_candidate INTEGER NOT NULL DEFAULT 0 CHECK (open_licence_candidate IN (0, 1)),
    operator TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (removed_on IS NULL OR removed_on >= added_on)
  ) STRICT`,
  sql`CREATE UNIQUE INDEX pool_entry_active ON pool_entry(asset_id) WHERE removed_on IS NULL`,
  sql`CREATE INDEX pool_entry_asset ON pool_entry(asset_id, added_on)`,
  sql`CREATE INDEX pool_entry_added ON pool_entry(added_on)`,

  // 路演 / 推介会 / 对接会 and the patents shown at each.
  sql`CREATE TABLE pool_promotion (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('roadshow', 'fair', 'matchmaking', 'other')),
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    organiser TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL DEFAULT '',
    attendees INTEGER CHECK (attendees >= 0),
    enterprises TEXT NOT NULL DEFAULT '[]',   -- JSON array: enterprises met
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX pool_promotion_held ON pool_promotion(held_on)`,
  sql`CREATE TABLE pool_promotion_asset (
    promotion_id INTEGER NOT NULL REFERENCES pool_promotion(id) ON DELETE CASCADE,
    asset_id INTEGER NOT NULL REFERENCES ip_asset(id) ON DELETE CASCADE,
    PRIMARY KEY (promotion_id, asset_id)
  ) STRICT, WITHOUT ROWID`,
  sql`CREATE INDEX pool_promotion_asset_asset ON pool_promotion_asset(asset_id)`,

  // Enterprises interested in a patent (potential licensee / buyer) and how far talks went.
  sql`CREATE TABLE pool_interest (
    id INTEGER PRIMARY KEY,
    asset_id INTEGER NOT NULL REFERENCES ip_asset(id) ON DELETE CASCADE,
    enterprise TEXT NOT NULL CHECK (length(enterprise) > 0),
    contact_person TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',         -- phone / e-mail
    stage TEXT NOT NULL CHECK (stage IN ('contacted', 'negotiating', 'intent', 'signed', 'dropped')),
    promotion_id INTEGER REFERENCES pool_promotion(id) ON DELETE SET NULL,
    noted_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX pool_interest_asset ON pool_interest(asset_id)`,
  sql`CREATE INDEX pool_interest_promotion ON pool_interest(promotion_id)`,

  // The centre's edition of the annuity fee table; the newest row is in force, none = the shipped
  // default (resources/pool/annuity-fees.json). Rows are never updated, so every edition is kept.
  sql`CREATE TABLE pool_fee_schedule (
    id INTEGER PRIMARY KEY,
    body TEXT NOT NULL,                       -- JSON, contract/pool.ts feeTableSchema
    origin TEXT NOT NULL CHECK (origin IN ('edited', 'default')),
    operator TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT`,

  // The inventory's base set (university-owned rights in force), read in pages straight off these
  // partial indexes: newest filing first, by college (学院), by main IPC (section/class prefix range) and
  // by expiry (remaining term). Their WHERE is ONE term, `(… AND …) IS TRUE`, which the inventory query
  // repeats verbatim (src-main/pool/inventory.ts BASE): written as two plain terms, the planner (which has
  // no statistics — nothing runs ANALYZE) would rather use status_group in an ordinary index and walk
  // every valid right of the archive to find one college's.
  sql`CREATE INDEX ip_asset_pool_inventory ON ip_asset(filing_date, id)
    WHERE (university_owned = 1 AND status_group = 'valid') IS TRUE`,
  sql`CREATE INDEX ip_asset_pool_college ON ip_asset(college, filing_date, id)
    WHERE (university_owned = 1 AND status_group = 'valid') IS TRUE`,
  sql`CREATE INDEX ip_asset_pool_ipc ON ip_asset(ipc_main)
    WHERE (university_owned = 1 AND status_group = 'valid') IS TRUE`,
  sql`CREATE INDEX ip_asset_pool_expiry ON ip_asset(expiry_date, id)
    WHERE (university_owned = 1 AND status_group = 'valid') IS TRUE`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db)
}
