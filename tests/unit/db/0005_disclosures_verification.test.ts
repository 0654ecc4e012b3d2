import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../src-main/db/migrator'
import { MIGRATIONS } from '../../../src-main/db/migrations'
import type { DB } from '../../../src-main/db/schema'
import { onCleanup, tempDir } from '../helpers/temp'

describe('0005_disclosures_verification', () => {
  it('adds the verification columns to existing disclosures with their defaults, and the indexes', async () => {
    const file = join(tempDir(), 'a.sqlite')
    const sqlite = new Database(file)
    sqlite.pragma('foreign_keys = ON')
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
    onCleanup(() => db.destroy())
    await migrate(db, sqlite, file, MIGRATIONS.filter((m) => m.version < 5))
    const at = '2025-01-01T00:00:00.000Z'
    sqlite.prepare("INSERT INTO researcher (id, staff_no, name, created_at, updated_at) VALUES (1, '2005001', '张伟', ?, ?)").run(at, at)
    sqlite.prepare("INSERT INTO disclosure (id, researcher_id, purpose, created_at, updated_at) VALUES (1, 1, '考核', ?, ?)").run(at, at)
    sqlite.prepare("INSERT INTO disclosure_item (disclosure_id, seq, claimed_number) VALUES (1, 1, '202310397744.0')").run()

    await migrate(db, sqlite, file)
    expect(sqlite.prepare('SELECT researcher_snapshot, source_file, verified_at, signed_on, certificate_no FROM disclosure').get()).toEqual({
      researcher_snapshot: null,
      source_file: '',
      verified_at: null,
      signed_on: null,
      certificate_no: null,
    })
    expect(sqlite.prepare('SELECT remarks, claimed_raw, source_row, override_by, override_at FROM disclosure_item').get()).toEqual({
      remarks: '[]',
      claimed_raw: '{}',
      source_row: null,
      override_by: null,
      override_at: null,
    })
    const indexes = (sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('disclosure', 'disclosure_item')").all() as { name: string }[]).map((r) => r.name)
    expect(indexes).toEqual(expect.arrayContaining(['disclosure_certificate_no', 'disclosure_status_signed_on', 'disclosure_created_at', 'disclosure_item_asset']))

    // Certificate numbers are unique; unsigned disclosures have none and do not collide.
    sqlite.prepare("INSERT INTO disclosure (researcher_id, purpose, created_at, updated_at) VALUES (1, '考核', ?, ?)").run(at, at)
    sqlite.prepare("UPDATE disclosure SET certificate_no = 'HS20250001' WHERE id = 1").run()
    expect(() => sqlite.prepare("UPDATE disclosure SET certificate_no = 'HS20250001' WHERE id = 2").run()).toThrow(/UNIQUE/)
    // STRICT still holds for the new columns.
    expect(() => sqlite.prepare("UPDATE disclosure_item SET source_row = 'zwei'").run()).toThrow()
  })
})
