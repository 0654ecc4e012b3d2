import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appendAudit, auditHash, GENESIS_HASH, verifyAuditChain } from '../../../src-main/audit/log'
import { checkAnchors } from '../../../src-main/audit/anchors'
import { createBackup } from '../../../src-main/backup/backup'
import { listBackups } from '../../../src-main/backup/store'
import { openArchive } from '../../../src-main/db/connection'
import type { DB } from '../../../src-main/db/schema'
import { inTransaction } from '../../../src-main/db/transaction'
import { updateSettings } from '../../../src-main/settings/service'
import { onCleanup, tempDir } from '../helpers/temp'

const COLUMNS = ['id', 'at', 'operator', 'action', 'entity', 'entity_id', 'before', 'after', 'prev_hash', 'hash'] as const

/** A closed archive file whose audit log has entries of every shape (nulls, JSON, ids). */
async function archiveWithLog(): Promise<{ file: string; rows: number }> {
  const file = join(tempDir(), 'audit.sqlite')
  const archive = await openArchive(file)
  await updateSettings(archive.db, { operatorName: '王馆员' })
  await updateSettings(archive.db, { universityName: '东海理工大学', universityAliases: ['东海理工'] })
  await inTransaction(archive.db, async (trx) => {
    await appendAudit(trx, { operator: '王馆员', action: 'create', entity: 'researcher', entityId: 17, after: { name: '张三', staffNo: 'T001' } })
    await appendAudit(trx, { operator: '王馆员', action: 'update', entity: 'researcher', entityId: 17, before: { title: '讲师' }, after: { title: '副教授' } })
  })
  await appendAudit(archive.db, { operator: '李馆员', action: 'delete', entity: 'project', entityId: 'P-9', before: { name: '项目' } })
  await appendAudit(archive.db, { operator: '李馆员', action: 'import', entity: 'import_batch' })
  const rows = Number((archive.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n)
  await archive.close()
  return { file, rows }
}

function openRaw(file: string) {
  const sqlite = new Database(file)
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
  onCleanup(() => db.destroy())
  return { sqlite, db }
}

/** A different value of the same type for `column`, so the UPDATE passes the STRICT table. */
function tamperedValue(sqlite: Database.Database, column: (typeof COLUMNS)[number], current: unknown): unknown {
  switch (column) {
    case 'id':
      return (sqlite.prepare('SELECT max(id) AS m FROM audit_log').get() as { m: number }).m + 1
    case 'at':
      return '2020-01-01T00:00:00.000Z'
    case 'prev_hash':
    case 'hash':
      return String(current).replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))
    case 'before':
    case 'after':
      return current === null ? '{"x":1}' : String(current).replace(/}$/, ',"x":1}')
    case 'entity_id':
      return current === null ? '1' : `${String(current)}0`
    default:
      return `${String(current)}改`
  }
}

describe('audit hash chain', () => {
  it('verifies an untouched log', async () => {
    const { file, rows } = await archiveWithLog()
    const { db } = openRaw(file)
    expect(rows).toBeGreaterThanOrEqual(6)
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: rows, brokenAt: null })
  })

  it('detects an UPDATE of any column of any row', async () => {
    const { file, rows } = await archiveWithLog()
    const dir = tempDir()
    let cases = 0
    for (let id = 1; id <= rows; id++) {
      for (const column of COLUMNS) {
        const copy = join(dir, `${id}-${column}.sqlite`)
        copyFileSync(file, copy)
        const { sqlite, db } = openRaw(copy)
        const current = (sqlite.prepare(`SELECT ${column} AS v FROM audit_log WHERE id = ?`).get(id) as { v: unknown }).v
        const value = tamperedValue(sqlite, column, current)
        expect(value).not.toEqual(current)
        sqlite.prepare(`UPDATE audit_log SET ${column} = ? WHERE id = ?`).run(value, id)
        const check = await verifyAuditChain(db)
        expect(check.ok, `${column} of entry ${id}`).toBe(false)
        // The first broken entry is the edited one; an edited id shows where the sequence breaks.
        if (column !== 'id') expect(check.brokenAt, `${column} of entry ${id}`).toBe(id)
        else expect(check.brokenAt).toBe(id === rows ? rows + 1 : id + 1)
        cases++
      }
    }
    expect(cases).toBe(rows * COLUMNS.length)
  })

  it('detects a deleted entry in the middle and swapped entries', async () => {
    const { file } = await archiveWithLog()
    const copy = join(tempDir(), 'd.sqlite')
    copyFileSync(file, copy)
    const { sqlite, db } = openRaw(copy)
    sqlite.prepare('DELETE FROM audit_log WHERE id = 3').run()
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 4 })

    const copy2 = join(tempDir(), 's.sqlite')
    copyFileSync(file, copy2)
    const raw2 = openRaw(copy2)
    raw2.sqlite.exec('UPDATE audit_log SET id = 1000 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = 1000')
    expect(await verifyAuditChain(raw2.db)).toMatchObject({ ok: false, brokenAt: 2 })
  })

  it('catches a cut-off tail and a fully re-hashed rewrite by comparing with an earlier backup', async () => {
    const { file, rows } = await archiveWithLog()
    const archive = await openArchive(file)
    await createBackup(archive, 'manual')
    await archive.close()
    const anchors = listBackups(file)
    const { sqlite, db } = openRaw(file)
    expect(await checkAnchors(db, anchors)).toEqual({ checked: 1, mismatch: null })

    // Cut the newest entry: the chain that is left is still valid on its own …
    sqlite.prepare('DELETE FROM audit_log WHERE id = ?').run(rows)
    expect((await verifyAuditChain(db)).ok).toBe(true)
    // … but the backup remembers it.
    expect(await checkAnchors(db, anchors)).toEqual({ checked: 1, mismatch: anchors[0]!.name })

    // Rewrite an entry and recompute every hash after it: again a valid chain, again caught.
    sqlite.prepare("UPDATE audit_log SET operator = '某人' WHERE id = 2").run()
    let prev = GENESIS_HASH
    for (const row of sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as Parameters<typeof auditHash>[1][]) {
      const hash = auditHash(prev, row)
      sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, (row as unknown as { id: number }).id)
      prev = hash
    }
    expect((await verifyAuditChain(db)).ok).toBe(true)
    expect((await checkAnchors(db, anchors)).mismatch).toBe(anchors[0]!.name)
  })
})
