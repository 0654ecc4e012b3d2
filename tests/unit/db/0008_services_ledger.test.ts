import { describe, expect, it } from 'vitest'
import { tempArchive } from '../helpers/temp'

describe('0008_services_ledger', () => {
  it('adds the draft table (STRICT, slots checked) and the import key (unique when set)', async () => {
    const archive = await tempArchive()
    const draft = archive.sqlite.prepare("SELECT sql FROM sqlite_schema WHERE name = 'service_draft'").get() as { sql: string }
    expect(draft.sql).toMatch(/\)\s*STRICT/)
    const put = archive.sqlite.prepare("INSERT INTO service_draft (slot, payload, updated_at) VALUES (?, '{}', '2024-01-01T00:00:00Z')")
    put.run('new')
    put.run('edit-12')
    expect(() => put.run('edit-')).toThrow(/CHECK/)
    expect(() => put.run('anything')).toThrow(/CHECK/)
    expect(() => put.run('new')).toThrow(/UNIQUE|PRIMARY/)

    const insert = archive.sqlite.prepare("INSERT INTO service_record (kind, date, import_key, created_at, updated_at) VALUES ('consultation', '2024-01-02', ?, 'x', 'x')")
    insert.run(null)
    insert.run(null)
    insert.run('abc#1')
    expect(() => insert.run('abc#1')).toThrow(/UNIQUE/)
    const indexes = (archive.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'service_record'").all() as { name: string }[]).map((r) => r.name)
    expect(indexes).toEqual(expect.arrayContaining(['service_record_import_key', 'service_record_college', 'service_record_staff']))
  })
})
