import type { AssetKind, ConversionKind, StatusGroup } from '../../db/schema'
import { parseKindCell, splitMulti } from '../../domain/cell-values'
import {
  ASSET_KIND_NAMES,
  checkNumber,
  formatApplicationNumber,
  isGrantKindCode,
  kindMismatchMessage,
  kindOfKindCode,
  parsePublicationNumber,
  type NumberCheck,
} from '../../domain/cn-number'
import { normalizeLegalStatus } from '../../domain/legal-status'
import { hasCjk, removeBlanks, toHalfWidth } from '../../domain/text-width'
import { oneLine, RowReader } from './row-reader'

// Reading one row of a patent list into what the archive stores. Everything a row says is checked here;
// what needs the archive (is the number already there?) is decided by the writer.
//
// Numbers. An asset is identified by its normalised application number (申请号; for software its
// registration number 登记号). A row whose only number is a publication/grant number (公开（公告）号)
// cannot create an asset: the application number cannot be derived from it, and an asset keyed by a
// publication number would later duplicate the same patent imported from a full export. Such a row
// UPDATES the asset that already carries that publication or grant number (so a CNKI list can add
// abstracts or statuses to patents already in the archive); when no asset has it, the row is reported
// with what to do (export a list that includes 申请号). Design decision, see docs in README (导入).

export interface PatentStatus {
  group: StatusGroup
  event: string
  raw: string
  date: string | null
  recoverable: boolean
}

/** Values a row gives; undefined = the row says nothing (column absent or cell empty). */
export interface PatentValues {
  filing_date?: string
  pub_no?: string
  pub_date?: string
  grant_no?: string
  grant_date?: string
  title?: string
  applicants?: string
  current_owner?: string
  ipc_main?: string
  ipc_all?: string
  abstract?: string
  college?: string
}

/** Every field of PatentValues, in the order the writer's statements list them (and rows are packed). */
export const PATENT_VALUE_KEYS = [
  'filing_date',
  'pub_no',
  'pub_date',
  'grant_no',
  'grant_date',
  'title',
  'applicants',
  'current_owner',
  'ipc_main',
  'ipc_all',
  'abstract',
  'college',
] as const satisfies readonly (keyof PatentValues)[]
// Adding a field to PatentValues without listing it above fails to compile here.
const allValueKeys: Exclude<keyof PatentValues, (typeof PATENT_VALUE_KEYS)[number]> extends never ? true : never = true
void allValueKeys

export interface ConversionInput {
  kind: ConversionKind
  dates: string[]
  /** The export's count of such events (许可次数 …), or null. */
  count: number | null
  counterparty: string
}

export interface PatentRow {
  rowNumber: number
  /** Normalised application / registration number, or null for publication-number-only rows. */
  appNo: string | null
  kind: AssetKind
  /** Normalised publication and grant numbers the row carries (to find an asset without 申请号). */
  documentNumbers: string[]
  values: PatentValues
  status: PatentStatus | null
  /** Holder names for the university check beyond applicants/current owner (第一申请人). */
  extraHolders: string[]
  /** Inventors in rank order, or null when the row names none. */
  inventors: string[] | null
  projectNos: string[]
  conversions: ConversionInput[]
  /** Things worth telling about the row that did not stop it (a foreign publication number left aside). */
  notes: string[]
}

// A list repeats a few dozen status texts over thousands of rows: read each text once.
const STATUS_CACHE = new Map<string, ReturnType<typeof normalizeLegalStatus>>()
const STATUS_CACHE_MAX = 5000

function legalStatusOf(raw: string): ReturnType<typeof normalizeLegalStatus> {
  let n = STATUS_CACHE.get(raw)
  if (n === undefined) {
    n = normalizeLegalStatus(raw)
    if (STATUS_CACHE.size >= STATUS_CACHE_MAX) STATUS_CACHE.clear()
    STATUS_CACHE.set(raw, n)
  }
  return n
}

/** A Locarno (design) class: 26-05, LOC(14)CL.06-01. */
const LOCARNO = /^(?:LOC\(\d+\)CL\.)?\d{2}-\d{2}$/u

function normalizeIpc(code: string): string {
  return removeBlanks(toHalfWidth(code)).toUpperCase()
}

function joinNames(cell: string): string | undefined {
  const names = splitMulti(cell, { blanks: false })
  return names.length ? names.join('; ') : undefined
}

