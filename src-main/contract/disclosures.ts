import { z } from 'zod'
import { channel, type ChannelMap } from './define'
import { fileRef, id, isoDate } from './common'

// The archive's codes, restated here so this contract stands on its own (same values as db/schema.ts).
const assetKindSchema = z.enum(['invention', 'utility', 'design', 'software', 'ic_layout', 'plant_variety', 'trademark', 'geo_indication'])
const statusGroupSchema = z.enum(['valid', 'pending', 'lapsed', 'unknown'])
const linkStateSchema = z.enum(['confirmed', 'suggested', 'ambiguous', 'external'])

// Channels of the disclosures area ('disclosures:<verb>'): a researcher's list of claimed IP
// achievements, checked item by item against the archive (DESIGN §5.1, issue 5).

// ---------------------------------------------------------------------------------------------------
// Codes

export const verdictSchema = z.enum(['consistent', 'inconsistent', 'not_found', 'invalid_number'])
export type VerdictCode = z.infer<typeof verdictSchema>
export const VERDICTS = verdictSchema.options

/**
 * What can be wrong with a claim that was found in the archive. Any one makes the verdict
 * `inconsistent`. Listed in the order they are reported.
 */
export const DISCREPANCY_CODES = [
  'not_inventor', // the researcher (by 工号) is not among the inventors
  'inventor_unconfirmed', // an inventor of the same name may be him, but the archive has not settled it
  'rank_mismatch',
  'university_not_owner',
  'kind_mismatch',
  'status_mismatch',
  'date_mismatch',
  'date_out_of_period',
  'title_mismatch',
] as const
export const discrepancyCodeSchema = z.enum(DISCREPANCY_CODES)
export type DiscrepancyCode = z.infer<typeof discrepancyCodeSchema>

/** Observations shown with the result that do not change the verdict. */
export const REMARK_CODES = [
  'inventor_link_suggested', // linked to him by name on import, not yet confirmed by a librarian
  'right_lapsed', // granted, but no longer in force
  'already_granted', // claimed as an application, the archive shows it granted
  'title_minor_difference',
  'number_kind_conflict', // the number's type digit says another kind than the claim
  'found_by_publication_number',
  'grant_date_missing', // shown as granted by status or grant number, without a grant date
  'number_check_char_missing_restored', // an Excel number cell had lost its '.0'
  'inventor_by_name_only', // not the university's right: inventors are never linked, only the name was compared
] as const
export const remarkCodeSchema = z.enum(REMARK_CODES)
export type RemarkCode = z.infer<typeof remarkCodeSchema>

export const claimedStatusSchema = z.enum(['applied', 'granted', 'registered'])
export type ClaimedStatus = z.infer<typeof claimedStatusSchema>

export const DISCLOSURE_PURPOSES = ['职称评审', '考核', '项目结题', '奖励申报', '职务科技成果披露', '其他'] as const

export const disclosureStatusSchema = z.enum(['draft', 'signed'])
export type DisclosureStatusCode = z.infer<typeof disclosureStatusSchema>

// ---------------------------------------------------------------------------------------------------
// Claims

/** 'YYYY-MM-DD', or only 'YYYY-MM' / 'YYYY' when the researcher wrote no day. */
export const claimDateSchema = z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, '日期格式应为 YYYY-MM-DD（也可只写年或年月）')

const rawText = z.string().max(500)
/** The cells as the researcher wrote them, for the review screen and the certificate. */
export const claimRawSchema = z
  .object({ kind: rawText, rank: rawText, status: rawText, date: rawText, number: rawText })
  .partial()
  .strict()

export const claimSchema = z
  .object({
    seq: z.number().int().min(1).max(99_999),
    kind: assetKindSchema.nullable().default(null),
    number: z.string().trim().max(100).default(''),
    title: z.string().trim().max(500).default(''),
    rank: z.number().int().min(1).max(99).nullable().default(null),
    status: claimedStatusSchema.nullable().default(null),
    date: claimDateSchema.nullable().default(null),
    note: z.string().max(2000).default(''),
    sourceRow: z.number().int().min(1).nullable().default(null),
    raw: claimRawSchema.default({}),
  })
  .strict()
