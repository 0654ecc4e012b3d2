import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from '@playwright/test'

// End-to-end: the real renderer in Chromium, talking to the loopback host (`out/main/web.js`) over the
// same handlers as the desktop app. Each test starts its own host on a fresh archive (tests/e2e/fixtures.ts).
const systemChromium = '/usr/bin/chromium'

export default defineConfig({
  testDir: resolve(import.meta.dirname, '../tests/e2e'),
  outputDir: resolve(import.meta.dirname, process.env.IPDESK_OUT ? `../test-results-${process.env.IPDESK_OUT}/e2e` : '../test-results/e2e'),
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    launchOptions: {
      ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
      args: ['--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
    },
  },
})
