import { deflateSync } from 'node:zlib'

// A minimal RGB raster and PNG encoder: enough to draw a bar chart's rectangles and axis lines when
// the SVG renderer (or a CJK font for its labels) is not available on a machine. No text: the caption
// under the chart in the Word report names the colours and the table next to it gives the numbers.

export class Raster {
  readonly pixels: Uint8Array

  constructor(
    readonly width: number,
    readonly height: number,
    background = '#ffffff',
  ) {
    this.pixels = new Uint8Array(width * height * 3)
    this.fillRect(0, 0, width, height, background)
  }

  /** Fill the pixel-aligned rectangle [x, x+w) × [y, y+h), clipped to the raster. */
  fillRect(x: number, y: number, w: number, h: number, color: string): void {
    const [r, g, b] = parseHex(color)
    const x0 = Math.max(0, Math.round(x))
    const y0 = Math.max(0, Math.round(y))
    const x1 = Math.min(this.width, Math.round(x + w))
    const y1 = Math.min(this.height, Math.round(y + h))
    for (let row = y0; row < y1; row++) {
      let i = (row * this.width + x0) * 3
      for (let col = x0; col < x1; col++) {
        this.pixels[i++] = r
        this.pixels[i++] = g
        this.pixels[i++] = b
      }
    }
  }

  /** Horizontal or vertical line (the only lines a bar chart has). */
  line(x1: number, y1: number, x2: number, y2: number, color: string, width = 1): void {
    if (Math.abs(y1 - y2) < 0.5) this.fillRect(Math.min(x1, x2), y1 - width / 2, Math.abs(x2 - x1), Math.max(1, width), color)
    else if (Math.abs(x1 - x2) < 0.5) this.fillRect(x1 - width / 2, Math.min(y1, y2), Math.max(1, width), Math.abs(y2 - y1), color)
  }

  toPng(): Uint8Array {
    const stride = this.width * 3
    const raw = Buffer.alloc((stride + 1) * this.height)
    for (let row = 0; row < this.height; row++) {
      raw[row * (stride + 1)] = 0 // filter: none
      Buffer.from(this.pixels.buffer, this.pixels.byteOffset + row * stride, stride).copy(raw, row * (stride + 1) + 1)
    }
    const header = Buffer.alloc(13)
    header.writeUInt32BE(this.width, 0)
    header.writeUInt32BE(this.height, 4)
    header[8] = 8 // bit depth
    header[9] = 2 // colour type: RGB
    header[10] = 0
    header[11] = 0
    header[12] = 0
    return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function parseHex(color: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(color)
  if (!m) return [0, 0, 0]
  const n = parseInt(m[1]!, 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
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

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 255]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length, 0)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body), 0)
  return Buffer.concat([length, body, crc])
}

/** Width and height from a PNG's IHDR (tests, and sizing an image in the document). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(png.buffer, png.byteOffset, png.byteLength)
  if (!view.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG')
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) }
}
