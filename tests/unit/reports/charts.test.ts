import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { findCjkFont, layoutBarChart, legendCaption, niceScale, renderBarChart, toSvg, type BarChartSpec } from '../../../src-main/reports/charts'
import { pngSize, Raster } from '../../../src-main/reports/png'
import { tempDir } from '../helpers/temp'

const SPEC: BarChartSpec = {
  title: '2023—2025 年专利授权量（按类型）',
  categories: ['2023年', '2024年', '2025年'],
  series: [
    { name: '发明', color: '#3b5bdb', values: [120, 140, 151] },
    { name: '实用新型', color: '#2f9e44', values: [80, 60, 75] },
    { name: '外观设计', color: '#f08c00', values: [5, 0, 9] },
  ],
  unit: '件',
}

/** RGB of pixel (x, y) of an 8-bit RGB or RGBA PNG with filter 0 or any filter on a solid area's first pixel row. */
function decode(png: Uint8Array): { width: number; height: number; channels: number; rows: Buffer[] } {
  const buf = Buffer.from(png)
  const { width, height } = pngSize(png)
  const colourType = buf[25]!
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 1
  const idat: Buffer[] = []
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off)
    const type = buf.toString('latin1', off + 4, off + 8)
    if (type === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len))
    off += 12 + len
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const rows: Buffer[] = []
  let prev = Buffer.alloc(stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)))
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels]! : 0
      const b = prev[i]!
      const c = i >= channels ? prev[i - channels]! : 0
      const p = a + b - c
      const pred = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? (Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c) : 0
      line[i] = (line[i]! + pred) & 255
    }
    rows.push(line)
    prev = line
  }
  return { width, height, channels, rows }
}

function countColour(png: Uint8Array, hex: string): number {
  const { rows, channels, width } = decode(png)
  const n = parseInt(hex.slice(1), 16)
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255]
  let count = 0
  for (const row of rows) for (let x = 0; x < width; x++) if (row[x * channels] === r && row[x * channels + 1] === g && row[x * channels + 2] === b) count++
  return count
}

describe('charts', () => {
  it('rounds the axis to 1/2/5 steps', () => {
    expect(niceScale(0)).toEqual({ max: 5, step: 1 })
    expect(niceScale(3)).toEqual({ max: 3, step: 1 })
    expect(niceScale(151)).toEqual({ max: 200, step: 50 })
    expect(niceScale(1234)).toEqual({ max: 1500, step: 500 })
  })

  it('lays out one bar per non-zero value, taller for larger values', () => {
    const rects = layoutBarChart(SPEC).filter((s) => s.type === 'rect' && s.w < 100 && s.h > 0 && s.y < 400) as { h: number; fill: string }[]
    const bars = rects.filter((r) => r.h > 18 || r.fill !== '#3b5bdb') // legend squares are 18 px
    expect(bars.length).toBeGreaterThanOrEqual(8)
    const invention = layoutBarChart(SPEC).filter((s) => s.type === 'rect' && s.fill === '#3b5bdb' && s.h > 18) as { h: number }[]
    expect(invention.map((r) => Math.round(r.h))).toEqual([...invention.map((r) => Math.round(r.h))].sort((a, b) => a - b))
    const svg = toSvg(layoutBarChart(SPEC))
    expect(svg).toContain('实用新型')
    expect(svg).toContain('>151<')
    expect(toSvg(layoutBarChart(SPEC), { text: false })).not.toContain('<text')
  })

  it('encodes a valid PNG without any native module', () => {
    const raster = new Raster(40, 20)
    raster.fillRect(10, 5, 10, 10, '#3b5bdb')
    const png = raster.toPng()
    expect(pngSize(png)).toEqual({ width: 40, height: 20 })
    expect(countColour(png, '#3b5bdb')).toBe(100)
    expect(countColour(png, '#ffffff')).toBe(700)
  })

  it('falls back to a plain chart (bars, no labels) when no CJK font is available', async () => {
    const chart = await renderBarChart(SPEC, { fontFile: null })
    expect(chart.labelled).toBe(false)
    expect(pngSize(chart.png)).toEqual({ width: 960, height: 480 })
    expect(countColour(chart.png, '#3b5bdb')).toBeGreaterThan(5000)
    expect(countColour(chart.png, '#f08c00')).toBeGreaterThan(500)
    expect(legendCaption(SPEC)).toBe('蓝色：发明；绿色：实用新型；橙色：外观设计')
    const native = await renderBarChart(SPEC, { noNative: true })
    expect(native.labelled).toBe(false)
  })

  it('draws labelled charts with the machine’s CJK font', async () => {
    const font = findCjkFont()
    // CI installs fonts-noto-cjk; a developer machine without any CJK font still gets the plain chart.
    expect(font === null || existsSync(font)).toBe(true)
    if (!font) return
    const chart = await renderBarChart(SPEC)
    expect(chart.labelled).toBe(true)
    expect(pngSize(chart.png)).toEqual({ width: 960, height: 480 })
    // Labels are drawn: dark text pixels appear that the plain chart does not have.
    const plain = await renderBarChart(SPEC, { fontFile: null })
    const dark = (png: Uint8Array) => {
      const { rows, channels, width } = decode(png)
      let n = 0
      for (const row of rows.slice(0, 50)) for (let x = 0; x < width; x++) if (row[x * channels]! < 80) n++
      return n
    }
    expect(dark(chart.png)).toBeGreaterThan(200) // the title
    expect(dark(plain.png)).toBe(0)
    writeFileSync(join(tempDir(), 'chart.png'), chart.png)
  })
})
