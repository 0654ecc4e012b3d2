import ExcelJS from 'exceljs'
import type { Download } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { docxText } from '../../src-main/docx/read'
import { expect, screenshot, test } from './fixtures'

const YEAR = new Date().getFullYear() - 1

test('annual report: choose a year, see the figures, write the narrative, export both files and read them back', async ({ app }) => {
  await app.getByRole('button', { name: '载入演示数据' }).click()
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 600')

  await app.getByRole('navigation').getByText('年度报告', { exact: true }).click()
  await expect(app.getByRole('heading', { name: '年度报告' })).toBeVisible()
  await app.getByRole('combobox', { name: '报告年度' }).click()
  await app.getByRole('option', { name: `${YEAR} 年` }).click()
  await expect(app.getByRole('combobox', { name: '报告年度' })).toHaveValue(`${YEAR} 年`)

  // Figures of the chosen year: the 专利授权 sheet's year row agrees with the headline figure.
  const grants = app.getByTestId('figure-grants')
  await expect(grants).toHaveText(/^\d+$/)
  await expect(app.getByTestId('chart-grants').locator('.recharts-bar-rectangle').first()).toBeVisible()
  await app.getByRole('tab', { name: '专利授权' }).click()
  const sheet = app.getByTestId('sheet-专利授权')
  await expect(sheet.getByRole('row')).toHaveCount(5)
  const yearRow = sheet.getByRole('row').filter({ has: app.getByRole('cell', { name: String(YEAR), exact: true }) })
  await expect(yearRow.getByRole('cell').last()).toHaveText((await grants.textContent())!)
  await screenshot(app, 'reports-01-figures')

  // The narrative autosaves per year and is there again after a reload.
  const highlights = app.getByRole('textbox', { name: '工作亮点' })
  await highlights.scrollIntoViewIfNeeded()
  await highlights.fill('一是建成校级专利导航平台，服务两条重点产业链。\n二是完成高价值专利培育 12 项。')
  await app.getByRole('textbox', { name: '存在问题' }).fill('=专职人员不足。')
  await app.getByRole('textbox', { name: '下一步计划' }).fill('扩大开放许可试点。')
  await expect(app.getByTestId('narrative-status')).toContainText('已自动保存')
  await screenshot(app, 'reports-02-narrative')
  await app.reload()
  await app.getByRole('navigation').getByText('年度报告', { exact: true }).click()
  await app.getByRole('combobox', { name: '报告年度' }).click()
  await app.getByRole('option', { name: `${YEAR} 年` }).click()
  await expect(app.getByRole('textbox', { name: '工作亮点' })).toHaveValue(/建成校级专利导航平台/)

  // Export: progress, then both files are delivered (downloads on the web host).
  const downloads: Download[] = []
  app.on('download', (d) => downloads.push(d))
  await app.getByRole('button', { name: '导出 Word 与 Excel' }).click()
  await expect(app.getByTestId('export-result')).toBeVisible({ timeout: 60_000 })
  await expect.poll(() => downloads.length).toBe(2)
  await screenshot(app, 'reports-03-exported')
  const dir = mkdtempSync(join(tmpdir(), 'ipdesk-e2e-report-'))
  const names = downloads.map((d) => d.suggestedFilename()).sort()
  expect(names).toEqual([`年度工作报告_${YEAR}.docx`, `年度工作统计_${YEAR}.xlsx`])
  const paths: Record<string, string> = {}
  for (const d of downloads) {
    paths[d.suggestedFilename()] = join(dir, d.suggestedFilename())
    await d.saveAs(paths[d.suggestedFilename()]!)
  }

  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(paths[`年度工作统计_${YEAR}.xlsx`]!)
  expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '专利申请', '专利授权', '有效专利', '转化运用', '咨询服务', '培训与报告', '披露核实', '申请前评估', '院系分布', '学科分布', '授权明细'])
  const sheetRows: unknown[][] = []
  wb.getWorksheet('专利授权')!.eachRow((row) => sheetRows.push((row.values as unknown[]).slice(1)))
  const exportedYear = sheetRows.find((r) => r[0] === YEAR)!
  expect(String(exportedYear[4])).toBe((await grants.textContent())!)

  const text = await docxText(paths[`年度工作报告_${YEAR}.docx`]!)
  expect(text).toContain(`${YEAR} 年度工作报告`)
  expect(text).toContain('东海理工大学')
  expect(text).toContain('一是建成校级专利导航平台，服务两条重点产业链。')
  expect(text).toContain('=专职人员不足。')
  expect(text).toContain('六、工作亮点、问题与下一步计划')
})
