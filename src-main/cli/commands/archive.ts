import { resolve } from 'node:path'
import { exportAssetList } from '../../archive/export'
import { searchAssets } from '../../archive/search'
import type { AssetListExportInput } from '../../contract/archive'
import { ASSET_KIND_LABELS, STATUS_GROUP_LABELS } from '../../contract/labels'
import type { AssetKind, StatusGroup } from '../../db/schema'
import { intOption, printJson, stringOption, UsageError, type Command, type ParsedCommand } from '../command'
import { withArchive } from '../with-archive'

/** Values of a comma-separated option, each a code or its Chinese label ('invention' or '发明'). */
function codesOption<C extends string>(p: ParsedCommand, name: string, labels: Record<C, string>): C[] | undefined {
  const text = stringOption(p, name)
  if (text === undefined) return undefined
  const codes = Object.keys(labels) as C[]
  return text
    .split(/[,，、]/u)
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => {
      const code = codes.find((c) => c === v || labels[c] === v)
      if (!code) throw new UsageError(`--${name} 不认识“${v}”：可用 ${codes.map((c) => `${c}（${labels[c]}）`).join('、')}`)
      return code
    })
}

export const archiveCommands: Command[] = [
  {
    name: 'search',
    summary: '检索档案：标题、摘要、申请人、发明人中的词（两个汉字即可），或任何形式的申请号/公开号/登记号',
    usage: 'ipdesk search QUERY --db FILE [--json] [--limit N] [--offset N]',
    options: { db: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' }, offset: { type: 'string' } },
    async run(p) {
      if (p.positionals.length === 0) throw new UsageError('缺少检索词 QUERY')
      const q = p.positionals.join(' ')
      if (q.length > 200) throw new UsageError('检索词过长：最多 200 个字符')
      const limit = intOption(p, 'limit', 20, 1, 200)
      const offset = intOption(p, 'offset', 0, 0)
      const result = await withArchive(stringOption(p, 'db', true), (a) => searchAssets(a.db, { q, limit, offset }))
      if (p.values.json) {
        printJson(p.io, result)
        return 0
      }
      if (result.notice) p.io.err(result.notice)
      p.io.out(`共 ${result.total} 项${result.numberQuery ? `（按${result.numberQuery}）` : ''}`)
      for (const item of result.items) {
        p.io.out(
          [item.appNo, ASSET_KIND_LABELS[item.kind], STATUS_GROUP_LABELS[item.statusGroup], item.filingDate ?? '', item.title, item.inventors].join('\t'),
        )
      }
      return 0
    },
  },
  {
    name: 'export archive',
    summary: '把档案检索结果导出为 Excel（与档案库页面的“导出 Excel”相同：同样的检索词、筛选和排序，全部结果）',
    usage: 'ipdesk export archive --db FILE --out FILE.xlsx [QUERY] [--kind 发明,实用新型] [--status 有效,审中] [--college 学院] [--json]',
    options: { db: { type: 'string' }, out: { type: 'string' }, kind: { type: 'string' }, status: { type: 'string' }, college: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const db = stringOption(p, 'db', true)
      const out = resolve(stringOption(p, 'out', true))
      if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError('--out 应为 .xlsx 文件')
      const q = p.positionals.join(' ')
      if (q.length > 200) throw new UsageError('检索词过长：最多 200 个字符')
      const input: AssetListExportInput = { q }
      const kinds = codesOption<AssetKind>(p, 'kind', ASSET_KIND_LABELS)
      if (kinds) input.kinds = kinds
      const statusGroups = codesOption<StatusGroup>(p, 'status', STATUS_GROUP_LABELS)
      if (statusGroups) input.statusGroups = statusGroups
      const college = stringOption(p, 'college')
      if (college) input.college = college
      const count = await withArchive(db, (a) => exportAssetList(a.db, out, input))
      if (p.values.json) printJson(p.io, { file: out, count })
      else p.io.out(`已导出 ${count} 项知识产权到 ${out}`)
      return 0
    },
  },
]
