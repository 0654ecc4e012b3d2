import type { Settings } from '../../contract/settings'
import type { ImportField, ImportKind } from './fields'
import type { OtherTable } from './other-sheets'

// What an import's summary says beyond its row problems, in Chinese: the notes on a file's columns before
// it is read, and the warnings about the workbook as a whole (other worksheets, rows listing one patent twice).

/**
 * File-level notes for the preview and the CLI: what the file can and cannot do given its columns and
 * the settings (no 申请号 column, no legal status, university name not set …).
 */
export function importNotices(kind: ImportKind, fields: Iterable<ImportField | null>, settings: Pick<Settings, 'universityName'>): string[] {
  const present = new Set(fields)
  const notes: string[] = []
  if (kind === 'patents') {
    if (!present.has('appNo') && (present.has('pubNo') || present.has('grantNo'))) {
      notes.push(
        '此文件没有“申请号”列，只有公开（公告）号：档案以申请号为准，只凭公开号不能新建档案记录。文件中的行只能补充档案里已有（公开号相同）的专利；其余行会列为有误。请从国家知识产权局、incoPat 或智慧芽导出含“申请号”的清单。',
      )
    }
    if (!present.has('legalStatus') && !present.has('legalEvents')) notes.push('此文件没有法律状态列：新建的专利法律状态为“未知”，已有专利的法律状态保持不变。')
    if (!present.has('inventors') && !present.has('firstInventor')) notes.push('此文件没有发明人列：无法把专利与科研人员关联。')
    if (settings.universityName.trim() === '') {
      notes.push('尚未设置学校正式名称：无法判断哪些专利属于本校，发明人也不会与科研人员关联。请先到“设置”填写学校名称和别名，再导入。')
    }
  }
  if (kind === 'researchers' && !present.has('college')) notes.push('此文件没有学院列：同名人员只能按入职/离职日期区分。')
  return notes
}

/**
 * A later worksheet with the same header: read with the first (say so, so that the counts add up for the
 * librarian), or only counted — its columns in another order, or an example sheet (say which, and what to do).
 */
export function otherTableWarning(table: OtherTable, importedSheet: string | null): string {
  const rows = table.rows.toLocaleString('zh-CN')
  const first = `工作表“${importedSheet ?? ''}”`
  switch (table.status) {
    case 'read':
      return `工作表“${table.sheet}”第 ${table.headerRow} 行起是同样表头的清单（${rows} 行），已与${first}一并读取。`
    case 'reordered':
      return (
        `工作表“${table.sheet}”第 ${table.headerRow} 行起是同样列名的清单（${rows} 行），但列的顺序与${first}不同，这些行没有导入。` +
        `请把该工作表的列调整为与“${importedSheet ?? ''}”相同的顺序后重新导入，或把它另存为单独的文件再导入。`
      )
    case 'example':
      return `工作表“${table.sheet}”第 ${table.headerRow} 行起有同样表头的 ${rows} 行，从工作表名称看是示例或模板，这些行没有导入；如果其中是正式数据，请把工作表改名后重新导入。`
    default: {
      const unreachable: never = table.status
      throw new Error(`unknown worksheet status ${String(unreachable)}`)
    }
  }
}

/** Rows that list a patent an earlier row of the file already listed: why the counts add up to fewer patents. */
export function repeatedRowsWarning(count: number, sheet: string | undefined): string {
  const where = sheet === undefined ? '本文件中' : `工作表“${sheet}”中`
  return `${where}有 ${count.toLocaleString('zh-CN')} 行与前面的行是同一件专利（号码相同，可能写法不同），已合并为一条档案记录，计入“更新”或“不变”。`
}
