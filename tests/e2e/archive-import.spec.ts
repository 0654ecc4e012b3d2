import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { SYNTHETIC_COLUMNS, syntheticPatentRows } from '../../src-main/archive/import/synthetic'
import { sheet, writeWorkbook } from '../../src-main/spreadsheet'
import { expect, hostTempDir, screenshot, test } from './fixtures'

const FIXTURES = resolve(import.meta.dirname, '../fixtures/archive/own')

async function setUniversity(app: Page) {
  await app.getByRole('navigation').getByText('设置', { exact: true }).click()
  await app.getByLabel('学校正式名称').fill('东海理工大学')
  await app.getByLabel('操作员姓名').fill('王馆员')
  await app.getByRole('button', { name: '保存设置' }).click()
  await expect(app.getByText('设置已保存')).toBeVisible()
}

async function chooseFile(app: Page, file: string) {
  const chooser = app.waitForEvent('filechooser')
  await app.getByRole('button', { name: '选择文件…' }).click()
  await (await chooser).setFiles(file)
}

test('a patent list through the UI: column mapping, dry-run preview, import, summary and status bar', async ({ app }) => {
  await setUniversity(app)
  await app.getByRole('navigation').getByText('档案库', { exact: true }).click()
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 0')
  await app.getByRole('button', { name: '导入专利清单' }).click()
  await expect(app.getByRole('heading', { name: '导入专利清单' })).toBeVisible()
  await screenshot(app, 'archive-import-01-choose')

  await chooseFile(app, join(FIXTURES, 'cnipa_title_rows.xlsx'))
  await expect(app.getByTestId('import-file')).toContainText('表头在第 4 行')
  await expect(app.getByTestId('import-file')).toContainText('国家知识产权局格式')
  const mapping = app.getByTestId('import-mapping')
  await expect(mapping.getByRole('combobox', { name: 'B 列 申请号 导入为' })).toHaveValue('申请号（必需）')
  await expect(mapping.getByRole('combobox', { name: 'F 列 名称 导入为' })).toHaveValue('名称')
  await expect(mapping.getByRole('combobox', { name: 'A 列 序号 导入为' })).toHaveValue('不导入')
  // The user decides not to import the abstracts.
  await mapping.getByRole('combobox', { name: 'N 列 摘要 导入为' }).click()
  await app.getByRole('option', { name: '不导入' }).click()
  await expect(mapping.getByRole('combobox', { name: 'N 列 摘要 导入为' })).toHaveValue('不导入')
  await screenshot(app, 'archive-import-02-mapping')

  await app.getByRole('button', { name: '检查数据', exact: true }).click()
  await expect(app.getByTestId('count-inserted')).toContainText('6')
  await expect(app.getByTestId('count-rejected')).toContainText('0')
  await expect(app.getByTestId('import-preview-note')).toContainText('档案未作任何修改')
  // The preview wrote nothing.
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 0')
  await screenshot(app, 'archive-import-03-preview')

  await app.getByRole('button', { name: '导入', exact: true }).click()
  await expect(app.getByTestId('import-summary')).toContainText('共 6 行：新增 6，更新 0，不变 0')
  await expect(app.getByTestId('import-summary')).toContainText('发明人关联')
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 6')
  await screenshot(app, 'archive-import-04-summary')

  await app.getByRole('button', { name: '查看档案库' }).click()
  await expect(app.getByTestId('empty-archive')).toBeHidden()
})

