// How text becomes search tokens, the same way for the index and for the query (see the design note in
// db/migrations/0002_archive_search.ts). Pure functions, no I/O.
//
// Index side: a run of CJK characters becomes its overlapping bigrams plus its last character
// ('锂离子电池' → 锂离 离子 子电 电池 池); any other run of letters/digits stays one lower-cased word.
// Query side: each whitespace-separated term becomes one FTS5 phrase of the same tokens, so the phrase
// matches exactly where the term occurs as a substring (for CJK) or as whole words (for Latin/digits).
// Every token is quoted by us and contains only letters and digits, so nothing a user types — quotes,
// '*', '(', 'NEAR', '-', ':' — can reach the FTS5 query syntax.

/** Han, kana and hangul: scripts written without spaces, indexed as bigrams. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
/** What unicode61 keeps inside a token: letters, digits and private-use characters. */
const WORD = /[\p{L}\p{N}\p{Co}]/u

type Run = { cjk: boolean; text: string }

const SEPARATOR = 0
const CJK_CHAR = 1
const WORD_CHAR = 2

/** The class of one character; ASCII and the common Han block are decided without a regex (hot path). */
function classify(ch: string): number {
  const c = ch.codePointAt(0) ?? 0
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) ? WORD_CHAR : SEPARATOR
  if (c >= 0x4e00 && c <= 0x9fff) return CJK_CHAR
  if (CJK.test(ch)) return CJK_CHAR
  return WORD.test(ch) ? WORD_CHAR : SEPARATOR
}

/** NFKC folds full-width forms (ＡＢＣ１２３) and compatibility ideographs; then lower case. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase()
}

/** Splits text into runs of CJK characters and runs of other letters/digits; separators drop out. */
function runs(text: string): Run[] {
  const out: Run[] = []
  let current: Run | null = null
  for (const ch of fold(text)) {
    const kind = classify(ch)
    const cjk = kind === CJK_CHAR
    if (kind === SEPARATOR) {
      if (current) out.push(current)
      current = null
      continue
    }
    if (current && current.cjk === cjk) {
      current.text += ch
      continue
    }
    if (current) out.push(current)
    current = { cjk, text: ch }
  }
  if (current) out.push(current)
  return out
}

function bigrams(chars: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!)
  return out
}

/** Tokens of a text for the index, space-separated. */
export function indexText(text: string | null | undefined): string {
  if (!text) return ''
  const tokens: string[] = []
  for (const run of runs(text)) {
    if (!run.cjk) {
      tokens.push(run.text)
      continue
    }
    const chars = [...run.text]
    tokens.push(...bigrams(chars), chars[chars.length - 1]!)
  }
  return tokens.join(' ')
}

export interface QueryPhrase {
  tokens: string[]
  /** The last token is a prefix (the user may still be typing, or a lone CJK character). */
  prefix: boolean
}

/**
 * One phrase per whitespace-separated term. A CJK run in the middle of a term keeps its trailing unigram
 * (the document run ends there too); at the end of the term it does not (the document may go on), and a
 * lone CJK character at the end becomes a prefix token ('电*' matches 电池, 电极 and a final 电).
 * The last word of a term is a prefix too, so type-ahead finds 'lithium' from 'lith'.
 */
export function queryPhrases(query: string): QueryPhrase[] {
  const phrases: QueryPhrase[] = []
  for (const term of fold(query).split(/\s+/u)) {
    const termRuns = runs(term)
    if (!termRuns.length) continue
    const tokens: string[] = []
    let prefix = false
    termRuns.forEach((run, i) => {
      const last = i === termRuns.length - 1
      if (!run.cjk) {
        tokens.push(run.text)
        if (last) prefix = true
        return
      }
      const chars = [...run.text]
      if (chars.length === 1) {
        tokens.push(chars[0]!)
        if (last) prefix = true
        return
      }
      tokens.push(...bigrams(chars))
      // Followed by more of the term (a word, or punctuation inside the term): the document's run ends
      // here as well, so its trailing unigram is there to match.
      if (!last) tokens.push(chars[chars.length - 1]!)
    })
    phrases.push({ tokens, prefix })
  }
  return phrases
}

/** The FTS5 MATCH expression for a user's query, or null when the query has no searchable token. */
export function ftsQuery(query: string): string | null {
  const phrases = queryPhrases(query)
  if (!phrases.length) return null
  // Tokens hold only letters and digits (see WORD/CJK), so wrapping them in quotes is a complete escape.
  return phrases.map((p) => `"${p.tokens.join(' ')}"${p.prefix ? ' *' : ''}`).join(' AND ')
}
