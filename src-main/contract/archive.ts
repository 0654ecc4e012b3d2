import { z } from 'zod'
import { channel, type ChannelMap } from './define'
import { fileRef, id, isoDate, jobId } from './common'

// Channels of the archive's browse / search / edit side: assets ('archive:'), researchers
// ('researchers:'), projects ('projects:'), inventor links ('links:') and conversions ('conversions:').
// Money crosses the contract in 元 (integers), as stored; the UI shows and edits 万元.

export const assetKindSchema = z.enum(['invention', 'utility', 'design', 'software', 'ic_layout', 'plant_variety', 'trademark', 'geo_indication'])
export const statusGroupSchema = z.enum(['valid', 'pending', 'lapsed', 'unknown'])
export const linkStateSchema = z.enum(['confirmed', 'suggested', 'ambiguous', 'external'])
export const projectLevelSchema = z.enum(['national', 'provincial', 'industry', 'university', 'other'])
export const conversionKindSchema = z.enum(['transfer', 'license', 'open_license', 'equity', 'pledge'])
export const openLicenceStageSchema = z.enum(['published', 'implemented'])

const searchText = z.string().max(200)
const name = z.string().trim().max(200)
const year = z.number().int().min(1980).max(2100)
const offset = z.number().int().min(0).max(10_000_000).default(0)
const nullableDate = isoDate.nullable()
const disciplineCode = z.string().regex(/^\d{2}(\d{2})?$/, '学科代码应为 2 位（门类）或 4 位（一级学科/专业学位类别）')

// ---------------------------------------------------------------------------------------------------
// Researchers

export const researcherSummarySchema = z.object({
  id: z.number().int(),
  staffNo: z.string(),
  name: z.string(),
  nameInitials: z.string(),
  college: z.string(),
  title: z.string(),
  disciplineCode: z.string().nullable(),
  disciplineName: z.string().nullable(),
  active: z.boolean(),
  /** Assets this researcher is linked to as an inventor (any rank, confirmed or suggested). */
  assetCount: z.number().int(),
})
export type ResearcherSummary = z.infer<typeof researcherSummarySchema>

