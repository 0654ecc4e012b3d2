import iconv from 'iconv-lite'

// CSV and TXT files from Chinese tools arrive as UTF-8 (with or without BOM), as UTF-16 ("Unicode text"
// saved from Excel) or as GBK/GB18030 (the default "ANSI" code page of Chinese Windows and of many
// exporters). Guessing wrong turns every name into mojibake, so the order of evidence matters.

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030'

export interface DecodedText {
  text: string
  encoding: TextEncoding
}

/** How many leading bytes to sample when looking for UTF-16 without a BOM. */
const UTF16_SAMPLE_BYTES = 4096

/**
 * UTF-16 without a BOM has a zero byte in every other position for ASCII text (commas, digits, Latin
 * headers). Real UTF-8 or GB18030 text almost never contains NUL bytes, so a high share of zeros at
 * even or odd positions is strong evidence; the 30 % threshold tolerates CJK-heavy content.
 */
function guessUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, UTF16_SAMPLE_BYTES) & ~1
  if (n < 4) return null
  let zeroEven = 0
  let zeroOdd = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++
    if (bytes[i + 1] === 0) zeroOdd++
  }
  const pairs = n / 2
  if (zeroOdd / pairs > 0.3 && zeroEven / pairs < 0.05) return 'utf-16le'
  if (zeroEven / pairs > 0.3 && zeroOdd / pairs < 0.05) return 'utf-16be'
  return null
}

/**
 * Decodes the bytes of a text file. Evidence, strongest first:
 *  1. a byte-order mark (UTF-8, UTF-16 LE, UTF-16 BE) — removed from the text;
 *  2. a NUL-byte pattern that only UTF-16 produces;
 *  3. bytes that are valid UTF-8 (strict decoding; GBK Chinese text is almost never valid UTF-8);
 *  4. otherwise GB18030, the superset of GBK and GB2312 that decodes every byte sequence.
 */
export function decodeTextBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' }
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' }
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' }
  }
  const utf16 = guessUtf16WithoutBom(bytes)
  if (utf16 !== null) return { text: iconv.decode(bytes, utf16), encoding: utf16 }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' }
  }
}
