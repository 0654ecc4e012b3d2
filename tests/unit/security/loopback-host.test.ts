import { mkdirSync, writeFileSync } from 'node:fs'
import { request, type RequestOptions } from 'node:http'
import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { join, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../../src-main/ipc/web-host'
import { onCleanup, tempDir } from '../helpers/temp'

// Security review of the loopback host (issue 8, item 6), beyond tests/unit/ipc/web-host.test.ts:
// every entry point needs the token, only this host's own origin is trusted, nothing listens beyond
// 127.0.0.1, and uploads/downloads cannot reach paths outside IPDesk's own folder.

async function host(): Promise<WebHost> {
  const dir = tempDir()
  const renderer = join(dir, 'renderer')
  mkdirSync(renderer)
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>IPDesk</title>')
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer folder')
  const started = await startWebHost({ dbFile: join(dir, 'archive.sqlite'), rendererDir: renderer })
  onCleanup(() => started.close())
  return started
}

interface Reply {
  status: number
  body: string
  headers: Record<string, string | string[] | undefined>
}

function send(h: WebHost, path: string, options: { method?: string; headers?: Record<string, string>; body?: string; setHost?: boolean } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const opts: RequestOptions = {
      agent: false,
      host: '127.0.0.1',
      port: h.port,
      path,
      method: options.method ?? 'GET',
      setHost: options.setHost ?? true,
      headers: options.setHost === false ? { ...options.headers } : { host: `127.0.0.1:${h.port}`, ...options.headers },
    }
    const req = request(opts, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

const rpc = (h: WebHost, headers: Record<string, string> = {}, path = '/rpc/system:stats') =>
  send(h, path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ipdesk-token': h.token, ...headers }, body: '{}' })

function canConnect(hostname: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port, timeout: 2000 })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
}

describe('loopback host: who may call', () => {
  it('needs the token on every entry point that reaches data', async () => {
    const h = await host()
    expect((await rpc(h, { 'x-ipdesk-token': '' })).status).toBe(401)
    expect((await rpc(h, { 'x-ipdesk-token': h.token.slice(0, -1) })).status).toBe(401)
    expect((await rpc(h, { 'x-ipdesk-token': `${h.token}x` })).status).toBe(401)
    expect((await send(h, '/rpc/system:stats', { method: 'POST', headers: { authorization: `Bearer ${h.token.toUpperCase()}` }, body: '{}' })).status).toBe(401)
    // The token travels in a header for calls, never in the query string (it would land in logs).
    expect((await send(h, `/rpc/system:stats?token=${h.token}`, { method: 'POST', body: '{}' })).status).toBe(401)
    expect((await send(h, '/events')).status).toBe(401)
    expect((await send(h, '/events?token=wrong')).status).toBe(401)
    expect((await send(h, '/upload?name=a.xlsx', { method: 'POST', body: 'x' })).status).toBe(401)
    expect((await send(h, '/download/abc')).status).toBe(401)
    expect((await rpc(h)).status).toBe(200)
    expect((await send(h, '/rpc/system:stats', { method: 'POST', headers: { authorization: `Bearer ${h.token}` }, body: '{}' })).status).toBe(200)
  })

  it('trusts only its own origin and Host (CSRF, DNS rebinding), even with the token', async () => {
    const h = await host()
    for (const origin of ['null', 'http://evil.example', `https://127.0.0.1:${h.port}`, `http://127.0.0.1:${h.port + 1}`, `http://127.0.0.1.evil.example:${h.port}`, `http://localhost.evil.example:${h.port}`, 'file://']) {
      expect((await rpc(h, { origin })).status, origin).toBe(403)
    }
    for (const hostHeader of [`evil.example:${h.port}`, `127.0.0.1:${h.port + 1}`, '127.0.0.1', `[::1]:${h.port}`, `0.0.0.0:${h.port}`]) {
      expect((await rpc(h, { host: hostHeader })).status, hostHeader).toBe(403)
    }
    // No Host header at all: Node refuses the HTTP/1.1 request (400) before the host sees it.
    expect([400, 403]).toContain((await send(h, '/rpc/system:stats', { method: 'POST', setHost: false, headers: { 'x-ipdesk-token': h.token }, body: '{}' })).status)
    expect((await rpc(h, { origin: `http://127.0.0.1:${h.port}` })).status).toBe(200)
    expect((await rpc(h, { origin: `http://localhost:${h.port}`, host: `localhost:${h.port}` })).status).toBe(200)
    // No CORS grant to anyone.
    expect((await rpc(h, { origin: `http://127.0.0.1:${h.port}` })).headers['access-control-allow-origin']).toBeUndefined()
  })

  it('sends the hardening headers and refuses other methods on /rpc', async () => {
    const h = await host()
    const page = await send(h, '/')
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['x-frame-options']).toBe('DENY')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect((await send(h, '/rpc/system:stats', { headers: { 'x-ipdesk-token': h.token } })).status).toBe(405)
    expect((await send(h, '/', { method: 'PUT', body: 'x' })).status).toBe(405)
  })
})

describe('loopback host: where it listens', () => {
  it('binds 127.0.0.1 only', async () => {
    const h = await host()
    expect(h.url.startsWith('http://127.0.0.1:')).toBe(true)
    expect(await canConnect('127.0.0.1', h.port)).toBe(true)
    expect(await canConnect('::1', h.port)).toBe(false)
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((i): i is NonNullable<typeof i> => !!i && !i.internal)
      .map((i) => i.address)
    for (const address of external) expect(await canConnect(address, h.port), address).toBe(false)
  })
})

describe('loopback host: files', () => {
  it('keeps uploads inside its own folder whatever name they claim', async () => {
    const h = await host()
    for (const name of ['../../../../tmp/evil.xlsx', '..\\..\\evil.xlsx', '/etc/passwd', 'C:\\Windows\\evil.xlsx', 'a/../../b.csv', '%2e%2e%2fx.csv']) {
      const reply = await send(h, `/upload?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { 'x-ipdesk-token': h.token }, body: 'data' })
      expect(reply.status, name).toBe(200)
      const { ref } = (JSON.parse(reply.body) as { value: { ref: string } }).value
      const entry = h.core.files.resolve(ref)
      expect(entry.path.startsWith(h.core.files.dir() + sep), name).toBe(true)
      expect(entry.name, name).not.toMatch(/[\\/]/)
    }
  })

  it('downloads only files IPDesk wrote, by reference, never a path', async () => {
    const h = await host()
    const upload = await send(h, '/upload?name=mine.csv', { method: 'POST', headers: { 'x-ipdesk-token': h.token }, body: 'data' })
    const { ref } = (JSON.parse(upload.body) as { value: { ref: string } }).value
    expect((await send(h, `/download/${ref}?token=${h.token}`)).status).toBe(403)
    for (const path of ['../archive.sqlite', '..%2farchive.sqlite', '%2e%2e%2fsecret.txt', '/etc/passwd']) {
      expect((await send(h, `/download/${path}?token=${h.token}`)).status, path).toBe(404)
    }
    const out = h.core.files.allocate('report.xlsx', 'output')
    writeFileSync(out.path, 'xlsx bytes')
    const ok = await send(h, `/download/${out.ref}?token=${h.token}&name=${encodeURIComponent('../../年度报告.xlsx')}`)
    expect(ok.status).toBe(200)
    expect(ok.body).toBe('xlsx bytes')
    expect(String(ok.headers['content-disposition'])).not.toContain('../')
  })

  it('serves nothing outside the renderer folder', async () => {
    const h = await host()
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/....//secret.txt', '/%252e%252e/secret.txt', '/..\\secret.txt']) {
      const reply = await send(h, path)
      expect(reply.body, path).not.toContain('outside the renderer folder')
    }
  })
})
