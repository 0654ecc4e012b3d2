import JSZip from 'jszip'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { formatApplicationNumber } from '../../src-main/domain/cn-number'
import { expect, screenshot, test } from './fixtures'

async function loadDemo(app: Page) {
  await app.getByRole('button', { name: '载入演示数据' }).click()
  await expect(app.getByTestId('status-assets')).toHaveText('知识产权 600', { timeout: 60_000 })
}

async function openEvaluations(app: Page) {
  await app.getByRole('navigation').getByText('申请前评估', { exact: true }).click()
  await expect(app.getByRole('heading', { name: '申请前评估' })).toBeVisible()
}

/** Close the notifications so a screenshot shows the page. */
async function clearToasts(app: Page) {
  const toasts = app.locator('.mantine-Notification-root')
  for (let i = 0; i < 10 && (await toasts.count()) > 0; i++) {
    // Toasts slide while others leave: a forced click on whichever is first, then look again.
    await toasts.first().locator('button').click({ force: true, timeout: 2000 }).catch(() => {})
  }
  await expect(toasts).toHaveCount(0, { timeout: 12_000 })
}

async function saved(app: Page) {
  await expect(app.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
}

/** The visible text of a .docx (all w:t runs, paragraph by paragraph). */
async function docxText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file))
  const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<\/w:p>/g, '\n')
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|\n/g)].map((m) => m[1] ?? '\n').join('')
}

