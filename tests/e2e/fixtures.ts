import { test as base, expect, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')
export const SCREENSHOT_DIR = join(ROOT, process.env.IPDESK_OUT ? `test-results-${process.env.IPDESK_OUT}` : 'test-results', 'screens')

export interface HostHandle {
  url: string
  dbFile: string
  dir: string
}

/** The temp folder of the host started in `dir`. */
export function hostTempDir(dir: string): string {
  return join(dir, 'tmp')
}

/** Start `out/main/web.js` on a fresh archive and wait for its one announced line. */
async function startHost(dir: string): Promise<{ host: HostHandle; child: ChildProcess }> {
  const dbFile = join(dir, 'archive.sqlite')
  // The host's temp files (uploads, exceljs' parked sheets) stay in the test's folder, where a test can
  // check that nothing is left behind.
  const temp = hostTempDir(dir)
  mkdirSync(temp, { recursive: true })
  const child = spawn(process.execPath, [join(ROOT, process.env.IPDESK_OUT || 'out', 'main/web.js')], {
    env: { ...process.env, IPDESK_DB: dbFile, IPDESK_PORT: '0', TMPDIR: temp, TEMP: temp, TMP: temp },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = await new Promise<string>((resolvePromise, reject) => {
    let stdout = ''
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${stderr}`)), 30_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /IPDesk web host: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout)
      if (match) {
        clearTimeout(timer)
        resolvePromise(match[1]!)
      }
    })
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr}`)))
  })
  return { host: { url, dbFile, dir }, child }
}

export const test = base.extend<{ host: HostHandle; app: Page }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'ipdesk-e2e-'))
    const { host, child } = await startHost(dir)
    await use(host)
    child.kill('SIGTERM')
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))
    rmSync(dir, { recursive: true, force: true })
  },
  /** The app, opened with its token, once the status bar shows the open archive. */
  app: async ({ page, host }, use) => {
    await page.goto(host.url)
    await expect(page.getByTestId('status-archive')).toContainText('archive.sqlite')
    await use(page)
  },
})

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  return file
}

export { expect }
