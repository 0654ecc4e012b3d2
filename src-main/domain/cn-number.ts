import type { AssetKind } from '../db/schema'
import { removeBlanks, toHalfWidth } from './text-width'

// Chinese IP numbers as users paste them. Three families:
//  - application numbers (申请号 / 专利号): since 2003-10 `YYYY` + type digit + 7-digit serial + check
//    character ('202310397744.0'); before that 2-digit year + type digit + 5-digit serial + check
//    ('99112345.6'). The check character is a weighted sum mod 11, 10 written 'X'.
//  - publication / grant numbers (公开号 / 授权公告号): 'CN' + 7–9 digits + kind code ('CN114081026A').
//  - software-copyright registration numbers (软著登记号): year + 'SR' + serial ('2026SR0581563').
// A wrong check character is reported with the right one, never silently fixed: it usually means the
// number was copied wrongly, and "fixing" it would link a claim to somebody else's patent.

export type NumberType = 'application' | 'publication' | 'software_copyright'

export interface NumberCheck {
  input: string
  valid: boolean
  /** Canonical form: '202310397744.0', '99112345.6', 'CN114081026A', '2026SR0581563'. Null when invalid. */
  normalized: string | null
  numberType: NumberType | null
  kind: AssetKind | null
  /** The check character that would make the digits valid (application numbers only). */
  expectedCheck?: string
  /** Chinese explanation for the user when the number is invalid. */
  message?: string
}

export interface ParsedApplicationNumber {
  /** The 8 or 12 digits before the check character. */
  digits: string
  checkChar: string
  /** Four-digit filing year (old two-digit years expanded to 19xx/20xx). */
  year: number
  typeDigit: string
  serial: string
  form: 'new' | 'old'
}

export interface ParsedPublicationNumber {
  country: string
  serial: string
  kindCode: string
}

const NEW_FORM_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const
const OLD_FORM_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9] as const

/** The 12-digit form replaced the 8-digit one on 2003-10-01; 2003 therefore occurs in both forms. */
const FIRST_NEW_FORM_YEAR = 2003
const FIRST_PATENT_YEAR = 1985
const LAST_OLD_FORM_YEAR = 2003
/** CNIPA started "YYYYSR" registration numbers with the 1990s software registration regime. */
const FIRST_SOFTWARE_REG_YEAR = 1992

const ACCEPTED_FORMS =
  '可接受的形式：申请号/专利号（如 202310397744.0、ZL202310397744.0、CN2023103977440，2003 年以前为 99112345.6）、' +
  '公开/授权公告号（如 CN114081026A、CN111504366B）、软件著作权登记号（如 2026SR0581563）'

/** Computes the check character of an application number from its 12 (or old 8) leading digits. */
export function applicationCheckChar(digits: string): string {
  if (!/^\d+$/.test(digits)) {
    throw new Error(`申请号校验位只能由数字计算，收到“${digits}”`)
  }
  let weights: readonly number[]
  if (digits.length === 12) weights = NEW_FORM_WEIGHTS
  else if (digits.length === 8) weights = OLD_FORM_WEIGHTS
  else throw new Error(`申请号应为 12 位数字（2003 年以前为 8 位）加校验位，收到 ${digits.length} 位“${digits}”`)

  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    sum += Number(digits[i]) * (weights[i] ?? 0)
  }
  const remainder = sum % 11
  return remainder === 10 ? 'X' : String(remainder)
}

/** '202310397744' → '202310397744.0'; '99112345' → '99112345.6'. */
export function formatApplicationNumber(digits: string): string {
  return `${digits}.${applicationCheckChar(digits)}`
}

/**
 * The asset kind a type digit stands for. 8 and 9 are PCT applications entering the Chinese national
 * phase; legally they are ordinary inventions and utility models.
 */
export function kindOfTypeDigit(typeDigit: string): AssetKind | null {
  switch (typeDigit) {
    case '1':
    case '8':
      return 'invention'
    case '2':
    case '9':
      return 'utility'
    case '3':
      return 'design'
    default:
      return null
  }
}