export const researcherSchema = researcherSummarySchema.extend({
  joinedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type ResearcherRecord = z.infer<typeof researcherSchema>

export const researcherSearchInput = z
  .object({
    /** Name (any part), 工号 (prefix) or pinyin initials (prefix, e.g. 'zs' for 张三). */
    q: searchText.default(''),
    college: z.string().max(200).optional(),
    activeOnly: z.boolean().default(false),
    offset,
    limit: z.number().int().min(1).max(500).default(20),
  })
  .strict()
export type ResearcherSearchInput = z.input<typeof researcherSearchInput>

export const researcherSaveInput = z
  .object({
    /** Absent: create. */
    id: id.optional(),
    staffNo: z.string().trim().min(1, '请填写工号').max(50),
    name: z.string().trim().min(1, '请填写姓名').max(100),
    college: name.default(''),
    title: z.string().trim().max(100).default(''),
    disciplineCode: disciplineCode.nullable().default(null),
    active: z.boolean().default(true),
    joinedOn: nullableDate.default(null),
    leftOn: nullableDate.default(null),
    note: z.string().max(2000).default(''),
  })
  .strict()
export type ResearcherSaveInput = z.input<typeof researcherSaveInput>

// ---------------------------------------------------------------------------------------------------
// Projects

export const projectSummarySchema = z.object({
  id: z.number().int(),
  projectNo: z.string(),
  name: z.string(),
  funder: z.string(),
  level: projectLevelSchema,
  fiscalFunded: z.boolean(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  piResearcherId: z.number().int().nullable(),
  piName: z.string().nullable(),
  assetCount: z.number().int(),
})
export type ProjectSummary = z.infer<typeof projectSummarySchema>

export const projectSchema = projectSummarySchema.extend({
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type ProjectRecord = z.infer<typeof projectSchema>

export const projectSearchInput = z
  .object({
    /** 项目编号 (prefix), name or funder (any part). */
    q: searchText.default(''),
    level: projectLevelSchema.optional(),
    fiscalFunded: z.boolean().optional(),
    offset,
    limit: z.number().int().min(1).max(500).default(20),
  })
  .strict()

export const projectSaveInput = z
  .object({
    id: id.optional(),
    projectNo: z.string().trim().min(1, '请填写项目编号').max(100),
    name: z.string().trim().min(1, '请填写项目名称').max(300),
    funder: name.default(''),
    level: projectLevelSchema.default('other'),
    fiscalFunded: z.boolean().default(false),
    startDate: nullableDate.default(null),
    endDate: nullableDate.default(null),
    piResearcherId: id.nullable().default(null),
    note: z.string().max(2000).default(''),
  })
  .strict()
export type ProjectSaveInput = z.input<typeof projectSaveInput>

// ---------------------------------------------------------------------------------------------------
// Assets: search and browse

export const assetSortSchema = z.enum(['relevance', 'filing_date', 'grant_date', 'title'])
export type AssetSort = z.infer<typeof assetSortSchema>

export const assetFiltersSchema = z
  .object({
    kinds: z.array(assetKindSchema).max(8).optional(),
    statusGroups: z.array(statusGroupSchema).max(4).optional(),
    filingYearFrom: year.optional(),
    filingYearTo: year.optional(),
    grantYearFrom: year.optional(),
    grantYearTo: year.optional(),
    college: z.string().max(200).optional(),
    /** 2-digit 门类 (all its disciplines) or 4-digit discipline code. */
    discipline: disciplineCode.optional(),
    projectId: id.optional(),
    researcherId: id.optional(),
    universityOwned: z.boolean().optional(),
  })
  .strict()
export type AssetFilters = z.infer<typeof assetFiltersSchema>

export const assetSearchInput = assetFiltersSchema
  .extend({
    /** Words of title, abstract, applicants, inventors; or any application/publication/registration number. */
    q: searchText.default(''),
    /** Default: relevance when there is a query, else filing date. */
    sort: assetSortSchema.optional(),
    order: z.enum(['asc', 'desc']).default('desc'),
    offset,
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
export type AssetSearchInput = z.input<typeof assetSearchInput>

/** The list as browsed (query, filters, order), every page of it: what 导出 Excel writes. */
export const assetListExportInput = assetSearchInput.omit({ offset: true, limit: true })
export type AssetListExportInput = z.input<typeof assetListExportInput>

export const assetRowSchema = z.object({
  id: z.number().int(),
  kind: assetKindSchema,
  appNo: z.string(),
  title: z.string(),
  filingDate: z.string().nullable(),
  pubNo: z.string().nullable(),
  grantNo: z.string().nullable(),
  grantDate: z.string().nullable(),
  statusGroup: statusGroupSchema,
  statusEvent: z.string(),
  universityOwned: z.boolean(),
  applicants: z.string(),
  college: z.string(),
  /** Inventors in rank order, '、'-joined. */
  inventors: z.string(),
})
export type AssetRow = z.infer<typeof assetRowSchema>

export const assetSearchOutput = z.object({
  total: z.number().int(),
  items: z.array(assetRowSchema),
  /** The query was read as a number (application / publication / registration number). */
  numberQuery: z.string().nullable(),
  /** Chinese hint when the query looks like a number that cannot be right (e.g. a wrong check character). */
  notice: z.string().nullable(),
  /** The order actually applied: very large text results are ordered by filing date, not relevance. */
  sort: assetSortSchema,
})
export type AssetSearchOutput = z.infer<typeof assetSearchOutput>

export const facetsSchema = z.object({
  colleges: z.array(z.string()),
  disciplines: z.array(z.object({ code: z.string(), name: z.string(), categoryCode: z.string(), level: z.string() })),
  filingYears: z.object({ min: z.number().int().nullable(), max: z.number().int().nullable() }),
})
export type Facets = z.infer<typeof facetsSchema>

// ---------------------------------------------------------------------------------------------------
// Asset detail and editing

export const inventorLinkSchema = z.object({
  rank: z.number().int(),
  rawName: z.string(),
  researcherId: z.number().int().nullable(),
  linkState: linkStateSchema,
  /** 'manual' once a librarian settled the link; automatic re-linking leaves it alone. */
  linkSource: z.enum(['auto', 'manual']),
  researcher: researcherSummarySchema.nullable(),
  /** Namesakes the link could be (ambiguous links). */
  candidates: z.array(researcherSummarySchema),
})
export type InventorLink = z.infer<typeof inventorLinkSchema>

export const conversionSchema = z.object({
  id: z.number().int(),
  assetId: z.number().int(),
  kind: conversionKindSchema,
  stage: openLicenceStageSchema.nullable(),
  counterparty: z.string(),
  contractDate: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  /** 元 */
  contractAmountYuan: z.number().int().nullable(),
  /** 元 */
  receivedAmountYuan: z.number().int().nullable(),
  recorded: z.boolean(),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  asset: z.object({ appNo: z.string(), title: z.string(), kind: assetKindSchema, college: z.string() }),
})
export type ConversionRecord = z.infer<typeof conversionSchema>

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  operator: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const assetImportSchema = z.object({
  batchId: z.number().int(),
  kind: z.string(),
  fileName: z.string(),
  operator: z.string(),
  finishedAt: z.string(),
  /** Spreadsheet row number (header = row 1), when the import recorded it. */
  rowNumber: z.number().int().nullable(),
  /** The worksheet, for a row of a later worksheet the import read with the first; null otherwise. */
  sheet: z.string().nullable(),
  outcome: z.string().nullable(),
})

export const annuitySchema = z.object({ year: z.number().int(), dueDate: z.string(), graceEnd: z.string() })

export const assetDetailSchema = assetRowSchema.extend({
  pubDate: z.string().nullable(),
  currentOwner: z.string(),
  ipcMain: z.string().nullable(),
  ipcAll: z.string(),
  statusRaw: z.string(),
  statusDate: z.string().nullable(),
  statusRecoverable: z.boolean(),
  expiryDate: z.string().nullable(),
  abstract: z.string(),
  /** ip_asset columns a librarian edited; re-imports keep their values. */
  manualFields: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  inventorLinks: z.array(inventorLinkSchema),
  projects: z.array(projectSummarySchema),
  disciplines: z.array(z.object({ code: z.string(), name: z.string(), source: z.enum(['derived', 'manual']) })),
  conversions: z.array(conversionSchema),
  imports: z.array(assetImportSchema),
  audit: z.array(auditEntrySchema),
  /** Next annuity due (valid patents only) and whether protection has already run out. */
  nextAnnuity: annuitySchema.nullable(),
})
export type AssetDetail = z.infer<typeof assetDetailSchema>

const optionalText = (max: number) => z.string().trim().max(max)
/** What a librarian may edit on an asset. Absent fields stay as they are; null clears a date or number. */
export const assetPatchSchema = z
  .object({
    kind: assetKindSchema,
    appNo: z.string().trim().min(1, '请填写申请号/登记号').max(60),
    title: z.string().trim().min(1, '请填写名称').max(500),
    filingDate: nullableDate,
    pubNo: optionalText(40).nullable(),
    pubDate: nullableDate,
    grantNo: optionalText(40).nullable(),
    grantDate: nullableDate,
    applicants: optionalText(2000),
    currentOwner: optionalText(2000),
    universityOwned: z.boolean(),
    ipcMain: optionalText(40).nullable(),
    ipcAll: optionalText(2000),
    statusGroup: statusGroupSchema,
    statusEvent: optionalText(100),
    statusRaw: optionalText(1000),
    statusDate: nullableDate,
    expiryDate: nullableDate,
    abstract: z.string().max(20_000),
    college: optionalText(200),
  })
  .partial()
  .strict()
export type AssetPatch = z.infer<typeof assetPatchSchema>
export type AssetPatchField = keyof AssetPatch

// ---------------------------------------------------------------------------------------------------
// Inventor links

export const linkActionSchema = z.enum(['confirm', 'assign', 'external'])
export const linkSetInput = z
  .object({
    assetId: id,
    rank: z.number().int().min(1).max(1000),
    /** confirm: keep the suggested researcher (or the chosen namesake); assign: another researcher; external: 校外. */
    action: linkActionSchema,
    researcherId: id.optional(),
  })
  .strict()
export type LinkSetInput = z.input<typeof linkSetInput>

export const linkQueueItemSchema = z.object({
  assetId: z.number().int(),
  rank: z.number().int(),
  rawName: z.string(),
  linkState: linkStateSchema,
  researcher: researcherSummarySchema.nullable(),
  candidates: z.array(researcherSummarySchema),
  asset: z.object({
    appNo: z.string(),
    title: z.string(),
    kind: assetKindSchema,
    filingDate: z.string().nullable(),
    college: z.string(),
    applicants: z.string(),
    inventors: z.string(),
  }),
})
export type LinkQueueItem = z.infer<typeof linkQueueItemSchema>

export const linkQueueInput = z
  .object({
    states: z.array(z.enum(['suggested', 'ambiguous'])).min(1).max(2).default(['suggested', 'ambiguous']),
    /** Inventor name (any part). */
    q: searchText.default(''),
    offset,
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict()

// ---------------------------------------------------------------------------------------------------
// Researcher portfolio

export const portfolioItemSchema = assetRowSchema.extend({ rank: z.number().int(), linkState: linkStateSchema })
export type PortfolioItem = z.infer<typeof portfolioItemSchema>

// ---------------------------------------------------------------------------------------------------
// Conversions (转化运用)

export const conversionSaveInput = z
  .object({
    id: id.optional(),
    assetId: id,
    kind: conversionKindSchema,
    /** Open licences only: 声明发布 / 达成实施. */
    stage: openLicenceStageSchema.nullable().default(null),
    counterparty: z.string().trim().max(300).default(''),
    contractDate: nullableDate.default(null),
    startDate: nullableDate.default(null),
    endDate: nullableDate.default(null),
    contractAmountYuan: z.number().int().min(0).max(1e13).nullable().default(null),
    receivedAmountYuan: z.number().int().min(0).max(1e13).nullable().default(null),
    recorded: z.boolean().default(false),
    note: z.string().max(2000).default(''),
  })
  .strict()
export type ConversionSaveInput = z.input<typeof conversionSaveInput>

export const conversionListInput = z
  .object({
    assetId: id.optional(),
    kinds: z.array(conversionKindSchema).max(5).optional(),
    yearFrom: year.optional(),
    yearTo: year.optional(),
    recorded: z.boolean().optional(),
    /** Counterparty or asset title / number. */
    q: searchText.default(''),
    offset,
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict()
export type ConversionListInput = z.input<typeof conversionListInput>

// ---------------------------------------------------------------------------------------------------
// Due soon: annuities and expiries of the university's valid patents

export const dueItemSchema = z.object({
  assetId: z.number().int(),
  appNo: z.string(),
  title: z.string(),
  kind: assetKindSchema,
  filingDate: z.string().nullable(),
  grantDate: z.string().nullable(),
  college: z.string(),
  statusEvent: z.string(),
  inventors: z.string(),
  event: z.enum(['annuity', 'expiry']),
  date: z.string(),
  /** Annuity year whose fee falls due (annuities only). */
  annuityYear: z.number().int().nullable(),
  /** Last day of the 6-month late-payment period (annuities only). */
  graceEnd: z.string().nullable(),
})
export type DueItem = z.infer<typeof dueItemSchema>

export const dueInput = z
  .object({
    days: z.number().int().min(1).max(730).default(90),
    events: z.array(z.enum(['annuity', 'expiry'])).min(1).max(2).default(['annuity', 'expiry']),
    kinds: z.array(z.enum(['invention', 'utility', 'design'])).max(3).optional(),
    college: z.string().max(200).optional(),
    /** Default: today (local). */
    from: isoDate.optional(),
    offset,
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict()
export type DueInput = z.input<typeof dueInput>

// ---------------------------------------------------------------------------------------------------

export const archiveChannels = {
  'researchers:search': channel(researcherSearchInput, z.object({ total: z.number().int(), items: z.array(researcherSummarySchema) })),
  'researchers:get': channel(z.object({ id }).strict(), researcherSchema),
  /** Create (no id) or update a researcher; 工号 must be unique. */
  'researchers:save': channel(researcherSaveInput, researcherSchema),
  'projects:search': channel(projectSearchInput, z.object({ total: z.number().int(), items: z.array(projectSummarySchema) })),
  'projects:get': channel(z.object({ id }).strict(), projectSchema),
  'projects:save': channel(projectSaveInput, projectSchema),

  /** The one search box and the browse list: text, numbers, filters, sort, paging. */
  'archive:search': channel(assetSearchInput, assetSearchOutput),
  /** Rows for known ids (pickers showing their current value); unknown ids are left out. */
  'archive:brief': channel(z.object({ ids: z.array(id).max(200) }).strict(), z.array(assetRowSchema)),
  /** Assets waiting to be (re)indexed for search (after an import, many; usually none). */
  'archive:indexStatus': channel(z.object({}).strict(), z.object({ pending: z.number().int() })),
  /** Bring the search index up to date with progress and cancel (the browse page runs it after big imports). */
  'archive:reindex': channel(z.object({ jobId }).strict(), z.object({ indexed: z.number().int() }), { job: true }),
  /** The browse list (same query, filters and order) as .xlsx, every row of it; a job with progress and cancel. */
  'archive:exportXlsx': channel(assetListExportInput.extend({ jobId }).strict(), z.object({ ref: fileRef, name: z.string(), count: z.number().int() }), { job: true }),
  /** Values for the browse filters. */
  'archive:facets': channel(z.object({}).strict(), facetsSchema),
  /** The 2022 discipline catalogue, for discipline pickers. */
  'archive:disciplines': channel(z.object({}).strict(), z.array(z.object({ code: z.string(), name: z.string(), categoryCode: z.string(), level: z.string() }))),

  /** Everything about one asset: fields, inventors with links, projects, disciplines, conversions, imports, audit. */
  'archive:get': channel(z.object({ id }).strict(), assetDetailSchema),
  /** Edit fields (validated); edited fields are recorded in manual_fields so re-imports keep them. */
  'archive:update': channel(z.object({ id, patch: assetPatchSchema }).strict(), assetDetailSchema),
  /** Set the asset's disciplines by hand; null returns to the researchers' disciplines. */
  'archive:setDisciplines': channel(z.object({ id, codes: z.array(disciplineCode).max(20).nullable() }).strict(), assetDetailSchema),
  'archive:setProjects': channel(z.object({ id, projectIds: z.array(id).max(50) }).strict(), assetDetailSchema),
  /** Annuities and expiries of the university's valid patents in the next N days. */
  'archive:due': channel(dueInput, z.object({ total: z.number().int(), from: z.string(), to: z.string(), items: z.array(dueItemSchema) })),

  /** `namesakePending`: inventors among namesakes (同名待定) this researcher is a candidate for. */
  'researchers:portfolio': channel(z.object({ id }).strict(), z.object({ items: z.array(portfolioItemSchema), namesakePending: z.number().int() })),

  'links:queue': channel(
    linkQueueInput,
    z.object({ total: z.number().int(), counts: z.object({ suggested: z.number().int(), ambiguous: z.number().int() }), items: z.array(linkQueueItemSchema) }),
  ),
  'links:set': channel(linkSetInput, inventorLinkSchema),
  /**
   * Confirm the listed suggested links, or — only when asked explicitly with all: true — every one, or every
   * one whose inventor name contains `q` (the queue's name filter).
   */
  'links:confirmSuggested': channel(
    z.union([
      z.object({ items: z.array(z.object({ assetId: id, rank: z.number().int().min(1) }).strict()).min(1).max(5000) }).strict(),
      z.object({ all: z.literal(true), q: z.string().trim().max(100).optional() }).strict(),
    ]),
    z.object({ confirmed: z.number().int() }),
  ),

  'conversions:list': channel(
    conversionListInput,
    z.object({ total: z.number().int(), contractYuan: z.number().int(), receivedYuan: z.number().int(), items: z.array(conversionSchema) }),
  ),
  'conversions:save': channel(conversionSaveInput, conversionSchema),
  'conversions:delete': channel(z.object({ id }).strict(), z.object({ ok: z.literal(true) })),
} satisfies ChannelMap
