import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../src-main/db/migrator'
import { MIGRATIONS } from '../../../src-main/db/migrations'
import type { DB } from '../../../src-main/db/schema'
import { onCleanup, tempDir } from '../helpers/temp'

describe('0013_import_row_sheet', () => {
  it('keeps every import row, with the batch’s own worksheet (""), and tells rows of two worksheets apart', async () => {
    const file = join(tempDir(), 'v12.sqlite')
    const sqlite = new Database(file)
    sqlite.pragma('foreign_keys = ON')
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
    onCleanup(() => db.destroy())
    await migrate(db, sqlite, file, MIGRATIONS.filter((m) => m.version < 13))
    sqlite
      .prepare("INSERT INTO import_batch (id, kind, file_name, file_sha256, operator, started_at, finished_at, sheet_name) VALUES (1, 'patents', '专利台账.xlsx', 'ab', '张老师', 'x', 'x', '发明')")
      .run()
    const add = sqlite.prepare("INSERT INTO import_row (batch_id, row_number, entity, entity_id, outcome, message) VALUES (1, ?, 'asset', ?, ?, ?)")
    add.run(2, 10, 'inserted', '')
    add.run(3, null, 'rejected', '申请号校验位错误')
    // Before: a second worksheet's row 2 collides with the first worksheet's.
    expect(() => add.run(2, 11, 'inserted', '')).toThrow(/UNIQUE|PRIMARY KEY/)

    await migrate(db, sqlite, file)
    expect(sqlite.pragma('user_version', { simple: true })).toBe(13)
    expect(sqlite.prepare('SELECT batch_id, sheet, row_number, entity_id, outcome, message FROM import_row ORDER BY row_number').all()).toEqual([
      { batch_id: 1, sheet: '', row_number: 2, entity_id: 10, outcome: 'inserted', message: '' },
      { batch_id: 1, sheet: '', row_number: 3, entity_id: null, outcome: 'rejected', message: '申请号校验位错误' },
    ])
    sqlite.prepare("INSERT INTO import_row (batch_id, row_number, entity, entity_id, outcome, sheet) VALUES (1, 2, 'asset', 11, 'inserted', '实用新型')").run()
    expect(() => sqlite.prepare("INSERT INTO import_row (batch_id, row_number, entity, entity_id, outcome, sheet) VALUES (1, 2, 'asset', 12, 'inserted', '实用新型')").run()).toThrow(
      /UNIQUE|PRIMARY KEY/,
    )
    // The asset page's history still finds an asset's rows by index; the batch still takes its rows with it.
    const plan = (sqlite.prepare("EXPLAIN QUERY PLAN SELECT * FROM import_row WHERE entity = 'asset' AND entity_id = 11").all() as { detail: string }[]).map((r) => r.detail).join('\n')
    expect(plan).toMatch(/USING INDEX import_row_entity \(entity=\? AND entity_id=\?\)/)
    sqlite.prepare('DELETE FROM import_batch WHERE id = 1').run()
    expect(sqlite.prepare('SELECT count(*) AS n FROM import_row').get()).toEqual({ n: 0 })
    expect(sqlite.pragma('foreign_key_check')).toEqual([])
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})
