import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs'
import { Readable } from 'node:stream'

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

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
/** The end-of-central-directory record is 22 bytes plus a comment of at most 65,535. */
const EOCD_SEARCH = 22 + 65_535

const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/u

interface Entry {
  name: string
  start: number
  end: number
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length)
  const read = readSync(fd, buffer, 0, length, position)
  return read === length ? buffer : buffer.subarray(0, read)
}

function entriesOf(path: string): { entries: Entry[]; directoryStart: number; size: number } | null {
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    const tailLength = Math.min(size, EOCD_SEARCH)
    const tail = readAt(fd, size - tailLength, tailLength)
    let eocd = -1
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i
        break
      }
    }
    if (eocd < 0) return null
    const count = tail.readUInt16LE(eocd + 10)
    const directorySize = tail.readUInt32LE(eocd + 12)
    const directoryStart = tail.readUInt32LE(eocd + 16)
    // zip64 markers: leave such a file to exceljs as it is.
    if (count === 0xffff || directorySize === 0xffffffff || directoryStart === 0xffffffff) return null
    if (directoryStart + directorySize > size) return null
    const directory = readAt(fd, directoryStart, directorySize)
    const entries: { name: string; start: number }[] = []
    let p = 0
    for (let i = 0; i < count; i++) {
      if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) return null
      const nameLength = directory.readUInt16LE(p + 28)
      const extraLength = directory.readUInt16LE(p + 30)
      const commentLength = directory.readUInt16LE(p + 32)
      const start = directory.readUInt32LE(p + 42)
      if (start === 0xffffffff) return null
      entries.push({ name: directory.toString('utf8', p + 46, p + 46 + nameLength), start })
      p += 46 + nameLength + extraLength + commentLength
    }
    entries.sort((a, b) => a.start - b.start)
    const located: Entry[] = []
    for (let i = 0; i < entries.length; i++) {
      const { name, start } = entries[i]!
      const signature = readAt(fd, start, 4)
      if (signature.length < 4 || signature.readUInt32LE(0) !== LOCAL) return null
      // An entry runs to the next one (its data descriptor included), the last one to the directory.
      located.push({ name, start, end: i + 1 < entries.length ? entries[i + 1]!.start : directoryStart })
    }
    return { entries: located, directoryStart, size }
  } catch {
    return null
  } finally {
    closeSync(fd)
  }
}

export interface OrderedWorkbook {
  stream: Readable
  /** Whether the workbook has a shared-string table (now ahead of its worksheets). */
  hasSharedStrings: boolean
  /** Bytes the stream will deliver: the file's size. */
  size: number
}

/** The workbook at `path` as a stream with its worksheets after every other entry; null: read it as it is. */
export function worksheetsLast(path: string): OrderedWorkbook | null {
  const zip = entriesOf(path)
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
