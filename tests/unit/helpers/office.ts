import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, extname, join } from 'node:path'
import { promisify } from 'node:util'
import { pathToFileURL } from 'node:url'

const run = promisify(execFile)

/**
 * Convert a .docx/.xlsx to PDF with LibreOffice, as a reviewer opening our output would. Each call
 * gets its own LibreOffice profile so parallel test files do not fight over one.
 */
export async function convertToPdf(file: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'ipdesk-pdf-'))
  const profile = pathToFileURL(mkdtempSync(join(tmpdir(), 'ipdesk-lo-profile-'))).href
  await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], { timeout: 120_000 })
  const pdf = join(outDir, basename(file, extname(file)) + '.pdf')
  if (!readdirSync(outDir).includes(basename(pdf))) throw new Error(`LibreOffice did not convert ${file}`)
  return pdf
}

export async function pdfPageCount(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf])
  return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0)
}

export async function pdfText(pdf: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

/** Names of the fonts embedded in a PDF (to prove Chinese text rendered with a CJK font, not boxes). */
export async function pdfFonts(pdf: string): Promise<string> {
  const { stdout } = await run('pdffonts', [pdf])
  return stdout
}
