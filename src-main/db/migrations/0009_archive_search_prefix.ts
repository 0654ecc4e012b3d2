import { sql, type Kysely } from 'kysely'

// The search index of 0002_archive_search, rebuilt with a 1-character prefix index (prefix = '1').
//
// A 1-character query ('电') is a prefix query over every bigram that starts with that character
// ('电池', '电极', …; see archive/search-text.ts). Without a prefix index FTS5 expands it to hundreds
// of terms and merges their postings on every evaluation; with it, the prefix has postings of its own
// and a 1-character query costs what a 2-character one does. The index grows by about a sixth.
//
// Same columns, tokenizer, contentless layout and ranking as before; every asset is queued, so the
// first search after the upgrade indexes the archive again (archive/search.ts syncSearchIndex).

const STATEMENTS = [
  sql`DROP TABLE asset_search`,
  sql`CREATE VIRTUAL TABLE asset_search USING fts5(
    title, people, abstract, codes,
    tokenize = 'unicode61 remove_diacritics 2',
    content = '', contentless_delete = 1,
    prefix = '1'
  )`,
  sql`INSERT INTO asset_search (asset_search, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 2.0)')`,
  sql`INSERT OR IGNORE INTO asset_search_pending (asset_id) SELECT id FROM ip_asset`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db)
}
