import type { Kysely } from 'kysely'
import { evaluationNumber, type Evaluation, type SimilarAsset, type TemplateRecord } from '../contract/evaluations'
import { ASSET_KIND_LABELS, EVALUATION_ROUTE_LABELS, EVALUATION_STATUS_LABELS, REVIEWER_STANCE_LABELS } from '../contract/labels'
import type { AssetKind, DB } from '../db/schema'
import { AlignmentType, HeadingLevel, Paragraph, TextRun } from 'docx'
import { dataTable, keyValueTable, paragraph, SIZE, title, writeDocx, type Block, type DocumentSpec } from '../docx'
import { getSettings } from '../settings/service'
import { indicatorPoints, scoreEvaluation } from './scoring'
import { getEvaluation } from './service'
import { findSimilarAssets } from './similar'

// 专利申请前评估报告 (Word), built from the shared Word kit (src-main/docx): basic facts, the prior-art
// summary, the scores table with dimension subtotals, total and grade, the recommendation, reviewers'
// opinions, the decision, related work in the archive and the signatures block.

/** Two ideographic spaces: the gap between items on one line of a Chinese document. */
const GAP = '\u3000\u3000'
const SUBTOTAL_FILL = 'EDEFF3'
const TOTAL_FILL = 'E7ECF7'

export interface ReportData {
  evaluation: Evaluation
  template: TemplateRecord
  universityName: string
  centreName: string
  similar: SimilarAsset[]
  /** When the report was produced (YYYY-MM-DD). */
  printedOn: string
}

function yesNo(value: boolean | null): string {
  return value === null ? '未说明' : value ? '是' : '否'
}

function score1(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1)
}

/**
 * A section heading in the kit's heading style that stays with what follows (the kit's heading() can
 * end up alone at the foot of a page, away from its table).
 */
function heading(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, keepLines: true, children: [new TextRun(text)] })
}

/**
 * The signing lines and the seal note, kept on one page together with their heading (the kit's
 * signatureBlock() lets the seal note spill alone onto a new page).
 */
function signatures(lines: string[], sealNote: string): Paragraph[] {
  return [
    new Paragraph({ keepNext: true, spacing: { before: 240 }, children: [] }),
    ...lines.map((line) => new Paragraph({ alignment: AlignmentType.RIGHT, keepNext: true, keepLines: true, spacing: { after: 160 }, children: [new TextRun(line)] })),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 360 }, children: [new TextRun({ text: sealNote, color: '666666' })] }),
  ]
}

/** Multi-line text as paragraphs; an empty text becomes a visible “（未填写）”. */
function paras(value: string, empty = '（未填写）'): Block[] {
  const lines = value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
  if (!lines.length) return [paragraph(empty, { color: '888888', indent: false })]
  return lines.map((l) => paragraph(l))
}


function basicsTable(d: ReportData): Block {
  const e = d.evaluation
  const inventors = e.inventors.length ? e.inventors.map((i) => (i.external ? `${i.name}（校外${i.college ? `，${i.college}` : ''}）` : i.college ? `${i.name}（${i.college}）` : i.name)).join('、') : '（未填写）'
  return keyValueTable(
    [
      ['发明名称', e.title || '（未填写）'],
      ['发明人', inventors],
      ['所属项目', e.projectName || '（未填写）'],
      ['是否财政资助', yesNo(e.fiscalFunded)],
      ['技术领域', e.techField || '（未填写）'],
      ['IPC 分类', e.ipcSuggested || '（未填写）'],
      ['披露日期', e.disclosureDate ?? '（未填写）'],
      ['评估日期', e.evaluatedOn],
      ['指标模板', `${d.template.name}（第 ${d.template.version} 版）`],
      ['评估状态', EVALUATION_STATUS_LABELS[e.status]],
    ],
    22,
  )
}

