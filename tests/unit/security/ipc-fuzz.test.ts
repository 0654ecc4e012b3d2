import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { request } from 'node:http'
import { join } from 'node:path'
import { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNEL_NAMES, getChannel, type ChannelName } from '../../../src-main/contract/channels'
import { ERROR_CODES, type Result } from '../../../src-main/contract/result'
import { ArchiveSession } from '../../../src-main/core/session'
import { FileStore } from '../../../src-main/core/files'
import { seedDemo } from '../../../src-main/demo/seed'
import { Dispatcher } from '../../../src-main/ipc/dispatcher'
import { handlers } from '../../../src-main/ipc/handlers'
import { startWebHost, type WebHost } from '../../../src-main/ipc/web-host'
import { hostileBodies, hostileValues, type Payload } from './fuzz-payloads'

// Every channel of the contract — read from CHANNEL_NAMES at run time, so channels other areas add
// later are fuzzed too — gets malformed payloads through the one dispatcher (and a sample through the
// real loopback host over HTTP). Each call must come back as a Result: a payload the contract refuses
// is an 'invalid_input', nothing throws out of the dispatcher, nothing is written to the archive and
// Object.prototype stays clean.

const cli = { kind: 'cli' } as const
const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype]
const protoSnapshot = () => PROTOTYPES.map((p) => Object.getOwnPropertyNames(p).sort().join(','))

let dir: string
let session: ArchiveSession
let files: FileStore
let dispatcher: Dispatcher
const internalLog: string[] = []
const escaped: unknown[] = []
const onEscape = (error: unknown) => escaped.push(error)

beforeAll(async () => {
  // Not tempDir(): that one is removed after each test, and this archive serves the whole file.
  dir = mkdtempSync(join(tmpdir(), 'ipdesk-fuzz-'))
  session = new ArchiveSession()
  const archive = await session.open(join(dir, 'fuzz.sqlite'))
  await seedDemo(archive.db, { scale: 1, today: '2025-06-30' })
  files = new FileStore()
  dispatcher = new Dispatcher(
    handlers,
    () => ({
      session,
      files,
      transport: 'web',
      // As if the user cancelled every dialog: the fuzz must never open one for real.
      platform: { pickFile: async () => null, saveFile: async () => null },
      emit: () => {},
      appVersion: '0.0.0-fuzz',
    }),
    (message) => internalLog.push(message),
  )
  process.on('unhandledRejection', onEscape)
  process.on('uncaughtException', onEscape)
  await warmUp((name) => dispatcher.dispatch(name, {}, cli))
}, 120_000)

afterAll(async () => {
  process.off('unhandledRejection', onEscape)
  process.off('uncaughtException', onEscape)
  await session.close()
  files.dispose()
  rmSync(dir, { recursive: true, force: true })
})

/** Everything that would show a write: the file bytes, every table's row count, and SQLite's own counter. */
function archiveState(): { hash: string; counts: string; changes: number } {
  const sqlite = session.archive.sqlite
  const tables = (sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name)
  const counts = tables.map((t) => `${t}=${(sqlite.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n}`).join(',')
  const hash = createHash('sha256')
  const file = session.archive.file
  for (const f of [file, `${file}-wal`]) if (existsSync(f)) hash.update(readFileSync(f))
  return { hash: hash.digest('hex'), counts, changes: totalChanges() }
}

function totalChanges(): number {
  return (session.archive.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n
}

/** The keys of a channel's input object, so each field can be given each hostile value. */
function inputKeys(name: ChannelName): string[] {
  const input = getChannel(name).input
  return input instanceof z.ZodObject ? Object.keys(input.shape as Record<string, unknown>) : []
}

function payloadsFor(name: ChannelName, values: Payload[]): Payload[] {
  const out: Payload[] = [...values]
  for (const key of inputKeys(name)) {
    for (const v of values) out.push({ label: `${key} = ${v.label}`, value: { [key]: v.value } })
    out.push({ label: `${key} plus unknown key`, value: { [key]: 'x', unexpected: 1 } })
  }
  out.push({ label: 'unknown key only', value: { notAField: 'x' } })
  return out
}

function isEmptyPayload(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0 && !(value instanceof Map) && !(value instanceof Set) && !(value instanceof Date))
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const r = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } }
  if (r.ok === true) return 'value' in r
  return r.ok === false && typeof r.error?.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(r.error?.code)
}

