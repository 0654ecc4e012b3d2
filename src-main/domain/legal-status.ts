import type { StatusGroup } from '../db/schema'
import { removeBlanks, toHalfWidth } from './text-width'

// Legal-status vocabularies of the tools the centres export from, folded into three groups plus a
// short event label. The raw text is always kept by the caller; this is only the reading of it.
//
// Vocabularies covered:
//  - Patsnap 简单法律状态: 有效 / 审中 / 失效 / PCT指定期内 / PCT指定期满 / 未确认
//  - Patsnap 法律状态 and 法律状态/事件: '公开 | 实质审查 | 授权 | 权利转移', '未缴年费', '期限届满', ...
//  - incoPat 当前法律状态 / 专利有效性: 授权, 实质审查, 撤回, 驳回, 全部无效, 部分无效, 有效, 无效 ...
//  - 佰腾 'group-event' pairs: '有权-审定授权', '审中-实质审查', '无权-视为撤回'
//  - CNIPA case states (案件状态): 专利权维持, 等年费滞纳金, 等年登印费, 未缴年费终止失效, 视为放弃失效,
//    驳回失效, 届满终止失效, 避重放弃, …等恢复

export interface NormalizedLegalStatus {
  group: StatusGroup
  /** Short Chinese label of the decisive event ('授权', '未缴年费终止', '恢复中' ...). */
  event: string
  /** Lapsed, but the holder may still request restoration (CNIPA '…等恢复' states). */
  recoverable: boolean
}

export const STATUS_GROUP_LABELS: Record<StatusGroup, string> = {
  valid: '有效',
  pending: '审中',
  lapsed: '失效',
  unknown: '未知',
}

/** How a single status phrase reads. 'neutral' events (transfer, change of agent ...) say nothing about validity. */
type SegmentGroup = StatusGroup | 'neutral'

interface Rule {
  test: RegExp
  group: SegmentGroup
  event: string
  recoverable?: boolean
  /** Breaks ties inside a group: the more specific or later-stage event wins. Default 0. */
  priority?: number
}

/**
 * The English vocabulary of the same events ('Substantive Examination', 'Grant', 'Non-payment of annual
 * fees', Patsnap's Active / Inactive / Pending), with the Chinese event labels. Lapses first: 'Inactive'
 * contains 'active'.
 */
function englishRules(): Rule[] {
  return [
    { test: /restorationpending|pendingrestoration/iu, group: 'lapsed', event: '恢复中', recoverable: true, priority: 2 },
    { test: /non-?paymentof(?:annual|renewal|maintenance)?fees?|feesnotpaid|lapsedduetonon-?payment/iu, group: 'lapsed', event: '未缴年费终止', priority: 1 },
    { test: /deemedwithdrawn|deemedtobewithdrawn/iu, group: 'lapsed', event: '视为撤回', priority: 1 },
    { test: /withdrawn|withdrawal/iu, group: 'lapsed', event: '撤回', priority: 1 },
    { test: /rejected|rejection|refused|refusal/iu, group: 'lapsed', event: '驳回', priority: 1 },
    { test: /expired|expiry|expiration/iu, group: 'lapsed', event: '届满', priority: 1 },
    { test: /deemedabandoned|deemedtobeabandoned/iu, group: 'lapsed', event: '视为放弃', priority: 1 },
    { test: /abandoned|abandonment/iu, group: 'lapsed', event: '放弃', priority: 1 },
    { test: /invalidationrequest|requestforinvalidation/iu, group: 'neutral', event: '无效宣告请求' },
    { test: /partiallyinvalid/iu, group: 'valid', event: '部分无效', priority: 2 },
    { test: /invalidated|revoked|revocation|fullyinvalid/iu, group: 'lapsed', event: '宣告无效', priority: 1 },
    { test: /^(?:inactive|dead|lapsed|ceased|invalid)$|terminated|termination|lapse/iu, group: 'lapsed', event: '失效' },
    { test: /restoration|restored|reinstate/iu, group: 'valid', event: '权利恢复', priority: 1 },
    { test: /grant|granted|patented|issued/iu, group: 'valid', event: '授权', priority: 1 },
    { test: /^(?:active|alive|inforce|valid)$/iu, group: 'valid', event: '有效' },
    { test: /licen[cs]e/iu, group: 'valid', event: '许可' },
    { test: /pledge/iu, group: 'valid', event: '质押' },
    { test: /re-?examination/iu, group: 'pending', event: '复审', priority: 5 },
    { test: /officeaction|notification/iu, group: 'pending', event: '待答复', priority: 4 },
    { test: /substantiveexamination|requestforexamination|examination/iu, group: 'pending', event: '实质审查', priority: 3 },
    { test: /publication|published/iu, group: 'pending', event: '公开', priority: 2 },
    { test: /^(?:pending|filed|underexamination|application|examining)$/iu, group: 'pending', event: '审中' },
    { test: /transfer|assignment|changeofowner/iu, group: 'neutral', event: '权利转移' },
    { test: /change/iu, group: 'neutral', event: '著录项目变更' },
    { test: /^(?:unknown|undetermined|notconfirmed)$/iu, group: 'unknown', event: '未知' },
  ]
}

