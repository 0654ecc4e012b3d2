import type { AnnualReport, CellKind, ConversionYear, DistributionRow, KindCounts, LabelCount, SheetTable, YearKindRow } from '../contract/reports'
import { ASSET_KIND_LABELS } from '../contract/labels'
import { yuanToWan } from './format'

// The statistics tables of the annual report, built once from the figures: the Excel workbook writes
// them as sheets (exact names and columns of issue 7), the page previews them, and the Word report's
// tables and 附表 take their rows from them. Money cells hold 万元 (two decimals).

export const SHEET_NAMES = [
  '概览',
  '专利申请',
  '专利授权',
  '有效专利',
  '转化运用',
  '咨询服务',
  '培训与报告',
  '披露核实',
  '申请前评估',
  '院系分布',
  '学科分布',
  '授权明细',
] as const
export type SheetName = (typeof SHEET_NAMES)[number]

type Cell = string | number | null

const KIND_HEADERS = ['发明', '实用新型', '外观设计'] as const

function kindRow(counts: KindCounts): number[] {
  return [counts.invention, counts.utility, counts.design, counts.total]
}

function sumKinds(rows: YearKindRow[]): KindCounts {
  const total: KindCounts = { invention: 0, utility: 0, design: 0, total: 0 }
  for (const row of rows) {
    total.invention += row.counts.invention
    total.utility += row.counts.utility
    total.design += row.counts.design
    total.total += row.counts.total
  }
  return total
}

function yearKindTable(name: SheetName, rows: YearKindRow[], note: string): SheetTable {
  return {
    name,
    columns: [
      { header: '年度', kind: 'integer', width: 10 },
      ...KIND_HEADERS.map((header) => ({ header, kind: 'integer' as const, width: 12 })),
      { header: '合计', kind: 'integer', width: 10 },
    ],
    rows: [...rows.map((r) => [r.year, ...kindRow(r.counts)]), ['合计', ...kindRow(sumKinds(rows))]],
    note,
  }
}

export function conversionTotals(rows: ConversionYear[]): ConversionYear {
  const total: ConversionYear = {
    year: 0,
    transfer: { count: 0, contractYuan: 0, receivedYuan: 0 },
    license: { count: 0, contractYuan: 0, receivedYuan: 0 },
    openLicense: { published: 0, implemented: 0, amountYuan: 0 },
    equity: { count: 0, amountYuan: 0 },
  }
  for (const r of rows) {
    total.transfer.count += r.transfer.count
    total.transfer.contractYuan += r.transfer.contractYuan
    total.transfer.receivedYuan += r.transfer.receivedYuan
    total.license.count += r.license.count
    total.license.contractYuan += r.license.contractYuan
    total.license.receivedYuan += r.license.receivedYuan
    total.openLicense.published += r.openLicense.published
    total.openLicense.implemented += r.openLicense.implemented
    total.openLicense.amountYuan += r.openLicense.amountYuan
    total.equity.count += r.equity.count
    total.equity.amountYuan += r.equity.amountYuan
  }
  return total
}

export const CONVERSION_COLUMNS = [
  '年度',
  '转让件数',
  '转让合同额（万元）',
  '转让到账额（万元）',
  '许可件数',
  '许可合同额（万元）',
  '许可到账额（万元）',
  '开放许可发布数',
  '开放许可实施数',
  '开放许可金额（万元）',
  '作价入股件数',
  '作价金额（万元）',
] as const

export function conversionCells(r: ConversionYear): number[] {
  return [
    r.transfer.count,
    yuanToWan(r.transfer.contractYuan),
    yuanToWan(r.transfer.receivedYuan),
    r.license.count,
    yuanToWan(r.license.contractYuan),
    yuanToWan(r.license.receivedYuan),
    r.openLicense.published,
    r.openLicense.implemented,
    yuanToWan(r.openLicense.amountYuan),
    r.equity.count,
    yuanToWan(r.equity.amountYuan),
  ]
}

