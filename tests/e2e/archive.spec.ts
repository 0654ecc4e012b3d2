import ExcelJS from 'exceljs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, screenshot, test } from './fixtures'

// The archive's browse / search / edit side, on the demo archive: search a 2-character term, open a
// detail, edit a field, settle an ambiguous inventor link, look at a researcher's portfolio.

test('search, open, edit, confirm an ambiguous link, researcher portfolio', async ({ app }) => {
  await app.getByRole('button', { name: '载入演示数据' }).click()
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 600')
  const search = app.getByTestId('archive-search')
  await expect(search).toBeVisible()
  await expect(app.getByTestId('archive-total')).toHaveText('共 600 项')
  await expect(app.getByTestId('archive-row')).toHaveCount(50)
  await screenshot(app, 'archive-list')

  // A 2-character Chinese term, submitted with Enter.
  await search.fill('装置')
  await search.press('Enter')
  await expect(app.getByTestId('archive-total')).not.toHaveText('共 600 项')
  const total = Number((await app.getByTestId('archive-total').innerText()).replace(/\D/g, ''))
  expect(total).toBeGreaterThan(0)
  expect(total).toBeLessThan(600)
  await expect(app.getByTestId('archive-row').first()).toContainText('装置')
  await screenshot(app, 'archive-search-2char')

  // 导出 Excel: the list as it stands (the search's hits, in its order), every page of it.
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: '导出 Excel' }).click()])
  expect(download.suggestedFilename()).toMatch(/^知识产权清单_\d{8}\.xlsx$/)
  const listFile = join(mkdtempSync(join(tmpdir(), 'ipdesk-archive-e2e-')), 'list.xlsx')
  await download.saveAs(listFile)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(listFile)
  const listSheet = workbook.worksheets[0]!
  expect(listSheet.getRow(1).getCell(1).value).toBe('申请号/登记号')
  expect(listSheet.actualRowCount).toBe(total + 1)
  const shownFirst = (await app.getByTestId('archive-row').first().locator('td').nth(2).innerText()).trim()
  expect(listSheet.getRow(2).getCell(3).value).toBe(shownFirst)
  await expect(app.getByText(`已导出 ${total} 项知识产权`, { exact: false })).toBeVisible()

  // Keyboard: ↓ into the list, Enter opens the highlighted row.
  const firstTitle = (await app.getByTestId('archive-row').first().locator('td').nth(2).innerText()).trim()
  await search.press('ArrowDown')
  await app.keyboard.press('Enter')
  await expect(app.getByTestId('asset-detail')).toBeVisible()
  await expect(app.getByTestId('asset-title')).toHaveText(firstTitle)
  await expect(app.getByTestId('asset-inventors')).toBeVisible()
  await screenshot(app, 'archive-detail')

  // Edit a field: recorded as a manual field and in the audit trail.
  await app.getByRole('button', { name: '编辑', exact: true }).click()
  const college = app.getByRole('dialog').getByLabel('学院')
  await college.fill('端到端测试学院')
  await app.getByRole('dialog').getByRole('button', { name: '保存' }).click()
  await expect(app.getByText('已保存，修改已记入审计日志')).toBeVisible()
  await expect(app.getByTestId('asset-fields')).toContainText('端到端测试学院')
  await expect(app.getByTestId('asset-fields')).toContainText('手工修改')
  await expect(app.getByTestId('asset-audit')).toContainText('学院')
  await expect(app.getByTestId('asset-audit')).toContainText('端到端测试学院')

  // The links queue: namesakes (王伟 / 李静 / 张磊) are ambiguous; confirm one with the first candidate.
  await app.getByRole('tab', { name: /发明人关联/ }).click()
  await app.getByText(/^同名待定 \d+$/).click()
  const before = Number(((await app.getByText(/^同名待定 \d+$/).innerText()).match(/\d+/) ?? ['0'])[0])
  expect(before).toBeGreaterThan(0)
  const row = app.getByTestId('link-row').first()
  await expect(row).toContainText('同名待定')
  await expect(row).toContainText(/王伟|李静|张磊/)
  await screenshot(app, 'archive-links-queue')
  await row.getByRole('button', { name: /^确认是此人/ }).first().click()
  await expect(app.getByText('已更新关联')).toBeVisible()
  await expect(app.getByText(`同名待定 ${before - 1}`)).toBeVisible()

  // Bulk-confirm with the queue filtered by a name: only the links the librarian sees are confirmed.
  const suggestedAll = Number(((await app.getByText(/^待确认 \d+$/).innerText()).match(/\d+/) ?? ['0'])[0])
  await app.getByLabel('按发明人姓名筛选').fill('王')
  const filtered = app.getByRole('button', { name: /^确认“王”的 \d+ 条待确认关联$/ })
  await expect(filtered).toBeVisible()
  const n = Number(((await filtered.innerText()).match(/(\d+) 条/) ?? ['', '0'])[1])
  expect(n).toBeGreaterThan(0)
  expect(n).toBeLessThan(suggestedAll)
  await filtered.click()
  await expect(app.getByRole('dialog')).toContainText(`发明人姓名含“王”的 ${n} 条`)
  await app.getByRole('dialog').getByRole('button', { name: '确定' }).click()
  await expect(app.getByText(`已确认 ${n} 条关联`)).toBeVisible()
  await app.getByLabel('按发明人姓名筛选').fill('')
  await expect(app.getByText(`待确认 ${suggestedAll - n}`)).toBeVisible()

  // Then all the others.
  await app.getByRole('button', { name: /^确认全部 \d+ 条待确认关联$/ }).click()
  await app.getByRole('dialog').getByRole('button', { name: '确定' }).click()
  await expect(app.getByText(`已确认 ${suggestedAll - n} 条关联`)).toBeVisible()
  await expect(app.getByText('待确认 0')).toBeVisible()
  // The tab's count follows without a reload: only the namesakes are left.
  await expect(app.getByRole('tab', { name: /发明人关联/ })).toContainText(String(before - 1))

  // A researcher's page: portfolio as first inventor and otherwise, consultations below.
  await app.getByRole('tab', { name: '科研人员' }).click()
  await app.getByLabel('姓名、工号或拼音首字母').fill('ww')
  await expect(app.getByTestId('researchers-list')).toContainText('王伟')
  await app.getByLabel('姓名、工号或拼音首字母').fill('')
  await expect(app.getByText('共 120 人')).toBeVisible()
  const counts = (await app.getByTestId('researchers-list').locator('tbody tr td:last-child').allInnerTexts()).map((t) => Number(t.trim()))
  const index = counts.findIndex((n) => n > 1)
  expect(index).toBeGreaterThanOrEqual(0)
  await app.getByTestId('researchers-list').locator('tbody tr').nth(index).click()
  await expect(app.getByTestId('researcher-page')).toBeVisible()
  await expect(app.getByTestId('researcher-portfolio')).toContainText('知识产权成果')
  await expect(app.getByTestId('researcher-portfolio').locator('tbody tr').first()).toBeVisible()
  await screenshot(app, 'archive-researcher')

  // A namesake's page says how many inventors wait for a librarian to tell the namesakes apart.
  await app.getByRole('tab', { name: '科研人员' }).click()
  await app.getByLabel('姓名、工号或拼音首字母').fill('李静')
  await expect(app.getByTestId('researchers-list').locator('tbody tr')).toHaveCount(2)
  await app.getByTestId('researchers-list').locator('tbody tr').first().click()
  await expect(app.getByTestId('researcher-page')).toContainText('李静')
  await expect(app.getByTestId('researcher-namesakes')).toContainText(/另有 \d+ 处发明人“李静”与同名人员待定/)
  await app.getByTestId('researcher-namesakes').getByText('去“发明人关联”确认').click()
  await expect(app.getByRole('heading', { name: '发明人关联' })).toBeVisible()
})

