import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../contract/result'
import type { EventName, EventPayload } from '../contract/events'
import { createAppCore, type AppCore } from '../core/app-core'
import type { Emit, PlatformHooks } from './context'

// The loopback host: the built renderer and the same handlers over HTTP, for machines where Electron
// cannot run (tests, demos). It binds 127.0.0.1 only and trusts a request only when it carries this
// launch's random token and comes from this host's own origin (Host and Origin checked: no DNS
// rebinding, no cross-site requests from other pages in the browser).

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}
const MAX_RPC_BODY = 16 * 1024 * 1024
const MAX_UPLOAD = 1024 * 1024 * 1024
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

export interface WebHost {
  url: string
  token: string
  port: number
  core: AppCore
  close(): Promise<void>
}

export interface WebHostOptions {
  dbFile: string
  port?: number
  rendererDir: string
  token?: string
}

const unsupported = (what: string) => new AppError('unsupported', `浏览器版不支持${what}，请使用页面上的上传/下载。`)
const webPlatform: PlatformHooks = {
  pickFile: async () => {
    throw unsupported('系统文件对话框')
  },
  saveFile: async () => {
    throw unsupported('系统保存对话框')
  },
  showItemInFolder: async () => {
    throw unsupported('打开文件夹')
  },
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const tokenBytes = Buffer.from(token)
  const listeners = new Set<ServerResponse>()
  const emit: Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    const data = `event: ipdesk\ndata: ${JSON.stringify({ name: event, payload })}\n\n`
    for (const res of listeners) res.write(data)
  }
  const core = createAppCore({ transport: 'web', platform: webPlatform, emit })
  await core.session.open(options.dbFile)
  const rendererDir = resolve(options.rendererDir)
  let port = 0

  const tokenOk = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false
    const bytes = Buffer.from(candidate)
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes)
  }
  const originOk = (req: IncomingMessage): boolean => {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
    if (!allowedHosts.includes(req.headers.host ?? '')) return false
    const origin = req.headers.origin
    return origin === undefined || allowedHosts.some((h) => origin === `http://${h}`)
  }
  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
    res.end(JSON.stringify(body))
  }
  const refuse = (res: ServerResponse, status: 401 | 403, message: string) =>
    sendJson(res, status, { ok: false, error: { code: 'forbidden', message } })

  const readBody = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req) {
      size += (chunk as Buffer).length
      if (size > MAX_RPC_BODY) throw new AppError('invalid_input', '请求过大。')
      chunks.push(chunk as Buffer)
    }
    return Buffer.concat(chunks).toString('utf8')
  }

  const serveStatic = (pathname: string, res: ServerResponse) => {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '')
    const file = normalize(join(rendererDir, relative))
    if (!file.startsWith(rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('未找到')
      return
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': file.endsWith('.html') ? 'no-store' : 'public, max-age=3600',
    })
    createReadStream(file).pipe(res)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname
    if (!originOk(req)) return refuse(res, 403, '拒绝访问：请求来源不是本机 IPDesk 页面。')
    const headerToken = (req.headers['x-ipdesk-token'] as string | undefined) ?? req.headers.authorization?.replace(/^Bearer\s+/i, '')

    if (path.startsWith('/rpc/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: '只接受 POST 请求。' } })
      if (!tokenOk(headerToken)) return refuse(res, 401, '缺少或错误的访问令牌：请使用启动时打印的完整地址打开。')
      let input: unknown
      try {
        const body = await readBody(req)
        input = body ? (JSON.parse(body) as unknown) : {}
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: '请求内容不是有效的 JSON。' } })
      }
      const channel = decodeURIComponent(path.slice('/rpc/'.length))
      const result = await core.dispatcher.dispatch(channel, input, { kind: 'web', tokenValid: true, originAllowed: true })
      return sendJson(res, 200, result)
    }
    if (path === '/events') {
      if (!tokenOk(url.searchParams.get('token'))) return refuse(res, 401, '缺少或错误的访问令牌。')
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
      res.write(': connected\n\n')
      listeners.add(res)
      req.on('close', () => listeners.delete(res))
      return
    }
    if (path === '/upload') {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: '只接受 POST 请求。' } })
      if (!tokenOk(headerToken)) return refuse(res, 401, '缺少或错误的访问令牌。')
      const name = url.searchParams.get('name') ?? 'upload'
      const length = Number(req.headers['content-length'] ?? 0)
      if (length > MAX_UPLOAD) return sendJson(res, 413, { ok: false, error: { code: 'invalid_input', message: '文件超过 1 GB，无法上传。' } })
      const entry = core.files.allocate(name, 'uploaded')
      await pipeline(req, createWriteStream(entry.path))
      return sendJson(res, 200, { ok: true, value: { ref: entry.ref, name: entry.name, size: statSync(entry.path).size } })
    }
    if (path.startsWith('/download/')) {
      if (!tokenOk(url.searchParams.get('token'))) return refuse(res, 401, '缺少或错误的访问令牌。')
      let entry
      try {
        entry = core.files.resolve(path.slice('/download/'.length))
      } catch {
        return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: '文件已失效，请重新导出。' } })
      }
      if (entry.origin !== 'output') return refuse(res, 403, '只能下载 IPDesk 生成的文件。')
      const name = url.searchParams.get('name') || entry.name
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': MIME[extname(entry.path)] ?? 'application/octet-stream',
        'Content-Disposition': `attachment; filename="download${extname(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Cache-Control': 'no-store',
      })
      createReadStream(entry.path).pipe(res)
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: '不支持的请求。' } })
    return serveStatic(path, res)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[ipdesk web host]', error)
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: '服务器内部错误。' } })
      else res.end()
    })
  })
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    core,
    async close() {
      for (const res of listeners) res.end()
      await new Promise<void>((r) => server.close(() => r()))
      server.closeAllConnections()
      await core.session.close()
      core.files.dispose()
    },
  }
}
