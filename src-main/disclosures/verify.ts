import {
  DISCREPANCY_CODES,
  REMARK_CODES,
  type Claim,
  type DiscrepancyCode,
  type Evidence,
  type EvidenceAsset,
  type EvidenceInventor,
  type Finding,
  type Remark,
  type RemarkCode,
  type Suggestion,
  type VerdictCode,
} from '../contract/disclosures'
import { ASSET_KIND_LABELS, CLAIMED_STATUS_LABELS, DISCREPANCY_LABELS, LINK_STATE_LABELS, REMARK_LABELS, STATUS_GROUP_LABELS } from '../contract/labels'
import type { AssetKind, LinkState } from '../db/schema'
import { checkNumber, isGrantKindCode, parseApplicationNumber, parsePublicationNumber, type NumberCheck } from '../domain/cn-number'
import { removeBlanks, toHalfWidth } from '../domain/text-width'
import { digitDistance, normalizeTitle, SAME_TITLE_THRESHOLD, SUGGEST_TITLE_THRESHOLD, TitleIndex, titleSimilarity } from './similarity'
import { claimedInventorCount } from './intake'

// The verification engine (DESIGN §5.1): one claim + the archive's evidence, as plain data, in; a verdict,
// every discrepancy, observations and a suggestion out. No I/O — evidence.ts reads the archive.
//
// Rules, in the order they decide:
//  1. The number. It is read with checkNumber (every pasted form: ZL/CN prefixes, full-width digits,
//     missing dot…). A number that cannot be right (wrong check character, impossible year or type digit,
//     unreadable, empty) gives `invalid_number`, and the suggestion names the valid form
//     (digits + expected check character) and whether the archive holds it. It is never "fixed" silently:
//     a mistyped number may well be somebody else's patent. Rights without a check rule (布图设计,
//     植物新品种, 商标, 地理标志) are looked up as written.
//  2. The archive lookup: application/registration number → ip_asset.app_no; a publication or grant
//     number (CN…A/B/U/S) → pub_no or grant_no. No record: `not_found`, with the researcher's own assets of
//     similar title (or a number one or two digits away) as suggestions.
//  3. Found: every discrepancy is collected, none stops the others; any one makes it `inconsistent`.
//
// Who is "本人" — namesakes are told apart by the inventor link to this researcher's 工号, never by name:
//  - confirmed link to him: his, at that rank;
//  - suggested link to him (the import matched a unique name in the roster): his, at that rank, with the
//    remark that the link is unconfirmed — the claim is not marked down for the archive's unfinished work;
//  - ambiguous link with him among the candidates: `inventor_unconfirmed` — the archive cannot say it is
//    him, so it is not accepted (the librarian confirms the link in the archive and verifies again, or
//    overrides with a reason);
//  - an inventor of his name linked (confirmed or suggested) to another researcher: `not_inventor`, naming
//    the namesake's 工号;
//  - a right the university does not hold: the import never links its inventors, so the name is compared
//    (remark `inventor_by_name_only`); the verdict is `inconsistent` anyway (`university_not_owner`);
//  - on a university right, an unlinked inventor of his name was judged external by the linking rules
//    (filed before he joined, more than a year after he left, marked external by a librarian), and
//    nobody of his name at all: `not_inventor`.
//
// Status: a claimed 授权/登记 holds only when the archive shows the right granted — a grant date or grant
// number, a grant kind code (B/U/S…) as publication number, a status in force (valid; not 待办登), or a
// lapse that only a granted right can have (未缴年费终止, 届满, 宣告无效, 放弃…). Granted-then-lapsed still
// proves the grant (remark `right_lapsed`). A claimed 申请 holds for any record; if it is granted, a remark.
//
// Dates: a claimed date must be one of the record's dates (filing, publication, grant, status date; a
// claimed year or year-month matches any date in it), else `date_mismatch` — checked only when the archive
// has the date the claim is about (grant date for 授权/登记, filing date for 申请). The period check uses the
// archive's date for what was claimed — the grant date for 授权/登记, the filing date for 申请 (with no
// claimed status: grant date if granted, else filing date) — and the claimed date only when the archive
// has none.
//
// Titles: compared after normalisation (blanks, punctuation, width, case); likeness ≥ 0.8 is the same
// title with a slip (remark), below it `title_mismatch`. An empty claimed title or kind is not checked.

