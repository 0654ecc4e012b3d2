import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBackup } from '../../../src-main/backup/backup'
import { startWebHostWithRecovery, type RunningHost } from '../../../src-main/backup/recovery-host'
import { backupFolderFor } from '../../../src-main/backup/store'
import { openArchive } from '../../../src-main/db/connection'
import { onCleanup, tempDir } from '../helpers/temp'
import { demoArchiveFile } from './helpers'

interface Reply {
  status: number
  body: string
  headers: Record<string, string | string[] | undefined>
}

function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

function damage(file: string): void {
  const bytes = readFileSync(file)
  bytes.fill(0x5a, 4096 * 3, Math.min(bytes.length, 4096 * 40))
  writeFileSync(file, bytes)
}

/** The recovery host answers RPC with the reason it cannot; wait until the app's host answers instead. */
async function untilApp(host: RunningHost, channel: string): Promise<unknown> {
  let last: unknown = null
  for (let i = 0; i < 100; i++) {
    const reply = await send(host.port, `/rpc/${channel}`, { method: 'POST', headers: { 'x-ipdesk-token': host.token }, body: '{}' }).catch(() => null)
    last = reply ? (JSON.parse(reply.body) as unknown) : null
    if (reply && (last as { ok: boolean }).ok) return last
    await new Promise((r) => setTimeout(r, 50))
  }
  return last
}

async function start(dbFile: string): Promise<RunningHost> {
  const renderer = join(tempDir(), 'renderer')
  mkdirSync(renderer)
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>IPDesk app</title>')
  const host = await startWebHostWithRecovery({ dbFile, rendererDir: renderer })
  onCleanup(() => host.close())
  return host
}

describe('the loopback host with an archive that will not open', () => {
  it('serves a recovery page that offers the newest good backup, then hands over to the app', async () => {
    const file = await demoArchiveFile()
    const archive = await openArchive(file)
    const backup = await createBackup(archive, 'manual')
    await archive.close()
    damage(file)

    const host = await start(file)
    const token = { 'x-ipdesk-token': host.token }
    const page = await send(host.port, '/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('无法打开档案')
    expect(page.headers['content-security-policy']).toMatch(/script-src 'nonce-/)
    // The same rules as the app's host: token, own origin.
    expect((await send(host.port, '/recovery/offer')).status).toBe(401)
    expect((await send(host.port, '/recovery/offer', { headers: { ...token, origin: 'http://evil.example' } })).status).toBe(403)
    expect((await send(host.port, '/recovery/offer', { headers: { ...token, host: 'evil.example' } })).status).toBe(403)
    const offer = JSON.parse((await send(host.port, '/recovery/offer', { headers: token })).body) as { ok: true; value: { code: string; canRecover: boolean; latestGood: { name: string } } }
    expect(offer.value).toMatchObject({ code: 'db_corrupt', canRecover: true, latestGood: { name: backup.name } })
    // Calls the app would make get the reason, not a crash.
    expect(JSON.parse((await send(host.port, '/rpc/system:info', { method: 'POST', headers: token, body: '{}' })).body)).toMatchObject({ ok: false, error: { code: 'db_corrupt' } })

    const restored = await send(host.port, '/recovery/restore', { method: 'POST', headers: token, body: '{}' })
    expect(JSON.parse(restored.body)).toMatchObject({ ok: true, value: { message: expect.stringContaining(backup.name) } })
    // Same port, same token, now the app.
    const info = await untilApp(host, 'system:info')
    expect(info).toMatchObject({ ok: true, value: { counts: { assets: 600 } } })
    expect((await send(host.port, '/')).body).toContain('IPDesk app')
    expect(readdirSync(backupFolderFor(file)).some((n) => n.endsWith('_damaged.sqlite'))).toBe(true)
  })

  it('with no backup, offers a fresh archive and keeps the unreadable file', async () => {
    const dir = tempDir()
    const file = join(dir, 'archive.sqlite')
    writeFileSync(file, 'PK\u0003\u0004 this is a zip, not an archive')
    const host = await start(file)
    const token = { 'x-ipdesk-token': host.token }
    const offer = JSON.parse((await send(host.port, '/recovery/offer', { headers: token })).body) as { value: { canRecover: boolean; latestGood: null; message: string } }
    expect(offer.value).toMatchObject({ canRecover: true, latestGood: null })
    expect(offer.value.message).toContain('不是 IPDesk 档案文件')
    expect(JSON.parse((await send(host.port, '/recovery/restore', { method: 'POST', headers: token, body: '{}' })).body)).toMatchObject({ ok: false, error: { code: 'not_found' } })
    const fresh = await send(host.port, '/recovery/fresh', { method: 'POST', headers: token, body: '{}' })
    expect(JSON.parse(fresh.body)).toMatchObject({ ok: true })
    expect(await untilApp(host, 'system:stats')).toMatchObject({ ok: true, value: { assets: 0 } })
    const aside = readdirSync(backupFolderFor(file)).find((n) => n.endsWith('_damaged.sqlite'))!
    expect(readFileSync(join(backupFolderFor(file), aside), 'utf8')).toContain('this is a zip')
  })

  it('for an archive from a newer IPDesk, explains and offers nothing that would lose data', async () => {
    const file = await demoArchiveFile()
    const Database = (await import('better-sqlite3')).default
    const raw = new Database(file)
    raw.pragma('user_version = 999')
    raw.close()
    const host = await start(file)
    const token = { 'x-ipdesk-token': host.token }
    const offer = JSON.parse((await send(host.port, '/recovery/offer', { headers: token })).body) as { value: { code: string; canRecover: boolean; message: string } }
    expect(offer.value).toMatchObject({ code: 'db_too_new', canRecover: false })
    expect(offer.value.message).toContain('更新版本')
    expect(JSON.parse((await send(host.port, '/recovery/fresh', { method: 'POST', headers: token, body: '{}' })).body)).toMatchObject({ ok: false, error: { code: 'db_too_new' } })
    expect(existsSync(file)).toBe(true)
  })
})
