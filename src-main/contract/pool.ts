import { z } from 'zod'
import { channel, type ChannelMap } from './define'
import { id, isoDate, jobId } from './common'

// The convertible-patent pool (可转化专利资源库, issue 9): inventory the university's patents in force,
// grade them, keep the annuity budget, put graded patents into the pool, promote them (路演 / 推介会 /
// 对接会, enterprise interest, 开放许可) and export the list (Excel) and a brochure (Word).
// Channels are 'pool:<verb>'. Money crosses the contract in 元 (integers).

export const POOL_GRADES = ['A', 'B', 'C', 'D'] as const
export const poolGradeSchema = z.enum(POOL_GRADES)
export type PoolGradeCode = z.infer<typeof poolGradeSchema>
/** A grade filter also accepts 'none' (not graded yet). */
export const gradeFilterSchema = z.enum(['A', 'B', 'C', 'D', 'none'])
export type GradeFilter = z.infer<typeof gradeFilterSchema>

/**
 * 转化状态, derived from the conversion records (src-main/pool/conversion-state.ts says how):
 * 未转化 / 已许可 / 已转让 / 作价入股 / 开放许可中.
 */
export const CONVERSION_STATES = ['none', 'licensed', 'transferred', 'equity', 'open_licence'] as const
export const conversionStateSchema = z.enum(CONVERSION_STATES)
export type ConversionState = z.infer<typeof conversionStateSchema>

export const patentKindSchema = z.enum(['invention', 'utility', 'design'])
export type PatentKind = z.infer<typeof patentKindSchema>
export const promotionKindSchema = z.enum(['roadshow', 'fair', 'matchmaking', 'other'])
export type PromotionKindCode = z.infer<typeof promotionKindSchema>
export const interestStageSchema = z.enum(['contacted', 'negotiating', 'intent', 'signed', 'dropped'])
export type InterestStageCode = z.infer<typeof interestStageSchema>

const text = (max: number) => z.string().trim().max(max)
const disciplineCode = z.string().regex(/^\d{2}(\d{2})?$/, '学科代码应为 2 位（门类）或 4 位（一级学科/专业学位类别）')
/** An IPC section (G) or class (G06). */
export const ipcFilterSchema = z.string().regex(/^[A-H](\d{2})?$/, 'IPC 应为部（如 G）或大类（如 G06）')
const offset = z.number().int().min(0).max(10_000_000).default(0)
const year = z.number().int().min(1980).max(2100)

// ---------------------------------------------------------------------------------------------------
// Inventory (盘点)

export const inventoryFiltersSchema = z
  .object({
    /** Words of the title, or the start of the application number. */
    q: text(100).optional(),
    college: z.string().max(200).optional(),
    /** 2-digit 门类 (all its disciplines) or 4-digit discipline code. */
    discipline: disciplineCode.optional(),
    /** Section or class of the main IPC. */
    ipc: ipcFilterSchema.optional(),
    kinds: z.array(patentKindSchema).max(3).optional(),
    grades: z.array(gradeFilterSchema).max(5).optional(),
    states: z.array(conversionStateSchema).max(5).optional(),
    fiscalFunded: z.boolean().optional(),
    inPool: z.boolean().optional(),
  })
  .strict()
export type InventoryFilters = z.infer<typeof inventoryFiltersSchema>

export const inventorySortSchema = z.enum(['filing_date', 'grant_date', 'expiry_date', 'title'])