export interface ResearcherRef {
  id: number
  staffNo: string
  name: string
}

export interface VerifyContext {
  researcher: ResearcherRef
  periodFrom: string | null
  periodTo: string | null
  /** Year for checkNumber's "not in the future" check. */
  currentYear: number
  /** ISO instant the archive was read. */
  asOf: string
}

export interface ArchiveRecord {
  asset: EvidenceAsset
  inventors: EvidenceInventor[]
}

/** One of the researcher's own assets (linked to him, or ambiguous with him among the candidates). */
export interface PortfolioEntry {
  id: number
  kind: AssetKind
  appNo: string
  title: string
  rank: number
  linkState: LinkState
}

export interface ArchiveView {
  /** Records by lookup key (see LookupPlan.keys): app numbers, publication and grant numbers, raw text. */
  byNumber: ReadonlyMap<string, readonly ArchiveRecord[]>
  portfolio: readonly PortfolioEntry[]
}

export type LookupBy = 'app_no' | 'pub_no' | 'grant_no' | 'raw'

export interface LookupPlan {
  input: string
  check: NumberCheck
  /** Keys to try, in order. */
  keys: { key: string; by: LookupBy }[]
  /** The valid form of a number with a wrong or missing check character. */
  corrected: string | null
}

export interface VerificationResult {
  verdict: VerdictCode
  discrepancies: DiscrepancyCode[]
  remarks: RemarkCode[]
  suggestion: Suggestion | null
  evidence: Evidence
  assetId: number | null
}

/** Kinds whose numbers have no check rule IPDesk knows: looked up as written. */
const UNCHECKED_KINDS: ReadonlySet<AssetKind> = new Set(['ic_layout', 'plant_variety', 'trademark', 'geo_indication'])

/** Upper-case ASCII, no blanks: how a number is compared when it has no normal form. */
export function compactNumber(text: string): string {
  return removeBlanks(toHalfWidth(text)).toUpperCase()
}

/** '2023103977440' with a wrong last digit, or '202310397744' with none → '202310397744.X' (the valid form). */
function correctedNumber(input: string, check: NumberCheck): string | null {
  if (!check.expectedCheck) return null
  const parsed = parseApplicationNumber(input)
  if (parsed) return `${parsed.digits}.${check.expectedCheck}`
  const bare = compactNumber(input)
    .replace(/^(?:专利申请号|申请专利号|申请号|专利号)[:：]?/u, '')
    .replace(/^(?:ZL|CN)/u, '')
  return /^\d{12}$/u.test(bare) ? `${bare}.${check.expectedCheck}` : null
}

/** How a claim's number is looked up. Shared by the evidence reader, so both agree on the keys. */
export function planLookup(claim: Pick<Claim, 'number' | 'kind'>, currentYear: number): LookupPlan {
  const input = claim.number.trim()
  const check = checkNumber(input, { currentYear })
  const keys: LookupPlan['keys'] = []
  if (check.valid && check.normalized) {
    if (check.numberType === 'publication') {
      keys.push({ key: check.normalized, by: 'pub_no' }, { key: check.normalized, by: 'grant_no' })
    } else {
      keys.push({ key: check.normalized, by: 'app_no' })
    }
  } else if (input !== '' && check.numberType === null) {
    // Not a CN patent or software number at all: other rights are stored as written.
    keys.push({ key: compactNumber(input), by: 'raw' })
  }
  return { input, check, keys, corrected: check.valid ? null : correctedNumber(input, check) }
}

export function lookupKey(key: string, by: LookupBy): string {
  return `${by}:${key}`
}

