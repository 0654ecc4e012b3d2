import Database from 'better-sqlite3'
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../src-main/audit/log'
import { createBackup } from '../../../src-main/backup/backup'
import { restoreFile } from '../../../src-main/backup/restore'
import { recoveryHint, recoveryOffer } from '../../../src-main/backup/recovery'
import { backupFolderFor, listBackups } from '../../../src-main/backup/store'
import { BackedUpSession } from '../../../src-main/backup/session'
import { openArchive } from '../../../src-main/db/connection'
import { getSettings, updateSettings } from '../../../src-main/settings/service'
import { tempDir } from '../helpers/temp'
import { demoArchiveFile, dispatcherFor, fileHash, openTemp, rawCount } from './helpers'

const cli = { kind: 'cli' } as const

/** Overwrite a stretch in the middle of the file: the header survives, the b-tree pages do not. */
function damage(file: string): void {
  const bytes = readFileSync(file)
  bytes.fill(0x5a, 4096 * 3, Math.min(bytes.length, 4096 * 40))
  writeFileSync(file, bytes)
}

describe('restore in the running app', () => {
  it('verifies, backs up the current archive, swaps it in the session and says so', async () => {
    const file = await demoArchiveFile()
    const { dispatcher, session, events } = await dispatcherFor(file, new BackedUpSession(() => {}))
    const made = await dispatcher.dispatch('backup:create', { jobId: 'b' }, cli)
    const name = (made as { value: { name: string } }).value.name
    await updateSettings(session.archive.db, { universityName: '改过的名字' })
    session.archive.sqlite.prepare('DELETE FROM conversion').run()

    const result = await dispatcher.dispatch('backup:restore', { jobId: 'r', source: { kind: 'backup', name } }, cli)
    expect(result).toMatchObject({ ok: true, value: { restoredFrom: name, archiveFile: file, safetyBackup: { reason: 'restore' }, counts: { assets: 600 } } })
    expect(events).toContainEqual(['archive:changed', { archiveFile: file, reason: 'restored' }])
    // Handlers follow the swapped session: the old state is back.
    expect((await getSettings(session.archive.db)).universityName).toBe('东海理工大学')
    expect(rawCount(file, 'conversion')).toBeGreaterThan(0)
    // The state just before the restore is kept, and the restore itself is in the audit log.
    const safety = listBackups(file).find((b) => b.reason === 'restore')!
    expect(rawCount(safety.path, 'conversion')).toBe(0)
    const last = await session.archive.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(last).toMatchObject({ action: 'restore', entity: 'archive' })
    expect(JSON.parse(last.after!)).toMatchObject({ restoredFrom: name, safetyBackup: safety.name })
    expect((await verifyAuditChain(session.archive.db)).ok).toBe(true)
    expect(existsSync(`${file}.restoring`)).toBe(false)
    expect(readdirSync(join(file, '..')).filter((f) => f.includes('.restoring'))).toEqual([])
  })

  it('refuses a damaged, foreign, unknown or newer file and changes nothing', async () => {
    const file = await demoArchiveFile()
    const { dispatcher, session, files } = await dispatcherFor(file)
    const dir = tempDir()

    const damaged = join(dir, 'damaged.sqlite')
    const b = await createBackup(session.archive, 'manual')
    copyFileSync(b.path, damaged)
    damage(damaged)
    const foreign = join(dir, 'foreign.sqlite')
    const other = new Database(foreign)
    other.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (1)')
    other.close()
    const text = join(dir, 'text.sqlite')
    writeFileSync(text, '申请号,发明名称\n')
    const newer = join(dir, 'newer.sqlite')
    copyFileSync(b.path, newer)
    const n = new Database(newer)
    n.pragma('user_version = 999')
    n.close()

    session.archive.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const before = fileHash(file)
    const backupsBefore = listBackups(file).length
    for (const [path, code] of [[damaged, 'refused'], [foreign, 'refused'], [text, 'refused'], [newer, 'db_too_new']] as const) {
      const ref = files.register(path, 'uploaded').ref
      const result = await dispatcher.dispatch('backup:restore', { jobId: `r-${code}-${path.length}`, source: { kind: 'file', ref } }, cli)
      expect(result, path).toMatchObject({ ok: false, error: { code } })
      expect((result as { error: { message: string } }).error.message).toContain('未作任何修改')
    }
    expect(fileHash(file)).toBe(before)
    expect(listBackups(file)).toHaveLength(backupsBefore)
    expect(await dispatcher.dispatch('backup:restore', { jobId: 'x', source: { kind: 'backup', name: 'archive_20990101-000000-000_open.sqlite' } }, cli)).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('restores from a file the user picked or uploaded', async () => {
    const file = await demoArchiveFile()
    const otherFile = await demoArchiveFile('other.sqlite')
    const other = await openTemp(otherFile)
    await updateSettings(other.db, { centreName: '另一个中心' })
    await other.close()
    const { dispatcher, files, session } = await dispatcherFor(file)
    const ref = files.register(otherFile, 'picked').ref
    expect(await dispatcher.dispatch('backup:restore', { jobId: 'p', source: { kind: 'file', ref } }, cli)).toMatchObject({ ok: true, value: { restoredFrom: 'other.sqlite' } })
    expect((await getSettings(session.archive.db)).centreName).toBe('另一个中心')
    // The picked file itself is untouched (copied, not moved).
    expect(existsSync(otherFile)).toBe(true)
  })
})

describe('restore with no archive open', () => {
  it('moves a damaged archive aside instead of overwriting it', async () => {
    const file = await demoArchiveFile()
    const archive = await openArchive(file)
    const backup = await createBackup(archive, 'manual')
    await archive.close()
    damage(file)
    await expect(openArchive(file)).rejects.toMatchObject({ code: 'db_corrupt' })

    const offer = recoveryOffer(file, await openArchive(file).catch((e: unknown) => e))
    expect(offer).toMatchObject({ canRecover: true, latestGood: { name: backup.name } })
    expect(recoveryHint(offer)).toContain(`ipdesk restore ${backup.path} --db ${file}`)

    const result = await restoreFile(file, backup.path, { label: backup.name })
    expect(result.damagedMovedTo).toMatch(/_damaged\.sqlite$/)
    expect(existsSync(result.damagedMovedTo!)).toBe(true)
    expect(result.counts.assets).toBe(600)
    const reopened = await openTemp(file)
    expect((await verifyAuditChain(reopened.db)).ok).toBe(true)
    // The damaged copy is not offered as a backup.
    expect(listBackups(file).map((b) => b.name)).toEqual([backup.name])
    expect(readdirSync(backupFolderFor(file))).toContain(result.damagedMovedTo!.split('/').pop())
  })

  it('offers nothing to restore for an archive written by a newer IPDesk', async () => {
    const file = await demoArchiveFile()
    const raw = new Database(file)
    raw.pragma('user_version = 999')
    raw.close()
    const error = await openArchive(file).catch((e: unknown) => e)
    expect(recoveryOffer(file, error)).toMatchObject({ code: 'db_too_new', canRecover: false, latestGood: null })
  })
})