const values = hostileValues()

/**
 * Channels whose contract accepts an empty payload ({} — also what a null payload becomes) and that
 * write when they get one. Each is a finding for its owner to confirm or change; they are listed so the
 * suite keeps guarding everything else meanwhile. Payloads their contract refuses must still write
 * nothing.
 */
const EMPTY_PAYLOAD_WRITES: Record<string, string> = {}

/** One empty call per channel first: caches a read may bring up to date (the search index) are not writes of the fuzz. */
async function warmUp(dispatch: (name: ChannelName) => Promise<unknown>): Promise<void> {
  for (const name of CHANNEL_NAMES) {
    if (getChannel(name).input.safeParse({}).success && !(name in EMPTY_PAYLOAD_WRITES)) await dispatch(name).catch(() => {})
  }
}

describe('IPC fuzz through the dispatcher', () => {
  it('covers every channel of the contract', () => {
    expect(CHANNEL_NAMES.length).toBeGreaterThan(0)
    expect(CHANNEL_NAMES).toEqual(Object.keys(handlers).sort())
  })

  it.each(CHANNEL_NAMES.map((name) => [name]))('%s answers malformed payloads with a Result, without a write', async (name) => {
    const spec = getChannel(name)
    const problems: string[] = []
    const protoBefore = protoSnapshot()
    const accepted: Payload[] = []
    const before = archiveState()

    // Phase 1: everything the contract refuses, and the empty payload. Nothing may be written.
    const empties: Payload[] = []
    for (const payload of payloadsFor(name, values)) {
      const parsed = spec.input.safeParse(payload.value ?? {})
      if (parsed.success && !isEmptyPayload(payload.value)) {
        accepted.push(payload)
        continue
      }
      if (parsed.success && name in EMPTY_PAYLOAD_WRITES) {
        empties.push(payload)
        continue
      }
      const changes = totalChanges()
      let result: unknown
      try {
        result = await dispatcher.dispatch(name, payload.value, cli)
      } catch (error) {
        problems.push(`${payload.label}: threw ${String(error)}`)
        continue
      }
      if (!isResult(result)) problems.push(`${payload.label}: not a Result`)
      else if (!parsed.success && (result.ok || result.error.code !== 'invalid_input')) problems.push(`${payload.label}: expected invalid_input, got ${JSON.stringify(result).slice(0, 200)}`)
      else if (parsed.success && !result.ok && result.error.code === 'internal') problems.push(`${payload.label}: internal error ${result.error.message.slice(0, 200)}`)
      if (totalChanges() !== changes) problems.push(`${payload.label}: wrote to the archive`)
      if (({} as Record<string, unknown>).polluted !== undefined || ({} as Record<string, unknown>).isAdmin !== undefined) problems.push(`${payload.label}: polluted Object.prototype`)
    }
    const after = archiveState()
    if (after.hash !== before.hash) problems.push('the archive file changed')
    if (after.counts !== before.counts) problems.push(`row counts changed: ${before.counts} → ${after.counts}`)

    // Phase 2: hostile values the contract accepts (free text, for instance), and the empty payload
    // of the channels listed above. A write may be legitimate here; a crash is not.
    for (const payload of [...empties, ...accepted]) {
      try {
        const result = await dispatcher.dispatch(name, payload.value, cli)
        if (!isResult(result)) problems.push(`${payload.label} (accepted): not a Result`)
        else if (!result.ok && result.error.code === 'internal') problems.push(`${payload.label} (accepted): internal error ${result.error.message.slice(0, 200)}`)
      } catch (error) {
        problems.push(`${payload.label} (accepted): threw ${String(error)}`)
      }
    }

    if (protoSnapshot().join('|') !== protoBefore.join('|')) problems.push('a prototype gained or lost properties')
    if (escaped.length) problems.push(`escaped: ${escaped.map(String).join('; ')}`)
    expect(problems).toEqual([])
  })
})

