import Database from 'better-sqlite3'
import { sql } from 'kysely'
import { readdirSync, writeFileSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runImport } from '../../../src-main/archive/import/run'
import { autoBackupOnOpen, backupBeforeImport, beginBackupBeforeImport, installBackupHooks, withArchiveFile } from '../../../src-main/backup/auto'
import { createBackup, verifyArchiveFile } from '../../../src-main/backup/backup'
import { BackedUpSession } from '../../../src-main/backup/session'
import { backupFolderFor, listBackups, readSqliteHeader } from '../../../src-main/backup/store'
import { migrate } from '../../../src-main/db/migrator'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src-main/db/migrations'
import { updateSettings } from '../../../src-main/settings/service'
import { onCleanup, tempDir } from '../helpers/temp'
import { writeSyntheticPatents } from '../archive/import/helpers'
import { demoArchiveFile, dispatcherFor, openTemp, rawCount } from './helpers'

describe('createBackup', () => {
  it('writes a verified, self-contained copy into the folder next to the archive', async () => {
    const file = await demoArchiveFile()
    const archive = await openTemp(file)
    const progress: number[] = []
    const backup = await createBackup(archive, 'manual', (done) => progress.push(done))
    expect(backup.path.startsWith(backupFolderFor(file))).toBe(true)
    expect(backup).toMatchObject({ reason: 'manual', schemaVersion: LATEST_SCHEMA_VERSION })
    expect(verifyArchiveFile(backup.path, true)).toEqual({ ok: true, schemaVersion: LATEST_SCHEMA_VERSION })
    expect(rawCount(backup.path, 'ip_asset')).toBe(600)
    expect(progress.length).toBeGreaterThan(0)
    // One file: no -wal/-shm beside it, even after being opened read-only for the check.
    expect(readdirSync(backupFolderFor(file))).toEqual([backup.name])
    expect(readSqliteHeader(backup.path)?.userVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(listBackups(file).map((b) => b.name)).toEqual([backup.name])
  })

  it('rotates by the archive’s own settings', async () => {
    const file = await demoArchiveFile()
    const archive = await openTemp(file)
    await updateSettings(archive.db, { backupKeepLast: 3, backupKeepMonthly: false })
    const made = []
    for (let i = 0; i < 5; i++) made.push((await createBackup(archive, 'manual')).name)
    expect(listBackups(file).map((b) => b.name)).toEqual(made.slice(2).reverse())
  })

  it('leaves no half-written file when the folder cannot be written', async () => {
    const file = await demoArchiveFile()
    const archive = await openTemp(file)
    writeFileSync(backupFolderFor(file), 'a file where the folder should be')
    await expect(createBackup(archive, 'manual')).rejects.toMatchObject({ code: 'io' })
  })
})

describe('automatic backups', () => {
  it('on open: skips an empty archive, backs up one with data, then at most once per interval', async () => {
    const empty = join(tempDir(), 'empty.sqlite')
    const emptyArchive = await openTemp(empty)
    expect(await autoBackupOnOpen(emptyArchive)).toBeNull()

    const file = await demoArchiveFile()
    const archive = await openTemp(file)
    const first = await autoBackupOnOpen(archive)
    expect(first?.reason).toBe('open')
    expect(await autoBackupOnOpen(archive)).toBeNull()
    const later = new Date(Date.now() + 13 * 3600_000)
    expect((await autoBackupOnOpen(archive, { now: later }))?.reason).toBe('open')
  })

  it('the running app’s session backs up on open, in the background', async () => {
    const file = await demoArchiveFile()
    const session = new BackedUpSession(() => {})
    await session.open(file)
    onCleanup(() => session.close())
    await session.settle()
    expect(listBackups(file).map((b) => b.reason)).toEqual(['open'])
    await session.open(file)
    await session.settle()
    expect(listBackups(file)).toHaveLength(1)
  })

  it('before an import: a fresh backup, reused while nothing was written since', async () => {
    const file = await demoArchiveFile()
    const archive = await openTemp(file)
    const first = await backupBeforeImport(archive)
    expect(first.reason).toBe('import')
    expect((await backupBeforeImport(archive)).name).toBe(first.name)
    await updateSettings(archive.db, { operatorName: '王馆员' })
    const second = await backupBeforeImport(archive)
    expect(second.name).not.toBe(first.name)
    expect(rawCount(second.path, 'audit_log')).toBe(rawCount(first.path, 'audit_log') + 1)
  })

  it('before an import: refuses (so the import does not start) when no backup can be written', async () => {
    const file = await demoArchiveFile()
    const archive = await openTemp(file)
    writeFileSync(backupFolderFor(file), 'blocks the folder')
    await expect(backupBeforeImport(archive)).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('没有导入') })
  })
})

