// The benchmark's figures: one row each in the printed table and one entry in the JSON. Targets come
// from issue 8 (item 5); a figure is a number to compare between runs and machines, never a pass/fail
// test.

export type FigureStatus = 'measured' | 'pending' | 'failed'

export interface Figure {
  /** Stable key in bench-results.json. */
  id: string
  label: string
  value: number | null
  unit: 'ms' | 's' | 'MB' | '×' | ''
  /** Upper bound the figure should stay under. */
  target: number | null
  status: FigureStatus
  /** How it was measured, or what is missing for it to be measured. */
  note: string
  detail?: Record<string, unknown>
}

export function measured(id: string, label: string, value: number, unit: Figure['unit'], target: number | null, note: string, detail?: Record<string, unknown>): Figure {
  return { id, label, value, unit, target, status: 'measured', note, ...(detail ? { detail } : {}) }
}

export function pending(id: string, label: string, unit: Figure['unit'], target: number | null, note: string): Figure {
  return { id, label, value: null, unit, target, status: 'pending', note }
}

export function failed(id: string, label: string, unit: Figure['unit'], target: number | null, error: unknown): Figure {
  return { id, label, value: null, unit, target, status: 'failed', note: error instanceof Error ? error.message : String(error) }
}

/** Terminal columns a string takes: CJK and full-width forms are two wide. */
export function displayWidth(s: string): number {
  let width = 0
  for (const ch of s) {
    const code = ch.codePointAt(0)!
    width += (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x20000 ? 2 : 1
  }
  return width
}

function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)))
  return right ? fill + s : s + fill
}

function formatValue(f: Figure): string {
  if (f.value === null) return f.status === 'pending' ? '待测' : '失败'
  const digits = f.unit === '×' ? 2 : f.value < 10 ? 1 : 0
  return `${f.value.toFixed(digits)}${f.unit ? ` ${f.unit}` : ''}`
}

function verdict(f: Figure): string {
  if (f.status !== 'measured' || f.value === null) return f.status === 'pending' ? '—' : '✗'
  if (f.target === null) return ''
  return f.value <= f.target ? '✓' : '✗'
}

/** One table, aligned for a terminal (and for pasting into the README as a code block). */
export function renderTable(figures: readonly Figure[]): string {
  const rows = [['指标 figure', '结果 result', '目标 target', '', '说明 note'], ...figures.map((f) => [f.label, formatValue(f), f.target === null ? '' : `≤ ${f.target}${f.unit ? ` ${f.unit}` : ''}`, verdict(f), f.note])]
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c]!))))
  const line = (r: string[]) => r.map((cell, c) => pad(cell, c === 4 ? 0 : widths[c]!, c === 1 || c === 2)).join('  ').trimEnd()
  const rule = widths.map((w, c) => '─'.repeat(c === 4 ? Math.min(w, 40) : w)).join('  ')
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n')
}
