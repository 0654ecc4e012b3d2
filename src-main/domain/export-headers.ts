import { removeBlanks, toHalfWidth } from './text-width'

// Column headers of patent-list exports. The same field is spelled differently by every platform and
// even by the same platform in different years: full-width vs half-width brackets ('公开（公告）号' vs
// '公开(公告)号'), spaces ('标题 (中文)'), '[标]' prefixes (Patsnap's "standardised" name columns),
// English snake_case in scraped CSV files. Headers are folded by `normalizeHeader` and then looked up
// in one synonym table.

export type PatentField =
  | 'serial'
  | 'appNo'
  | 'filingDate'
  | 'pubNo'
  | 'pubDate'
  | 'grantNo'
  | 'grantDate'
  | 'title'
  | 'grantTitle'
  | 'applicants'
  | 'firstApplicant'
  | 'currentOwner'
  | 'applicantType'
  | 'inventors'
  | 'firstInventor'
  | 'ipc'
  | 'ipcMain'
  | 'kind'
  | 'legalStatus'
  | 'legalEvents'
  | 'statusDate'
  | 'expiry'
  | 'abstract'
  | 'mainClaim'
  | 'college'
  | 'address'
  | 'provinceCode'
  | 'agency'
  | 'agent'
  | 'priority'
  | 'pctAppNo'
  | 'pctPubNo'
  | 'nationalPhaseDate'
  | 'examRequestDate'
  | 'transferDate'
  | 'licenseDate'
  | 'pledgeDate'
  | 'transferCount'
  | 'licenseCount'
  | 'pledgeCount'
  | 'url'

export type Dialect = 'cnipa' | 'patsnap' | 'incopat' | 'baiten' | 'full58' | 'cnki' | 'google' | 'generic'

export const PATENT_FIELD_LABELS: Record<PatentField, string> = {
  serial: '序号',
  appNo: '申请号',
  filingDate: '申请日',
  pubNo: '公开（公告）号',
  pubDate: '公开（公告）日',
  grantNo: '授权公告号',
  grantDate: '授权公告日',
  title: '名称',
  grantTitle: '授权名称',
  applicants: '申请（专利权）人',
  firstApplicant: '第一申请（专利权）人',
  currentOwner: '当前权利人',
  applicantType: '申请人类型',
  inventors: '发明（设计）人',
  firstInventor: '第一发明人',
  ipc: 'IPC 分类号',
  ipcMain: 'IPC 主分类号',
  kind: '专利类型',
  legalStatus: '法律状态',
  legalEvents: '法律事件',
  statusDate: '法律状态日',
  expiry: '失效日 / 预估到期日',
  abstract: '摘要',
  mainClaim: '主权项',
  college: '学院',
  address: '申请人地址',
  provinceCode: '国省代码',
  agency: '专利代理机构',
  agent: '代理人',
  priority: '优先权',
  pctAppNo: '国际申请号',
  pctPubNo: '国际公布号',
  nationalPhaseDate: '进入国家阶段日',
  examRequestDate: '实质审查日',
  transferDate: '转让日期',
  licenseDate: '许可日期',
  pledgeDate: '质押日期',
  transferCount: '转让次数',
  licenseCount: '许可次数',
  pledgeCount: '质押次数',
  url: '链接',
}

/**
 * Synonyms as they appear in real exports. They are compared after `headerKey`, so bracket width,
 * spaces, '[标]' prefixes, case and '_'/'-' do not matter and need not be listed twice.
 * Sources: DESIGN.md §4, data/export_header_spellings_observed.txt, the 58-column export listed in
 * data/SOURCES.md, the CNKI scrape and the publication/IPC CSV.
 */
