import { existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { serviceKindSchema, type ImportResult, type ServiceKindCode } from '../../contract/services'
import { SERVICE_KIND_LABELS } from '../../contract/labels'
import { AppError } from '../../contract/result'
import { exportLedger } from '../../services/export'
import { importLedger, inspectLedger } from '../../services/import'
import { printJson, stringOption, UsageError, type Command, type ParsedCommand } from '../command'
import { withArchive } from '../with-archive'

// The service ledger from a terminal: import an existing 台账 spreadsheet, export the ledger.

function dateOption(p: ParsedCommand, name: string): string | undefined {
  const value = stringOption(p, name)
  if (value === undefined) return undefined
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`--${name} 应为 YYYY-MM-DD 格式的日期，而不是“${value}”`)
  }
  return value
}

function kindOption(p: ParsedCommand): ServiceKindCode {
  const raw = stringOption(p, 'kind')
  if (raw === undefined) return 'consultation'
  const parsed = serviceKindSchema.safeParse(raw)
  if (!parsed.success) throw new UsageError(`--kind 应为 ${serviceKindSchema.options.join(' / ')} 之一，而不是“${raw}”`)
  return parsed.data
}

function describe(result: ImportResult, file: string): string {
  const lines = [
    `${file}：共 ${result.rows} 行；新增 ${result.inserted}，更新 ${result.updated}，未变 ${result.unchanged}，有问题 ${result.rejected}`,
    ...result.errors.slice(0, 50).map((e) => `  第 ${e.row} 行${e.column ? `【${e.column}】` : ''}：${e.message}`),
  ]
  if (result.errors.length > 50) lines.push(`  ……另有 ${result.errors.length - 50} 个问题（用 --json 查看全部）`)
  if (!result.written) lines.push(result.rejected ? '未写入任何记录：请修正上述问题后重新导入，或加 --skip-invalid 跳过有问题的行。' : '未写入任何记录。')
  return lines.join('\n')
}

export const servicesCommands: Command[] = [
  {
    name: 'import services',
    summary: '导入服务台账（咨询、培训、报告……）表格 .xlsx/.csv',
    usage: `ipdesk import services FILE --db FILE [--json] [--skip-invalid] [--kind KIND]\n       KIND：没有“服务类型”列时各行的类型（默认 consultation）：${Object.entries(SERVICE_KIND_LABELS)
      .map(([k, v]) => `${k}=${v}`)
      .join('，')}`,
    options: { db: { type: 'string' }, json: { type: 'boolean' }, 'skip-invalid': { type: 'boolean' }, kind: { type: 'string' } },
    async run(p) {
      const file = p.positionals[0]
      if (!file || p.positionals.length !== 1) throw new UsageError('请给出一个台账文件')
      const path = resolve(file)
      if (!existsSync(path)) throw new AppError('not_found', `找不到文件“${path}”。`)
      const defaultKind = kindOption(p)
      const source = { path, displayName: basename(path) }
      const result = await withArchive(stringOption(p, 'db', true), async (archive) => {
        const inspected = await inspectLedger(source)
        return importLedger(archive.db, source, { mapping: inspected.mapping, defaultKind, skipInvalid: Boolean(p.values['skip-invalid']) })
      })
      if (p.values.json) {
        const { rows, inserted, updated, unchanged, rejected, errors } = result
        printJson(p.io, { rows, inserted, updated, unchanged, rejected, errors })
      } else if (result.written) {
        p.io.out(describe(result, source.displayName))
      } else {
        p.io.err(describe(result, source.displayName))
      }
      return result.written ? 0 : 1
    },
  },
  {
    name: 'export services',
    summary: '导出服务台账为 .xlsx（可按日期范围）',
    usage: 'ipdesk export services --db FILE --out FILE.xlsx [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]',
    options: { db: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const out = resolve(stringOption(p, 'out', true))
      const from = dateOption(p, 'from')
      const to = dateOption(p, 'to')
      if (from && to && from > to) throw new UsageError('--from 不能晚于 --to')
      const { rows } = await withArchive(stringOption(p, 'db', true), (archive) => exportLedger(archive.db, { from, to, q: '' }, out))
      if (p.values.json) printJson(p.io, { file: out, rows })
      else p.io.out(`已导出 ${rows} 条服务记录到 ${out}`)
      return 0
    },
  },
]
