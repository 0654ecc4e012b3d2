import { request } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../../src-main/ipc/web-host'
import { onCleanup, tempDir } from '../helpers/temp'

async function host(): Promise<WebHost> {
  const dir = tempDir()
  const renderer = join(dir, 'renderer')
  mkdirSync(renderer)
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>IPDesk</title>')
  const started = await startWebHost({ dbFile: join(dir, 'archive.sqlite'), rendererDir: renderer })
  onCleanup(() => started.close())
  return started
}

interface Reply {
  status: number
  body: string
}

/** A raw HTTP request, so tests can send the Host and Origin headers a browser would not let us forge. */
function send(h: WebHost, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: h.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${h.port}`, ...options.headers } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

const rpc = (h: WebHost, channel: string, input: unknown, headers: Record<string, string> = {}) =>
  send(h, `/rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ipdesk-token': h.token, ...headers }, body: JSON.stringify(input) })

describe('loopback web host', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the token', async () => {
    const h = await host()
    expect(h.core.session.archive.file).toMatch(/archive\.sqlite$/)
    expect(h.url).toBe(`http://127.0.0.1:${h.port}/?token=${h.token}`)
    expect(h.token.length).toBeGreaterThanOrEqual(32)
  })

  it('serves the renderer and answers RPC calls with a Result', async () => {
    const h = await host()
    const page = await send(h, '/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('IPDesk')
    const stats = await rpc(h, 'system:stats', {})
    expect(stats.status).toBe(200)
    expect(JSON.parse(stats.body)).toEqual({ ok: true, value: { assets: 0, researchers: 0, projects: 0, services: 0, disclosures: 0, evaluations: 0 } })
  })

  it('answers 401 without the token or with a wrong one', async () => {
    const h = await host()
    expect((await rpc(h, 'system:stats', {}, { 'x-ipdesk-token': '' })).status).toBe(401)
    expect((await rpc(h, 'system:stats', {}, { 'x-ipdesk-token': 'x'.repeat(h.token.length) })).status).toBe(401)
    expect((await send(h, '/events')).status).toBe(401)
  })

  it('refuses other origins and foreign Host headers (CSRF, DNS rebinding) even with the token', async () => {
    const h = await host()
    expect((await rpc(h, 'system:stats', {}, { origin: 'http://evil.example' })).status).toBe(403)
    expect((await rpc(h, 'system:stats', {}, { host: `evil.example:${h.port}` })).status).toBe(403)
    expect((await rpc(h, 'system:stats', {}, { origin: `http://127.0.0.1:${h.port}` })).status).toBe(200)
  })

  it('does not serve files outside the renderer folder', async () => {
    const h = await host()
    expect((await send(h, '/../archive.sqlite')).status).toBe(404)
    expect((await send(h, '/%2e%2e/archive.sqlite')).status).toBe(404)
  })

  it('answers malformed JSON with a validation error and keeps running', async () => {
    const h = await host()
    const bad = await send(h, '/rpc/system:stats', { method: 'POST', headers: { 'x-ipdesk-token': h.token }, body: '{not json' })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect((await rpc(h, 'system:stats', {})).status).toBe(200)
  })
})
