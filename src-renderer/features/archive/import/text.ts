// Chinese text of the import page (导入专利清单 / 人员名单 / 项目清单).
import type { ImportKindCode } from '../../../../src-main/contract/archive-import'

export const IMPORT_TEXT = {
  title: '导入',
  kinds: {
    patents: '专利清单',
    researchers: '科研人员名单',
    projects: '科研项目清单',
  } satisfies Record<ImportKindCode, string>,
  intro: {
    patents:
      '支持从国家知识产权局、incoPat、智慧芽、佰腾、中国知网等导出的 .xlsx 或 .csv 文件（CSV 可为 UTF-8 或 GBK 编码）。表头上方有标题行也可以；同一专利重复出现时自动合并；馆员手工修改过的字段不会被覆盖。',
    researchers: '人员名单按工号新增或更新。需要的列：工号、姓名；建议包含学院、学科（2022 版学科目录代码或名称）、职称、在职状态、入职/离职日期，以便区分同名发明人。导入后会自动重新关联专利发明人。',
    projects: '项目清单按项目编号新增或更新。需要的列：项目编号、项目名称；建议包含来源/资助机构、级别、负责人工号、起止日期、是否财政资助。负责人须已在人员名单中。',
  } satisfies Record<ImportKindCode, string>,
  steps: ['选择文件', '核对列', '检查数据', '完成'],
  pick: '选择文件…',
  pickTitle: '选择要导入的文件',
  template: '下载模板',
  templateHint: '不确定列名？下载模板，按模板整理后再导入。',
  recent: '最近导入',
  noRecent: '还没有导入记录。',
  recentRow: (rows: number, inserted: number, updated: number, rejected: number) => `${rows} 行：新增 ${inserted}，更新 ${updated}，有误 ${rejected}`,
  file: (name: string, format: string, encoding: string | null, sheet: string | null) =>
    `${name}（${format === 'csv' ? `CSV${encoding ? `，${encodingLabel(encoding)}` : ''}` : `Excel 工作簿${sheet ? `，工作表“${sheet}”` : ''}`}）`,
  headerAt: (row: number, dialect: string) => `表头在第 ${row} 行，识别为${dialect}。请核对每一列导入为哪个字段；不需要的列选“不导入”。`,
  column: '列',
  header: '表头',
  samples: '示例数据',
  field: '导入为',
  notImported: '不导入',
  required: '必需',
  missing: (labels: string[]) => `还缺少必需的列：${labels.join('、')}。请在“导入为”中指定对应的列。`,
  check: '检查数据',
  checking: '正在检查数据',
  repick: '重新选择文件',
  backToMapping: '返回修改列对应',
  counts: { rows: '数据行', inserted: '新增', updated: '更新', unchanged: '不变', rejected: '有误' },
  previewNote: (rejected: number) =>
    rejected > 0 ? `有 ${rejected} 行有误，导入时将跳过这些行；其余各行按上面的数字导入。也可以先修改文件，再重新选择。` : '全部数据行都可以导入。到目前为止档案未作任何修改。',
  problems: '有误的行',
  problemsMore: (shown: number, total: number) => `只显示前 ${shown} 处，共 ${total} 处；下载问题清单查看全部。`,
  problemRow: '行号',
  /** A row of a later worksheet read with the first: its worksheet before its number. */
  problemPlace: (row: number, sheet?: string) => (sheet === undefined ? String(row) : `“${sheet}” ${row}`),
  problemColumn: '列',
  problemMessage: '问题与处理办法',
  downloadProblems: '下载问题清单',
  warnings: '提示',
  importValid: (n: number) => `导入有效的 ${n.toLocaleString('zh-CN')} 行`,
  importAll: '导入',
  cancel: '取消，不导入',
  cancelled: '已取消导入，档案未作任何修改。',
  importing: '正在导入',
  nothingValid: '没有可以导入的行：请按问题清单修改文件后再导入。',
  done: (inserted: number, updated: number) => `导入完成：新增 ${inserted}，更新 ${updated}`,
  doneTitle: '导入完成',
  notWritten: '没有写入任何数据。',
  doneBody: (s: { rows: number; inserted: number; updated: number; unchanged: number; rejected: number }) =>
    `共 ${s.rows} 行：新增 ${s.inserted}，更新 ${s.updated}，不变 ${s.unchanged}${s.rejected ? `，跳过有误的 ${s.rejected} 行` : ''}。`,
  links: (l: { confirmed: number; suggested: number; ambiguous: number; external: number }) =>
    `发明人关联：已确认 ${l.confirmed}，待确认 ${l.suggested}，同名待定 ${l.ambiguous}，校外 ${l.external}。` +
    (l.suggested + l.ambiguous > 0 ? '待确认和同名待定的发明人请在档案库中核对。' : '') +
    (l.external > 0
      ? '“校外”是名单中没有的人员，以及不属于本校的专利（申请人、专利权人中没有学校名称）的发明人。本校人员被标为校外时，请核对“设置”中的学校名称和别名、文件是否有申请人列，或先导入科研人员名单：导入后会自动重新关联。'
      : ''),
  relinked: (n: number) => `重新关联了 ${n} 处发明人。`,
  conversions: (n: number) => `新增转化运用记录 ${n} 条（来自转让/许可/质押列）。`,
  projectLinks: (n: number) => `关联项目 ${n} 处。`,
  toArchive: '查看档案库',
  again: '继续导入',
} as const

function encodingLabel(encoding: string): string {
  switch (encoding) {
    case 'utf-8':
      return 'UTF-8'
    case 'utf-8-bom':
      return 'UTF-8（带 BOM）'
    case 'gb18030':
      return 'GBK/GB18030'
    case 'utf-16le':
    case 'utf-16be':
      return 'UTF-16'
    default:
      return encoding
  }
}
