import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openArchive } from '../../../src-main/db/connection'
import { seedDemo } from '../../../src-main/demo/seed'
import { tempDir } from '../helpers/temp'
import { countDiff, digestOf } from './archive-digest'

// The crash and hostile-input tests compare archives by this digest, so it must see every change of
// content and nothing else.

async function demo(): Promise<string> {
  const file = join(tempDir(), 'a.sqlite')
  const archive = await openArchive(file)
  await seedDemo(archive.db, { scale: 1, today: '2025-06-30' })
  await archive.close()
  return file
}

function digest(file: string) {
  const db = new Database(file)
  try {
    return digestOf(db)
  } finally {
    db.close()
  }
}

function change(file: string, sql: string): void {
  const db = new Database(file)
  db.exec(sql)
  db.close()
}

describe('archive digest', () => {
  it('is the same for the same content, whatever the file layout', async () => {
    const file = await demo()
    const before = digest(file)
    change(file, 'VACUUM')
    expect(digest(file).digest).toBe(before.digest)
    // A transaction that is rolled back leaves nothing, even if it wrote pages.
    change(file, "BEGIN; DELETE FROM asset_inventor; DROP INDEX ip_asset_app_no; ROLLBACK")
    expect(digest(file).digest).toBe(before.digest)
    expect(before.counts.ip_asset).toBe(600)
    expect(before.counts.audit_log).toBeGreaterThan(0)
  })

  it('changes with any row, the audit log, the schema or the schema version', async () => {
    const file = await demo()
    const before = digest(file)
    for (const sql of [
      "UPDATE ip_asset SET title = title || ' ' WHERE id = 7",
      'UPDATE audit_log SET operator = operator WHERE id = 1; UPDATE audit_log SET at = at || \'Z\' WHERE id = 1',
      "CREATE INDEX digest_probe ON researcher(name)",
      'PRAGMA user_version = 999',
    ]) {
      const copy = join(tempDir(), 'b.sqlite')
      const src = new Database(file)
      await src.backup(copy)
      src.close()
      change(copy, sql)
      expect(digest(copy).digest, sql).not.toBe(before.digest)
    }
    const copy = join(tempDir(), 'c.sqlite')
    const src = new Database(file)
    await src.backup(copy)
    src.close()
    change(copy, 'DELETE FROM service_record WHERE id = 1')
    expect(countDiff(before.counts, digest(copy).counts)).toBe('service_record 180 → 179')
  })
})
