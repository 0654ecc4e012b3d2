// Title similarity for Chinese patent titles, pure (no I/O). Chinese has no spaces and most meaningful
// terms are two characters (电池, 芯片), so text is compared as sets of character bigrams; Latin words
// and numbers count as whole tokens. Boilerplate every patent title carries (一种……的制备方法及其应用)
// is dropped, otherwise any two methods would look alike.

const HAN = /\p{Script=Han}/u
const WORD = /[\p{L}\p{N}]/u

/** Bigrams (and words) that say nothing about the subject of a patent title. */
const STOP = new Set([
  '一种', '种基', '种用', '种具', '种新', '种高', '种可', '种多', '种自', '种低', '种快',
  '及其', '其制', '制备', '备方', '方法', '法及', '及应', '其应', '应用', '用途',
  '装置', '置及', '系统', '统及', '设备', '备及', '结构', '组件',
  '基于', '用于', '以及', '具有', '包括', '包含', '一个', '所述', '其中',
  '的方', '的装', '的系', '的设', '的制', '的应', '的结', '和方', '与方', '和装', '和系',
  '实现', '进行', '相关', '使用', '利用', '通过',
])

/**
 * Phrases replaced by a break before splitting, longest first: they would otherwise glue junk bigrams
 * onto the subject ('一种锂…' → '种锂', '电池的…' → '池的').
 */
const BOILERPLATE = /及其制备方法|的制备方法|及其应用|制备方法|及其|一种|的方法|方法|装置|系统|设备|基于|用于|以及|所述|[的及和与或]/gu

/** NFKC (full-width → half-width), lower case, boilerplate phrases turned into breaks. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(BOILERPLATE, ' ')
}

/** Distinct content bigrams of the Han runs and the Latin/number words of a text, in order of appearance. */
export function terms(text: string): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  const add = (t: string) => {
    if (STOP.has(t) || seen.has(t)) return
    seen.add(t)
    out.push(t)
  }
  let han = ''
  let word = ''
  const flush = () => {
    const chars = [...han]
    for (let i = 0; i + 1 < chars.length; i++) add(chars[i]! + chars[i + 1]!)
    han = ''
    if (word.length >= 2) add(word)
    word = ''
  }
  for (const ch of fold(text)) {
    if (HAN.test(ch)) {
      if (word) {
        if (word.length >= 2) add(word)
        word = ''
      }
      han += ch
    } else if (WORD.test(ch)) {
      if (han) {
        const chars = [...han]
        for (let i = 0; i + 1 < chars.length; i++) add(chars[i]! + chars[i + 1]!)
        han = ''
      }
      word += ch
    } else {
      flush()
    }
  }
  flush()
  return out
}

/** Dice coefficient of the two texts' term sets: 1 identical, 0 nothing in common. */
export function titleSimilarity(a: string, b: string): number {
  const ta = new Set(terms(a))
  const tb = new Set(terms(b))
  if (!ta.size || !tb.size) return 0
  let shared = 0
  for (const t of ta) if (tb.has(t)) shared++
  return (2 * shared) / (ta.size + tb.size)
}

/** IPC main group of a classification symbol: 'G06F16/27' or 'G06F 16/27' → 'G06F 16/00'. */
export function ipcMainGroup(ipc: string | null | undefined): string | null {
  if (!ipc) return null
  const m = /^\s*([A-H]\d{2}[A-Z])\s*(\d{1,4})\s*\//.exec(ipc.normalize('NFKC').toUpperCase())
  return m ? `${m[1]} ${Number(m[2])}/00` : null
}