function scoresTable(d: ReportData): Block {
  const e = d.evaluation
  const body = d.template.body
  const result = scoreEvaluation(body, e.scores)
  const rows: string[][] = []
  const shading: (string | undefined)[] = []
  body.dimensions.forEach((dimension, di) => {
    const dim = result.dimensions[di]!
    dimension.indicators.forEach((indicator, ii) => {
      const entry = e.scores[indicator.id]
      const s = entry?.score ?? null
      const anchor = s ? indicator.anchors[String(s) as '1' | '2' | '3' | '4' | '5'] : ''
      const comment = entry?.comment.trim() ?? ''
      const explanation = [comment, anchor && `（${s} 分：${anchor}）`].filter(Boolean).join('\n') || '—'
      rows.push([ii === 0 ? dimension.name : '', indicator.name, String(indicator.weight), s === null ? '—' : String(s), score1(indicatorPoints(indicator.weight, s)), explanation])
      shading.push(undefined)
    })
    rows.push(['', `${dimension.name}小计`, String(dim.weight), '', score1(dim.points), `已评 ${dim.scored}/${dim.count} 项`])
    shading.push(SUBTOTAL_FILL)
  })
  const gradeText = result.gradeInfo ? `等级 ${result.gradeInfo.grade}（${result.gradeInfo.label}）` : `尚有 ${result.missing.length} 项未评分，暂不定级`
  rows.push(['', '总分', '100', '', score1(result.total ?? result.points), gradeText])
  shading.push(TOTAL_FILL)
  return dataTable(
    [
      { header: '维度', width: 11 },
      { header: '评价指标', width: 26 },
      { header: '权重', width: 8, align: 'center' },
      { header: '评分', width: 8, align: 'center' },
      { header: '得分', width: 9, align: 'center' },
      { header: '评分说明', width: 38 },
    ],
    rows,
    { rowShading: (r) => shading[r] },
  )
}

function reviewersTable(d: ReportData): Block {
  const reviewers = d.evaluation.reviewers.filter((r) => r.name.trim() || r.opinion.trim())
  if (!reviewers.length) return paragraph('（尚无评审意见）', { color: '888888', indent: false })
  return dataTable(
    [
      { header: '评审人', width: 14 },
      { header: '身份', width: 18 },
      { header: '意见', width: 13, align: 'center' },
      { header: '具体意见', width: 41 },
      { header: '日期', width: 14, align: 'center' },
    ],
    reviewers.map((r) => [r.name || '—', r.role || '—', r.stance ? REVIEWER_STANCE_LABELS[r.stance] : '—', r.opinion.trim() || '—', r.date ?? '—']),
  )
}

function similarTable(d: ReportData): Block {
  if (!d.similar.length) return paragraph('档案中未找到相近的成果。', { color: '888888', indent: false })
  return dataTable(
    [
      { header: '申请号/登记号', width: 22 },
      { header: '类型', width: 14, align: 'center' },
      { header: '名称', width: 49 },
      { header: '申请日', width: 15, align: 'center' },
    ],
    d.similar.map((a) => [a.appNo, ASSET_KIND_LABELS[a.kind as AssetKind] ?? a.kind, a.title, a.filingDate ?? '—']),
  )
}

