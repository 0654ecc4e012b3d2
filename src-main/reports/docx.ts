import { AlignmentType, HeadingLevel, ImageRun, LineRuleType, Paragraph, TextRun } from 'docx'
import type { AnnualReport, CellKind, SheetTable } from '../contract/reports'
import { todayIso } from '../core/clock'
import { dataTable, keyValueTable, pageBreak, paragraph, spacer, title, writeDocx, type Block, type TableColumn } from '../docx'
import { SIZE } from '../docx/styles'
import { consultationsChartSpec, grantsChartSpec, legendCaption, renderBarChart, type BarChartSpec, type RenderOptions } from './charts'
import { chineseDate, formatCount, formatPercent, formatWan } from './format'
import { conversionTotals, headlineFigures, type SheetName } from './tables'

// The Word report 年度工作报告_<year>.docx: cover, 一 … 六, 附表. Every number comes from the same
// tables as the Excel workbook (./tables.ts), so the two files cannot disagree.

/** The appendix lists at most this many granted patents; the workbook always has the full list. */
export const APPENDIX_GRANT_LIMIT = 500
/** Sections 五 show the first rows; 附表 has them all. */
const TOP_ROWS = 10

function cellText(value: string | number | null, kind: CellKind, header = ''): string {
  if (value === null || value === '') return kind === 'text' ? '' : '—'
  if (typeof value === 'string') return value
  if (header === '年度') return String(value)
  switch (kind) {
    case 'money':
      return value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    case 'percent':
      return formatPercent(value)
    case 'integer':
    case 'number':
      return formatCount(value)
    case 'text':
    case 'date':
      return String(value)
    default: {
      const unreachable: never = kind
      return String(unreachable)
    }
  }
}

interface TableOptions {
  /** Column indexes to show (default all). */
  columns?: number[]
  /** Row filter on the sheet's rows (index into table.rows). */
  rows?: (row: SheetTable['rows'][number], index: number) => boolean
  /** Percent widths of the shown columns. */
  widths?: number[]
  /** Override headers of the shown columns. */
  headers?: string[]
  limit?: number
}

/** A sheet table as a Word table: numbers right-aligned, 万元 with two decimals. */
function wordTable(table: SheetTable, options: TableOptions = {}): Block {
  const shown = options.columns ?? table.columns.map((_c, i) => i)
  const columns: TableColumn[] = shown.map((c, i) => ({
    header: options.headers?.[i] ?? table.columns[c]!.header,
    width: options.widths?.[i],
    align: table.columns[c]!.kind === 'text' || table.columns[c]!.kind === 'date' ? 'left' : 'right',
  }))
  const rows: string[][] = []
  table.rows.forEach((row, r) => {
    if (options.rows && !options.rows(row, r)) return
    if (options.limit !== undefined && rows.length >= options.limit) return
    rows.push(shown.map((c) => cellText(row[c] ?? null, table.cellKinds?.[`${r},${c}`] ?? table.columns[c]!.kind, table.columns[c]!.header)))
  })
  return dataTable(columns, rows)
}

function note(text: string): Block {
  return paragraph(text, { align: 'left', indent: false, size: SIZE.small, color: '555555' })
}

/** The kit's heading, kept on the page of the text that follows it (no heading alone at a page foot). */
function heading(text: string, level: 1 | 2 = 1): Block {
  return new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, keepNext: true, keepLines: true, children: [new TextRun(text)] })
}

/** A table or figure caption; kept on the page of what follows it (a table's title above the table). */
function caption(text: string, keepNext = false): Block {
  return new Paragraph({ alignment: AlignmentType.CENTER, keepNext, children: [new TextRun({ text, size: SIZE.small })] })
}

function narrativeBlocks(text: string): Block[] {
  const paragraphs = text
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter(Boolean)
  if (!paragraphs.length) return [paragraph('（未填写）', { color: '888888' })]
  return paragraphs.map((p) => paragraph(p))
}

