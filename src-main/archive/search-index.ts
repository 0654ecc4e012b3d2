import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { inTransaction } from '../db/transaction'
import { parseIsoDate } from '../domain/term'
import { indexText } from './search-text'

// The archive's search index (the FTS5 table asset_search, design in db/migrations/0002_archive_search.ts,
// 0009 and 0010): kept in step with the archive. Triggers queue the id of every asset whose searchable text
// changes in asset_search_pending; syncSearchIndex indexes the queue, in batches, before a search answers
// (search.ts) or as a job with progress after a large import (archive:reindex).

/**
 * Assets (re)indexed per transaction. Each transaction leaves FTS5 at least one new segment, which later
 * writes merge again: SQLite's part of indexing 100,000 assets took 2.4 s in batches of 2,000, 2.2 s in
 * batches of 5,000 and 2.0 s in batches of 10,000 (rows in index-rowid order, see indexBatch). A batch of
 * 5,000 is about a quarter of a second of work — the longest a cancel waits, or anything else asked of the
 * archive meanwhile.
 */
export const SEARCH_SYNC_BATCH = 5000
/**
 * Rows per INSERT into the index. A statement that writes several rows opens a savepoint, and FTS5 writes
 * its pending postings out as a new segment at every savepoint: the fewer statements, the fewer segments
 * to merge. 1,000 rows (5,000 bound values; SQLite allows 32,766) indexed 100,000 assets as fast as 5,000
 * did; 200 took 1.9 s of SQLite where 1,000 take 1.6 s.
 */
const INSERT_CHUNK = 1000

/** asset id = index rowid % KEY_BASE (migration 0010_archive_search_order). */
export const KEY_BASE = 100_000_000
const DAY_MS = 86_400_000
const DAY_ZERO = Date.UTC(1900, 0, 1)

/**
 * The index rowid of an asset: days from 1900-01-01 to its filing date × 10^8 + its id, so rowid order is
 * (filing date, id) order; an unknown (or unreadable) filing date sorts as day 0, i.e. last when newest-first.
 */
export function searchKey(filingDate: string | null, id: number): number {
  const d = filingDate ? parseIsoDate(filingDate) : null
  const day = d ? Math.max(1, Math.round((Date.UTC(d.y, d.m - 1, d.d) - DAY_ZERO) / DAY_MS)) : 0
  return day * KEY_BASE + id
}

export interface SyncOptions {
  /** Called after each batch with the assets indexed so far and the queue length at the start. */
  progress?: (done: number, total: number) => void
  /** Awaited between batches (a job yields to the event loop there and honours cancel). */
  checkpoint?: () => Promise<void>
}

/** Assets waiting to be (re)indexed. */
export async function pendingSearchIndex(db: Kysely<DB>): Promise<number> {
  return Number((await sql<{ n: number }>`SELECT count(*) AS n FROM asset_search_pending`.execute(db)).rows[0]?.n ?? 0)
}

/**
 * Index the assets queued by the triggers (inserted, edited, deleted, inventors changed). Cheap when the
 * queue is empty (one indexed probe), so every search calls it first and never sees a stale index.
 * Each batch is its own transaction (inside the caller's, if there is one): an interrupted run keeps the
 * batches it finished, and the rest stays queued. Returns how many assets were (re)indexed.
 */
export async function syncSearchIndex(db: Kysely<DB>, options: SyncOptions = {}): Promise<number> {
  const probe = await sql<{ asset_id: number }>`SELECT asset_id FROM asset_search_pending LIMIT 1`.execute(db)
  if (!probe.rows.length) return 0
  const total = options.progress ? await pendingSearchIndex(db) : 0
  let done = 0
  let after = 0
  for (;;) {
    await options.checkpoint?.()
    const batch = await inTransaction(db, (trx) => indexBatch(trx, after))
    if (!batch) break
    after = batch.last
    done += batch.count
    options.progress?.(Math.min(done, total), total)
  }
  return done
}

/** Index the next batch of queued assets with ids above `after`; null when the queue has none left. */
async function indexBatch(trx: Kysely<DB>, after: number): Promise<{ last: number; count: number } | null> {
  const ids = (
    await sql<{ asset_id: number }>`SELECT asset_id FROM asset_search_pending WHERE asset_id > ${after} ORDER BY asset_id LIMIT ${SEARCH_SYNC_BATCH}`.execute(trx)
  ).rows.map((r) => r.asset_id)
  if (!ids.length) return null
  const first = ids[0]!
  const last = ids[ids.length - 1]!
  const assets = await trx
    .selectFrom('ip_asset')
    .select(['id', 'filing_date', 'title', 'abstract', 'applicants', 'current_owner', 'app_no', 'pub_no', 'grant_no', 'ipc_all', 'ipc_main'])
    .where('id', '>=', first)
    .where('id', '<=', last)
    .where('id', 'in', ids)
    .execute()
  const inventors = await trx
    .selectFrom('asset_inventor')
    .select(['asset_id', 'raw_name'])
    .where('asset_id', '>=', first)
    .where('asset_id', '<=', last)
    .orderBy('asset_id')
    .orderBy('rank')
    .execute()
  const namesOf = new Map<number, string[]>()
  for (const inv of inventors) {
    const list = namesOf.get(inv.asset_id)
    if (list) list.push(inv.raw_name)
    else namesOf.set(inv.asset_id, [inv.raw_name])
  }
  // Remove the postings under the key each asset was indexed with (its filing date may have changed).
  const oldKeys = await trx.selectFrom('asset_search_rowid').select('fts_rowid').where('asset_id', 'in', ids).execute()
  if (oldKeys.length) await sql`DELETE FROM asset_search WHERE rowid IN (${sql.join(oldKeys.map((k) => k.fts_rowid))})`.execute(trx)
  await trx.deleteFrom('asset_search_rowid').where('asset_id', 'in', ids).execute()
  // In index-rowid order: FTS5 writes out its pending postings as a new segment whenever a rowid is not
  // larger than the last one written — in asset-id order (filing dates in any order) that was nearly
  // every row, and merging those segments again was most of the time a large batch took.
  const keyed = assets.map((a) => ({ a, key: searchKey(a.filing_date, a.id) })).sort((x, y) => x.key - y.key)
  // The keys first, then the postings with no other statement between them: every statement that
  // writes several rows opens a savepoint, at which FTS5 writes out what it holds (see INSERT_CHUNK).
  for (let i = 0; i < keyed.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('asset_search_rowid')
      .values(keyed.slice(i, i + INSERT_CHUNK).map(({ a, key }) => ({ asset_id: a.id, fts_rowid: key })))
      .execute()
  }
  for (let i = 0; i < keyed.length; i += INSERT_CHUNK) {
    const rows = keyed.slice(i, i + INSERT_CHUNK).map(({ a, key }) => {
      const people = [...(namesOf.get(a.id) ?? []), a.applicants, a.current_owner === a.applicants ? '' : a.current_owner]
      const codes = [a.app_no, a.app_no.replace('.', ''), a.pub_no, a.grant_no, a.ipc_main, a.ipc_all]
      return sql`(${key}, ${indexText(a.title)}, ${indexText(people.join(' '))}, ${indexText(a.abstract)}, ${indexText(codes.filter(Boolean).join(' '))})`
    })
    await sql`INSERT INTO asset_search (rowid, title, people, abstract, codes) VALUES ${sql.join(rows)}`.execute(trx)
  }
  await sql`DELETE FROM asset_search_pending WHERE asset_id >= ${first} AND asset_id <= ${last}`.execute(trx)
  return { last, count: ids.length }
}