const CONVERSION_COLUMNS = [
  { kind: 'transfer', date: 'transferDate', count: 'transferCount', party: 'transferee' },
  { kind: 'license', date: 'licenseDate', count: 'licenseCount', party: 'licensee' },
  { kind: 'pledge', date: 'pledgeDate', count: 'pledgeCount', party: 'pledgee' },
] as const

/**
 * An application number written without its check character, as international databases write them:
 * 'CN202310397744' (DOCDB), 'CN 202310397744 A' (Lens, with the application's kind letter),
 * 'CN202310397744A' (Derwent), 'CN98123456' (a pre-2003 number). There is no check character to be
 * wrong, so the complete number is the digits plus the computed one — when the digits themselves are a
 * valid number (year, type digit). `bare`: blanks removed, half-width, upper case, CN/ZL stripped.
 */
function withoutCheckChar(bare: string, currentYear: number): NumberCheck | null {
  const m = /^(\d{12}|\d{8})[AUSF]?$/u.exec(bare)
  if (!m) return null
  const check = checkNumber(formatApplicationNumber(m[1]!), { currentYear })
  return check.valid && check.numberType === 'application' ? check : null
}

/** Reads and checks one row. Problems are collected on `r`; the result is meaningful only if r.ok. */
export function readPatentRow(r: RowReader, currentYear: number): PatentRow | null {
  // --- numbers -------------------------------------------------------------------------------------
  let appNo: string | null = null
  let numberKind: AssetKind | null = null
  const appCell = r.value('appNo')
  if (appCell !== '') {
    const check = checkNumber(appCell, { currentYear })
    if (check.valid) {
      if (check.numberType === 'publication') {
        r.problem('appNo', `“${appCell}”是公开（公告）号，不是申请号：请核对该列是否选对；申请号形如 202310397744.0`)
      } else {
        appNo = check.normalized
        numberKind = check.kind
      }
    } else {
      const bare = removeBlanks(toHalfWidth(appCell)).toUpperCase().replace(/^(?:CN|ZL)/u, '')
      const completed = withoutCheckChar(bare, currentYear)
      if (completed !== null) {
        appNo = completed.normalized
        numberKind = completed.kind
      } else if (/^\d(?:\.\d+)?E\+\d+$/iu.test(bare)) {
        r.problem('appNo', `申请号“${appCell}”被表格软件显示成了科学计数法，后几位数字已经丢失：请在 Excel/WPS 中把该列设为“文本”格式后重新导出`)
      } else {
        r.problem('appNo', check.message ?? `无法识别申请号“${appCell}”`)
      }
    }
  }

  const pubs: string[] = []
  const grants: string[] = []
  const notes: string[] = []
  for (const field of ['pubNo', 'grantNo'] as const) {
    const cell = r.value(field)
    if (cell === '') continue
    for (const part of splitMulti(cell, { blanks: false })) {
      const parsed = parsePublicationNumber(part)
      if (!parsed) {
        r.problem(field, `“${part}”不是有效的公开（公告）号：应为 CN + 7～9 位数字 + 文献种类代码，如 CN114081026A、CN218751475U`)
        continue
      }
      if (parsed.country !== 'CN') {
        // A PCT application's national phase is often listed with its WO publication: the Chinese
        // application number is what the archive keeps, so the foreign number is only left aside.
        if (appNo !== null) notes.push(`“${part}”是 ${parsed.country} 的专利文献号，未作为本专利的公开（公告）号保存（档案按申请号 ${appNo} 建档）`)
        else r.problem(field, `“${part}”是 ${parsed.country} 的专利文献号：档案只收录中国专利，请删除该行或改填中国公开号`)
        continue
      }
      const normalized = `CN${parsed.serial}${parsed.kindCode}`
      const fromKind = kindOfKindCode(parsed.kindCode)
      if (appNo !== null && numberKind !== null && fromKind !== null && fromKind !== numberKind) {
        r.problem(
          field,
          `${normalized} 的文献种类代码 ${parsed.kindCode} 表示${ASSET_KIND_NAMES[fromKind]}，而申请号 ${appNo} 是${ASSET_KIND_NAMES[numberKind]}：请核对两列是否属于同一件专利`,
        )
        continue
      }
      if (numberKind === null && fromKind !== null) numberKind = fromKind
      // The kind code decides, not the column: an A document under 授权公告号 (a '授权公告号/公开号' column of a
      // ledger) is a publication, and a B under 公开（公告）号 a grant.
      if (isGrantKindCode(parsed.kindCode)) {
        if (!grants.includes(normalized)) grants.push(normalized)
        if (field === 'pubNo' && !pubs.includes(normalized)) pubs.push(normalized)
      } else if (!pubs.includes(normalized)) {
        pubs.push(normalized)
      }
    }
  }

  if (appNo === null && pubs.length === 0 && grants.length === 0 && r.ok) {
    r.problem(
      r.has('appNo') ? 'appNo' : r.has('pubNo') ? 'pubNo' : 'grantNo',
      '缺少申请号：每件专利都要有申请号（如 202310397744.0）才能建档。请补上申请号，或删除这一行',
    )
  }

  // --- kind ----------------------------------------------------------------------------------------
  const kindCell = r.text('kind')
  if (kindCell !== '' && numberKind !== null) {
    const stated = parseKindCell(kindCell, null)
    if (stated !== null && stated !== numberKind) {
      r.problem(
        'kind',
        (appNo !== null ? kindMismatchMessage(appNo, stated) : null) ??
          `专利类型“${kindCell}”与号码表示的类型“${ASSET_KIND_NAMES[numberKind]}”不一致：请核对号码或专利类型`,
      )
    }
  }

  // --- dates ---------------------------------------------------------------------------------------
  const values: PatentValues = {}
  const filing = r.date('filingDate')
  const pubDate = r.date('pubDate')
  let grantDate = r.date('grantDate')
  const statusDate = r.date('statusDate')
  const expiryColumn = r.date('expiry')
  if (filing !== undefined) values.filing_date = filing
  // The number carries the year the application was filed; a divisional's number is later than its
  // 申请日 (the parent's), never earlier.
  const numberYear = appNo !== null && /^\d{12}\./u.test(appNo) ? Number(appNo.slice(0, 4)) : null
  if (filing !== undefined && numberYear !== null && Number(filing.slice(0, 4)) > numberYear) {
    notes.push(`申请日 ${filing} 晚于申请号 ${appNo} 所示的申请年份 ${numberYear}：请核对申请日`)
  }

  // Publication number: the A document when there is one; else what the 公开（公告）号 column holds
  // (for utility models and designs that is the grant announcement itself).
  const pubNo = pubs.find((p) => !isGrantKindCode(parsePublicationNumber(p)?.kindCode ?? '')) ?? pubs[0]
  const grantNo = grants[0]
  if (pubNo !== undefined) values.pub_no = pubNo
  // An invention's grant (B; C before 2010) in the 公开（公告）号 column, as Google Patents lists a granted
  // invention: the date beside it is the grant's, not the publication's (the A document's, months earlier).
  const pubCode = pubNo === undefined ? '' : (parsePublicationNumber(pubNo)?.kindCode ?? '')
  const inventionGrantAsPub = isGrantKindCode(pubCode) && kindOfKindCode(pubCode) === 'invention'
  if (pubDate !== undefined && !inventionGrantAsPub) values.pub_date = pubDate
  if (grantNo !== undefined) values.grant_no = grantNo
  // The 公开（公告）日 of a grant announcement is the grant date.
  if (grantDate === undefined && grantNo !== undefined && pubNo === grantNo && pubDate !== undefined) grantDate = pubDate
  if (grantDate !== undefined) values.grant_date = grantDate

  // --- text ----------------------------------------------------------------------------------------
  const title = oneLine(r.text('title') || r.text('grantTitle'))
  if (title !== '') values.title = title.slice(0, 1000)
  const applicants = joinNames(r.value('applicants')) ?? joinNames(r.value('firstApplicant'))
  if (applicants !== undefined) values.applicants = applicants
  const owner = joinNames(r.value('currentOwner'))
  if (owner !== undefined) values.current_owner = owner
  // A design's 分类号 is a Locarno class (26-05), and a stray text is no class: neither is kept as IPC.
  const notIpc: string[] = []
  const ipcOnly = (code: string) => {
    if (code === '' || (!LOCARNO.test(code) && !hasCjk(code))) return true
    notIpc.push(code)
    return false
  }
  const ipcAll = splitMulti(r.value('ipc'), { blanks: false }).map(normalizeIpc).filter(Boolean).filter(ipcOnly)
  const ipcMainCell = [normalizeIpc(splitMulti(r.value('ipcMain'), { blanks: false })[0] ?? '')].filter(ipcOnly)[0] ?? ''
  if (notIpc.length) {
    const locarno = notIpc.every((c) => LOCARNO.test(c))
    notes.push(`${notIpc.map((c) => `“${c}”`).join('、')}${locarno ? '是外观设计的洛迦诺分类号' : '不是 IPC 分类号'}，未作为 IPC 分类号保存`)
  }
  if (ipcMainCell !== '' && !ipcAll.includes(ipcMainCell)) ipcAll.unshift(ipcMainCell)
  if (ipcAll.length) {
    values.ipc_all = ipcAll.join('; ')
    values.ipc_main = ipcMainCell || ipcAll[0]!
  }
  const abstract = r.text('abstract').trim()
  if (abstract !== '') values.abstract = abstract
  const college = oneLine(r.value('college'))
  if (college !== '') values.college = college

  // --- legal status --------------------------------------------------------------------------------
  let status: PatentStatus | null = null
  // Patsnap gives a simple status (有效/审中/失效) and the event history side by side: read them together,
  // so the decisive event (授权, 未缴年费 …) is named, and keep both texts.
  const rawStatus = [r.value('legalStatus'), r.value('legalEvents')].filter((t) => t !== '').join(' | ')
  if (rawStatus !== '') {
    const n = legalStatusOf(rawStatus)
    status = {
      group: n.group,
      event: n.event,
      raw: rawStatus,
      recoverable: n.recoverable,
      date: statusDate ?? (n.group === 'lapsed' ? (expiryColumn ?? null) : null),
    }
  } else if (numberKind === 'software' && appNo !== null) {
    // A registered software copyright is in force (50 years: domain/term.ts); lists of them carry no
    // legal-status column.
    status = { group: 'valid', event: '已登记', raw: '', recoverable: false, date: null }
  }

  // --- people --------------------------------------------------------------------------------------
  let inventors = splitMulti(r.value('inventors'))
  if (inventors.length === 0) inventors = splitMulti(r.value('firstInventor')).slice(0, 1)
  const extraHolders = splitMulti(r.value('firstApplicant'), { blanks: false })

  // --- projects and conversions --------------------------------------------------------------------
  const projectNos = splitMulti(r.value('projectNo'), { blanks: false }).map((p) => toHalfWidth(p).trim())
  const conversions: ConversionInput[] = []
  for (const c of CONVERSION_COLUMNS) {
    const dates: string[] = []
    const cell = r.value(c.date)
    if (cell !== '') {
      const raw = r.raw(c.date)
      const parts = typeof raw === 'string' ? splitMulti(raw, { blanks: false }) : [raw]
      for (const part of parts) {
        const before = r.problems.length
        const iso = typeof part === 'string' ? dateOf(r, c.date, part) : r.date(c.date)
        if (iso !== undefined && !dates.includes(iso)) dates.push(iso)
        if (r.problems.length > before) break
      }
    }
    let count: number | null = null
    const countCell = r.value(c.count)
    if (countCell !== '') {
      const n = Number(toHalfWidth(countCell).replace(/次$/u, ''))
      if (!Number.isInteger(n) || n < 0 || n > 1000) r.problem(c.count, `“${countCell}”不是有效的次数：请填写 0 或正整数`)
      else count = n
    }
    const counterparty = joinNames(r.value(c.party)) ?? ''
    if (dates.length || (count !== null && count > 0)) conversions.push({ kind: c.kind, dates, count, counterparty })
  }

  if (!r.ok) return null
  return {
    rowNumber: r.rowNumber,
    appNo,
    kind: numberKind ?? 'invention',
    documentNumbers: [...new Set([...pubs, ...grants])],
    values,
    status,
    extraHolders,
    inventors: inventors.length ? inventors : null,
    projectNos,
    conversions,
    notes,
  }
}

/** A date inside a multi-valued text cell ('2020-01-02;2021-03-04'). */
function dateOf(r: RowReader, field: 'transferDate' | 'licenseDate' | 'pledgeDate', part: string): string | undefined {
  const probe = new RowReader(r.rowNumber, [part], new Map([[field, { index: 0, header: '' }]]), () => '')
  const iso = probe.date(field)
  if (!probe.ok) {
    r.problem(field, probe.problems[0]!.message)
    return undefined
  }
  return iso
}
