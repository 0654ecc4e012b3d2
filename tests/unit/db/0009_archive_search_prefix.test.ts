import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { searchAssets } from '../../../src-main/archive/search'
import { migrate } from '../../../src-main/db/migrator'
import { MIGRATIONS } from '../../../src-main/db/migrations'
import type { DB } from '../../../src-main/db/schema'
import { onCleanup, tempDir } from '../helpers/temp'

describe('0009_archive_search_prefix', () => {
  it('rebuilds the search index with a 1-character prefix index and queues every asset for it', async () => {
    const file = join(tempDir(), 'v8.sqlite')
    const sqlite = new Database(file)
    sqlite.pragma('foreign_keys = ON')
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
    onCleanup(() => db.destroy())
    await migrate(db, sqlite, file, MIGRATIONS.filter((m) => m.version < 9))
    sqlite.prepare("INSERT INTO ip_asset (kind, app_no, title, created_at, updated_at) VALUES ('invention', '202310397744.0', '一种锂离子电池', 'x', 'x')").run()
    expect(sqlite.prepare('SELECT count(*) AS n FROM asset_search_pending').get()).toEqual({ n: 1 })
    sqlite.prepare('DELETE FROM asset_search_pending').run() // as if an 0002-era search had indexed it

    await migrate(db, sqlite, file, MIGRATIONS.filter((m) => m.version <= 9))
    const ddl = (sqlite.prepare("SELECT sql FROM sqlite_schema WHERE name = 'asset_search'").get() as { sql: string }).sql
    expect(ddl).toMatch(/prefix = '1'/)
    expect(ddl).toMatch(/contentless_delete = 1/)
    expect(sqlite.prepare('SELECT count(*) AS n FROM asset_search_pending').get()).toEqual({ n: 1 })
    await migrate(db, sqlite, file)
    expect((await searchAssets(db, { q: '电' })).total).toBe(1)
    expect((await searchAssets(db, { q: '锂离子' })).total).toBe(1)
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})
