import type { AssetKind } from '../db/schema'
import { kindOfKindCode, kindOfTypeDigit } from './cn-number'
import { removeBlanks, toHalfWidth } from './text-width'

// Reading single cells of imported spreadsheets and CSV files: multi-valued name lists, dates in every
// spelling Chinese tools produce, patent-kind labels and money amounts.

export { toHalfWidth } from './text-width'

const MULTI_SEPARATORS = /[;；|,，、\n\r]+/u
const HAN = '[\u3400-\u4dbf\u4e00-\u9fff]'
/** A Chinese name: 2–4 characters, or parts joined by a middle dot (买买提·艾力, 迪丽热巴·迪力木拉提). */
const CJK_NAME = new RegExp(`^(?:${HAN}{2,4}|${HAN}{1,10}(?:[·•・‧]${HAN}{1,10})+)$`, 'u')

/**
 * Splits a multi-valued cell ('刘迪;刘敏;王煜伟', '张三，李四', '王芳 李明') into trimmed, non-empty,
 * de-duplicated values in their original order (order matters: rank 1 is the first inventor).
 *
 * Punctuation separators win whenever one is present. Blanks separate values only when the cell has
 * no punctuation separator and every blank-separated part is a 2–4 character Chinese name: 佰腾 lists
 * inventors separated by spaces, but English applicant names ('Saudi Basic Industries Corporation')
 * contain spaces and must stay whole. Pass `{ blanks: false }` for organisation names, where
 * '浙江 大学' is one name typed with a stray space, not two people.
 */
export function splitMulti(cell: string, options: { blanks?: boolean } = {}): string[] {
  const splitOnBlanks = options.blanks ?? true
  const text = (cell ?? '').replace(/\ufeff/gu, '')
  let parts: string[]
  if (MULTI_SEPARATORS.test(text)) {
    parts = text.split(MULTI_SEPARATORS)
  } else {
    const byBlank = text.split(/[\s\u00a0\u3000]+/u).filter((p) => p !== '')
    parts = splitOnBlanks && byBlank.length > 1 && byBlank.every((p) => CJK_NAME.test(p)) ? byBlank : [text]
  }
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of parts) {
    const value = raw.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/gu, '')
    if (value === '' || seen.has(value)) continue
    seen.add(value)
    out.push(value)
  }
  return out
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

/** Years outside this range are typing errors in an IP archive, not dates. */
const MIN_YEAR = 1900
const MAX_YEAR = 2199

function isoFromParts(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return null
  const maxDay = m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m - 1] ?? 31)
  if (d > maxDay) return null
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** Excel serials beyond this are past 2199; smaller positive numbers are legitimate serials. */
const MAX_EXCEL_SERIAL = 109_574
/** Excel's 1900 date system pretends 1900 was a leap year: serial 60 is the non-existent 1900-02-29. */
const EXCEL_FAKE_LEAP_DAY = 60

/**
 * Converts an Excel 1900-system serial (days, fraction = time of day) to ISO. Serial 1 is 1900-01-01;
 * from serial 61 on, Excel's fictitious 1900-02-29 shifts everything by one day, so those serials count
 * from 1899-12-30, and serial 60 itself is no real date.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= MAX_EXCEL_SERIAL + 1) return null
  const day = Math.floor(serial)
  if (day === EXCEL_FAKE_LEAP_DAY) return null
  const epoch = day < EXCEL_FAKE_LEAP_DAY ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)
  const dt = new Date(epoch + day * 86_400_000)
  return isoFromParts(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate())
}

/**
 * Serial 10000 is 1927-05-18. Smaller numbers in a date column of an IP archive (the Patent Law dates
 * from 1985) are years ('2023') or typos, not dates, so they are refused rather than read as 1905.
 */
const MIN_PLAUSIBLE_SERIAL = 10_000

