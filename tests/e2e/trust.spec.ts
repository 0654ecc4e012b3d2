import type { Page } from '@playwright/test'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, screenshot, test } from './fixtures'

// Trust (issue 8): the backup page (back up now, integrity check, restore with confirmation), the
// audit log page (filters, detail, chain check), and the loopback host's recovery page for an
// archive that will not open.

const ROOT = resolve(import.meta.dirname, '../..')
const OUT = join(ROOT, process.env.IPDESK_OUT || 'out', 'main')

async function goTo(app: Page, path: string): Promise<void> {
  await app.evaluate((to) => {
    window.location.hash = to
  }, path)
}

async function loadDemo(app: Page): Promise<void> {
  await app.getByRole('button', { name: '载入演示数据' }).click()
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 600')
}

async function setUniversity(app: Page, name: string): Promise<void> {
  await goTo(app, '/settings')
  // Wait for the saved values to load into the form, or they would overwrite what is typed.
  await expect(app.getByLabel('学校正式名称')).not.toHaveValue('')
  await app.getByLabel('学校正式名称').fill(name)
  await app.getByRole('button', { name: '保存设置' }).click()
  await expect(app.getByText('设置已保存')).toBeVisible()
}

test('back up now, check integrity, and restore a backup after confirming', async ({ app }) => {
  await loadDemo(app)
  await goTo(app, '/backup')
  await expect(app.getByRole('heading', { name: '备份与恢复' })).toBeVisible()
  await expect(app.getByTestId('backup-empty')).toBeVisible()
  await screenshot(app, 'trust-backup-empty')

  await app.getByRole('button', { name: '立即备份' }).click()
  await expect(app.getByTestId('backup-row')).toHaveCount(1)
  await expect(app.getByTestId('backup-row').first()).toContainText('手动备份')

  await app.getByRole('button', { name: '完整性检查' }).click()
  await expect(app.getByTestId('integrity-result')).toContainText('档案完好')
  await screenshot(app, 'trust-backup-list')

  // Change something, then go back to the backup.
  await setUniversity(app, '改名以后的大学')
  await goTo(app, '/backup')
  await app.getByTestId('backup-row').first().getByRole('button', { name: '恢复…' }).click()
  const dialog = app.getByRole('dialog', { name: '用备份替换当前档案？' })
  await expect(dialog).toContainText('恢复之前')
  await screenshot(app, 'trust-restore-confirm')
  await dialog.getByRole('button', { name: '确认恢复' }).click()
  await expect(app.getByText(/已从“.*”恢复/)).toBeVisible()
  // The safety copy of the changed archive is listed too.
  await expect(app.getByTestId('backup-row')).toHaveCount(2)
  await expect(app.getByTestId('backup-table')).toContainText('恢复前自动备份')

  await goTo(app, '/settings')
  await expect(app.getByLabel('学校正式名称')).toHaveValue('东海理工大学')
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 600')
})

test('cancelling the restore dialog changes nothing', async ({ app }) => {
  await loadDemo(app)
  await goTo(app, '/backup')
  await app.getByRole('button', { name: '立即备份' }).click()
  await expect(app.getByTestId('backup-row')).toHaveCount(1)
  await setUniversity(app, '保持不变的大学')
  await goTo(app, '/backup')
  await app.getByTestId('backup-row').first().getByRole('button', { name: '恢复…' }).click()
  await app.getByRole('dialog').getByRole('button', { name: '取消' }).click()
  await expect(app.getByRole('dialog')).toBeHidden()
  await goTo(app, '/settings')
  await expect(app.getByLabel('学校正式名称')).toHaveValue('保持不变的大学')
})

