import type { AssetKind } from '../db/schema'

// Protection terms and annuity (年费) dates. All arithmetic is on calendar dates (year, month, day),
// never on Date objects in local time, so a campus PC's time zone cannot shift a due date by a day.

interface YMD {
  y: number
  m: number // 1–12
  d: number
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

function daysInMonth(y: number, m: number): number {
  switch (m) {
    case 2:
      return isLeapYear(y) ? 29 : 28
    case 4:
    case 6:
    case 9:
    case 11:
      return 30
    default:
      return 31
  }
}

/** Parses a strict ISO 'YYYY-MM-DD' that names a real calendar day. */
export function parseIsoDate(iso: string): YMD | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso)
  if (!m) return null
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null
  return { y, m: mo, d }
}

function formatIso({ y, m, d }: YMD): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function compareYmd(a: YMD, b: YMD): number {
  return a.y - b.y || a.m - b.m || a.d - b.d
}

/**
 * Same day-of-month `months` later; a day that does not exist in the target month becomes that month's
 * last day. This is the CNIPA rule for periods counted in months or years (专利审查指南 5-7-2.3: "没有
 * 对应日的，以该月最后一日为期限届满日"), and it is what puts a 29 February anniversary on 28 February.
 */
function addMonths(date: YMD, months: number): YMD {
  const index = date.y * 12 + (date.m - 1) + months
  const y = Math.floor(index / 12)
  const m = (index % 12) + 1
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) }
}

function addDays(date: YMD, days: number): YMD {
  const t = Date.UTC(date.y, date.m - 1, date.d) + days * 86_400_000
  const dt = new Date(t)
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() }
}

/** The anniversary `years` after `date` (29 February → 28 February in common years). */
export function anniversary(dateIso: string, years: number): string | null {
  const date = parseIsoDate(dateIso)
  return date ? formatIso(addMonths(date, years * 12)) : null
}

/** Designs filed from this day on get 15 years (Patent Law as amended in 2020, in force 2021-06-01). */
const DESIGN_15_YEARS_FROM: YMD = { y: 2021, m: 6, d: 1 }

/** Term in years counted from the filing date, or null when the term does not run from the filing date. */
export function termYears(kind: AssetKind, filingDate: string): number | null {
  const filed = parseIsoDate(filingDate)
  if (!filed) return null
  switch (kind) {
    case 'invention':
      return 20
    case 'utility':
      return 10
    case 'design':
      return compareYmd(filed, DESIGN_15_YEARS_FROM) >= 0 ? 15 : 10
    case 'software':
    case 'ic_layout':
    case 'plant_variety':
    case 'trademark':
    case 'geo_indication':
      return null
    default: {
      const never: never = kind
      throw new Error(`unhandled asset kind ${String(never)}`)
    }
  }
}

/**
 * Last day of protection, ISO, or null when it cannot be computed from the filing date.
 *
 * Patents: the term runs from the filing date and ends the day before the anniversary
 * (filed 2023-03-28, invention → 2043-03-27). For a 29 February filing the anniversary in a common year
 * does not exist; the term then runs to the end of February (2020-02-29 utility → 2030-02-28), i.e. the
 * day before 1 March, because a term counted in whole years cannot end before the date it would have
 * ended on had the filing been a day later.
 *
 * Software copyright (legal persons' works): 50 years, ending 31 December of the 50th year after first
 * publication (计算机软件保护条例 第十四条). The archive only knows the registration filing date, which is
 * on or after first publication for almost every registration, so the result is an upper bound of the
 * real expiry — good enough for "is it still protected", which is what the archive asks.
 *
 * Layout designs, plant varieties, trademarks and geographical indications count from dates the archive
 * does not hold (first commercial use, grant, registration) or can be renewed: null.
 */
export function computeExpiryDate(kind: AssetKind, filingDate: string): string | null {
  const filed = parseIsoDate(filingDate)
  if (!filed) return null
  if (kind === 'software') return `${String(filed.y + 50).padStart(4, '0')}-12-31`
  const years = termYears(kind, filingDate)
  if (years === null) return null
  const targetYear = filed.y + years
  if (filed.m === 2 && filed.d === 29 && !isLeapYear(targetYear)) {
    return formatIso({ y: targetYear, m: 2, d: 28 })
  }
  return formatIso(addDays({ y: targetYear, m: filed.m, d: filed.d }, -1))
}

