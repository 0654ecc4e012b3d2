import { splitMulti } from './cell-values'
import { removeBlanks, toHalfWidth } from './text-width'

// "Is the university a right holder?" decides whether a patent is a 职务成果 of this university, so a
// false positive is worse than a miss: a miss shows up as "not held by the university" and the
// librarian adds an alias; a false positive silently credits another institution's patent.

/**
 * Folds an organisation name for comparison: full-width → half-width (brackets included), 【】〔〕 →
 * (), blanks removed, Latin lower-cased. Nothing else is touched — in particular no suffix is dropped.
 */
export function normalizeOrgName(name: string): string {
  return removeBlanks(toHalfWidth(name))
    .replace(/[【〔［[]/gu, '(')
    .replace(/[】〕］\]]/gu, ')')
    .toLowerCase()
}

/**
 * True when any holder is the university: equal, after `normalizeOrgName`, to the official name or to
 * one of the aliases. Nothing looser, on purpose:
 *  - a longer name that starts with the university's name is usually another legal person:
 *    '浙江大学城市学院' (an independent college), '浙江大学医学院附属第一医院' (a hospital that files
 *    under its own name);
 *  - a bracketed suffix is just as often a separate university as a campus: '中国石油大学(北京)' and
 *    '中国石油大学(华东)' are two universities, while '山东大学(威海)' is a campus of 山东大学.
 * So campuses, former names and English names count only when the archive lists them as aliases.
 * Holder cells that still contain several names ('甲公司;乙大学') are split first, on punctuation only.
 */
export function isUniversityHolder(holders: readonly string[], officialName: string, aliases: readonly string[]): boolean {
  const names = new Set(
    [officialName, ...aliases].map(normalizeOrgName).filter((n) => n !== ''),
  )
  if (names.size === 0) return false
  return holders.some((cell) => splitMulti(cell, { blanks: false }).some((holder) => names.has(normalizeOrgName(holder))))
}