test('fill an evaluation with the keyboard, see the live total, submit, review, decide, export the Word report and link the filing', async ({ app, host }) => {
  test.setTimeout(150_000)
  // A new archive: the empty state. Then the demo archive (researchers to pick, and its own evaluations).
  await openEvaluations(app)
  await expect(app.getByTestId('evaluations-empty')).toContainText('还没有评估')
  await screenshot(app, 'evaluations-01-empty')
  await app.getByRole('navigation').getByText('档案库', { exact: true }).click()
  await loadDemo(app)
  await openEvaluations(app)
  await expect(app.getByTestId('evaluations-table')).toBeVisible()

  // N opens a new draft with the title focused.
  await app.keyboard.press('n')
  const title = app.getByLabel('发明名称')
  await expect(title).toBeFocused()
  await app.keyboard.type('一种高安全锂电池隔膜及其制备方法')

  // Inventors: a researcher with the shared picker (Enter takes the highlighted match), then an external one.
  await app.keyboard.press('Tab')
  await expect(app.getByRole('textbox', { name: '本校发明人' })).toBeFocused()
  await app.keyboard.type('王伟')
  await expect(app.getByRole('option').filter({ hasText: '王伟' }).first()).toBeVisible()
  await app.keyboard.press('Enter')
  await expect(app.getByTestId('inventor-pill')).toHaveCount(1)
  // The picker is ready for the next researcher; Tab moves on to the external inventor.
  await expect(app.getByRole('textbox', { name: '本校发明人' })).toBeFocused()
  await app.keyboard.press('Tab')
  await expect(app.getByRole('textbox', { name: '校外发明人' })).toBeFocused()
  await app.keyboard.type('陈工程师')
  await app.keyboard.press('Enter')
  await expect(app.getByTestId('inventor-pill')).toHaveCount(2)
  await expect(app.getByTestId('inventor-pill').nth(0)).toContainText('1. 王伟（')
  await expect(app.getByTestId('inventor-pill').nth(1)).toContainText('2. 陈工程师（校外）')

  await app.getByLabel('技术领域').focus()
  await app.keyboard.type('锂离子电池隔膜')
  await app.getByLabel('现有技术检索摘要').focus()
  await app.keyboard.type('检索了 CNABS 和 DWPI，最接近的现有技术为陶瓷涂覆隔膜，区别在于涂层结构。')

  // The archive's own related work shows up while typing.
  await expect(app.getByTestId('similar-asset').first()).toBeVisible()
  await clearToasts(app)
  await screenshot(app, 'evaluations-02-basics')

  // Scores: one keyboard stop per indicator — a digit scores it, Tab goes to its comment, Tab to the next.
  const groups = app.locator('[data-testid^="score-"][role="radiogroup"]')
  const count = await groups.count()
  expect(count).toBe(14)
  await groups.first().focus()
  for (let i = 0; i < count; i++) {
    await app.keyboard.press('4')
    if (i < count - 1) {
      await app.keyboard.press('Tab')
      await app.keyboard.press('Tab')
    }
  }
  await expect(app.getByTestId('live-total')).toHaveText('80')
  await expect(app.getByTestId('live-grade')).toHaveText('A · 优')
  // 市场需求 up to 5 (+2 points), 侵权可发现性 down to 2 (−2 points), then 潜在受让方 to 5 (+2).
  await app.getByRole('radiogroup', { name: '市场需求' }).focus()
  await app.keyboard.press('ArrowRight')
  await app.getByRole('radiogroup', { name: '侵权可发现性' }).focus()
  await app.keyboard.press('2')
  await expect(app.getByTestId('live-total')).toHaveText('80')
  await app.getByRole('radiogroup', { name: '潜在受让方／被许可方' }).focus()
  await app.keyboard.press('5')
  await expect(app.getByTestId('live-total')).toHaveText('82')
  await app.getByLabel('市场需求 说明（可选）').fill('储能企业需求迫切')

  await app.getByRole('radio', { name: '一案双申' }).focus()
  await app.keyboard.press('Space')
  await expect(app.getByRole('radio', { name: '一案双申' })).toBeChecked()
  await saved(app)
  await screenshot(app, 'evaluations-03-scoring')

  // Nothing typed is lost: reload right after typing, before the autosave pause is over.
  await app.getByLabel('技术领域').focus()
  await app.keyboard.press('End')
  await app.keyboard.type('材料')
  await app.reload()
  await expect(app.getByLabel('技术领域')).toHaveValue('锂离子电池隔膜材料')
  await expect(app.getByLabel('发明名称')).toHaveValue('一种高安全锂电池隔膜及其制备方法')
  await expect(app.getByTestId('live-total')).toHaveText('82')
  await saved(app)

  // Workflow: submit (the form locks), reviewers write opinions, review, decide.
  await app.getByRole('button', { name: '提交评审' }).click()
  await expect(app.getByTestId('evaluation-status')).toHaveText('待评审')
  await expect(app.getByLabel('发明名称')).toBeDisabled()
  await app.getByRole('button', { name: '完成评审' }).click()
  await expect(app.getByText('请至少记录一位评审人的姓名和意见')).toBeVisible()
  await app.getByRole('button', { name: '添加评审人' }).click()
  await expect(app.getByLabel('评审人')).toBeFocused()
  await app.keyboard.type('李专家')
  await app.keyboard.press('Tab')
  await app.keyboard.type('校外技术专家')
  await app.keyboard.press('Tab')
  await app.keyboard.press('ArrowRight')
  await expect(app.getByTestId('reviewer-row').getByRole('radio', { name: '同意', exact: true })).toBeChecked()
  await app.getByLabel('具体意见').fill('技术方案清楚，同意一案双申。')
  await saved(app)
  await app.getByRole('button', { name: '完成评审' }).click()
  await expect(app.getByTestId('evaluation-status')).toHaveText('已评审')

  await app.getByRole('button', { name: '作出决定' }).click()
  const dialog = app.getByRole('dialog')
  await expect(dialog.getByRole('radio', { name: '一案双申' })).toBeChecked()
  await dialog.getByLabel('决定日期').fill('2026-03-10')
  await dialog.getByLabel('说明').fill('经中心评审会讨论决定。')
  await dialog.getByRole('button', { name: '确认决定' }).click()
  await expect(app.getByTestId('evaluation-status')).toHaveText('已决定')
  await expect(app.getByTestId('decision-text')).toHaveText('决定：一案双申（2026-03-10）')

  // The Word report: download it and read it back.
  const downloading = app.waitForEvent('download')
  await app.getByRole('button', { name: '导出评估报告（Word）' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^专利申请前评估报告_PG\d{4}-\d{4}_一种高安全锂电池隔膜及其制备方法\.docx$/)
  const file = join(host.dir, 'report.docx')
  await download.saveAs(file)
  const text = await docxText(file)
  expect(text).toContain('专利申请前评估报告')
  expect(text).toContain('总分：82 分')
  expect(text).toContain('等级：A（优）')
  expect(text).toContain('评估建议：一案双申')
  expect(text).toContain('决定：一案双申')
  expect(text).toContain('技术方案清楚，同意一案双申。')
  expect(text).toContain('储能企业需求迫切')

  // After filing: a wrong check character is refused with the right one named, then the number links.
  const appNo = formatApplicationNumber('202610123456')
  const wrong = appNo.slice(0, -1) + (appNo.endsWith('1') ? '2' : '1')
  const filing = app.getByTestId('filing-section')
  await filing.getByLabel('申请号').fill(wrong)
  await filing.getByLabel('申请号').press('Enter')
  await expect(app.getByText(`申请号 ${appNo.slice(0, 12)} 的校验位应为 ${appNo.slice(-1)}`)).toBeVisible()
  await filing.getByLabel('申请号').fill(appNo)
  await filing.getByLabel('申请号').press('Enter')
  await expect(filing).toContainText(`已关联申请号 ${appNo}`)
  await clearToasts(app)
  await screenshot(app, 'evaluations-04-decided')

  await app.getByRole('button', { name: '返回评估列表' }).click()
  const row = app.getByTestId('evaluations-table').getByRole('row').filter({ hasText: '一种高安全锂电池隔膜及其制备方法' })
  await expect(row).toContainText('已决定')
  await expect(row).toContainText('82')
  await expect(row).toContainText(appNo)
  await clearToasts(app)
  await screenshot(app, 'evaluations-05-list')
})

test('editing the template makes a new version; an existing evaluation keeps its version and total', async ({ app }) => {
  await openEvaluations(app)
  await app.getByTestId('evaluations-empty').getByRole('button', { name: '新建评估' }).click()
  await expect(app.getByLabel('发明名称')).toBeFocused()
  await app.keyboard.type('一种柔性应变传感器')
  await app.locator('[data-testid^="score-"][role="radiogroup"]').first().focus()
  for (let i = 0; i < 14; i++) {
    await app.keyboard.press('3')
    if (i < 13) {
      await app.keyboard.press('Tab')
      await app.keyboard.press('Tab')
    }
  }
  await expect(app.getByTestId('live-total')).toHaveText('60')
  await saved(app)
  await expect(app.getByTestId('total-card')).toContainText('指标模板第 1 版')

  await app.getByRole('button', { name: '返回评估列表' }).click()
  await app.getByText('评估指标模板').click()
  await expect(app.getByRole('heading', { name: '评估指标模板' })).toBeVisible()
  await expect(app.getByTestId('weight-sum')).toHaveText('权重合计 100 / 100')
  await app.getByLabel('新颖性（对比检索到的现有技术） 权重').fill('19')
  await expect(app.getByTestId('weight-sum')).toHaveText('权重合计 110 / 100')
  await expect(app.getByRole('button', { name: '保存为新版本' })).toBeDisabled()
  await app.getByLabel('创造性 权重').fill('0')
  await expect(app.getByTestId('weight-sum')).toHaveText('权重合计 101 / 100')
  await app.getByLabel('不可替代性 权重').fill('4')
  await expect(app.getByTestId('weight-sum')).toHaveText('权重合计 100 / 100')
  await app.getByLabel('新颖性（对比检索到的现有技术） 5 分').fill('检索充分，未发现相同或相近方案。')
  await app.getByRole('button', { name: '保存为新版本' }).click()
  await expect(app.getByText('已保存为第 2 版')).toBeVisible()
  await expect(app.getByText(/当前为第 2 版/)).toBeVisible()
  await screenshot(app, 'evaluations-06-template')

  await app.getByRole('button', { name: '返回评估列表' }).click()
  await app.getByText('一种柔性应变传感器').click()
  await expect(app.getByTestId('total-card')).toContainText('指标模板第 1 版')
  await expect(app.getByTestId('live-total')).toHaveText('60')
  await expect(app.getByRole('radiogroup', { name: '创造性' })).toBeVisible()
})

test('a patent imported after an evaluation is offered as its filing, and linking it takes one click', async ({ app }) => {
  await loadDemo(app)
  // Set up through the same channels the form uses: a decided evaluation whose title and first
  // inventor match an invention filed later in the demo archive.
  const setup = await app.evaluate(async () => {
    const token = sessionStorage.getItem('ipdesk.token')!
    const call = async <T,>(channel: string, input: unknown): Promise<T> => {
      const response = await fetch(`/rpc/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-IPDesk-Token': token }, body: JSON.stringify(input) })
      const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } }
      if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`)
      return result.value
    }
    type Row = { appNo: string; title: string; inventors: string; filingDate: string }
    const found = await call<{ items: Row[] }>('archive:search', { kinds: ['invention'], filingYearFrom: 2020, limit: 50 })
    const asset = found.items.find((a) => a.inventors && a.filingDate)!
    const { id } = await call<{ id: number }>('evaluations:create', { title: asset.title })
    const template = await call<{ body: { dimensions: { indicators: { id: string }[] }[] } }>('evaluations:template', {})
    const scores = Object.fromEntries(template.body.dimensions.flatMap((d) => d.indicators.map((i) => [i.id, { score: 4, comment: '' }])))
    const day = new Date(Date.parse(asset.filingDate) - 30 * 86_400_000).toISOString().slice(0, 10)
    await call('evaluations:save', { id, patch: { inventors: [{ name: asset.inventors.split('、')[0], researcherId: null, college: '', external: false }], evaluatedOn: day, scores, recommendation: 'invention' } })
    await call('evaluations:transition', { id, action: 'submit' })
    await call('evaluations:save', { id, patch: { reviewers: [{ name: '李专家', role: '', stance: 'agree', opinion: '', date: null }] } })
    await call('evaluations:transition', { id, action: 'review' })
    await call('evaluations:transition', { id, action: 'decide', decision: 'invention', decisionDate: day })
    return { appNo: asset.appNo, title: asset.title }
  })
  await openEvaluations(app)
  const suggestions = app.getByTestId('link-suggestions')
  await expect(suggestions).toContainText(setup.appNo)
  await clearToasts(app)
  await screenshot(app, 'evaluations-07-suggestions')
  // The demo archive brings suggestions of its own: take the one for this evaluation.
  const ours = suggestions.getByTestId('link-suggestion').filter({ hasText: setup.appNo })
  await ours.getByRole('button', { name: '关联' }).click()
  await expect(app.getByText(`已关联申请号 ${setup.appNo}`)).toBeVisible()
  await expect(app.getByTestId('evaluations-table').getByRole('row').filter({ hasText: setup.title }).first()).toContainText(setup.appNo)
  await expect(ours).toHaveCount(0)
})
