import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, screenshot, test } from './fixtures'

// Disclosure verification end to end: a researcher's claim list (an .xlsx written here) is imported,
// reviewed side by side with the archive, one item is overridden with a reason, the result is signed and
// the certificate and the sheet are downloaded.

interface Own {
  staffNo: string
  name: string
  assets: { kind: string; app_no: string; title: string; rank: number; grant_date: string | null }[]
}

/** A researcher of the demo archive with at least four patents confirmed to him (read-only look at the file). */
function pickResearcher(dbFile: string): Own {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true })
  try {
    const person = db
      .prepare(
        `SELECT r.id, r.staff_no, r.name FROM researcher r JOIN asset_inventor ai ON ai.researcher_id = r.id
         JOIN ip_asset a ON a.id = ai.asset_id
         WHERE ai.link_state = 'confirmed' AND a.university_owned = 1 AND a.kind IN ('invention', 'utility')
         GROUP BY r.id HAVING count(*) >= 4 ORDER BY r.id LIMIT 1`,
      )
      .get() as { id: number; staff_no: string; name: string }
    const assets = db
      .prepare(
        `SELECT a.kind, a.app_no, a.title, ai.rank, a.grant_date FROM asset_inventor ai JOIN ip_asset a ON a.id = ai.asset_id
         WHERE ai.researcher_id = ? AND ai.link_state = 'confirmed' AND a.university_owned = 1 AND a.kind IN ('invention', 'utility')
         ORDER BY a.filing_date DESC LIMIT 4`,
      )
      .all(person.id) as Own['assets']
    return { staffNo: person.staff_no, name: person.name, assets }
  } finally {
    db.close()
  }
}

function wrongCheck(appNo: string): string {
  const [digits, check] = appNo.split('.')
  return `${digits}.${check === '1' ? '2' : '1'}`
}

async function claimsXlsx(own: Own): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'ipdesk-claims-')), `${own.name}披露清单.xlsx`)
  // The streaming writer: workbook.xlsx.writeFile can resolve before its last bytes reach the file.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true })
  const ws = wb.addWorksheet('披露清单')
  // The list was filled in from someone else's template: its name line names another person.
  ws.addRow(['姓名：王小明'])
  ws.addRow(['序号', '成果类型', '申请号/登记号', '名称', '本人排名', '声明状态', '声明日期'])
  const kind = (k: string) => (k === 'invention' ? '发明' : '实用新型')
  const status = (a: Own['assets'][number]) => (a.grant_date ? '授权' : '申请')
  const [a, b, c, d] = own.assets as [Own['assets'][number], Own['assets'][number], Own['assets'][number], Own['assets'][number]]
  ws.addRow([1, kind(a.kind), a.app_no, a.title, a.rank, status(a), ''])
  ws.addRow([2, kind(b.kind), `ZL${b.app_no}`, b.title, b.rank, status(b), ''])
  ws.addRow([3, kind(c.kind), c.app_no, c.title, c.rank + 1, status(c), '']) // wrong rank
  ws.addRow([4, kind(d.kind), wrongCheck(d.app_no), d.title, d.rank, status(d), '']) // mistyped check character
  ws.addRow([5, '发明', '202410999001.5', '一种并不存在于档案中的装置', 1, '申请', '']) // valid, not in the archive
  ws.addRow([6, '论文', '202410999002.X', '某篇论文', '通讯作者', '待定', '']) // cells that cannot be read
  ws.commit()
  await wb.commit()
  return file
}

async function docxText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file))
  const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<\/w:p>/g, '\n')
  return xml.replace(/<[^>]+>/g, '')
}