describe('the backup taken beside an import', () => {
  // Copied on a worker from a read snapshot whatever the size (the app does so from 32 MB).
  const beside = (archive: Parameters<typeof beginBackupBeforeImport>[0]) => beginBackupBeforeImport(archive, { concurrentFromBytes: 0 })
  async function bigList(n: number): Promise<string> {
    const list = join(tempDir(), 'list.xlsx')
    await writeSyntheticPatents(list, n)
    return list
  }

  it('holds the archive as it was before the import, verified and in place when the import commits', async () => {
    const file = await demoArchiveFile()
    const archive = await openTemp(file)
    const list = await bigList(3000)
    const summary = await runImport(archive, { kind: 'patents', file: list, skipInvalid: false, beforeWrite: () => beside(archive) })
    expect(summary).toMatchObject({ written: true, inserted: 3000 })
    const backups = listBackups(file)
    expect(backups.map((b) => b.reason)).toEqual(['import'])
    // The import wrote 3,000 assets while the copy was being made; the copy has none of them.
    expect(rawCount(backups[0]!.path, 'ip_asset')).toBe(600)
    expect(verifyArchiveFile(backups[0]!.path, true)).toEqual({ ok: true, schemaVersion: LATEST_SCHEMA_VERSION })
    expect(readdirSync(backupFolderFor(file))).toEqual([backups[0]!.name])
    // Imported again: the archive has changed since that backup, so another one holds it as it is now.
    await runImport(archive, { kind: 'patents', file: list, skipInvalid: false, beforeWrite: () => beside(archive) })
    expect(listBackups(file)).toHaveLength(2)
  })

  it('an import that keeps nothing (problem rows) leaves no backup and no half-written file behind', async () => {
    const file = await demoArchiveFile()
    const archive = await openTemp(file)
    const summary = await runImport(archive, {
      kind: 'patents',
      file: join(import.meta.dirname, '../../fixtures/archive/own/bad_rows.csv'),
      skipInvalid: false,
      beforeWrite: () => beside(archive),
    })
    expect(summary.written).toBe(false)
    expect(summary.errors.length).toBeGreaterThan(0)
    expect(readdirSync(backupFolderFor(file))).toEqual([])
  })

  it('an import whose backup cannot be written is refused and changes nothing', async () => {
    const file = await demoArchiveFile()
    const archive = await openTemp(file)
    writeFileSync(backupFolderFor(file), 'blocks the folder')
    const list = await bigList(100)
    await expect(runImport(archive, { kind: 'patents', file: list, beforeWrite: () => beside(archive) })).rejects.toMatchObject({
      code: 'io',
      message: expect.stringContaining('没有导入'),
    })
    expect(rawCount(file, 'ip_asset')).toBe(600)
  })
})

