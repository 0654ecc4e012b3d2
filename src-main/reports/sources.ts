import type { Kysely } from 'kysely'
import type { DisclosureFigures, EvaluationFigures, PatentFigures, PoolFigures, ReportSource, ServiceFigures } from '../contract/reports'
import {
  CONSULTATION_TOPICS,
  REPORT_KINDS,
  REQUESTER_TYPE_LABELS,
  SERVICE_CHANNEL_LABELS,
  VERDICT_LABELS,
} from '../contract/labels'
import type { DB } from '../db/schema'
import { patentFigures, type PatentFiguresOptions } from '../archive/figures'

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
  return { disclosures: 0, signed: 0, items: 0, byVerdict: zeroes(VERDICT_LABELS) }
}

export function emptyEvaluationFigures(): EvaluationFigures {
  return {
    total: 0,
    byGrade: ['A', 'B', 'C', 'D'].map((g) => ({ code: g, label: `${g} 级`, count: 0 })),
    byRecommendation: [],
    byDecision: [],
    decidedToFile: 0,
    filed: 0,
    filedShare: null,
  }
}

export function emptyPoolFigures(): PoolFigures {
  return { graded: 0, byGrade: [], poolSize: 0, promotions: 0, openLicencesPublished: 0 }
}

const absent = <T>(figures: T): SourceAnswer<T> => ({ available: false, figures })

/** The modules of the app as they are wired today (see the final report of issue 7 for which). */
export const defaultSources: ReportSources = {
  patents: async (db, year, options) => ({ available: true, figures: await patentFigures(db, year, options) }),
  services: async () => absent(emptyServiceFigures()),
  disclosures: async () => absent(emptyDisclosureFigures()),
  evaluations: async () => absent(emptyEvaluationFigures()),
  pool: async () => absent(emptyPoolFigures()),
}

export type Availability = Record<ReportSource, boolean>
