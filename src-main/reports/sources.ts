import type { Kysely } from 'kysely'
import type { DisclosureFigures, EvaluationFigures, PatentFigures, PoolFigures, ReportSource, ServiceFigures } from '../contract/reports'
import {
  CONSULTATION_TOPICS,
  EVALUATION_ROUTE_LABELS,
  POOL_GRADE_LABELS,
  REPORT_KINDS,
  REQUESTER_TYPE_LABELS,
  SERVICE_CHANNEL_LABELS,
  VERDICT_LABELS,
} from '../contract/labels'
import type { DB } from '../db/schema'
import { patentFigures, yearBounds, type PatentFiguresOptions } from '../archive/figures'
import { EVALUATION_ROUTES, GRADES } from '../contract/evaluations'
import { disclosureStats } from '../disclosures/stats'
import { evaluationStats } from '../evaluations/stats'
import { poolStatsForYear } from '../pool/stats'
import { serviceStats } from '../services/stats'

// Where the annual report's figures come from. Each area of the app owns ONE statistics module that
// counts its own data (services/stats.ts, disclosures/stats.ts, evaluations/stats.ts, pool/stats.ts;
// patents and conversions: archive/figures.ts); the report never re-counts another area's tables.
// This adapter maps each module's answer onto the report's shapes (contract/reports.ts). An area
// whose module is not there yet answers with zeros and `available: false`: its section shows zero and
// the report is still written (issue 7).

export interface SourceAnswer<T> {
  available: boolean
  figures: T
}

export type LoadOptions = PatentFiguresOptions

export interface ReportSources {
  patents(db: Kysely<DB>, year: number, options: LoadOptions): Promise<SourceAnswer<PatentFigures>>
  services(db: Kysely<DB>, year: number): Promise<SourceAnswer<ServiceFigures>>
  disclosures(db: Kysely<DB>, year: number): Promise<SourceAnswer<DisclosureFigures>>
  evaluations(db: Kysely<DB>, year: number): Promise<SourceAnswer<EvaluationFigures>>
  pool(db: Kysely<DB>, year: number): Promise<SourceAnswer<PoolFigures>>
}

const POOL_GRADES = ['A', 'B', 'C', 'D'] as const
const zeroes = (labels: Record<string, string>) => Object.entries(labels).map(([code, label]) => ({ code, label, count: 0 }))
const zeroList = (labels: readonly string[]) => labels.map((label) => ({ code: label, label, count: 0 }))

export function emptyServiceFigures(): ServiceFigures {
  return {
    consultations: {
      total: 0,
      byChannel: zeroes(SERVICE_CHANNEL_LABELS),
      byRequesterType: zeroes(REQUESTER_TYPE_LABELS),
      byTopic: zeroList(CONSULTATION_TOPICS),
      byCollege: [],
      byMonth: Array.from({ length: 12 }, () => 0),
    },
    trainings: { sessions: 0, attendees: 0, hours: 0 },
    reports: { total: 0, byKind: zeroList(REPORT_KINDS) },
    projects: { navigation: 0, warning: 0 },
  }
}

export function emptyDisclosureFigures(): DisclosureFigures {
  return { disclosures: 0, researchers: 0, drafts: 0, items: 0, overridden: 0, byVerdict: zeroes(VERDICT_LABELS) }
}

export function emptyEvaluationFigures(): EvaluationFigures {
  return {
    total: 0,
    byGrade: GRADES.map((g) => ({ code: g, label: `${g} 级`, count: 0 })),
    byRecommendation: EVALUATION_ROUTES.map((code) => ({ code, label: EVALUATION_ROUTE_LABELS[code], count: 0 })),
    byDecision: EVALUATION_ROUTES.map((code) => ({ code, label: EVALUATION_ROUTE_LABELS[code], count: 0 })),
    decidedToFile: 0,
    filed: 0,
    filedShare: null,
  }
}

export function emptyPoolFigures(): PoolFigures {
  return {
    gradedInYear: 0,
    byGradeAtEnd: POOL_GRADES.map((g) => ({ code: g, label: `${g}（${POOL_GRADE_LABELS[g]}）`, count: 0 })),
    poolSize: 0,
    added: 0,
    promotions: 0,
    enterprisesMet: 0,
    openLicencesPublished: 0,
    openLicencesImplemented: 0,
  }
}

const absent = <T>(figures: T): SourceAnswer<T> => ({ available: false, figures })

const fromItems = (items: { key: string; label: string; count: number }[]) => items.map((i) => ({ code: i.key, label: i.label, count: i.count }))

