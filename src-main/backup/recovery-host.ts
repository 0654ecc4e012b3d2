import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError } from '../contract/result'
import { startWebHost, type WebHostOptions } from '../ipc/web-host'
import { recoverFromLatestBackup, recoveryOffer, setAsideDamaged, type RecoveryOffer } from './recovery'

// The loopback host when the archive will not open: instead of exiting (a blank browser tab), serve
// one self-contained page that says what is wrong and offers the newest good backup, or a fresh
// archive with the unreadable file kept aside. Once the librarian chooses, the real host takes over
// on the same port with the same token, and the page reloads into the app. Same rules as the real
// host: 127.0.0.1 only, the launch token, this host's own origin.

export interface RunningHost {
  url: string
  token: string
  port: number
  close(): Promise<void>
}

const HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
}

function page(nonce: string): string {
  // The page holds no data itself: it fetches the offer with the token, so it shows nothing to a
  // visitor without the launch URL.
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>IPDesk — 无法打开档案</title>
<style nonce="${nonce}">
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f4f5f7;margin:0;color:#1f2328}
main{max-width:680px;margin:10vh auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:28px 32px}
h1{font-size:22px;margin:0 0 12px;color:#b42318}p{line-height:1.7}code{background:#f1f3f5;padding:1px 4px;border-radius:3px;word-break:break-all}
.box{border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin:16px 0;background:#f8f9fa}
button{font-size:15px;padding:8px 18px;border-radius:6px;border:1px solid #4263eb;background:#4263eb;color:#fff;cursor:pointer;margin-right:8px}
button.secondary{background:#fff;color:#4263eb}button:disabled{opacity:.5;cursor:default}
#status{margin-top:14px;font-weight:600}
</style></head>
<body><main data-testid="recovery-page">
<h1>无法打开档案</h1>
<p id="message">正在读取……</p>
<p>档案文件：<code id="file"></code></p>
<div id="offer" class="box" hidden>
  <p>最近的完好备份：<strong id="backup-name"></strong><br>备份时间：<span id="backup-time"></span>，大小 <span id="backup-size"></span>，数据结构版本 <span id="backup-version"></span></p>
  <p>恢复后，无法打开的原文件会移到备份文件夹中保留，不会被删除。</p>
  <button id="restore">从此备份恢复</button>
</div>
<div id="none" class="box" hidden><p>没有找到该档案的可用备份。可以把无法打开的文件移到备份文件夹保留，然后新建一个空档案；或关闭本页，用命令行 <code>ipdesk restore 备份文件 --db 档案文件</code> 从其他位置的备份恢复。</p></div>
<div id="actions" hidden><button id="fresh" class="secondary">移开原文件并新建空档案</button></div>
<p id="status" role="status"></p>
</main>
<script nonce="${nonce}">
const token = new URLSearchParams(location.search).get('token') || sessionStorage.getItem('ipdesk.token') || ''
const headers = { 'X-IPDesk-Token': token, 'Content-Type': 'application/json' }
const $ = (id) => document.getElementById(id)
const status = (text) => { $('status').textContent = text }
async function load() {
  const res = await fetch('/recovery/offer', { headers })
  const body = await res.json()
  if (!body.ok) { $('message').textContent = body.error.message; return }
  const o = body.value
  $('message').textContent = o.message
  $('file').textContent = o.file
  if (o.canRecover && o.latestGood) {
    const b = o.latestGood
    $('backup-name').textContent = b.name
    $('backup-time').textContent = new Date(b.createdAt).toLocaleString('zh-CN')
    $('backup-size').textContent = (b.bytes / 1024 / 1024).toFixed(1) + ' MB'
    $('backup-version').textContent = b.schemaVersion
    $('offer').hidden = false
  } else if (o.canRecover) {
    $('none').hidden = false
  }
  $('actions').hidden = !o.canRecover
}
async function act(path, working) {
  for (const b of document.querySelectorAll('button')) b.disabled = true
  status(working)
  const res = await fetch(path, { method: 'POST', headers, body: '{}' })
  const body = await res.json()
  if (!body.ok) { status(body.error.message); for (const b of document.querySelectorAll('button')) b.disabled = false; return }
  status(body.value.message + ' 正在打开档案……')
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 200))
    try {
      const probe = await fetch('/rpc/system:info', { method: 'POST', headers, body: '{}' })
      if ((await probe.json()).ok) { location.replace('/?token=' + encodeURIComponent(token)); return }
    } catch {}
  }
  status('档案已处理，但 IPDesk 没有按时重新启动。请重新运行 npm run web。')
}
$('restore').addEventListener('click', () => act('/recovery/restore', '正在校验备份并恢复……'))
$('fresh').addEventListener('click', () => {
  if (confirm('原文件将移到备份文件夹中保留，并新建一个空档案。继续吗？')) act('/recovery/fresh', '正在新建空档案……')
})
load().catch((e) => { $('message').textContent = '无法连接 IPDesk 本机服务：' + e })
</script></body></html>`
}

function offerPayload(offer: RecoveryOffer) {
  const good = offer.latestGood
  return {
    file: offer.file,
    code: offer.code,
    message: offer.message,
    canRecover: offer.canRecover,
    latestGood: good ? { name: good.name, createdAt: good.createdAt, bytes: good.bytes, schemaVersion: good.schemaVersion } : null,
  }
}

/** Serve the recovery page for `options.dbFile`, which failed to open with `error`. */
export async function startRecoveryHost(options: WebHostOptions, error: unknown): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const tokenBytes = Buffer.from(token)
  let port = 0
  let offer = recoveryOffer(options.dbFile, error)
  let busy = false
  let real: RunningHost | null = null

  const tokenOk = (candidate: string | undefined): boolean => {
    if (!candidate) return false
    const bytes = Buffer.from(candidate)
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes)
  }
  const originOk = (req: IncomingMessage): boolean => {
    const allowed = [`127.0.0.1:${port}`, `localhost:${port}`]
    if (!allowed.includes(req.headers.host ?? '')) return false
    const origin = req.headers.origin
    return origin === undefined || allowed.some((h) => origin === `http://${h}`)
  }
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { ...HEADERS, 'Content-Type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(body))
  }

  const switchToApp = async (message: string, res: ServerResponse) => {
    await new Promise<void>((r) => {
      res.once('finish', () => r())
      json(res, 200, { ok: true, value: { message } })
    })
    // Hand the port over: stop listening, then start the real host on the same port and token.
    // (One turn of the event loop first, so the connection that carried this answer counts as idle.)
    await new Promise((r) => setImmediate(r))
    const closed = new Promise<void>((r) => server.close(() => r()))
    server.closeIdleConnections()
    const force = setTimeout(() => server.closeAllConnections(), 1000)
    await closed
    clearTimeout(force)
    real = await startWebHost({ ...options, port, token })
  }

  const server: Server = createServer((req, res) => {
    const handle = async () => {
      if (!originOk(req)) return json(res, 403, { ok: false, error: { code: 'forbidden', message: '拒绝访问：请求来源不是本机 IPDesk 页面。' } })
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      if (req.method === 'GET' && url.pathname === '/') {
        const nonce = randomBytes(16).toString('base64')
        res.writeHead(200, {
          ...HEADERS,
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        })
        return res.end(page(nonce))
      }
      const headerToken = req.headers['x-ipdesk-token'] as string | undefined
      if (!tokenOk(headerToken)) return json(res, 401, { ok: false, error: { code: 'forbidden', message: '缺少或错误的访问令牌：请使用启动时打印的完整地址打开。' } })
      if (req.method === 'GET' && url.pathname === '/recovery/offer') return json(res, 200, { ok: true, value: offerPayload(offer) })
      if (req.method === 'POST' && url.pathname.startsWith('/rpc/')) {
        return json(res, 200, { ok: false, error: { code: 'db_corrupt', message: offer.message } })
      }
      if (req.method === 'POST' && (url.pathname === '/recovery/restore' || url.pathname === '/recovery/fresh')) {
        if (!offer.canRecover) return json(res, 200, { ok: false, error: { code: offer.code, message: offer.message } })
        if (busy) return json(res, 200, { ok: false, error: { code: 'conflict', message: '正在处理，请稍候。' } })
        busy = true
        try {
          if (url.pathname === '/recovery/restore') {
            const result = await recoverFromLatestBackup(options.dbFile)
            return await switchToApp(`已从备份“${result.restoredFrom}”恢复${result.damagedMovedTo ? '，原文件已移到备份文件夹' : ''}。`, res)
          }
          const aside = setAsideDamaged(options.dbFile)
          return await switchToApp(`原文件已移到 ${aside}，已新建空档案。`, res)
        } catch (failure) {
          offer = recoveryOffer(options.dbFile, error)
          const message = failure instanceof AppError ? failure.message : `恢复失败：${(failure as Error).message}`
          if (!res.headersSent) return json(res, 200, { ok: false, error: { code: failure instanceof AppError ? failure.code : 'internal', message } })
          console.error('[ipdesk recovery]', failure)
        } finally {
          busy = false
        }
        return
      }
      return json(res, 404, { ok: false, error: { code: 'not_found', message: '未找到' } })
    }
    handle().catch((failure: unknown) => {
      console.error('[ipdesk recovery]', failure)
      if (!res.headersSent) json(res, 500, { ok: false, error: { code: 'internal', message: '服务器内部错误。' } })
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
    async close() {
      if (real) return real.close()
      await new Promise<void>((r) => server.close(() => r()))
      server.closeAllConnections()
    },
  }
}

/**
 * `npm run web`: the real host, or — if the archive will not open — the recovery page on the same
 * address. Errors that are not about the archive (a port in use) still fail the start.
 */
export async function startWebHostWithRecovery(options: WebHostOptions): Promise<RunningHost> {
  try {
    return await startWebHost(options)
  } catch (error) {
    if (!(error instanceof AppError) || !['db_corrupt', 'db_too_new', 'io', 'not_found'].includes(error.code)) throw error
    return startRecoveryHost(options, error)
  }
}