function findRecord(plan: LookupPlan, claim: Claim, archive: ArchiveView): { record: ArchiveRecord; by: LookupBy } | null {
  for (const { key, by } of plan.keys) {
    const records = archive.byNumber.get(lookupKey(key, by)) ?? []
    if (!records.length) continue
    // UNIQUE(kind, app_no): one number can name records of several kinds only across families; prefer the claimed kind.
    const record = records.find((r) => r.asset.kind === claim.kind) ?? records[0]!
    return { record, by }
  }
  return null
}

// ---------------------------------------------------------------------------------------------------
// Pieces of the rules

function sameName(a: string, b: string): boolean {
  const fold = (s: string) => removeBlanks(toHalfWidth(s)).toLowerCase()
  return fold(a) !== '' && fold(a) === fold(b)
}

/** Which inventor (if any) is this researcher, by link to his 工号 (see the header comment). */
export function matchSelf(inventors: readonly EvidenceInventor[], researcher: ResearcherRef, claimedRank: number | null, universityOwned: boolean): NonNullable<Evidence['self']> {
  const pick = (list: EvidenceInventor[]) => list.find((i) => i.rank === claimedRank) ?? [...list].sort((a, b) => a.rank - b.rank)[0]!
  const linked = inventors.filter((i) => i.researcherId === researcher.id && i.linkState === 'confirmed')
  if (linked.length) {
    const inv = pick(linked)
    return { match: 'linked', rank: inv.rank, linkState: inv.linkState, otherStaffNo: null }
  }
  const suggested = inventors.filter((i) => i.researcherId === researcher.id && i.linkState === 'suggested')
  if (suggested.length) {
    const inv = pick(suggested)
    return { match: 'suggested', rank: inv.rank, linkState: inv.linkState, otherStaffNo: null }
  }
  const ambiguous = inventors.filter((i) => i.linkState === 'ambiguous' && i.candidates.includes(researcher.id))
  if (ambiguous.length) {
    const inv = pick(ambiguous)
    return { match: 'unconfirmed', rank: inv.rank, linkState: inv.linkState, otherStaffNo: null }
  }
  const namesake = inventors.find((i) => i.researcherId !== null && i.researcherId !== researcher.id && sameName(i.name, researcher.name))
  if (namesake) return { match: 'other', rank: null, linkState: namesake.linkState, otherStaffNo: namesake.staffNo }
  // The import links inventors of the university's own rights only; on anybody else's right the name is
  // all there is. (On a university right an unlinked inventor of his name was judged not to be him —
  // e.g. the patent was filed before he joined — so that counts as "not an inventor".)
  const unlinked = inventors.filter((i) => i.researcherId === null && sameName(i.name, researcher.name))
  if (!universityOwned && unlinked.length) {
    const inv = pick(unlinked)
    return { match: 'name_only', rank: inv.rank, linkState: inv.linkState, otherStaffNo: null }
  }
  return { match: 'none', rank: null, linkState: unlinked[0]?.linkState ?? null, otherStaffNo: null }
}

/** Lapse events only a granted right can have. */
const POST_GRANT_LAPSES = ['未缴年费终止', '届满', '宣告无效', '避重放弃', '放弃', '终止', '部分无效']

/** Does the archive show the right granted (registered, for rights that are registered)? */
export function isGranted(asset: EvidenceAsset): boolean {
  if (asset.grantDate || asset.grantNo) return true
  if (asset.pubNo) {
    const pub = parsePublicationNumber(asset.pubNo)
    if (pub && isGrantKindCode(pub.kindCode)) return true
  }
  if (asset.statusGroup === 'valid') return asset.statusEvent !== '待办登'
  if (asset.statusGroup === 'lapsed') return POST_GRANT_LAPSES.includes(asset.statusEvent)
  return false
}

/** [first day, last day] a claimed 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' covers. */
export function dateRange(date: string): [string, string] {
  if (/^\d{4}$/u.test(date)) return [`${date}-01-01`, `${date}-12-31`]
  if (/^\d{4}-\d{2}$/u.test(date)) return [`${date}-01`, `${date}-31`]
  return [date, date]
}