export const PATENT_FIELD_SYNONYMS: Record<PatentField, string[]> = {
  serial: ['序号', '编号', 'no', 'no.', '#'],
  appNo: [
    '申请号', '专利申请号', '申请（专利）号', '申请专利号', '专利号', '申请号/专利号',
    'application_number', 'application number', 'application no', 'app_no', 'appno',
  ],
  filingDate: ['申请日', '申请日期', 'application_date', 'application date', 'filing date', 'filing_date', 'filing/creation date'],
  pubNo: [
    '公开（公告）号', '公开号', '公布号', '公告号', '公开公告号', '公布/公告号', '公开(公布)号', '公开/公告号',
    'publication_number', 'publication number', 'publication no', 'pub_no',
  ],
  pubDate: [
    '公开（公告）日', '公开日', '公布日', '公告日', '公开日期', '公布日期', '公开公告日', '公开(公布)日', '公开/公告日',
    'publication_date', 'publication date', 'pub_date',
  ],
  grantNo: ['授权公告号', '授权号', '授权公布号', '授权公告号码', 'grant_number', 'grant number'],
  grantDate: ['授权公告日', '授权日', '授权日期', '授权公告日期', '授权公布日', 'grant_date', 'grant date'],
  title: [
    '发明名称', '专利名称', '名称', '标题', '标题（中文）', '中文标题', '专利名', '题名', '发明创造名称', '实用新型名称',
    '外观设计名称', 'title', 'patent_title', 'patent title', 'title - dwpi', 'original title',
  ],
  grantTitle: ['授权名称'],
  applicants: [
    '申请（专利权）人', '申请人', '原始申请(专利权)人', '[标]原始申请(专利权)人', '专利申请人', '申请人名称', '申请(专利权)人名称',
    '原始申请人', 'applicant', 'applicants', 'assignee', 'assignees', 'original assignee', 'original assignees', 'assignee - original', 'patent assignee',
  ],
  firstApplicant: ['第一申请人', '第一权利人', '第一申请(专利权)人', '第一专利权人'],
  currentOwner: [
    '当前权利人', '当前申请(专利权)人', '[标]当前申请(专利权)人', '专利权人', '当前专利权人', '权利人', 'current assignee', 'current assignees',
  ],
  applicantType: ['申请人类型', '专利权人类型'],
  inventors: [
    '发明人', '发明（设计）人', '当前发明人名称', '当前发明人', '设计人', '发明人名称', '发明人姓名', 'inventor', 'inventors',
  ],
  firstInventor: ['第一发明人', '第一发明(设计)人', 'first inventor'],
  ipc: ['IPC分类号', 'IPC', '分类号', 'IPC分类', '国际专利分类号', 'ipc_subclasses', 'ipc classification', 'ipc - current', 'ipc current'],
  ipcMain: ['IPC主分类号', 'IPC主分类', '主分类号', '主分类', '主IPC', 'main ipc', 'ipc_main'],
  kind: ['专利类型', '发明类型', '文献类型', '文献种类代码', '专利种类', '文献种类', 'kind', 'kind code', 'patent type'],
  legalStatus: [
    '法律状态', '当前法律状态', '法律状态/事件', '简单法律状态', '专利有效性', '最新法律状态', '案件状态', '专利权状态',
    '有效性', '专利状态', '有效状态', '当前状态', '法律状态信息', 'legal status', 'legal_status', 'simple legal status', 'current legal status', 'patent status', 'status',
  ],
  legalEvents: ['法律事件', '法律状态历史', '法律信息', 'legal events', 'legal status/event', 'legal event'],
  statusDate: ['法律状态日', '法律状态日期', '法律状态公告日', '最新法律状态日', '状态日期'],
  expiry: ['失效日', '失效日期', '预估到期日', '预计到期日', '到期日', '专利权期限届满日'],
  abstract: ['摘要', '申请摘要', '摘要（中文）', '中文摘要', 'abstract'],
  mainClaim: ['主权项', '首项权利要求', '第一权利要求', 'first_claim', 'first claim'],
  college: ['学院', '院系', '所属单位', '所属学院', '二级单位', '院部', '所在学院', '所在单位', '所在院系', '所属院系', '学院名称', '单位'],
  address: ['申请人地址', '地址', '专利权人地址'],
  provinceCode: ['国省代码', '申请人国省代码'],
  agency: ['专利代理机构', '代理机构', '当前专利代理机构'],
  agent: ['代理人', '专利代理人', '当前专利代理人'],
  priority: ['优先权', '优先权号'],
  pctAppNo: ['国际申请', '国际申请号'],
  pctPubNo: ['国际公布', '国际公开号', '国际公布号'],
  nationalPhaseDate: ['进入国家日期', '进入国家阶段日', '进入国家阶段日期'],
  examRequestDate: ['实质审查日', '实审生效日', '实质审查生效日'],
  transferDate: ['转让日期', '转让日', '权利转移日', '专利权转移日'],
  licenseDate: ['许可日期', '许可日', '许可备案日'],
  pledgeDate: ['质押日期', '质押日', '质押登记日'],
  transferCount: ['专利转移次数', '转让次数', '权利转移次数'],
  licenseCount: ['许可次数'],
  pledgeCount: ['质押次数'],
  url: ['全文链接', '链接', 'url', 'cnki_url', '详情链接', 'result link'],
}

