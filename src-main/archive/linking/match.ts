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

const EXTERNAL: LinkDecision = { state: 'external', researcherId: null, candidates: [] }

/** Researchers by folded name, built once per import or re-link. */
export class ResearcherIndex {
  private readonly byName = new Map<string, LinkResearcher[]>()
  private readonly byId = new Map<number, LinkResearcher>()

  constructor(researchers: Iterable<LinkResearcher>) {
    for (const r of researchers) {
      const key = personKey(r.name)
      if (key === '') continue
      const list = this.byName.get(key)
      if (list) list.push(r)
      else this.byName.set(key, [r])
      this.byId.set(r.id, r)
    }
  }

  get(id: number): LinkResearcher | undefined {
    return this.byId.get(id)
  }

  get size(): number {
    return this.byId.size
  }

  decide(name: string, context: LinkContext): LinkDecision {
    if (!context.universityOwned) return EXTERNAL
    const namesakes = this.byName.get(personKey(name))
    if (!namesakes || namesakes.length === 0) return EXTERNAL
    const inWindow = namesakes.filter((r) => employedAt(r, context.filingDate))
    if (inWindow.length === 0) return EXTERNAL
    const college = collegeKey(context.college)
    const sameCollege = college === '' ? [] : inWindow.filter((r) => collegeKey(r.college) === college)
    const remaining = sameCollege.length > 0 ? sameCollege : inWindow
    if (remaining.length === 1) {
      const only = remaining[0]!
      const confirmed = namesakes.length === 1 && sameCollege.length === 1
      return { state: confirmed ? 'confirmed' : 'suggested', researcherId: only.id, candidates: [] }
    }
    return { state: 'ambiguous', researcherId: null, candidates: remaining.map((r) => r.id).sort((a, b) => a - b) }
  }
}