export type ClaimInput = z.input<typeof claimSchema>
export type Claim = z.output<typeof claimSchema>

export const MAX_CLAIMS = 5000

export const intakeProblemSchema = z.object({
  /** Row as Excel/WPS shows it; null for a problem with the file as a whole. */
  row: z.number().int().nullable(),
  /** Column letter and header, e.g. 'E（本人排名）'; null when not about one cell. */
  column: z.string().nullable(),
  message: z.string(),
  /** error: a cell could not be read and was left empty; warning: read, but worth a look. */
  severity: z.enum(['error', 'warning']),
})
export type IntakeProblem = z.infer<typeof intakeProblemSchema>

export const claimListSchema = z.object({
  fileName: z.string(),
  sheetName: z.string().nullable(),
  headerRow: z.number().int(),
  /** Which column each field was read from, e.g. { number: 'C（申请号/登记号）' }. */
  columns: z.record(z.string(), z.string()),
  claims: z.array(claimSchema),
  problems: z.array(intakeProblemSchema),
  /** Values found above the header row (工号：…, 用途：…, 期间：…), when the sheet carries them. */
  meta: z.object({
    staffNo: z.string().nullable(),
    name: z.string().nullable(),
    purpose: z.string().nullable(),
    periodFrom: isoDate.nullable(),
    periodTo: isoDate.nullable(),
  }),
})
export type ClaimList = z.infer<typeof claimListSchema>

// ---------------------------------------------------------------------------------------------------
// Evidence (the archive record as it stood when verified) and results

export const evidenceAssetSchema = z.object({
  id: z.number().int(),
  kind: assetKindSchema,
  appNo: z.string(),
  title: z.string(),
  filingDate: z.string().nullable(),
  pubNo: z.string().nullable(),
  pubDate: z.string().nullable(),
  grantNo: z.string().nullable(),
  grantDate: z.string().nullable(),
  statusGroup: statusGroupSchema,
  statusEvent: z.string(),
  statusRaw: z.string(),
  statusDate: z.string().nullable(),
  universityOwned: z.boolean(),
  applicants: z.string(),
  currentOwner: z.string(),
  college: z.string(),
})
export type EvidenceAsset = z.infer<typeof evidenceAssetSchema>

export const evidenceInventorSchema = z.object({
  rank: z.number().int(),
  name: z.string(),
  researcherId: z.number().int().nullable(),
  staffNo: z.string().nullable(),
  linkState: linkStateSchema,
  /** For an ambiguous link: the researchers it may be (ids), and their 工号. */
  candidates: z.array(z.number().int()),
  candidateStaffNos: z.array(z.string()),
})
export type EvidenceInventor = z.infer<typeof evidenceInventorSchema>

/**
 * linked: confirmed link to him; suggested: import's link to him, unconfirmed; unconfirmed: ambiguous link
 * with him among the candidates; name_only: same name on a right the university does not hold (never
 * linked); other: same name linked to another researcher; none: not among the inventors.
 */
export const selfMatchSchema = z.enum(['linked', 'suggested', 'unconfirmed', 'name_only', 'other', 'none'])
export type SelfMatch = z.infer<typeof selfMatchSchema>

export const evidenceSchema = z.object({
  /** When the archive was read (ISO instant). */
  asOf: z.string(),
  lookup: z.object({
    input: z.string(),
    normalized: z.string().nullable(),
    by: z.enum(['app_no', 'pub_no', 'grant_no', 'raw']).nullable(),
    expectedCheck: z.string().nullable(),
    message: z.string().nullable(),
  }),
  asset: evidenceAssetSchema.nullable(),
  inventors: z.array(evidenceInventorSchema),
  /** How the archive relates this researcher to the asset. */
  self: z
    .object({
      match: selfMatchSchema,
      rank: z.number().int().nullable(),
      linkState: linkStateSchema.nullable(),
      /** 工号 of the namesake the same-name inventor is linked to, when it is somebody else. */
      otherStaffNo: z.string().nullable(),
    })
    .nullable(),
  granted: z.boolean().nullable(),
  /** The date checked against the period, and what it is. */
  periodDate: z.object({ date: z.string(), basis: z.enum(['filing', 'grant', 'claimed']) }).nullable(),
})
export type Evidence = z.infer<typeof evidenceSchema>

