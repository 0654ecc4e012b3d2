import { statSync } from 'node:fs'
import { expect, screenshot, test } from './fixtures'

test('a new archive shows the empty state; demo data fills the status bar', async ({ app }) => {
  await expect(app.getByTestId('empty-archive')).toBeVisible()
  await expect(app.getByRole('button', { name: '导入专利清单' })).toBeVisible()
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 0')
  await screenshot(app, '01-empty-archive')

  await app.getByRole('button', { name: '载入演示数据' }).click()
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 600')
  await expect(app.getByTestId('status-researchers')).toHaveText('科研人员 120')
  await expect(app.getByTestId('status-projects')).toHaveText('项目 40')
  await expect(app.getByTestId('empty-archive')).toBeHidden()
  const file = await screenshot(app, '02-main-screen')
  expect(statSync(file).size).toBeGreaterThan(10_000)
})

test('navigation reaches every area in Chinese', async ({ app }) => {
  for (const label of ['咨询服务', '披露核实', '申请前评估', '年度报告', '设置', '档案库']) {
    await app.getByRole('navigation').getByText(label, { exact: true }).click()
    await expect(app.getByRole('heading', { name: label }).first()).toBeVisible()
  }
})

test('settings are saved to the archive and survive a reload', async ({ app }) => {
  // Stored settings that arrive late must never overwrite what was typed: their answer is held back a
  // moment, the first field is typed while it may still be on its way, the second after it arrived.
  const isSettingsGet = (url: URL) => decodeURIComponent(url.pathname) === '/rpc/settings:get'
  await app.route(isSettingsGet, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800))
    await route.continue()
  })
  const arrived = app.waitForResponse((response) => isSettingsGet(new URL(response.url())))
  await app.getByRole('navigation').getByText('设置', { exact: true }).click()
  await app.getByLabel('学校正式名称').fill('浙江大学')
  await arrived
  await app.getByLabel('操作员姓名').fill('王馆员')
  await app.getByRole('button', { name: '保存设置' }).click()
  await expect(app.getByText('设置已保存')).toBeVisible()
  await app.reload()
  await expect(app.getByLabel('学校正式名称')).toHaveValue('浙江大学')
  await expect(app.getByLabel('操作员姓名')).toHaveValue('王馆员')
  await screenshot(app, '03-settings')
})

test('the page without its token explains how to connect', async ({ page, host }) => {
  await page.goto(host.url.replace(/\?token=.*/, ''))
  await expect(page.getByText('缺少访问令牌')).toBeVisible()
})
