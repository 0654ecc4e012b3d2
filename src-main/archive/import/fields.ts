import { matchPatentHeader, normalizeHeader, noteChangesContent, PATENT_FIELD_LABELS, splitNotes, type PatentField } from '../../domain/export-headers'

// The columns each import understands: patent lists, researcher rosters, project lists. A header cell is
// folded by `normalizeHeader` (bracket width, blanks, '[标]' prefixes, case) and looked up in a synonym
// table. Patent headers use the shared synonym table of domain/export-headers plus a few columns that
// only university ledgers carry (项目编号, 受让人 ...).

export type ImportKind = 'patents' | 'researchers' | 'projects'
export const IMPORT_KINDS: readonly ImportKind[] = ['patents', 'researchers', 'projects']

/** Patent columns IPDesk stores (or uses while importing). Recognised-but-unused columns map to null. */
export const PATENT_IMPORT_FIELDS = [
  'appNo',
  'pubNo',
  'grantNo',
  'kind',
  'title',
  'grantTitle',
  'filingDate',
  'pubDate',
  'grantDate',
  'applicants',
  'firstApplicant',
  'currentOwner',
  'inventors',
  'firstInventor',
  'ipcMain',
  'ipc',
  'legalStatus',
  'legalEvents',
  'statusDate',
  'expiry',
  'abstract',
  'college',
  'projectNo',
  'transferDate',
  'transferCount',
  'transferee',
  'licenseDate',
  'licenseCount',
  'licensee',
  'pledgeDate',
  'pledgeCount',
  'pledgee',
] as const
export type PatentImportField = (typeof PATENT_IMPORT_FIELDS)[number]

type PatentExtra = Exclude<PatentImportField, PatentField>

const PATENT_EXTRA_LABELS: Record<PatentExtra, string> = {
  projectNo: '项目编号',
  transferee: '受让人',
  licensee: '被许可人',
  pledgee: '质权人',
}

const PATENT_EXTRA_SYNONYMS: Record<PatentExtra, string[]> = {
  projectNo: ['项目编号', '资助项目编号', '依托项目编号', '项目号', '课题编号', '基金项目编号'],
  transferee: ['受让人', '受让方', '受让单位', '转让受让人'],
  licensee: ['被许可人', '被许可方', '被许可单位'],
  pledgee: ['质权人', '质权方'],
}

/**
 * Software-copyright ledgers and a few other spellings the shared table does not list. They map to
 * the same fields as their patent counterparts (a 登记号 is the registration's number, like 申请号).
 */
const PATENT_MORE_SYNONYMS: [string, PatentImportField][] = [
  ['登记号', 'appNo'],
  ['软件登记号', 'appNo'],
  ['软件著作权登记号', 'appNo'],
  ['软件全称', 'title'],
  ['软件名称', 'title'],
  ['著作权人', 'applicants'],
  ['登记日期', 'grantDate'],
  ['登记批准日期', 'grantDate'],
  ['所属学院', 'college'],
  // Patsnap puts the event history next to 简单法律状态; both are read together (see patent-row.ts).
  ['法律状态/事件', 'legalEvents'],
  ['法律状态（事件）', 'legalEvents'],
]

export const RESEARCHER_FIELDS = ['staffNo', 'name', 'college', 'discipline', 'title', 'active', 'joinedOn', 'leftOn', 'note'] as const
export type ResearcherField = (typeof RESEARCHER_FIELDS)[number]

export const PROJECT_FIELDS = [
  'projectNo',
  'name',
  'funder',
  'level',
  'piStaffNo',
  'piName',
  'piCollege',
  'startDate',
  'endDate',
  'period',
  'fiscalFunded',
  'note',
] as const
export type ProjectField = (typeof PROJECT_FIELDS)[number]

export type ImportField = PatentImportField | ResearcherField | ProjectField

