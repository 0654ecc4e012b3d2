// Chinese labels for the codes stored in the archive. The database keeps short English codes; the UI,
// the CLI's human output and every Word/Excel export take their Chinese words from here, so a label is
// changed in one place.

import type {
  AssetKind,
  ConversionKind,
  LinkState,
  ProjectLevel,
  RequesterType,
  ServiceChannel,
  ServiceKind,
  StatusGroup,
  Verdict,
} from '../db/schema'
import type { EvaluationRoute, EvaluationStatusCode, ReviewerStance } from './evaluations'
import type { ClaimedStatus, DiscrepancyCode, DisclosureStatusCode, RemarkCode } from './disclosures'
import type { InterestStage, PoolGrade, PromotionKind } from '../db/schema'
import type { ConversionState } from './pool'
import type { AssetPatchField } from './archive'

export const ASSET_KIND_LABELS: Record<AssetKind, string> = {
  invention: '发明',
  utility: '实用新型',
  design: '外观设计',
  software: '软件著作权',
  ic_layout: '集成电路布图设计',
  plant_variety: '植物新品种',
  trademark: '商标',
  geo_indication: '地理标志',
}
export const ASSET_KINDS = Object.keys(ASSET_KIND_LABELS) as AssetKind[]
/** The three patent kinds (专利), as opposed to other IP rights. */
export const PATENT_KINDS: readonly AssetKind[] = ['invention', 'utility', 'design']

/** An asset's editable fields, as the edit form, the detail page and the service's messages name them. */
export const ASSET_FIELD_LABELS: Record<AssetPatchField, string> = {
  kind: '类型',
  appNo: '申请号/登记号',
  title: '名称',
  filingDate: '申请日',
  pubNo: '公开号',
  pubDate: '公开日',
  grantNo: '授权公告号',
  grantDate: '授权公告日',
  applicants: '申请人',
  currentOwner: '当前权利人',
  universityOwned: '学校为权利人',
  ipcMain: '主分类号',
  ipcAll: 'IPC 分类号',
  statusGroup: '法律状态',
  statusEvent: '法律状态事件',
  statusRaw: '法律状态原文',
  statusDate: '法律状态日期',
  expiryDate: '届满日',
  abstract: '摘要',
  college: '学院',
}

export const STATUS_GROUP_LABELS: Record<StatusGroup, string> = {
  valid: '有效',
  pending: '审中',
  lapsed: '失效',
  unknown: '未知',
}

export const LINK_STATE_LABELS: Record<LinkState, string> = {
  confirmed: '已确认',
  suggested: '待确认',
  ambiguous: '同名待定',
  external: '校外',
}

export const PROJECT_LEVEL_LABELS: Record<ProjectLevel, string> = {
  national: '国家级',
  provincial: '省部级',
  industry: '横向',
  university: '校级',
  other: '其他',
}

export const CONVERSION_KIND_LABELS: Record<ConversionKind, string> = {
  transfer: '转让',
  license: '许可',
  open_license: '开放许可',
  equity: '作价入股',
  pledge: '质押',
}

export const SERVICE_KIND_LABELS: Record<ServiceKind, string> = {
  consultation: '咨询',
  training: '培训讲座',
  report: '检索分析报告',
  navigation: '专利导航',
  warning: '专利预警',
}

export const SERVICE_CHANNEL_LABELS: Record<ServiceChannel, string> = {
  window: '窗口',
  phone: '电话',
  online: '网络',
  event: '线下活动',
}

export const REQUESTER_TYPE_LABELS: Record<RequesterType, string> = {
  teacher: '教师',
  student: '学生',
  enterprise: '企业',
  public: '社会公众',
  department: '院系',
}

/** Standard consultation topics (咨询主题); free tags come on top of these. */
export const CONSULTATION_TOPICS = [
  '知识产权基础知识',
  '检索策略与数据库使用',
  '法律与政策',
  '专利申请指导',
  '软件著作权登记',
  '维权援助',
  '转化运用',
  '职务发明与权属',
  '其他',
] as const

/** Kinds of reports delivered (检索/查新/分析 ...). */
export const REPORT_KINDS = ['检索报告', '查新报告', '专利分析报告', 'FTO分析', '侵权检索', '专利导航报告', '专利预警报告'] as const

export const VERDICT_LABELS: Record<Verdict, string> = {
  consistent: '一致',
  inconsistent: '不一致',
  not_found: '档案中未找到',
  invalid_number: '号码无效',
}

