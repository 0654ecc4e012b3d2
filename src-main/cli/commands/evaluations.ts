import { existsSync, statSync } from 'node:fs'
import { dirname, extname, resolve } from 'node:path'
import { todayIso } from '../../core/clock'
import { AppError } from '../../contract/result'
import { EVALUATION_ROUTE_LABELS } from '../../contract/labels'
import { writeEvaluationList } from '../../evaluations/export-list'
import { writeEvaluationReport } from '../../evaluations/report'
import { intOption, printJson, stringOption, UsageError, type Command } from '../command'
import { withArchive } from '../with-archive'

function outPath(raw: string, ext: '.docx' | '.xlsx'): string {
  const path = resolve(raw)
  if (extname(path).toLowerCase() !== ext) throw new UsageError(`--out 应为 ${ext} 文件，而不是“${raw}”`)
  const dir = dirname(path)
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new AppError('invalid_input', `输出文件夹“${dir}”不存在。请先建立该文件夹。`)
  return path
}

export const evaluationsCommands: Command[] = [
  {
    name: 'export evaluation',
    summary: '导出一项专利申请前评估的评估报告（Word）',
    usage: 'ipdesk export evaluation ID --db FILE --out FILE.docx [--json]',
    options: { db: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const [rawId, ...rest] = p.positionals
      if (!rawId || rest.length) throw new UsageError('请给出一个评估编号，例如：ipdesk export evaluation 12 --db archive.sqlite --out 报告.docx')
      const id = Number(rawId.replace(/^PG\d{4}-/i, ''))
      if (!Number.isInteger(id) || id < 1) throw new UsageError(`评估编号应为正整数（或 PG2025-0012 形式），而不是“${rawId}”`)
      const db = stringOption(p, 'db', true)
      const out = outPath(stringOption(p, 'out', true), '.docx')
      const data = await withArchive(db, (a) => writeEvaluationReport(a.db, id, out, todayIso()))
      const e = data.evaluation
      if (p.values.json) printJson(p.io, { file: out, id: e.id, title: e.title, total: e.total, grade: e.grade, recommendation: e.recommendation, status: e.status })
      else
        p.io.out(
          `已导出评估报告：${out}\n  ${e.title || '（未命名）'}：总分 ${e.total ?? '未评完'}，等级 ${e.grade ?? '—'}，建议 ${e.recommendation ? EVALUATION_ROUTE_LABELS[e.recommendation] : '—'}`,
        )
      return 0
    },
  },
  {
    name: 'export evaluations',
    summary: '导出专利申请前评估清单（Excel），可按年份筛选',
    usage: 'ipdesk export evaluations --db FILE --out FILE.xlsx [--year YYYY] [--json]',
    options: { db: { type: 'string' }, out: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      if (p.positionals.length) throw new UsageError(`多余的参数：${p.positionals.join(' ')}`)
      const db = stringOption(p, 'db', true)
      const out = outPath(stringOption(p, 'out', true), '.xlsx')
      const year = p.values.year === undefined ? null : intOption(p, 'year', 0, 1985, 2200)
      const { rows } = await withArchive(db, (a) => writeEvaluationList(a.db, out, { year }))
      if (p.values.json) printJson(p.io, { file: out, rows, year })
      else p.io.out(`已导出评估清单：${out}（${rows} 项${year ? `，${year} 年` : ''}）`)
      return 0
    },
  },
]