export const suggestedAssetSchema = z.object({
  id: z.number().int(),
  kind: assetKindSchema,
  appNo: z.string(),
  title: z.string(),
  /** 0..1, title likeness to the claim. */
  similarity: z.number(),
  rank: z.number().int().nullable(),
})
export const suggestionSchema = z.object({
  /** Chinese, for the screen and the certificate. */
  text: z.string(),
  /** Numbers worth checking (the valid form of a mistyped number, or those of similar assets). */
  numbers: z.array(z.string()),
  assets: z.array(suggestedAssetSchema),
})
export type Suggestion = z.infer<typeof suggestionSchema>

export const findingSchema = z.object({ code: discrepancyCodeSchema, label: z.string(), detail: z.string() })
export type Finding = z.infer<typeof findingSchema>
export const remarkSchema = z.object({ code: remarkCodeSchema, text: z.string() })
export type Remark = z.infer<typeof remarkSchema>

export const disclosureItemSchema = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  claim: claimSchema,
  verdict: verdictSchema.nullable(),
  /** The override when there is one, else the engine's verdict. */
  effectiveVerdict: verdictSchema.nullable(),
  discrepancies: z.array(discrepancyCodeSchema),
  findings: z.array(findingSchema),
  remarks: z.array(remarkSchema),
  suggestion: suggestionSchema.nullable(),
  evidence: evidenceSchema.nullable(),
  override: z.object({ verdict: verdictSchema, reason: z.string(), by: z.string().nullable(), at: z.string().nullable() }).nullable(),
  note: z.string(),
  verifiedAt: z.string().nullable(),
  operator: z.string().nullable(),
})
export type DisclosureItem = z.infer<typeof disclosureItemSchema>

export const researcherBriefSchema = z.object({
  id: z.number().int(),
  staffNo: z.string(),
  name: z.string(),
  college: z.string(),
  title: z.string(),
  active: z.boolean(),
})
export type ResearcherBrief = z.infer<typeof researcherBriefSchema>

export const verdictCountsSchema = z.object({
  total: z.number().int(),
  consistent: z.number().int(),
  inconsistent: z.number().int(),
  not_found: z.number().int(),
  invalid_number: z.number().int(),
  /** Items not verified yet (an edited draft). */
  unverified: z.number().int(),
  overridden: z.number().int(),
})
export type VerdictCounts = z.infer<typeof verdictCountsSchema>

