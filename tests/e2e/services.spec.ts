import ExcelJS from 'exceljs'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, screenshot, test } from './fixtures'

const FIXTURES = resolve(import.meta.dirname, '../fixtures/services')

/** Call a channel the way the renderer does (setup only: the tested steps go through the UI). */
async function rpc<T = unknown>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([c, i]) => {
      const token = sessionStorage.getItem('ipdesk.token') ?? ''
      const response = await fetch(`/rpc/${c}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-IPDesk-Token': token }, body: JSON.stringify(i) })
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } }
    },
    [channel, input] as const,
  )
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`)
  return result.value as T
}

async function go(page: Page, path: string) {
  await page.evaluate((p) => (window.location.hash = p), path)
}

/** Press Tab until the focused element is the one labelled `label` (keyboard only, no clicks). */
async function tabTo(page: Page, label: string | RegExp, max = 40) {
  const target = page.getByLabel(label, { exact: typeof label === 'string' }).first()
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false)) return
    // Radio groups (SegmentedControl) take focus on their checked radio.
    const focusedInGroup = await page.evaluate((text) => {
      const active = document.activeElement as HTMLElement | null
      const group = active?.closest('[role="radiogroup"]')
      return group?.getAttribute('aria-label') === text
    }, typeof label === 'string' ? label : '')
    if (focusedInGroup) return
  }
  throw new Error(`Tab never reached “${String(label)}”`)
}

async function setupResearcher(page: Page) {
  await rpc(page, 'settings:update', { operatorName: '王馆员' })
  return rpc<{ id: number }>(page, 'researchers:save', { staffNo: 'T19001', name: '周建华', college: '材料科学与工程学院', title: '教授' })
}

test('a consultation entered with the keyboard only is found by filter, on the researcher’s page, and in the exported ledger', async ({ app }) => {
  const researcher = await setupResearcher(app)
  const linked = await rpc<{ id: number }>(app, 'researchers:save', { staffNo: 'T20417', name: '赵明', college: '化学工程学院' })
  await go(app, '/services/new')
  const requester = app.getByTestId('requester-input')
  await expect(requester).toBeFocused()

  // 咨询人 by pinyin initials, picked from the roster with the arrow key.
  await app.keyboard.type('zjh')
  await expect(app.getByRole('option', { name: /周建华/ })).toBeVisible()
  await app.keyboard.press('ArrowDown')
  await app.keyboard.press('Enter')
  await expect(app.getByText('校内科研人员 · 工号 T19001')).toBeVisible()
  await expect(app.getByRole('combobox', { name: '学院/单位' })).toHaveValue('材料科学与工程学院')

  await tabTo(app, '咨询方式')
  await app.keyboard.press('ArrowRight') // 窗口 → 电话
  await expect(app.getByRole('radio', { name: '电话' })).toBeChecked()
  await tabTo(app, '咨询主题')
  await app.keyboard.type('专利申请')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('combobox', { name: '咨询主题' })).toHaveValue('专利申请指导')
  await tabTo(app, '标签')
  await app.keyboard.type('固态电池')
  await app.keyboard.press('Enter')
  await tabTo(app, '时长（分钟）')
  await app.keyboard.type('35')
  await tabTo(app, '咨询内容')
  await app.keyboard.type('固态电解质的发明专利申请前需要做哪些检索？')
  await tabTo(app, '答复')
  await app.keyboard.type('建议先做查新检索，介绍了交底书的撰写要点。')
  await tabTo(app, '回访日期')
  await app.keyboard.type('2099-01-15')
  await app.keyboard.press('Escape')
  // A second researcher linked to the consultation, with the shared researcher picker.
  await tabTo(app, '关联科研人员')
  await app.keyboard.type('zm')
  await expect(app.getByRole('option', { name: /赵明/ })).toBeVisible()
  await app.keyboard.press('Enter')
  await expect(app.getByText('赵明（T20417）')).toBeVisible()
  await expect(app.locator('.mantine-Popover-dropdown:visible')).toHaveCount(0)
  await screenshot(app, 'services-entry-form')
  await app.keyboard.press('Control+Enter')
  await expect(app.getByText(/已保存服务记录 #\d+/)).toBeVisible()
  // Ready for the next walk-in: empty requester, focused, the channel just used kept.
  await expect(requester).toHaveValue('')
  await expect(requester).toBeFocused()
  await expect(app.getByRole('radio', { name: '电话' })).toBeChecked()

  // Another consultation, so the filter has something to leave out.
  await rpc(app, 'services:save', { kind: 'consultation', date: '2024-02-01', channel: 'window', requesterType: 'student', requesterName: '李晓雯', question: '数据库怎么检索？', topic: '检索策略与数据库使用' })

  // The ledger, filtered.
  await go(app, '/services')
  await expect(app.getByTestId('ledger-total')).toHaveText('共 2 条')
  await app.getByRole('combobox', { name: '方式' }).fill('电话')
  await app.keyboard.press('Enter')
  await app.keyboard.press('Escape')
  await expect(app.getByTestId('ledger-total')).toHaveText('共 1 条')
  const row = app.getByTestId('service-table').getByRole('row').nth(1)
  await expect(row).toContainText('周建华')
  await expect(row).toContainText('专利申请指导')
  await expect(row).toContainText('2099-01-15 待回访')
  await app.getByTestId('ledger-search').fill('数据库')
  await expect(app.getByTestId('services-empty')).toContainText('没有符合筛选条件的记录')
  await app.getByTestId('ledger-search').fill('交底书')
  await expect(app.getByTestId('ledger-total')).toHaveText('共 1 条')
  await screenshot(app, 'services-ledger')

  // Export the filtered ledger and read the workbook back.
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: '导出 Excel' }).click()])
  expect(download.suggestedFilename()).toMatch(/^服务台账_.*\.xlsx$/)
  const file = join(test.info().outputDir, 'ledger.xlsx')
  await download.saveAs(file)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const sheet = workbook.worksheets[0]!
  const header = (sheet.getRow(1).values as unknown[]).slice(1)
  expect(header.slice(0, 5)).toEqual(['序号', '服务类型', '日期', '咨询方式', '咨询人'])
  expect(sheet.rowCount).toBe(2)
  const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1).value
  expect(cell('咨询人')).toBe('周建华')
  expect(cell('工号')).toBe('T19001')
  expect(cell('咨询方式')).toBe('电话')
  expect(cell('咨询主题')).toBe('专利申请指导')
  expect(cell('标签')).toBe('固态电池')
  expect(cell('时长（分钟）')).toBe(35)
  expect(cell('经办人')).toBe('王馆员')
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })

  // The researcher's consultations.
  await go(app, `/services/researcher/${researcher.id}`)
  const mine = app.getByTestId('researcher-consultations')
  await expect(mine).toContainText('咨询与服务记录（1）')
  await expect(mine).toContainText('固态电解质的发明专利申请前需要做哪些检索')
  await screenshot(app, 'services-researcher')
  // … and the linked researcher's.
  await go(app, `/services/researcher/${linked.id}`)
  await expect(app.getByTestId('researcher-consultations')).toContainText('咨询与服务记录（1）')
})

