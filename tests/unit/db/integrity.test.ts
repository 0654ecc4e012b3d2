import { openSync, writeSync, closeSync, statSync } from 'node:fs'
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

/** Overwrite the middle of the file (table pages, not the header) with garbage. */
function damage(file: string): void {
  const size = statSync(file).size
  const fd = openSync(file, 'r+')
  try {
    for (let offset = Math.floor(size * 0.3); offset < size * 0.7; offset += 4096 * 7) writeSync(fd, Buffer.alloc(600, 0xa5), 0, 600, offset + 100)
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