function post(host: WebHost, channel: string, body: string | Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent: false, host: '127.0.0.1', port: host.port, path: `/rpc/${encodeURIComponent(channel)}`, method: 'POST', headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', 'x-ipdesk-token': host.token } },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('IPC fuzz through the loopback host (HTTP)', () => {
  let host: WebHost
  let hostDir: string

  beforeAll(async () => {
    hostDir = mkdtempSync(join(tmpdir(), 'ipdesk-fuzz-host-'))
    const renderer = join(hostDir, 'renderer')
    mkdirSync(renderer)
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>IPDesk</title>')
    host = await startWebHost({ dbFile: join(hostDir, 'archive.sqlite'), rendererDir: renderer })
    await seedDemo(host.core.session.archive.db, { scale: 1, today: '2025-06-30' })
  }, 120_000)

  afterAll(async () => {
    await host.close()
    rmSync(hostDir, { recursive: true, force: true })
  })

  const hostChanges = () => (host.core.session.archive.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n

  it('answers hostile JSON bodies on every channel with a Result, without a write', async () => {
    const problems: string[] = []
    await warmUp((name) => post(host, name, '{}'))
    let rejectedWrites = 0
    for (const name of CHANNEL_NAMES) {
      for (const body of hostileBodies()) {
        let json: unknown
        let validJson = true
        try {
          json = JSON.parse(body.value as string)
        } catch {
          validJson = false
        }
        const refused = !validJson || !getChannel(name).input.safeParse(json ?? {}).success
        const changes = hostChanges()
        const reply = await post(host, name, body.value as string)
        let parsed: unknown
        try {
          parsed = JSON.parse(reply.body)
        } catch {
          problems.push(`${name} ${body.label}: HTTP ${reply.status}, not JSON`)
          continue
        }
        if (!isResult(parsed)) problems.push(`${name} ${body.label}: not a Result`)
        else if (refused && (parsed.ok || parsed.error.code !== 'invalid_input')) problems.push(`${name} ${body.label}: expected invalid_input, got ${reply.body.slice(0, 200)}`)
        else if (!refused && !parsed.ok && parsed.error.code === 'internal') problems.push(`${name} ${body.label}: internal error`)
        const emptyPayload = validJson && (json === null || (typeof json === 'object' && !Array.isArray(json) && Object.keys(json as object).length === 0))
        if ((refused || (emptyPayload && !(name in EMPTY_PAYLOAD_WRITES))) && hostChanges() !== changes) {
          rejectedWrites++
          problems.push(`${name} ${body.label}: wrote to the archive`)
        }
      }
    }
    expect(rejectedWrites).toBe(0)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(problems).toEqual([])
  })

  it('answers 10 MB bodies on a sample of channels, and refuses bodies over the limit', async () => {
    const sample = [...new Set([CHANNEL_NAMES[0]!, CHANNEL_NAMES[Math.floor(CHANNEL_NAMES.length / 2)]!, CHANNEL_NAMES[CHANNEL_NAMES.length - 1]!, 'settings:update'])]
    const changes = hostChanges()
    const ten = JSON.stringify({ operatorName: 'x'.repeat(10 * 1024 * 1024) })
    for (const name of sample) {
      const reply = await post(host, name, ten)
      expect(reply.status, name).toBe(200)
      expect(JSON.parse(reply.body), name).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    }
    // Over the host's 16 MB limit: refused with 400, or — when the host stops reading before the
    // client has finished sending — the connection is reset. Either way nothing is dispatched.
    const tooBig = await post(host, 'settings:update', Buffer.alloc(17 * 1024 * 1024, 0x20)).catch((error: NodeJS.ErrnoException) => ({ status: 0, body: error.code ?? '' }))
    if (tooBig.status === 0) expect(['ECONNRESET', 'EPIPE']).toContain(tooBig.body)
    else {
      expect(tooBig.status).toBe(400)
      expect(JSON.parse(tooBig.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    }
    expect(hostChanges()).toBe(changes)
    // Still serving.
    expect(JSON.parse((await post(host, 'system:stats', '{}')).body)).toMatchObject({ ok: true, value: { assets: 600 } })
  })
})