export const inventoryInput = z
  .object({
    filters: inventoryFiltersSchema.default({}),
    sort: inventorySortSchema.default('filing_date'),
    order: z.enum(['asc', 'desc']).default('desc'),
    offset,
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
export type InventoryInput = z.input<typeof inventoryInput>

export const annuityDueSchema = z.object({
  /** Annuity year (第 n 年). */
  year: z.number().int(),
  dueDate: z.string(),
  /** Last day of the 6-month late-payment period. */
  graceEnd: z.string(),
  /** Fee for that year from the fee table in force, 元 (after the reduction when it is switched on). */
  yuan: z.number().int(),
})
export type AnnuityDueRow = z.infer<typeof annuityDueSchema>

export const gradeInfoSchema = z.object({
  id: z.number().int(),
  grade: poolGradeSchema,
  reason: z.string(),
  scores: z.record(z.string(), z.number().int()),
  total: z.number().nullable(),
  gradedOn: z.string(),
  operator: z.string(),
  batch: z.string().nullable(),
  createdAt: z.string(),
})
export type GradeInfo = z.infer<typeof gradeInfoSchema>

export const inventoryRowSchema = z.object({
  id: z.number().int(),
  kind: patentKindSchema,
  appNo: z.string(),
  /** 专利号: 'ZL' + application number. */
  patentNo: z.string(),
  title: z.string(),
  filingDate: z.string().nullable(),
  grantDate: z.string().nullable(),
  expiryDate: z.string().nullable(),
  /** Days of protection left from today (0 on the last day); null when the expiry is unknown. */
  remainingDays: z.number().int().nullable(),
  /** e.g. 12年3个月. */
  remainingText: z.string(),
  /** The right is university-owned, granted and not expired (the inventory's base set). */
  inForce: z.boolean(),
  college: z.string(),
  disciplines: z.string(),
  ipcMain: z.string().nullable(),
  /** Chinese title of the main IPC class (G06 计算；推算；计数). */
  ipcClassTitle: z.string().nullable(),
  inventors: z.string(),
  state: conversionStateSchema,
  /** Some conversion was recorded, even if none is in effect today. */
  everConverted: z.boolean(),
  fiscalFunded: z.boolean(),
  grade: gradeInfoSchema.nullable(),
  inPool: z.boolean(),
  openLicenceCandidate: z.boolean(),
  /** Annuities falling due in the next 12 months. */
  annuities: z.array(annuityDueSchema),
  annuitiesYuan: z.number().int(),
})
export type InventoryRow = z.infer<typeof inventoryRowSchema>

export const inventoryOutput = z.object({
  total: z.number().int(),
  items: z.array(inventoryRowSchema),
  /** The day the states, terms and annuity window were computed for. */
  asOf: z.string(),
  annuityWindow: z.object({ from: z.string(), to: z.string() }),
})
export type InventoryOutput = z.infer<typeof inventoryOutput>

export const poolFacetsSchema = z.object({
  colleges: z.array(z.string()),
  disciplines: z.array(z.object({ code: z.string(), name: z.string(), categoryCode: z.string() })),
  ipc: z.array(z.object({ code: z.string(), level: z.enum(['section', 'class']), section: z.string(), title: z.string() })),
})
export type PoolFacets = z.infer<typeof poolFacetsSchema>

// ---------------------------------------------------------------------------------------------------
// Grading (价值分级)

export const gradingTemplateSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    dimensions: z
      .array(
        z
          .object({
            id: z.string(),
            name: z.string(),
            description: z.string(),
            indicators: z
              .array(
                z
                  .object({
                    id: z.string().regex(/^[a-z][a-z0-9_]*\.[a-z0-9_]+$/),
                    name: z.string(),
                    description: z.string(),
                    weight: z.number().int().min(0).max(100),
                    anchors: z.object({ '1': z.string(), '2': z.string(), '3': z.string(), '4': z.string(), '5': z.string() }).strict(),
                  })
                  .strict(),
              )
              .min(1),
          })
          .strict(),
      )
      .min(1),
    grades: z
      .array(z.object({ grade: poolGradeSchema, min: z.number().min(0).max(100), label: z.string(), hint: z.string() }).strict())
      .length(4),
  })
  .strict()
export type GradingTemplate = z.infer<typeof gradingTemplateSchema>

/** Optional indicator scores: indicator id → 1..5. */
export const indicatorScoresSchema = z.record(z.string().max(60), z.number().int().min(1).max(5))

const gradeDecision = {
  grade: poolGradeSchema,
  reason: z.string().trim().min(1, '请填写分级理由').max(2000),
  scores: indicatorScoresSchema.default({}),
  /** Default: today. */
  gradedOn: isoDate.optional(),
}

