import Database from 'better-sqlite3'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src-main/cli/main'
import { tempDir } from '../helpers/temp'

const run = promisify(execFile)
const BIN = resolve(__dirname, '../../../resources/cli/ipdesk.mjs')

/** Run the CLI in-process and capture what it prints. */
async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

describe('ipdesk init / stats', () => {
  it('creates a WAL archive and counts what it holds', async () => {
    const db = join(tempDir(), 'a.sqlite')
    expect((await cli('init', '--db', db)).code).toBe(0)
    const raw = new Database(db, { readonly: true })
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    raw.close()
    const stats = await cli('stats', '--db', db, '--json')
    expect(stats.code).toBe(0)
    expect(JSON.parse(stats.stdout)).toEqual({ assets: 0, researchers: 0, projects: 0, services: 0, disclosures: 0, evaluations: 0 })
  })

  it('counts a seeded demo archive', async () => {
    const db = join(tempDir(), 'demo.sqlite')
    expect((await cli('seed-demo', '--db', db)).code).toBe(0)
    const counts = JSON.parse((await cli('stats', '--db', db, '--json')).stdout) as Record<string, number>
    expect(counts.assets).toBe(600)
    expect(counts.researchers).toBe(120)
    expect(counts.projects).toBe(40)
    expect(counts.services).toBe(180)
  })

  it('exits 1 with a message and creates nothing when the archive is missing', async () => {
    const db = join(tempDir(), 'missing.sqlite')
    const result = await cli('stats', '--db', db, '--json')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('找不到档案文件')
    expect(() => readFileSync(db)).toThrow()
  })

  it('exits 2 on usage errors', async () => {
    expect((await cli('stats')).code).toBe(2)
    expect((await cli('stats', '--db')).code).toBe(2)
    expect((await cli('frobnicate')).code).toBe(2)
    expect((await cli('stats', '--db', 'x', '--bogus')).code).toBe(2)
    expect((await cli()).code).toBe(2)
  })
})

describe('ipdesk settings', () => {
  it('sets and gets values, and refuses a bad value without changing anything', async () => {
    const db = join(tempDir(), 's.sqlite')
    await cli('init', '--db', db)
    expect((await cli('settings', 'set', 'universityName', '浙江大学', '--db', db)).code).toBe(0)
    expect((await cli('settings', 'set', 'universityAliases', 'Zhejiang University；浙大', '--db', db)).code).toBe(0)
    expect((await cli('settings', 'get', 'universityName', '--db', db)).stdout).toBe('浙江大学')
    expect(JSON.parse((await cli('settings', 'get', 'universityAliases', '--db', db)).stdout)).toEqual(['Zhejiang University', '浙大'])

    const before = readFileSync(db)
    const bad = await cli('settings', 'set', 'backupKeepLast', 'lots', '--db', db)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('整数')
    expect(readFileSync(db).equals(before)).toBe(true)
    expect((await cli('settings', 'set', 'noSuchKey', 'x', '--db', db)).code).toBe(2)
  })

  it('writes each change to the audit log', async () => {
    const db = join(tempDir(), 's.sqlite')
    await cli('init', '--db', db)
    await cli('settings', 'set', 'operatorName', '李馆员', '--db', db)
    const raw = new Database(db, { readonly: true })
    const rows = raw.prepare('SELECT operator, action, after FROM audit_log').all()
    raw.close()
    expect(rows).toEqual([{ operator: '李馆员', action: 'settings', after: '{"operatorName":"李馆员"}' }])
  })
})

describe('ipdesk backup', () => {
  it('writes a verified copy that opens as an archive with the same content', async () => {
    const dir = tempDir()
    const db = join(dir, 'a.sqlite')
    await cli('seed-demo', '--db', db)
    const out = join(dir, 'backups', 'b.sqlite')
    const result = await cli('backup', '--db', db, '--out', out, '--json')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ file: out })
    expect(JSON.parse((await cli('stats', '--db', out, '--json')).stdout)).toMatchObject({ assets: 600, researchers: 120 })
  })
})

describe('the ipdesk binary', () => {
  it('prints help and exits with the right codes as a real process', async () => {
    const help = await run(process.execPath, [BIN, '--help'])
    expect(help.stdout).toContain('seed-demo')
    const failure = await run(process.execPath, [BIN, 'stats', '--db', join(tempDir(), 'none.sqlite')]).catch((e: { code: number; stderr: string }) => e)
    expect(failure).toMatchObject({ code: 1 })
    expect((failure as { stderr: string }).stderr).toContain('找不到档案文件')
  })
})
