import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openArchive } from '../../../src-main/db/connection'
import { onCleanup, tempArchive, tempDir } from '../helpers/temp'

describe('0004_reports_annual', () => {
  it('adds report_narrative (STRICT, one row per year, year checked) and the two report indexes', async () => {
    const archive = await tempArchive()
    const db = archive.sqlite
    const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'report_narrative'").get() as { sql: string }).sql
    expect(sql).toMatch(/\)\s*STRICT/)
    const at = '2025-01-01T00:00:00.000Z'
    const insert = db.prepare("INSERT INTO report_narrative (year, highlights, updated_at, updated_by) VALUES (?, ?, ?, '王老师')")
    insert.run(2025, '亮点', at)
    expect(db.prepare('SELECT year, highlights, problems, plans FROM report_narrative').get()).toEqual({ year: 2025, highlights: '亮点', problems: '', plans: '' })
    expect(() => insert.run(2025, 'again', at)).toThrow(/UNIQUE|PRIMARY/)
    expect(() => insert.run(1900, 'x', at)).toThrow(/CHECK/)
    expect(() => insert.run('二〇二五', 'x', at)).toThrow()

    const columns = (name: string) => (db.prepare(`PRAGMA index_info(${name})`).all() as { name: string }[]).map((c) => c.name)
    expect(columns('ip_asset_report_filing')).toEqual(['university_owned', 'kind', 'filing_date'])
    expect(columns('ip_asset_report_grant')).toEqual(['university_owned', 'kind', 'grant_date', 'expiry_date', 'status_group', 'status_date'])
  })

  it('applies to an archive that already holds rights, and keeps the narrative across reopening', async () => {
    const file = join(tempDir(), 'a.sqlite')
    const first = await openArchive(file)
    const at = '2025-01-01T00:00:00.000Z'
    first.sqlite.prepare("INSERT INTO ip_asset (kind, app_no, title, university_owned, grant_date, created_at, updated_at) VALUES ('invention', 'X1', 't', 1, '2024-03-01', ?, ?)").run(at, at)
    first.sqlite.prepare("INSERT INTO report_narrative (year, plans, updated_at, updated_by) VALUES (2024, '计划', ?, 'a')").run(at)
    await first.close()
    const again = await openArchive(file)
    onCleanup(() => again.close())
    expect(again.sqlite.prepare('SELECT plans FROM report_narrative WHERE year = 2024').get()).toEqual({ plans: '计划' })
    const plan = (again.sqlite.prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM ip_asset WHERE university_owned = 1 AND kind = 'invention' AND grant_date >= '2024-01-01' AND grant_date <= '2024-12-31'").all() as { detail: string }[])
      .map((r) => r.detail)
      .join(' ')
    expect(plan).toContain('COVERING INDEX ip_asset_report_grant')
  })
})
