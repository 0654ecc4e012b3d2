import type { Kysely } from 'kysely'
import type { AnnualReport } from '../contract/reports'
import type { DB } from '../db/schema'
import { buildAnnualReport, type BuildOptions } from './annual'
import type { RenderOptions } from './charts'
import { renderReportCharts, writeReportDocx } from './docx'
import { reportTables } from './tables'
import { writeReportWorkbook } from './xlsx'

export function reportFileNames(year: number): { docx: string; xlsx: string } {
  return { docx: `年度工作报告_${year}.docx`, xlsx: `年度工作统计_${year}.xlsx` }
}

export interface ExportOptions extends Pick<BuildOptions, 'sources' | 'checkpoint'> {
  progress?: (phase: string, done: number, total: number) => void
  chart?: RenderOptions
  today?: string
}

export interface ExportResult {
  report: AnnualReport
  docxPath: string
  xlsxPath: string
  /** Set when the charts were drawn without labels or left out (the report is complete otherwise). */
  chartNote: string | null
}

/** Build the year's figures once and write both files from them. */
export async function exportAnnualReport(db: Kysely<DB>, year: number, paths: { docx: string; xlsx: string }, options: ExportOptions = {}): Promise<ExportResult> {
  const progress = options.progress ?? (() => {})
  const step = options.checkpoint ?? (async () => {})
  const total = 10
  const report = await buildAnnualReport(db, year, {
    sources: options.sources,
    checkpoint: step,
    progress: (phase, done, of) => progress(phase, Math.round((done / Math.max(1, of)) * 6), total),
  })
  const tables = reportTables(report)
  // The charts render on the thread pool while the workbook is written here.
  const charts = renderReportCharts(report, options.chart)
  progress('写入 Excel 统计表', 6, total)
  await step()
  await writeReportWorkbook(paths.xlsx, tables, { onRows: step })
  progress('绘制图表', 8, total)
  const drawn = await charts
  progress('写入 Word 报告', 9, total)
  await step()
  const docx = await writeReportDocx(paths.docx, report, tables, { ...options.chart, today: options.today, charts: drawn })
  progress('完成', total, total)
  return { report, docxPath: paths.docx, xlsxPath: paths.xlsx, chartNote: docx.chartNote }
}
