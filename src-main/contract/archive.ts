import { z } from 'zod'
import { channel, type ChannelMap } from './define'
import { id, isoDate } from './common'

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
  /** Values for the browse filters. */
  'archive:facets': channel(z.object({}).strict(), facetsSchema),
} satisfies ChannelMap
