import { writeFileSync } from 'node:fs'
import { deflateRawSync } from 'node:zlib'

// A tiny zip writer for tests that need a container with exactly the bytes they choose: hand-made
// workbooks (any XML, any entry order, stored or deflated entries), damaged entries. Plain zip only:
// no zip64, no data descriptors, no encryption; UTF-8 names (flag bit 11).

export type ZipMethod = 'stored' | 'deflated'

export interface ZipInput {
  name: string
  data: string | Buffer
  /** Default: the `method` given to zipBytes/writeZip, else 'deflated'. */
  method?: ZipMethod
}

/** Where each entry's compressed bytes lie in the written zip (for tests that damage one). */
export interface ZipLayout {
  name: string
  /** Offset of the entry's compressed data in the file. */
  dataStart: number
  compressedSize: number
  size: number
  method: ZipMethod
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (IEEE 802.3, as zip uses it). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** 1980-01-01 00:00 in MS-DOS time and date. */
const DOS_TIME = 0
const DOS_DATE = (0 << 9) | (1 << 5) | 1

function normalise(entries: ZipInput[] | Record<string, string | Buffer>): ZipInput[] {
  return Array.isArray(entries) ? entries : Object.entries(entries).map(([name, data]) => ({ name, data }))
}

/** The zip's bytes, entries in the order given, and where each one's data lies. */
export function zipWithLayout(entries: ZipInput[] | Record<string, string | Buffer>, method: ZipMethod = 'deflated'): { bytes: Buffer; layout: ZipLayout[] } {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  const layout: ZipLayout[] = []
  let offset = 0
  for (const entry of normalise(entries)) {
    const how = entry.method ?? method
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data
    const data = how === 'stored' ? raw : deflateRawSync(raw)
    const name = Buffer.from(entry.name, 'utf8')
    const crc = crc32(raw)
    const code = how === 'stored' ? 0 : 8

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(1 << 11, 6) // UTF-8 names
    local.writeUInt16LE(code, 8)
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(raw.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)

    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4) // version made by
    central.writeUInt16LE(20, 6) // version needed
    central.writeUInt16LE(1 << 11, 8)
    central.writeUInt16LE(code, 10)
    central.writeUInt16LE(DOS_TIME, 12)
    central.writeUInt16LE(DOS_DATE, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(raw.length, 24)
    central.writeUInt16LE(name.length, 28)
    // extra, comment, disk, internal attributes: 0
    central.writeUInt32LE(0, 38) // external attributes
    central.writeUInt32LE(offset, 42)

    locals.push(local, name, data)
    centrals.push(central, name)
    layout.push({ name: entry.name, dataStart: offset + 30 + name.length, compressedSize: data.length, size: raw.length, method: how })
    offset += 30 + name.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(layout.length, 8)
  end.writeUInt16LE(layout.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return { bytes: Buffer.concat([...locals, directory, end]), layout }
}

export function zipBytes(entries: ZipInput[] | Record<string, string | Buffer>, method: ZipMethod = 'deflated'): Buffer {
  return zipWithLayout(entries, method).bytes
}

/** Write a zip of `entries` (in that order) to `path`; returns where each entry's data lies. */
export function writeZip(path: string, entries: ZipInput[] | Record<string, string | Buffer>, method: ZipMethod = 'deflated'): ZipLayout[] {
  const { bytes, layout } = zipWithLayout(entries, method)
  writeFileSync(path, bytes)
  return layout
}
