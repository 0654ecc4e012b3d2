import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-main/contract/channels'
import type { EventName, EventPayload } from '../../src-main/contract/events'
import type { AppErrorPayload, ErrorCode } from '../../src-main/contract/result'
import { electronTransport } from './transport-electron'
import { readWebToken, webTransport } from './transport-web'
import type { Transport } from './types'

/** A failed call, with the Chinese message from main. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  constructor(payload: AppErrorPayload) {
    super(payload.message)
    this.name = 'ApiError'
    this.code = payload.code
    this.details = payload.details
  }
}

function pickTransport(): Transport | null {
  if (window.ipdesk) return electronTransport(window.ipdesk)
  const token = readWebToken()
  return token ? webTransport(token) : null
}

let transport: Transport | null | undefined

function current(): Transport {
  if (transport === undefined) transport = pickTransport()
  if (!transport) throw new ApiError({ code: 'forbidden', message: '缺少访问令牌：请使用 npm run web 启动时打印的完整地址打开。' })
  return transport
}

/** For tests: use a specific transport. */
export function setTransport(next: Transport | null): void {
  transport = next
}

export function hasTransport(): boolean {
  if (transport === undefined) transport = pickTransport()
  return transport !== null
}

export const api = {
  /** Call a channel; resolves with its output or rejects with an ApiError. */
  async call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const result = await current().invoke(channel, input)
    if (!result.ok) throw new ApiError(result.error)
    return result.value
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return current().onEvent((name, payload) => {
      if (name === event) listener(payload as EventPayload<E>)
    })
  },
  pickFile: (title: string, extensions: string[]) => current().pickFile(title, extensions),
  deliverFile: (ref: string, suggestedName: string) => current().deliverFile(ref, suggestedName),
  get transportKind(): 'electron' | 'web' {
    return current().kind
  },
}

let jobCounter = 0
/** A fresh id for a long-running call, so progress events and cancel can find it. */
export function newJobId(): string {
  jobCounter += 1
  return `job-${Date.now().toString(36)}-${jobCounter}`
}
