import ExcelJS from 'exceljs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { docxParagraphs } from '../../src-main/docx'
import { convertToPdf, pdfPageCount, pdfText } from '../unit/helpers/office'
import { expect, screenshot, test } from './fixtures'

const HEADERS = ['专利号', '名称', '类型', '申请日', '授权日', '发明人', '学院', '学科', '价值分级', '转化状态', '是否财政资助', '剩余有效期', '产业化前景', '意向企业']
const COLLEGE = '计算机科学与技术学院'

async function loadDemo(app: Page) {
  await app.getByRole('button', { name: '载入演示数据' }).click()
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 600', { timeout: 60_000 })
}

async function openPool(app: Page) {
  await app.getByRole('navigation').getByText('可转化专利', { exact: true }).click()
  await expect(app.getByRole('heading', { name: '可转化专利' })).toBeVisible()
}

/** Close the notifications so they cover nothing (they animate, so a click may miss a leaving one). */
async function clearToasts(app: Page) {
  const close = app.locator('.mantine-Notification-root button')
  for (let i = 0; i < 20 && (await close.count()) > 0; i++) await close.first().click({ timeout: 1000 }).catch(() => {})
  await expect(app.locator('.mantine-Notification-root')).toHaveCount(0)
}

async function pick(app: Page, label: string, option: string) {
  await app.getByTestId('pool-filters').getByRole('combobox', { name: label }).click()
  await app.getByRole('option', { name: option, exact: true }).click()
  await app.keyboard.press('Escape')
}

function totalOf(text: string | null): number {
  return Number((text ?? '').replace(/[^\d]/g, ''))
}

