import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { assertReportYear } from '../../reports/annual'
import { exportAnnualReport, reportFileNames } from '../../reports/export'
import { formatCount } from '../../reports/format'
import { printJson, stringOption, UsageError, type Command } from '../command'
import { withArchive } from '../with-archive'

export const reportsCommands: Command[] = [
  {
    name: 'report annual',
    summary: '导出年度工作报告（Word）和年度工作统计（Excel）',
    usage: 'ipdesk report annual --year YYYY --db FILE --out DIR [--json]',
    options: { year: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const rawYear = stringOption(p, 'year', true)
      if (!/^\d{4}$/.test(rawYear)) throw new UsageError(`--year 应为四位年份，而不是“${rawYear}”`)
      const year = Number(rawYear)
      assertReportYear(year)
      const db = stringOption(p, 'db', true)
      const outDir = resolve(stringOption(p, 'out', true))
      const names = reportFileNames(year)
      const result = await withArchive(db, async (archive) => {
        // Created only once the archive opened: a bad --db leaves no empty folder behind.
        mkdirSync(outDir, { recursive: true })
        return exportAnnualReport(archive.db, year, { docx: join(outDir, names.docx), xlsx: join(outDir, names.xlsx) })
      })
      if (p.values.json) {
        printJson(p.io, { docx: result.docxPath, xlsx: result.xlsxPath })
        if (result.chartNote) p.io.err(`注意：${result.chartNote}`)
      } else {
        const grants = result.report.patents.grants[result.report.patents.grants.length - 1]!.counts
        p.io.out(
          [
            `已导出 ${year} 年度报告：`,
            `  Word：${result.docxPath}`,
            `  Excel：${result.xlsxPath}`,
            `  专利授权 ${formatCount(grants.total)} 件（发明 ${formatCount(grants.invention)}、实用新型 ${formatCount(grants.utility)}、外观设计 ${formatCount(grants.design)}）`,
            ...(result.chartNote ? [`  注意：${result.chartNote}`] : []),
          ].join('\n'),
        )
      }
      return 0
    },
  },
]
