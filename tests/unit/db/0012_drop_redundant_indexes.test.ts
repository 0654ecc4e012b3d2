import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../src-main/db/migrator'
import { MIGRATIONS } from '../../../src-main/db/migrations'
import type { DB } from '../../../src-main/db/schema'
import { onCleanup, tempDir } from '../helpers/temp'

const indexNames = (sqlite: Database.Database) =>
  (sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name)

const plan = (sqlite: Database.Database, query: string) =>
  (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join('\n')

describe('0012_drop_redundant_indexes', () => {
  it('drops the two indexes that lead wider ones; the queries they served use the wider ones', async () => {
    const file = join(tempDir(), 'v11.sqlite')
    const sqlite = new Database(file)
    sqlite.pragma('foreign_keys = ON')
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
    onCleanup(() => db.destroy())
    await migrate(db, sqlite, file, MIGRATIONS.filter((m) => m.version < 12))
    const before = indexNames(sqlite)
    expect(before).toEqual(expect.arrayContaining(['ip_asset_owned', 'asset_inventor_state']))
    sqlite.prepare("INSERT INTO ip_asset (id, kind, app_no, title, university_owned, created_at, updated_at) VALUES (1, 'invention', '202310397744.0', '一种锂离子电池', 1, 'x', 'x')").run()
    sqlite.prepare("INSERT INTO asset_inventor (asset_id, rank, raw_name, link_state) VALUES (1, 1, '张三', 'suggested')").run()

    await migrate(db, sqlite, file, MIGRATIONS.filter((m) => m.version <= 12))
    expect(sqlite.pragma('user_version', { simple: true })).toBe(12)
    expect(indexNames(sqlite)).toEqual(before.filter((n) => n !== 'ip_asset_owned' && n !== 'asset_inventor_state'))
    // What the dropped indexes were for: owned rights by kind, inventor links by state.
    expect(plan(sqlite, "SELECT kind, count(*) FROM ip_asset WHERE university_owned = 1 AND kind = 'invention'")).toMatch(
      /SEARCH ip_asset USING COVERING INDEX ip_asset_report_(filing|grant) \(university_owned=\? AND kind=\?\)/,
    )
    expect(plan(sqlite, "SELECT count(*) FROM asset_inventor WHERE link_state = 'suggested'")).toMatch(
      /SEARCH asset_inventor USING COVERING INDEX asset_inventor_state_asset \(link_state=\?\)/,
    )
    expect(sqlite.prepare('SELECT count(*) AS n FROM asset_inventor WHERE link_state = ?').get('suggested')).toEqual({ n: 1 })
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})