test('filter the inventory, grade, batch-grade, add to the pool, record a promotion, export Excel and the Word brochure', async ({ app }) => {
  test.setTimeout(180_000)
  const downloads = mkdtempSync(join(tmpdir(), 'ipdesk-pool-e2e-'))
  await loadDemo(app)
  await openPool(app)

  // The inventory: university-owned patents in force, newest first.
  await expect(app.getByTestId('inventory-row').first()).toBeVisible()
  const all = totalOf(await app.getByTestId('inventory-total').textContent())
  expect(all).toBeGreaterThan(50)
  await screenshot(app, 'pool-01-inventory')

  // Filter by college, then by IPC class.
  await pick(app, '学院', COLLEGE)
  await expect.poll(async () => totalOf(await app.getByTestId('inventory-total').textContent())).toBeLessThan(all)
  const ofCollege = totalOf(await app.getByTestId('inventory-total').textContent())
  expect(ofCollege).toBeGreaterThan(3)
  for (const cell of await app.getByTestId('inventory-row').locator('td:nth-child(4)').allTextContents()) expect(cell).toContain(COLLEGE)

  // Grade three patents by hand: A, with a reason.
  const rows = app.getByTestId('inventory-row')
  for (let i = 0; i < 3; i++) await rows.nth(i).getByRole('checkbox').check()
  await app.getByRole('button', { name: '分级所选（3）' }).click()
  const dialog = app.getByRole('dialog')
  await expect(dialog.getByLabel('分级理由')).toBeFocused()
  await dialog.getByText('A 重点推广', { exact: true }).click()
  await app.keyboard.type('技术领先，已有企业咨询许可')
  await dialog.getByRole('button', { name: '指标评分（可选）' }).click()
  await screenshot(app, 'pool-02-grade-dialog')
  await dialog.getByRole('button', { name: '保存分级' }).click()
  await expect(app.getByText('已为 3 项专利分级')).toBeVisible()
  await expect(app.getByTestId('grade-badge').filter({ hasText: 'A 重点推广' })).toHaveCount(3)

  // Batch-grade the rest of the college's ungraded patents as C.
  await clearToasts(app)
  await app.getByTestId('pool-filters').getByRole('combobox', { name: '价值分级' }).click()
  await app.getByRole('option', { name: '未分级' }).click()
  await app.keyboard.press('Escape')
  await expect.poll(async () => totalOf(await app.getByTestId('inventory-total').textContent())).toBe(ofCollege - 3)
  await app.getByRole('button', { name: `按筛选结果批量分级（${ofCollege - 3} 项）` }).click()
  await expect(dialog.getByText(`将为筛选出的全部 ${ofCollege - 3} 项专利写入同一分级`)).toBeVisible()
  await dialog.getByText('C 维持观察', { exact: true }).click()
  await dialog.getByLabel('分级理由').fill('年度盘点：暂无明确市场，维持观察')
  await dialog.getByRole('button', { name: '保存分级' }).click()
  await expect(app.getByText(`已为 ${ofCollege - 3} 项专利分级`)).toBeVisible()
  await expect(app.getByTestId('inventory-empty')).toBeVisible()
  await clearToasts(app)

  // The A patents go into the pool.
  await app.getByRole('button', { name: '清除筛选' }).click()
  await pick(app, '学院', COLLEGE)
  await app.getByTestId('pool-filters').getByRole('combobox', { name: '价值分级' }).click()
  await app.getByRole('option', { name: 'A 重点推广' }).click()
  await app.keyboard.press('Escape')
  await expect(app.getByTestId('inventory-row')).toHaveCount(3)
  await app.getByRole('checkbox', { name: '选择本页' }).check()
  await app.getByRole('button', { name: '加入资源库（3）' }).click()
  await expect(dialog.getByLabel('产业化前景')).toBeFocused()
  await app.keyboard.type('可用于工业视觉检测与智能制造产线改造')
  await dialog.getByLabel('目标产业').fill('智能制造')
  await app.keyboard.press('Enter')
  await dialog.getByLabel('应用领域').fill('机器视觉')
  await dialog.getByRole('button', { name: '加入资源库' }).click()
  await expect(app.getByText('已加入 3 项')).toBeVisible()
  await expect(app.getByTestId('inventory-row').filter({ hasText: '已入库' })).toHaveCount(3)
  await screenshot(app, 'pool-03-inventory-graded')
  await clearToasts(app)

  // The pool list, and a promotion for the three patents.
  await app.getByRole('tab', { name: '资源库' }).click()
  await expect(app.getByTestId('pool-row')).toHaveCount(3)
  await app.getByRole('checkbox', { name: '选择本页' }).check()
  await app.getByRole('button', { name: '记录推广活动（3）' }).click()
  await expect(dialog.getByLabel('活动名称')).toBeFocused()
  await app.keyboard.type('2026 智能制造专利路演')
  await dialog.getByLabel('地点').fill('大学科技园')
  await dialog.getByLabel('对象').fill('长三角装备制造企业')
  await dialog.getByLabel('到场企业').fill('某智能装备有限公司')
  await app.keyboard.press('Enter')
  await app.keyboard.type('某视觉科技公司')
  await app.keyboard.press('Enter')
  await expect(dialog.getByText('某视觉科技公司')).toBeVisible()
  await screenshot(app, 'pool-04-promotion-dialog')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(app.getByText('推广活动已保存')).toBeVisible()
  await clearToasts(app)
  await screenshot(app, 'pool-05-pool-list')

  await app.getByRole('tab', { name: '推广活动' }).click()
  const promotion = app.getByTestId('promotion-row')
  await expect(promotion).toHaveCount(1)
  await expect(promotion).toContainText('2026 智能制造专利路演')
  await expect(promotion).toContainText('2 家企业')
  await expect(promotion).toContainText('3 项专利')
  await screenshot(app, 'pool-06-promotions')

  // Export the pool list and read it back.
  await app.getByRole('tab', { name: '资源库' }).click()
  await expect(app.getByTestId('pool-row')).toHaveCount(3)
  const [xlsxDownload] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: '导出 Excel' }).click()])
  expect(xlsxDownload.suggestedFilename()).toMatch(/^可转化专利清单_\d{8}\.xlsx$/)
  const xlsxPath = join(downloads, 'pool.xlsx')
  await xlsxDownload.saveAs(xlsxPath)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(xlsxPath)
  const sheet = workbook.worksheets[0]!
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS)
  expect(sheet.actualRowCount).toBe(4)
  for (let r = 2; r <= 4; r++) {
    const row = sheet.getRow(r)
    expect(String(row.getCell(1).value)).toMatch(/^ZL\d{12}\.[\dX]$/)
    expect(row.getCell(7).value).toBe(COLLEGE)
    expect(row.getCell(9).value).toBe('A 重点推广')
    expect(row.getCell(13).value).toBe('可用于工业视觉检测与智能制造产线改造')
  }
  const titles = [2, 3, 4].map((r) => String(sheet.getRow(r).getCell(2).value))

  // The Word brochure of the selected patents, read back and rendered by LibreOffice.
  await clearToasts(app)
  await app.getByRole('checkbox', { name: '选择本页' }).check()
  await app.getByRole('button', { name: '生成推介手册（3）' }).click()
  await dialog.getByLabel('手册标题').fill('2026 智能制造专利推介会')
  const [docxDownload] = await Promise.all([app.waitForEvent('download'), dialog.getByRole('button', { name: '生成推介手册（3）' }).click()])
  expect(docxDownload.suggestedFilename()).toMatch(/^可转化专利推介手册_\d{8}\.docx$/)
  const docxPath = join(downloads, 'brochure.docx')
  await docxDownload.saveAs(docxPath)
  const paragraphs = await docxParagraphs(docxPath)
  expect(paragraphs).toContain('2026 智能制造专利推介会')
  for (const t of titles) expect(paragraphs).toContain(t)
  expect(paragraphs.filter((p) => p === '机器视觉')).toHaveLength(3)
  const pdf = await convertToPdf(docxPath)
  expect(await pdfPageCount(pdf)).toBeGreaterThanOrEqual(4)
  expect(await pdfText(pdf)).toContain('2026 智能制造专利推介会')
})