const KIND_CODE = /^(?:A[89]?|B[89]?|U[89]?|C[1-9]?|Y[1-9]?|S[1-9]?)$/

/**
 * Kind codes of Chinese patent documents (ZC 0007-2004 and the pre-2004 scheme):
 * A 发明公布, B 发明授权, C 发明授权 (before 2004) / C1.. partial invalidation, U 实用新型, Y 实用新型
 * (before 2004) / Y1.. partial invalidation, S 外观设计 / S1.., and the 8/9 suffixes for corrected
 * documents (A8, B9, U8 ...).
 */
export function isValidKindCode(code: string): boolean {
  return KIND_CODE.test(code.toUpperCase())
}

/**
 * True when a document with this kind code proves the right was granted. Only A (and its corrections)
 * is an unexamined publication; every other code is a grant or an announcement about a granted right
 * (partial invalidation still leaves a granted patent).
 */
export function isGrantKindCode(code: string): boolean {
  const upper = code.trim().toUpperCase()
  if (!isValidKindCode(upper)) return false
  return !upper.startsWith('A')
}

/** The asset kind a publication kind code implies. */
export function kindOfKindCode(code: string): AssetKind | null {
  const upper = code.trim().toUpperCase()
  if (!isValidKindCode(upper)) return null
  const letter = upper.charAt(0)
  switch (letter) {
    case 'A':
    case 'B':
    case 'C':
      return 'invention'
    case 'U':
    case 'Y':
      return 'utility'
    case 'S':
      return 'design'
    default:
      return null
  }
}

/**
 * Folds whatever the user pasted into upper-case ASCII with no blanks, without a note in brackets after
 * the number ('ZL202010824433.4（已授权）').
 */
function compact(input: string): string {
  return removeBlanks(toHalfWidth(input))
    .replace(/[。·]/gu, '.')
    .replace(/(?<=[\dXx])[(（【[][^()（）【】[\]]*[)）】\]]$/u, '')
    .toUpperCase()
}

/** Strips labels people paste along with the number ('专利号：ZL…', '申请号:CN…') and the ZL/CN prefix. */
function stripApplicationPrefix(s: string): string {
  return s.replace(/^(?:专利申请号|申请专利号|申请号|专利号)[:]?/u, '').replace(/^(?:ZL|CN)/u, '')
}

/**
 * The other documents of the same Chinese invention: its publication (A) and its grant (B; C before 2010)
 * carry one serial — CN115600006A was granted as CN115600006B. A list that gives only the grant's number
 * (Google Patents, a citation) finds the patent stored under its publication, and the other way round.
 * Utility models (U) and designs (S) have only one document: none.
 */
export function sameInventionDocuments(normalized: string): string[] {
  const m = /^CN(\d{7,9})([ABC])$/u.exec(normalized)
  if (!m) return []
  return ['A', 'B', 'C'].filter((code) => code !== m[2]).map((code) => `CN${m[1]}${code}`)
}

/**
 * Parses a publication/grant number: country letters, serial, kind code. Accepts blanks, full-width
 * characters, lower case and hyphens between the parts (CN-114081026-A); a bare serial + kind code
 * ('114081026A') is read as Chinese.
 */
export function parsePublicationNumber(s: string): ParsedPublicationNumber | null {
  const c = compact(s)
    .replace(/^(?:公开号|公告号|公布号|授权公告号|公开\(公告\)号)[:]?/u, '')
    // Google Patents and the EPO write the parts apart: CN-114081026-A.
    .replace(/^([A-Z]{2})-(\d{4,13})-([A-Z]\d?)$/u, '$1$2$3')
  const m = /^([A-Z]{2})?(\d{4,13})([A-Z]\d?)$/u.exec(c)
  if (!m) return null
  const country = m[1] ?? 'CN'
  const serial = m[2] ?? ''
  const kindCode = m[3] ?? ''
  if (country === 'CN' && (serial.length < 7 || serial.length > 9 || !isValidKindCode(kindCode))) return null
  return { country, serial, kindCode }
}