export const gradeInput = z
  .object({ assetIds: z.array(id).min(1, '请至少选择一项专利').max(500), ...gradeDecision })
  .strict()
export type GradeInput = z.input<typeof gradeInput>

export const gradeSelectionInput = z.object({ jobId, filters: inventoryFiltersSchema, ...gradeDecision }).strict()

export const gradeResultSchema = z.object({
  graded: z.number().int(),
  /** Assets whose current grade already was this grade (a new history row is still written). */
  regraded: z.number().int(),
  batch: z.string().nullable(),
})

// ---------------------------------------------------------------------------------------------------
// Annuity fee table (年费标准) and budget (年费预算)

export const feeBandSchema = z
  .object({
    from: z.number().int().min(1).max(20),
    to: z.number().int().min(1).max(20),
    yuan: z.number().int().min(0).max(1_000_000),
  })
  .strict()
export type FeeBand = z.infer<typeof feeBandSchema>

const TERM_YEARS = { invention: 20, utility: 10, design: 15 } as const

function checkBands(bands: FeeBand[], last: number, label: string, ctx: z.RefinementCtx, path: string): void {
  let expected = 1
  for (const [i, band] of bands.entries()) {
    if (band.from !== expected) {
      ctx.addIssue({ code: 'custom', message: `${label}第 ${i + 1} 档应从第 ${expected} 年开始`, path: [path, i, 'from'] })
      return
    }
    if (band.to < band.from) {
      ctx.addIssue({ code: 'custom', message: `${label}第 ${i + 1} 档的截止年度早于起始年度`, path: [path, i, 'to'] })
      return
    }
    expected = band.to + 1
  }
  if (expected !== last + 1) ctx.addIssue({ code: 'custom', message: `${label}年费应覆盖第 1–${last} 年`, path: [path] })
}

export const feeTableSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** 依据: where the amounts come from (fee notice numbers). */
    basis: z.string().max(1000),
    note: z.string().max(1000),
    invention: z.array(feeBandSchema).min(1).max(20),
    utility: z.array(feeBandSchema).min(1).max(10),
    design: z.array(feeBandSchema).min(1).max(15),
    reduction: z
      .object({
        /** The university has filed for fee reduction (费减备案): annuities in the reduction years are reduced. */
        enabled: z.boolean(),
        /** Reduction for a single applicant, percent (85). */
        singlePercent: z.number().int().min(0).max(100),
        /** Reduction when two or more applicants hold the patent jointly, percent (70). */
        jointPercent: z.number().int().min(0).max(100),
        /** Annuity years reduced, counted from the one in which the patent was granted (6). */
        years: z.number().int().min(0).max(20),
      })
      .strict(),
  })
  .strict()
  .superRefine((table, ctx) => {
    checkBands(table.invention, TERM_YEARS.invention, '发明专利', ctx, 'invention')
    checkBands(table.utility, TERM_YEARS.utility, '实用新型专利', ctx, 'utility')
    checkBands(table.design, TERM_YEARS.design, '外观设计专利', ctx, 'design')
  })
export type FeeTable = z.infer<typeof feeTableSchema>

export const feeTableStateSchema = z.object({
  table: feeTableSchema,
  /** 'default': the shipped table (resources/pool/annuity-fees.json); 'edited': the centre's edition. */
  origin: z.enum(['default', 'edited']),
  savedAt: z.string().nullable(),
  savedBy: z.string().nullable(),
  defaultTable: feeTableSchema,
})
export type FeeTableState = z.infer<typeof feeTableStateSchema>

export const budgetInput = z
  .object({
    /** Calendar year to budget; default next year. */
    year: year.optional(),
    filters: inventoryFiltersSchema.default({}),
  })
  .strict()

