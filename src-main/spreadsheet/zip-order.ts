import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { zipDirectory } from './zip'

// A workbook's zip entries, worksheets last. exceljs' streaming reader needs the workbook's relations
// and shared strings before a worksheet; most writers (Excel itself, exceljs' own streaming writer)
// store the worksheets first, so exceljs inflates each worksheet into a temp file — the whole sheet,
// some 500 MB for 100,000 rows — before it reads a single row of it. Reading the file's entries in
// another order costs nothing (the central directory says where each entry is) and lets exceljs parse
// the worksheet straight from the stream: the first row arrives at once, nothing is written to disk.
//
// The reordered stream is the file's own bytes: each entry's local header, data and data descriptor
// as stored, then the central directory. Anything unusual (zip64, an entry not where the directory
// says) returns null, and the file is read as it is.

const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/u

export interface OrderedWorkbook {
  stream: Readable
  /** Whether the workbook has a shared-string table (now ahead of its worksheets). */
  hasSharedStrings: boolean
  /** Bytes the stream will deliver: the file's size. */
  size: number
}

/** The workbook at `path` as a stream with its worksheets after every other entry; null: read it as it is. */
export function worksheetsLast(path: string): OrderedWorkbook | null {
  const zip = zipDirectory(path)
  if (zip === null) return null
  const { entries, directoryStart, size } = zip
  const ordered = [...entries.filter((e) => !WORKSHEET.test(e.name)), ...entries.filter((e) => WORKSHEET.test(e.name))]
  const ranges = ordered.map((e): [number, number] => [e.start, e.end])
  // Anything before the first entry (rare: a prefix) is not needed; the directory ends the stream.
  ranges.push([directoryStart, size])
  async function* bytes(): AsyncGenerator<Buffer> {
    for (const [start, end] of ranges) {
      if (end <= start) continue
      for await (const chunk of createReadStream(path, { start, end: end - 1, highWaterMark: 1 << 20 })) yield chunk as Buffer
    }
  }
  return { stream: Readable.from(bytes(), { objectMode: false }), hasSharedStrings: entries.some((e) => e.name === 'xl/sharedStrings.xml'), size }
}