describe('before a migration', () => {
  const nextVersion = LATEST_SCHEMA_VERSION + 1
  const extra = [...MIGRATIONS, { version: nextVersion, name: 'test_extra', up: async (db: Parameters<(typeof MIGRATIONS)[number]['up']>[0]) => void (await sql`CREATE TABLE trust_probe (x INTEGER) STRICT`.execute(db)) }]

  async function migrateWithHook(file: string) {
    const { Kysely, SqliteDialect } = await import('kysely')
    const sqlite = new Database(file)
    const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) })
    onCleanup(() => db.destroy())
    return withArchiveFile(file, () => migrate(db as never, sqlite, file, extra))
  }

  it('backs the archive up, at its old version, before the first pending migration runs', async () => {
    installBackupHooks()
    const file = await demoArchiveFile()
    expect(await migrateWithHook(file)).toBe(nextVersion)
    const [backup] = listBackups(file)
    expect(backup).toMatchObject({ reason: 'migrate', schemaVersion: LATEST_SCHEMA_VERSION })
    expect(rawCount(backup!.path, 'ip_asset')).toBe(600)
    const after = new Database(file, { readonly: true })
    expect(after.pragma('user_version', { simple: true })).toBe(nextVersion)
    after.close()
  })

  it('does not migrate when the backup cannot be written', async () => {
    installBackupHooks()
    const file = await demoArchiveFile()
    writeFileSync(backupFolderFor(file), 'blocks the folder')
    await expect(migrateWithHook(file)).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('没有升级') })
    const after = new Database(file, { readonly: true })
    expect(after.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    expect(after.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'trust_probe'").get()).toEqual({ n: 0 })
    after.close()
    rmSync(backupFolderFor(file))
    mkdirSync(backupFolderFor(file))
  })
})

describe('backup channels', () => {
  it('back up now, list with date/size/version, export a copy', async () => {
    const file = await demoArchiveFile()
    const { dispatcher, files } = await dispatcherFor(file)
    const made = await dispatcher.dispatch('backup:create', { jobId: 'b1' }, { kind: 'cli' })
    expect(made).toMatchObject({ ok: true, value: { reason: 'manual', schemaVersion: LATEST_SCHEMA_VERSION } })
    const list = await dispatcher.dispatch('backup:list', {}, { kind: 'cli' })
    expect(list).toMatchObject({ ok: true, value: { keepLast: 10, keepMonthly: true, folder: backupFolderFor(file), backups: [{ reason: 'manual' }] } })
    const name = (made as { value: { name: string } }).value.name
    const exported = await dispatcher.dispatch('backup:export', { name }, { kind: 'cli' })
    expect(exported.ok).toBe(true)
    const entry = files.resolve((exported as { value: { ref: string } }).value.ref)
    expect(entry.origin).toBe('output')
    expect(rawCount(entry.path, 'ip_asset')).toBe(600)
    expect(await dispatcher.dispatch('backup:export', { name: '../archive.sqlite' }, { kind: 'cli' })).toMatchObject({ ok: false })
    expect(await dispatcher.dispatch('backup:export', { name: 'archive_20990101-000000-000_open.sqlite' }, { kind: 'cli' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('a full integrity check of the open archive', async () => {
    const file = await demoArchiveFile()
    const { dispatcher } = await dispatcherFor(file)
    const report = await dispatcher.dispatch('backup:check', { jobId: 'c1', full: true }, { kind: 'cli' })
    expect(report).toMatchObject({ ok: true, value: { ok: true, full: true, problems: [], foreignKeyViolations: 0, audit: { ok: true } } })
    expect((report as { value: { message: string } }).value.message).toContain('档案完好')
  })

  it('reports a broken audit chain', async () => {
    const file = await demoArchiveFile()
    const { dispatcher, session } = await dispatcherFor(file)
    await updateSettings(session.archive.db, { operatorName: '甲' })
    session.archive.sqlite.prepare("UPDATE audit_log SET operator = '乙' WHERE id = 1").run()
    expect(await dispatcher.dispatch('audit:verify', { jobId: 'v1' }, { kind: 'cli' })).toMatchObject({ ok: true, value: { ok: false, brokenAt: 1 } })
    const report = await dispatcher.dispatch('backup:check', { jobId: 'c2', full: false }, { kind: 'cli' })
    expect(report).toMatchObject({ ok: true, value: { ok: false, audit: { brokenAt: 1 } } })
  })
})