const RESEARCHER_LABELS: Record<ResearcherField, string> = {
  staffNo: '工号',
  name: '姓名',
  college: '学院',
  discipline: '学科',
  title: '职称',
  active: '在职状态',
  joinedOn: '入职日期',
  leftOn: '离职日期',
  note: '备注',
}

const RESEARCHER_SYNONYMS: Record<ResearcherField, string[]> = {
  staffNo: ['工号', '职工号', '教工号', '教职工号', '人事编号', '人事号', '人员编号', '人员代码', '人员号', '员工编号', '员工号', '工作证号', '职工编号', '教工编号', 'staff_no', 'staff no', 'staffno', 'employee id'],
  name: ['姓名', '教师姓名', '人员姓名', '职工姓名', '名字', 'name'],
  college: ['学院', '院系', '所属单位', '所在单位', '单位', '部门', '二级单位', '所属学院', '所在学院', '院部', '单位名称', '所在院系', '所属院系', '部门名称', '所在部门', '所属部门', '院系名称', '学院名称', 'college'],
  discipline: ['学科', '一级学科', '学科代码', '学科名称', '所属学科', '一级学科代码', '一级学科名称', '学科专业', 'discipline'],
  title: ['职称', '专业技术职务', '技术职称', '职称名称', 'title'],
  active: ['在职', '在职状态', '是否在职', '人员状态', '状态', '在岗状态', '当前状态', '人员类别状态'],
  joinedOn: ['入职日期', '入职时间', '入校日期', '入校时间', '来校时间', '来校日期', '到校时间', '到校日期', '来校年月', '入职年月', '进校时间', '进校日期'],
  leftOn: ['离职日期', '离职时间', '离校日期', '离校时间', '调离时间', '调离日期', '退休日期', '退休时间'],
  note: ['备注', '说明', 'note'],
}

const PROJECT_LABELS: Record<ProjectField, string> = {
  projectNo: '项目编号',
  name: '项目名称',
  funder: '来源/资助机构',
  level: '级别',
  piStaffNo: '负责人工号',
  piName: '负责人姓名',
  piCollege: '负责人所在学院',
  startDate: '开始日期',
  endDate: '结束日期',
  period: '起止日期',
  fiscalFunded: '是否财政资助',
  note: '备注',
}

const PROJECT_SYNONYMS: Record<ProjectField, string[]> = {
  projectNo: ['项目编号', '项目号', '课题编号', '合同编号', '批准号', '项目批准号', '立项编号', 'project_no', 'project no'],
  name: ['项目名称', '课题名称', '项目题目', '合同名称', 'project name'],
  funder: ['来源/资助机构', '来源', '项目来源', '资助机构', '资助单位', '委托单位', '项目来源单位', '资助方', '来源单位', '资助来源', 'funder'],
  level: ['级别', '项目级别', '项目层次', '项目等级', 'level'],
  piStaffNo: ['负责人工号', '项目负责人工号', '主持人工号', '负责人职工号', '负责人教工号', '负责人人事编号', '项目负责人职工号', '主持人职工号', '负责人(工号)', '项目负责人(工号)'],
  piName: ['负责人', '负责人姓名', '项目负责人', '主持人', '项目主持人'],
  // Not kept on the project: it tells namesakes apart when the PI is given by name only. Not 单位, 所属单位
  // or 承担单位: on a project list they name the client, the funder or the university as often as a college.
  piCollege: ['负责人所在学院', '负责人学院', '负责人所在院系', '负责人院系', '负责人单位', '负责人所在单位', '所属学院', '所在学院', '学院', '院系', '所属院系', '所在院系', '承担学院', '学院名称'],
  startDate: ['开始日期', '开始时间', '起始日期', '立项日期', '立项时间', '开题日期'],
  endDate: ['结束日期', '结束时间', '截止日期', '结题日期', '完成日期', '计划完成日期'],
  period: ['起止日期', '起止时间', '执行期', '项目周期', '研究期限', '起止年月', '执行期限', '执行时间', '项目执行期', '研究起止时间', '起止年限', '研究期间'],
  fiscalFunded: ['是否财政资助', '财政资助', '是否财政经费', '财政经费', '是否财政性资金', '财政性资金', '是否财政资金', '财政资金', '是否财政拨款', '财政拨款', '经费性质'],
  note: ['备注', '说明'],
}