test('asset page: interest, open licence, regrade with history; budget and the fee table editor', async ({ app }) => {
  test.setTimeout(120_000)
  await loadDemo(app)
  await openPool(app)
  await pick(app, '转化状态', '未转化')
  const first = app.getByTestId('inventory-row').first()
  await expect(first).toBeVisible()
  const title = (await first.getByRole('link').or(first.locator('a')).first().textContent())!.trim()
  await first.locator('a').first().click()
  await expect(app.getByRole('heading', { name: title })).toBeVisible()

  // Grade B, then regrade A: both in the history.
  await app.getByRole('button', { name: '分级', exact: true }).click()
  const dialog = app.getByRole('dialog')
  await dialog.getByLabel('分级理由').fill('有一定市场')
  await dialog.getByRole('button', { name: '保存分级' }).click()
  await expect(app.getByTestId('grade-history').locator('tr')).toHaveCount(1)
  await clearToasts(app)
  await app.getByRole('button', { name: '重新分级' }).click()
  await dialog.getByText('A 重点推广', { exact: true }).click()
  await dialog.getByLabel('分级理由').fill('企业提出许可意向')
  await dialog.getByRole('button', { name: '保存分级' }).click()
  await expect(app.getByTestId('grade-history').locator('tr')).toHaveCount(2)
  await expect(app.getByTestId('grade-history').locator('tr').first()).toContainText('A 重点推广')
  await clearToasts(app)

  // Enterprise interest.
  await app.getByRole('button', { name: '登记企业意向' }).click()
  await expect(dialog.getByLabel('企业名称')).toBeFocused()
  await app.keyboard.type('某新材料科技有限公司')
  await dialog.getByLabel('联系人').fill('王经理')
  await dialog.getByLabel('联系方式').fill('0571-88886666')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(app.getByTestId('interests')).toContainText('某新材料科技有限公司')
  await clearToasts(app)

  // A published open licence becomes a conversion record; the state follows.
  await app.getByRole('button', { name: '登记已发布的开放许可' }).click()
  await dialog.getByLabel('许可使用费').fill('一次性支付 5 万元')
  await dialog.getByLabel('一次性许可费（元）').fill('50000')
  await dialog.getByRole('button', { name: '登记' }).click()
  await expect(app.getByText('已登记开放许可')).toBeVisible()
  await expect(app.getByTestId('conversions')).toContainText('开放许可 · 已发布')
  await expect(app.getByText('开放许可中').first()).toBeVisible()
  await clearToasts(app)
  await screenshot(app, 'pool-07-asset')

  // Budget for next year, then a fee edit that changes it, then back to the default.
  await app.getByRole('navigation').getByText('可转化专利', { exact: true }).click()
  await app.getByRole('tab', { name: '年费预算' }).click()
  const total = app.getByTestId('budget-total')
  await expect(total).toHaveText(/元$/)
  const before = Number((await total.textContent())!.replace(/[^\d]/g, ''))
  expect(before).toBeGreaterThan(0)
  await expect(app.getByTestId('budget-drop-d')).toContainText('D 级')
  await screenshot(app, 'pool-08-budget')

  await app.getByRole('tab', { name: '年费标准' }).click()
  await expect(app.getByTestId('fees-origin')).toContainText('默认标准')
  const amount = app.getByLabel('发明专利（第 1–20 年） 第16–20年 每年金额（元）')
  await expect(amount).toHaveValue('8,000')
  await app.getByLabel('按费减计算（学校已办理费减备案）').check()
  await app.getByRole('button', { name: '保存年费标准' }).click()
  await expect(app.getByText('年费标准已保存')).toBeVisible()
  await expect(app.getByTestId('fees-origin')).toContainText('中心修改后的标准')
  await clearToasts(app)
  await screenshot(app, 'pool-09-fees')

  await app.getByRole('tab', { name: '年费预算' }).click()
  await expect(app.getByText(/已按费减计算/)).toBeVisible()
  await expect.poll(async () => Number(((await total.textContent()) ?? '').replace(/[^\d]/g, ''))).toBeLessThan(before)

  await app.getByRole('tab', { name: '年费标准' }).click()
  await app.getByRole('button', { name: '恢复默认标准' }).click()
  await app.getByRole('dialog').getByRole('button', { name: '恢复默认标准' }).click()
  await expect(app.getByTestId('fees-origin')).toContainText('默认标准')
  await app.getByRole('tab', { name: '年费预算' }).click()
  await expect.poll(async () => Number(((await total.textContent()) ?? '').replace(/[^\d]/g, ''))).toBe(before)
})
