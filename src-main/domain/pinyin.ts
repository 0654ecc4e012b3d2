import { pinyin } from 'pinyin-pro'
import { hasCjk, toHalfWidth } from './text-width'

// Pinyin initials let a librarian find '张三' by typing 'zs' on a machine without a Chinese input method.

/**
 * Lower-case initials of a person's name: '张三' → 'zs', '曾志伟' → 'zzw' (the first character is read
 * as a surname, so 曾/单/解/仇 get their surname readings), 'John Smith' → 'js'. Letters inside a
 * Chinese name ('托马斯·L·埃文斯') are kept as initials; separators and digits are dropped.
 */
export function nameInitials(name: string): string {
  const text = toHalfWidth(name ?? '').trim()
  if (text === '') return ''
  if (hasCjk(text)) {
    const initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' })
    return initials
      .join('')
      .toLowerCase()
      .replace(/[^a-z]/gu, '')
  }
  return text
    .split(/[^A-Za-z\u00c0-\u024f]+/u)
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toLowerCase())
    .join('')
}
