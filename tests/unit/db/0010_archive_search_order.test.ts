import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { searchAssets } from '../../../src-main/archive/search'
import { KEY_BASE, searchKey, syncSearchIndex } from '../../../src-main/archive/search-index'
import { migrate } from '../../../src-main/db/migrator'
import { MIGRATIONS } from '../../../src-main/db/migrations'
import type { DB } from '../../../src-main/db/schema'
import { onCleanup, tempDir } from '../helpers/temp'

describe('0010_archive_search_order', () => {
  it('empties the index, queues every asset, and re-indexes under filing-date keys', async () => {
    const file = join(tempDir(), 'v9.sqlite')
    const sqlite = new Database(file)
    sqlite.pragma('foreign_keys = ON')
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
    onCleanup(() => db.destroy())
    await migrate(db, sqlite, file, MIGRATIONS.filter((m) => m.version < 10))
    sqlite.prepare("INSERT INTO ip_asset (id, kind, app_no, title, filing_date, created_at, updated_at) VALUES (5, 'invention', '202310397744.0', '一种锂离子电池', '2023-03-28', 'x', 'x')").run()
    // An 0009-era index: rowid = asset id.
    sqlite.prepare("INSERT INTO asset_search (rowid, title, people, abstract, codes) VALUES (5, '一种 种锂 锂离 离子 子电 电池 池', '', '', '')").run()
    sqlite.prepare('DELETE FROM asset_search_pending').run()

    await migrate(db, sqlite, file)
    expect(sqlite.prepare('SELECT count(*) AS n FROM asset_search').get()).toEqual({ n: 0 })
    expect(sqlite.prepare('SELECT asset_id FROM asset_search_pending').all()).toEqual([{ asset_id: 5 }])
    expect(await syncSearchIndex(db)).toBe(1)
    const key = searchKey('2023-03-28', 5)
    expect(key % KEY_BASE).toBe(5)
    expect(sqlite.prepare('SELECT rowid FROM asset_search').all()).toEqual([{ rowid: key }])
    expect(sqlite.prepare('SELECT asset_id, fts_rowid FROM asset_search_rowid').all()).toEqual([{ asset_id: 5, fts_rowid: key }])
    expect((await searchAssets(db, { q: '电池' })).items.map((i) => i.id)).toEqual([5])

    // A new filing date queues the asset (trigger) and moves its postings to the new key.
    sqlite.prepare("UPDATE ip_asset SET filing_date = '2024-01-02' WHERE id = 5").run()
    expect(await syncSearchIndex(db)).toBe(1)
    expect(sqlite.prepare('SELECT rowid FROM asset_search').all()).toEqual([{ rowid: searchKey('2024-01-02', 5) }])
    sqlite.prepare('DELETE FROM ip_asset WHERE id = 5').run()
    await syncSearchIndex(db)
    expect(sqlite.prepare('SELECT count(*) AS n FROM asset_search').get()).toEqual({ n: 0 })
    expect(sqlite.prepare('SELECT count(*) AS n FROM asset_search_rowid').get()).toEqual({ n: 0 })
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('orders keys by filing date, then id; unknown dates first', () => {
    expect(searchKey('2023-03-28', 9)).toBeLessThan(searchKey('2023-03-29', 1))
    expect(searchKey('2023-03-28', 1)).toBeLessThan(searchKey('2023-03-28', 2))
    expect(searchKey(null, 99_999_999)).toBeLessThan(searchKey('1985-04-01', 1))
    expect(searchKey('2023-02-30', 3)).toBe(3) // not a calendar day: treated as unknown
    expect(Number.isSafeInteger(searchKey('2199-12-31', KEY_BASE - 1))).toBe(true)
  })
})