export const disclosureSummarySchema = z.object({
  id: z.number().int(),
  researcher: researcherBriefSchema.omit({ active: true }).extend({ id: z.number().int() }),
  purpose: z.string(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  status: disclosureStatusSchema,
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  signedOn: z.string().nullable(),
  certificateNo: z.string().nullable(),
  note: z.string(),
  sourceFile: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  verifiedAt: z.string().nullable(),
  counts: verdictCountsSchema,
})
export type DisclosureSummary = z.infer<typeof disclosureSummarySchema>

export const disclosureDetailSchema = disclosureSummarySchema.extend({ items: z.array(disclosureItemSchema) })
export type DisclosureDetail = z.infer<typeof disclosureDetailSchema>

// ---------------------------------------------------------------------------------------------------
// Inputs

const purposeSchema = z.string().trim().min(1, '请选择核实用途').max(50)
const period = {
  periodFrom: isoDate.nullable().default(null),
  periodTo: isoDate.nullable().default(null),
}

export const disclosureCreateInput = z
  .object({
    researcherId: id,
    purpose: purposeSchema,
    ...period,
    note: z.string().max(2000).default(''),
    /** The claim list's file name, shown on the record — a name only, never a path. */
    sourceFile: z
      .string()
      .max(260)
      .regex(/^[^/\\]*$/, '清单文件名不能包含路径')
      .default(''),
    items: z.array(claimSchema).min(1, '请至少填写一项成果').max(MAX_CLAIMS),
  })
  .strict()
export type DisclosureCreateInput = z.input<typeof disclosureCreateInput>

export const disclosureUpdateInput = disclosureCreateInput.omit({ researcherId: true, sourceFile: true }).extend({ id }).strict()
export type DisclosureUpdateInput = z.input<typeof disclosureUpdateInput>

export const disclosureListInput = z
  .object({
    /** 姓名, 工号, 用途 or 核实意见书编号. */
    q: z.string().max(100).default(''),
    status: disclosureStatusSchema.optional(),
    researcherId: id.optional(),
    /** Created (drafts) or signed (signed ones) on or after / before. */
    from: isoDate.optional(),
    to: isoDate.optional(),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
export type DisclosureListInput = z.input<typeof disclosureListInput>

export const disclosureStatsSchema = z.object({
  from: isoDate,
  to: isoDate,
  /** Signed verifications (核实意见书 issued) with sign-off day in the range. */
  disclosures: z.number().int(),
  researchers: z.number().int(),
  /** Items of those, by final verdict (after overrides). */
  items: verdictCountsSchema,
  byPurpose: z.array(z.object({ purpose: z.string(), disclosures: z.number().int(), items: z.number().int() })),
  /** Drafts created in the range and not signed (work in progress, not counted above). */
  drafts: z.number().int(),
})
export type DisclosureStats = z.infer<typeof disclosureStatsSchema>

const outputFile = z.object({ ref: fileRef, name: z.string() })

export const disclosuresChannels = {
  /** 披露清单模板.xlsx, to hand to the researcher. */
  'disclosures:template': channel(z.object({}).strict(), outputFile),
  /** Read a claim list (.xlsx/.csv) into claims for the form, with every cell that could not be read. */
  'disclosures:readClaims': channel(z.object({ file: fileRef }).strict(), claimListSchema),
  /** Save a new disclosure and verify it at once. */
  'disclosures:create': channel(disclosureCreateInput, disclosureDetailSchema),
  /** Replace a draft's header and items, and verify again. */
  'disclosures:update': channel(disclosureUpdateInput, disclosureDetailSchema),
  /** Verify a draft again against the archive as it is now. */
  'disclosures:verify': channel(z.object({ id }).strict(), disclosureDetailSchema),
  'disclosures:get': channel(z.object({ id }).strict(), disclosureDetailSchema),
  'disclosures:list': channel(disclosureListInput, z.object({ total: z.number().int(), items: z.array(disclosureSummarySchema) })),
  'disclosures:note': channel(z.object({ itemId: id, note: z.string().max(2000) }).strict(), disclosureItemSchema),
  /** Set (verdict) or clear (null) the librarian's verdict; a reason is required to set one. */
  'disclosures:override': channel(
    z.object({ itemId: id, verdict: verdictSchema.nullable(), reason: z.string().trim().max(1000).default('') }).strict(),
    disclosureItemSchema,
  ),
  /** Freeze the result with its evidence and give it a certificate number. */
  'disclosures:sign': channel(z.object({ id }).strict(), disclosureDetailSchema),
  /** Drafts only: a signed verification is a record and stays. */
  'disclosures:delete': channel(z.object({ id }).strict(), z.object({ ok: z.literal(true) })),
  /** 核实意见书 (.docx) or the result sheet (.xlsx). */
  'disclosures:export': channel(z.object({ id, format: z.enum(['docx', 'xlsx']) }).strict(), outputFile),
  'disclosures:stats': channel(z.object({ from: isoDate, to: isoDate }).strict(), disclosureStatsSchema),
} satisfies ChannelMap
