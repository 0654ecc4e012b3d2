import type { LinkState } from '../../db/schema'
import { normalizeOrgName } from '../../domain/university'
import { removeBlanks, toHalfWidth } from '../../domain/text-width'

// Which researcher is this inventor? Inventors come as bare names in the export; researchers come from
// the roster (工号, 姓名, 学院, 入职/离职). The rules, in order:
//
//  1. Only rights the university holds are linked. An inventor of another holder's patent is 'external'
//     whatever their name: a namesake at another institution is not our researcher.
//  2. Candidates are the researchers with the same name (blanks, full-width letters and the several
//     middle dots of minority names folded).
//  3. Filing-date window, when both dates are known: a researcher who joined after the filing date, or
//     left more than one year before it, is dropped. (The one year follows 专利法实施细则 第十三条: an
//     invention made within a year of leaving that relates to the former job is still a 职务发明.)
//  4. College: when the export names the college (university ledgers do), candidates of that college
//     are preferred; if none of the candidates is in that college, the college says nothing and all
//     remaining candidates stay (exports often use an older college name).
//  5. Decision:
//     - no candidate left                         → 'external' (a student, a co-applicant's staff, …);
//     - exactly one name match in the whole roster, and the export's college equals the researcher's
//       college                                    → 'confirmed': name, college and (where known)
//       employment dates all agree, and the roster holds nobody else of that name;
//     - exactly one name match in the roster        → 'suggested' (a librarian confirms; the UI offers
//                                                     bulk confirmation);
//     - namesakes (同名) in the roster narrowed to one by college/dates
//                                                   → 'suggested', never 'confirmed': a namesake exists;
//     - several candidates remain                   → 'ambiguous', researcher left empty, candidate ids
//                                                     kept in asset_inventor.candidates.
//  The residual risk of 'confirmed' is a student or visitor who shares name and college with exactly
//  one staff member; rosters list staff only. That is why it needs the college column: without it, a
//  single name match stays 'suggested'.

export interface LinkResearcher {
  id: number
  name: string
  college: string
  disciplineCode: string | null
  joinedOn: string | null
  leftOn: string | null
}

export interface LinkContext {
  universityOwned: boolean
  /** College named by the export for this right ('' when unknown). */
  college: string
  filingDate: string | null
}

export interface LinkDecision {
  state: LinkState
  researcherId: number | null
  candidates: number[]
}

/** Folds a person's name for matching: blanks removed, full-width folded, middle dots unified. */
export function personKey(name: string): string {
  return removeBlanks(toHalfWidth(name ?? ''))
    .replace(/[·•‧∙・.]/gu, '·')
    .toLowerCase()
}

function collegeKey(college: string): string {
  return normalizeOrgName(college ?? '')
}

function addYears(iso: string, years: number): string {
  return `${String(Number(iso.slice(0, 4)) + years).padStart(4, '0')}${iso.slice(4)}`
}

function employedAt(r: LinkResearcher, filingDate: string | null): boolean {
  if (!filingDate) return true
  if (r.joinedOn && r.joinedOn > filingDate) return false
  if (r.leftOn && addYears(r.leftOn, 1) < filingDate) return false
  return true
}

const EXTERNAL: LinkDecision = Object.freeze({ state: 'external', researcherId: null, candidates: Object.freeze([]) as unknown as number[] })

interface Namesake {
  r: LinkResearcher
  /** collegeKey(r.college), folded once. */
  college: string
}

interface NameGroup {
  members: Namesake[]
  /** Whether any member has an employment date: then the filing date can change the decision. */
  dated: boolean
  /** Decisions already made for this name, by context (college key, and filing date when dated). */
  memo: Map<string, LinkDecision>
}

/** Decisions remembered per name before the memo starts again (bounds memory on huge imports). */
const MEMO_MAX = 4096
/** Folded college names remembered (an import repeats a few dozen colleges over thousands of rows). */
const COLLEGE_KEYS_MAX = 10_000

/**
 * Researchers by folded name, built once per import or re-link. `decide` is a pure function of the
 * roster and its arguments, and an import asks it the same question thousands of times (same inventor,
 * same college): answers are remembered per (name, college[, filing date]). The returned decisions are
 * shared and frozen — never mutate them.
 */
export class ResearcherIndex {
  private readonly byName = new Map<string, NameGroup>()
  private readonly byId = new Map<number, LinkResearcher>()
  private readonly collegeKeys = new Map<string, string>()

  constructor(researchers: Iterable<LinkResearcher>) {
    for (const r of researchers) {
      const key = personKey(r.name)
      if (key === '') continue
      const member = { r, college: collegeKey(r.college) }
      const group = this.byName.get(key)
      if (group) group.members.push(member)
      else this.byName.set(key, { members: [member], dated: false, memo: new Map() })
      this.byId.set(r.id, r)
    }
    for (const group of this.byName.values()) group.dated = group.members.some((m) => m.r.joinedOn || m.r.leftOn)
  }

  get(id: number): LinkResearcher | undefined {
    return this.byId.get(id)
  }

  get size(): number {
    return this.byId.size
  }

  private collegeKeyOf(college: string): string {
    let key = this.collegeKeys.get(college)
    if (key === undefined) {
      key = collegeKey(college)
      if (this.collegeKeys.size >= COLLEGE_KEYS_MAX) this.collegeKeys.clear()
      this.collegeKeys.set(college, key)
    }
    return key
  }

  decide(name: string, context: LinkContext): LinkDecision {
    if (!context.universityOwned) return EXTERNAL
    const group = this.byName.get(personKey(name))
    if (!group || group.members.length === 0) return EXTERNAL
    const college = this.collegeKeyOf(context.college ?? '')
    const memoKey = group.dated && context.filingDate ? `${college}\u0000${context.filingDate}` : college
    let decision = group.memo.get(memoKey)
    if (decision === undefined) {
      decision = decideAmong(group.members, college, context.filingDate)
      if (group.memo.size >= MEMO_MAX) group.memo.clear()
      group.memo.set(memoKey, decision)
    }
    return decision
  }
}

function decideAmong(namesakes: readonly Namesake[], college: string, filingDate: string | null): LinkDecision {
  const inWindow = namesakes.filter((m) => employedAt(m.r, filingDate))
  if (inWindow.length === 0) return EXTERNAL
  const sameCollege = college === '' ? [] : inWindow.filter((m) => m.college === college)
  const remaining = sameCollege.length > 0 ? sameCollege : inWindow
  if (remaining.length === 1) {
    const only = remaining[0]!.r
    const confirmed = namesakes.length === 1 && sameCollege.length === 1
    return Object.freeze({ state: confirmed ? 'confirmed' : 'suggested', researcherId: only.id, candidates: Object.freeze([]) as unknown as number[] })
  }
  const candidates = Object.freeze(remaining.map((m) => m.r.id).sort((a, b) => a - b)) as unknown as number[]
  return Object.freeze({ state: 'ambiguous', researcherId: null, candidates })
}

const candidateJson = new WeakMap<readonly number[], string>()

/** JSON.stringify(decision.candidates), remembered for the shared decisions of `decide`. */
export function candidatesJson(decision: LinkDecision): string {
  const list = decision.candidates
  if (list.length === 0) return '[]'
  let json = candidateJson.get(list)
  if (json === undefined) {
    json = JSON.stringify(list)
    candidateJson.set(list, json)
  }
  return json
}