test('problem rows are listed with row, column and what to do; the valid rows are imported, or nothing on cancel', async ({ app }) => {
  await setUniversity(app)
  await app.goto(app.url().replace(/#.*$/, '') + '#/archive/import')
  await chooseFile(app, join(FIXTURES, 'bad_rows.csv'))
  await expect(app.getByTestId('import-file')).toContainText('bad_rows.csv（CSV，UTF-8）')
  await app.getByRole('button', { name: '检查数据', exact: true }).click()
  const problems = app.getByTestId('import-problems')
  await expect(problems.getByRole('row')).toHaveCount(5)
  await expect(problems.getByRole('row').nth(1)).toContainText('2')
  await expect(problems.getByRole('row').nth(1)).toContainText('A 列“申请号”')
  await expect(problems.getByRole('row').nth(1)).toContainText('校验位应为')
  await expect(problems.getByRole('row').nth(4)).toContainText('C 列“申请日”')
  await expect(problems.getByRole('row').nth(4)).toContainText('“2023-02-30”不是有效日期')
  await expect(app.getByTestId('count-inserted')).toContainText('1')
  await expect(app.getByTestId('count-rejected')).toContainText('4')
  await screenshot(app, 'archive-import-05-problems')

  // Cancel: nothing written.
  await app.getByRole('button', { name: '取消，不导入' }).click()
  await expect(app.getByText('已取消导入，档案未作任何修改。')).toBeVisible()
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 0')

  // Again, and import the valid row.
  await chooseFile(app, join(FIXTURES, 'bad_rows.csv'))
  await app.getByRole('button', { name: '检查数据', exact: true }).click()
  await app.getByRole('button', { name: '导入有效的 1 行' }).click()
  await expect(app.getByTestId('import-summary')).toContainText('跳过有误的 4 行')
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 1')
})

test('rosters and project lists use the same flow; a roster re-links inventors', async ({ app }) => {
  test.setTimeout(180_000)
  await setUniversity(app)
  await app.goto(app.url().replace(/#.*$/, '') + '#/archive/import')
  await chooseFile(app, join(FIXTURES, 'namesakes.xlsx'))
  await app.getByRole('button', { name: '检查数据', exact: true }).click()
  await app.getByRole('button', { name: '导入', exact: true }).click()
  await expect(app.getByTestId('import-summary')).toContainText('新增 7')
  await app.getByRole('button', { name: '继续导入' }).click()

  await app.getByTestId('import-kind').getByText('科研人员名单').click()
  await expect(app.getByRole('heading', { name: '导入科研人员名单' })).toBeVisible()
  await chooseFile(app, join(FIXTURES, 'roster.xlsx'))
  await expect(app.getByTestId('import-file')).toContainText('表头在第 2 行')
  await expect(app.getByTestId('import-mapping').getByRole('combobox', { name: 'D 列 学科 导入为' })).toHaveValue('学科')
  await screenshot(app, 'archive-import-06-roster-mapping')
  await app.getByRole('button', { name: '检查数据', exact: true }).click()
  await app.getByRole('button', { name: '导入', exact: true }).click()
  await expect(app.getByTestId('import-summary')).toContainText('新增 7')
  await expect(app.getByTestId('import-summary')).toContainText('重新关联了 5 处发明人')
  await expect(app.getByTestId('status-researchers')).toHaveText('科研人员 7')
  await screenshot(app, 'archive-import-07-roster-summary')

  await app.getByRole('button', { name: '继续导入' }).click()
  await app.getByTestId('import-kind').getByText('科研项目清单').click()
  const download = app.waitForEvent('download')
  await app.getByRole('button', { name: '下载模板' }).click()
  expect((await download).suggestedFilename()).toBe('科研项目清单模板.xlsx')
  await chooseFile(app, join(FIXTURES, 'projects.xlsx'))
  await app.getByRole('button', { name: '检查数据', exact: true }).click()
  await app.getByRole('button', { name: '导入', exact: true }).click()
  await expect(app.getByTestId('status-projects')).toHaveText('项目 4')
})

test('a large file shows progress and can be cancelled, leaving the archive as it was', async ({ app, host }) => {
  test.setTimeout(180_000)
  const dir = mkdtempSync(join(tmpdir(), 'ipdesk-e2e-import-'))
  const big = join(dir, '大批量专利清单.xlsx')
  await writeWorkbook(big, [
    sheet<(string | Date | null)[]>({
      name: '专利清单',
      columns: SYNTHETIC_COLUMNS.map((c, i) => ({ header: c.header, kind: c.kind, value: (r) => r[i] ?? null })),
      rows: syntheticPatentRows(30_000, '东海理工大学'),
    }),
  ])
  await setUniversity(app)
  await app.goto(app.url().replace(/#.*$/, '') + '#/archive/import')
  await chooseFile(app, big)
  await app.getByRole('button', { name: '检查数据', exact: true }).click()
  const progress = app.getByTestId('job-progress')
  await expect(progress).toContainText(/检查数据：已处理 [\d,]+ 行/)
  await screenshot(app, 'archive-import-08-progress')
  await expect(app.getByTestId('count-inserted')).toContainText('30,000', { timeout: 120_000 })

  await app.getByRole('button', { name: '导入', exact: true }).click()
  await expect(progress).toContainText(/导入：已处理 [\d,]+ 行/)
  // The preview counted the rows, so the import's bar is exact: 'done / 30,000'.
  await expect(progress).toContainText('/ 30,000')
  await screenshot(app, 'archive-import-09-import-progress')
  await progress.getByRole('button', { name: '取消' }).click()
  await expect(app.getByText('已取消，档案未作任何修改。')).toBeVisible()
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 0')
  // Reading the file parked its worksheet in temp files (exceljs); the header detection, the preview
  // and the cancelled import each stopped or finished their reading, and left none of them behind.
  expect(leftoverTempFiles(hostTempDir(host.dir))).toEqual([])
})

/** exceljs' parked worksheets (tmp-<pid>-…) and reading workers' folders still under `dir`. */
function leftoverTempFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => /(^|[\\/])(tmp-\d+-|ipdesk-read-)/u.test(path))
}

test('a ledger kept one worksheet per kind: every worksheet with the same header is read, problems name their worksheet', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ipdesk-e2e-sheets-'))
  const file = join(dir, '专利台账（分类型）.xlsx')
  const columns = ['申请号', '名称', '申请人'].map((header, i) => ({ header, value: (r: string[]) => r[i] ?? '' }))
  await writeWorkbook(file, [
    sheet<string[]>({ name: '发明', columns, rows: [['202310397744.0', '一种锂电池隔膜', '东海理工大学']] }),
    sheet<string[]>({ name: '实用新型', columns, rows: [['202121635235.X', '一种隔膜涂布装置', '东海理工大学'], ['202220000003.1', '一种支架', '东海理工大学']] }),
    sheet<string[]>({ name: '外观设计', columns, rows: [['202231200345.3', '智能水杯（外观）', '东海理工大学']] }),
  ])
  await setUniversity(app)
  await app.goto(app.url().replace(/#.*$/, '') + '#/archive/import')
  await chooseFile(app, file)
  await app.getByRole('button', { name: '检查数据', exact: true }).click()
  await expect(app.getByTestId('count-inserted')).toContainText('3')
  await expect(app.getByTestId('count-rejected')).toContainText('1')
  // The wrong check character is row 3 of 实用新型, not of the first worksheet.
  const problem = app.getByTestId('import-problems').getByRole('row').nth(1)
  await expect(problem).toContainText('“实用新型” 3')
  await expect(problem).toContainText('校验位应为')
  const warnings = app.getByTestId('import-warnings')
  await expect(warnings).toContainText('工作表“实用新型”第 1 行起是同样表头的清单（2 行），已与工作表“发明”一并读取。')
  await expect(warnings).toContainText('工作表“外观设计”第 1 行起是同样表头的清单（1 行）')
  await screenshot(app, 'archive-import-10-worksheets')
  await app.getByRole('button', { name: '导入有效的 3 行' }).click()
  await expect(app.getByTestId('import-summary')).toContainText('新增 3')
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 3')
})
