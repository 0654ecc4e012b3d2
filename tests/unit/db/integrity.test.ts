import Database from 'better-sqlite3'
import { openSync, writeSync, closeSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openArchive } from '../../../src-main/db/connection'
import { ArchiveSession } from '../../../src-main/core/session'
import { seedDemo } from '../../../src-main/demo/seed'
import { onCleanup, tempDir } from '../helpers/temp'

async function seededFile(): Promise<string> {
  const file = join(tempDir(), 'a.sqlite')
  const archive = await openArchive(file)
  await seedDemo(archive.db)
  archive.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  await archive.close()
  return file
}

/**
 * Overwrite the middle of the file with garbage: a run of table pages in the middle third, never a page
 * of the schema (found with dbstat, whatever the archive's page size), so the archive still opens and
 * only a check of its pages finds the damage.
 */
function damage(file: string): void {
  const db = new Database(file, { readonly: true })
  const pageSize = db.pragma('page_size', { simple: true }) as number
  const schemaPages = new Set((db.prepare("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'").pluck().all() as number[]))
  const pages = db.pragma('page_count', { simple: true }) as number
  db.close()
  const fd = openSync(file, 'r+')
  try {
    for (let page = Math.floor(pages * 0.3); page < pages * 0.7; page += 2) {
      if (!schemaPages.has(page)) writeSync(fd, Buffer.alloc(600, 0xa5), 0, 600, (page - 1) * pageSize + 100)
    }
  } finally {
    closeSync(fd)
  }
}

describe('background quick_check', () => {
  it('opens at once and reports a healthy archive as ok', async () => {
    const file = await seededFile()
    const archive = await openArchive(file, { quickCheck: 'background' })
    onCleanup(() => archive.close())
    expect(await archive.integrity).toEqual({ state: 'ok' })
  })

  it('still opens a damaged archive but reports it, with what to do; the synchronous check refuses it', async () => {
    const file = await seededFile()
    damage(file)
    await expect(openArchive(file)).rejects.toMatchObject({ code: 'db_corrupt' })
    const archive = await openArchive(file, { quickCheck: 'background' })
    onCleanup(() => archive.close())
    const report = await archive.integrity
    expect(report.state).toBe('failed')
    if (report.state === 'failed') expect(report.message).toContain('备份与恢复')
  })

  it('the app session publishes the result to its listeners', async () => {
    const file = await seededFile()
    damage(file)
    const session = new ArchiveSession()
    onCleanup(() => session.close())
    const reports: string[] = []
    session.onIntegrity((_archive, report) => reports.push(report.state))
    const archive = await session.open(file, { create: false })
    expect(session.integrity.state).toBe('checking')
    await archive.integrity
    await new Promise((r) => setImmediate(r))
    expect(reports).toEqual(['failed'])
    expect(session.integrity.state).toBe('failed')
  })
})
