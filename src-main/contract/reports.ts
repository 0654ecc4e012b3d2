import { z } from 'zod'
import { channel, type ChannelMap } from './define'
import { fileRef, id, isoDate, jobId, okOutput } from './common'

// The annual evaluation report (DESIGN §5.3, issue 7): the figures of one calendar year, the IP
// manager's narrative for that year, and the export of the Word report and the Excel statistics.
//
// Amounts travel in 元 as integers (as the archive stores them); the Word/Excel writers and the page
// show 万元 with two decimals.

const count = z.number().int().min(0)
const yuan = z.number().int().min(0)
export const reportYear = z.number().int().min(1985).max(2100)

/** The three patent kinds the provincial forms count. */
export const REPORT_PATENT_KINDS = ['invention', 'utility', 'design'] as const
export type ReportPatentKind = (typeof REPORT_PATENT_KINDS)[number]

export const kindCountsSchema = z.object({ invention: count, utility: count, design: count, total: count })
export type KindCounts = z.infer<typeof kindCountsSchema>

export const yearKindRowSchema = z.object({ year: z.number().int(), counts: kindCountsSchema })
export type YearKindRow = z.infer<typeof yearKindRowSchema>

const dealSchema = z.object({ count, contractYuan: yuan, receivedYuan: yuan })
export const conversionYearSchema = z.object({
  year: z.number().int(),
  transfer: dealSchema,
  license: dealSchema,
  openLicense: z.object({ published: count, implemented: count, amountYuan: yuan }),
  equity: z.object({ count, amountYuan: yuan }),
})
export type ConversionYear = z.infer<typeof conversionYearSchema>

export const distributionRowSchema = z.object({
  /** College name or discipline code; '' for "not known". */
  key: z.string(),
  label: z.string(),
  applications: count,
  grants: count,
  valid: count,
  conversions: count,
})
export type DistributionRow = z.infer<typeof distributionRowSchema>

export const grantedRightSchema = z.object({
  assetId: id,
  grantNo: z.string().nullable(),
  appNo: z.string(),
  title: z.string(),
  kind: z.enum(REPORT_PATENT_KINDS),
  filingDate: z.string().nullable(),
  grantDate: z.string(),
  inventors: z.string(),
  college: z.string(),
})
export type GrantedRight = z.infer<typeof grantedRightSchema>

export const patentFiguresSchema = z.object({
  year: z.number().int(),
  /** year−2, year−1, year. */
  years: z.array(z.number().int()),
  applications: z.array(yearKindRowSchema),
  grants: z.array(yearKindRowSchema),
  /** The day the valid-patent count refers to (31 December of the year). */
  validOn: isoDate,
  valid: kindCountsSchema,
  conversions: z.array(conversionYearSchema),
  byCollege: z.array(distributionRowSchema),
  /** Distinct rights over all colleges (equals the sum of the rows: each right has one college). */
  collegeTotal: distributionRowSchema,
  byDiscipline: z.array(distributionRowSchema),
  /** Distinct rights: a right linked to two disciplines is in two rows but once here. */
  disciplineTotal: distributionRowSchema,
  grantList: z.array(grantedRightSchema),
  /** Rows in the full list (the preview carries only the first rows). */
  grantListTotal: count,
})
export type PatentFigures = z.infer<typeof patentFiguresSchema>

export const labelCountSchema = z.object({ code: z.string(), label: z.string(), count })
export type LabelCount = z.infer<typeof labelCountSchema>

export const serviceFiguresSchema = z.object({
  consultations: z.object({
    total: count,
    byChannel: z.array(labelCountSchema),
    byRequesterType: z.array(labelCountSchema),
    byTopic: z.array(labelCountSchema),
    byCollege: z.array(labelCountSchema),
    /** January … December of the year. */
    byMonth: z.array(count).length(12),
  }),
  trainings: z.object({ sessions: count, attendees: count, hours: z.number().min(0) }),
  reports: z.object({ total: count, byKind: z.array(labelCountSchema) }),
  projects: z.object({ navigation: count, warning: count }),
})
export type ServiceFigures = z.infer<typeof serviceFiguresSchema>

export const disclosureFiguresSchema = z.object({
  /** Verifications completed (核实意见书 signed) in the year. */
  disclosures: count,
  /** Researchers those verifications were for. */
  researchers: count,
  /** Verifications started in the year and not signed yet. */
  drafts: count,
  /** Items of the completed verifications. */
  items: count,
  /** Of those, items whose verdict the librarian changed (with a reason). */
  overridden: count,
  /** Items by final verdict (一致 / 不一致 / 档案中未找到 / 号码无效, then 未核实 when any). */
  byVerdict: z.array(labelCountSchema),
})
export type DisclosureFigures = z.infer<typeof disclosureFiguresSchema>

