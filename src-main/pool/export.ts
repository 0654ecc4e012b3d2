import type { Kysely } from 'kysely'
import { ASSET_KIND_LABELS, CONVERSION_STATE_LABELS, POOL_GRADE_LABELS } from '../contract/labels'
import type { PoolGradeCode, PoolRow } from '../contract/pool'
import { AppError } from '../contract/result'
import { todayIso } from '../core/clock'
import type { DB } from '../db/schema'
import { dataTable, heading, keyValueTable, pageBreak, paragraph, spacer, title as docTitle, writeDocx, type Block } from '../docx'
import { getSettings } from '../settings/service'
import { sheet, writeWorkbook, type ColumnSpec } from '../spreadsheet'
import { getFeeTable } from './fee-store'
import { allPoolRows, countPool } from './entries'
import { ASSET_BASE_COLUMNS, enrichRows, type EnrichedRow } from './rows'

// Exports of the pool: the list as .xlsx with the provincial batch template's columns, in its order
// (专利号 … 意向企业), and a Word brochure (推介手册) with one block per patent.
//
// The list is "ready for a provincial batch template": one header row with exactly those 14 headers,
// one patent per row, every cell plain text (dates as YYYY-MM-DD text, 是/否) so it pastes into any
// template without Excel re-typing dates or numbers; 专利号 is 'ZL' + the application number.

export function gradeText(grade: PoolGradeCode | null | undefined): string {
  return grade ? `${grade} ${POOL_GRADE_LABELS[grade]}` : '未分级'
}

export const POOL_LIST_COLUMNS: ColumnSpec<PoolRow>[] = [
  { header: '专利号', width: 20, value: (r) => r.patentNo },
  { header: '名称', width: 44, value: (r) => r.title },
  { header: '类型', width: 10, value: (r) => ASSET_KIND_LABELS[r.kind] },
  { header: '申请日', width: 12, value: (r) => r.filingDate ?? '' },
  { header: '授权日', width: 12, value: (r) => r.grantDate ?? '' },
  { header: '发明人', width: 28, value: (r) => r.inventors },
  { header: '学院', width: 20, value: (r) => r.college },
  { header: '学科', width: 20, value: (r) => r.disciplines },
  { header: '价值分级', width: 12, value: (r) => gradeText(r.grade?.grade) },
  { header: '转化状态', width: 12, value: (r) => CONVERSION_STATE_LABELS[r.state] },
  { header: '是否财政资助', width: 12, value: (r) => (r.fiscalFunded ? '是' : '否') },
  { header: '剩余有效期', width: 14, value: (r) => r.remainingText },
  { header: '产业化前景', width: 48, value: (r) => r.entry.prospects },
  { header: '意向企业', width: 36, value: (r) => r.enterprises },
]

export interface ExportProgress {
  progress?: (done: number, total: number) => void
  checkpoint?: () => Promise<void>
}

/** The active pool (optionally only some grades) as .xlsx; returns the number of patents written. */
export async function exportPoolWorkbook(db: Kysely<DB>, path: string, options: { grades?: PoolGradeCode[] } & ExportProgress = {}, today = todayIso()): Promise<number> {
  const query = { grades: options.grades?.length ? options.grades : undefined }
  const total = await countPool(db, query)
  let written = 0
  async function* rows(): AsyncGenerator<PoolRow> {
    for await (const row of allPoolRows(db, query, today)) {
      written++
      if (written % 200 === 0) {
        options.progress?.(written, total)
        await options.checkpoint?.()
      }
      yield row
    }
  }
  await writeWorkbook(path, [sheet<PoolRow>({ name: '可转化专利清单', columns: POOL_LIST_COLUMNS, rows: rows() })])
  options.progress?.(written, total)
  return written
}

function block(row: EnrichedRow, abstract: string): Block[] {
  const entry = row.entry
  const field = entry?.applicationField || (row.ipcClassTitle ? `${row.ipcClassTitle}（按主分类号）` : '')
  const pairs: [string, string][] = [
    ['专利号', row.patentNo],
    ['专利类型', ASSET_KIND_LABELS[row.kind]],
    ['价值分级', gradeText(row.grade?.grade)],
    ['发明人', row.inventors || '—'],
    ['所属学院', row.college || '—'],
    ['应用领域', field || '—'],
  ]
  if (entry?.targetIndustries.length) pairs.push(['目标产业', entry.targetIndustries.join('、')])
  pairs.push(['授权日 / 剩余有效期', `${row.grantDate ?? '—'} / ${row.remainingText}`])
  pairs.push(['转化状态', CONVERSION_STATE_LABELS[row.state] + (entry?.openLicenceCandidate && row.state === 'none' ? '（可开放许可）' : '')])
  const blocks: Block[] = [heading(row.title, 2), keyValueTable(pairs, 24), heading('技术摘要', 3), paragraph(abstract.trim() || '（档案中无摘要）')]
  if (entry?.prospects) blocks.push(heading('产业化前景', 3), paragraph(entry.prospects))
  return blocks
}

/** A 推介会 brochure: cover, a contents table, then one block per patent in the order given. */
export async function exportBrochure(
  db: Kysely<DB>,
  path: string,
  assetIds: number[],
  options: { title?: string } & ExportProgress = {},
  today = todayIso(),
): Promise<number> {
  const ids = [...new Set(assetIds)]
  if (!ids.length) throw new AppError('invalid_input', '请至少选择一项专利。')
  const assets = await db
    .selectFrom('ip_asset as a')
    .select([...ASSET_BASE_COLUMNS, 'a.abstract'])
    .where('a.id', 'in', ids)
    .execute()
  const byId = new Map(assets.map((a) => [a.id, a]))
  const missing = ids.filter((id) => !byId.has(id))
  if (missing.length) throw new AppError('not_found', `所选专利中有 ${missing.length} 项已不在档案中，请刷新后重新选择。`)
  const ordered = ids.map((id) => byId.get(id)!)
  const rows = await enrichRows(db, ordered, { today, fees: await getFeeTable(db) })
  if (rows.length !== ordered.length) throw new AppError('invalid_input', '推介手册只收录专利（发明、实用新型、外观设计），请取消选择其他类型的知识产权。')
  const settings = await getSettings(db)
  const heading1 = options.title?.trim() || '可转化专利推介手册'
  const children: Block[] = [
    spacer(4),
    docTitle(heading1),
    paragraph(settings.centreName || settings.universityName || '', { align: 'center', indent: false }),
    paragraph(`${today.slice(0, 4)}年${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日 · 共 ${rows.length} 项专利`, { align: 'center', indent: false }),
    spacer(2),
    dataTable(
      [
        { header: '序号', width: 7, align: 'center' },
        { header: '专利名称', width: 45 },
        { header: '类型', width: 12, align: 'center' },
        { header: '价值分级', width: 14, align: 'center' },
        { header: '学院', width: 22 },
      ],
      rows.map((r, i) => [String(i + 1), r.title, ASSET_KIND_LABELS[r.kind], gradeText(r.grade?.grade), r.college]),
    ),
  ]
  for (const [i, row] of rows.entries()) {
    await options.checkpoint?.()
    children.push(pageBreak(), ...block(row, byId.get(row.id)!.abstract))
    options.progress?.(i + 1, rows.length)
  }
  await writeDocx(path, { title: heading1, creator: settings.centreName || 'IPDesk', sections: [{ children }] })
  return rows.length
}
