import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

// Kysely's view of the archive. It follows the migrations in ./migrations; when a migration adds a
// column, the column is added here in the same change.

type Bool = 0 | 1

export interface SettingTable {
  key: string
  value: string
  updated_at: string
}

export interface DisciplineTable {
  code: string
  name: string
  level: 'category' | 'first_level' | 'professional'
  category_code: string
  doctoral: Bool | null
}

export type ImportKind = 'patents' | 'researchers' | 'projects' | 'services' | 'disclosure' | 'demo'
export interface ImportBatchTable {
  id: Generated<number>
  kind: ImportKind
  file_name: string
  file_sha256: string
  dialect: string | null
  rows: Generated<number>
  inserted: Generated<number>
  updated: Generated<number>
  unchanged: Generated<number>
  rejected: Generated<number>
  operator: Generated<string>
  started_at: string
  finished_at: string
  // 0007_archive_import
  header_row: number | null
  /** JSON {header: field} of the mapping that was applied. */
  mapping: Generated<string>
  sheet_name: string | null
  encoding: string | null
  skip_invalid: Generated<Bool>
}

/** 0007_archive_import: what became of each spreadsheet row an import read. */
export interface ImportRowTable {
  batch_id: number
  row_number: number
  entity: 'asset' | 'researcher' | 'project'
  entity_id: number | null
  outcome: 'inserted' | 'updated' | 'unchanged' | 'rejected'
  message: Generated<string>
  /** '' = the batch's own worksheet (import_batch.sheet_name); else the name of another worksheet it read. */
  sheet: Generated<string>
}

export interface ResearcherTable {
  id: Generated<number>
  staff_no: string
  name: string
  name_initials: Generated<string>
  college: Generated<string>
  discipline_code: string | null
  title: Generated<string>
  active: Generated<Bool>
  joined_on: string | null
  left_on: string | null
  note: Generated<string>
  created_at: string
  updated_at: string
}

export type ProjectLevel = 'national' | 'provincial' | 'industry' | 'university' | 'other'
export interface ProjectTable {
  id: Generated<number>
  project_no: string
  name: string
  funder: Generated<string>
  level: Generated<ProjectLevel>
  fiscal_funded: Generated<Bool>
  start_date: string | null
  end_date: string | null
  pi_researcher_id: number | null
  note: Generated<string>
  created_at: string
  updated_at: string
}

export type AssetKind =
  | 'invention'
  | 'utility'
  | 'design'
  | 'software'
  | 'ic_layout'
  | 'plant_variety'
  | 'trademark'
  | 'geo_indication'
export type StatusGroup = 'valid' | 'pending' | 'lapsed' | 'unknown'

export interface IpAssetTable {
  id: Generated<number>
  kind: AssetKind
  app_no: string
  filing_date: string | null
  pub_no: string | null
  pub_date: string | null
  grant_no: string | null
  grant_date: string | null
  title: string
  applicants: Generated<string>
  current_owner: Generated<string>
  university_owned: Generated<Bool>
  ipc_main: string | null
  ipc_all: Generated<string>
  status_group: Generated<StatusGroup>
  status_event: Generated<string>
  status_raw: Generated<string>
  status_date: string | null
  status_recoverable: Generated<Bool>
  expiry_date: string | null
  abstract: Generated<string>
  college: Generated<string>
  source_batch_id: number | null
  manual_fields: Generated<string>
  created_at: string
  updated_at: string
}

export type LinkState = 'confirmed' | 'suggested' | 'ambiguous' | 'external'
export interface AssetInventorTable {
  asset_id: number
  rank: number
  raw_name: string
  researcher_id: number | null
  link_state: Generated<LinkState>
  candidates: Generated<string>
  /** 0007_archive_import: 'manual' once a librarian settled the link; re-linking never touches it. */
  link_source: Generated<'auto' | 'manual'>
}

export interface AssetProjectTable {
  asset_id: number
  project_id: number
}

export interface AssetDisciplineTable {
  asset_id: number
  discipline_code: string
  source: Generated<'derived' | 'manual'>
}

export type ConversionKind = 'transfer' | 'license' | 'open_license' | 'equity' | 'pledge'
export interface ConversionTable {
  id: Generated<number>
  asset_id: number
  kind: ConversionKind
  stage: 'published' | 'implemented' | null
  counterparty: Generated<string>
  contract_date: string | null
  start_date: string | null
  end_date: string | null
  contract_amount_yuan: number | null
  received_amount_yuan: number | null
  recorded: Generated<Bool>
  note: Generated<string>
  source_batch_id: number | null
  created_at: string
  updated_at: string
}

