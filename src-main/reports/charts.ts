import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { AnnualReport } from '../contract/reports'
import { Raster } from './png'

// Charts for the Word report, drawn under Node with no browser.
//
// Why this way: a chart is laid out once as plain shapes (rectangles, lines, text) and then
//  - written as SVG and rasterised by @resvg/resvg-js (prebuilt native binaries for Windows x64/arm64
//    and Linux x64/arm64, no browser, no Cairo), with a CJK font found on the machine for the Chinese
//    labels (Noto Sans CJK / WenQuanYi on Linux, 微软雅黑 / 黑体 on Windows, PingFang on macOS) — the
//    readable chart a report wants; or,
//  - when resvg cannot load (a platform without its binary) or no CJK font is found, drawn by the tiny
//    raster in ./png.ts: the same bars and axes without any text, the caption under the chart naming
//    the colours and the table beside it giving the numbers.
// So a missing font or native module never fails the report; it only costs the labels.

export interface ChartSeries {
  name: string
  color: string
  values: number[]
}

export interface BarChartSpec {
  title: string
  categories: string[]
  series: ChartSeries[]
  /** Unit shown above the y axis, e.g. 件 or 次. */
  unit: string
}

export interface RenderedChart {
  png: Uint8Array
  width: number
  height: number
  /** false: drawn without text (no SVG renderer or no CJK font); the caption must carry the legend. */
  labelled: boolean
}

type Shape =
  | { type: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { type: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number }
  | { type: 'text'; x: number; y: number; text: string; size: number; anchor: 'start' | 'middle' | 'end'; fill: string; bold?: boolean }

const WIDTH = 960
const HEIGHT = 480

export const SERIES_COLORS = ['#3b5bdb', '#2f9e44', '#f08c00', '#c2255c', '#1098ad'] as const
/** Chinese names of SERIES_COLORS, for captions of charts drawn without text. */
export const COLOR_NAMES: Record<string, string> = { '#3b5bdb': '蓝色', '#2f9e44': '绿色', '#f08c00': '橙色', '#c2255c': '红色', '#1098ad': '青色' }

/** A round axis maximum (a multiple of 1, 2 or 5 × 10^n, at least 1) at or above `max`, and its tick step. */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (max <= 0) return { max: ticks, step: 1 }
  const rough = max / ticks
  const magnitude = 10 ** Math.floor(Math.log10(rough))
  const step = Math.max(1, [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= rough) ?? 10 * magnitude)
  return { max: step * Math.ceil(max / step), step }
}

