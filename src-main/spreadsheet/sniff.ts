import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { AppError } from '../contract/result'

export type TableFormat = 'xlsx' | 'csv'

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b)
}

/**
 * Decide how to read a file from its bytes, not its name (a .xlsx may be a renamed .xls or text).
 * Refuses, with a message that says what to do, everything IPDesk cannot read.
 */
export function sniffTableFile(path: string, displayName: string = basename(path)): TableFormat {
  let size: number
  try {
    size = statSync(path).size
  } catch {
    throw new AppError('refused', `找不到文件“${displayName}”。`)
  }
  if (size === 0) throw new AppError('refused', `文件“${displayName}”是空的（0 字节）。请重新导出后再导入。`)
  const head = new Uint8Array(Math.min(size, 8192))
  const fd = openSync(path, 'r')
  try {
    readSync(fd, head, 0, head.length, 0)
  } finally {
    closeSync(fd)
  }
  const ext = extname(displayName).toLowerCase()
  if (startsWith(head, OLE)) {
    throw new AppError('refused', `“${displayName}”是旧版 Excel 97-2003 工作簿（.xls），IPDesk 不能直接读取。请在 Excel 或 WPS 中打开，另存为“Excel 工作簿 (.xlsx)”后再导入。`)
  }
  if (startsWith(head, ZIP)) {
    assertCompleteZip(path, size, displayName)
    return 'xlsx'
  }
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls' || ext === '.et') {
    if (looksLikeWebPage(head)) {
      // Several search systems (CNIPA's among them) download an HTML table or an XML spreadsheet named .xls.
      throw new AppError(
        'refused',
        `“${displayName}”实际上是网页表格（HTML/XML），只是扩展名为 ${ext}——一些专利检索系统就是这样导出的。请在 Excel 或 WPS 中打开它，另存为“Excel 工作簿 (.xlsx)”后再导入。`,
      )
    }
    throw new AppError('refused', `“${displayName}”的扩展名是 ${ext}，但内容不是 Excel 工作簿（可能已损坏或被改名）。请从原系统重新导出 .xlsx 文件。`)
  }
  // Text: refuse binary content (NUL bytes outside UTF-16, where every other byte may be NUL).
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)
  if (!utf16) {
    const nul = head.indexOf(0)
    if (nul >= 0 && !looksLikeUtf16WithoutBom(head)) {
      throw new AppError('refused', `“${displayName}”不是表格文件（二进制内容）。请导入 .xlsx 或 .csv 文件。`)
    }
  }
  return 'csv'
}

/** An HTML page or an XML (2003) spreadsheet: what some systems save as .xls. */
function looksLikeWebPage(head: Uint8Array): boolean {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 1024)).replace(/^\ufeff/u, '').trimStart().toLowerCase()
  return /^<(?:!doctype html|html|table|\?xml|meta|head)\b/u.test(text) || text.includes('urn:schemas-microsoft-com:office:spreadsheet')
}

/** UTF-16 text without a BOM has its NUL bytes (high bytes of ASCII) all on one parity; binary does not. */
function looksLikeUtf16WithoutBom(head: Uint8Array): boolean {
  let zerosEven = 0
  let zerosOdd = 0
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== 0) continue
    if (i % 2 === 0) zerosEven++
    else zerosOdd++
  }
  return (zerosEven === 0 && zerosOdd >= 2) || (zerosOdd === 0 && zerosEven >= 2)
}

const ZIP_END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06])
/** The end record sits in the last 22 bytes plus an archive comment of at most 65,535 bytes. */
const ZIP_TAIL = 22 + 65_535

/**
 * A workbook cut short (an interrupted download or copy) has lost the zip's closing directory. exceljs
 * reads such a file as a stream and, depending on where it was cut, either fails or simply waits for
 * the missing bytes forever. So the end record is checked before reading.
 */
function assertCompleteZip(path: string, size: number, displayName: string): void {
  const length = Math.min(size, ZIP_TAIL)
  const tail = Buffer.alloc(length)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, tail, 0, length, size - length)
  } finally {
    closeSync(fd)
  }
  if (tail.lastIndexOf(ZIP_END_OF_CENTRAL_DIRECTORY) < 0) {
    throw new AppError('refused', `无法读取“${displayName}”：文件不完整或已损坏（工作簿的结尾缺失，可能下载或复制时被截断）。请从原系统重新导出后再导入。`)
  }
}