/** Splits a normalised-looking application number into its parts, without judging the check character. */
export function parseApplicationNumber(s: string): ParsedApplicationNumber | null {
  const c = stripApplicationPrefix(compact(s))
  const m = /^(\d{12}|\d{8})\.?([0-9X])$/u.exec(c)
  if (!m) return null
  const digits = m[1] ?? ''
  const checkChar = m[2] ?? ''
  if (digits.length === 12) {
    return {
      digits,
      checkChar,
      year: Number(digits.slice(0, 4)),
      typeDigit: digits.charAt(4),
      serial: digits.slice(5),
      form: 'new',
    }
  }
  const yy = Number(digits.slice(0, 2))
  return {
    digits,
    checkChar,
    // Old numbers run from 85 (1985, the first year of the Patent Law) to 03.
    year: yy >= 85 ? 1900 + yy : 2000 + yy,
    typeDigit: digits.charAt(2),
    serial: digits.slice(3),
    form: 'old',
  }
}

function invalid(input: string, message: string, extra: Partial<NumberCheck> = {}): NumberCheck {
  return { input, valid: false, normalized: null, numberType: null, kind: null, message, ...extra }
}

function checkApplication(input: string, parsed: ParsedApplicationNumber, currentYear: number): NumberCheck {
  const { digits, checkChar, year, typeDigit, form } = parsed
  const kind = kindOfTypeDigit(typeDigit)
  const position = form === 'new' ? 5 : 3
  if (form === 'new' && (year < FIRST_NEW_FORM_YEAR || year > currentYear + 1)) {
    return invalid(
      input,
      `申请号 ${digits}.${checkChar} 的年份 ${year} 不合理：12 位申请号自 ${FIRST_NEW_FORM_YEAR} 年起使用，` +
        `年份应在 ${FIRST_NEW_FORM_YEAR}—${currentYear + 1} 之间，请核对号码`,
      { numberType: 'application', kind },
    )
  }
  if (form === 'old' && (year < FIRST_PATENT_YEAR || year > LAST_OLD_FORM_YEAR)) {
    return invalid(
      input,
      `申请号 ${digits}.${checkChar} 的年份“${digits.slice(0, 2)}”不合理：8 位旧式申请号的年份应为 85—03（1985—2003 年），` +
        '请核对号码；2003 年 10 月以后的申请号为 12 位',
      { numberType: 'application', kind },
    )
  }
  if (kind === null) {
    return invalid(
      input,
      `申请号 ${digits}.${checkChar} 第 ${position} 位是专利类型，“${typeDigit}”不是有效类型` +
        '（1 发明、2 实用新型、3 外观设计、8 PCT 发明、9 PCT 实用新型）：请核对号码',
      { numberType: 'application' },
    )
  }
  const expected = applicationCheckChar(digits)
  if (expected !== checkChar) {
    return invalid(
      input,
      `申请号 ${digits} 的校验位应为 ${expected}，而不是 ${checkChar}：请核对申请号是否抄错（不要直接改校验位）`,
      { numberType: 'application', kind, expectedCheck: expected },
    )
  }
  return { input, valid: true, normalized: `${digits}.${checkChar}`, numberType: 'application', kind }
}

function checkPublication(input: string, parsed: ParsedPublicationNumber): NumberCheck {
  if (parsed.country !== 'CN') {
    return invalid(
      input,
      `“${input.trim()}”是 ${parsed.country} 的专利文献号：本系统只核对中国专利号码，请填写中国申请号或公开号`,
    )
  }
  return {
    input,
    valid: true,
    normalized: `CN${parsed.serial}${parsed.kindCode}`,
    numberType: 'publication',
    kind: kindOfKindCode(parsed.kindCode),
  }
}