/** Lay out a grouped bar chart as shapes. */
export function layoutBarChart(spec: BarChartSpec): Shape[] {
  const left = 84
  const right = 24
  const top = 72
  const bottom = spec.series.length > 1 ? 104 : 70
  const plotW = WIDTH - left - right
  const plotH = HEIGHT - top - bottom
  const maxValue = Math.max(0, ...spec.series.flatMap((s) => s.values))
  const scale = niceScale(maxValue)
  const y = (v: number) => top + plotH - (v / scale.max) * plotH
  const shapes: Shape[] = [
    { type: 'text', x: WIDTH / 2, y: 38, text: spec.title, size: 30, anchor: 'middle', fill: '#1a1b1e', bold: true },
    { type: 'text', x: left - 10, y: top - 14, text: `（${spec.unit}）`, size: 19, anchor: 'end', fill: '#495057' },
  ]
  for (let v = 0; v <= scale.max; v += scale.step) {
    shapes.push({ type: 'line', x1: left, y1: y(v), x2: left + plotW, y2: y(v), stroke: v === 0 ? '#495057' : '#dee2e6', width: v === 0 ? 2 : 1 })
    shapes.push({ type: 'text', x: left - 10, y: y(v) + 5, text: String(v), size: 19, anchor: 'end', fill: '#495057' })
  }
  shapes.push({ type: 'line', x1: left, y1: top, x2: left, y2: top + plotH, stroke: '#495057', width: 2 })
  const groupW = plotW / Math.max(1, spec.categories.length)
  const barGap = spec.series.length > 1 ? 6 : 0
  const barW = Math.max(4, Math.min(72, (groupW * 0.72 - barGap * (spec.series.length - 1)) / spec.series.length))
  const groupBarsW = barW * spec.series.length + barGap * (spec.series.length - 1)
  spec.categories.forEach((category, c) => {
    const x0 = left + c * groupW + (groupW - groupBarsW) / 2
    spec.series.forEach((series, s) => {
      const value = series.values[c] ?? 0
      const x = x0 + s * (barW + barGap)
      const h = (value / scale.max) * plotH
      if (h > 0) shapes.push({ type: 'rect', x, y: top + plotH - h, w: barW, h, fill: series.color })
      if (value > 0) shapes.push({ type: 'text', x: x + barW / 2, y: top + plotH - h - 6, text: String(value), size: barW < 40 ? 17 : 20, anchor: 'middle', fill: '#343a40' })
    })
    shapes.push({ type: 'text', x: left + c * groupW + groupW / 2, y: top + plotH + 30, text: category, size: 20, anchor: 'middle', fill: '#343a40' })
  })
  if (spec.series.length > 1) {
    const itemW = 150
    let x = WIDTH / 2 - (itemW * spec.series.length) / 2
    const ly = HEIGHT - 30
    for (const series of spec.series) {
      shapes.push({ type: 'rect', x, y: ly - 14, w: 18, h: 18, fill: series.color })
      shapes.push({ type: 'text', x: x + 26, y: ly + 1, text: series.name, size: 20, anchor: 'start', fill: '#343a40' })
      x += itemW
    }
  }
  return shapes
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

const FONT_FAMILY = "'Noto Sans CJK SC', 'Microsoft YaHei', 'SimHei', 'WenQuanYi Micro Hei', 'PingFang SC', 'Source Han Sans SC', sans-serif"

export function toSvg(shapes: Shape[], options: { text: boolean } = { text: true }): string {
  const body = shapes
    .map((s) => {
      switch (s.type) {
        case 'rect':
          return `<rect x="${s.x.toFixed(1)}" y="${s.y.toFixed(1)}" width="${s.w.toFixed(1)}" height="${s.h.toFixed(1)}" fill="${s.fill}"/>`
        case 'line':
          return `<line x1="${s.x1.toFixed(1)}" y1="${s.y1.toFixed(1)}" x2="${s.x2.toFixed(1)}" y2="${s.y2.toFixed(1)}" stroke="${s.stroke}" stroke-width="${s.width}"/>`
        case 'text':
          return options.text
            ? `<text x="${s.x.toFixed(1)}" y="${s.y.toFixed(1)}" font-size="${s.size}" text-anchor="${s.anchor}" fill="${s.fill}"${s.bold ? ' font-weight="bold"' : ''}>${escapeXml(s.text)}</text>`
            : ''
        default: {
          const unreachable: never = s
          return unreachable
        }
      }
    })
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${FONT_FAMILY}"><rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>${body}</svg>`
}

/** The same chart without text, drawn without any native module. */
export function rasterize(shapes: Shape[]): Uint8Array {
  const raster = new Raster(WIDTH, HEIGHT)
  for (const s of shapes) {
    if (s.type === 'rect') raster.fillRect(s.x, s.y, s.w, s.h, s.fill)
    else if (s.type === 'line') raster.line(s.x1, s.y1, s.x2, s.y2, s.stroke, s.width)
  }
  return raster.toPng()
}

const FONT_FILE_PATTERN = /(notosanscjk|notoserifcjk|sourcehansans|wqy|droidsansfallback|msyh|simhei|simsun|simkai|deng|pingfang|stheiti|hiragino.*gb|ukai|uming|fzhei|fzsong|arialuni)/i

/** Well-known places first (fast), then a bounded walk of the usual font folders. */
function fontCandidates(): string[] {
  const windir = process.env.WINDIR ?? process.env.SystemRoot ?? 'C:\\Windows'
  return [
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
    '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc',
    '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
    '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
    join(windir, 'Fonts', 'msyh.ttc'),
    join(windir, 'Fonts', 'msyh.ttf'),
    join(windir, 'Fonts', 'simhei.ttf'),
    join(windir, 'Fonts', 'simsun.ttc'),
    '/System/Library/Fonts/PingFang.ttc',
    '/System/Library/Fonts/STHeiti Medium.ttc',
    '/Library/Fonts/Arial Unicode.ttf',
  ]
}

function walkFonts(dir: string, depth: number, found: string[]): void {
  if (depth < 0 || found.length) return
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return
  }
  for (const name of entries) {
    const path = join(dir, name)
    if (/\.(ttf|ttc|otf)$/i.test(name) && FONT_FILE_PATTERN.test(name)) {
      found.push(path)
      return
    }
    try {
      if (statSync(path).isDirectory()) walkFonts(path, depth - 1, found)
    } catch {
      // unreadable entry: skip
    }
    if (found.length) return
  }
}

