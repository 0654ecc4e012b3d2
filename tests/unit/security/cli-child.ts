import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

// The built `ipdesk` command as a child process, the way a librarian runs it: with a time limit (a run
// that does not end is a hang, and fails), a memory limit watched while it runs (Linux: /proc), and its
// peak resident memory reported by a preloaded probe when it exits. Uses the build in
// $IPDESK_OUT (default out/), like every test that runs the CLI.

export const BIN = resolve(__dirname, '../../../resources/cli/ipdesk.mjs')
const PROBE = resolve(__dirname, 'rss-probe.mjs')

export interface ChildLimits {
  timeoutMs: number
  /** Killed when its resident memory goes above this. */
  maxRssMb: number
}

export interface ChildRun {
  args: readonly string[]
  code: number | null
  signal: NodeJS.Signals | null
  ms: number
  /** Peak resident memory: the probe's figure, or the highest /proc sample when the child was killed. */
  peakRssMb: number
  timedOut: boolean
  overMemory: boolean
  stdout: string
  stderr: string
}

function rssOf(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]
    return kb ? Number(kb) / 1024 : null
  } catch {
    return null
  }
}

let serial = 0

export function runCli(args: readonly string[], limits: ChildLimits): Promise<ChildRun> {
  const report = join(tmpdir(), `ipdesk-rss-${process.pid}-${serial++}-${Date.now()}.txt`)
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', PROBE, BIN, ...args], {
    env: { ...process.env, IPDESK_RSS_REPORT: report },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  let timedOut = false
  let overMemory = false
  let sampled = 0
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, limits.timeoutMs)
  const watch = setInterval(() => {
    const rss = child.pid ? rssOf(child.pid) : null
    if (rss === null) return
    sampled = Math.max(sampled, rss)
    if (rss > limits.maxRssMb) {
      overMemory = true
      child.kill('SIGKILL')
    }
  }, 100)
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      clearInterval(watch)
      let peak = sampled
      if (existsSync(report)) {
        peak = Math.max(peak, Number(readFileSync(report, 'utf8')) || 0)
        rmSync(report, { force: true })
      }
      resolvePromise({ args, code, signal, ms: performance.now() - started, peakRssMb: peak, timedOut, overMemory, stdout, stderr })
    })
  })
}

/** Run `tasks` with at most `limit` at a time (child processes: one per core is plenty). */
export async function pool<T>(tasks: (() => Promise<T>)[], limit = Math.max(1, Math.min(4, availableParallelism()))): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length)
  let next = 0
  async function worker(): Promise<void> {
    while (next < tasks.length) {
      const i = next++
      results[i] = await tasks[i]!()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker))
  return results
}

/** What a crash looks like in the output: the CLI's own last-resort message, or a stack trace. */
export function crashIn(text: string): string | null {
  if (text.includes('程序内部错误')) return '程序内部错误'
  const stack = /^\s+at .+(?::\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m.exec(text)
  if (stack) return `stack trace: ${stack[0].trim()}`
  const thrown = /^(?:Uncaught )?(?:[A-Z]\w*)?(?:Error|Exception): /m.exec(text)
  if (thrown) return `uncaught error: ${thrown[0]}`
  return null
}

export const HAS_CHINESE = /[\u4e00-\u9fff]/