function archiveDates(asset: EvidenceAsset): string[] {
  return [asset.filingDate, asset.pubDate, asset.grantDate, asset.statusDate].filter((d): d is string => !!d)
}

function pickPeriodDate(claim: Claim, asset: EvidenceAsset, granted: boolean): Evidence['periodDate'] {
  let archiveDate: { date: string; basis: 'filing' | 'grant' } | null
  switch (claim.status) {
    case 'applied':
      archiveDate = asset.filingDate ? { date: asset.filingDate, basis: 'filing' } : null
      break
    case 'granted':
    case 'registered':
      archiveDate = asset.grantDate ? { date: asset.grantDate, basis: 'grant' } : null
      break
    case null:
      archiveDate = granted && asset.grantDate ? { date: asset.grantDate, basis: 'grant' } : asset.filingDate ? { date: asset.filingDate, basis: 'filing' } : null
      break
    default: {
      const unreachable: never = claim.status
      throw new Error(`unhandled claimed status ${String(unreachable)}`)
    }
  }
  if (archiveDate) return archiveDate
  return claim.date ? { date: claim.date, basis: 'claimed' } : null
}

export function outOfPeriod(date: string, from: string | null, to: string | null): boolean {
  const [start, end] = dateRange(date)
  return (from !== null && end < from) || (to !== null && start > to)
}

function sortCodes<T extends string>(codes: Iterable<T>, order: readonly T[]): T[] {
  const set = new Set(codes)
  return order.filter((c) => set.has(c))
}

interface PortfolioLookup {
  titles: TitleIndex
  digits: (string | null)[]
}

// Built once per archive view: every claim of a list is compared with the same portfolio.
const lookups = new WeakMap<readonly PortfolioEntry[], PortfolioLookup>()
function portfolioLookup(portfolio: readonly PortfolioEntry[]): PortfolioLookup {
  let lookup = lookups.get(portfolio)
  if (!lookup) {
    lookup = { titles: new TitleIndex(portfolio.map((e) => e.title)), digits: portfolio.map((e) => parseApplicationNumber(e.appNo)?.digits ?? null) }
    lookups.set(portfolio, lookup)
  }
  return lookup
}

function portfolioSuggestions(claim: Claim, archive: ArchiveView, excludeId: number | null, numberDigits: string | null): Suggestion['assets'] {
  const lookup = portfolioLookup(archive.portfolio)
  const scores = claim.title ? lookup.titles.scores(claim.title) : new Map<number, number>()
  const out: Suggestion['assets'] = []
  const seen = new Set<number>()
  archive.portfolio.forEach((entry, i) => {
    if (entry.id === excludeId || seen.has(entry.id)) return
    const similarity = scores.get(i) ?? 0
    const digits = lookup.digits[i] ?? null
    const nearNumber = numberDigits !== null && digits !== null && digitDistance(numberDigits, digits) <= 2
    if (similarity >= SUGGEST_TITLE_THRESHOLD || nearNumber) {
      seen.add(entry.id)
      out.push({ id: entry.id, kind: entry.kind, appNo: entry.appNo, title: entry.title, similarity: Math.round(similarity * 100) / 100, rank: entry.rank })
    }
  })
  return out.sort((a, b) => b.similarity - a.similarity || a.appNo.localeCompare(b.appNo)).slice(0, 5)
}

function describeAssets(assets: Suggestion['assets']): string {
  return assets.map((a) => `${a.appNo}“${a.title}”（${ASSET_KIND_LABELS[a.kind]}，第${a.rank ?? '?'}发明人）`).join('；')
}

// ---------------------------------------------------------------------------------------------------