let cachedFont: string | null | undefined

/** A font file with Chinese glyphs, or null. IPDESK_CJK_FONT names one explicitly ('' = none). */
export function findCjkFont(): string | null {
  const override = process.env.IPDESK_CJK_FONT
  if (override !== undefined) return override && existsSync(override) ? override : null
  if (cachedFont !== undefined) return cachedFont
  cachedFont = fontCandidates().find((p) => existsSync(p)) ?? null
  if (!cachedFont) {
    const found: string[] = []
    for (const dir of ['/usr/share/fonts', '/usr/local/share/fonts', join(process.env.HOME ?? '', '.local/share/fonts'), join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts')]) {
      walkFonts(dir, 4, found)
      if (found.length) break
    }
    cachedFont = found[0] ?? null
  }
  return cachedFont
}

interface ResvgModule {
  /** Renders on libuv's thread pool: the event loop (progress, cancel, other work) keeps running. */
  renderAsync(svg: string, options?: { font?: { fontFiles?: string[]; loadSystemFonts?: boolean; defaultFontFamily?: string } }): Promise<{ asPng(): Uint8Array }>
}

let resvgModule: Promise<ResvgModule | null> | undefined

async function loadResvg(): Promise<ResvgModule | null> {
  resvgModule ??= import('@resvg/resvg-js').then(
    (m) => (m as unknown as { default?: ResvgModule }).default ?? (m as unknown as ResvgModule),
    () => null,
  )
  return resvgModule
}

export interface RenderOptions {
  /** Font file for the labels; undefined = look for one; null = draw without text. */
  fontFile?: string | null
  /** Skip the native renderer (tests of the fallback). */
  noNative?: boolean
}

/** Render a chart to PNG; labelled when an SVG renderer and a CJK font are there, plain otherwise. */
export async function renderBarChart(spec: BarChartSpec, options: RenderOptions = {}): Promise<RenderedChart> {
  const shapes = layoutBarChart(spec)
  const font = options.fontFile === undefined ? findCjkFont() : options.fontFile
  const resvg = options.noNative ? null : await loadResvg()
  if (resvg && font) {
    try {
      // resvg reads the font file for every text run (no memory map in this build): a 20 MB CJK font
      // costs ~25 ms per label, so a chart takes about a second — off the main thread.
      const rendered = await resvg.renderAsync(toSvg(shapes), { font: { fontFiles: [font], loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK SC' } })
      const png = rendered.asPng()
      return { png, width: WIDTH, height: HEIGHT, labelled: true }
    } catch {
      // A font file resvg cannot read: fall through to the plain chart.
    }
  }
  return { png: rasterize(shapes), width: WIDTH, height: HEIGHT, labelled: false }
}

export const KIND_SERIES = [
  { key: 'invention', name: '发明', color: SERIES_COLORS[0] },
  { key: 'utility', name: '实用新型', color: SERIES_COLORS[1] },
  { key: 'design', name: '外观设计', color: SERIES_COLORS[2] },
] as const

/** 图：近三年专利授权量（按类型）. */
export function grantsChartSpec(report: AnnualReport): BarChartSpec {
  const rows = report.patents.grants
  return {
    title: `${rows[0]!.year}—${rows[rows.length - 1]!.year} 年专利授权量（按类型）`,
    categories: rows.map((r) => `${r.year}年`),
    series: KIND_SERIES.map((k) => ({ name: k.name, color: k.color, values: rows.map((r) => r.counts[k.key]) })),
    unit: '件',
  }
}

/** 图：咨询服务月度分布. */
export function consultationsChartSpec(report: AnnualReport): BarChartSpec {
  return {
    title: `${report.year} 年咨询服务月度分布`,
    categories: report.services.consultations.byMonth.map((_v, i) => `${i + 1}月`),
    series: [{ name: '咨询', color: SERIES_COLORS[0], values: report.services.consultations.byMonth }],
    unit: '次',
  }
}

/** Caption text naming the colours, for a chart drawn without labels. */
export function legendCaption(spec: BarChartSpec): string {
  return spec.series.map((s) => `${COLOR_NAMES[s.color] ?? s.color}：${s.name}`).join('；')
}