test('the audit log lists every change, filters, shows before/after and checks the chain', async ({ app }) => {
  await loadDemo(app)
  await setUniversity(app, '审计测试大学')
  await goTo(app, '/audit')
  await expect(app.getByRole('heading', { name: '审计日志' })).toBeVisible()
  // The demo seed writes several entries (its settings, its import, …); ours is the newest.
  await expect(app.getByTestId('audit-total')).toHaveText(/共 \d+ 条/)
  const total = await app.getByTestId('audit-total').textContent()
  await expect(app.getByTestId('audit-row').first()).toContainText('审计测试大学')
  await screenshot(app, 'trust-audit')

  await app.getByRole('combobox', { name: '操作', exact: true }).click()
  await app.getByRole('option', { name: '修改设置' }).click()
  await expect(app.getByTestId('audit-total')).not.toHaveText(total!)
  await expect(app.getByTestId('audit-row').first()).toContainText('修改设置')
  for (const row of await app.getByTestId('audit-row').all()) await expect(row).toContainText('修改设置')

  await app.getByTestId('audit-row').first().click()
  await expect(app.getByTestId('audit-detail')).toContainText('审计测试大学')
  await expect(app.getByTestId('audit-detail')).toContainText('修改前')

  await app.getByRole('button', { name: '校验审计链' }).click()
  await expect(app.getByTestId('audit-chain-result')).toContainText('审计日志完整')
  await screenshot(app, 'trust-audit-filtered')

  await app.getByRole('button', { name: '清除筛选' }).click()
  await expect(app.getByTestId('audit-total')).toHaveText(total!)
  await app.getByLabel('对象编号').fill('no-such-id')
  await expect(app.getByTestId('audit-empty')).toBeVisible()
})

test('an archive that will not open gets a recovery page that restores the latest good backup', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ipdesk-e2e-recovery-'))
  const db = join(dir, 'archive.sqlite')
  const cli = (...args: string[]) => execFileSync(process.execPath, [join(OUT, 'cli.js'), ...args], { encoding: 'utf8' })
  cli('seed-demo', '--db', db)
  mkdirSync(join(dir, 'archive-backups'))
  cli('backup', '--db', db, '--out', join(dir, 'archive-backups', 'archive_20250301-090000-000_manual.sqlite'))
  // Damage the archive past its header, as a failing disk or an interrupted copy would.
  const bytes = readFileSync(db)
  bytes.fill(0x5a, 4096 * 3, Math.min(bytes.length, 4096 * 60))
  writeFileSync(db, bytes)

  let child: ChildProcess | null = null
  try {
    child = spawn(process.execPath, [join(OUT, 'web.js')], { env: { ...process.env, IPDESK_DB: db, IPDESK_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] })
    const url = await new Promise<string>((resolveUrl, reject) => {
      let stdout = ''
      const timer = setTimeout(() => reject(new Error('web host did not start')), 30_000)
      child!.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        const match = /IPDesk web host: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout)
        if (match) {
          clearTimeout(timer)
          resolveUrl(match[1]!)
        }
      })
    })
    await page.goto(url)
    const recovery = page.getByTestId('recovery-page')
    await expect(recovery).toContainText('无法打开档案')
    await expect(recovery).toContainText('请从最近的备份恢复')
    await expect(recovery).toContainText('archive_20250301-090000-000_manual.sqlite')
    await screenshot(page, 'trust-recovery-page')

    await page.getByRole('button', { name: '从此备份恢复' }).click()
    await expect(page.getByTestId('status-archive')).toContainText('archive.sqlite', { timeout: 30_000 })
    await expect(page.getByTestId('status-assets')).toHaveText('知识产权 600')
    await screenshot(page, 'trust-recovered')
    // The damaged file is kept in the backup folder, not deleted.
    expect(readdirSync(join(dir, 'archive-backups')).some((name) => name.endsWith('_damaged.sqlite'))).toBe(true)
  } finally {
    child?.kill('SIGTERM')
    if (child && child.exitCode === null) await new Promise((r) => child!.once('exit', r))
    rmSync(dir, { recursive: true, force: true })
  }
})