export type ServiceKind = 'consultation' | 'training' | 'report' | 'navigation' | 'warning'
export type ServiceChannel = 'window' | 'phone' | 'online' | 'event'
export type RequesterType = 'teacher' | 'student' | 'enterprise' | 'public' | 'department'
export interface ServiceRecordTable {
  id: Generated<number>
  kind: ServiceKind
  date: string
  channel: ServiceChannel | null
  requester_type: RequesterType | null
  requester_name: Generated<string>
  requester_researcher_id: number | null
  college: Generated<string>
  topic: Generated<string>
  tags: Generated<string>
  question: Generated<string>
  answer: Generated<string>
  staff: Generated<string>
  duration_min: number | null
  follow_up_date: string | null
  follow_up_done: Generated<Bool>
  title: Generated<string>
  audience: Generated<string>
  attendees: number | null
  hours: number | null
  organiser: Generated<string>
  report_kind: Generated<string>
  delivered_date: string | null
  pages: number | null
  team: Generated<string>
  start_date: string | null
  end_date: string | null
  source_batch_id: number | null
  created_at: string
  updated_at: string
  // 0008_services_ledger: where an imported ledger row came from (NULL when entered in IPDesk)
  import_key: string | null
}

/** 0008_services_ledger: unsaved entry-form text, one row per slot ('new', 'edit-<id>'). */
export interface ServiceDraftTable {
  slot: string
  payload: string
  updated_at: string
}

export interface ServiceLinkTable {
  service_id: number
  researcher_id: number | null
  asset_id: number | null
}

export type Verdict = 'consistent' | 'inconsistent' | 'not_found' | 'invalid_number'
export interface DisclosureTable {
  id: Generated<number>
  researcher_id: number
  purpose: string
  period_from: string | null
  period_to: string | null
  status: Generated<'draft' | 'signed'>
  signed_by: string | null
  signed_at: string | null
  note: Generated<string>
  created_at: string
  updated_at: string
  // 0005_disclosures_verification
  /** JSON {staffNo, name, college, title} as verified; frozen at sign-off. */
  researcher_snapshot: string | null
  source_file: Generated<string>
  verified_at: string | null
  /** Local calendar day of sign-off (YYYY-MM-DD); the annual report counts by it. */
  signed_on: string | null
  certificate_no: string | null
}

export interface DisclosureItemTable {
  id: Generated<number>
  disclosure_id: number
  seq: number
  claimed_kind: Generated<string>
  claimed_number: Generated<string>
  claimed_title: Generated<string>
  claimed_rank: number | null
  claimed_status: 'applied' | 'granted' | 'registered' | null
  claimed_date: string | null
  asset_id: number | null
  verdict: Verdict | null
  discrepancies: Generated<string>
  suggestion: string | null
  evidence: string | null
  override_verdict: Verdict | null
  override_reason: string | null
  note: Generated<string>
  verified_at: string | null
  operator: string | null
  // 0005_disclosures_verification
  /** JSON codes of observations that do not change the verdict. */
  remarks: Generated<string>
  /** JSON: the cells as the researcher wrote them. */
  claimed_raw: Generated<string>
  source_row: number | null
  override_by: string | null
  override_at: string | null
}

export interface EvaluationTemplateTable {
  id: Generated<number>
  version: number
  name: string
  body: string
  created_at: string
}

export type EvaluationStatus = 'draft' | 'submitted' | 'reviewed' | 'decided'
export interface EvaluationTable {
  id: Generated<number>
  title: string
  inventors: Generated<string>
  project_id: number | null
  tech_field: Generated<string>
  ipc_suggested: string | null
  disclosure_date: string | null
  prior_art_summary: Generated<string>
  template_id: number
  scores: Generated<string>
  total: number | null
  grade: 'A' | 'B' | 'C' | 'D' | null
  recommendation: EvaluationRouteCode | null
  reviewers: Generated<string>
  status: Generated<EvaluationStatus>
  decision: EvaluationRouteCode | null
  decision_date: string | null
  filed_app_no: string | null
  filed_asset_id: number | null
  created_at: string
  updated_at: string
  // 0003_evaluations_workflow
  project_name: Generated<string>
  fiscal_funded: Bool | null
  evaluated_on: Generated<string>
  decision_note: Generated<string>
  decided_by: string | null
}

/** 申请发明 / 申请实用新型 / 一案双申 / 技术秘密 / 软件著作权 / 暂缓申请 / 不建议申请 / 开放许可候选 (labels in contract/labels.ts). */
export type EvaluationRouteCode = 'invention' | 'utility' | 'dual' | 'trade_secret' | 'software' | 'defer' | 'not_recommended' | 'open_license'