test('import a claim list, review it, override one item with a reason, sign off and export', async ({ app, host }) => {
  test.setTimeout(180_000)
  await app.getByRole('button', { name: '载入演示数据' }).click()
  await expect(app.getByTestId('status-assets')).toContainText('知识产权 600')
  const own = pickResearcher(host.dbFile)
  const claims = await claimsXlsx(own)

  await app.getByRole('navigation').getByText('披露核实', { exact: true }).click()
  await expect(app.getByRole('heading', { name: '披露核实' })).toBeVisible()
  await screenshot(app, 'disclosures-01-list')

  // Intake: researcher by 工号, purpose, period, the claim list from Excel.
  await app.getByTestId('disclosure-new').click()
  await expect(app.getByRole('heading', { name: '新建核实' })).toBeVisible()
  await app.getByTestId('disclosure-researcher').fill(own.staffNo)
  await app.getByRole('option', { name: new RegExp(own.staffNo) }).first().click()
  await expect(app.getByTestId('disclosure-researcher')).toHaveValue(new RegExp(own.staffNo))
  await app.getByTestId('disclosure-purpose').click()
  await app.getByRole('option', { name: '职称评审' }).click()
  await app.getByTestId('disclosure-from').fill('2016-01-01')
  await app.getByTestId('disclosure-from').press('Enter')
  await expect(app.getByTestId('disclosure-from')).toHaveValue('2016-01-01')
  const chooser = app.waitForEvent('filechooser')
  await app.getByTestId('disclosure-import').click()
  await (await chooser).setFiles(claims)
  const problems = app.getByTestId('disclosure-problems')
  await expect(problems).toContainText('第 8 行 B（成果类型）')
  await expect(problems).toContainText(`清单中写的姓名是“王小明”，而所选科研人员是“${own.name}”`)
  await expect(problems).toContainText('无法识别本人排名“通讯作者”')
  await expect(app.getByTestId('claims-editor').locator('tbody tr')).toHaveCount(6)
  // The librarian drops the row that is not an IP right at all.
  await app.getByTestId('claims-editor').locator('tbody tr').nth(5).getByRole('button', { name: '删除此行' }).click()
  await expect(app.getByTestId('claims-editor').locator('tbody tr')).toHaveCount(5)
  await screenshot(app, 'disclosures-02-intake')

  await app.getByTestId('disclosure-submit').click()
  await expect(app.getByRole('heading', { name: `${own.name}（${own.staffNo}）` })).toBeVisible()
  const item = (seq: number) => app.getByTestId(`item-${seq}`)
  await expect(item(1).locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'consistent')
  await expect(item(2).locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'consistent')
  await expect(item(3).locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'inconsistent')
  await expect(item(3).locator('[data-code="rank_mismatch"]')).toHaveText('排名不符')
  await expect(item(3).locator('tr[data-flagged]')).toContainText('本人排名')
  await expect(item(4).locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'invalid_number')
  await expect(app.getByTestId('suggestion-4')).toContainText(own.assets[3]!.app_no)
  await expect(item(5).locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'not_found')
  await expect(app.getByText('2016-01-01 至 不限')).toBeVisible()
  await screenshot(app, 'disclosures-03-review')
  await app.getByText('有问题的（3）').click()
  await expect(item(1)).toHaveCount(0)
  await screenshot(app, 'disclosures-03b-review-problems')

  // An override needs a reason.
  await app.getByTestId('override-3').click()
  await app.getByTestId('override-verdict').click()
  await app.getByRole('option', { name: '一致', exact: true }).click()
  await app.getByTestId('override-save').click()
  await expect(app.getByText('请填写更改结论的理由')).toBeVisible()
  await app.getByTestId('override-reason').fill('证书原件注明本人为第一发明人（并列），已查验。')
  await screenshot(app, 'disclosures-04-override')
  await app.getByTestId('override-save').click()
  await expect(item(3).getByTestId('override-badge')).toContainText('系统结论：不一致')
  await expect(item(3).locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'consistent')
  await expect(item(3)).toContainText('证书原件注明本人为第一发明人（并列），已查验。')

  await app.getByTestId('note-4').click()
  await app.getByRole('dialog').getByRole('textbox').fill('本人当场核对证书，确认为抄写错误。')
  await app.getByRole('button', { name: '保存备注' }).click()
  await expect(app.getByTestId('note-text-4')).toContainText('确认为抄写错误')

  // Sign-off freezes the result.
  await app.getByTestId('sign').click()
  await expect(app.getByText('签发后，每一项的核实结论和当时的档案证据都将冻结')).toBeVisible()
  await app.getByTestId('sign-confirm').click()
  await expect(app.getByTestId('frozen')).toBeVisible()
  await expect(app.getByTestId('certificate-no')).toContainText(/HS\d{8}/)
  const certificateNo = /HS\d{8}/.exec((await app.getByTestId('certificate-no').textContent()) ?? '')![0]
  await expect(app.getByTestId('override-3')).toHaveCount(0)
  await expect(app.getByTestId('sign')).toHaveCount(0)
  await screenshot(app, 'disclosures-05-signed')

  // Export: the certificate and the sheet download.
  const docxDownload = app.waitForEvent('download')
  await app.getByTestId('export-docx').click()
  const docx = await docxDownload
  expect(docx.suggestedFilename()).toMatch(new RegExp(`^核实意见书_${own.name}_${own.staffNo}_\\d{8}\\.docx$`))
  const docxPath = join(mkdtempSync(join(tmpdir(), 'ipdesk-dl-')), docx.suggestedFilename())
  await docx.saveAs(docxPath)
  const text = await docxText(docxPath)
  expect(text).toContain('知识产权成果核实意见书')
  expect(text).toContain(own.staffNo)
  expect(text).toContain('证书原件注明本人为第一发明人（并列），已查验。')
  expect(text).not.toContain('尚未签发')

  const xlsxDownload = app.waitForEvent('download')
  await app.getByTestId('export-xlsx').click()
  const xlsx = await xlsxDownload
  const xlsxPath = join(mkdtempSync(join(tmpdir(), 'ipdesk-dl-')), xlsx.suggestedFilename())
  await xlsx.saveAs(xlsxPath)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(xlsxPath)
  expect(wb.getWorksheet('核实结果')!.rowCount).toBe(6)

  // History: the researcher's verifications are found by 工号, this one by its certificate number.
  await app.getByRole('button', { name: '返回列表' }).click()
  await app.getByTestId('disclosure-search').fill(own.staffNo)
  const rows = app.getByTestId('disclosures-table').locator('tbody tr')
  await expect(rows.filter({ hasText: certificateNo })).toHaveCount(1)
  await screenshot(app, 'disclosures-06-history')
  await app.getByTestId('disclosure-search').fill(certificateNo)
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('已签发')
  await expect(rows.first()).toContainText('职称评审')
  await expect(rows.first()).toContainText(own.name)
})

test('the empty history explains how to start and offers the template', async ({ app }) => {
  await app.getByRole('navigation').getByText('披露核实', { exact: true }).click()
  await expect(app.getByTestId('disclosures-empty')).toContainText('还没有核实记录')
  const download = app.waitForEvent('download')
  await app.getByTestId('disclosures-empty').getByRole('button', { name: '下载披露清单模板' }).click()
  expect((await download).suggestedFilename()).toBe('披露清单模板.xlsx')
  await app.getByTestId('disclosures-empty').getByRole('button', { name: '新建核实' }).click()
  await app.getByTestId('disclosure-submit').click()
  await expect(app.getByText('请选择科研人员')).toBeVisible()
  await expect(app.getByText('请至少填写一项成果')).toBeVisible()
  await screenshot(app, 'disclosures-00-empty-form')
})
