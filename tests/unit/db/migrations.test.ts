import Database from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openArchive, APPLICATION_ID, NEW_ARCHIVE_PAGE_SIZE } from '../../../src-main/db/connection'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src-main/db/migrations'
import { AppError } from '../../../src-main/contract/result'
import { onCleanup, tempArchive, tempDir } from '../helpers/temp'

describe('migration list', () => {
  it('is numbered 1..n without gaps and named NNNN_*', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.version).toBe(i + 1)
      expect(m.name).toMatch(new RegExp(`^${String(i + 1).padStart(4, '0')}_[a-z0-9_]+$`))
    })
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length)
  })
})

describe('0001_core', () => {
  it('creates the core tables, all STRICT, and seeds the 2022 discipline catalogue', async () => {
    const archive = await tempArchive()
    const tables = archive.sqlite
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string; sql: string }[]
    const names = tables.map((t) => t.name)
    for (const table of ['setting', 'discipline', 'import_batch', 'researcher', 'project', 'ip_asset', 'asset_inventor', 'asset_project', 'asset_discipline', 'conversion', 'service_record', 'service_link', 'disclosure', 'disclosure_item', 'evaluation_template', 'evaluation', 'audit_log']) {
      expect(names).toContain(table)
    }
    // FTS virtual tables and their shadow tables are not STRICT; every ordinary table is.
    const virtual = tables.filter((t) => t.sql.startsWith('CREATE VIRTUAL TABLE')).map((t) => t.name)
    const shadow = (name: string) => virtual.some((v) => ['data', 'idx', 'content', 'docsize', 'config'].some((s) => name === `${v}_${s}`))
    for (const t of tables.filter((t) => t.sql.startsWith('CREATE TABLE') && !shadow(t.name))) expect(t.sql, t.name).toMatch(/\)\s*STRICT/)

    const levels = archive.sqlite.prepare('SELECT level, count(*) AS n FROM discipline GROUP BY level ORDER BY level').all()
    expect(levels).toEqual([
      { level: 'category', n: 14 },
      { level: 'first_level', n: 117 },
      { level: 'professional', n: 67 },
    ])
    expect(archive.sqlite.prepare("SELECT name FROM discipline WHERE code = '0812'").get()).toEqual({ name: '计算机科学与技术' })
  })

  it('enforces the checks and foreign keys it declares', async () => {
    const archive = await tempArchive()
    const now = new Date().toISOString()
    const insertAsset = archive.sqlite.prepare(
      "INSERT INTO ip_asset (kind, app_no, title, created_at, updated_at) VALUES (?, ?, '一种测试装置', ?, ?)",
    )
    insertAsset.run('invention', '202310397744.0', now, now)
    expect(() => insertAsset.run('invention', '202310397744.0', now, now)).toThrow(/UNIQUE/)
    expect(() => insertAsset.run('patent', '202310397745.0', now, now)).toThrow(/CHECK/)
    expect(() =>
      archive.sqlite.prepare("INSERT INTO asset_inventor (asset_id, rank, raw_name) VALUES (999, 1, '张三')").run(),
    ).toThrow(/FOREIGN KEY/)
    // STRICT: a text where an integer belongs is refused, not silently stored.
    expect(() => archive.sqlite.prepare("UPDATE ip_asset SET university_owned = 'yes'").run()).toThrow()
  })
})

describe('opening archives', () => {
  it('runs in WAL mode with foreign keys on and records the schema version', async () => {
    const archive = await tempArchive()
    expect(archive.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(archive.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(archive.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    expect(archive.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    expect(archive.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
  })

  it('reopens an existing archive without re-running migrations', async () => {
    const file = join(tempDir(), 'a.sqlite')
    const first = await openArchive(file)
    first.sqlite.prepare("INSERT INTO setting (key, value, updated_at) VALUES ('operatorName', '\"张三\"', 'x')").run()
    await first.close()
    const second = await openArchive(file)
    onCleanup(() => second.close())
    expect(second.sqlite.prepare('SELECT count(*) AS n FROM discipline').get()).toEqual({ n: 198 })
    expect(second.sqlite.prepare('SELECT value FROM setting').get()).toEqual({ value: '"张三"' })
  })

  it('creates a new archive with 16 KiB pages and leaves the page size of an existing one as it is', async () => {
    const fresh = await tempArchive()
    expect(fresh.sqlite.pragma('page_size', { simple: true })).toBe(NEW_ARCHIVE_PAGE_SIZE)
    // An archive made before (SQLite's 4 KiB default), with content: opened, upgraded, still 4 KiB.
    const file = join(tempDir(), 'old.sqlite')
    const old = new Database(file)
    old.pragma('journal_mode = WAL')
    old.exec('CREATE TABLE scratch (x)')
    old.exec('DROP TABLE scratch')
    expect(old.pragma('page_size', { simple: true })).toBe(4096)
    old.close()
    const reopened = await openArchive(file)
    onCleanup(() => reopened.close())
    expect(reopened.sqlite.pragma('page_size', { simple: true })).toBe(4096)
    expect(reopened.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
  })

  it('refuses an archive from a newer IPDesk and leaves it untouched', async () => {
    const file = join(tempDir(), 'newer.sqlite')
    const archive = await openArchive(file)
    await archive.close()
    const raw = new Database(file)
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    // A newer version may use another journal mode; opening must not switch it back.
    raw.pragma('journal_mode = DELETE')
    raw.close()
    const before = readFileSync(file)
    const error = await openArchive(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('db_too_new')
    expect((error as AppError).message).toContain('更新版本')
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('refuses a file that is not a database, and a database of another program', async () => {
    const dir = tempDir()
    const text = join(dir, 'notes.sqlite')
    writeFileSync(text, '这不是数据库'.repeat(100))
    await expect(openArchive(text)).rejects.toMatchObject({ code: 'db_corrupt' })

    const foreign = join(dir, 'other.db')
    const raw = new Database(foreign)
    raw.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)')
    raw.close()
    const before = readFileSync(foreign)
    await expect(openArchive(foreign)).rejects.toMatchObject({ code: 'db_corrupt', message: expect.stringContaining('其他程序') })
    expect(readFileSync(foreign).equals(before)).toBe(true)
  })

  it('does not create a file when asked to open an existing archive that is missing', async () => {
    const file = join(tempDir(), 'missing.sqlite')
    await expect(openArchive(file, { create: false })).rejects.toMatchObject({ code: 'not_found' })
  })
})