export interface EvaluationLinkDismissalTable {
  evaluation_id: number
  asset_id: number
  operator: string
  dismissed_at: string
}

export interface ReportNarrativeTable {
  year: number
  highlights: Generated<string>
  problems: Generated<string>
  plans: Generated<string>
  updated_at: string
  updated_by: string
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  operator: string
  action: string
  entity: string
  entity_id: string | null
  before: string | null
  after: string | null
  prev_hash: string
  hash: string
}

/**
 * Assets whose search text changed and still wait to be (re)indexed into the FTS5 table asset_search
 * (filled by triggers; drained by archive/search-index.ts syncSearchIndex). asset_search itself is a
 * contentless FTS5 table queried with raw SQL only.
 */
export interface AssetSearchPendingTable {
  asset_id: number
}

/** 0010_archive_search_order: the asset_search rowid (filing-date sort key) each indexed asset has. */
export interface AssetSearchRowidTable {
  asset_id: number
  fts_rowid: number
}

// 0006_pool: the convertible-patent pool (可转化专利资源库). Grades keep their history (the current one is
// flagged); pool membership, promotion activities, enterprise interest and the edited annuity fee table.
// Published open licences are not here: they are `conversion` rows (kind 'open_license', stage 'published').
export type PoolGrade = 'A' | 'B' | 'C' | 'D'
export interface PoolGradingTable {
  id: Generated<number>
  asset_id: number
  grade: PoolGrade
  reason: string
  scores: Generated<string>
  total: number | null
  graded_on: string
  operator: string
  batch: string | null
  is_current: Generated<Bool>
  created_at: string
}

export interface PoolEntryTable {
  id: Generated<number>
  asset_id: number
  added_on: string
  removed_on: string | null
  removal_reason: Generated<string>
  prospects: Generated<string>
  target_industries: Generated<string>
  application_field: Generated<string>
  open_licence_candidate: Generated<Bool>
  operator: string
  created_at: string
  updated_at: string
}

export type PromotionKind = 'roadshow' | 'fair' | 'matchmaking' | 'other'
export interface PoolPromotionTable {
  id: Generated<number>
  kind: PromotionKind
  title: string
  held_on: string
  place: Generated<string>
  organiser: Generated<string>
  audience: Generated<string>
  attendees: number | null
  enterprises: Generated<string>
  note: Generated<string>
  created_at: string
  updated_at: string
}

export interface PoolPromotionAssetTable {
  promotion_id: number
  asset_id: number
}

export type InterestStage = 'contacted' | 'negotiating' | 'intent' | 'signed' | 'dropped'
export interface PoolInterestTable {
  id: Generated<number>
  asset_id: number
  enterprise: string
  contact_person: Generated<string>
  contact: Generated<string>
  stage: InterestStage
  promotion_id: number | null
  noted_on: string
  note: Generated<string>
  created_at: string
  updated_at: string
}

export interface PoolFeeScheduleTable {
  id: Generated<number>
  body: string
  origin: 'edited' | 'default'
  operator: string
  created_at: string
}

export interface DB {
  setting: SettingTable
  discipline: DisciplineTable
  import_batch: ImportBatchTable
  import_row: ImportRowTable
  researcher: ResearcherTable
  project: ProjectTable
  ip_asset: IpAssetTable
  asset_inventor: AssetInventorTable
  asset_project: AssetProjectTable
  asset_discipline: AssetDisciplineTable
  conversion: ConversionTable
  service_record: ServiceRecordTable
  service_link: ServiceLinkTable
  service_draft: ServiceDraftTable
  disclosure: DisclosureTable
  disclosure_item: DisclosureItemTable
  evaluation_template: EvaluationTemplateTable
  evaluation: EvaluationTable
  evaluation_link_dismissal: EvaluationLinkDismissalTable
  audit_log: AuditLogTable
  report_narrative: ReportNarrativeTable
  asset_search_pending: AssetSearchPendingTable
  asset_search_rowid: AssetSearchRowidTable
  pool_grading: PoolGradingTable
  pool_entry: PoolEntryTable
  pool_promotion: PoolPromotionTable
  pool_promotion_asset: PoolPromotionAssetTable
  pool_interest: PoolInterestTable
  pool_fee_schedule: PoolFeeScheduleTable
}

export type IpAsset = Selectable<IpAssetTable>
export type NewIpAsset = Insertable<IpAssetTable>
export type IpAssetUpdate = Updateable<IpAssetTable>
export type Researcher = Selectable<ResearcherTable>
export type Project = Selectable<ProjectTable>
