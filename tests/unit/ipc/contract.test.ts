import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHANNEL_NAMES, channels } from '../../../src-main/contract/channels'
import { isoDate } from '../../../src-main/contract/common'
import { EVENT_NAMES } from '../../../src-main/contract/events'
import { handlers } from '../../../src-main/ipc/handlers'
import { buildBridge } from '../../../src-main/preload/bridge'

const root = resolve(__dirname, '../../..')

describe('the contract', () => {
  it('has a handler for every channel and no handler without a channel', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNEL_NAMES].sort())
  })

  it('takes only days the calendar has as dates, and says which rule a date breaks', () => {
    for (const day of ['2024-02-29', '2023-12-31', '1999-01-01']) expect(isoDate.safeParse(day).success, day).toBe(true)
    for (const day of ['2023-02-29', '2018-02-30', '2023-04-31', '2023-13-01', '2023-00-10']) {
      const parsed = isoDate.safeParse(day)
      expect(parsed.success, day).toBe(false)
      expect(parsed.error?.issues.map((i) => i.message), day).toEqual(['没有这一天（如 2 月 30 日）：请核对日期'])
    }
    expect(isoDate.safeParse('2023/2/3').error?.issues.map((i) => i.message)).toEqual(['日期格式应为 YYYY-MM-DD'])
  })

  it('names channels area:verb', () => {
    for (const name of CHANNEL_NAMES) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/)
  })

  it('marks long channels as jobs, and every job channel takes a jobId', () => {
    for (const name of CHANNEL_NAMES) {
      const spec = channels[name]
      if (!('job' in spec) || !spec.job) continue
      const parsed = spec.input.safeParse({})
      expect(parsed.success, `${name} must require a jobId`).toBe(false)
    }
  })

  it('is pure: no file under src-main/contract imports Node, Electron or the database driver', () => {
    const dir = join(root, 'src-main/contract')
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), 'utf8')
      const imports = [...source.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)]
      for (const [, typeOnly, from] of imports) {
        if (typeOnly) continue
        expect(from, `${file} imports ${from}`).toMatch(/^(zod|\.\/.+)$/)
      }
    }
  })
})

describe('the preload bridge', () => {
  it('exposes exactly one function per contract channel and routes each call to its channel', async () => {
    const calls: [string, unknown][] = []
    const bridge = buildBridge(
      async (channel, input) => {
        calls.push([channel, input])
        return { ok: true, value: null }
      },
      () => () => {},
    )
    expect(Object.keys(bridge.channels).sort()).toEqual([...CHANNEL_NAMES].sort())
    for (const name of CHANNEL_NAMES) {
      expect(typeof bridge.channels[name]).toBe('function')
      await (bridge.channels[name] as (i: unknown) => Promise<unknown>)({ probe: name })
    }
    expect(calls).toEqual(CHANNEL_NAMES.map((name) => [name, { probe: name }]))
    expect(Object.keys(bridge).sort()).toEqual(['channels', 'onEvent'])
  })

  it('never hands ipcRenderer itself to the page', () => {
    const source = readFileSync(join(root, 'src-main/preload/index.ts'), 'utf8')
    expect(source).toMatch(/exposeInMainWorld\('ipdesk', bridge\)/)
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/)
  })

  it('declares each event once', () => {
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length)
    expect(EVENT_NAMES).toContain('job:progress')
  })
})
