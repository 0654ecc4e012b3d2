import { z } from 'zod'
import { channel, type ChannelMap } from './define'
import { fileRef, id, isoDate, jobId, shortText } from './common'

// Pre-filing evaluation (专利申请前评估, DESIGN §5.2): a versioned indicator template, the form with its
// workflow (草稿 → 待评审 → 已评审 → 已决定), similar work from the archive, the link to the application it
// became, the Word report and the list export. Channels are 'evaluations:<verb>'.

// ---------------------------------------------------------------------------------------------------
// The indicator template (resources/evaluation/default-template.json, versioned in evaluation_template)

/** Scores run 1..5; each level has a Chinese anchor sentence saying what the level means. */
export const SCORE_LEVELS = [1, 2, 3, 4, 5] as const
export const GRADES = ['A', 'B', 'C', 'D'] as const
export type Grade = (typeof GRADES)[number]

const templateId = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)?$/, '标识只能由小写字母、数字、下划线和一个点组成').max(40)
const anchor = z.string().trim().min(1, '每个分值都需要一句说明').max(200)

export const templateIndicatorSchema = z
  .object({
    id: templateId,
    name: z.string().trim().min(1, '指标名称不能为空').max(60),
    /** What the reviewer should look at, one or two sentences. */
    description: z.string().max(400),
    /** Points out of 100: an indicator scored 5 contributes its full weight, scored 3 contributes 3/5. */
    weight: z.number().int().min(0).max(100),
    anchors: z.object({ '1': anchor, '2': anchor, '3': anchor, '4': anchor, '5': anchor }).strict(),
  })
  .strict()
export type TemplateIndicator = z.infer<typeof templateIndicatorSchema>

export const templateDimensionSchema = z
  .object({
    id: templateId,
    name: z.string().trim().min(1, '维度名称不能为空').max(40),
    description: z.string().max(400),
    indicators: z.array(templateIndicatorSchema).min(1).max(20),
  })
  .strict()
export type TemplateDimension = z.infer<typeof templateDimensionSchema>

export const templateGradeSchema = z
  .object({
    grade: z.enum(GRADES),
    /** Lowest total (0..100) that earns this grade. */
    min: z.number().min(0).max(100),
    label: z.string().trim().min(1).max(20),
    hint: z.string().max(200),
  })
  .strict()
export type TemplateGrade = z.infer<typeof templateGradeSchema>

export const templateBodySchema = z
  .object({
    name: z.string().trim().min(1, '模板名称不能为空').max(100),
    description: z.string().max(1000),
    dimensions: z.array(templateDimensionSchema).min(1).max(8),
    grades: z.array(templateGradeSchema).length(4),
  })
  .strict()
  .superRefine((body, ctx) => {
    const ids = new Set<string>()
    let sum = 0
    for (const dimension of body.dimensions) {
      if (ids.has(dimension.id)) ctx.addIssue({ code: 'custom', message: `标识“${dimension.id}”重复`, path: ['dimensions'] })
      ids.add(dimension.id)
      for (const indicator of dimension.indicators) {
        if (ids.has(indicator.id)) ctx.addIssue({ code: 'custom', message: `指标标识“${indicator.id}”重复`, path: ['dimensions'] })
        ids.add(indicator.id)
        sum += indicator.weight
      }
    }
    if (sum !== 100) ctx.addIssue({ code: 'custom', message: `全部指标的权重之和应为 100，现在是 ${sum}`, path: ['dimensions'] })
    const order = body.grades.map((g) => g.grade).join('')
    if (order !== 'ABCD') ctx.addIssue({ code: 'custom', message: '等级应依次为 A、B、C、D', path: ['grades'] })
    for (let i = 1; i < body.grades.length; i++) {
      if (body.grades[i]!.min >= body.grades[i - 1]!.min) {
        ctx.addIssue({ code: 'custom', message: `等级 ${body.grades[i]!.grade} 的分数线应低于等级 ${body.grades[i - 1]!.grade}`, path: ['grades', i, 'min'] })
      }
    }
    if (body.grades[body.grades.length - 1]?.min !== 0) ctx.addIssue({ code: 'custom', message: '最低等级 D 的分数线应为 0', path: ['grades'] })
  })