function conversionTable(rows: ConversionYear[]): SheetTable {
  return {
    name: '转化运用',
    columns: CONVERSION_COLUMNS.map((header, i) => ({
      header,
      kind: i === 0 ? 'integer' : header.includes('万元') ? 'money' : 'integer',
      width: i === 0 ? 10 : Math.max(12, header.length * 2 + 2),
    })),
    rows: [...rows.map((r) => [r.year, ...conversionCells(r)]), ['合计', ...conversionCells(conversionTotals(rows))]],
    note: '按合同日期（无合同日期时按生效日期）计入年度；金额单位万元；开放许可金额为已实施许可的合同额；质押融资不计入转化运用。',
  }
}

function shareRows(dimension: string, items: LabelCount[], total: number): Cell[][] {
  return items.map((item) => [dimension, item.label, item.count, total > 0 ? Math.round((item.count / total) * 1000) / 1000 : null])
}

function consultationTable(report: AnnualReport): SheetTable {
  const c = report.services.consultations
  const months = c.byMonth.map((count, i) => ({ code: String(i + 1), label: `${i + 1}月`, count }))
  return {
    name: '咨询服务',
    columns: [
      { header: '统计维度', kind: 'text', width: 12 },
      { header: '类别', kind: 'text', width: 28 },
      { header: '咨询次数', kind: 'integer', width: 12 },
      { header: '占比', kind: 'percent', width: 10 },
    ],
    rows: [
      ...shareRows('服务渠道', c.byChannel, c.total),
      ...shareRows('咨询对象', c.byRequesterType, c.total),
      ...shareRows('咨询主题', c.byTopic, c.total),
      ...shareRows('院系', c.byCollege, c.total),
      ...shareRows('月份', months, c.total),
      ['合计', '', c.total, c.total > 0 ? 1 : null],
    ],
  }
}

/** Tables whose value column mixes kinds (counts, hours, 万元, shares) record each cell's kind. */
function valueTable(name: SheetName, columns: SheetTable['columns'], rows: { cells: Cell[]; kind: CellKind }[], note?: string): SheetTable {
  const valueColumn = columns.findIndex((c) => c.header === '数值' || c.header === '数量')
  const cellKinds: Record<string, CellKind> = {}
  rows.forEach((row, r) => {
    if (row.kind !== columns[valueColumn]!.kind) cellKinds[`${r},${valueColumn}`] = row.kind
  })
  return { name, columns, rows: rows.map((r) => r.cells), ...(Object.keys(cellKinds).length ? { cellKinds } : {}), ...(note ? { note } : {}) }
}

function trainingTable(report: AnnualReport): SheetTable {
  const s = report.services
  const columns: SheetTable['columns'] = [
    { header: '类别', kind: 'text', width: 16 },
    { header: '项目', kind: 'text', width: 22 },
    { header: '数量', kind: 'integer', width: 12 },
    { header: '单位', kind: 'text', width: 8 },
  ]
  return valueTable('培训与报告', columns, [
    { cells: ['培训讲座', '场次', s.trainings.sessions, '场'], kind: 'integer' },
    { cells: ['培训讲座', '参加人次', s.trainings.attendees, '人次'], kind: 'integer' },
    { cells: ['培训讲座', '学时', s.trainings.hours, '学时'], kind: 'number' },
    ...s.reports.byKind.map((k) => ({ cells: ['检索分析报告', k.label, k.count, '份'] as Cell[], kind: 'integer' as const })),
    { cells: ['检索分析报告', '合计', s.reports.total, '份'], kind: 'integer' },
    { cells: ['专利导航', '项目', s.projects.navigation, '项'], kind: 'integer' },
    { cells: ['专利预警', '项目', s.projects.warning, '项'], kind: 'integer' },
  ])
}

function disclosureTable(report: AnnualReport): SheetTable {
  const d = report.disclosures
  return {
    name: '披露核实',
    columns: [
      { header: '统计项', kind: 'text', width: 14 },
      { header: '类别', kind: 'text', width: 18 },
      { header: '数量', kind: 'integer', width: 12 },
    ],
    rows: [
      ['披露核实', '完成核实（份）', d.disclosures],
      ['披露核实', '涉及科研人员（人）', d.researchers],
      ['披露核实', '进行中（份）', d.drafts],
      ['核实条目', '合计（条）', d.items],
      ...d.byVerdict.map((v) => ['核实结论', v.label, v.count]),
      ['核实条目', '其中人工改判（条）', d.overridden],
    ],
    note: '按核实意见书签发日期计入年度；条目按最终结论（含人工改判）统计。',
  }
}

