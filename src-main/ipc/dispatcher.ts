import { z } from 'zod'
import { getChannel, isChannelName, type ChannelName } from '../contract/channels'
import { AppError, type AppErrorPayload, type Result } from '../contract/result'
import type { HandlerContext, HandlerMap, JobHandle } from './context'
import { isTrustedSender, type Sender } from './sender'

z.config(z.locales.zhCN())

export type DispatchContext = Omit<HandlerContext, 'job' | 'jobs'>

const PROGRESS_INTERVAL_MS = 100
const YIELD_INTERVAL_MS = 30

const MAX_MESSAGE = 400

/** At most five issues, each and all bounded: a payload with 200,000 unknown keys gets a short answer. */
function formatIssues(error: z.ZodError): string {
  const text = error.issues
    .slice(0, 5)
    .map((issue) => {
      const line = issue.path.length ? `${issue.path.slice(0, 6).join('.')}：${issue.message}` : issue.message
      return line.length > 160 ? `${line.slice(0, 160)}…` : line
    })
    .join('；')
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text
}

function fail(code: AppErrorPayload['code'], message: string, details?: unknown): Result<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } }
}

/**
 * The one way in. Every transport (Electron IPC, the loopback host, tests) calls `dispatch`, which
 * checks the sender, parses the input against the contract, runs the handler with a job handle for
 * long work, validates the output and returns a Result — never a thrown error.
 */
export class Dispatcher {
  private readonly running = new Map<string, AbortController>()

  constructor(
    private readonly handlers: HandlerMap<ChannelName>,
    private readonly base: () => DispatchContext,
    private readonly log: (message: string, error?: unknown) => void = (m, e) => console.error(m, e),
  ) {}

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId)
    if (!controller) return false
    controller.abort()
    return true
  }

  async dispatch(name: string, raw: unknown, sender: Sender): Promise<Result<unknown>> {
    if (!isTrustedSender(sender)) return fail('forbidden', '拒绝访问：调用来源不受信任。')
    if (typeof name !== 'string' || !isChannelName(name)) return fail('not_found', `未知的调用：${String(name).slice(0, 80)}`)
    const spec = getChannel(name)
    const parsed = spec.input.safeParse(raw ?? {})
    if (!parsed.success) return fail('invalid_input', `参数无效：${formatIssues(parsed.error)}`)

    const input = parsed.data as Record<string, unknown>
    const jobId = spec.job && typeof input.jobId === 'string' ? input.jobId : null
    if (jobId && this.running.has(jobId)) return fail('conflict', '同一任务已在进行中。')
    const controller = new AbortController()
    if (jobId) this.running.set(jobId, controller)
    const base = this.base()
    const ctx: HandlerContext = {
      ...base,
      job: this.jobHandle(jobId, controller.signal, base),
      jobs: { cancel: (id) => this.cancel(id) },
    }
    try {
      const handler = this.handlers[name] as (input: unknown, ctx: HandlerContext) => Promise<unknown>
      const value = await handler(parsed.data, ctx)
      const out = spec.output.safeParse(value)
      if (!out.success) {
        this.log(`[ipdesk] ${name}: output does not match the contract: ${formatIssues(out.error)}`)
        return fail('internal', '程序内部错误：返回数据不符合约定。请导出日志并联系维护人员。')
      }
      return { ok: true, value: out.data }
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toPayload() }
      this.log(`[ipdesk] ${name} failed`, error)
      return fail('internal', `程序内部错误：${error instanceof Error ? error.message : String(error)}。您的数据未被修改。`)
    } finally {
      if (jobId) this.running.delete(jobId)
    }
  }

  private jobHandle(id: string | null, signal: AbortSignal, base: DispatchContext): JobHandle {
    let lastSent = 0
    let lastYield = Date.now()
    const throwIfCancelled = () => {
      if (signal.aborted) throw new AppError('cancelled', '已取消，档案未作任何修改。')
    }
    return {
      id,
      signal,
      progress(phase, done, total) {
        if (!id) return
        const now = Date.now()
        // Always send the final tick; throttle the rest so a 100k-row import does not flood IPC.
        if (now - lastSent < PROGRESS_INTERVAL_MS && done < total) return
        lastSent = now
        base.emit('job:progress', { jobId: id, phase, done: Math.max(0, Math.floor(done)), total: Math.max(0, Math.floor(total)) })
      },
      throwIfCancelled,
      async checkpoint() {
        if (Date.now() - lastYield >= YIELD_INTERVAL_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve))
          lastYield = Date.now()
        }
        throwIfCancelled()
      },
    }
  }
}