/** The service ledger's own statistics (services/stats.ts) for the calendar year, in the report's shape. */
export async function serviceFigures(db: Kysely<DB>, year: number): Promise<ServiceFigures> {
  const stats = await serviceStats(db, yearBounds(year))
  const byMonth = Array.from({ length: 12 }, (_v, i) => stats.byMonth.find((m) => m.month === `${year}-${String(i + 1).padStart(2, '0')}`)?.consultation ?? 0)
  // Every standard report kind gets a row (zero when none), then kinds the ledger holds beyond them.
  const reportKinds = new Map<string, number>(REPORT_KINDS.map((k) => [k, 0]))
  for (const r of stats.reportsByKind) reportKinds.set(r.kind, (reportKinds.get(r.kind) ?? 0) + r.count)
  return {
    consultations: {
      total: stats.totals.consultation,
      byChannel: fromItems(stats.byChannel),
      byRequesterType: fromItems(stats.byRequesterType),
      byTopic: fromItems(stats.byTopic),
      byCollege: fromItems(stats.byCollege),
      byMonth,
    },
    trainings: stats.trainings,
    reports: {
      total: stats.reportsByKind.reduce((n, r) => n + r.count, 0),
      byKind: [...reportKinds.entries()].map(([kind, count]) => ({ code: kind, label: kind, count })),
    },
    projects: {
      navigation: stats.projects.filter((p) => p.kind === 'navigation').length,
      warning: stats.projects.filter((p) => p.kind === 'warning').length,
    },
  }
}

/** Disclosure verifications (disclosures/stats.ts) signed in the calendar year. */
export async function disclosureFigures(db: Kysely<DB>, year: number): Promise<DisclosureFigures> {
  const stats = await disclosureStats(db, yearBounds(year))
  const items = stats.items
  return {
    disclosures: stats.disclosures,
    researchers: stats.researchers,
    drafts: stats.drafts,
    items: items.total,
    overridden: items.overridden,
    byVerdict: [
      ...(Object.keys(VERDICT_LABELS) as (keyof typeof VERDICT_LABELS)[]).map((code) => ({ code, label: VERDICT_LABELS[code], count: items[code] })),
      ...(items.unverified ? [{ code: 'unverified', label: '未核实', count: items.unverified }] : []),
    ],
  }
}

/** Pre-filing evaluations (evaluations/stats.ts) dated in the calendar year, every grade and route listed. */
export async function evaluationFigures(db: Kysely<DB>, year: number): Promise<EvaluationFigures> {
  const stats = await evaluationStats(db, yearBounds(year))
  const routes = (counts: Record<string, number>) => EVALUATION_ROUTES.map((code) => ({ code, label: EVALUATION_ROUTE_LABELS[code], count: counts[code] ?? 0 }))
  return {
    total: stats.total,
    byGrade: GRADES.map((grade) => ({ code: grade, label: `${grade} 级`, count: stats.byGrade[grade] ?? 0 })),
    byRecommendation: routes(stats.byRecommendation),
    byDecision: routes(stats.byDecision),
    decidedToFile: stats.decidedToFile,
    filed: stats.filed,
    filedShare: stats.filedShare,
  }
}

/** The convertible-patent pool (pool/stats.ts) for the calendar year. */
export async function poolFigures(db: Kysely<DB>, year: number): Promise<PoolFigures> {
  const stats = await poolStatsForYear(db, year)
  return {
    gradedInYear: stats.gradedInPeriod.total,
    byGradeAtEnd: POOL_GRADES.map((grade) => ({ code: grade, label: `${grade}（${POOL_GRADE_LABELS[grade]}）`, count: stats.gradesAtEnd[grade] })),
    poolSize: stats.pool.sizeAtEnd,
    added: stats.pool.added,
    promotions: stats.promotions.held,
    enterprisesMet: stats.promotions.enterprisesMet,
    openLicencesPublished: stats.openLicences.published,
    openLicencesImplemented: stats.openLicences.implemented,
  }
}

/**
 * The modules of the app as they are wired: every area's statistics module exists now. `absent()` and
 * the empty figures stay for tests and for a source that is switched off (a section then shows zero).
 */
export const defaultSources: ReportSources = {
  patents: async (db, year, options) => ({ available: true, figures: await patentFigures(db, year, options) }),
  services: async (db, year) => ({ available: true, figures: await serviceFigures(db, year) }),
  disclosures: async (db, year) => ({ available: true, figures: await disclosureFigures(db, year) }),
  evaluations: async (db, year) => ({ available: true, figures: await evaluationFigures(db, year) }),
  pool: async (db, year) => ({ available: true, figures: await poolFigures(db, year) }),
}

/** Sources with one area left out (its section shows zero): how the report behaves without a module. */
export function withoutSource(sources: ReportSources, source: Exclude<ReportSource, 'patents'>): ReportSources {
  const empty = { services: emptyServiceFigures, disclosures: emptyDisclosureFigures, evaluations: emptyEvaluationFigures, pool: emptyPoolFigures }[source]
  return { ...sources, [source]: async () => absent(empty()) }
}

export type Availability = Record<ReportSource, boolean>