export interface ChartOutcome {
  blocks: Block[]
  /** Set when a chart was drawn without labels or left out. */
  note: string | null
}

/**
 * A chart picture in its own paragraph. The paragraph states single "auto" line spacing: under the
 * documents' 1.5-line default, LibreOffice clips an inline picture to one text line and draws it over
 * the table above (the kit's image() has no way to say this).
 */
function chartImage(png: Uint8Array, size: { width: number; height: number }, widthPx: number, text: string): Block[] {
  const height = Math.round((size.height / size.width) * widthPx)
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120, line: 240, lineRule: LineRuleType.AUTO },
      keepNext: true,
      children: [new ImageRun({ type: 'png', data: png, transformation: { width: widthPx, height } })],
    }),
    caption(text),
  ]
}

async function chartBlocks(spec: BarChartSpec, figure: string, options: RenderOptions): Promise<ChartOutcome> {
  try {
    const chart = await renderBarChart(spec, options)
    const text = chart.labelled ? `${figure} ${spec.title}` : `${figure} ${spec.title}（本机未找到中文字体，图中不显示文字。${legendCaption(spec)}；数值见上表）`
    return {
      blocks: chartImage(chart.png, { width: chart.width, height: chart.height }, 540, text),
      note: chart.labelled ? null : '本机未找到可用的中文字体，图表未显示文字标签（图注说明了颜色，数值见表格）。',
    }
  } catch (error) {
    return {
      blocks: [note(`（${figure}未能生成：${error instanceof Error ? error.message : String(error)}。数据见上表。）`)],
      note: '图表未能生成，报告中以表格代替。',
    }
  }
}

function byName(tables: SheetTable[], name: SheetName): SheetTable {
  const table = tables.find((t) => t.name === name)
  if (!table) throw new Error(`missing table ${name}`)
  return table
}

/** The prose of 一、基本情况, from the same figures as the tables. */
export function summaryText(report: AnnualReport): string {
  const p = report.patents
  const s = report.services
  const apps = p.applications[p.applications.length - 1]!.counts
  const grants = p.grants[p.grants.length - 1]!.counts
  const conv = p.conversions[p.conversions.length - 1]!
  const contract = conv.transfer.contractYuan + conv.license.contractYuan + conv.openLicense.amountYuan + conv.equity.amountYuan
  const centre = report.centre || '中心'
  return [
    `${report.year}年，${centre}共提供咨询服务${formatCount(s.consultations.total)}次，举办培训讲座${formatCount(s.trainings.sessions)}场（${formatCount(s.trainings.attendees)}人次、${formatCount(s.trainings.hours)}学时），`,
    `出具检索分析报告${formatCount(s.reports.total)}份，开展专利导航项目${formatCount(s.projects.navigation)}项、专利预警项目${formatCount(s.projects.warning)}项；`,
    `完成专利申请前评估${formatCount(report.evaluations.total)}项，核实科研人员披露的知识产权成果${formatCount(report.disclosures.disclosures)}份（${formatCount(report.disclosures.items)}条）。`,
    `全年学校专利申请${formatCount(apps.total)}件（其中发明专利${formatCount(apps.invention)}件），获得授权${formatCount(grants.total)}件（其中发明专利${formatCount(grants.invention)}件）；`,
    `截至${chineseDate(p.validOn)}，学校有效专利${formatCount(p.valid.total)}件（其中发明专利${formatCount(p.valid.invention)}件）。`,
    `全年知识产权转让${formatCount(conv.transfer.count)}件、许可${formatCount(conv.license.count)}件、开放许可发布${formatCount(conv.openLicense.published)}项（实施${formatCount(conv.openLicense.implemented)}项）、作价入股${formatCount(conv.equity.count)}件，`,
    `转化合同总额${formatWan(contract)}万元，转让与许可到账${formatWan(conv.transfer.receivedYuan + conv.license.receivedYuan)}万元。`,
  ].join('')
}

function missingNote(report: AnnualReport, source: keyof AnnualReport['available'], what: string): Block[] {
  return report.available[source] ? [] : [note(`（本档案尚未启用${what}模块，相关数字按 0 计。）`)]
}