export type TemplateBody = z.infer<typeof templateBodySchema>

export const templateRecordSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  body: templateBodySchema,
  createdAt: z.string(),
})
export type TemplateRecord = z.infer<typeof templateRecordSchema>

export const templateVersionSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  /** How many evaluations were made with this version. */
  evaluations: z.number().int(),
})

// ---------------------------------------------------------------------------------------------------
// The evaluation

/**
 * Protection routes: used for the recommendation and, once decided, for the decision. The Chinese
 * labels live in labels.ts (EVALUATION_ROUTE_LABELS).
 */
export const EVALUATION_ROUTES = ['invention', 'utility', 'dual', 'trade_secret', 'software', 'defer', 'not_recommended', 'open_license'] as const
export type EvaluationRoute = (typeof EVALUATION_ROUTES)[number]
/**
 * Routes that mean "file a patent application": an open-licence candidate is filed first and then
 * offered under 开放许可, which needs a granted patent.
 */
export const FILING_ROUTES: readonly EvaluationRoute[] = ['invention', 'utility', 'dual', 'open_license']

export const EVALUATION_STATUSES = ['draft', 'submitted', 'reviewed', 'decided'] as const
export type EvaluationStatusCode = (typeof EVALUATION_STATUSES)[number]

export const inventorSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    /** Set when the inventor is one of the university's researchers. */
    researcherId: id.nullable(),
    college: z.string().max(100).default(''),
    external: z.boolean(),
  })
  .strict()
export type EvaluationInventor = z.infer<typeof inventorSchema>

export const REVIEWER_STANCES = ['agree', 'reserve', 'disagree'] as const
export type ReviewerStance = (typeof REVIEWER_STANCES)[number]

export const reviewerSchema = z
  .object({
    name: z.string().max(60),
    /** 职务/身份, e.g. 校外专家、学院分管领导、专利代理师. */
    role: z.string().max(60).default(''),
    stance: z.enum(REVIEWER_STANCES).nullable(),
    opinion: z.string().max(4000).default(''),
    date: isoDate.nullable(),
  })
  .strict()
export type EvaluationReviewer = z.infer<typeof reviewerSchema>

export const indicatorScoreSchema = z
  .object({
    score: z.number().int().min(1).max(5).nullable(),
    comment: z.string().max(2000).default(''),
  })
  .strict()
export const scoresSchema = z.record(z.string().max(40), indicatorScoreSchema).refine((r) => Object.keys(r).length <= 200, '评分项过多')
export type IndicatorScore = z.infer<typeof indicatorScoreSchema>
export type Scores = z.infer<typeof scoresSchema>

/** The fields the form edits (autosaved). Which of them may change depends on the status. */
export const evaluationFieldsSchema = z
  .object({
    title: z.string().max(300),
    inventors: z.array(inventorSchema).max(50),
    projectId: id.nullable(),
    projectName: z.string().max(300),
    fiscalFunded: z.boolean().nullable(),
    techField: z.string().max(300),
    ipcSuggested: z.string().max(60).nullable(),
    disclosureDate: isoDate.nullable(),
    evaluatedOn: isoDate,
    priorArtSummary: z.string().max(20_000),
    scores: scoresSchema,
    recommendation: z.enum(EVALUATION_ROUTES).nullable(),
    reviewers: z.array(reviewerSchema).max(20),
  })
  .strict()
export type EvaluationFields = z.infer<typeof evaluationFieldsSchema>
export type EvaluationPatch = Partial<EvaluationFields>

/** Which fields the form may still change in each status (main enforces it; the form greys the rest). */
export const EDITABLE_FIELDS: Record<EvaluationStatusCode, readonly (keyof EvaluationFields)[]> = {
  draft: ['title', 'inventors', 'projectId', 'projectName', 'fiscalFunded', 'techField', 'ipcSuggested', 'disclosureDate', 'evaluatedOn', 'priorArtSummary', 'scores', 'recommendation', 'reviewers'],
  // Under review the reviewers write their opinions; the form itself is frozen (return it to change it).
  submitted: ['reviewers'],
  reviewed: [],
  decided: [],
}