/** 评估建议 / 决定: the protection route of a pre-filing evaluation. */
export const EVALUATION_ROUTE_LABELS: Record<EvaluationRoute, string> = {
  invention: '申请发明',
  utility: '申请实用新型',
  dual: '一案双申',
  trade_secret: '技术秘密',
  software: '软件著作权',
  defer: '暂缓申请',
  not_recommended: '不建议申请',
  open_license: '开放许可候选',
}

export const EVALUATION_STATUS_LABELS: Record<EvaluationStatusCode, string> = {
  draft: '草稿',
  submitted: '待评审',
  reviewed: '已评审',
  decided: '已决定',
}

export const REVIEWER_STANCE_LABELS: Record<ReviewerStance, string> = {
  agree: '同意',
  reserve: '有保留意见',
  disagree: '不同意',
}

/** 核实差异: what is wrong with a claim found in the archive (disclosure verification). */
export const DISCREPANCY_LABELS: Record<DiscrepancyCode, string> = {
  not_inventor: '本人不在发明人之列',
  inventor_unconfirmed: '同名发明人未确认为本人',
  rank_mismatch: '排名不符',
  university_not_owner: '学校非权利人',
  kind_mismatch: '类型不符',
  status_mismatch: '法律状态不符',
  date_mismatch: '日期不符',
  date_out_of_period: '不在核实期间内',
  title_mismatch: '名称不符',
}

/** Observations shown with a verification result that do not change the verdict. */
export const REMARK_LABELS: Record<RemarkCode, string> = {
  inventor_link_suggested: '发明人关联为导入时按姓名自动匹配，尚未人工确认',
  right_lapsed: '已授权，但目前已失效',
  already_granted: '声明为申请，档案显示已授权',
  title_minor_difference: '名称与档案略有出入',
  number_kind_conflict: '号码中的类型位与声明的成果类型不一致',
  found_by_publication_number: '按公开（公告）号找到',
  grant_date_missing: '档案显示已授权，但缺少授权公告日',
  number_check_char_missing_restored: '表格把号码存成了数字并丢失了“.0”，已按校验位补全',
  inventor_by_name_only: '非本校权利，档案不关联发明人，仅按姓名比对',
}

/** 声明状态 of a claimed achievement. */
export const CLAIMED_STATUS_LABELS: Record<ClaimedStatus, string> = {
  applied: '申请',
  granted: '授权',
  registered: '登记',
}

export const DISCLOSURE_STATUS_LABELS: Record<DisclosureStatusCode, string> = {
  draft: '待签发',
  signed: '已签发',
}

/** 价值分级 of the convertible-patent pool. */
export const POOL_GRADE_LABELS: Record<PoolGrade, string> = {
  A: '重点推广',
  B: '一般推广',
  C: '维持观察',
  D: '建议放弃',
}

/** 转化状态 derived from the conversion records (src-main/pool/conversion-state.ts). */
export const CONVERSION_STATE_LABELS: Record<ConversionState, string> = {
  none: '未转化',
  licensed: '已许可',
  transferred: '已转让',
  equity: '作价入股',
  open_licence: '开放许可中',
}

export const PROMOTION_KIND_LABELS: Record<PromotionKind, string> = {
  roadshow: '路演',
  fair: '推介会',
  matchmaking: '对接会',
  other: '其他活动',
}

export const INTEREST_STAGE_LABELS: Record<InterestStage, string> = {
  contacted: '初步接洽',
  negotiating: '洽谈中',
  intent: '达成意向',
  signed: '已签约',
  dropped: '已终止',
}

/** What an import batch read (import_batch.kind). */
export const IMPORT_KIND_LABELS: Record<'patents' | 'researchers' | 'projects' | 'services' | 'disclosure' | 'demo', string> = {
  patents: '专利清单',
  researchers: '人员名单',
  projects: '项目清单',
  services: '服务台账',
  disclosure: '披露清单',
  demo: '演示数据',
}

/** The export dialect an import recognised (import_batch.dialect). */
export const IMPORT_DIALECT_LABELS: Record<string, string> = {
  cnipa: '国家知识产权局格式',
  patsnap: '智慧芽（Patsnap）格式',
  incopat: 'incoPat 格式',
  baiten: '佰腾格式',
  full58: '58 列完整导出格式',
  cnki: '中国知网（CNKI）格式',
  google: 'Google Patents 格式',
  generic: '通用表格',
  researchers: '人员名单',
  projects: '项目清单',
}