test('numbers in any pasted form, due soon, conversions', async ({ app }) => {
  await app.getByRole('button', { name: '载入演示数据' }).click()
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 600')
  const first = app.getByTestId('archive-row').first()
  const appNo = (await first.locator('td').first().innerText()).trim()
  const search = app.getByTestId('archive-search')
  if (/^\d{12}\.[\dX]$/.test(appNo)) {
    // 'ZL 2023 1 0397744.0' style: prefix, spaces after the year and the type digit.
    await search.fill(`ZL ${appNo.slice(0, 4)} ${appNo.slice(4, 5)} ${appNo.slice(5)}`)
  } else {
    await search.fill(appNo.toLowerCase())
  }
  await search.press('Enter')
  await expect(app.getByTestId('archive-total')).toHaveText('共 1 项')
  await expect(app.getByTestId('archive-row').first()).toContainText(appNo)

  await app.getByRole('tab', { name: '到期提醒' }).click()
  await app.getByLabel('未来天数').fill('365')
  await expect(app.getByTestId('due-list')).toContainText('年费')
  await screenshot(app, 'archive-due')

  await app.getByRole('tab', { name: '转化运用' }).click()
  await expect(app.getByTestId('conversions-list')).toBeVisible()
  await expect(app.getByText(/^共 \d+ 条，合同金额 [\d,.]+ 万元/)).toBeVisible()
  await screenshot(app, 'archive-conversions')
})
