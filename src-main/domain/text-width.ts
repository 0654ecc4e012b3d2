// Full-width (全角) characters are what Chinese input methods produce by default, so numbers, dates
// and headers typed or exported on Chinese systems routinely contain them. Every parser in this folder
// folds them to their ASCII forms before matching.

const FULL_WIDTH_FIRST = 0xff01 // ！
const FULL_WIDTH_LAST = 0xff5e // ～
const FULL_TO_HALF_OFFSET = 0xfee0

/** Folds full-width ASCII variants (Ａ, １, （, ．, ；...) and the ideographic space to half-width. */
export function toHalfWidth(s: string): string {
  let out = ''
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0
    if (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST) {
      out += String.fromCodePoint(code - FULL_TO_HALF_OFFSET)
    } else if (code === 0x3000) {
      out += ' '
    } else if (code === 0xffe5) {
      // ￥ (full-width yen) is how Chinese keyboards type the yuan sign.
      out += '¥'
    } else {
      out += ch
    }
  }
  return out
}

/**
 * Every kind of blank a pasted value can carry: ASCII whitespace, no-break space (from web pages and
 * Word), ideographic space, zero-width characters and the BOM (from CSV files and copy-paste).
 */
export const ANY_BLANK = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/gu

/** Removes every kind of blank, anywhere in the string. */
export function removeBlanks(s: string): string {
  return s.replace(ANY_BLANK, '')
}

const CJK_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u

/** True when the string contains at least one CJK ideograph. */
export function hasCjk(s: string): boolean {
  return CJK_CHAR.test(s)
}