test('a draft survives a reload and is gone once the record is saved', async ({ app }) => {
  await setupResearcher(app)
  await go(app, '/services/new')
  await expect(app.getByTestId('requester-input')).toBeFocused()
  await app.keyboard.type('杭州某新材料有限公司')
  await tabTo(app, '咨询人身份')
  await app.keyboard.type('企业')
  await app.keyboard.press('Enter')
  await tabTo(app, '咨询内容')
  await app.keyboard.type('想了解学校电池专利的许可条件')
  // Wait for the autosave to reach the archive, then "crash".
  await expect.poll(async () => (await rpc<{ payload: string } | null>(app, 'services:draftGet', { slot: 'new' }))?.payload ?? '').toContain('许可条件')
  await app.reload()
  await expect(app.getByTestId('draft-restored')).toBeVisible()
  await expect(app.getByTestId('requester-input')).toHaveValue('杭州某新材料有限公司')
  await expect(app.getByRole('textbox', { name: '咨询内容' })).toHaveValue('想了解学校电池专利的许可条件')
  await expect(app.getByRole('combobox', { name: '咨询人身份' })).toHaveValue('企业')
  await app.keyboard.press('Control+Enter')
  await expect(app.getByText(/已保存服务记录 #\d+/)).toBeVisible()
  await expect.poll(async () => rpc(app, 'services:draftGet', { slot: 'new' })).toBeNull()
  await app.reload()
  await expect(app.getByTestId('requester-input')).toHaveValue('')
  await expect(app.getByTestId('draft-restored')).toHaveCount(0)
})

test('a ledger spreadsheet is mapped, checked (problems by row and column) and imported; statistics follow', async ({ app }) => {
  await go(app, '/services/import')
  const [chooser] = await Promise.all([app.waitForEvent('filechooser'), app.getByRole('button', { name: '选择台账文件' }).click()])
  await chooser.setFiles(join(FIXTURES, 'consultation-ledger-2023.xlsx'))
  await expect(app.getByText('表头在第 2 行（工作表“2023咨询台账”），共 14 行数据。', { exact: false })).toBeVisible()
  await expect(app.getByRole('combobox', { name: '咨询日期 导入为' })).toHaveValue('日期')
  await expect(app.getByRole('combobox', { name: '解答 导入为' })).toHaveValue('答复')
  await screenshot(app, 'services-import-mapping')
  await app.getByRole('button', { name: '检查表格' }).click()
  await expect(app.getByTestId('import-check-summary')).toHaveText('共 14 行：新增 12，更新 0，未变 0，有问题 2')
  const problems = app.getByTestId('import-problems')
  await expect(problems.getByRole('row').nth(1)).toContainText('13咨询日期')
  await expect(problems.getByRole('row').nth(2)).toContainText('传真')
  await expect(app.getByRole('button', { name: '导入' })).toBeDisabled()
  await app.getByLabel('跳过有问题的行，只导入其余的行').check()
  await screenshot(app, 'services-import-check')
  await app.getByRole('button', { name: '导入' }).click()
  await expect(app.getByTestId('import-done')).toHaveText('导入完成：新增 12，更新 0，未变 0，跳过 2 行。')
  await expect(app.getByTestId('status-services')).toContainText('12')

  await go(app, '/services/stats')
  await app.getByTestId('stats-from').fill('2023-01-01')
  await app.getByTestId('stats-to').fill('2023-12-31')
  await app.getByTestId('stats-to').press('Enter')
  await expect(app.getByTestId('stats-consultations')).toHaveText('12')
})

test('the statistics page charts a year of demo services', async ({ app }) => {
  test.setTimeout(180_000) // the demo seed writes 600 assets; slow on a busy machine
  await rpc(app, 'demo:seed', { jobId: 'seed-services' })
  await go(app, '/services/stats')
  await app.getByRole('button', { name: '近 12 个月' }).click()
  await expect(app.getByTestId('stats-consultations')).not.toHaveText('0')
  await expect(app.getByText('各月服务量')).toBeVisible()
  await expect(app.locator('.recharts-bar-rectangle').first()).toBeVisible()
  await screenshot(app, 'services-stats')
  await app.getByText('咨询主题', { exact: true }).scrollIntoViewIfNeeded()
  await screenshot(app, 'services-stats-breakdown')
  await go(app, '/services/follow-ups')
  await expect(app.getByRole('heading', { name: '咨询服务' })).toBeVisible()
  await screenshot(app, 'services-follow-ups')
})

test('a training is entered in the same ledger with its own fields, and edited', async ({ app }) => {
  await rpc(app, 'settings:update', { operatorName: '刘洋' })
  await go(app, '/services/new?kind=training')
  const title = app.getByRole('textbox', { name: '培训/讲座题目' })
  await expect(title).toBeFocused()
  await app.keyboard.type('专利检索实务培训')
  await tabTo(app, '对象')
  await app.keyboard.type('研究生')
  await tabTo(app, '人数')
  await app.keyboard.type('120')
  await tabTo(app, '学时')
  await app.keyboard.type('2')
  await tabTo(app, '主办')
  await app.keyboard.type('信息服务中心')
  await expect(app.getByRole('radio', { name: '线下活动' })).toBeChecked()
  await screenshot(app, 'services-entry-training')
  await app.keyboard.press('Control+Enter')
  await expect(app.getByText(/已保存服务记录 #\d+/)).toBeVisible()

  await go(app, '/services')
  const row = app.getByTestId('service-table').getByRole('row').nth(1)
  await expect(row).toContainText('专利检索实务培训')
  await expect(row).toContainText('研究生 · 120 人 · 2 学时')
  await row.click()
  await expect(app.getByRole('heading', { name: /编辑服务记录 #\d+/ })).toBeVisible()
  await app.getByRole('textbox', { name: '人数' }).fill('135')
  await app.getByRole('button', { name: '保存', exact: true }).click()
  await expect(app.getByTestId('ledger-total')).toHaveText('共 1 条')
  await expect(app.getByTestId('service-table').getByRole('row').nth(1)).toContainText('135 人')
  expect(await rpc(app, 'services:get', { id: 1 })).toMatchObject({ kind: 'training', attendees: 135, hours: 2, organiser: '信息服务中心', staff: '刘洋' })
})