export function buildReportSpec(d: ReportData): DocumentSpec {
  const e = d.evaluation
  const result = scoreEvaluation(d.template.body, e.scores)
  const totalText = result.total !== null ? score1(result.total) : `${score1(result.points)}（未评完）`
  const recommendation = e.recommendation ? EVALUATION_ROUTE_LABELS[e.recommendation] : '（未选择）'
  const decision = e.status === 'decided' && e.decision ? EVALUATION_ROUTE_LABELS[e.decision] : null
  const issuer = [d.universityName, d.centreName].filter(Boolean).join(' ') || '知识产权信息服务中心'

  const children: Block[] = [
    title('专利申请前评估报告'),
    paragraph(issuer, { align: 'center', indent: false }),
    paragraph(`评估编号：${evaluationNumber(e)}${GAP}评估日期：${e.evaluatedOn}${GAP}出具日期：${d.printedOn}`, { align: 'right', size: SIZE.table, indent: false }),
    heading('一、基本信息'),
    basicsTable(d),
    heading('二、现有技术检索摘要'),
    ...paras(e.priorArtSummary),
    heading('三、指标评分'),
    paragraph(`评分标准：每项指标按 1–5 分评分，得分 = 权重 × 评分 ÷ 5，满分 100 分。等级线：${d.template.body.grades.map((g) => `${g.grade}（${g.label}）≥ ${g.min}`).join('，')}。`, { size: SIZE.table, color: '444444', indent: false }),
    scoresTable(d),
    heading('四、评估结论与建议'),
    paragraph(`总分：${totalText} 分${GAP}等级：${result.gradeInfo ? `${result.gradeInfo.grade}（${result.gradeInfo.label}）` : '暂不定级'}`, { bold: true, indent: false }),
    ...(result.gradeInfo?.hint ? [paragraph(result.gradeInfo.hint)] : []),
    paragraph(`评估建议：${recommendation}`, { bold: true, indent: false }),
    heading('五、评审意见'),
    reviewersTable(d),
    heading('六、决定'),
    decision
      ? paragraph(`决定：${decision}${GAP}决定日期：${e.decisionDate ?? '—'}${e.decidedBy ? `${GAP}记录人：${e.decidedBy}` : ''}`, { indent: false })
      : paragraph('尚未作出决定。', { color: '888888', indent: false }),
    ...(decision && e.decisionNote.trim() ? paras(e.decisionNote) : []),
    ...(e.filedAppNo ? [paragraph(`申请情况：已提出申请，申请号 ${e.filedAppNo}${e.filedAsset?.filingDate ? `，申请日 ${e.filedAsset.filingDate}` : ''}。`, { indent: false })] : []),
    heading('七、档案中的相关成果'),
    paragraph('以下为本校知识产权档案中与本发明名称和检索摘要相近的成果，供评审参考。', { size: SIZE.table, color: '444444', indent: false }),
    similarTable(d),
    heading('八、签字'),
    ...signatures(
      ['评估人（签字）：＿＿＿＿＿＿＿＿　日期：＿＿＿＿＿＿', '评审专家（签字）：＿＿＿＿＿＿＿＿　日期：＿＿＿＿＿＿', '知识产权管理部门负责人（签字）：＿＿＿＿＿＿＿＿　日期：＿＿＿＿＿＿'],
      '（知识产权管理部门盖章）',
    ),
  ]
  return { title: `专利申请前评估报告 ${evaluationNumber(e)}`, sections: [{ children }] }
}

/** Gather everything the report shows. */
export async function reportData(db: Kysely<DB>, id: number, printedOn: string): Promise<ReportData> {
  const { evaluation, template } = await getEvaluation(db, id)
  const settings = await getSettings(db)
  const similar = evaluation.title.trim()
    ? (await findSimilarAssets(db, { title: evaluation.title, text: evaluation.priorArtSummary, limit: 5, excludeAssetIds: evaluation.filedAsset ? [evaluation.filedAsset.id] : [] })).assets
    : []
  return { evaluation, template, universityName: settings.universityName, centreName: settings.centreName, similar, printedOn }
}

/** Write the report to `path` (atomically: a failure leaves no half-written file). */
export async function writeEvaluationReport(db: Kysely<DB>, id: number, path: string, printedOn: string): Promise<ReportData> {
  const data = await reportData(db, id, printedOn)
  await writeDocx(path, buildReportSpec(data))
  return data
}

/** A file name for the report: 专利申请前评估报告_PG2025-0007_<title>.docx. */
export function reportFileName(e: Pick<Evaluation, 'id' | 'evaluatedOn' | 'title'>): string {
  const name = e.title.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 30)
  return `专利申请前评估报告_${evaluationNumber(e)}${name ? `_${name}` : ''}.docx`
}