export const filedAssetSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  appNo: z.string(),
  title: z.string(),
  filingDate: z.string().nullable(),
  statusGroup: z.string(),
})

export const evaluationSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  inventors: z.array(inventorSchema),
  projectId: z.number().int().nullable(),
  projectName: z.string(),
  fiscalFunded: z.boolean().nullable(),
  techField: z.string(),
  ipcSuggested: z.string().nullable(),
  disclosureDate: z.string().nullable(),
  evaluatedOn: z.string(),
  priorArtSummary: z.string(),
  templateId: z.number().int(),
  templateVersion: z.number().int(),
  scores: scoresSchema,
  total: z.number().nullable(),
  grade: z.enum(GRADES).nullable(),
  recommendation: z.enum(EVALUATION_ROUTES).nullable(),
  reviewers: z.array(reviewerSchema),
  status: z.enum(EVALUATION_STATUSES),
  decision: z.enum(EVALUATION_ROUTES).nullable(),
  decisionDate: z.string().nullable(),
  decisionNote: z.string(),
  decidedBy: z.string().nullable(),
  filedAppNo: z.string().nullable(),
  filedAsset: filedAssetSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Evaluation = z.infer<typeof evaluationSchema>

/** 评估编号 as printed on reports and lists: PG + year of the evaluation date + id, e.g. PG2025-0007. */
export function evaluationNumber(e: { id: number; evaluatedOn: string }): string {
  return `PG${e.evaluatedOn.slice(0, 4)}-${String(e.id).padStart(4, '0')}`
}

export const evaluationRowSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  inventors: z.string(),
  evaluatedOn: z.string(),
  status: z.enum(EVALUATION_STATUSES),
  total: z.number().nullable(),
  grade: z.enum(GRADES).nullable(),
  recommendation: z.enum(EVALUATION_ROUTES).nullable(),
  decision: z.enum(EVALUATION_ROUTES).nullable(),
  decisionDate: z.string().nullable(),
  filedAppNo: z.string().nullable(),
  templateVersion: z.number().int(),
  updatedAt: z.string(),
})
export type EvaluationRow = z.infer<typeof evaluationRowSchema>

/** Workflow steps. Every one is written to the audit log. */
export const TRANSITIONS = ['submit', 'return', 'review', 'decide', 'reopen'] as const
export type TransitionAction = (typeof TRANSITIONS)[number]

export const transitionInputSchema = z
  .object({
    id,
    action: z.enum(TRANSITIONS),
    /** For 'decide': the route decided on, its date and an optional note. */
    decision: z.enum(EVALUATION_ROUTES).optional(),
    decisionDate: isoDate.optional(),
    decisionNote: z.string().max(4000).optional(),
  })
  .strict()
export type TransitionInput = z.infer<typeof transitionInputSchema>

// ---------------------------------------------------------------------------------------------------
// Similar work, people, links, statistics

export const similarAssetSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  appNo: z.string(),
  title: z.string(),
  filingDate: z.string().nullable(),
  ipcMain: z.string().nullable(),
  statusGroup: z.string(),
  college: z.string(),
  /** 0..1, higher is closer. */
  score: z.number(),
  /** The terms of the query found in this asset (for highlighting). */
  matched: z.array(z.string()),
})
export type SimilarAsset = z.infer<typeof similarAssetSchema>

export const ipcSuggestionSchema = z.object({
  /** IPC main group, e.g. 'G06F 16/'. */
  code: z.string(),
  /** How many of the similar assets carry it as main IPC. */
  count: z.number().int(),
  /** One of those assets' full main IPC, as an example. */
  example: z.string(),
})
export type IpcSuggestion = z.infer<typeof ipcSuggestionSchema>

export const similarResultSchema = z.object({ assets: z.array(similarAssetSchema), ipc: z.array(ipcSuggestionSchema) })
export type SimilarResult = z.infer<typeof similarResultSchema>

export const linkSuggestionSchema = z.object({
  evaluationId: z.number().int(),
  evaluationTitle: z.string(),
  evaluatedOn: z.string(),
  asset: z.object({ id: z.number().int(), kind: z.string(), appNo: z.string(), title: z.string(), filingDate: z.string().nullable() }),
  /** 0..1 similarity of the titles (character bigrams). */
  titleSimilarity: z.number(),
  sharedInventors: z.array(z.string()),
  score: z.number(),
})
export type LinkSuggestion = z.infer<typeof linkSuggestionSchema>

