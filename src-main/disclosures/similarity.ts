import { toHalfWidth } from '../domain/text-width'

// Title likeness for claims: researchers retype titles from memory, so "the same title" has to survive
// blanks, punctuation, bracket width and the odd wrong character, while a different invention's title
// must not pass. Pure.

/** NFKC, half-width, lower case, and only letters and digits kept ('一种 锂电池（隔膜）' → '一种锂电池隔膜'). */
export function normalizeTitle(title: string): string {
  return toHalfWidth(title).normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}

interface Prepared {
  norm: string
  grams: Map<string, number>
  size: number
}

// Suggestions compare every claim with each of the researcher's titles: prepare each title once.
const cache = new Map<string, Prepared>()
const CACHE_LIMIT = 20_000

function prepare(title: string): Prepared {
  const hit = cache.get(title)
  if (hit) return hit
  const norm = normalizeTitle(title)
  const chars = [...norm]
  const grams = new Map<string, number>()
  if (chars.length === 1) grams.set(chars[0]!, 1)
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!
    grams.set(g, (grams.get(g) ?? 0) + 1)
  }
  const prepared = { norm, grams, size: Math.max(0, chars.length - 1) || (chars.length ? 1 : 0) }
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(title, prepared)
  return prepared
}

/**
 * Dice coefficient over character bigrams of the normalised titles: 1 for the same title, about 0.85
 * for one wrong character in a 15-character title, below 0.8 once words differ.
 */
export function titleSimilarity(a: string, b: string): number {
  const x = prepare(a)
  const y = prepare(b)
  if (x.norm === '' || y.norm === '') return 0
  if (x.norm === y.norm) return 1
  const [small, large] = x.grams.size <= y.grams.size ? [x, y] : [y, x]
  let common = 0
  for (const [g, n] of small.grams) {
    const m = large.grams.get(g)
    if (m) common += Math.min(n, m)
  }
  return (2 * common) / (x.size + y.size)
}

/**
 * Many claims against one researcher's titles: an inverted index over the titles' bigrams, so a claim
 * only touches the titles it shares a bigram with. Gives exactly titleSimilarity's values.
 */
export class TitleIndex {
  private readonly prepared: Prepared[]
  private readonly postings = new Map<string, [number, number][]>()

  constructor(titles: readonly string[]) {
    this.prepared = titles.map(prepare)
    this.prepared.forEach((p, i) => {
      for (const [g, n] of p.grams) {
        const list = this.postings.get(g)
        if (list) list.push([i, n])
        else this.postings.set(g, [[i, n]])
      }
    })
  }

  /** Similarity of `query` to each indexed title it shares anything with (index → 0..1). */
  scores(query: string): Map<number, number> {
    const q = prepare(query)
    const common = new Map<number, number>()
    if (q.norm === '') return common
    for (const [g, n] of q.grams) {
      for (const [i, m] of this.postings.get(g) ?? []) common.set(i, (common.get(i) ?? 0) + Math.min(n, m))
    }
    const out = new Map<number, number>()
    for (const [i, c] of common) {
      const p = this.prepared[i]!
      out.set(i, p.norm === q.norm ? 1 : (2 * c) / (q.size + p.size))
    }
    return out
  }
}

/** At or above this the titles are taken as the same title with a slip; below, as different titles. */
export const SAME_TITLE_THRESHOLD = 0.8
/** At or above this an archive title is offered as "did you mean" for a claim that was not found. */
export const SUGGEST_TITLE_THRESHOLD = 0.4

/** Positions where two equally long digit strings differ (a mistyped digit or two). */
export function digitDistance(a: string, b: string): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY
  let d = 0
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++
  return d
}