export const budgetRowSchema = z.object({
  grade: gradeFilterSchema,
  /** Patents in force with this grade whose annuities the university pays. */
  patents: z.number().int(),
  /** Of those, patents with an annuity due in the year. */
  due: z.number().int(),
  yuan: z.number().int(),
})
export const budgetSchema = z.object({
  year: z.number().int(),
  from: z.string(),
  to: z.string(),
  feeTableName: z.string(),
  reductionApplied: z.boolean(),
  rows: z.array(budgetRowSchema),
  totalYuan: z.number().int(),
  /** What stopping payment for grade D saves: in the budget year, and over the rest of their terms. */
  dropD: z.object({ patents: z.number().int(), yuanInYear: z.number().int(), yuanRemainingTerm: z.number().int() }),
  /** Patents left out because the right has left the university (transferred / contributed as equity). */
  excluded: z.object({ transferred: z.number().int(), equity: z.number().int() }),
})
export type Budget = z.infer<typeof budgetSchema>

// ---------------------------------------------------------------------------------------------------
// The pool (资源库)

const industries = z.array(text(50).min(1)).max(20)

export const poolEntryFields = {
  /** 产业化前景: what the patent could become and for whom. */
  prospects: text(4000).default(''),
  targetIndustries: industries.default([]),
  /** 应用领域, shown in the brochure. */
  applicationField: text(500).default(''),
  openLicenceCandidate: z.boolean().default(false),
}

export const poolAddInput = z
  .object({ assetIds: z.array(id).min(1, '请至少选择一项专利').max(500), addedOn: isoDate.optional(), ...poolEntryFields })
  .strict()
export type PoolAddInput = z.input<typeof poolAddInput>

export const poolUpdateInput = z.object({ assetId: id, ...poolEntryFields }).strict()
export const poolRemoveInput = z
  .object({ assetId: id, reason: z.string().trim().min(1, '请填写移出理由').max(1000), removedOn: isoDate.optional() })
  .strict()

export const poolEntrySchema = z.object({
  id: z.number().int(),
  assetId: z.number().int(),
  addedOn: z.string(),
  removedOn: z.string().nullable(),
  removalReason: z.string(),
  prospects: z.string(),
  targetIndustries: z.array(z.string()),
  applicationField: z.string(),
  openLicenceCandidate: z.boolean(),
  operator: z.string(),
})
export type PoolEntry = z.infer<typeof poolEntrySchema>