export interface FieldInfo {
  field: ImportField
  label: string
  /** A column for it must be present (for patents: one of the number columns, see `requiredGroups`). */
  required: boolean
}

/** Groups of fields of which at least one column must be mapped, with the message when none is. */
export interface RequiredGroup {
  fields: readonly ImportField[]
  label: string
}

export interface KindProfile {
  kind: ImportKind
  /** Chinese name of what is imported, for messages: 专利清单 / 人员名单 / 项目清单. */
  noun: string
  fields: readonly FieldInfo[]
  requiredGroups: readonly RequiredGroup[]
  /** Field a header names, or null. `recognised` is set for headers that are known but not imported. */
  match(header: string): { field: ImportField | null; recognised: string | null }
}

function keyOf(h: string): string {
  return normalizeHeader(h).replace(/[_\-.]/gu, '')
}

function synonymIndex<F extends string>(table: Record<F, string[]>, extra: [string, F][] = []): Map<string, F> {
  const map = new Map<string, F>()
  for (const [field, synonyms] of Object.entries(table) as [F, string[]][]) {
    for (const s of synonyms) map.set(keyOf(s), field)
  }
  for (const [s, field] of extra) map.set(keyOf(s), field)
  return map
}

const PATENT_EXTRA_INDEX = synonymIndex<PatentImportField>(PATENT_EXTRA_SYNONYMS as Record<PatentImportField, string[]>, PATENT_MORE_SYNONYMS)
const PATENT_FIELD_SET = new Set<string>(PATENT_IMPORT_FIELDS)

export function patentFieldLabel(field: PatentImportField): string {
  return (PATENT_FIELD_LABELS as Record<string, string>)[field] ?? PATENT_EXTRA_LABELS[field as PatentExtra]
}

const PATENT_PROFILE: KindProfile = {
  kind: 'patents',
  noun: '专利清单',
  fields: PATENT_IMPORT_FIELDS.map((field) => ({ field, label: patentFieldLabel(field), required: field === 'appNo' })),
  requiredGroups: [{ fields: ['appNo', 'pubNo', 'grantNo'], label: '申请号（或公开（公告）号）' }],
  match(header) {
    const extra = PATENT_EXTRA_INDEX.get(keyOf(header))
    if (extra) return { field: extra, recognised: null }
    const field = matchPatentHeader(header)
    if (field === null) return { field: null, recognised: null }
    if (PATENT_FIELD_SET.has(field)) return { field: field as PatentImportField, recognised: null }
    return { field: null, recognised: PATENT_FIELD_LABELS[field] }
  },
}

function simpleProfile<F extends ImportField>(
  kind: ImportKind,
  noun: string,
  fields: readonly F[],
  labels: Record<F, string>,
  synonyms: Record<F, string[]>,
  requiredGroups: RequiredGroup[],
): KindProfile {
  const index = synonymIndex(synonyms)
  const required = new Set(requiredGroups.flatMap((g) => (g.fields.length === 1 ? g.fields : [])))
  return {
    kind,
    noun,
    fields: fields.map((field) => ({ field, label: labels[field], required: required.has(field) })),
    requiredGroups,
    match(header) {
      return { field: index.get(keyOf(header)) ?? null, recognised: null }
    },
  }
}

