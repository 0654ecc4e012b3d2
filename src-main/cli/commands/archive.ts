import { searchAssets } from '../../archive/search'
import { ASSET_KIND_LABELS, STATUS_GROUP_LABELS } from '../../contract/labels'
import { intOption, printJson, stringOption, UsageError, type Command } from '../command'
import { withArchive } from '../with-archive'

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
]