export const poolListInput = z
  .object({
    q: text(100).optional(),
    grades: z.array(poolGradeSchema).max(4).optional(),
    college: z.string().max(200).optional(),
    openLicenceCandidate: z.boolean().optional(),
    offset,
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
export type PoolListInput = z.input<typeof poolListInput>

export const poolRowSchema = inventoryRowSchema.extend({
  entry: poolEntrySchema,
  /** Enterprises with an open interest (not 已终止), '；'-joined. */
  enterprises: z.string(),
})
export type PoolRow = z.infer<typeof poolRowSchema>

// ---------------------------------------------------------------------------------------------------
// Promotion (路演 / 推介会 / 对接会) and enterprise interest

const enterpriseName = text(200).min(1)

export const promotionSaveInput = z
  .object({
    id: id.optional(),
    kind: promotionKindSchema,
    title: text(200).min(1, '请填写活动名称'),
    heldOn: isoDate,
    place: text(200).default(''),
    organiser: text(200).default(''),
    audience: text(500).default(''),
    attendees: z.number().int().min(0).max(100_000).nullable().default(null),
    enterprises: z.array(enterpriseName).max(200).default([]),
    assetIds: z.array(id).max(500).default([]),
    note: text(4000).default(''),
  })
  .strict()
export type PromotionSaveInput = z.input<typeof promotionSaveInput>

export const promotionSchema = z.object({
  id: z.number().int(),
  kind: promotionKindSchema,
  title: z.string(),
  heldOn: z.string(),
  place: z.string(),
  organiser: z.string(),
  audience: z.string(),
  attendees: z.number().int().nullable(),
  enterprises: z.array(z.string()),
  assetIds: z.array(z.number().int()),
  note: z.string(),
})
export type Promotion = z.infer<typeof promotionSchema>

export const promotionListInput = z
  .object({ year: year.optional(), offset, limit: z.number().int().min(1).max(200).default(50) })
  .strict()

export const interestSaveInput = z
  .object({
    id: id.optional(),
    assetId: id,
    enterprise: enterpriseName,
    contactPerson: text(100).default(''),
    contact: text(200).default(''),
    stage: interestStageSchema.default('contacted'),
    promotionId: id.nullable().default(null),
    notedOn: isoDate.optional(),
    note: text(4000).default(''),
  })
  .strict()
export type InterestSaveInput = z.input<typeof interestSaveInput>

export const interestSchema = z.object({
  id: z.number().int(),
  assetId: z.number().int(),
  assetTitle: z.string(),
  enterprise: z.string(),
  contactPerson: z.string(),
  contact: z.string(),
  stage: interestStageSchema,
  promotionId: z.number().int().nullable(),
  promotionTitle: z.string().nullable(),
  notedOn: z.string(),
  note: z.string(),
})
export type Interest = z.infer<typeof interestSchema>

// ---------------------------------------------------------------------------------------------------
// Open licences (开放许可): conversion rows, kind 'open_license'

export const openLicencePublishInput = z
  .object({
    assetId: id,
    /** 开放许可声明公告日; default today. */
    publishedOn: isoDate.optional(),
    /** End of the licence period stated in the declaration; null = open-ended. */
    endDate: isoDate.nullable().default(null),
    /** 许可使用费: e.g. 一次性 5 万元，或按销售额 3% 提成. */
    feeTerms: text(1000).min(1, '请填写许可使用费的支付方式和标准'),
    /** A lump-sum fee in 元 when the declaration states one. */
    amountYuan: z.number().int().min(0).max(10_000_000_000).nullable().default(null),
    note: text(2000).default(''),
  })
  .strict()
export type OpenLicencePublishInput = z.input<typeof openLicencePublishInput>

export const conversionBriefSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['transfer', 'license', 'open_license', 'equity', 'pledge']),
  stage: z.enum(['published', 'implemented']).nullable(),
  counterparty: z.string(),
  contractDate: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  contractAmountYuan: z.number().int().nullable(),
  note: z.string(),
  /** In effect today (counts for the conversion state). */
  inEffect: z.boolean(),
})
export type ConversionBrief = z.infer<typeof conversionBriefSchema>

// ---------------------------------------------------------------------------------------------------
// One patent in full

export const assetDetailSchema = z.object({
  row: inventoryRowSchema,
  abstract: z.string(),
  applicants: z.string(),
  ipcAll: z.string(),
  statusGroup: z.enum(['valid', 'pending', 'lapsed', 'unknown']),
  universityOwned: z.boolean(),
  gradeHistory: z.array(gradeInfoSchema),
  entry: poolEntrySchema.nullable(),
  interests: z.array(interestSchema),
  promotions: z.array(z.object({ id: z.number().int(), kind: promotionKindSchema, title: z.string(), heldOn: z.string() })),
  conversions: z.array(conversionBriefSchema),
  projects: z.array(z.object({ projectNo: z.string(), name: z.string(), fiscalFunded: z.boolean() })),
})
export type AssetDetail = z.infer<typeof assetDetailSchema>

// ---------------------------------------------------------------------------------------------------
// Figures for the annual report (src-main/pool/stats.ts)

export const poolStatsInput = z.object({ from: isoDate, to: isoDate }).strict()
export const poolStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Patents whose grade was decided within the period, by the last grade given in the period. */
  gradedInPeriod: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int(), D: z.number().int(), total: z.number().int() }),
  /** Every graded patent by the grade it held at the end of the period. */
  gradesAtEnd: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int(), D: z.number().int(), total: z.number().int() }),
  /** Patents in the pool at the end of the period, and added / removed within it. */
  pool: z.object({ sizeAtEnd: z.number().int(), added: z.number().int(), removed: z.number().int(), openLicenceCandidates: z.number().int() }),
  promotions: z.object({
    held: z.number().int(),
    byKind: z.object({ roadshow: z.number().int(), fair: z.number().int(), matchmaking: z.number().int(), other: z.number().int() }),
    /** Distinct enterprises met at the activities. */
    enterprisesMet: z.number().int(),
    /** Distinct patents shown at the activities. */
    patentsPromoted: z.number().int(),
  }),
  interests: z.object({ recorded: z.number().int(), intentOrSigned: z.number().int() }),
  openLicences: z.object({ published: z.number().int(), implemented: z.number().int(), patents: z.number().int() }),
})
export type PoolStats = z.infer<typeof poolStatsSchema>