// Order matters: the first matching rule wins, so the more specific phrase comes first. Lapse phrases
// come before validity phrases because several lapse phrases contain validity words
// ('专利权有效期届满' contains '有效', '授权后视为放弃' contains '授权').
const RULES: readonly Rule[] = [
  { test: /等恢复|待恢复|恢复请求|请求恢复/u, group: 'lapsed', event: '恢复中', recoverable: true, priority: 2 },
  // CNIPA's 驳回等复审请求: rejected, and the three months to request re-examination are running.
  { test: /驳回等复审|等复审请求|待复审请求/u, group: 'lapsed', event: '驳回待复审', recoverable: true, priority: 2 },
  { test: /^(?:未确认|未知|暂无|无|-+|\/|n\/?a|null)$/iu, group: 'unknown', event: '未知' },
  { test: /PCT.*(?:期满|未进入)/iu, group: 'lapsed', event: 'PCT指定期满', priority: 1 },
  { test: /PCT.*(?:期内|国际公布|国际阶段)/iu, group: 'pending', event: 'PCT指定期内' },
  { test: /未缴年费|年费终止/u, group: 'lapsed', event: '未缴年费终止', priority: 1 },
  { test: /视为撤回|视撤/u, group: 'lapsed', event: '视为撤回', priority: 1 },
  { test: /撤回/u, group: 'lapsed', event: '撤回', priority: 1 },
  { test: /驳回/u, group: 'lapsed', event: '驳回', priority: 1 },
  { test: /届满|到期/u, group: 'lapsed', event: '届满', priority: 1 },
  { test: /避重放弃|重复授权放弃|避免重复授/u, group: 'lapsed', event: '避重放弃', priority: 1 },
  { test: /视为放弃/u, group: 'lapsed', event: '视为放弃', priority: 1 },
  { test: /放弃/u, group: 'lapsed', event: '放弃', priority: 1 },
  { test: /部分无效/u, group: 'valid', event: '部分无效', priority: 2 },
  { test: /无效宣告请求|无效请求|请求无效/u, group: 'neutral', event: '无效宣告请求' },
  { test: /全部无效|宣告无效|无效宣告/u, group: 'lapsed', event: '宣告无效', priority: 1 },
  { test: /终止|不再维持|停止维持|放弃维持/u, group: 'lapsed', event: '终止', priority: 1 },
  { test: /失效|^(?:无效|无权)$/u, group: 'lapsed', event: '失效' },
  // Valid.
  { test: /滞纳/u, group: 'valid', event: '年费滞纳期', priority: 3 },
  { test: /登印费|办登|登记手续|授权登记/u, group: 'valid', event: '待办登', priority: 1 },
  { test: /专利权维持|维持/u, group: 'valid', event: '专利权维持', priority: 1 },
  { test: /权利恢复|恢复/u, group: 'valid', event: '权利恢复', priority: 1 },
  // Not (yet) certified: 未下证 says nothing of a grant; 待下证 is a grant awaiting its certificate.
  { test: /未下证|未发证|未颁证/u, group: 'pending', event: '审中' },
  { test: /待下证|待发证|待颁证|等下证/u, group: 'valid', event: '待办登', priority: 1 },
  { test: /授权|有权|审定|下证|发证|颁证/u, group: 'valid', event: '授权', priority: 1 },
  { test: /^(?:有效|在审有效|专利权有效|有效专利)$/u, group: 'valid', event: '有效' },
  { test: /质押/u, group: 'valid', event: '质押' },
  { test: /许可/u, group: 'valid', event: '许可' },
  // Pending, in life-cycle order so that the furthest stage wins among pending events.
  { test: /复审/u, group: 'pending', event: '复审', priority: 5 },
  { test: /待答复|等答复|通知书|审查意见|补正|答复/u, group: 'pending', event: '待答复', priority: 4 },
  { test: /实质审查|实审/u, group: 'pending', event: '实质审查', priority: 3 },
  { test: /公开|公布/u, group: 'pending', event: '公开', priority: 2 },
  { test: /初审|初步审查|新案|受理/u, group: 'pending', event: '初审', priority: 1 },
  { test: /^(?:审中|在审|审查中|申请中|待审|在审专利|审中专利)$/u, group: 'pending', event: '审中' },
  // Neutral bibliographic events: true for pending and granted rights alike.
  { test: /权利转移|申请权转移|专利权转移|转让|转移/u, group: 'neutral', event: '权利转移' },
  { test: /变更|更正|著录/u, group: 'neutral', event: '著录项目变更' },
  { test: /保全/u, group: 'neutral', event: '保全' },
  // English exports (Patsnap and others in English): blanks are removed before matching.
  ...englishRules(),
]

interface Segment {
  group: SegmentGroup
  event: string
  recoverable: boolean
  priority: number
}

function classifySegment(text: string): Segment | null {
  for (const rule of RULES) {
    if (rule.test.test(text)) {
      return {
        group: rule.group,
        event: rule.event,
        recoverable: rule.recoverable ?? false,
        priority: rule.priority ?? 0,
      }
    }
  }
  return null
}

