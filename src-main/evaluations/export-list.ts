import type { Kysely } from 'kysely'
import { EVALUATION_ROUTES, GRADES, evaluationNumber, type Evaluation, type EvaluationStats, type TemplateRecord } from '../contract/evaluations'
import { EVALUATION_ROUTE_LABELS, EVALUATION_STATUS_LABELS, REVIEWER_STANCE_LABELS } from '../contract/labels'
import type { DB } from '../db/schema'
import { sheet, writeWorkbook } from '../spreadsheet'
import { scoreEvaluation } from './scoring'
import { toEvaluation } from './service'
import { evaluationStats, yearRange } from './stats'
import { peekCurrentTemplate, templateById } from './template'

// The evaluation list as an Excel workbook (评估清单): one row per evaluation with the dimension
// subtotals, total, grade, recommendation, reviewers, decision and the application it became; with a
// year, a second sheet carries the year's statistics. Text cells are never formulas (spreadsheet kit).

interface ListItem {
  e: Evaluation
  template: TemplateRecord
  dimensionPoints: Map<string, number>
}

export interface ExportListOptions {
  year?: number | null
  onRows?: (written: number, total: number) => void | Promise<void>
}

function yesNo(v: boolean | null): string {
  return v === null ? '' : v ? '是' : '否'
}

export async function writeEvaluationList(db: Kysely<DB>, path: string, options: ExportListOptions = {}): Promise<{ rows: number }> {
  let query = db.selectFrom('evaluation').selectAll()
  if (options.year) {
    const range = yearRange(options.year)
    query = query.where('evaluated_on', '>=', range.from).where('evaluated_on', '<=', range.to)
  }
  const rows = await query.orderBy('evaluated_on').orderBy('id').execute()
  const templates = new Map<number, TemplateRecord>()
  const items: ListItem[] = []
  for (const row of rows) {
    let template = templates.get(row.template_id)
    if (!template) {
      template = await templateById(db, row.template_id)
      templates.set(row.template_id, template)
    }
    const e = await toEvaluation(db, row, template.version)
    const result = scoreEvaluation(template.body, e.scores)
    items.push({ e, template, dimensionPoints: new Map(result.dimensions.map((d) => [d.id, d.points])) })
    if (options.onRows && items.length % 200 === 0) await options.onRows(items.length, rows.length)
  }

  // Dimension columns follow the current template; older versions map by dimension id.
  const current = await peekCurrentTemplate(db)
  const dimensionColumns = current.body.dimensions.map((d) => ({
    header: `${d.name}得分`,
    kind: 'number' as const,
    width: 12,
    value: (item: ListItem) => item.dimensionPoints.get(d.id) ?? null,
  }))

  const listSheet = sheet<ListItem>({
    name: '评估清单',
    rows: items,
    columns: [
      { header: '评估编号', width: 14, value: (i) => evaluationNumber(i.e) },
      { header: '发明名称', width: 40, value: (i) => i.e.title },
      { header: '发明人', width: 24, value: (i) => i.e.inventors.map((p) => (p.external ? `${p.name}（校外）` : p.name)).join('、') },
      { header: '所属项目', width: 28, value: (i) => i.e.projectName },
      { header: '财政资助', width: 10, value: (i) => yesNo(i.e.fiscalFunded) },
      { header: '技术领域', width: 18, value: (i) => i.e.techField },
      { header: 'IPC分类', width: 12, value: (i) => i.e.ipcSuggested ?? '' },
      { header: '披露日期', kind: 'date', width: 12, value: (i) => i.e.disclosureDate },
      { header: '评估日期', kind: 'date', width: 12, value: (i) => i.e.evaluatedOn },
      { header: '模板版本', kind: 'integer', width: 10, value: (i) => i.template.version },
      ...dimensionColumns,
      { header: '总分', kind: 'number', width: 8, value: (i) => i.e.total },
      { header: '等级', width: 8, value: (i) => i.e.grade ?? '' },
      { header: '评估建议', width: 14, value: (i) => (i.e.recommendation ? EVALUATION_ROUTE_LABELS[i.e.recommendation] : '') },
      {
        header: '评审意见',
        width: 40,
        value: (i) =>
          i.e.reviewers
            .filter((r) => r.name.trim())
            .map((r) => `${r.name}：${r.stance ? REVIEWER_STANCE_LABELS[r.stance] : ''}${r.opinion.trim() ? `（${r.opinion.trim()}）` : ''}`)
            .join('；'),
      },
      { header: '状态', width: 10, value: (i) => EVALUATION_STATUS_LABELS[i.e.status] },
      { header: '决定', width: 14, value: (i) => (i.e.decision ? EVALUATION_ROUTE_LABELS[i.e.decision] : '') },
      { header: '决定日期', kind: 'date', width: 12, value: (i) => i.e.decisionDate },
      { header: '申请号', width: 18, value: (i) => i.e.filedAppNo ?? '' },
      { header: '申请日', kind: 'date', width: 12, value: (i) => i.e.filedAsset?.filingDate ?? null },
    ],
  })

  const sheets = [listSheet]
  if (options.year) {
    const stats = await evaluationStats(db, yearRange(options.year))
    sheets.push(sheet({ name: `${options.year}年统计`, rows: statsRows(stats), columns: [
      { header: '分类', width: 14, value: (r: StatRow) => r.group },
      { header: '项目', width: 22, value: (r: StatRow) => r.item },
      { header: '数量', kind: 'number', width: 10, value: (r: StatRow) => r.value },
    ] }))
  }
  await writeWorkbook(path, sheets, { onRows: async (n) => options.onRows?.(n, rows.length) })
  return { rows: items.length }
}

interface StatRow {
  group: string
  item: string
  value: number | null
}

function statsRows(s: EvaluationStats): StatRow[] {
  return [
    { group: '合计', item: '完成评估（不含草稿）', value: s.total },
    { group: '合计', item: '草稿', value: s.drafts },
    ...GRADES.map((g) => ({ group: '等级', item: g, value: s.byGrade[g] ?? 0 })),
    ...EVALUATION_ROUTES.map((r) => ({ group: '评估建议', item: EVALUATION_ROUTE_LABELS[r], value: s.byRecommendation[r] ?? 0 })),
    ...EVALUATION_ROUTES.map((r) => ({ group: '决定', item: EVALUATION_ROUTE_LABELS[r], value: s.byDecision[r] ?? 0 })),
    { group: '申请', item: '决定申请', value: s.decidedToFile },
    { group: '申请', item: '已提出申请（已关联申请号）', value: s.filed },
    { group: '申请', item: '已申请比例（%）', value: s.filedShare === null ? null : Math.round(s.filedShare * 1000) / 10 },
    { group: '得分', item: '平均总分', value: s.averageTotal },
  ]
}