const countMap = z.record(z.string(), z.number().int())
export const evaluationStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Evaluations dated in the range that went beyond draft. */
  total: z.number().int(),
  drafts: z.number().int(),
  byStatus: countMap,
  byGrade: countMap,
  byRecommendation: countMap,
  byDecision: countMap,
  /** Decided on a filing route (申请发明/实用新型/一案双申/开放许可候选). */
  decidedToFile: z.number().int(),
  /** Linked to an application number. */
  filed: z.number().int(),
  /** filed / decidedToFile, 0..1; null when nothing was decided to be filed. */
  filedShare: z.number().nullable(),
  averageTotal: z.number().nullable(),
})
export type EvaluationStats = z.infer<typeof evaluationStatsSchema>

const fileOut = z.object({ ref: fileRef, name: z.string() })

export const evaluationsChannels = {
  'evaluations:list': channel(
    z
      .object({
        query: z.string().max(100).default(''),
        status: z.enum(EVALUATION_STATUSES).nullable().default(null),
        year: z.number().int().min(1985).max(2200).nullable().default(null),
        offset: z.number().int().min(0).max(1_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(evaluationRowSchema) }),
  ),
  'evaluations:get': channel(z.object({ id }).strict(), z.object({ evaluation: evaluationSchema, template: templateRecordSchema })),
  /** A new draft on the current template (saved at once, so autosave always has a row to write to). */
  // The title is required (it may be empty) so that an empty payload is refused rather than creating a row.
  'evaluations:create': channel(z.object({ title: z.string().max(300) }).strict(), z.object({ id: z.number().int() })),
  /** Autosave: write the changed fields; the total and grade are recomputed from the evaluation's own template. */
  'evaluations:save': channel(
    z.object({ id, patch: evaluationFieldsSchema.partial().strict() }).strict(),
    z.object({ updatedAt: z.string(), total: z.number().nullable(), grade: z.enum(GRADES).nullable() }),
  ),
  'evaluations:transition': channel(transitionInputSchema, evaluationSchema),
  /** Only drafts can be deleted; anything submitted stays for the record. */
  'evaluations:delete': channel(z.object({ id }).strict(), z.object({ ok: z.literal(true) })),

  'evaluations:similar': channel(
    z.object({ title: z.string().max(300), text: z.string().max(20_000).default(''), limit: z.number().int().min(1).max(50).default(8) }).strict(),
    similarResultSchema,
  ),

  'evaluations:linkFiling': channel(z.object({ id, appNo: shortText }).strict(), evaluationSchema),
  'evaluations:unlinkFiling': channel(z.object({ id }).strict(), evaluationSchema),
  'evaluations:linkSuggestions': channel(z.object({ evaluationId: id.nullable().default(null), limit: z.number().int().min(1).max(200).default(50) }).strict(), z.array(linkSuggestionSchema)),
  'evaluations:dismissSuggestion': channel(z.object({ evaluationId: id, assetId: id }).strict(), z.object({ ok: z.literal(true) })),

  'evaluations:template': channel(z.object({ version: z.number().int().min(1).nullable().default(null) }).strict(), templateRecordSchema),
  'evaluations:templateVersions': channel(z.object({}).strict(), z.array(templateVersionSchema)),
  /** Save edited weights/wording as a new template version; existing evaluations keep theirs. */
  'evaluations:saveTemplate': channel(z.object({ body: templateBodySchema }).strict(), templateRecordSchema),

  'evaluations:exportReport': channel(z.object({ id }).strict(), fileOut),
  'evaluations:exportList': channel(
    z.object({ jobId, year: z.number().int().min(1985).max(2200).nullable().default(null) }).strict(),
    fileOut.extend({ rows: z.number().int() }),
    { job: true },
  ),
  'evaluations:stats': channel(z.object({ from: isoDate, to: isoDate }).strict(), evaluationStatsSchema),
} satisfies ChannelMap
