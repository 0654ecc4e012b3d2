import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { searchAssets } from '../../../src-main/archive/search'
import { syncSearchIndex } from '../../../src-main/archive/search-index'
import { migrate } from '../../../src-main/db/migrator'
import { MIGRATIONS } from '../../../src-main/db/migrations'
import type { DB } from '../../../src-main/db/schema'
import { onCleanup, tempArchive, tempDir } from '../helpers/temp'

describe('0002_archive_search', () => {
  it('creates the contentless FTS5 table, its queue, the triggers and the browse indexes', async () => {
    const archive = await tempArchive()
    const names = (archive.sqlite.prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").all() as { type: string; name: string }[]).map((r) => `${r.type}:${r.name}`)
    for (const expected of [
      'table:asset_search',
      'table:asset_search_pending',
      'trigger:ip_asset_search_insert',
      'trigger:ip_asset_search_update',
      'trigger:ip_asset_search_delete',
      'trigger:asset_inventor_search_insert',
      'trigger:asset_inventor_search_update',
      'trigger:asset_inventor_search_delete',
      'index:ip_asset_title',
      'index:ip_asset_status_filing',
      'index:ip_asset_owned_status_kind',
    ]) {
      expect(names).toContain(expected)
    }
    expect(archive.sqlite.prepare("SELECT sql FROM sqlite_schema WHERE name = 'asset_search_pending'").get()).toEqual({ sql: expect.stringMatching(/STRICT$/) })
  })

  it('queues only changes to searchable text, and every change to inventors', async () => {
    const archive = await tempArchive()
    const s = archive.sqlite
    const pending = () => (s.prepare('SELECT asset_id FROM asset_search_pending ORDER BY asset_id').all() as { asset_id: number }[]).map((r) => r.asset_id)
    s.prepare("INSERT INTO ip_asset (id, kind, app_no, title, created_at, updated_at) VALUES (7, 'invention', '202310397744.0', '一种电池', 'x', 'x')").run()
    expect(pending()).toEqual([7])
    await syncSearchIndex(archive.db)
    expect(pending()).toEqual([])
    s.prepare("UPDATE ip_asset SET status_group = 'valid', college = '材料学院' WHERE id = 7").run()
    expect(pending()).toEqual([])
    s.prepare("UPDATE ip_asset SET title = '一种钠电池' WHERE id = 7").run()
    expect(pending()).toEqual([7])
    await syncSearchIndex(archive.db)
    s.prepare("INSERT INTO asset_inventor (asset_id, rank, raw_name) VALUES (7, 1, '王伟')").run()
    expect(pending()).toEqual([7])
    await syncSearchIndex(archive.db)
    s.prepare("UPDATE asset_inventor SET link_state = 'confirmed' WHERE asset_id = 7").run()
    expect(pending()).toEqual([])
    s.prepare('DELETE FROM ip_asset WHERE id = 7').run()
    expect(pending()).toEqual([7])
    await syncSearchIndex(archive.db)
    expect(s.prepare('SELECT count(*) AS n FROM asset_search').get()).toEqual({ n: 0 })
  })

  it('upgrades an archive that already holds assets: they are found by the first search', async () => {
    const file = join(tempDir(), 'v1.sqlite')
    const sqlite = new Database(file)
    sqlite.pragma('foreign_keys = ON')
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
    onCleanup(() => db.destroy())
    await migrate(db, sqlite, file, MIGRATIONS.filter((m) => m.version < 2))
    sqlite.prepare("INSERT INTO ip_asset (kind, app_no, title, created_at, updated_at) VALUES ('invention', '202310397744.0', '一种锂离子电池', 'x', 'x')").run()
    await migrate(db, sqlite, file)
    expect(sqlite.prepare('SELECT count(*) AS n FROM asset_search_pending').get()).toEqual({ n: 1 })
    expect((await searchAssets(db, { q: '电池' })).total).toBe(1)
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})
