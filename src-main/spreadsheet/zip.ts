import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs'
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib'

// The zip container of a workbook, read through its central directory: which entries there are, where
// each one's bytes lie, and those bytes inflated — for one small part at once, for a worksheet as a
// stream. Only what .xlsx files use is handled (stored or deflated entries, no encryption, no zip64);
// anything else returns null so that the caller can leave the file to exceljs as it is.

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
/** The end-of-central-directory record is 22 bytes plus a comment of at most 65,535. */
const EOCD_SEARCH = 22 + 65_535

/** The most readEntry inflates (a 100,000-row list's shared strings are some 30 MB). */
export const MAX_PART_BYTES = 256 * 1024 * 1024

const STORED = 0
const DEFLATED = 8

export interface ZipEntry {
  name: string
  /** Offset of the entry's local header. */
  start: number
  /** Where the entry ends (its data descriptor included): the next entry's start, or the directory's. */
  end: number
  method: number
  compressedSize: number
  size: number
  /** General-purpose flags; bit 0 = encrypted. */
  flags: number
  /** CRC-32 of the inflated bytes, as the central directory gives it. */
  crc: number
}

export interface ZipDirectory {
  /** In the order they are stored in the file. */
  entries: ZipEntry[]
  directoryStart: number
  /** The file's size in bytes. */
  size: number
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length)
  const read = readSync(fd, buffer, 0, length, position)
  return read === length ? buffer : buffer.subarray(0, read)
}

/** The entries of the zip file at `path`, in file order; null when it is no zip this module can read. */
export function zipDirectory(path: string): ZipDirectory | null {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return null
  }
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
    // zip64 markers: not for this module.
    if (count === 0xffff || directorySize === 0xffffffff || directoryStart === 0xffffffff) return null
    if (directoryStart + directorySize > size) return null
    const directory = readAt(fd, directoryStart, directorySize)
    const listed: Omit<ZipEntry, 'end'>[] = []
    let p = 0
    for (let i = 0; i < count; i++) {
      if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) return null
      const flags = directory.readUInt16LE(p + 8)
      const method = directory.readUInt16LE(p + 10)
      const crc = directory.readUInt32LE(p + 16)
      const compressedSize = directory.readUInt32LE(p + 20)
      const uncompressed = directory.readUInt32LE(p + 24)
      const nameLength = directory.readUInt16LE(p + 28)
      const extraLength = directory.readUInt16LE(p + 30)
      const commentLength = directory.readUInt16LE(p + 32)
      const start = directory.readUInt32LE(p + 42)
      if (start === 0xffffffff || compressedSize === 0xffffffff || uncompressed === 0xffffffff) return null
      listed.push({ name: directory.toString('utf8', p + 46, p + 46 + nameLength), start, method, compressedSize, size: uncompressed, flags, crc })
      p += 46 + nameLength + extraLength + commentLength
    }
    listed.sort((a, b) => a.start - b.start)
    const entries: ZipEntry[] = []
    for (let i = 0; i < listed.length; i++) {
      const entry = listed[i]!
      const signature = readAt(fd, entry.start, 4)
      if (signature.length < 4 || signature.readUInt32LE(0) !== LOCAL) return null
      entries.push({ ...entry, end: i + 1 < listed.length ? listed[i + 1]!.start : directoryStart })
    }
    return { entries, directoryStart, size }
  } catch {
    return null
  } finally {
    closeSync(fd)
  }
}

/** Throws when the inflated bytes are not the entry's: damaged data can inflate without an error. */
function checkEntry(entry: ZipEntry, crc: number, size: number): void {
  if (crc !== entry.crc || size !== entry.size) throw new Error(`zip entry ${entry.name}: CRC-32 or size does not match`)
}

/** Whether this module can inflate the entry (stored or deflated, not encrypted). */
export function readableEntry(entry: ZipEntry): boolean {
  return (entry.method === STORED || entry.method === DEFLATED) && (entry.flags & 1) === 0
}

/** Where the entry's compressed bytes begin (after its local header, whose name and extra may differ from the directory's). */
function dataStart(fd: number, entry: ZipEntry): number {
  const header = readAt(fd, entry.start, 30)
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw new Error(`zip entry ${entry.name}: no local header`)
  return entry.start + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
}

/** The whole entry, inflated (for the small parts of a workbook: its relations, styles, shared strings). */
export function readEntry(path: string, entry: ZipEntry, maxBytes = MAX_PART_BYTES): Buffer {
  const fd = openSync(path, 'r')
  try {
    const start = dataStart(fd, entry)
    const raw = readAt(fd, start, entry.compressedSize)
    if (raw.length < entry.compressedSize) throw new Error(`zip entry ${entry.name}: truncated`)
    // A part read at once is small in any real workbook; a part that inflates past this is a zip bomb or
    // damage, and stops here (the caller then leaves the file to exceljs, which streams it).
    const data = entry.method === STORED ? raw : inflateRawSync(raw, { maxOutputLength: maxBytes })
    checkEntry(entry, crc32(data), data.length)
    return data
  } finally {
    closeSync(fd)
  }
}

/**
 * The entry's bytes, inflated, as they stream from the file. `onCompressed` is told of each chunk of
 * the file read (for progress). Throws from the iteration when the data is damaged — when it cannot be
 * inflated, or, read to its end, its CRC-32 or size is not the entry's.
 */
export async function* streamEntry(path: string, entry: ZipEntry, onCompressed?: (bytes: number) => void): AsyncGenerator<Buffer> {
  const fd = openSync(path, 'r')
  let start: number
  try {
    start = dataStart(fd, entry)
  } finally {
    closeSync(fd)
  }
  if (entry.compressedSize === 0) return checkEntry(entry, 0, 0)
  let crc = 0
  let size = 0
  const file = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 20 })
  if (entry.method === STORED) {
    try {
      for await (const chunk of file) {
        onCompressed?.((chunk as Buffer).length)
        crc = crc32(chunk as Buffer, crc)
        size += (chunk as Buffer).length
        yield chunk as Buffer
      }
      checkEntry(entry, crc, size)
    } finally {
      file.destroy()
    }
    return
  }
  const inflate = createInflateRaw({ chunkSize: 1 << 20 })
  file.on('data', (chunk: string | Buffer) => onCompressed?.(chunk.length))
  file.on('error', (error) => inflate.destroy(error))
  file.pipe(inflate)
  try {
    for await (const chunk of inflate) {
      crc = crc32(chunk as Buffer, crc)
      size += (chunk as Buffer).length
      yield chunk as Buffer
    }
    checkEntry(entry, crc, size)
  } finally {
    file.unpipe(inflate)
    file.destroy()
    inflate.destroy()
  }
}
