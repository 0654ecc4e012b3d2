import type Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openArchive } from '../../../src-main/db/connection'
import { onCleanup, tempArchive, tempDir } from '../helpers/temp'

function plan(db: Database.Database, sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ')
}

describe('0007_archive_import', () => {
  it('adds import_row (STRICT), the import_batch provenance columns and asset_inventor.link_source', async () => {
    const archive = await tempArchive()
    const sql = (archive.sqlite.prepare("SELECT sql FROM sqlite_schema WHERE name = 'import_row'").get() as { sql: string }).sql
    expect(sql).toMatch(/\)\s*STRICT/)
    const batchCols = (archive.sqlite.prepare('PRAGMA table_info(import_batch)').all() as { name: string }[]).map((c) => c.name)
    expect(batchCols).toEqual(expect.arrayContaining(['header_row', 'mapping', 'sheet_name', 'encoding', 'skip_invalid']))
    const inventorCols = archive.sqlite.prepare('PRAGMA table_info(asset_inventor)').all() as { name: string; dflt_value: string | null }[]
    expect(inventorCols.find((c) => c.name === 'link_source')?.dflt_value).toBe("'auto'")
  })

  it('refuses values outside the checked sets and cascades import_row with its batch', async () => {
    const archive = await tempArchive()
    const db = archive.sqlite
    const at = '2024-01-01T00:00:00.000Z'
    const batch = Number(db.prepare("INSERT INTO import_batch (kind, file_name, file_sha256, started_at, finished_at) VALUES ('patents', 'a.xlsx', '', ?, ?)").run(at, at).lastInsertRowid)
    expect(() => db.prepare("UPDATE import_batch SET skip_invalid = 2 WHERE id = ?").run(batch)).toThrow(/CHECK/)
    db.prepare("INSERT INTO import_row (batch_id, row_number, entity, entity_id, outcome) VALUES (?, 2, 'asset', NULL, 'rejected')").run(batch)
    expect(() => db.prepare("INSERT INTO import_row (batch_id, row_number, entity, entity_id, outcome) VALUES (?, 3, 'asset', 1, 'merged')").run(batch)).toThrow(/CHECK/)
    expect(() => db.prepare("INSERT INTO import_row (batch_id, row_number, entity, entity_id, outcome) VALUES (?, 2, 'asset', 1, 'inserted')").run(batch)).toThrow(/UNIQUE|PRIMARY/)
    const asset = Number(
      db.prepare("INSERT INTO ip_asset (kind, app_no, title, created_at, updated_at) VALUES ('invention', '202310397744.0', 't', ?, ?)").run(at, at).lastInsertRowid,
    )
    db.prepare("INSERT INTO asset_inventor (asset_id, rank, raw_name) VALUES (?, 1, '王伟')").run(asset)
    expect(db.prepare('SELECT link_source FROM asset_inventor').get()).toEqual({ link_source: 'auto' })
    expect(() => db.prepare("UPDATE asset_inventor SET link_source = 'robot'").run()).toThrow(/CHECK/)
    db.prepare('DELETE FROM import_batch WHERE id = ?').run(batch)
    expect(db.prepare('SELECT count(*) AS n FROM import_row').get()).toEqual({ n: 0 })
  })

  it('upgrades an archive written before it, keeping its rows', async () => {
    const file = join(tempDir(), 'old.sqlite')
    const first = await openArchive(file)
    const at = '2024-01-01T00:00:00.000Z'
    first.sqlite.prepare("INSERT INTO ip_asset (kind, app_no, title, created_at, updated_at) VALUES ('invention', '202310397744.0', 't', ?, ?)").run(at, at)
    first.sqlite.prepare("INSERT INTO asset_inventor (asset_id, rank, raw_name, link_state) VALUES (1, 1, '王伟', 'confirmed')").run()
    await first.close()
    const again = await openArchive(file)
    onCleanup(() => again.close())
    expect(again.sqlite.prepare('SELECT raw_name, link_state, link_source FROM asset_inventor').get()).toEqual({ raw_name: '王伟', link_state: 'confirmed', link_source: 'auto' })
  })

  it("answers the import's hot look-ups from indexes", async () => {
    const archive = await tempArchive()
    const db = archive.sqlite
    expect(plan(db, 'SELECT * FROM ip_asset WHERE app_no = ?', 'x')).toMatch(/USING INDEX (ip_asset_app_no|sqlite_autoindex_ip_asset)/)
    expect(plan(db, 'SELECT * FROM ip_asset WHERE pub_no = ? UNION SELECT * FROM ip_asset WHERE grant_no = ?', 'x', 'x')).toMatch(
      /USING INDEX ip_asset_pub_no.*USING INDEX ip_asset_grant_no/s,
    )
    expect(plan(db, "SELECT * FROM import_row WHERE entity = 'asset' AND entity_id = ?", 1)).toMatch(/USING INDEX import_row_entity/)
    expect(plan(db, 'SELECT * FROM researcher WHERE staff_no = ?', 'x')).toMatch(/USING INDEX sqlite_autoindex_researcher/)
    expect(plan(db, 'SELECT * FROM project WHERE project_no = ?', 'x')).toMatch(/USING INDEX sqlite_autoindex_project/)
    expect(plan(db, 'SELECT * FROM asset_inventor WHERE asset_id = ? ORDER BY rank', 1)).toMatch(/SEARCH asset_inventor USING PRIMARY KEY/)
  })
})