/**
 * Folds a header for matching: strips a BOM, folds full-width characters (brackets, punctuation,
 * letters) to half-width, turns 【】〔〕 into [], removes every blank (the ideographic space included),
 * removes a leading square-bracketed tag such as '[标]' or '【标】', and lower-cases Latin letters.
 */
export function normalizeHeader(h: string): string {
  const folded = removeBlanks(toHalfWidth(h.replace(/^\ufeff/u, '')))
    .replace(/[【〔［]/gu, '[')
    .replace(/[】〕］]/gu, ']')
    .replace(/^\*+|\*+$/gu, '') // import templates mark required columns with '*', before or after the name
    .replace(/[:]$/u, '')
  return folded.replace(/^\[[^\]]{1,4}\]/u, '').toLowerCase()
}

/** Matching key: the normalised header without '_', '-', '.', so 'publication_number' = 'Publication Number'. */
function headerKey(h: string): string {
  return normalizeHeader(h).replace(/[_\-.]/gu, '')
}

const FIELD_BY_KEY: ReadonlyMap<string, PatentField> = (() => {
  const map = new Map<string, PatentField>()
  for (const [field, synonyms] of Object.entries(PATENT_FIELD_SYNONYMS) as [PatentField, string[]][]) {
    for (const synonym of synonyms) {
      const key = headerKey(synonym)
      const existing = map.get(key)
      if (existing !== undefined && existing !== field) {
        // A synonym listed for two fields would make matching depend on table order; fail loudly in tests.
        throw new Error(`表头同义词“${synonym}”同时属于 ${existing} 和 ${field}`)
      }
      map.set(key, field)
    }
  }
  return map
})()

/** Another language than Chinese: '标题（英文）', '摘要 (English)'. '（中英文）' still holds the Chinese. */
const LANGUAGE_NOTE = /英|外文|原文|译|english/iu
/** A count, a kind, an address, the outsiders only: '发明人（人数）', '申请人（类型）', '发明人（校外）', '申请日（年）'. */
const OTHER_CONTENT_NOTE = /人数|数量|个数|类型|类别|性质|地址|电话|邮箱|校外|外单位|国别|年份|^年$|^月$/u
/** A code in place of a name: '发明人（工号）', '学院（代码）' — for a number or code column it only restates it. */
const CODE_NOTE = /工号|代码|编码|编号/u

/**
 * Whether a bracketed note after a header says the column holds something else than the field the rest of
 * the header names. `nameField`: the field holds names or text (inventors, a college), not a number or code.
 */