/** Verify one claim against the archive evidence. Pure: same inputs, same result. */
export function verifyClaim(claim: Claim, ctx: VerifyContext, archive: ArchiveView): VerificationResult {
  const plan = planLookup(claim, ctx.currentYear)
  const found = findRecord(plan, claim, archive)
  const lookup: Evidence['lookup'] = {
    input: plan.input,
    normalized: plan.check.normalized,
    by: found?.by ?? null,
    expectedCheck: plan.check.expectedCheck ?? null,
    message: plan.check.valid ? null : (plan.check.message ?? null),
  }
  const remarks = new Set<RemarkCode>()
  if (claim.raw.number !== undefined && claim.raw.number !== claim.number && /\.0$/u.test(claim.number)) remarks.add('number_check_char_missing_restored')
  if (claim.kind && plan.check.kind && plan.check.kind !== claim.kind) remarks.add('number_kind_conflict')

  if (!found) {
    const evidence: Evidence = { asOf: ctx.asOf, lookup, asset: null, inventors: [], self: null, granted: null, periodDate: null }
    const invalid = !plan.check.valid && !(claim.kind && UNCHECKED_KINDS.has(claim.kind) && plan.input !== '')
    const digits = parseApplicationNumber(plan.corrected ?? plan.check.normalized ?? '')?.digits ?? null
    const similar = portfolioSuggestions(claim, archive, null, digits)
    const parts: string[] = []
    const numbers: string[] = []
    const assets: Suggestion['assets'] = []
    if (invalid) {
      parts.push(plan.check.message ?? '号码无效')
      if (plan.corrected) {
        numbers.push(plan.corrected)
        const corrected = archive.byNumber.get(lookupKey(plan.corrected, 'app_no'))?.[0]
        if (corrected) {
          const self = matchSelf(corrected.inventors, ctx.researcher, claim.rank, corrected.asset.universityOwned)
          const own = self.match === 'linked' || self.match === 'suggested'
          parts.push(`档案中 ${plan.corrected} 为“${corrected.asset.title}”${own ? `，本人为第${self.rank}发明人` : ''}`)
          assets.push({ id: corrected.asset.id, kind: corrected.asset.kind, appNo: corrected.asset.appNo, title: corrected.asset.title, similarity: claim.title ? Math.round(titleSimilarity(claim.title, corrected.asset.title) * 100) / 100 : 0, rank: own ? self.rank : null })
        } else {
          parts.push(`正确的号码应为 ${plan.corrected}，但档案中也没有该号码`)
        }
      }
    } else {
      parts.push(`档案中没有号码 ${plan.check.normalized ?? plan.input} 的记录`)
    }
    const others = similar.filter((s) => !assets.some((a) => a.id === s.id))
    if (others.length) {
      parts.push(`本人名下名称或号码相近的成果：${describeAssets(others)}`)
      for (const s of others) if (!numbers.includes(s.appNo)) numbers.push(s.appNo)
      assets.push(...others)
    } else if (!invalid) {
      parts.push('本人名下没有名称相近的成果，请核对号码，或确认该成果是否已导入档案')
    }
    return {
      verdict: invalid ? 'invalid_number' : 'not_found',
      discrepancies: [],
      remarks: sortCodes(remarks, REMARK_CODES),
      suggestion: { text: parts.join('。') + '。', numbers, assets },
      evidence,
      assetId: null,
    }
  }

  const { record } = found
  const asset = record.asset
  if (found.by === 'pub_no' || found.by === 'grant_no') remarks.add('found_by_publication_number')
  const self = matchSelf(record.inventors, ctx.researcher, claim.rank, asset.universityOwned)
  const granted = isGranted(asset)
  const periodDate = pickPeriodDate(claim, asset, granted)
  const discrepancies = new Set<DiscrepancyCode>()

  switch (self.match) {
    case 'linked':
      break
    case 'suggested':
      remarks.add('inventor_link_suggested')
      break
    case 'unconfirmed':
      discrepancies.add('inventor_unconfirmed')
      break
    case 'name_only':
      remarks.add('inventor_by_name_only')
      break
    case 'other':
    case 'none':
      discrepancies.add('not_inventor')
      break
    default: {
      const unreachable: never = self.match
      throw new Error(`unhandled match ${String(unreachable)}`)
    }
  }
  if (claim.rank !== null && self.rank !== null && claim.rank !== self.rank) discrepancies.add('rank_mismatch')
  // '独立完成' or '2/5' also claims how many inventors there are: a sole inventor of a patent with three is no match.
  const claimedCount = claimedInventorCount(claim.raw.rank)
  if (claimedCount !== null && record.inventors.length > 0 && claimedCount !== record.inventors.length) discrepancies.add('rank_mismatch')
  if (!asset.universityOwned) discrepancies.add('university_not_owner')
  if (claim.kind !== null && claim.kind !== asset.kind) discrepancies.add('kind_mismatch')
  if ((claim.status === 'granted' || claim.status === 'registered') && !granted) discrepancies.add('status_mismatch')
  if (claim.status === 'applied' && granted) remarks.add('already_granted')
  if (granted && asset.statusGroup === 'lapsed') remarks.add('right_lapsed')
  if (granted && !asset.grantDate && claim.status !== 'applied') remarks.add('grant_date_missing')
  // A claimed date is checked only when the archive knows the date the claim is about (the grant date of
  // a claimed grant, the filing date of a claimed application): a gap in the archive is not the claim's fault.
  const relevantDate = claim.status === 'applied' ? asset.filingDate : claim.status === null ? (asset.grantDate ?? asset.filingDate) : asset.grantDate
  if (claim.date !== null && relevantDate) {
    const [start, end] = dateRange(claim.date)
    if (!archiveDates(asset).some((d) => d >= start && d <= end)) discrepancies.add('date_mismatch')
  }
  if (periodDate && (ctx.periodFrom || ctx.periodTo) && outOfPeriod(periodDate.date, ctx.periodFrom, ctx.periodTo)) discrepancies.add('date_out_of_period')
  if (claim.title) {
    const similarity = titleSimilarity(claim.title, asset.title)
    if (similarity < SAME_TITLE_THRESHOLD) discrepancies.add('title_mismatch')
    else if (normalizeTitle(claim.title) !== normalizeTitle(asset.title)) remarks.add('title_minor_difference')
  }

  // A wrong number is the usual reason for a wrong title or "not my patent": offer his own look-alikes.
  let suggestion: Suggestion | null = null
  if (discrepancies.has('title_mismatch') || discrepancies.has('not_inventor')) {
    const similar = portfolioSuggestions(claim, archive, asset.id, null).filter((s) => s.similarity >= SUGGEST_TITLE_THRESHOLD)
    if (similar.length) {
      suggestion = { text: `本人名下名称相近的成果：${describeAssets(similar)}。请核对声明的号码是否有误。`, numbers: similar.map((s) => s.appNo), assets: similar }
    }
  }

  const evidence: Evidence = { asOf: ctx.asOf, lookup, asset, inventors: record.inventors, self, granted, periodDate }
  const codes = sortCodes(discrepancies, DISCREPANCY_CODES)
  return {
    verdict: codes.length ? 'inconsistent' : 'consistent',
    discrepancies: codes,
    remarks: sortCodes(remarks, REMARK_CODES),
    suggestion,
    evidence,
    assetId: asset.id,
  }
}

