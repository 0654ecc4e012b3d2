import { sql, type Kysely } from 'kysely'

// Full-text search over the archive that finds 2-character Chinese terms (电池, 芯片).
//
// Why not the trigram tokenizer: it cannot match a term shorter than 3 characters from its index, and
// most Chinese search words are 2 characters. Why not a custom tokenizer: better-sqlite3 cannot register
// FTS5 tokenizers from JavaScript. So the text is pre-split in JavaScript (src-main/archive/search-text.ts):
// every run of Han characters becomes its overlapping bigrams plus the run's last character
// ('锂电池' → '锂电 电池 池'), other text stays as words; the plain unicode61 tokenizer then indexes those
// space-separated tokens. A query is split the same way and searched as a phrase, so '电池组' matches
// the adjacent tokens '电池 池组' — exactly the substring, nothing looser. The trailing unigram lets a
// 1-character query ('电*' as a prefix) find every occurrence, including the last character of a run.
//
// Keeping it in sync: triggers cannot call JavaScript, and SQL alone (no CTEs in triggers) cannot split
// text into bigrams at a useful speed. So pure-SQL triggers only queue the ids of assets whose searchable
// text changed (asset_search_pending: inserts, updates of searchable columns, deletes, inventor changes),
// and the search service indexes the queue before it answers (`syncSearchIndex`). Imports and the demo
// seed need no extra call, bulk writes stay cheap (one tiny insert per row), and a search never sees a
// stale index.
//
// The index is contentless (content='') — it stores no copy of the text, only the postings — with
// contentless_delete=1 so a changed asset can be removed by rowid (= ip_asset.id) and re-added.

const STATEMENTS = [
  sql`CREATE VIRTUAL TABLE asset_search USING fts5(
    title, people, abstract, codes,
    tokenize = 'unicode61 remove_diacritics 2',
    content = '', contentless_delete = 1
  )`,
  // Relevance: a hit in the title counts most, then inventors/applicants, numbers/IPC, the abstract.
  sql`INSERT INTO asset_search (asset_search, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 2.0)')`,
  sql`CREATE TABLE asset_search_pending (
    asset_id INTEGER PRIMARY KEY    -- no foreign key: a deleted asset is queued so its postings go too
  ) STRICT`,

  sql`CREATE TRIGGER ip_asset_search_insert AFTER INSERT ON ip_asset BEGIN
    INSERT OR IGNORE INTO asset_search_pending (asset_id) VALUES (new.id);
  END`,
  sql`CREATE TRIGGER ip_asset_search_update
    AFTER UPDATE OF title, abstract, applicants, current_owner, app_no, pub_no, grant_no, ipc_main, ipc_all ON ip_asset BEGIN
    INSERT OR IGNORE INTO asset_search_pending (asset_id) VALUES (new.id);
  END`,
  sql`CREATE TRIGGER ip_asset_search_delete AFTER DELETE ON ip_asset BEGIN
    INSERT OR IGNORE INTO asset_search_pending (asset_id) VALUES (old.id);
  END`,
  sql`CREATE TRIGGER asset_inventor_search_insert AFTER INSERT ON asset_inventor BEGIN
    INSERT OR IGNORE INTO asset_search_pending (asset_id) VALUES (new.asset_id);
  END`,
  sql`CREATE TRIGGER asset_inventor_search_update AFTER UPDATE OF raw_name, asset_id ON asset_inventor BEGIN
    INSERT OR IGNORE INTO asset_search_pending (asset_id) VALUES (new.asset_id);
    INSERT OR IGNORE INTO asset_search_pending (asset_id) VALUES (old.asset_id);
  END`,
  sql`CREATE TRIGGER asset_inventor_search_delete AFTER DELETE ON asset_inventor BEGIN
    INSERT OR IGNORE INTO asset_search_pending (asset_id) VALUES (old.asset_id);
  END`,
  // Assets written before this migration get indexed by the first search.
  sql`INSERT INTO asset_search_pending (asset_id) SELECT id FROM ip_asset`,

  // Sorting the browse list by title, and the due-soon view (valid, university-owned patents by kind).
  sql`CREATE INDEX ip_asset_title ON ip_asset(title)`,
  sql`CREATE INDEX ip_asset_owned_status_kind ON ip_asset(university_owned, status_group, kind, filing_date)`,
  // Browse filtered by status group and sorted by filing date (the most common combination).
  sql`CREATE INDEX ip_asset_status_filing ON ip_asset(status_group, filing_date)`,
  // Conversions listed across the archive, newest first.
  sql`CREATE INDEX conversion_date ON conversion(contract_date)`,
  // A researcher's portfolio and the link queue, in rank order.
  sql`CREATE INDEX asset_inventor_state_asset ON asset_inventor(link_state, asset_id, rank)`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db)
}
