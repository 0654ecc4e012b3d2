import { resolve } from 'node:path'
import { settingsSchema, type Settings } from '../../contract/settings'
import { backupArchive } from '../../backup/backup'
import { seedDemo } from '../../demo/seed'
import { getSettings, parseSettingValue, updateSettings } from '../../settings/service'
import { countArchive } from '../../system/stats'
import { intOption, printJson, stringOption, UsageError, type Command } from '../command'
import { withArchive } from '../with-archive'

const SETTING_KEYS = Object.keys(settingsSchema.shape) as (keyof Settings)[]

export const coreCommands: Command[] = [
  {
    name: 'init',
    summary: '新建（或升级）档案文件',
    usage: 'ipdesk init --db FILE',
    options: { db: { type: 'string' } },
    async run(p) {
      const db = stringOption(p, 'db', true)
      await withArchive(db, async (archive) => {
        p.io.out(`档案已就绪：${archive.file}（数据结构版本 ${archive.schemaVersion}）`)
      }, { create: true })
      return 0
    },
  },
  {
    name: 'stats',
    summary: '档案统计：知识产权、科研人员、项目、服务记录、披露核实、评估数量',
    usage: 'ipdesk stats --db FILE [--json]',
    options: { db: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const counts = await withArchive(stringOption(p, 'db', true), (a) => countArchive(a.db))
      if (p.values.json) printJson(p.io, counts)
      else
        p.io.out(
          [`知识产权 ${counts.assets}`, `科研人员 ${counts.researchers}`, `科研项目 ${counts.projects}`, `服务记录 ${counts.services}`, `披露核实 ${counts.disclosures}`, `申请前评估 ${counts.evaluations}`].join('\n'),
        )
      return 0
    },
  },
  {
    name: 'settings',
    summary: '查看或修改设置（学校名称、别名、操作员等）',
    usage: `ipdesk settings get [KEY] --db FILE\n       ipdesk settings set KEY VALUE --db FILE\n       KEY: ${SETTING_KEYS.join(', ')}`,
    options: { db: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const [verb, key, ...rest] = p.positionals
      const db = stringOption(p, 'db', true)
      if (key !== undefined && !SETTING_KEYS.includes(key as keyof Settings)) {
        throw new UsageError(`未知设置项“${key}”。可用：${SETTING_KEYS.join(', ')}`)
      }
      if (verb === 'get') {
        const settings = await withArchive(db, (a) => getSettings(a.db))
        const value = key ? settings[key as keyof Settings] : settings
        p.io.out(typeof value === 'string' ? value : JSON.stringify(value, null, 2))
        return 0
      }
      if (verb === 'set') {
        if (!key || rest.length !== 1) throw new UsageError('用法：ipdesk settings set KEY VALUE --db FILE')
        const typedKey = key as keyof Settings
        const value = parseSettingValue(typedKey, rest[0]!)
        const next = await withArchive(db, (a) => updateSettings(a.db, { [typedKey]: value }))
        const shown = next[typedKey]
        p.io.out(`${key} = ${typeof shown === 'string' ? shown : JSON.stringify(shown)}`)
        return 0
      }
      throw new UsageError('用法：ipdesk settings get|set …')
    },
  },
  {
    name: 'backup',
    summary: '把档案备份到指定文件（SQLite 在线备份，写入后校验）',
    usage: 'ipdesk backup --db FILE --out FILE',
    options: { db: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const out = resolve(stringOption(p, 'out', true))
      const result = await withArchive(stringOption(p, 'db', true), (a) => backupArchive(a, out))
      if (p.values.json) printJson(p.io, result)
      else p.io.out(`已备份到 ${result.file}（${result.bytes} 字节）`)
      return 0
    },
  },
  {
    name: 'seed-demo',
    summary: '向空档案载入演示数据（科研人员、项目、各类知识产权、服务记录）',
    usage: 'ipdesk seed-demo --db FILE [--scale N] [--json]',
    options: { db: { type: 'string' }, scale: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const scale = intOption(p, 'scale', 1, 1, 200)
      const counts = await withArchive(stringOption(p, 'db', true), (a) => seedDemo(a.db, { scale }), { create: true })
      if (p.values.json) printJson(p.io, counts)
      else p.io.out(`已载入演示数据：知识产权 ${counts.assets}，科研人员 ${counts.researchers}，项目 ${counts.projects}，服务记录 ${counts.services}`)
      return 0
    },
  },
]

