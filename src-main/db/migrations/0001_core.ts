import { sql, type Kysely } from 'kysely'
import catalog from '../../../resources/data/discipline_catalog_2022.json'

// The core schema of DESIGN §3. Conventions: every table STRICT; dates are ISO 'YYYY-MM-DD' text
// (timestamps ISO 8601 UTC); booleans are INTEGER 0/1; money is stored in 元 as INTEGER (reports show
// 万元 with two decimals); enumerations are short English codes checked here, with their Chinese labels
// kept in the contract so the UI and the reports say the same thing.
//
// Migrations receive Kysely<any> on purpose: they describe history, and must keep compiling after the
// typed schema in ../schema.ts has moved on.

interface CatalogItem {
  code: string
  name: string
  type: 'academic' | 'professional'
  doctoral?: boolean
}
interface Catalog {
  categories: { code: string; name: string; items: CatalogItem[] }[]
}

const TABLES = [
  sql`CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,            -- JSON
    updated_at TEXT NOT NULL
  ) STRICT`,

  sql`CREATE TABLE discipline (
    code TEXT PRIMARY KEY,          -- 01 (门类), 0812 (一级学科), 0854 (专业学位类别)
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('category', 'first_level', 'professional')),
    category_code TEXT NOT NULL,
    doctoral INTEGER CHECK (doctoral IN (0, 1))   -- professional degrees only; NULL = not stated
  ) STRICT`,

  sql`CREATE TABLE import_batch (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('patents', 'researchers', 'projects', 'services', 'disclosure', 'demo')),
    file_name TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    dialect TEXT,                   -- detected export dialect, when known
    rows INTEGER NOT NULL DEFAULT 0,
    inserted INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    operator TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL
  ) STRICT`,

  sql`CREATE TABLE researcher (
    id INTEGER PRIMARY KEY,
    staff_no TEXT NOT NULL UNIQUE,  -- 工号
    name TEXT NOT NULL,
    name_initials TEXT NOT NULL DEFAULT '',   -- pinyin initials for type-ahead (张三 → zs)
    college TEXT NOT NULL DEFAULT '',         -- 学院/单位
    discipline_code TEXT REFERENCES discipline(code),
    title TEXT NOT NULL DEFAULT '',           -- 职称
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    joined_on TEXT,                 -- 入职/离职: narrow namesakes by date where known
    left_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX researcher_name ON researcher(name)`,
  sql`CREATE INDEX researcher_college ON researcher(college)`,

  sql`CREATE TABLE project (
    id INTEGER PRIMARY KEY,
    project_no TEXT NOT NULL UNIQUE,          -- 项目编号
    name TEXT NOT NULL,
    funder TEXT NOT NULL DEFAULT '',          -- 来源/资助机构
    level TEXT NOT NULL DEFAULT 'other' CHECK (level IN ('national', 'provincial', 'industry', 'university', 'other')),
    fiscal_funded INTEGER NOT NULL DEFAULT 0 CHECK (fiscal_funded IN (0, 1)),   -- 财政资助
    start_date TEXT,
    end_date TEXT,
    pi_researcher_id INTEGER REFERENCES researcher(id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX project_pi ON project(pi_researcher_id)`,

  sql`CREATE TABLE ip_asset (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('invention', 'utility', 'design', 'software', 'ic_layout',
                                       'plant_variety', 'trademark', 'geo_indication')),
    app_no TEXT NOT NULL,           -- normalised application / registration number
    filing_date TEXT,
    pub_no TEXT,
    pub_date TEXT,
    grant_no TEXT,
    grant_date TEXT,
    title TEXT NOT NULL,
    applicants TEXT NOT NULL DEFAULT '',      -- as listed, '; '-joined, original order
    current_owner TEXT NOT NULL DEFAULT '',
    university_owned INTEGER NOT NULL DEFAULT 0 CHECK (university_owned IN (0, 1)),
    ipc_main TEXT,
    ipc_all TEXT NOT NULL DEFAULT '',         -- '; '-joined
    status_group TEXT NOT NULL DEFAULT 'unknown' CHECK (status_group IN ('valid', 'pending', 'lapsed', 'unknown')),
    status_event TEXT NOT NULL DEFAULT '',    -- normalised detailed event (e.g. 未缴年费终止失效)
    status_raw TEXT NOT NULL DEFAULT '',      -- the export's own text, kept verbatim
    status_date TEXT,
    status_recoverable INTEGER NOT NULL DEFAULT 0 CHECK (status_recoverable IN (0, 1)),
    expiry_date TEXT,               -- computed from filing date and kind
    abstract TEXT NOT NULL DEFAULT '',
    college TEXT NOT NULL DEFAULT '',
    source_batch_id INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
    manual_fields TEXT NOT NULL DEFAULT '[]', -- JSON: fields a librarian edited; re-imports keep them
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (kind, app_no)
  ) STRICT`,
  sql`CREATE INDEX ip_asset_app_no ON ip_asset(app_no)`,
  sql`CREATE INDEX ip_asset_kind_filing ON ip_asset(kind, filing_date)`,
  sql`CREATE INDEX ip_asset_filing ON ip_asset(filing_date)`,
  sql`CREATE INDEX ip_asset_grant ON ip_asset(grant_date)`,
  sql`CREATE INDEX ip_asset_status ON ip_asset(status_group, expiry_date)`,
  sql`CREATE INDEX ip_asset_owned ON ip_asset(university_owned, kind)`,
  sql`CREATE INDEX ip_asset_college ON ip_asset(college)`,
  sql`CREATE INDEX ip_asset_pub_no ON ip_asset(pub_no)`,
  sql`CREATE INDEX ip_asset_grant_no ON ip_asset(grant_no)`,

  sql`CREATE TABLE asset_inventor (
    asset_id INTEGER NOT NULL REFERENCES ip_asset(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL CHECK (rank >= 1),  -- 1 = 第一发明人
    raw_name TEXT NOT NULL,
    researcher_id INTEGER REFERENCES researcher(id) ON DELETE SET NULL,
    link_state TEXT NOT NULL DEFAULT 'external'
      CHECK (link_state IN ('confirmed', 'suggested', 'ambiguous', 'external')),
    candidates TEXT NOT NULL DEFAULT '[]',    -- JSON researcher ids when ambiguous
    PRIMARY KEY (asset_id, rank)
  ) STRICT, WITHOUT ROWID`,
  sql`CREATE INDEX asset_inventor_researcher ON asset_inventor(researcher_id)`,
  sql`CREATE INDEX asset_inventor_name ON asset_inventor(raw_name)`,
  sql`CREATE INDEX asset_inventor_state ON asset_inventor(link_state)`,

  sql`CREATE TABLE asset_project (
    asset_id INTEGER NOT NULL REFERENCES ip_asset(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    PRIMARY KEY (asset_id, project_id)
  ) STRICT, WITHOUT ROWID`,
  sql`CREATE INDEX asset_project_project ON asset_project(project_id)`,

  sql`CREATE TABLE asset_discipline (
    asset_id INTEGER NOT NULL REFERENCES ip_asset(id) ON DELETE CASCADE,
    discipline_code TEXT NOT NULL REFERENCES discipline(code),
    source TEXT NOT NULL DEFAULT 'derived' CHECK (source IN ('derived', 'manual')),
    PRIMARY KEY (asset_id, discipline_code)
  ) STRICT, WITHOUT ROWID`,
  sql`CREATE INDEX asset_discipline_code ON asset_discipline(discipline_code)`,

  sql`CREATE TABLE conversion (
    id INTEGER PRIMARY KEY,
    asset_id INTEGER NOT NULL REFERENCES ip_asset(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('transfer', 'license', 'open_license', 'equity', 'pledge')),
    -- open licences: 'published' (声明发布) or 'implemented' (达成实施); NULL for other kinds
    stage TEXT CHECK (stage IN ('published', 'implemented')),
    counterparty TEXT NOT NULL DEFAULT '',
    contract_date TEXT,
    start_date TEXT,
    end_date TEXT,
    contract_amount_yuan INTEGER CHECK (contract_amount_yuan >= 0),
    received_amount_yuan INTEGER CHECK (received_amount_yuan >= 0),
    recorded INTEGER NOT NULL DEFAULT 0 CHECK (recorded IN (0, 1)),   -- 已在国家知识产权局备案
    note TEXT NOT NULL DEFAULT '',
    source_batch_id INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX conversion_asset ON conversion(asset_id)`,
  sql`CREATE INDEX conversion_kind_date ON conversion(kind, contract_date)`,

  sql`CREATE TABLE service_record (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('consultation', 'training', 'report', 'navigation', 'warning')),
    date TEXT NOT NULL,
    channel TEXT CHECK (channel IN ('window', 'phone', 'online', 'event')),
    requester_type TEXT CHECK (requester_type IN ('teacher', 'student', 'enterprise', 'public', 'department')),
    requester_name TEXT NOT NULL DEFAULT '',
    requester_researcher_id INTEGER REFERENCES researcher(id) ON DELETE SET NULL,
    college TEXT NOT NULL DEFAULT '',
    topic TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',          -- JSON free tags
    question TEXT NOT NULL DEFAULT '',
    answer TEXT NOT NULL DEFAULT '',
    staff TEXT NOT NULL DEFAULT '',
    duration_min INTEGER CHECK (duration_min >= 0),
    follow_up_date TEXT,
    follow_up_done INTEGER NOT NULL DEFAULT 0 CHECK (follow_up_done IN (0, 1)),
    -- training / lecture
    title TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL DEFAULT '',
    attendees INTEGER CHECK (attendees >= 0),
    hours REAL CHECK (hours >= 0),
    organiser TEXT NOT NULL DEFAULT '',
    -- reports delivered (检索/查新/分析/FTO/侵权检索 ...)
    report_kind TEXT NOT NULL DEFAULT '',
    delivered_date TEXT,
    pages INTEGER CHECK (pages >= 0),
    -- navigation / warning projects
    team TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    end_date TEXT,
    source_batch_id INTEGER REFERENCES import_batch(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX service_record_kind_date ON service_record(kind, date)`,
  sql`CREATE INDEX service_record_date ON service_record(date)`,
  sql`CREATE INDEX service_record_requester ON service_record(requester_researcher_id)`,
  sql`CREATE INDEX service_record_follow_up ON service_record(follow_up_done, follow_up_date)`,

  sql`CREATE TABLE service_link (
    service_id INTEGER NOT NULL REFERENCES service_record(id) ON DELETE CASCADE,
    researcher_id INTEGER REFERENCES researcher(id) ON DELETE CASCADE,
    asset_id INTEGER REFERENCES ip_asset(id) ON DELETE CASCADE,
    CHECK ((researcher_id IS NULL) <> (asset_id IS NULL))
  ) STRICT`,
  sql`CREATE INDEX service_link_service ON service_link(service_id)`,
  sql`CREATE INDEX service_link_researcher ON service_link(researcher_id)`,
  sql`CREATE INDEX service_link_asset ON service_link(asset_id)`,

  sql`CREATE TABLE disclosure (
    id INTEGER PRIMARY KEY,
    researcher_id INTEGER NOT NULL REFERENCES researcher(id),
    purpose TEXT NOT NULL,          -- 职称评审 / 考核 / 项目结题 / 奖励申报 / 职务科技成果披露 / ...
    period_from TEXT,
    period_to TEXT,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
    signed_by TEXT,
    signed_at TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX disclosure_researcher ON disclosure(researcher_id, created_at)`,

  sql`CREATE TABLE disclosure_item (
    id INTEGER PRIMARY KEY,
    disclosure_id INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    claimed_kind TEXT NOT NULL DEFAULT '',
    claimed_number TEXT NOT NULL DEFAULT '',
    claimed_title TEXT NOT NULL DEFAULT '',
    claimed_rank INTEGER,
    claimed_status TEXT CHECK (claimed_status IN ('applied', 'granted', 'registered')),
    claimed_date TEXT,
    asset_id INTEGER REFERENCES ip_asset(id) ON DELETE SET NULL,
    verdict TEXT CHECK (verdict IN ('consistent', 'inconsistent', 'not_found', 'invalid_number')),
    discrepancies TEXT NOT NULL DEFAULT '[]', -- JSON codes
    suggestion TEXT,                -- JSON
    evidence TEXT,                  -- JSON snapshot of the archive record when verified
    override_verdict TEXT CHECK (override_verdict IN ('consistent', 'inconsistent', 'not_found', 'invalid_number')),
    override_reason TEXT,
    note TEXT NOT NULL DEFAULT '',
    verified_at TEXT,
    operator TEXT,
    UNIQUE (disclosure_id, seq)
  ) STRICT`,

  sql`CREATE TABLE evaluation_template (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL,
    body TEXT NOT NULL,             -- JSON: dimensions, indicators, weights, anchors, grade thresholds
    created_at TEXT NOT NULL
  ) STRICT`,

  sql`CREATE TABLE evaluation (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    inventors TEXT NOT NULL DEFAULT '[]',     -- JSON [{researcherId?, name, external}]
    project_id INTEGER REFERENCES project(id) ON DELETE SET NULL,
    tech_field TEXT NOT NULL DEFAULT '',
    ipc_suggested TEXT,
    disclosure_date TEXT,
    prior_art_summary TEXT NOT NULL DEFAULT '',
    template_id INTEGER NOT NULL REFERENCES evaluation_template(id),
    scores TEXT NOT NULL DEFAULT '{}',        -- JSON {indicatorId: {score, comment}}
    total REAL,
    grade TEXT CHECK (grade IN ('A', 'B', 'C', 'D')),
    recommendation TEXT,
    reviewers TEXT NOT NULL DEFAULT '[]',     -- JSON [{name, opinion, date}]
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'reviewed', 'decided')),
    decision TEXT,
    decision_date TEXT,
    filed_app_no TEXT,
    filed_asset_id INTEGER REFERENCES ip_asset(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX evaluation_status ON evaluation(status, created_at)`,

  // Append-only, hash-chained: hash = sha256(prev_hash || canonical entry), so a silent edit of any
  // earlier row breaks every later hash.
  sql`CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    operator TEXT NOT NULL,
    action TEXT NOT NULL,           -- create / update / delete / import / link / sign / decide / settings / ...
    entity TEXT NOT NULL,
    entity_id TEXT,
    before TEXT,                    -- JSON
    after TEXT,                     -- JSON
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  ) STRICT`,
  sql`CREATE INDEX audit_log_entity ON audit_log(entity, entity_id)`,
  sql`CREATE INDEX audit_log_at ON audit_log(at)`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of TABLES) await statement.execute(db)

  const rows: { code: string; name: string; level: string; category_code: string; doctoral: number | null }[] = []
  for (const category of (catalog as Catalog).categories) {
    rows.push({ code: category.code, name: category.name, level: 'category', category_code: category.code, doctoral: null })
    for (const item of category.items) {
      rows.push({
        code: item.code,
        name: item.name,
        level: item.type === 'academic' ? 'first_level' : 'professional',
        category_code: category.code,
        doctoral: item.doctoral === undefined ? null : item.doctoral ? 1 : 0,
      })
    }
  }
  await db.insertInto('discipline').values(rows).execute()
}
