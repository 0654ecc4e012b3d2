import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../src-main/db/migrations'
import { migrate } from '../../../src-main/db/migrator'
import type { DB } from '../../../src-main/db/schema'
import { onCleanup, tempArchive, tempDir } from '../helpers/temp'

describe('0003_evaluations_workflow', () => {
  it('adds the evaluation columns and dates evaluations written before it by their creation', async () => {
    const file = join(tempDir(), 'old.sqlite')
    const sqlite = new Database(file)
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
    onCleanup(() => db.destroy())
    await migrate(db, sqlite, file, MIGRATIONS.filter((m) => m.version < 3))
    sqlite.prepare("INSERT INTO evaluation_template (version, name, body, created_at) VALUES (1, 't', '{}', '2024-01-01T00:00:00Z')").run()
    sqlite.prepare("INSERT INTO evaluation (title, template_id, created_at, updated_at) VALUES ('旧评估', 1, '2024-06-30T23:00:00Z', '2024-06-30T23:00:00Z')").run()

    await migrate(db, sqlite, file, MIGRATIONS.filter((m) => m.version <= 3))
    expect(sqlite.pragma('user_version', { simple: true })).toBe(3)
    const row = sqlite.prepare('SELECT project_name, fiscal_funded, evaluated_on, decision_note, decided_by FROM evaluation').get()
    expect(row).toEqual({ project_name: '', fiscal_funded: null, evaluated_on: '2024-06-30', decision_note: '', decided_by: null })
    expect(() => sqlite.prepare('UPDATE evaluation SET fiscal_funded = 2').run()).toThrow(/CHECK/)
  })

  it('keeps dismissed link suggestions per evaluation and asset, removed with either', async () => {
    const archive = await tempArchive()
    const { sqlite } = archive
    const sqlOf = (name: string) => (sqlite.prepare("SELECT sql FROM sqlite_schema WHERE name = ?").get(name) as { sql: string }).sql
    expect(sqlOf('evaluation_link_dismissal')).toMatch(/STRICT/)
    const now = '2025-01-01T00:00:00Z'
    sqlite.prepare("INSERT INTO evaluation_template (version, name, body, created_at) VALUES (1, 't', '{}', ?)").run(now)
    const e = sqlite.prepare("INSERT INTO evaluation (title, template_id, created_at, updated_at) VALUES ('x', 1, ?, ?)").run(now, now).lastInsertRowid
    const a = sqlite.prepare("INSERT INTO ip_asset (kind, app_no, title, created_at, updated_at) VALUES ('invention', '202310397744.0', 'y', ?, ?)").run(now, now).lastInsertRowid
    const insert = sqlite.prepare('INSERT INTO evaluation_link_dismissal (evaluation_id, asset_id, operator, dismissed_at) VALUES (?, ?, ?, ?)')
    insert.run(e, a, '王馆员', now)
    expect(() => insert.run(e, a, '王馆员', now)).toThrow(/UNIQUE|PRIMARY/)
    expect(() => insert.run(e, 999, '王馆员', now)).toThrow(/FOREIGN KEY/)
    sqlite.prepare('DELETE FROM ip_asset WHERE id = ?').run(a)
    expect(sqlite.prepare('SELECT count(*) AS n FROM evaluation_link_dismissal').get()).toEqual({ n: 0 })
  })

  it('serves the annual statistics and the year filter from the evaluated_on index', async () => {
    const { sqlite } = await tempArchive()
    const plan = (sqlite.prepare("EXPLAIN QUERY PLAN SELECT status, grade FROM evaluation WHERE evaluated_on >= '2025-01-01' AND evaluated_on <= '2025-12-31'").all() as { detail: string }[])
      .map((r) => r.detail)
      .join('\n')
    expect(plan).toMatch(/USING INDEX evaluation_evaluated_on/)
    const linked = (sqlite.prepare("EXPLAIN QUERY PLAN SELECT id FROM evaluation WHERE filed_app_no = '202310397744.0'").all() as { detail: string }[]).map((r) => r.detail).join('\n')
    expect(linked).toMatch(/USING (COVERING )?INDEX evaluation_filed_app_no/)
  })
})
