import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { planRotation } from '../../../src-main/backup/rotation'
import { backupFolderFor, findBackup, listBackups, newBackupPath, parseBackupName, parseStamp, stampOf } from '../../../src-main/backup/store'
import { tempDir } from '../helpers/temp'

describe('backup names', () => {
  it('put the folder next to the archive and carry time and reason in the name', () => {
    const archive = join('/data', 'IPDesk档案.sqlite')
    expect(backupFolderFor(archive)).toBe(join('/data', 'IPDesk档案-backups'))
    const when = new Date(2025, 2, 14, 9, 30, 12, 345)
    const path = newBackupPath(archive, 'import', when)
    expect(path).toBe(join('/data', 'IPDesk档案-backups', 'IPDesk档案_20250314-093012-345_import.sqlite'))
    expect(parseBackupName('IPDesk档案_20250314-093012-345_import.sqlite')).toEqual({ createdAt: when, reason: 'import' })
    expect(parseBackupName('a_b_20250314-093012-345_manual-2.sqlite')).toEqual({ createdAt: when, reason: 'manual' })
    expect(parseStamp(stampOf(when))).toEqual(when)
  })

  it('ignore files that are not backups', () => {
    for (const name of ['notes.txt', 'archive_20250314-093012-345_open.sqlite-wal', 'archive_20250314-093012-345_evil.sqlite', 'archive_20251399-093012-345_open.sqlite.partial', 'archive_20250314-093012-345_damaged.sqlite']) {
      expect(parseBackupName(name), name).toBeNull()
    }
  })

  it('list newest first and find a backup only by a listed name', () => {
    const dir = tempDir()
    const archive = join(dir, 'archive.sqlite')
    const folder = backupFolderFor(archive)
    mkdirSync(folder)
    writeFileSync(join(folder, 'archive_20240101-000000-000_open.sqlite'), 'x')
    writeFileSync(join(folder, 'archive_20250101-000000-000_manual.sqlite'), 'xx')
    writeFileSync(join(folder, 'readme.txt'), 'not a backup')
    const list = listBackups(archive)
    expect(list.map((b) => [b.name, b.bytes, b.schemaVersion])).toEqual([
      ['archive_20250101-000000-000_manual.sqlite', 2, null],
      ['archive_20240101-000000-000_open.sqlite', 1, null],
    ])
    expect(findBackup(archive, 'archive_20240101-000000-000_open.sqlite').path).toBe(join(folder, 'archive_20240101-000000-000_open.sqlite'))
    expect(() => findBackup(archive, 'readme.txt')).toThrow(/找不到备份/)
    expect(() => findBackup(archive, '../archive.sqlite')).toThrow(/找不到备份/)
  })
})

function backupsAt(dates: string[]) {
  return dates.map((iso, i) => ({ name: `b${i}`, createdAt: new Date(iso).toISOString() }))
}

describe('half-written copies', () => {
  it('a crash leaves a .partial behind: removed when the next backup is named, unless it may still be written', () => {
    const dir = tempDir()
    const archive = join(dir, 'archive.sqlite')
    const folder = backupFolderFor(archive)
    mkdirSync(folder)
    const stale = join(folder, 'archive_20250314-093012-345_import.sqlite.partial')
    const young = join(folder, 'archive_20250314-093013-000_import.sqlite.partial')
    const other = join(folder, 'notes.partial')
    for (const f of [stale, young, other]) writeFileSync(f, 'x')
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000)
    utimesSync(stale, twoHoursAgo, twoHoursAgo)
    utimesSync(other, twoHoursAgo, twoHoursAgo)
    newBackupPath(archive, 'manual')
    expect([stale, young, other].map((f) => existsSync(f))).toEqual([false, true, true])
  })
})

describe('rotation', () => {
  it('keeps the newest N', () => {
    const backups = backupsAt(['2025-03-01T10:00:00', '2025-03-02T10:00:00', '2025-03-03T10:00:00', '2025-03-04T10:00:00'])
    const { keep, remove } = planRotation(backups, { keepLast: 2, keepMonthly: false })
    expect(keep.map((b) => b.name)).toEqual(['b3', 'b2'])
    expect(remove.map((b) => b.name)).toEqual(['b1', 'b0'])
  })

  it('also keeps the newest backup of every month', () => {
    const backups = backupsAt([
      '2024-11-03T10:00:00', '2024-11-28T10:00:00',
      '2024-12-01T10:00:00', '2024-12-30T10:00:00',
      '2025-01-15T10:00:00',
      '2025-02-01T10:00:00', '2025-02-02T10:00:00', '2025-02-03T10:00:00',
    ])
    const { keep } = planRotation(backups, { keepLast: 2, keepMonthly: true })
    expect(keep.map((b) => b.name).sort()).toEqual(['b1', 'b3', 'b4', 'b6', 'b7'])
    expect(planRotation(backups, { keepLast: 2, keepMonthly: false }).keep.map((b) => b.name)).toEqual(['b7', 'b6'])
  })

  it('never deletes everything, and keeps all when there are fewer than N', () => {
    const backups = backupsAt(['2025-03-01T10:00:00', '2025-03-02T10:00:00'])
    expect(planRotation(backups, { keepLast: 0, keepMonthly: false }).keep).toHaveLength(1)
    expect(planRotation(backups, { keepLast: 10, keepMonthly: false }).remove).toHaveLength(0)
  })
})
