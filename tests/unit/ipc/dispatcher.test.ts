import { describe, expect, it, vi } from 'vitest'
import { join } from 'node:path'
import { ArchiveSession } from '../../../src-main/core/session'
import { FileStore } from '../../../src-main/core/files'
import { Dispatcher } from '../../../src-main/ipc/dispatcher'
import { handlers } from '../../../src-main/ipc/handlers'
import type { HandlerMap } from '../../../src-main/ipc/context'
import type { ChannelName } from '../../../src-main/contract/channels'
import type { EventName } from '../../../src-main/contract/events'
import { AppError } from '../../../src-main/contract/result'
import { onCleanup, tempDir } from '../helpers/temp'

const cli = { kind: 'cli' } as const

async function setup(overrides: Partial<HandlerMap<ChannelName>> = {}) {
  const session = new ArchiveSession()
  await session.open(join(tempDir(), 'a.sqlite'))
  const files = new FileStore()
  onCleanup(async () => {
    await session.close()
    files.dispose()
  })
  const events: [EventName, unknown][] = []
  const dispatcher = new Dispatcher({ ...handlers, ...overrides } as HandlerMap<ChannelName>, () => ({
    session,
    files,
    transport: 'web',
    platform: { pickFile: async () => null, saveFile: async () => null },
    emit: (event, payload) => events.push([event, payload]),
    appVersion: '0.0.0-test',
  }), () => {})
  return { dispatcher, events, session }
}

describe('Dispatcher', () => {
  it('answers a valid call with ok and the parsed output', async () => {
    const { dispatcher } = await setup()
    const result = await dispatcher.dispatch('system:stats', {}, cli)
    expect(result).toEqual({ ok: true, value: { assets: 0, researchers: 0, projects: 0, services: 0, disclosures: 0, evaluations: 0 } })
  })

  it('refuses input that does not match the contract with a Chinese message, without calling the handler', async () => {
    let called = false
    const { dispatcher } = await setup({ 'settings:update': async () => { called = true; throw new Error('unreachable') } })
    const result = await dispatcher.dispatch('settings:update', { operatorName: 42 }, cli)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid_input')
    expect(result.error.message).toMatch(/参数无效.*operatorName/)
    expect(called).toBe(false)
  })

  it('refuses unknown keys (strict inputs) and unknown channels', async () => {
    const { dispatcher } = await setup()
    expect(await dispatcher.dispatch('settings:update', { __proto__: { admin: true }, evil: 1 }, cli)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await dispatcher.dispatch('nope:nothing', {}, cli)).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await dispatcher.dispatch('toString', {}, cli)).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('keeps validation messages short however many unknown keys arrive', async () => {
    const { dispatcher } = await setup()
    const payload = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`key${i}`, i]))
    const result = await dispatcher.dispatch('settings:update', payload, cli)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    if (!result.ok) expect(result.error.message.length).toBeLessThan(500)
  })

  it('never confirms every suggested link on an empty payload: "all" must be asked for', async () => {
    const { dispatcher } = await setup()
    expect(await dispatcher.dispatch('links:confirmSuggested', {}, cli)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await dispatcher.dispatch('links:confirmSuggested', { all: true }, cli)).toEqual({ ok: true, value: { confirmed: 0 } })
  })

  it('refuses untrusted senders before parsing anything', async () => {
    const { dispatcher } = await setup()
    const iframe = { kind: 'electron', frameUrl: 'file:///app/index.html', isTopFrame: false, trustedOrigins: ['file://'] } as const
    expect(await dispatcher.dispatch('system:stats', {}, iframe)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const web = { kind: 'web', tokenValid: false, originAllowed: true } as const
    expect(await dispatcher.dispatch('system:stats', {}, web)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('turns AppError into its payload and other errors into an internal error that says data is safe', async () => {
    const { dispatcher } = await setup({
      'system:stats': async () => {
        throw new AppError('conflict', '已存在')
      },
      'settings:get': async () => {
        throw new TypeError('boom')
      },
    })
    expect(await dispatcher.dispatch('system:stats', {}, cli)).toEqual({ ok: false, error: { code: 'conflict', message: '已存在' } })
    const internal = await dispatcher.dispatch('settings:get', {}, cli)
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('数据未被修改') } })
  })

  it('checks handler output against the contract', async () => {
    const { dispatcher } = await setup({ 'system:stats': async () => ({ assets: 'many' }) as never })
    expect(await dispatcher.dispatch('system:stats', {}, cli)).toMatchObject({ ok: false, error: { code: 'internal' } })
  })

  it('reports job progress as events and cancels a running job on request', async () => {
    const { dispatcher, events } = await setup()
    const running = dispatcher.dispatch('demo:seed', { jobId: 'job-1', scale: 20 }, cli)
    // Once the seed reports progress, cancel it from a second call, as the UI would.
    await vi.waitFor(() => expect(events.some(([name]) => name === 'job:progress')).toBe(true))
    expect(await dispatcher.dispatch('jobs:cancel', { jobId: 'job-1' }, cli)).toEqual({ ok: true, value: { cancelled: true } })
    const result = await running
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(events.some(([name]) => name === 'job:progress')).toBe(true)
    // Cancelled means nothing was written.
    expect(await dispatcher.dispatch('system:stats', {}, cli)).toMatchObject({ ok: true, value: { assets: 0, researchers: 0 } })
  })
})