export function noteChangesContent(note: string, nameField: boolean): boolean {
  if (LANGUAGE_NOTE.test(note) && !note.includes('中')) return true
  if (OTHER_CONTENT_NOTE.test(note)) return true
  return CODE_NOTE.test(note) && nameField
}

/** Patent fields that hold names or text, where a code in the note means codes instead. */
const PATENT_NAME_FIELDS: ReadonlySet<PatentField> = new Set<PatentField>([
  'title', 'grantTitle', 'applicants', 'firstApplicant', 'currentOwner', 'inventors', 'firstInventor', 'college', 'agency', 'agent', 'address', 'abstract',
])

/** The notes in brackets of a key, and the key without them. */
export function splitNotes(key: string): { bare: string; notes: string[] } {
  const notes: string[] = []
  const bare = key.replace(/[（(]([^（）()]*)[)）]/gu, (_all, note: string) => {
    notes.push(note)
    return ''
  })
  return { bare: bare.trim(), notes }
}

function fieldOfKey(key: string): PatentField | null {
  const exact = FIELD_BY_KEY.get(key)
  if (exact !== undefined) return exact
  // '申请号(必填)' → 申请号; a note that is itself a name of the field restates it: '申请号(专利号)'.
  const { bare, notes } = splitNotes(key)
  if (notes.length === 0 || bare === '') return null
  const field = FIELD_BY_KEY.get(bare)
  if (field === undefined) return null
  const changes = notes.some((note) => FIELD_BY_KEY.get(headerKey(note)) !== field && noteChangesContent(note, PATENT_NAME_FIELDS.has(field)))
  return changes ? null : field
}

/**
 * The field a header names, or null when it names none the archive imports. Besides the synonyms
 * themselves, the spellings of university ledgers and import templates: a note in brackets after the
 * name ('申请号（必填）', '法律状态（截至2024年5月）', '发明人（设计人）'), and alternatives joined by '/'
 * ('专利号/申请号', '发明名称/专利名称') — the first alternative that names a field decides. A synonym that
 * itself has brackets or a '/' ('申请（专利权）人', '法律状态/事件') is matched whole first.
 */
export function matchPatentHeader(h: string): PatentField | null {
  const key = headerKey(h)
  if (key === '') return null
  const field = fieldOfKey(key)
  if (field !== null || !key.includes('/')) return field
  for (const part of key.split('/')) {
    const partField = part === '' ? null : fieldOfKey(part)
    if (partField !== null) return partField
  }
  return null
}

/** Columns only Google Patents' CSV export has (its header row, under a "search URL:" line). */
const GOOGLE_MARKERS = ['result link', 'inventor/author', 'filing/creation date', 'representative figure link']

/**
 * Fields a header names only beside the other headers of its row: Google Patents' CSV calls its publication
 * number (CN-114081026-A) just 'id' — a name too plain to read as a number anywhere else. Column index → field.
 */
export function contextualPatentFields(headers: readonly string[]): Map<number, 'pubNo'> {
  const keys = headers.map(headerKey)
  const out = new Map<number, 'pubNo'>()
  // Two of Google's own columns: a ledger may have borrowed one ('inventor/author') beside an id of its own.
  if (GOOGLE_MARKERS.filter((m) => keys.includes(headerKey(m))).length < 2) return out
  const id = keys.indexOf('id')
  if (id >= 0) out.set(id, 'pubNo')
  return out
}

export const REQUIRED_PATENT_FIELDS: readonly PatentField[] = ['appNo', 'title']

export interface PatentColumnDetection {
  /** Column index → field. Each field appears at most once. */
  mapping: Record<number, PatentField>
  /** Columns whose header names no field (or a field already taken by an earlier column). */
  unmatched: number[]
  missingRequired: PatentField[]
}

/**
 * Maps the columns of a header row to fields. When two columns name the same field the first (left-most)
 * wins and the later one is reported as unmatched, so '发明人' beats a later '当前发明人' and '法律状态'
 * beats a later '法律状态/事件'. '授权名称' is its own field (grantTitle), so it never replaces '专利名称'.
 * 申请号 and 公开号 are different fields and both are mapped when present.
 */
