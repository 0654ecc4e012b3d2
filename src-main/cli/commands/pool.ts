import { resolve } from 'node:path'
import { POOL_GRADES, type PoolGradeCode } from '../../contract/pool'
import { exportPoolWorkbook } from '../../pool/export'
import { poolStats } from '../../pool/stats'
import { printJson, stringOption, UsageError, type Command, type ParsedCommand } from '../command'
import { withArchive } from '../with-archive'

function gradesOption(p: ParsedCommand): PoolGradeCode[] | undefined {
  const raw = stringOption(p, 'grade')
  if (raw === undefined) return undefined
  const grades = raw.split(/[,，\s]+/).filter(Boolean).map((g) => g.toUpperCase())
  const wrong = grades.filter((g) => !(POOL_GRADES as readonly string[]).includes(g))
  if (!grades.length || wrong.length) throw new UsageError(`--grade 应为 A、B、C、D 中的一个或多个，用逗号分隔（如 A,B），而不是“${raw}”`)
  return [...new Set(grades)] as PoolGradeCode[]
}

function dateOption(p: ParsedCommand, name: string, fallback: string): string {
  const value = stringOption(p, name) ?? fallback
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`--${name} 应为 YYYY-MM-DD 格式的日期，而不是“${value}”`)
  return value
}

export const poolCommands: Command[] = [
  {
    name: 'export pool',
    summary: '把可转化专利资源库导出为 Excel（省级批量报送模板的列：专利号 … 意向企业）',
    usage: 'ipdesk export pool --db FILE --out FILE.xlsx [--grade A,B] [--json]',
    options: { db: { type: 'string' }, out: { type: 'string' }, grade: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const db = stringOption(p, 'db', true)
      const out = resolve(stringOption(p, 'out', true))
      if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError('--out 应为 .xlsx 文件')
      const grades = gradesOption(p)
      const count = await withArchive(db, (a) => exportPoolWorkbook(a.db, out, { grades }))
      if (p.values.json) printJson(p.io, { file: out, count, grades: grades ?? null })
      else p.io.out(`已导出 ${count} 项专利到 ${out}${grades ? `（价值分级 ${grades.join('、')}）` : ''}`)
      return 0
    },
  },
  {
    name: 'pool stats',
    summary: '可转化专利资源库的年度数字：分级、入库、推广活动、开放许可',
    usage: 'ipdesk pool stats --db FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]（默认今年）',
    options: { db: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const year = new Date().getFullYear()
      const from = dateOption(p, 'from', `${year}-01-01`)
      const to = dateOption(p, 'to', `${year}-12-31`)
      const stats = await withArchive(stringOption(p, 'db', true), (a) => poolStats(a.db, { from, to }))
      if (p.values.json) {
        printJson(p.io, stats)
        return 0
      }
      const g = stats.gradedInPeriod
      p.io.out(
        [
          `统计区间 ${stats.from} 至 ${stats.to}`,
          `分级专利 ${g.total} 项（A ${g.A}，B ${g.B}，C ${g.C}，D ${g.D}）`,
          `资源库 期末 ${stats.pool.sizeAtEnd} 项（新入库 ${stats.pool.added}，移出 ${stats.pool.removed}）`,
          `推广活动 ${stats.promotions.held} 场（路演 ${stats.promotions.byKind.roadshow}，推介会 ${stats.promotions.byKind.fair}，对接会 ${stats.promotions.byKind.matchmaking}），对接企业 ${stats.promotions.enterprisesMet} 家`,
          `开放许可 发布 ${stats.openLicences.published} 项，达成实施 ${stats.openLicences.implemented} 项`,
        ].join('\n'),
      )
      return 0
    },
  },
]
