import Database from 'better-sqlite3'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src-main/cli/main'
import { listBackups } from '../../../src-main/backup/store'
import { tempDir } from '../helpers/temp'
import { fileHash, rawCount } from './helpers'

const run = promisify(execFile)
const BIN = resolve(__dirname, '../../../resources/cli/ipdesk.mjs')

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

function damage(file: string): void {
  const bytes = readFileSync(file)
  bytes.fill(0x5a, 4096 * 3, Math.min(bytes.length, 4096 * 40))
  writeFileSync(file, bytes)
}

async function demo(): Promise<{ dir: string; db: string }> {
  const dir = tempDir()
  const db = join(dir, 'a.sqlite')
  expect((await cli('seed-demo', '--db', db)).code).toBe(0)
  return { dir, db }
}

describe('ipdesk restore', () => {
  it('verifies the file, backs up the current archive, then replaces it', async () => {
    const { dir, db } = await demo()
    const out = join(dir, 'b.sqlite')
    expect((await cli('backup', '--db', db, '--out', out)).code).toBe(0)
    expect((await cli('settings', 'set', 'universityName', '新名字', '--db', db)).code).toBe(0)
    const restored = await cli('restore', out, '--db', db, '--json')
    expect(restored.code).toBe(0)
    const value = JSON.parse(restored.stdout) as { safetyBackup: { name: string }; counts: { assets: number } }
    expect(value.counts.assets).toBe(600)
    expect((await cli('settings', 'get', 'universityName', '--db', db)).stdout).toBe('东海理工大学')
    const safety = listBackups(db).find((b) => b.name === value.safetyBackup.name)!
    const raw = new Database(safety.path, { readonly: true })
    expect(raw.prepare("SELECT value FROM setting WHERE key = 'universityName'").get()).toEqual({ value: '"新名字"' })
    raw.close()
    const human = await cli('restore', out, '--db', db)
    expect(human.stdout).toContain('恢复前的档案已备份为')
  })

  it('refuses a damaged backup with exit 1 and leaves the archive byte-for-byte as it was', async () => {
    const { dir, db } = await demo()
    const out = join(dir, 'b.sqlite')
    await cli('backup', '--db', db, '--out', out)
    damage(out)
    const before = fileHash(db)
    const result = await cli('restore', out, '--db', db)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('无法恢复')
    expect(fileHash(db)).toBe(before)
    expect(listBackups(db)).toHaveLength(0)
    expect((await cli('restore', '--db', db)).code).toBe(2)
    expect((await cli('restore', join(dir, 'none.sqlite'), '--db', db)).code).toBe(1)
  })
})

describe('ipdesk check', () => {
  it('passes an intact archive (quick and full) and reports the audit chain', async () => {
    const { db } = await demo()
    const quick = await cli('check', '--db', db)
    expect(quick.code).toBe(0)
    expect(quick.stdout).toContain('档案完好')
    const full = await cli('check', '--db', db, '--full', '--json')
    expect(full.code).toBe(0)
    expect(JSON.parse(full.stdout)).toMatchObject({ ok: true, full: true, problems: [], audit: { ok: true, entries: rawCount(db, 'audit_log') } })
  })

  it('reads only: the archive keeps its bytes, and no -wal or -shm file is left beside it', async () => {
    const { db } = await demo()
    const before = fileHash(db)
    expect(existsSync(`${db}-wal`) || existsSync(`${db}-shm`)).toBe(false)
    expect((await cli('check', '--db', db, '--full')).code).toBe(0)
    expect(fileHash(db)).toBe(before)
    expect([existsSync(`${db}-wal`), existsSync(`${db}-shm`)]).toEqual([false, false])
  })

  it('names the damage and the newest good backup with the command that restores it', async () => {
    const { db } = await demo()
    // The CLI backs up only before migrations and imports; make a backup as the app would on open.
    const { openArchive } = await import('../../../src-main/db/connection')
    const { createBackup } = await import('../../../src-main/backup/backup')
    const archive = await openArchive(db)
    const backup = await createBackup(archive, 'manual')
    await archive.close()
    damage(db)
    const result = await cli('check', '--db', db)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('无法通过检查')
    expect(result.stderr).toContain(`ipdesk restore ${backup.path} --db ${db}`)
    // Any other command that opens the archive says the same.
    const stats = await cli('stats', '--db', db)
    expect(stats.code).toBe(1)
    expect(stats.stderr).toContain('最近的完好备份')
    expect(stats.stderr).toContain('ipdesk restore')
    // Following the advice works.
    expect((await cli('restore', backup.path, '--db', db)).code).toBe(0)
    expect((await cli('check', '--db', db, '--full')).code).toBe(0)
  })
})

describe('ipdesk audit', () => {
  it('verify exits 0 on an intact log and 1 naming the first edited entry', async () => {
    const { db } = await demo()
    const seeded = rawCount(db, 'audit_log')
    for (const name of ['甲', '乙', '丙']) await cli('settings', 'set', 'operatorName', name, '--db', db)
    const ok = await cli('audit', 'verify', '--db', db)
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain(`审计日志完整：共 ${seeded + 3} 条`)
    const edited = seeded + 1 // the first settings change
    const raw = new Database(db)
    raw.prepare("UPDATE audit_log SET after = '{\"operatorName\":\"丁\"}' WHERE id = ?").run(edited)
    raw.close()
    const broken = await cli('audit', 'verify', '--db', db)
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain(`第 ${edited} 条`)
    expect(JSON.parse((await cli('audit', 'verify', '--db', db, '--json')).stdout)).toMatchObject({ ok: false, brokenAt: edited })
  })

  it('list filters the log', async () => {
    const { db } = await demo()
    const seeded = rawCount(db, 'audit_log')
    await cli('settings', 'set', 'operatorName', '王馆员', '--db', db)
    const all = JSON.parse((await cli('audit', 'list', '--db', db, '--json')).stdout) as { total: number; rows: { operator: string }[] }
    expect(all.total).toBe(seeded + 1)
    expect(all.rows[0]!.operator).toBe('王馆员')
    const settings = await cli('audit', 'list', '--db', db, '--action', 'settings', '--operator', '王馆员')
    expect(settings.stdout).toContain('共 1 条')
    expect(settings.stdout).toContain('修改设置')
    expect((await cli('audit', 'list', '--db', db, '--from', '2024/01/01')).code).toBe(2)
  })
})

describe('ipdesk backup list', () => {
  it('lists the archive’s backups', async () => {
    const { db } = await demo()
    const { openArchive } = await import('../../../src-main/db/connection')
    const { createBackup } = await import('../../../src-main/backup/backup')
    const archive = await openArchive(db)
    await createBackup(archive, 'manual')
    await archive.close()
    const listed = JSON.parse((await cli('backup', 'list', '--db', db, '--json')).stdout) as { backups: { reason: string; file: string }[] }
    expect(listed.backups).toHaveLength(1)
    expect(rawCount(listed.backups[0]!.file, 'ip_asset')).toBe(600)
    expect((await cli('backup', 'list', '--db', db)).stdout).toContain('手动备份')
  })
})

describe('the built ipdesk binary', () => {
  it('audit verify exits 1 as a real process when the log was edited', async () => {
    const { db } = await demo()
    const raw = new Database(db)
    raw.prepare("UPDATE audit_log SET operator = '别人' WHERE id = 1").run()
    raw.close()
    const failure = await run(process.execPath, [BIN, 'audit', 'verify', '--db', db]).catch((e: { code: number; stderr: string }) => e)
    expect(failure).toMatchObject({ code: 1 })
    expect((failure as { stderr: string }).stderr).toContain('第 1 条')
  })
})
