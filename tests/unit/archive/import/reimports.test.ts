import ExcelJS from 'exceljs'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../helpers/temp'
import { importFile, inventorsOf, one, own, rows, universityArchive } from './helpers'

// The same patent imported again, in another form or from another export: one asset, the newer status, the
// librarian's edits kept.

describe('duplicates and re-imports', () => {
  it('one number in four forms (CN, ZL without dot, spaces, full-width) is one asset; the newer status wins', async () => {
    const archive = await universityArchive()
    const summary = await importFile(archive, 'patents', own('duplicates.xlsx'), { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 4, inserted: 1, updated: 1, unchanged: 2, rejected: 0 })
    expect(rows(archive, 'SELECT app_no, status_event, status_date FROM ip_asset')).toEqual([{ app_no: '202310397744.0', status_event: '实质审查', status_date: '2023-10-15' }])
    expect(inventorsOf(archive, '202310397744.0')).toEqual(['李娜'])
    // Why four rows made one patent: said once, not row by row.
    expect(summary.warnings.map((w) => w.message)).toEqual(['本文件中有 3 行与前面的行是同一件专利（号码相同，可能写法不同），已合并为一条档案记录，计入“更新”或“不变”。'])
  })

  it('one number twice with two titles: merged as the spec says, but the row says which titles differ', async () => {
    const archive = await universityArchive()
    const file = join(tempDir(), 'two-titles.csv')
    writeFileSync(file, '申请号,名称,申请人\n202310397744.0,一种锂电池隔膜,东海理工大学\n202211719264.3,一种热压烧结装置,东海理工大学\nCN202310397744.0,一种锂电池隔膜的制备方法,东海理工大学\n')
    const summary = await importFile(archive, 'patents', file, { skipInvalid: false })
    expect(summary).toMatchObject({ rows: 3, inserted: 2, updated: 1 })
    expect(summary.warnings.map((w) => [w.row, w.message])).toEqual([
      [4, '申请号 202310397744.0 在本文件前面的行中已出现，名称为“一种锂电池隔膜”，本行为“一种锂电池隔膜的制备方法”：两行按同一件专利合并，名称按本行更新。如果它们是两件专利，请核对号码'],
      [1, expect.stringMatching(/^本文件中有 1 行与前面的行是同一件专利/u)],
    ])
  })

  it("keeps a librarian's manual edits: listed fields and the inventor list are never overwritten", async () => {
    const archive = await universityArchive()
    await importFile(archive, 'patents', own('cnipa_title_rows.xlsx'))
    const id = (one(archive, "SELECT id FROM ip_asset WHERE app_no = '202310418520.3'") as { id: number }).id
    // A librarian corrected the title and the status, and fixed the inventor list.
    archive.sqlite
      .prepare("UPDATE ip_asset SET title = '馆员修改的名称', status_group = 'valid', status_event = '授权', manual_fields = ? WHERE id = ?")
      .run(JSON.stringify(['title', 'statusGroup', 'inventors']), id)
    archive.sqlite.prepare('DELETE FROM asset_inventor WHERE asset_id = ?').run(id)
    archive.sqlite.prepare("INSERT INTO asset_inventor (asset_id, rank, raw_name, link_state, link_source) VALUES (?, 1, '王伟', 'external', 'manual')").run(id)
    // The Patsnap export names the same patent with its own title, status and inventors.
    await importFile(archive, 'patents', own('patsnap_halfwidth.xlsx'))
    expect(one(archive, 'SELECT title, status_group, status_event, current_owner FROM ip_asset WHERE id = ?', id)).toEqual({
      title: '馆员修改的名称',
      status_group: 'valid',
      status_event: '授权',
      current_owner: '东海理工大学', // not edited by hand: taken from the export
    })
    expect(rows(archive, 'SELECT raw_name, link_state, link_source FROM asset_inventor WHERE asset_id = ?', id)).toEqual([
      { raw_name: '王伟', link_state: 'external', link_source: 'manual' },
    ])
  })

  it("keeps a librarian's project links ('projects' in manual_fields): the file's 项目编号 adds none", async () => {
    const archive = await universityArchive()
    await importFile(archive, 'researchers', own('roster.xlsx'))
    await importFile(archive, 'projects', own('projects.xlsx'))
    await importFile(archive, 'patents', own('cnipa_title_rows.xlsx'))
    const id = (one(archive, "SELECT id FROM ip_asset WHERE app_no = '202310418520.3'") as { id: number }).id
    expect(one(archive, 'SELECT count(*) AS n FROM asset_project WHERE asset_id = ?', id)).toEqual({ n: 1 })
    archive.sqlite.prepare('DELETE FROM asset_project WHERE asset_id = ?').run(id)
    archive.sqlite.prepare(`UPDATE ip_asset SET manual_fields = '["projects"]' WHERE id = ?`).run(id)
    const again = await importFile(archive, 'patents', own('cnipa_title_rows.xlsx'))
    expect(again).toMatchObject({ unchanged: 6, projectLinksAdded: 0 })
    expect(one(archive, 'SELECT count(*) AS n FROM asset_project WHERE asset_id = ?', id)).toEqual({ n: 0 })
  })

  it('the A and the B document of one application as two rows, in either order: granted, with both numbers', async () => {
    const dir = tempDir()
    const header = '申请号,公开（公告）号,发明名称,申请人,申请日,法律状态'
    const a = '202310097084.4,CN115000060A,甲乙文献,东海理工大学,2023-01-01,实质审查'
    const b = '202310097084.4,CN115000060B,甲乙文献,东海理工大学,2023-01-01,授权'
    for (const [i, order] of [[a, b], [b, a]].entries()) {
      const file = join(dir, `ab-${i}.csv`)
      writeFileSync(file, [header, ...order].join('\n'))
      const archive = await universityArchive()
      expect(await importFile(archive, 'patents', file, { skipInvalid: false })).toMatchObject({ rows: 2, inserted: 1, rejected: 0 })
      expect(one(archive, 'SELECT pub_no, grant_no, status_group, status_event FROM ip_asset')).toEqual({
        pub_no: 'CN115000060A',
        grant_no: 'CN115000060B',
        status_group: 'valid',
        status_event: '授权',
      })
      // A later list that knows the patent only by its A number finds it.
      const byA = join(dir, 'by-a.csv')
      writeFileSync(byA, '公开（公告）号,发明名称,法律状态\nCN115000060A,甲乙文献,专利权维持\n')
      expect(await importFile(archive, 'patents', byA, { skipInvalid: false })).toMatchObject({ rows: 1, updated: 1, rejected: 0 })
      await archive.close()
    }
  })

  it('an older export does not undo a newer legal status; empty cells never erase stored values', async () => {
    const archive = await universityArchive()
    await importFile(archive, 'patents', own('duplicates.xlsx'))
    const dir = tempDir()
    const older = join(dir, 'older.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('a')
    ws.addRow(['申请号', '名称', '法律状态', '法律状态日', '发明人', '申请人'])
    ws.addRow(['202310397744.0', '', '公开', new Date(Date.UTC(2023, 8, 1)), '', ''])
    writeFileSync(older, Buffer.from(await wb.xlsx.writeBuffer()))
    const summary = await importFile(archive, 'patents', older, { skipInvalid: false })
    expect(summary).toMatchObject({ updated: 0, unchanged: 1 })
    expect(one(archive, 'SELECT title, status_event, applicants FROM ip_asset')).toEqual({ title: '一种锂电池隔膜', status_event: '实质审查', applicants: '东海理工大学' })
    expect(inventorsOf(archive, '202310397744.0')).toEqual(['李娜'])
  })
})