// ---------------------------------------------------------------------------------------------------
// Explanations (for the screen, the certificate and the sheet; rebuilt from the frozen evidence)

const BASIS_LABELS = { filing: '申请日', grant: '授权公告日', claimed: '声明日期' } as const

function inventorList(inventors: readonly EvidenceInventor[]): string {
  return inventors.map((i) => `${i.rank}.${i.name}`).join('、') || '（无发明人信息）'
}

/** One sentence per discrepancy: what the claim says and what the archive says. */
export function explainFindings(claim: Claim, evidence: Evidence | null, codes: readonly DiscrepancyCode[], period: { from: string | null; to: string | null }, researcher: { staffNo: string; name: string }): Finding[] {
  const asset = evidence?.asset ?? null
  const self = evidence?.self ?? null
  return codes.map((code) => {
    let detail = ''
    switch (code) {
      case 'not_inventor':
        detail =
          self?.match === 'other'
            ? `档案中同名发明人“${researcher.name}”关联的是工号 ${self.otherStaffNo ?? '?'} 的另一人，不是本人（工号 ${researcher.staffNo}）`
            : self?.linkState
              ? `档案中同名发明人“${researcher.name}”已认定为${LINK_STATE_LABELS[self.linkState]}人员（如申请时不在职），不是本人（工号 ${researcher.staffNo}）`
              : `档案中的发明人为 ${inventorList(evidence?.inventors ?? [])}，其中没有本人（工号 ${researcher.staffNo}）`
        break
      case 'inventor_unconfirmed': {
        const inv = evidence?.inventors.find((i) => i.rank === self?.rank)
        const state = inv ? LINK_STATE_LABELS[inv.linkState] : ''
        detail = `档案中第${self?.rank ?? '?'}发明人“${inv?.name ?? researcher.name}”与本人同名，但尚未确认是本人（${state}）。请在档案中确认发明人关联后重新核实，或注明理由更改结论`
        break
      }
      case 'rank_mismatch': {
        const claimedCount = claimedInventorCount(claim.raw.rank)
        const count = evidence?.inventors.length ?? 0
        detail =
          claimedCount !== null && count > 0 && claimedCount !== count
            ? `声明为“${claim.raw.rank ?? ''}”（${claimedCount === 1 ? '唯一发明人' : `共 ${claimedCount} 人`}），档案中共 ${count} 位发明人（${inventorList(evidence?.inventors ?? [])}），本人为第${self?.rank ?? '?'}发明人`
            : `声明为第${claim.rank ?? '?'}，档案中为第${self?.rank ?? '?'}`
        break
      }
      case 'university_not_owner':
        detail = `档案中的权利人为“${asset?.currentOwner || asset?.applicants || '（空）'}”，不含本校`
        break
      case 'kind_mismatch':
        detail = `声明为${claim.kind ? ASSET_KIND_LABELS[claim.kind] : '?'}，档案中为${asset ? ASSET_KIND_LABELS[asset.kind] : '?'}`
        break
      case 'status_mismatch':
        detail = `声明为${claim.status ? CLAIMED_STATUS_LABELS[claim.status] : '?'}，档案显示尚未${asset?.kind === 'software' ? '登记' : '授权'}（${asset ? STATUS_GROUP_LABELS[asset.statusGroup] : '?'}${asset?.statusEvent ? '：' + asset.statusEvent : ''}）`
        break
      case 'date_mismatch':
        detail = `声明日期 ${claim.date ?? '?'}，档案中申请日 ${asset?.filingDate ?? '—'}、公开日 ${asset?.pubDate ?? '—'}、授权公告日 ${asset?.grantDate ?? '—'}`
        break
      case 'date_out_of_period': {
        const pd = evidence?.periodDate
        detail = `${pd ? BASIS_LABELS[pd.basis] : '日期'} ${pd?.date ?? '?'} 不在核实期间（${period.from ?? '不限'} 至 ${period.to ?? '不限'}）内`
        break
      }
      case 'title_mismatch':
        detail = `声明名称“${claim.title}”，档案名称“${asset?.title ?? ''}”`
        break
      default: {
        const unreachable: never = code
        throw new Error(`unhandled discrepancy ${String(unreachable)}`)
      }
    }
    return { code, label: DISCREPANCY_LABELS[code], detail }
  })
}

export function describeRemarks(codes: readonly RemarkCode[], evidence: Evidence | null): Remark[] {
  return codes.map((code) => {
    let text: string = REMARK_LABELS[code]
    if (code === 'right_lapsed' && evidence?.asset?.statusEvent) text = `${text}（${evidence.asset.statusEvent}）`
    return { code, text }
  })
}
