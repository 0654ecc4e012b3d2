import { sheet, writeWorkbook, type ColumnKind } from '../../spreadsheet'
import type { ImportKind } from './fields'
import type { RowProblem } from './row-reader'

// Files the import hands out: empty templates (so a roster or project list can be typed or pasted into
// columns IPDesk reads without asking), and the list of problem rows of a preview or an import.

interface TemplateColumn {
  header: string
  kind: ColumnKind
  required: boolean
  help: string
  example: string
}

const TEMPLATES: Record<ImportKind, { file: string; title: string; columns: TemplateColumn[] }> = {
  researchers: {
    file: '科研人员名单模板.xlsx',
    title: '科研人员名单',
    columns: [
      { header: '工号', kind: 'text', required: true, help: '每人唯一；再次导入时按工号更新', example: '2015001' },
      { header: '姓名', kind: 'text', required: true, help: '与专利发明人署名一致的姓名', example: '王芳' },
      { header: '学院', kind: 'text', required: false, help: '所在学院或单位，用于区分同名发明人', example: '计算机学院' },
      { header: '学科', kind: 'text', required: false, help: '《研究生教育学科专业目录（2022年）》一级学科代码或名称', example: '0812 或 计算机科学与技术' },
      { header: '职称', kind: 'text', required: false, help: '', example: '教授' },
      { header: '在职状态', kind: 'text', required: false, help: '在职 / 离职（也可填 是 / 否）；填了离职日期时默认为离职', example: '在职' },
      { header: '入职日期', kind: 'date', required: false, help: '用于判断专利申请时是否在校', example: '2015-09-01' },
      { header: '离职日期', kind: 'date', required: false, help: '离职一年内申请的专利仍可关联', example: '' },
      { header: '备注', kind: 'text', required: false, help: '', example: '' },
    ],
  },
  projects: {
    file: '科研项目清单模板.xlsx',
    title: '科研项目清单',
    columns: [
      { header: '项目编号', kind: 'text', required: true, help: '每个项目唯一；再次导入时按项目编号更新', example: '62172001' },
      { header: '项目名称', kind: 'text', required: true, help: '', example: '面向边缘计算的安全调度方法研究' },
      { header: '来源/资助机构', kind: 'text', required: false, help: '', example: '国家自然科学基金委员会' },
      { header: '级别', kind: 'text', required: false, help: '国家级 / 省部级 / 横向 / 校级 / 其他', example: '国家级' },
      { header: '负责人工号', kind: 'text', required: false, help: '须已在科研人员名单中', example: '2015001' },
      { header: '负责人姓名', kind: 'text', required: false, help: '没有工号时按姓名匹配（同名时不关联）', example: '王芳' },
      { header: '负责人所在学院', kind: 'text', required: false, help: '只填姓名时，用于在同名人员中找到负责人', example: '计算机学院' },
      { header: '开始日期', kind: 'date', required: false, help: '也可用一列“起止日期”，如 2021-01-01至2023-12-31', example: '2022-01-01' },
      { header: '结束日期', kind: 'date', required: false, help: '', example: '2025-12-31' },
      { header: '是否财政资助', kind: 'text', required: false, help: '是 / 否：财政资助项目形成的专利有转化运用的特别要求', example: '是' },
      { header: '备注', kind: 'text', required: false, help: '', example: '' },
    ],
  },
  patents: {
    file: '专利清单模板.xlsx',
    title: '专利清单',
    columns: [
      { header: '申请号', kind: 'text', required: true, help: '如 202310397744.0（可带 CN/ZL 前缀）；软件著作权填登记号，如 2026SR0581563', example: '202310397744.0' },
      { header: '专利类型', kind: 'text', required: false, help: '发明 / 实用新型 / 外观设计 / 软件著作权；须与申请号第 5 位一致', example: '发明' },
      { header: '发明名称', kind: 'text', required: true, help: '', example: '一种锂电池隔膜及其制备方法' },
      { header: '申请日', kind: 'date', required: false, help: '', example: '2023-03-28' },
      { header: '公开（公告）号', kind: 'text', required: false, help: '', example: 'CN116000000A' },
      { header: '公开（公告）日', kind: 'date', required: false, help: '', example: '' },
      { header: '授权公告号', kind: 'text', required: false, help: '', example: '' },
      { header: '授权公告日', kind: 'date', required: false, help: '', example: '' },
      { header: '申请（专利权）人', kind: 'text', required: false, help: '多个用分号隔开；与学校名称或别名一致时计为本校专利', example: '东海理工大学' },
      { header: '当前权利人', kind: 'text', required: false, help: '', example: '' },
      { header: '发明（设计）人', kind: 'text', required: false, help: '按署名顺序，多个用分号隔开', example: '王芳;李明' },
      { header: '学院', kind: 'text', required: false, help: '第一发明人所在学院', example: '材料学院' },
      { header: 'IPC主分类号', kind: 'text', required: false, help: '', example: 'H01M50/409' },
      { header: 'IPC分类号', kind: 'text', required: false, help: '', example: 'H01M50/409;H01M10/0525' },
      { header: '法律状态', kind: 'text', required: false, help: '如 有权-审定授权、审中-实质审查、未缴年费终止失效', example: '审中-实质审查' },
      { header: '摘要', kind: 'text', required: false, help: '', example: '' },
      { header: '项目编号', kind: 'text', required: false, help: '资助该专利的项目（须已在项目清单中）', example: '' },
    ],
  },
}

export function templateFileName(kind: ImportKind): string {
  return TEMPLATES[kind].file
}

/** An .xlsx with the template's header row, and a second sheet explaining each column. */
export async function writeTemplate(kind: ImportKind, path: string): Promise<void> {
  const t = TEMPLATES[kind]
  await writeWorkbook(path, [
    sheet<never>({ name: t.title, columns: t.columns.map((c) => ({ header: c.header, kind: c.kind, width: Math.max(12, c.header.length * 2 + 6), value: () => null })), rows: [] }),
    sheet<TemplateColumn>({
      name: '填写说明',
      columns: [
        { header: '列名', width: 18, value: (c) => c.header },
        { header: '是否必填', width: 10, value: (c) => (c.required ? '必填' : '') },
        { header: '说明', width: 70, value: (c) => c.help },
        { header: '示例', width: 30, value: (c) => c.example },
      ],
      rows: t.columns,
    }),
  ])
}

/** Every problem row (and warning) of an import as an .xlsx the librarian can work through. */
export async function writeProblems(path: string, errors: readonly RowProblem[], warnings: readonly RowProblem[]): Promise<void> {
  // A workbook whose later worksheets were read too: the worksheet comes first, row numbers are per worksheet.
  const sheetColumn = [...errors, ...warnings].some((p) => p.sheet !== undefined) ? [{ header: '工作表', width: 14, value: (p: RowProblem) => p.sheet ?? '' }] : []
  const columns = [
    ...sheetColumn,
    { header: '行号', kind: 'integer' as const, width: 8, value: (p: RowProblem) => p.row },
    { header: '列', width: 6, value: (p: RowProblem) => p.letter ?? '' },
    { header: '列名', width: 20, value: (p: RowProblem) => p.header ?? '' },
    { header: '问题与处理办法', width: 100, value: (p: RowProblem) => p.message },
  ]
  const sheets = [sheet<RowProblem>({ name: '有误的行', columns, rows: errors })]
  if (warnings.length) sheets.push(sheet<RowProblem>({ name: '提示', columns, rows: warnings }))
  await writeWorkbook(path, sheets)
}