const PROFILES: Record<ImportKind, KindProfile> = {
  patents: PATENT_PROFILE,
  researchers: simpleProfile('researchers', '人员名单', RESEARCHER_FIELDS, RESEARCHER_LABELS, RESEARCHER_SYNONYMS, [
    { fields: ['staffNo'], label: '工号' },
    { fields: ['name'], label: '姓名' },
  ]),
  projects: simpleProfile('projects', '项目清单', PROJECT_FIELDS, PROJECT_LABELS, PROJECT_SYNONYMS, [
    { fields: ['projectNo'], label: '项目编号' },
    { fields: ['name'], label: '项目名称' },
  ]),
}

/**
 * Headers that carry a translation or a note: '申请日\n(Application Date)', '申请号（Application No.）',
 * '发明人 / Inventor'. When the whole header names no field, its first line, or the part before a trailing
 * bracket or a slash, is tried.
 */
interface HeaderVariant {
  text: string
  /** Notes in brackets left out of `text`: each must not say the column holds something else. */
  notes: string[]
}

function headerVariants(header: string): HeaderVariant[] {
  const variants: HeaderVariant[] = []
  const firstLine = header.split(/[\r\n]+/u)[0]!.trim()
  if (firstLine !== header.trim()) variants.push({ text: firstLine, notes: [] })
  for (const h of [header.trim(), firstLine]) {
    const latin = /\s*[（(]([^（）()]*[A-Za-z][^（）()]*)[)）]\s*$/u.exec(h)
    if (latin && latin.index > 0) variants.push({ text: h.slice(0, latin.index), notes: [latin[1]!] })
    const beforeSlash = h.split(/\s+\/\s+|\s*｜\s*/u)[0]!
    if (beforeSlash !== h && beforeSlash !== '') variants.push({ text: beforeSlash, notes: [] })
    // Ledgers' and templates' notes: '工号（必填）', '学院（部）', '法律状态（截至2024年5月）'.
    const { bare, notes } = splitNotes(h)
    if (notes.length && bare !== '') variants.push({ text: bare, notes })
    // Alternatives: '专利号/申请号', '部门/学院' — each is tried, left first.
    if (/[/／]/u.test(h)) for (const part of h.split(/\s*[/／]\s*/u)) if (part !== '' && part !== h) variants.push({ text: part, notes: [] })
  }
  return variants
}

/** Fields that hold names or text: a note naming a code ('负责人（工号）') means the column holds codes instead. */
const NAME_FIELDS: ReadonlySet<string> = new Set([
  'title', 'grantTitle', 'applicants', 'firstApplicant', 'currentOwner', 'inventors', 'firstInventor', 'college', 'abstract', 'transferee', 'licensee', 'pledgee',
  'name', 'note', 'funder', 'piName',
])

function withVariants(profile: KindProfile): KindProfile {
  return {
    ...profile,
    match(header) {
      const direct = profile.match(header)
      if (direct.field !== null || direct.recognised !== null) return direct
      for (const variant of headerVariants(header)) {
        const m = profile.match(variant.text)
        if (m.field === null && m.recognised === null) continue
        // A note that is itself a name of the field restates it ('工号（人事编号）'); one that says the column
        // holds something else keeps it out ('发明人（人数）', '标题 (English)', '负责人（工号）').
        const field = m.field
        if (field !== null && variant.notes.some((note) => profile.match(note).field !== field && noteChangesContent(note, NAME_FIELDS.has(field)))) continue
        return m
      }
      return direct
    },
  }
}

const MATCHING: Record<ImportKind, KindProfile> = {
  patents: withVariants(PROFILES.patents),
  researchers: withVariants(PROFILES.researchers),
  projects: withVariants(PROFILES.projects),
}

export function profileOf(kind: ImportKind): KindProfile {
  return MATCHING[kind]
}

export function fieldLabel(kind: ImportKind, field: string): string {
  return MATCHING[kind].fields.find((f) => f.field === field)?.label ?? field
}

export function isFieldOf(kind: ImportKind, field: string): field is ImportField {
  return MATCHING[kind].fields.some((f) => f.field === field)
}