export interface DocxResult {
  chartNote: string | null
}

export interface ReportCharts {
  grants: ChartOutcome
  consultations: ChartOutcome
}

/** Both charts of the report; never rejects (a chart that cannot be drawn becomes a note). */
export async function renderReportCharts(report: AnnualReport, options: RenderOptions = {}): Promise<ReportCharts> {
  const [grants, consultations] = await Promise.all([chartBlocks(grantsChartSpec(report), '图2', options), chartBlocks(consultationsChartSpec(report), '图1', options)])
  return { grants, consultations }
}

/** Write 年度工作报告_<year>.docx. `tables` are the workbook's tables of the same report. */
export async function writeReportDocx(
  path: string,
  report: AnnualReport,
  tables: SheetTable[],
  options: RenderOptions & { today?: string; charts?: Promise<ReportCharts> | ReportCharts } = {},
): Promise<DocxResult> {
  const p = report.patents
  const s = report.services
  const year = report.year
  const university = report.university || '（学校名称未设置）'
  const centre = report.centre || '知识产权信息服务中心'

  const cover: Block[] = [
    spacer(6),
    paragraph(university, { align: 'center', bold: true, size: 40, indent: false }),
    paragraph(centre, { align: 'center', bold: true, size: 32, indent: false }),
    spacer(2),
    title(`${year} 年度工作报告`),
    spacer(12),
    paragraph(`编制单位：${centre}`, { align: 'center', indent: false }),
    paragraph(`编制日期：${chineseDate(options.today ?? todayIso())}`, { align: 'center', indent: false }),
  ]

  const charts = await (options.charts ?? renderReportCharts(report, options))
  const grantsChart = charts.grants
  const consultChart = charts.consultations

  const consult = byName(tables, '咨询服务')
  const training = byName(tables, '培训与报告')
  const conversions = p.conversions
  const convTotal = conversionTotals(conversions)
  const convRows: [string, (c: (typeof conversions)[number]) => string][] = [
    ['转让（件）', (c) => formatCount(c.transfer.count)],
    ['转让合同额（万元）', (c) => formatWan(c.transfer.contractYuan)],
    ['转让到账额（万元）', (c) => formatWan(c.transfer.receivedYuan)],
    ['许可（件）', (c) => formatCount(c.license.count)],
    ['许可合同额（万元）', (c) => formatWan(c.license.contractYuan)],
    ['许可到账额（万元）', (c) => formatWan(c.license.receivedYuan)],
    ['开放许可发布（项）', (c) => formatCount(c.openLicense.published)],
    ['开放许可实施（项）', (c) => formatCount(c.openLicense.implemented)],
    ['开放许可金额（万元）', (c) => formatWan(c.openLicense.amountYuan)],
    ['作价入股（件）', (c) => formatCount(c.equity.count)],
    ['作价金额（万元）', (c) => formatWan(c.equity.amountYuan)],
  ]
  const conversionTable = dataTable(
    [{ header: '指标', width: 32 }, ...conversions.map((c) => ({ header: `${c.year}年`, width: 17, align: 'right' as const })), { header: '合计', width: 17, align: 'right' as const }],
    convRows.map(([label, get]) => [label, ...conversions.map(get), get(convTotal)]),
  )

  const collegeTable = byName(tables, '院系分布')
  const disciplineTable = byName(tables, '学科分布')
  const isTotalRow = (row: SheetTable['rows'][number]) => row.includes('合计') || row.includes('合计（去重）')
  const grantTable = byName(tables, '授权明细')

  const body: Block[] = [
    heading('一、基本情况'),
    paragraph(summaryText(report)),
    keyValueTable(
      headlineFigures(report).map((f) => [f.label, f.value === null ? '—' : f.kind === 'money' ? cellText(f.value, 'money') : formatCount(f.value)]),
      60,
    ),

    heading('二、普惠服务'),
    heading('（一）咨询服务', 2),
    paragraph(`全年提供咨询服务${formatCount(s.consultations.total)}次。按服务渠道、咨询对象和咨询主题统计如下（图1为月度分布）。`),
    ...missingNote(report, 'services', '服务台账'),
    wordTable(consult, { rows: (row) => row[0] === '服务渠道' || row[0] === '咨询对象' || row[0] === '咨询主题' || row[0] === '合计', widths: [20, 44, 18, 18] }),
    ...consultChart.blocks,
    heading('（二）培训讲座', 2),
    paragraph(`全年举办知识产权培训讲座${formatCount(s.trainings.sessions)}场，参加${formatCount(s.trainings.attendees)}人次，共${formatCount(s.trainings.hours)}学时。`),
    wordTable(training, { rows: (row) => row[0] === '培训讲座', widths: [30, 30, 25, 15] }),

    heading('三、重点服务'),
    heading('（一）专利申请前评估', 2),
    paragraph(
      `全年完成专利申请前评估${formatCount(report.evaluations.total)}项；决定申请的${formatCount(report.evaluations.decidedToFile)}项中已提交申请${formatCount(report.evaluations.filed)}项` +
        (report.evaluations.filedShare === null ? '。' : `（${formatPercent(report.evaluations.filedShare)}）。`),
    ),
    ...missingNote(report, 'evaluations', '申请前评估'),
    // Routes nobody recommended or chose are left out here (the workbook lists every route).
    wordTable(byName(tables, '申请前评估'), { widths: [25, 45, 30], rows: (row) => !((row[0] === '评估建议' || row[0] === '决定') && row[2] === 0) }),
    heading('（二）职务科技成果披露核实', 2),
    paragraph(
      `全年完成科研人员知识产权成果披露核实${formatCount(report.disclosures.disclosures)}份（涉及科研人员${formatCount(report.disclosures.researchers)}人），核实条目${formatCount(report.disclosures.items)}条。`,
    ),
    ...missingNote(report, 'disclosures', '披露核实'),
    wordTable(byName(tables, '披露核实'), { widths: [25, 45, 30] }),
    heading('（三）检索分析报告与专利导航、预警', 2),
    paragraph(`全年出具检索分析报告${formatCount(s.reports.total)}份，开展专利导航项目${formatCount(s.projects.navigation)}项、专利预警项目${formatCount(s.projects.warning)}项。`),
    wordTable(training, { rows: (row) => row[0] !== '培训讲座', widths: [30, 30, 25, 15] }),

    heading('四、专利创造与转化运用'),
    heading('（一）专利申请与授权', 2),
    paragraph('学校作为权利人的专利，申请按申请日、授权按授权公告日计入年度。'),
    caption('表 专利申请量（件）', true),
    wordTable(byName(tables, '专利申请')),
    caption('表 专利授权量（件）', true),
    wordTable(byName(tables, '专利授权')),
    ...grantsChart.blocks,
    heading('（二）有效专利', 2),
    paragraph(`截至${chineseDate(p.validOn)}，学校有效专利${formatCount(p.valid.total)}件，其中发明专利${formatCount(p.valid.invention)}件、实用新型${formatCount(p.valid.utility)}件、外观设计${formatCount(p.valid.design)}件。`),
    wordTable(byName(tables, '有效专利'), { widths: [50, 50] }),
    heading('（三）转化运用', 2),
    paragraph(
      `${conversions[0]!.year}—${year}年，学校知识产权转让${formatCount(convTotal.transfer.count)}件、许可${formatCount(convTotal.license.count)}件、开放许可实施${formatCount(convTotal.openLicense.implemented)}项、作价入股${formatCount(convTotal.equity.count)}件；` +
        `其中${year}年转化合同总额${formatWan(conversions[conversions.length - 1]!.transfer.contractYuan + conversions[conversions.length - 1]!.license.contractYuan + conversions[conversions.length - 1]!.openLicense.amountYuan + conversions[conversions.length - 1]!.equity.amountYuan)}万元。`,
    ),
    conversionTable,
    note('按合同日期（无合同日期时按生效日期）计入年度；金额单位万元；开放许可金额为已实施许可的合同额。'),
    ...(report.available.pool
      ? [
          heading('（四）可转化专利池与推介', 2),
          paragraph(
            `全年完成专利分级${formatCount(report.pool.gradedInYear)}件；截至年末，可转化专利池共有专利${formatCount(report.pool.poolSize)}件（年内新增${formatCount(report.pool.added)}件）。` +
              `全年举办推介活动${formatCount(report.pool.promotions)}场，对接企业${formatCount(report.pool.enterprisesMet)}家，发布开放许可${formatCount(report.pool.openLicencesPublished)}项、实施${formatCount(report.pool.openLicencesImplemented)}项。`,
          ),
          dataTable(
            [{ header: '年末分级', width: 50 }, { header: '专利数（件）', width: 50, align: 'right' as const }],
            report.pool.byGradeAtEnd.map((g) => [g.label, formatCount(g.count)]),
          ),
        ]
      : []),

    heading('五、院系与学科分布'),
    heading('（一）院系分布', 2),
    paragraph(`${year}年各院系专利申请、授权、转化运用及年末有效专利情况如下（前${TOP_ROWS}位，完整数据见附表2）。`),
    wordTable(collegeTable, { rows: (row, i) => i < TOP_ROWS || isTotalRow(row), widths: [36, 16, 16, 16, 16] }),
    heading('（二）学科分布', 2),
    paragraph(`按专利关联的学科统计（前${TOP_ROWS}位，完整数据见附表3）。一项专利关联多个学科时在每个学科各计一次，合计按专利去重。`),
    wordTable(disciplineTable, {
      columns: [1, 2, 3, 4, 5],
      headers: ['学科', '专利申请', '专利授权', '有效专利', '转化运用'],
      rows: (row, i) => i < TOP_ROWS || isTotalRow(row),
      widths: [36, 16, 16, 16, 16],
    }),

    heading('六、工作亮点、问题与下一步计划'),
    heading('（一）工作亮点', 2),
    ...narrativeBlocks(report.narrative.highlights),
    heading('（二）存在问题', 2),
    ...narrativeBlocks(report.narrative.problems),
    heading('（三）下一步计划', 2),
    ...narrativeBlocks(report.narrative.plans),

    pageBreak(),
    heading('附表'),
    heading(`附表1  ${year}年授权专利明细`, 2),
    ...(grantTable.rows.length
      ? [
          ...(grantTable.rows.length > APPENDIX_GRANT_LIMIT
            ? [note(`共 ${formatCount(grantTable.rows.length)} 件，此处列出前 ${APPENDIX_GRANT_LIMIT} 件；完整清单见《年度工作统计_${year}.xlsx》“授权明细”表。`)]
            : []),
          wordTable(grantTable, {
            columns: [0, 1, 3, 4, 6, 7, 8],
            headers: ['序号', '授权公告号', '专利名称', '类型', '授权日', '发明人', '院系'],
            widths: [6, 19, 24, 11, 14, 12, 14],
            limit: APPENDIX_GRANT_LIMIT,
          }),
        ]
      : [paragraph('本年度无授权专利。')]),
    heading('附表2  院系分布', 2),
    wordTable(collegeTable, { widths: [36, 16, 16, 16, 16] }),
    heading('附表3  学科分布', 2),
    wordTable(disciplineTable, { widths: [12, 28, 15, 15, 15, 15] }),
    heading('附表4  咨询服务统计（按院系、月份）', 2),
    wordTable(consult, { rows: (row) => row[0] === '院系' || row[0] === '月份', widths: [20, 44, 18, 18] }),
  ]

  await writeDocx(path, {
    title: `${university}${centre} ${year} 年度工作报告`,
    sections: [
      { children: cover, pageNumbers: false },
      { children: body },
    ],
  })
  return { chartNote: grantsChart.note ?? consultChart.note }
}