// ---------------------------------------------------------------------------------------------------

const fileOut = z.object({ ref: z.string(), name: z.string(), count: z.number().int() })

export const poolChannels = {
  /** Every university-owned patent in force, with state, grade, term and annuities; filters and pages. */
  'pool:inventory': channel(inventoryInput, inventoryOutput),
  'pool:facets': channel(z.object({}).strict(), poolFacetsSchema),
  'pool:asset': channel(z.object({ id }).strict(), assetDetailSchema),

  'pool:indicators': channel(z.object({}).strict(), gradingTemplateSchema),
  /** Grade the chosen patents (one history row each; the previous grade stays in the history). */
  'pool:grade': channel(gradeInput, gradeResultSchema),
  /** Grade every patent the inventory filter selects (may be thousands). */
  'pool:gradeSelection': channel(gradeSelectionInput, gradeResultSchema, { job: true }),
  /** How many patents a filter selects (to confirm a batch before it runs). */
  'pool:count': channel(z.object({ filters: inventoryFiltersSchema }).strict(), z.object({ total: z.number().int() })),

  'pool:fees': channel(z.object({}).strict(), feeTableStateSchema),
  'pool:saveFees': channel(z.object({ table: feeTableSchema }).strict(), feeTableStateSchema),
  /** Back to the shipped default; `confirm` keeps an empty or stray call from resetting the table. */
  'pool:resetFees': channel(z.object({ confirm: z.literal(true) }).strict(), feeTableStateSchema),
  'pool:budget': channel(budgetInput, budgetSchema),

  'pool:list': channel(poolListInput, z.object({ total: z.number().int(), items: z.array(poolRowSchema) })),
  'pool:add': channel(poolAddInput, z.object({ added: z.number().int(), alreadyIn: z.number().int() })),
  'pool:update': channel(poolUpdateInput, poolEntrySchema),
  'pool:remove': channel(poolRemoveInput, z.object({ ok: z.literal(true) })),

  'pool:promotions': channel(promotionListInput, z.object({ total: z.number().int(), items: z.array(promotionSchema) })),
  'pool:promotion': channel(z.object({ id }).strict(), promotionSchema.extend({ interests: z.array(interestSchema) })),
  'pool:savePromotion': channel(promotionSaveInput, promotionSchema),
  'pool:deletePromotion': channel(z.object({ id }).strict(), z.object({ ok: z.literal(true) })),
  'pool:saveInterest': channel(interestSaveInput, interestSchema),
  'pool:deleteInterest': channel(z.object({ id }).strict(), z.object({ ok: z.literal(true) })),

  /** Record a published open licence: a conversion row (kind open_license, stage published). */
  'pool:publishOpenLicence': channel(openLicencePublishInput, conversionBriefSchema),

  /** The pool list as .xlsx (the provincial batch template's columns). */
  'pool:exportXlsx': channel(z.object({ jobId, grades: z.array(poolGradeSchema).max(4).optional() }).strict(), fileOut, { job: true }),
  /** A Word brochure of the chosen patents for a 推介会. */
  'pool:exportBrochure': channel(
    z.object({ jobId, assetIds: z.array(id).min(1, '请至少选择一项专利').max(300), title: text(100).optional() }).strict(),
    fileOut,
    { job: true },
  ),
  'pool:stats': channel(poolStatsInput, poolStatsSchema),
} satisfies ChannelMap
