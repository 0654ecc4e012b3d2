import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../src-main/db/migrations'
import { tempArchive } from '../helpers/temp'

describe('0006_pool', () => {
  it('is registered as version 6', () => {
    expect(MIGRATIONS.find((m) => m.name === '0006_pool')?.version).toBe(6)
  })

  it('creates STRICT pool tables with their checks, one current grade and one active entry per patent', async () => {
    const { sqlite } = await tempArchive()
    const tables = sqlite.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name LIKE 'pool_%' ORDER BY name").all() as { name: string; sql: string }[]
    expect(tables.map((t) => t.name)).toEqual(['pool_entry', 'pool_fee_schedule', 'pool_grading', 'pool_interest', 'pool_promotion', 'pool_promotion_asset'])
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT/)
    const indexes = (sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE '%pool%'").all() as { name: string }[]).map((r) => r.name)
    for (const name of ['pool_grading_current', 'pool_entry_active', 'ip_asset_pool_inventory', 'ip_asset_pool_college', 'ip_asset_pool_ipc', 'ip_asset_pool_expiry']) expect(indexes).toContain(name)

    const at = '2026-03-15T00:00:00Z'
    const asset = sqlite.prepare("INSERT INTO ip_asset (kind, app_no, title, created_at, updated_at) VALUES ('invention', '202310397744.0', '一种装置', ?, ?)").run(at, at).lastInsertRowid
    const grade = sqlite.prepare('INSERT INTO pool_grading (asset_id, grade, reason, graded_on, operator, created_at, is_current) VALUES (?, ?, ?, ?, ?, ?, ?)')
    grade.run(asset, 'A', '理由', '2026-03-15', '馆员', at, 1)
    expect(() => grade.run(asset, 'B', '理由', '2026-03-15', '馆员', at, 1)).toThrow(/UNIQUE/)
    grade.run(asset, 'B', '理由', '2026-03-14', '馆员', at, 0) // history rows are not limited
    expect(() => grade.run(asset, 'E', '理由', '2026-03-15', '馆员', at, 0)).toThrow(/CHECK/)
    expect(() => grade.run(asset, 'A', '', '2026-03-15', '馆员', at, 0)).toThrow(/CHECK/)
    expect(() => grade.run(999, 'A', '理由', '2026-03-15', '馆员', at, 0)).toThrow(/FOREIGN KEY/)

    const entry = sqlite.prepare('INSERT INTO pool_entry (asset_id, added_on, removed_on, operator, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    entry.run(asset, '2026-01-01', null, '馆员', at, at)
    expect(() => entry.run(asset, '2026-02-01', null, '馆员', at, at)).toThrow(/UNIQUE/)
    entry.run(asset, '2025-01-01', '2025-06-01', '馆员', at, at) // an earlier, ended membership
    expect(() => entry.run(asset, '2025-01-01', '2024-06-01', '馆员', at, at)).toThrow(/CHECK/)

    const promotion = sqlite.prepare("INSERT INTO pool_promotion (kind, title, held_on, created_at, updated_at) VALUES (?, '路演', '2026-03-01', ?, ?)")
    const pid = promotion.run('roadshow', at, at).lastInsertRowid
    expect(() => promotion.run('webinar', at, at)).toThrow(/CHECK/)
    sqlite.prepare('INSERT INTO pool_promotion_asset (promotion_id, asset_id) VALUES (?, ?)').run(pid, asset)
    const interest = sqlite.prepare("INSERT INTO pool_interest (asset_id, enterprise, stage, promotion_id, noted_on, created_at, updated_at) VALUES (?, ?, ?, ?, '2026-03-02', ?, ?)")
    interest.run(asset, '某公司', 'contacted', pid, at, at)
    expect(() => interest.run(asset, '某公司', 'married', pid, at, at)).toThrow(/CHECK/)
    expect(() => interest.run(asset, '', 'contacted', pid, at, at)).toThrow(/CHECK/)

    // Deleting the promotion unlinks interest; deleting the asset removes its pool rows.
    sqlite.prepare('DELETE FROM pool_promotion WHERE id = ?').run(pid)
    expect(sqlite.prepare('SELECT promotion_id FROM pool_interest').get()).toEqual({ promotion_id: null })
    sqlite.prepare('DELETE FROM ip_asset WHERE id = ?').run(asset)
    for (const table of ['pool_grading', 'pool_entry', 'pool_interest', 'pool_promotion_asset']) {
      expect(sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 })
    }
    expect(() => sqlite.prepare("INSERT INTO pool_fee_schedule (body, origin, operator, created_at) VALUES ('{}', 'guessed', 'x', 'x')").run()).toThrow(/CHECK/)
  })
})
