import JSZip from 'jszip'
import { readFileSync } from 'node:fs'

/**
 * The visible text of a .docx, paragraph by paragraph (table cells become paragraphs too). Used to
 * read our own output back — in tests, and to double-check an export before offering it.
 */
export async function docxParagraphs(path: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(path))
  const xml = await zip.file('word/document.xml')?.async('string')
  if (!xml) throw new Error(`${path} has no word/document.xml`)
  const paragraphs: string[] = []
  for (const match of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    const text = [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')
    paragraphs.push(decodeXml(text))
  }
  return paragraphs
}

export async function docxText(path: string): Promise<string> {
  return (await docxParagraphs(path)).join('\n')
}

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
}
