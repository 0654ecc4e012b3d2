import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { appendAudit } from '../../../src-main/audit/log'
import { auditFacets, listAudit, localDayStartUtc } from '../../../src-main/audit/query'
import { Dispatcher } from '../../../src-main/ipc/dispatcher'
import { handlers } from '../../../src-main/ipc/handlers'
import { ArchiveSession } from '../../../src-main/core/session'
import { FileStore } from '../../../src-main/core/files'
import { onCleanup, tempArchive } from '../helpers/temp'

async function seededLog() {
  const archive = await tempArchive()
  const entries = [
    { at: '2024-03-01T01:00:00.000Z', operator: '王馆员', action: 'create', entity: 'researcher', entityId: 1 },
    { at: '2024-03-02T10:00:00.000Z', operator: '王馆员', action: 'update', entity: 'researcher', entityId: 1 },
    { at: '2024-03-05T10:00:00.000Z', operator: '李馆员', action: 'create', entity: 'project', entityId: 7 },
    { at: '2024-04-01T10:00:00.000Z', operator: '李馆员', action: 'settings', entity: 'setting', entityId: null },
  ]
  for (let i = 0; i < 120; i++) entries.push({ at: `2024-05-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00.000Z`, operator: '张馆员', action: 'import', entity: 'ip_asset', entityId: 100 + i })
  for (const e of entries) await appendAudit(archive.db, { operator: e.operator, action: e.action, entity: e.entity, entityId: e.entityId, after: { n: 1 } })
  // appendAudit stamps "now"; give the rows the dates above (the chain is not what this test is about).
  const ids = (await archive.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id)
  for (const [i, id] of ids.entries()) await archive.db.updateTable('audit_log').set({ at: entries[i]!.at }).where('id', '=', id).execute()
  return archive
}

describe('audit log query', () => {
  it('filters by operator, action, entity and entity id, newest first, with the total', async () => {
    const archive = await seededLog()
    expect((await listAudit(archive.db, {})).total).toBe(124)
    const researcher = await listAudit(archive.db, { entity: 'researcher', entityId: '1' })
    expect(researcher.rows.map((r) => r.action)).toEqual(['update', 'create'])
    expect(researcher.rows[0]).toMatchObject({ operator: '王馆员', entity: 'researcher', entityId: '1', after: '{"n":1}', before: null })
    expect((await listAudit(archive.db, { operator: '李馆员' })).total).toBe(2)
    expect((await listAudit(archive.db, { operator: '李馆员', action: 'settings' })).rows).toHaveLength(1)
    expect((await listAudit(archive.db, { entity: 'nothing' })).total).toBe(0)
  })

  it('pages through the log', async () => {
    const archive = await seededLog()
    const first = await listAudit(archive.db, { action: 'import', limit: 50 })
    const third = await listAudit(archive.db, { action: 'import', limit: 50, offset: 100 })
    expect(first.total).toBe(120)
    expect(first.rows).toHaveLength(50)
    expect(third.rows).toHaveLength(20)
    expect(first.rows[0]!.id).toBeGreaterThan(third.rows[0]!.id)
  })

  it('filters by local calendar days, both ends inclusive', async () => {
    const archive = await seededLog()
    const march = await listAudit(archive.db, { from: '2024-03-01', to: '2024-03-31' })
    // The boundaries follow this machine's time zone, like the dates the librarian sees.
    const expected = (await archive.db.selectFrom('audit_log').select('id').where('at', '>=', localDayStartUtc('2024-03-01')).where('at', '<', localDayStartUtc('2024-04-01')).execute()).length
    expect(march.total).toBe(expected)
    expect(march.total).toBeGreaterThanOrEqual(2)
    expect((await listAudit(archive.db, { from: '2030-01-01' })).total).toBe(0)
    expect(localDayStartUtc('2024-03-01')).toBe(new Date(2024, 2, 1).toISOString())
  })

  it('offers the distinct operators, actions and entities for the filter menus', async () => {
    const archive = await seededLog()
    expect(await auditFacets(archive.db)).toEqual({
      operators: ['张馆员', '李馆员', '王馆员'].sort(),
      actions: ['create', 'import', 'settings', 'update'],
      entities: ['ip_asset', 'project', 'researcher', 'setting'],
    })
  })

  it('uses the indexes for the entity and date filters', async () => {
    const archive = await tempArchive()
    const plan = async (where: string) =>
      (await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE ${sql.raw(where)} ORDER BY id DESC`.execute(archive.db)).rows.map((r) => r.detail).join(' | ')
    expect(await plan("entity = 'researcher' AND entity_id = '1'")).toContain('audit_log_entity')
    expect(await plan("at >= '2024-01-01' AND at < '2024-02-01'")).toContain('audit_log_at')
  })

  it('answers audit:list and audit:facets through the dispatcher', async () => {
    const archive = await seededLog()
    const session = new ArchiveSession()
    await session.open(archive.file)
    const files = new FileStore()
    onCleanup(async () => {
      await session.close()
      files.dispose()
    })
    const dispatcher = new Dispatcher(handlers, () => ({ session, files, transport: 'web', platform: { pickFile: async () => null, saveFile: async () => null }, emit: () => {}, appVersion: 't' }), () => {})
    const page = await dispatcher.dispatch('audit:list', { entity: 'project', limit: 10 }, { kind: 'cli' })
    expect(page).toMatchObject({ ok: true, value: { total: 1, rows: [{ entity: 'project', entityId: '7' }] } })
    expect(await dispatcher.dispatch('audit:list', { from: '2024-13-45x' }, { kind: 'cli' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await dispatcher.dispatch('audit:facets', {}, { kind: 'cli' })).toMatchObject({ ok: true, value: { operators: expect.arrayContaining(['王馆员']) } })
  })
})