function evaluationTable(report: AnnualReport): SheetTable {
  const e = report.evaluations
  const columns: SheetTable['columns'] = [
    { header: '统计维度', kind: 'text', width: 12 },
    { header: '类别', kind: 'text', width: 18 },
    { header: '数量', kind: 'integer', width: 12 },
  ]
  return valueTable('申请前评估', columns, [
    { cells: ['合计', '完成评估（项）', e.total], kind: 'integer' },
    ...e.byGrade.map((g) => ({ cells: ['评估等级', g.label, g.count] as Cell[], kind: 'integer' as const })),
    ...e.byRecommendation.map((g) => ({ cells: ['评估建议', g.label, g.count] as Cell[], kind: 'integer' as const })),
    ...e.byDecision.map((g) => ({ cells: ['决定', g.label, g.count] as Cell[], kind: 'integer' as const })),
    { cells: ['后续申请', '决定申请（项）', e.decidedToFile], kind: 'integer' },
    { cells: ['后续申请', '已提交申请（项）', e.filed], kind: 'integer' },
    { cells: ['后续申请', '已申请占比', e.filedShare], kind: 'percent' },
  ])
}

function distributionTable(name: '院系分布' | '学科分布', rows: DistributionRow[], total: DistributionRow, note: string): SheetTable {
  const measures = (r: DistributionRow) => [r.applications, r.grants, r.valid, r.conversions]
  const measureColumns = ['专利申请', '专利授权', '有效专利', '转化运用'].map((header) => ({ header, kind: 'integer' as const, width: 11 }))
  if (name === '院系分布') {
    return {
      name,
      columns: [{ header: '院系', kind: 'text', width: 30 }, ...measureColumns],
      rows: [...rows.map((r) => [r.label, ...measures(r)]), ['合计', ...measures(total)]],
      note,
    }
  }
  return {
    name,
    columns: [{ header: '学科代码', kind: 'text', width: 10 }, { header: '一级学科', kind: 'text', width: 26 }, ...measureColumns],
    rows: [...rows.map((r) => [r.key, r.label, ...measures(r)]), ['', '合计（去重）', ...measures(total)]],
    note,
  }
}

function grantListTable(report: AnnualReport): SheetTable {
  const p = report.patents
  return {
    name: '授权明细',
    columns: [
      { header: '序号', kind: 'integer', width: 7 },
      { header: '授权公告号', kind: 'text', width: 16 },
      { header: '申请号', kind: 'text', width: 18 },
      { header: '专利名称', kind: 'text', width: 48 },
      { header: '专利类型', kind: 'text', width: 10 },
      { header: '申请日', kind: 'date', width: 12 },
      { header: '授权公告日', kind: 'date', width: 12 },
      { header: '发明人', kind: 'text', width: 30 },
      { header: '院系', kind: 'text', width: 24 },
    ],
    rows: p.grantList.map((g, i) => [i + 1, g.grantNo ?? '', g.appNo, g.title, ASSET_KIND_LABELS[g.kind], g.filingDate, g.grantDate, g.inventors, g.college]),
    ...(p.grantList.length < p.grantListTotal ? { note: `共 ${p.grantListTotal} 件，此处列出前 ${p.grantList.length} 件；导出的 Excel 含完整清单。` } : {}),
  }
}

export interface HeadlineFigure {
  label: string
  value: number | null
  kind: CellKind
}

