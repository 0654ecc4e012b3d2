import type { FeeBand, FeeTable, PatentKind } from '../contract/pool'
import { anniversary, annuityDueDates, parseIsoDate } from '../domain/term'

// Annuity amounts and remaining terms: pure, so the budget, the inventory and the renderer's fee editor
// preview all compute the same numbers.

export interface FeeContext {
  kind: PatentKind
  filingDate: string
  grantDate: string | null
  /** Number of applicants / right holders: two or more → the joint reduction rate. */
  holders: number
}

function bandAmount(bands: FeeBand[], year: number): number | null {
  for (const band of bands) if (year >= band.from && year <= band.to) return band.yuan
  return null
}

/** The annuity year (1-based) in which `date` falls, counting from the filing date's anniversaries. */
export function annuityYearOn(filingDate: string, date: string): number | null {
  const filed = parseIsoDate(filingDate)
  const on = parseIsoDate(date)
  if (!filed || !on || date < filingDate) return null
  let year = Math.max(1, on.y - filed.y - 1)
  // Move forward while the anniversary that opens the next annuity year is on or before `date`.
  while ((anniversary(filingDate, year) ?? '9999-12-31') <= date) year++
  return year
}

/**
 * Fee for annuity year `year` of a patent, in whole 元. With the reduction switched on, the annuities of
 * the `reduction.years` years starting with the one in which the patent was granted are reduced by the
 * single or joint rate (《专利收费减缴办法》: 自授予专利权当年起 6 年内的年费).
 */
export function annuityFee(table: FeeTable, ctx: FeeContext, year: number): number {
  const full = bandAmount(table[ctx.kind], year)
  if (full === null) return 0
  const r = table.reduction
  if (!r.enabled || !ctx.grantDate) return full
  const grantYear = annuityYearOn(ctx.filingDate, ctx.grantDate)
  if (grantYear === null || year < grantYear || year >= grantYear + r.years) return full
  const percent = ctx.holders >= 2 ? r.jointPercent : r.singlePercent
  return Math.round((full * (100 - percent)) / 100)
}

export interface PricedAnnuity {
  year: number
  dueDate: string
  graceEnd: string
  yuan: number
}

/** Annuities due in [from, to] with their amounts. */
export function annuitiesBetween(table: FeeTable, ctx: FeeContext, from: string, to: string): PricedAnnuity[] {
  return annuityDueDates(ctx.filingDate, from, to, ctx.kind).map((due) => ({ ...due, yuan: annuityFee(table, ctx, due.year) }))
}

/** The day before the same date one year later: the end of a 12-month window starting `from`. */
export function oneYearWindowEnd(from: string): string {
  const next = anniversary(from, 1) ?? from
  const d = new Date(`${next}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

/** Number of holders in an applicants cell ('; '-joined, as imported). */
export function countHolders(applicants: string): number {
  return Math.max(1, applicants.split(/[;；]/).filter((s) => s.trim()).length)
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/**
 * Protection left after `today` until `expiry` (the last day of the term): whole days, and a Chinese
 * text in years and months ('12年3个月', '8个月', '不足1个月', '已届满').
 */
export function remainingTerm(today: string, expiry: string | null): { days: number | null; text: string } {
  if (!expiry || !parseIsoDate(expiry) || !parseIsoDate(today)) return { days: null, text: '未知' }
  const days = daysBetween(today, expiry)
  if (days < 0) return { days, text: '已届满' }
  let months = 0
  // Whole months from today that still end on or before the expiry (same day-of-month, clamped).
  for (let step = 256; step >= 1; step = Math.floor(step / 2)) {
    while (addMonthsIso(today, months + step) <= expiry) months += step
  }
  const years = Math.floor(months / 12)
  const rest = months % 12
  if (years === 0 && rest === 0) return { days, text: '不足1个月' }
  return { days, text: `${years ? `${years}年` : ''}${rest ? `${rest}个月` : ''}` }
}

function addMonthsIso(iso: string, months: number): string {
  const d = parseIsoDate(iso)!
  const index = d.y * 12 + (d.m - 1) + months
  const y = Math.floor(index / 12)
  const m = (index % 12) + 1
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d.d, last)).padStart(2, '0')}`
}