function parseDateNumber(n: number): string | null {
  if (!Number.isFinite(n) || n < MIN_PLAUSIBLE_SERIAL) return null
  // 20230328 as a number: exports that store dates as YYYYMMDD integers (the 58-column export does).
  if (Number.isInteger(n) && n >= 10_000_000 && n <= 99_999_999) {
    return isoFromParts(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100)
  }
  return excelSerialToIso(n)
}

const TIME_SUFFIX = String.raw`(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?`
const SEPARATED_DATE = new RegExp(
  String.raw`^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?${TIME_SUFFIX}$`,
  'u',
)
const COMPACT_DATE = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME_SUFFIX}$`, 'u')

/**
 * Reads a date cell into ISO 'YYYY-MM-DD', or null when the cell holds no real date.
 *
 * Accepts: Date objects (exceljs creates them at UTC midnight, so UTC fields are read), Excel serial
 * numbers, YYYYMMDD numbers and strings, '2023.03.28', '2023/3/28', '2023-3-8', '2023年3月28日',
 * '2023-03-28 00:00:00' and ISO strings with a time (the written calendar date is kept, the time
 * dropped). '0' and empty cells mean "no date" in several exports. Impossible dates (2023-02-30,
 * 20231340) are null, never rolled over into the next month.
 */
export function parseDateCell(v: unknown): string | null {
  if (v === null || v === undefined) return null
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null
    return isoFromParts(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate())
  }
  if (typeof v === 'number') return parseDateNumber(v)
  if (typeof v !== 'string') return null

  const text = toHalfWidth(v).replace(/[\s\u00a0\u3000\ufeff]+/gu, ' ').trim()
  if (text === '' || text === '0') return null

  const sep = SEPARATED_DATE.exec(text)
  if (sep) return isoFromParts(Number(sep[1]), Number(sep[2]), Number(sep[3]))
  const compact = COMPACT_DATE.exec(text)
  if (compact) return isoFromParts(Number(compact[1]), Number(compact[2]), Number(compact[3]))
  // A bare serial written out as text (CSV saved from a sheet whose date column was not formatted).
  if (/^\d{5}(?:\.\d+)?$/u.test(text)) return parseDateNumber(Number(text))
  return null
}

/** Text labels of kinds, tested in order; the first match wins. */
const KIND_LABELS: readonly [RegExp, AssetKind][] = [
  [/集成电路|布图/u, 'ic_layout'],
  [/植物新品种|新品种/u, 'plant_variety'],
  [/地理标志/u, 'geo_indication'],
  [/商标/u, 'trademark'],
  [/软件|软著|著作权/u, 'software'],
  [/实用新型|实用/u, 'utility'],
  [/外观/u, 'design'],
  [/发明/u, 'invention'],
]

/**
 * Roman numerals some university ledgers use for the three patent kinds, in the CNIPA type-digit order
 * (1 发明, 2 实用新型, 3 外观设计).
 */
const ROMAN_KIND: Record<string, AssetKind> = { I: 'invention', II: 'utility', III: 'design' }

function kindOfSingleLabel(label: string): AssetKind | null {
  for (const [pattern, kind] of KIND_LABELS) {
    if (pattern.test(label)) return kind
  }
  const upper = label.toUpperCase()
  return ROMAN_KIND[upper] ?? kindOfKindCode(upper) ?? (/^\d$/u.test(upper) ? kindOfTypeDigit(upper) : null)
}

/**
 * Reads a 专利类型 / 文献类型 cell ('发明公开;发明授权', '中国实用新型', 'U', '计算机软件著作权' ...).
 * When the cell names a kind, that kind is returned even if the application number's type digit says
 * otherwise — the caller compares the two and reports the conflict. When the cell names no kind
 * (empty, '中国专利', 'PCT'), `appNoKind` (the kind from the application number) is the answer.
 */
export function parseKindCell(text: string, appNoKind?: AssetKind | null): AssetKind | null {
  const cleaned = removeBlanks(toHalfWidth(text ?? ''))
  for (const part of cleaned.split(/[;；|,，、/]+/u)) {
    if (part === '') continue
    const kind = kindOfSingleLabel(part)
    if (kind !== null) return kind
  }
  return appNoKind ?? null
}

const UNIT_FACTORS: readonly [RegExp, number][] = [
  [/亿元?$/u, 100_000_000],
  [/万元?$/u, 10_000],
  [/千元$/u, 1_000],
  [/元$/u, 1],
]

/**
 * Reads a money cell into yuan (元), rounded to the fen. `unit` is the unit of the column, used when
 * the cell itself carries none: '12.5' in a 万元 column is 125000 元. A unit in the cell wins: '12.5万'
 * is 125000 元 whatever the column says. Thousands separators, '¥'/'￥', 'RMB'/'人民币' and full-width
 * digits are accepted. Negative, empty or non-numeric cells → null (an amount cannot be negative; a
 * refund is recorded as its own event).
 */
export function parseAmountToYuan(v: unknown, unit: '元' | '万元'): number | null {
  const columnFactor = unit === '万元' ? 10_000 : 1
  let amount: number
  let factor = columnFactor
  if (typeof v === 'number') {
    amount = v
  } else if (typeof v === 'string') {
    let s = removeBlanks(toHalfWidth(v)).replace(/^(?:人民币|RMB|CNY|¥)+/iu, '').replace(/(?:人民币|RMB|CNY)$/iu, '')
    for (const [pattern, f] of UNIT_FACTORS) {
      if (pattern.test(s)) {
        factor = f
        s = s.replace(pattern, '')
        break
      }
    }
    if (!/^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^-?\.\d+$/u.test(s)) return null
    amount = Number(s.replace(/,/gu, ''))
  } else {
    return null
  }
  if (!Number.isFinite(amount) || amount < 0) return null
  return Math.round(amount * factor * 100) / 100
}

/** '2021.01' / '2021-1' / '2021年1月' → first or last day of that month; '2021' → first or last day of the year. */
export function parsePartialDate(text: string, end: boolean): string | null {
  const full = parseDateCell(text)
  if (full !== null) return full
  const t = removeBlanks(toHalfWidth(text))
  const ym = /^(\d{4})[-./年](\d{1,2})月?$/u.exec(t) ?? /^(\d{4})(0[1-9]|1[0-2])$/u.exec(t)
  if (ym) {
    const y = Number(ym[1])
    const m = Number(ym[2])
    if (m < 1 || m > 12) return null
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
    return `${ym[1]}-${String(m).padStart(2, '0')}-${end ? String(last).padStart(2, '0') : '01'}`
  }
  const y = /^(\d{4})年?$/u.exec(t)
  if (y && Number(y[1]) >= 1950 && Number(y[1]) <= 2199) return end ? `${y[1]}-12-31` : `${y[1]}-01-01`
  return null
}

/**
 * A number that is a year or a month typed into a number cell — 2019, 2019.09 (Excel keeps 2019.1 for
 * 2019.10), 201909 — rather than an Excel date serial (1950–2199 as serials are days of 1905–1906, which
 * no roster or project means). Read it as the text it shows, with parsePartialDate.
 */
export function isYearMonthNumber(n: number): boolean {
  return (n >= 1950 && n < 2200) || (Number.isInteger(n) && n >= 195001 && n <= 219912)
}

/**
 * 2019.1 in a number cell: Excel keeps 2019.10 (October) so, and 2019.1 (January) too. Which one was typed
 * is lost; only the year is certain.
 */
export function isAmbiguousMonthNumber(n: unknown): n is number {
  return typeof n === 'number' && n >= 1950 && n < 2200 && Math.round(n * 10) === n * 10 && Math.round(n * 10) % 10 === 1
}

/**
 * A year or month typed into a number cell (isYearMonthNumber) read as parsePartialDate reads text: 2019.09 is
 * September, an ambiguous 2019.1 only the year (the first day for a start, the last for an end).
 */
export function yearMonthNumberDate(n: number, end: boolean): string | null {
  return parsePartialDate(isAmbiguousMonthNumber(n) ? String(Math.floor(n)) : String(n), end)
}