/** The year's headline figures (概览, and 一、基本情况 of the Word report). */
export function headlineFigures(report: AnnualReport): HeadlineFigure[] {
  const p = report.patents
  const s = report.services
  const thisYear = (rows: YearKindRow[]) => rows[rows.length - 1]!.counts
  const conv = p.conversions[p.conversions.length - 1]!
  const int = (label: string, value: number): HeadlineFigure => ({ label, value, kind: 'integer' })
  const wan = (label: string, yuan: number): HeadlineFigure => ({ label, value: yuanToWan(yuan), kind: 'money' })
  return [
    int('咨询服务（次）', s.consultations.total),
    int('培训讲座（场）', s.trainings.sessions),
    int('培训参加人次', s.trainings.attendees),
    { label: '培训学时', value: s.trainings.hours, kind: 'number' },
    int('检索分析报告（份）', s.reports.total),
    int('专利导航项目（项）', s.projects.navigation),
    int('专利预警项目（项）', s.projects.warning),
    int('披露核实（份）', report.disclosures.disclosures),
    int('核实条目（条）', report.disclosures.items),
    int('申请前评估（项）', report.evaluations.total),
    int('专利申请量（件）', thisYear(p.applications).total),
    int('其中：发明专利申请（件）', thisYear(p.applications).invention),
    int('专利授权量（件）', thisYear(p.grants).total),
    int('其中：发明专利授权（件）', thisYear(p.grants).invention),
    int(`有效专利（件，截至${p.validOn}）`, p.valid.total),
    int('其中：有效发明专利（件）', p.valid.invention),
    int('转让（件）', conv.transfer.count),
    int('许可（件）', conv.license.count),
    int('开放许可发布（项）', conv.openLicense.published),
    int('开放许可实施（项）', conv.openLicense.implemented),
    int('作价入股（件）', conv.equity.count),
    wan('转化合同总额（万元）', conv.transfer.contractYuan + conv.license.contractYuan + conv.openLicense.amountYuan + conv.equity.amountYuan),
    wan('转让许可到账额（万元）', conv.transfer.receivedYuan + conv.license.receivedYuan),
    int('年内分级专利（件）', report.pool.gradedInYear),
    int('可转化专利池规模（件）', report.pool.poolSize),
    int('专利推介活动（场）', report.pool.promotions),
  ]
}

function overviewTable(report: AnnualReport): SheetTable {
  const columns: SheetTable['columns'] = [
    { header: '指标', kind: 'text', width: 34 },
    { header: '数值', kind: 'integer', width: 14 },
  ]
  return valueTable(
    '概览',
    columns,
    headlineFigures(report).map((f) => ({ cells: [f.label, f.value], kind: f.kind })),
    `${report.year} 年度；专利仅统计学校为权利人的专利，申请按申请日、授权按授权公告日计年度。`,
  )
}

/** Every sheet of the workbook, in order (names and columns as issue 7 lists them). */
export function reportTables(report: AnnualReport): SheetTable[] {
  const p = report.patents
  const tables = [
    overviewTable(report),
    yearKindTable('专利申请', p.applications, '按申请日计年度；仅统计学校为权利人的专利。'),
    yearKindTable('专利授权', p.grants, '按授权公告日计年度；仅统计学校为权利人的专利。'),
    {
      name: '有效专利',
      columns: [
        { header: '类型', kind: 'text', width: 12 },
        { header: '有效量', kind: 'integer', width: 12 },
      ],
      rows: [...KIND_HEADERS.map((label, i) => [label, kindRow(p.valid)[i]!]), ['合计', p.valid.total]],
      note: `截至 ${p.validOn} 仍有效：已授权、未届满、且当日未失效（失效专利按失效日期判断）。`,
    } satisfies SheetTable,
    conversionTable(p.conversions),
    consultationTable(report),
    trainingTable(report),
    disclosureTable(report),
    evaluationTable(report),
    distributionTable('院系分布', p.byCollege, p.collegeTotal, `${report.year} 年度申请、授权、转化运用；有效专利截至 ${p.validOn}。院系取专利登记的院系，未登记时取第一位已确认校内发明人所在院系。`),
    distributionTable('学科分布', p.byDiscipline, p.disciplineTotal, '一项专利关联多个学科时在每个学科各计一次，合计行按专利去重。'),
    grantListTable(report),
  ] satisfies SheetTable[]
  return tables
}