export const evaluationFiguresSchema = z.object({
  total: count,
  byGrade: z.array(labelCountSchema),
  byRecommendation: z.array(labelCountSchema),
  byDecision: z.array(labelCountSchema),
  decidedToFile: count,
  filed: count,
  /** filed / decidedToFile, 0–1; null when nothing was decided for filing. */
  filedShare: z.number().min(0).max(1).nullable(),
})
export type EvaluationFigures = z.infer<typeof evaluationFiguresSchema>

export const poolFiguresSchema = z.object({
  /** Patents graded (分级) during the year. */
  gradedInYear: count,
  /** Every graded patent by the grade it held on 31 December. */
  byGradeAtEnd: z.array(labelCountSchema),
  /** Patents in the convertible-patent pool on 31 December, and added during the year. */
  poolSize: count,
  added: count,
  /** Promotion activities (路演、展会、对接会) held, and distinct enterprises met. */
  promotions: count,
  enterprisesMet: count,
  openLicencesPublished: count,
  openLicencesImplemented: count,
})
export type PoolFigures = z.infer<typeof poolFiguresSchema>

export const REPORT_SOURCES = ['patents', 'services', 'disclosures', 'evaluations', 'pool'] as const
export type ReportSource = (typeof REPORT_SOURCES)[number]

export const narrativeSchema = z.object({
  year: reportYear,
  /** 工作亮点 */
  highlights: z.string().max(20_000),
  /** 存在问题 */
  problems: z.string().max(20_000),
  /** 下一步计划 */
  plans: z.string().max(20_000),
  /** null until first saved. */
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
})
export type Narrative = z.infer<typeof narrativeSchema>

export const annualReportSchema = z.object({
  year: reportYear,
  generatedAt: z.string(),
  university: z.string(),
  centre: z.string(),
  patents: patentFiguresSchema,
  services: serviceFiguresSchema,
  disclosures: disclosureFiguresSchema,
  evaluations: evaluationFiguresSchema,
  pool: poolFiguresSchema,
  /** Which areas supplied figures; an area whose module is not there yet shows zeros. */
  available: z.record(z.enum(REPORT_SOURCES), z.boolean()),
  narrative: narrativeSchema,
})
export type AnnualReport = z.infer<typeof annualReportSchema>

export const CELL_KINDS = ['text', 'integer', 'number', 'money', 'percent', 'date'] as const
export type CellKind = (typeof CELL_KINDS)[number]

/**
 * One statistics table exactly as the Excel sheet of the same name has it (the page previews these).
 * Money cells are 万元 (two decimals). `cellKinds` overrides the column kind for single cells of
 * columns that mix counts and amounts (概览's 数值): key `${row},${column}`.
 */
export const sheetTableSchema = z.object({
  name: z.string(),
  columns: z.array(z.object({ header: z.string(), kind: z.enum(CELL_KINDS), width: z.number().optional() })),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  cellKinds: z.record(z.string(), z.enum(CELL_KINDS)).optional(),
  /** Shown under the table (e.g. how a figure is counted, or that the preview lists only the first rows). */
  note: z.string().optional(),
})
export type SheetTable = z.infer<typeof sheetTableSchema>

export const annualPreviewSchema = annualReportSchema.extend({ sheets: z.array(sheetTableSchema) })
export type AnnualPreview = z.infer<typeof annualPreviewSchema>

const exportedFile = z.object({ ref: fileRef, name: z.string() })

export const reportsChannels = {
  /** Years that hold data, and the year the page opens on. */
  'reports:years': channel(z.object({}).strict(), z.object({ years: z.array(reportYear), defaultYear: reportYear })),
  /** Every figure of the year (the grant list cut to its first rows) for the preview. */
  'reports:annual': channel(z.object({ year: reportYear }).strict(), annualPreviewSchema),
  'reports:narrative': channel(z.object({ year: reportYear }).strict(), narrativeSchema),
  /** Autosaved from the page; an unchanged text is not written again. */
  'reports:saveNarrative': channel(
    z.object({ year: reportYear, highlights: z.string().max(20_000), problems: z.string().max(20_000), plans: z.string().max(20_000) }).strict(),
    narrativeSchema,
  ),
  /** Write 年度工作报告_<year>.docx and 年度工作统计_<year>.xlsx. */
  'reports:export': channel(
    z.object({ jobId, year: reportYear }).strict(),
    z.object({ docx: exportedFile, xlsx: exportedFile, chartNote: z.string().nullable() }),
    { job: true },
  ),
  /**
   * Desktop only: show a delivered report in the file manager. `savedTo` must be a copy of the export
   * `ref` (same bytes), so this cannot be used to reveal arbitrary paths.
   */
  'reports:reveal': channel(z.object({ ref: fileRef, savedTo: z.string().min(1).max(4096) }).strict(), okOutput),
} satisfies ChannelMap