/** '有权-审定授权': 佰腾 (and some CNIPA mirrors) put the group before a hyphen and the event after it. */
const PREFIXED = /^(有权|无权|审中|在审|失效|有效)-(.+)$/u

function prefixGroup(prefix: string): StatusGroup {
  switch (prefix) {
    case '有权':
    case '有效':
      return 'valid'
    case '无权':
    case '失效':
      return 'lapsed'
    case '审中':
    case '在审':
      return 'pending'
    default:
      return 'unknown'
  }
}

/** Lapses the holder can undo (restoration under Implementing Rules r.6); a later 恢复 cancels them. */
const RESTORABLE_EVENTS = new Set(['未缴年费终止', '视为撤回', '视为放弃', '恢复中'])

const GROUP_RANK: Record<SegmentGroup, number> = {
  lapsed: 4,
  valid: 3,
  pending: 2,
  neutral: 1,
  unknown: 0,
}

function outranks(a: Segment, b: Segment): boolean {
  const byGroup = GROUP_RANK[a.group] - GROUP_RANK[b.group]
  return byGroup !== 0 ? byGroup > 0 : a.priority > b.priority
}

/**
 * Picks the decisive segment of a multi-event string ('公开 | 实质审查 | 授权 | 权利转移').
 *
 * Exports do not agree on the order of events (some list oldest first, some newest first), so the rule
 * does not rely on position. It relies on the patent life cycle only moving forward: pending → granted
 * → lapsed. A string naming both 实质审查 and 授权 is a granted patent; one naming 授权 and 未缴年费 is
 * lapsed. Two events can move the cycle back, and only after a specific lapse, so they are handled
 * first:
 *  - a completed restoration (权利恢复) cancels restorable lapses (未缴年费, 视为撤回, 视为放弃) and puts
 *    the right back where it was: a restored application is pending again, a restored patent is valid
 *    with event 权利恢复; it cannot undo expiry (届满) or a rejection;
 *  - re-examination (复审) only follows a rejection (驳回), which it reopens.
 * Neutral events (transfer, change of bibliographic data) only decide when nothing else is there.
 * Within one group the more specific or later-stage event wins ('公开 | 实质审查' → 实质审查;
 * '失效 | 驳回' → 驳回).
 */
function pickDecisive(segments: readonly Segment[]): Segment {
  let considered = segments
  const restoration = considered.find((s) => s.event === '权利恢复')
  if (restoration) {
    considered = considered.filter((s) => !RESTORABLE_EVENTS.has(s.event) && s !== restoration)
  }
  if (considered.some((s) => s.event === '复审')) {
    considered = considered.filter((s) => s.event !== '驳回')
  }
  let best: Segment | undefined
  for (const s of considered) {
    if (best === undefined || outranks(s, best)) best = s
  }
  if (restoration && (best === undefined || best.group === 'valid' || best.group === 'neutral')) {
    // Restored to force: the restoration is the latest news about a granted right.
    return restoration
  }
  return best ?? { group: 'unknown', event: '未知', recoverable: false, priority: 0 }
}

function finish(segment: Segment): NormalizedLegalStatus {
  const group = segment.group
  switch (group) {
    case 'valid':
    case 'pending':
    case 'lapsed':
    case 'unknown':
      return { group, event: segment.event, recoverable: segment.recoverable }
    case 'neutral':
      // A transfer or a change of agent alone does not say whether the right is in force.
      return { group: 'unknown', event: segment.event, recoverable: false }
    default: {
      const never: never = group
      throw new Error(`unhandled status group ${String(never)}`)
    }
  }
}

/** Reads one legal-status cell of any supported vocabulary. Empty or unrecognised text → 'unknown'. */
export function normalizeLegalStatus(raw: string): NormalizedLegalStatus {
  // Line breaks separate events in some exports; turn them into separators before blanks are removed.
  const text = removeBlanks(toHalfWidth(raw ?? '').replace(/[\r\n]+/gu, '|')).replace(/[—–－]/gu, '-')
  if (text === '') return { group: 'unknown', event: '未知', recoverable: false }

  const parts = text.split(/[|;,，、]+/u).filter((p) => p !== '')

  const segments: Segment[] = []
  for (const part of parts) {
    const prefixed = PREFIXED.exec(part)
    if (prefixed) {
      const group = prefixGroup(prefixed[1] ?? '')
      const detail = classifySegment(prefixed[2] ?? '')
      // The prefix is the tool's own verdict on validity; the suffix only names the event.
      segments.push({
        group,
        event: detail?.event ?? prefixed[2] ?? '',
        recoverable: group === 'lapsed' && (detail?.recoverable ?? false),
        priority: detail?.priority ?? 0,
      })
      continue
    }
    const seg = classifySegment(part)
    if (seg) segments.push(seg)
  }

  if (segments.length === 0) return { group: 'unknown', event: '未识别', recoverable: false }
  return finish(pickDecisive(segments))
}