export interface CheckNumberOptions {
  /** Year used for the "not in the future" sanity check; defaults to the clock's year. */
  currentYear?: number
}

/**
 * Recognises and validates any Chinese IP number a user may paste. Never throws: every failure comes
 * back as `valid: false` with a Chinese message saying what is wrong and what to do.
 */
export function checkNumber(input: string, options: CheckNumberOptions = {}): NumberCheck {
  const currentYear = options.currentYear ?? new Date().getFullYear()
  const c = compact(input)
  if (c === '') {
    return invalid(input, '号码为空：请填写申请号、公开（公告）号或软件著作权登记号')
  }

  // '2026SR0581563', as the certificate writes it too: '软著登字第2026SR0581563号'.
  const sr = /^(?:登记号[:]?|软著登字第)?(\d{4})SR(\d{5,7})号?$/u.exec(c)
  if (sr) {
    const year = Number(sr[1])
    if (year < FIRST_SOFTWARE_REG_YEAR || year > currentYear + 1) {
      return invalid(
        input,
        `软件著作权登记号的年份 ${year} 不合理：应在 ${FIRST_SOFTWARE_REG_YEAR}—${currentYear + 1} 之间，请核对登记号`,
        { numberType: 'software_copyright', kind: 'software' },
      )
    }
    return {
      input,
      valid: true,
      normalized: `${sr[1] ?? ''}SR${sr[2] ?? ''}`,
      numberType: 'software_copyright',
      kind: 'software',
    }
  }

  const app = parseApplicationNumber(c)
  if (app) return checkApplication(input, app, currentYear)

  const pub = parsePublicationNumber(c)
  if (pub) return checkPublication(input, pub)

  // Twelve digits with the check character left off is a common paste; say what the full number would be.
  const bare = stripApplicationPrefix(c)
  if (/^\d{12}$/u.test(bare) && kindOfTypeDigit(bare.charAt(4)) !== null) {
    const expected = applicationCheckChar(bare)
    return invalid(
      input,
      `申请号 ${bare} 缺少校验位：完整的申请号应为 ${bare}.${expected}，请按证书或受理通知书核对后填写完整号码`,
      { numberType: 'application', kind: kindOfTypeDigit(bare.charAt(4)), expectedCheck: expected },
    )
  }

  const digitCount = bare.replace(/\D/gu, '').length
  if (/^[\d.X]+$/u.test(bare) && digitCount > 0) {
    return invalid(
      input,
      `“${input.trim()}”有 ${digitCount} 位数字，不是有效的申请号：申请号为 12 位数字加校验位（2003 年以前为 8 位加校验位）。${ACCEPTED_FORMS}`,
    )
  }
  return invalid(input, `无法识别号码“${input.trim()}”。${ACCEPTED_FORMS}`)
}

/**
 * Whether an application number's type digit agrees with the kind recorded for the asset. Returns a
 * Chinese message when it does not, null when it does (or when the number carries no type digit).
 */
export function kindMismatchMessage(appNo: string, kind: AssetKind): string | null {
  const parsed = parseApplicationNumber(appNo)
  if (!parsed) return null
  const fromDigit = kindOfTypeDigit(parsed.typeDigit)
  if (fromDigit === null || fromDigit === kind) return null
  return (
    `申请号 ${parsed.digits}.${parsed.checkChar} 的类型位“${parsed.typeDigit}”表示${ASSET_KIND_NAMES[fromDigit]}，` +
    `与填写的类型“${ASSET_KIND_NAMES[kind]}”不一致：请核对号码或类型`
  )
}

/** Chinese names of asset kinds, for messages. */
export const ASSET_KIND_NAMES: Record<AssetKind, string> = {
  invention: '发明',
  utility: '实用新型',
  design: '外观设计',
  software: '软件著作权',
  ic_layout: '集成电路布图设计',
  plant_variety: '植物新品种',
  trademark: '商标',
  geo_indication: '地理标志',
}
