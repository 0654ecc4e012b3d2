import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Block } from './blocks'
import { DOCUMENT_STYLES, SIZE } from './styles'

export interface DocumentSpec {
  /** Document title (file properties). */
  title: string
  creator?: string
  /** Each section starts on a new page; the first is often a cover. */
  sections: { children: Block[]; pageNumbers?: boolean }[]
}

const A4 = { width: 11906, height: 16838 }
const MARGINS = { top: 1440, bottom: 1440, left: 1588, right: 1474 } // ≈ 2.54 cm / 2.8 cm / 2.6 cm

function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'], size: SIZE.small })],
      }),
    ],
  })
}

export function buildDocument(spec: DocumentSpec): Document {
  return new Document({
    title: spec.title,
    creator: spec.creator ?? 'IPDesk',
    styles: DOCUMENT_STYLES,
    sections: spec.sections.map((section) => ({
      properties: { page: { size: A4, margin: MARGINS } },
      footers: section.pageNumbers === false ? undefined : { default: pageNumberFooter() },
      children: section.children,
    })),
  })
}

/** Write a .docx atomically (temporary name, then rename). */
export async function writeDocx(path: string, spec: DocumentSpec): Promise<void> {
  const buffer = await Packer.toBuffer(buildDocument(spec))
  mkdirSync(dirname(path), { recursive: true })
  const partial = `${path}.partial`
  try {
    writeFileSync(partial, buffer)
    renameSync(partial, path)
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
}