export function detectPatentColumns(headers: readonly string[]): PatentColumnDetection {
  const mapping: Record<number, PatentField> = {}
  const unmatched: number[] = []
  const taken = new Set<PatentField>()
  const contextual = contextualPatentFields(headers)
  headers.forEach((header, index) => {
    const field = contextual.get(index) ?? matchPatentHeader(header)
    if (field === null || taken.has(field)) {
      unmatched.push(index)
      return
    }
    taken.add(field)
    mapping[index] = field
  })
  const missingRequired = REQUIRED_PATENT_FIELDS.filter((f) => !taken.has(f))
  return { mapping, unmatched, missingRequired }
}

/** Columns of the 58-column full export that no other tool uses. */
const FULL58_MARKERS = [
  '授权名称', '第一权利人', '申请人类型', '实质审查日', '专利转移次数', '简单同族数量', '审查时长', '当前著录项联系人通讯地址',
  '变更前代理机构', '颁证日',
]

/**
 * Guesses which tool produced a header row. The guess only labels the import batch and picks value
 * parsers that differ between tools; column mapping never depends on it. Checks, in order:
 *  1. cnki    — English snake_case with 'cnki_url', or publication_number + applicant + application_date
 *               (the CNKI scrape's columns).
 *  2. full58  — '专利名称' plus at least two columns only the 58-column full export has
 *               ('授权名称', '第一权利人', '申请人类型', '实质审查日', ...); subsets of it still qualify.
 *  3. patsnap — '简单法律状态', '法律状态/事件', a '[标]' prefix, or '标题 (中文)'.
 *  4. incopat — '专利有效性', '当前法律状态' or '文献种类代码'.
 *  5. baiten  — '专利名' (佰腾's title column).
 *  6. google  — Google Patents' CSV: 'result link', 'inventor/author', 'filing/creation date'.
 *  7. cnipa   — full-width bracketed CNIPA headers: '公开（公告）号', '申请（专利）号', '申请（专利权）人',
 *               '发明（设计）人' (CNIPA-derived platforms and TRS systems keep the full-width brackets).
 *  8. generic — anything else.
 */
/** Columns only incoPat exports have. */
const INCOPAT_MARKERS = ['incoPat链接', 'incopat链接', '合享价值度', '专利有效性']

export function detectDialect(headers: readonly string[]): Dialect {
  const raw = headers.map((h) => removeBlanks(h.replace(/^\ufeff/u, '')))
  const keys = new Set(headers.map(headerKey))
  const rawSet = new Set(raw)
  const has = (k: string): boolean => keys.has(headerKey(k))

  if (has('cnki_url') || (has('publication_number') && has('applicant') && has('application_date'))) return 'cnki'
  if (has('专利名称') && FULL58_MARKERS.filter(has).length >= 2) return 'full58'
  // incoPat's own columns first: its full export also has 标题(英文), which Patsnap's rule below matches.
  if (INCOPAT_MARKERS.some((h) => rawSet.has(h))) return 'incopat'
  if (
    has('简单法律状态') ||
    has('法律状态/事件') ||
    raw.some((h) => /^[[【]标[\]】]/u.test(h)) ||
    raw.some((h) => /^标题[(（](?:中文|英文)[)）]$/u.test(h))
  ) {
    return 'patsnap'
  }
  if (has('专利有效性') || has('当前法律状态') || has('文献种类代码')) return 'incopat'
  if (rawSet.has('专利名')) return 'baiten'
  if (GOOGLE_MARKERS.filter(has).length >= 2) return 'google'
  if (['公开（公告）号', '申请（专利）号', '申请（专利权）人', '发明（设计）人'].some((h) => rawSet.has(h))) return 'cnipa'
  return 'generic'
}