export interface AnnuityDue {
  /** 1-based annuity year whose fee falls due on `dueDate` (the anniversary that starts that year). */
  year: number
  dueDate: string
  /** Last day of the 6-month late-payment period (滞纳期); after it the right lapses. */
  graceEnd: string
}

/** Months of late payment the Implementing Rules allow after an annuity due date. */
const GRACE_MONTHS = 6

/**
 * Annuity due dates that fall in [fromIso, toIso], inclusive.
 *
 * The fee for annuity year n (n ≥ 2) is due on the (n−1)th anniversary of the filing date. Year 1 is
 * left out: its fee is paid with the registration formalities at grant, not on a date the archive can
 * plan for. When `kind` is given, years beyond the protection term are left out too.
 */
export function annuityDueDates(
  filingDate: string,
  fromIso: string,
  toIso: string,
  kind?: AssetKind,
): AnnuityDue[] {
  const filed = parseIsoDate(filingDate)
  const from = parseIsoDate(fromIso)
  const to = parseIsoDate(toIso)
  if (!filed || !from || !to || compareYmd(from, to) > 0) return []
  const lastYear = kind === undefined ? Number.POSITIVE_INFINITY : (termYears(kind, filingDate) ?? 0)

  const result: AnnuityDue[] = []
  // Start near `from` instead of at year 1 so a window decades after filing costs nothing.
  const firstAnniversary = Math.max(1, from.y - filed.y - 1)
  for (let n = firstAnniversary; n + 1 <= lastYear; n++) {
    const due = addMonths(filed, n * 12)
    if (compareYmd(due, to) > 0) break
    if (compareYmd(due, from) < 0) continue
    result.push({ year: n + 1, dueDate: formatIso(due), graceEnd: formatIso(addMonths(due, GRACE_MONTHS)) })
  }
  return result
}

/**
 * The annuities still open in [fromIso, toIso]: those falling due in it, and those whose due date has passed
 * but whose 6-month grace period (滞纳期) runs into it — still payable, with a late fee, and the most urgent.
 * The archive does not record payments, so an overdue one may have been paid: the caller says so.
 */
export function openAnnuities(filingDate: string, fromIso: string, toIso: string, kind?: AssetKind): AnnuityDue[] {
  const from = parseIsoDate(fromIso)
  if (!from) return []
  const graceStart = formatIso(addMonths(from, -GRACE_MONTHS))
  return annuityDueDates(filingDate, graceStart, toIso, kind).filter((a) => a.graceEnd >= fromIso)
}

/** Returned by `lateFeePercent` when the payment is beyond the 6-month grace period: no fee can save it. */
export const LATE_FEE_TOO_LATE = -1

/**
 * Late fee (滞纳金) as a percentage of that year's annuity, for a payment made on `paidDate`.
 *
 * Rule (专利法实施细则 / CNIPA fee notices): no late fee within one month after the due date; after
 * that 5 % for each month or part of a month of lateness, i.e. 5 % in the second month, 10 % in the
 * third ... 25 % in the sixth. Month boundaries are the same day of later months (clamped to month end),
 * and the boundary day itself still belongs to the earlier month. Paid on or before the due date → 0.
 * Paid after the 6-month grace period → LATE_FEE_TOO_LATE (−1): the right has lapsed and only a
 * restoration request can help. Unparseable dates → NaN, so a caller cannot mistake them for "no fee".
 */
export function lateFeePercent(dueDate: string, paidDate: string): number {
  const due = parseIsoDate(dueDate)
  const paid = parseIsoDate(paidDate)
  if (!due || !paid) return Number.NaN
  if (compareYmd(paid, due) <= 0) return 0
  for (let month = 1; month <= GRACE_MONTHS; month++) {
    if (compareYmd(paid, addMonths(due, month)) <= 0) return (month - 1) * 5
  }
  return LATE_FEE_TOO_LATE
}
