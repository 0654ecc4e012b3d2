import type { Kysely } from 'kysely'
import type { AnnualReport } from '../contract/reports'
import { AppError } from '../contract/result'
import { nowIso, todayIso } from '../core/clock'
import type { DB } from '../db/schema'
import { getSettings } from '../settings/service'
import { patentYears } from '../archive/figures'
import { getNarrative } from './narrative'
import { defaultSources, type ReportSources } from './sources'

export interface BuildOptions {
  sources?: ReportSources
  /** Cut the grant list (preview); exports take the whole list. */
  grantListLimit?: number
  /** Awaited between steps: a job checkpoint (yields to the event loop, honours cancel). */
  checkpoint?: () => Promise<void>
  progress?: (phase: string, done: number, total: number) => void
}

export const FIRST_REPORT_YEAR = 1985
export const LAST_REPORT_YEAR = 2100

export function assertReportYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > LAST_REPORT_YEAR) {
    throw new AppError('invalid_input', `年度“${year}”无效：请填写 ${FIRST_REPORT_YEAR}–${LAST_REPORT_YEAR} 之间的四位年份。`)
  }
}

/** All figures of the year, from the areas' own statistics modules, plus the narrative. */
export async function buildAnnualReport(db: Kysely<DB>, year: number, options: BuildOptions = {}): Promise<AnnualReport> {
  assertReportYear(year)
  const sources = options.sources ?? defaultSources
  const step = options.checkpoint ?? (async () => {})
  const progress = options.progress ?? (() => {})
  const total = 6
  progress('统计专利与转化运用', 0, total)
  const patents = await sources.patents(db, year, { grantListLimit: options.grantListLimit, checkpoint: step })
  progress('统计咨询与培训服务', 1, total)
  await step()
  const services = await sources.services(db, year)
  progress('统计披露核实', 2, total)
  await step()
  const disclosures = await sources.disclosures(db, year)
  progress('统计申请前评估', 3, total)
  await step()
  const evaluations = await sources.evaluations(db, year)
  progress('统计专利池', 4, total)
  await step()
  const pool = await sources.pool(db, year)
  progress('读取报告文字', 5, total)
  const settings = await getSettings(db)
  const narrative = await getNarrative(db, year)
  progress('统计完成', total, total)
  return {
    year,
    generatedAt: nowIso(),
    university: settings.universityName,
    centre: settings.centreName,
    patents: patents.figures,
    services: services.figures,
    disclosures: disclosures.figures,
    evaluations: evaluations.figures,
    pool: pool.figures,
    available: {
      patents: patents.available,
      services: services.available,
      disclosures: disclosures.available,
      evaluations: evaluations.available,
      pool: pool.available,
    },
    narrative,
  }
}

/**
 * The year the report page opens on: from November the current year's report is being prepared; before
 * that, most centres are still finishing last year's.
 */
export function defaultReportYear(today: string = todayIso()): number {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  return month >= 11 ? year : year - 1
}

/** Years worth offering: those with patent data, plus the default and the current year. */
export async function reportYears(db: Kysely<DB>, today: string = todayIso()): Promise<{ years: number[]; defaultYear: number }> {
  const defaultYear = defaultReportYear(today)
  const current = Number(today.slice(0, 4))
  const set = new Set((await patentYears(db)).filter((y) => y >= FIRST_REPORT_YEAR && y <= current))
  set.add(defaultYear)
  set.add(current)
  return { years: [...set].sort((a, b) => b - a), defaultYear }
}
