// The little XML a workbook reader needs: finding a tag's end, reading its attributes, decoding text.
// Workbook parts are machine-written XML of a known shape, so a scan with indexOf does what a general
// parser would, many times faster; what these helpers do not know (DTDs, processing instructions inside
// data) does not occur in SpreadsheetML.

const GT = 62 // >
const QUOTE = 34 // "
const APOS = 39 // '

/** Index of the '>' that closes the tag opened at `lt` (quoted attribute values may hold '>'); -1 when the text ends first. */
export function tagEnd(s: string, lt: number): number {
  let quote = 0
  for (let i = lt + 1; i < s.length; i++) {
    const ch = s.charCodeAt(i)
    if (quote !== 0) {
      if (ch === quote) quote = 0
    } else if (ch === QUOTE || ch === APOS) quote = ch
    else if (ch === GT) return i
  }
  return -1
}

function isNameEnd(ch: number): boolean {
  // blank, '=', '/', '>'
  return ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 61 || ch === 47 || ch === GT
}

/**
 * The attributes of the tag s[lt..gt] ('<name a="1" b='2'>'), names as written (with their prefix),
 * values decoded. For the small parts (workbook, relations, styles); the worksheet scan has its own.
 */
export function attributes(s: string, lt: number, gt: number): Map<string, string> {
  const out = new Map<string, string>()
  let i = lt + 1
  while (i < gt && !isNameEnd(s.charCodeAt(i))) i++ // the element's name
  while (i < gt) {
    while (i < gt && (s.charCodeAt(i) <= 32 || s.charCodeAt(i) === 47)) i++
    const nameStart = i
    while (i < gt && !isNameEnd(s.charCodeAt(i))) i++
    const name = s.slice(nameStart, i)
    while (i < gt && s.charCodeAt(i) <= 32) i++
    if (s.charCodeAt(i) !== 61 /* = */) {
      i++
      continue
    }
    i++
    while (i < gt && s.charCodeAt(i) <= 32) i++
    const quote = s.charCodeAt(i)
    if (quote !== QUOTE && quote !== APOS) continue
    const close = s.indexOf(String.fromCharCode(quote), i + 1)
    if (close < 0 || close > gt) break
    if (name !== '') out.set(name, decodeXml(s.slice(i + 1, close)))
    i = close + 1
  }
  return out
}

/** An attribute by its local name, whatever its prefix ('r:id', 'ns2:id' → 'id' with `prefixed`). */
export function attributeByLocalName(attrs: ReadonlyMap<string, string>, local: string, prefixed: boolean): string | undefined {
  for (const [name, value] of attrs) {
    const colon = name.indexOf(':')
    if (prefixed ? colon > 0 && name.slice(colon + 1) === local : name === local) return value
  }
  return undefined
}

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#x([0-9a-fA-F]{1,6})|#([0-9]{1,7}));/gu
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function codePoint(n: number, raw: string): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : raw
}

/** XML character data as text: entities and character references decoded, CDATA unwrapped, line ends normalised. */
export function decodeXml(raw: string): string {
  let text = raw
  if (text.includes('<![CDATA[')) {
    // CDATA holds text verbatim; what lies around it is ordinary character data.
    let out = ''
    let i = 0
    for (;;) {
      const open = text.indexOf('<![CDATA[', i)
      if (open < 0) break
      const close = text.indexOf(']]>', open + 9)
      out += decodeXml(text.slice(i, open)) + text.slice(open + 9, close < 0 ? text.length : close)
      i = close < 0 ? text.length : close + 3
    }
    return out + decodeXml(text.slice(i))
  }
  if (text.includes('\r')) text = text.replace(/\r\n?/gu, '\n')
  if (!text.includes('&')) return text
  return text.replace(ENTITY, (m, named: string | undefined, hex: string | undefined, dec: string | undefined) =>
    named !== undefined ? NAMED[named]! : codePoint(hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10), m),
  )
}

const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/gu

/**
 * Undoes SpreadsheetML's own escape for characters XML cannot carry (ST_Xstring): a carriage return is
 * stored as _x000D_, a literal '_x' sequence as _x005F_x… . Read left to right, so the escaped
 * underscore is never taken for the start of another escape.
 */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) return text
  return text.replace(OOXML_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

/** XML text as a cell's text: XML decoding, then SpreadsheetML's escapes. */
export function cellString(raw: string): string {
  return decodeOoxmlEscapes(decodeXml(raw))
}

/**
 * The concatenated text of the <t> elements in `s` — one shared string (<si>) or inline string (<is>),
 * plain or in rich-text runs — leaving out phonetic guides (<rPh>), which are not part of the value.
 * `p` is the namespace prefix in use ('' or 'x:'). `s` is the one item's markup, never a whole part:
 * the searches here run to its end.
 */
export function runsText(s: string, p: string): string {
  const to = s.length
  const tOpen = `<${p}t`
  const tClose = `</${p}t>`
  const phOpen = `<${p}rPh`
  const phClose = `</${p}rPh>`
  let out = ''
  let i = 0
  for (;;) {
    const t = s.indexOf(tOpen, i)
    if (t < 0 || t >= to) return out
    const ph = s.indexOf(phOpen, i)
    if (ph >= 0 && ph < t) {
      const phEnd = s.indexOf(phClose, ph)
      if (phEnd < 0 || phEnd >= to) return out
      i = phEnd + phClose.length
      continue
    }
    const after = s.charCodeAt(t + tOpen.length)
    if (after !== GT && after !== 32 && after !== 9 && after !== 10 && after !== 13 && after !== 47) {
      i = t + tOpen.length
      continue
    }
    const gt = tagEnd(s, t)
    if (gt < 0 || gt >= to) return out
    if (s.charCodeAt(gt - 1) === 47) {
      i = gt + 1 // <t/>: empty
      continue
    }
    const close = s.indexOf(tClose, gt)
    if (close < 0 || close > to) return out
    out += cellString(s.slice(gt + 1, close))
    i = close + tClose.length
  }
}

/** Whether s[i] begins a tag named exactly `open` ('<x:row' and not '<x:rowBreaks'). */
export function opensTag(s: string, i: number, open: string): boolean {
  const ch = s.charCodeAt(i + open.length)
  return ch === GT || ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47
}

/** Index of the next tag named exactly `open` at or after `from`, or -1. */
export function findTag(s: string, open: string, from: number): number {
  let i = from
  for (;;) {
    const at = s.indexOf(open, i)
    if (at < 0 || opensTag(s, at, open)) return at
    i = at + 1
  }
}

/** The namespace prefix of the document's root element ('' or 'x:'), from its first tag. */
export function rootPrefix(s: string): string | null {
  let i = 0
  for (;;) {
    const lt = s.indexOf('<', i)
    if (lt < 0) return null
    const next = s.charCodeAt(lt + 1)
    if (next === 63 /* ? */ || next === 33 /* ! */) {
      const gt = s.indexOf('>', lt)
      if (gt < 0) return null
      i = gt + 1
      continue
    }
    let end = lt + 1
    while (end < s.length && !isNameEnd(s.charCodeAt(end))) end++
    if (end >= s.length) return null
    const name = s.slice(lt + 1, end)
    const colon = name.indexOf(':')
    return colon > 0 ? name.slice(0, colon + 1) : ''
  }
}
