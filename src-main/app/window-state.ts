import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export interface WindowState {
  width: number
  height: number
  x?: number
  y?: number
  maximized: boolean
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1360, height: 860, maximized: false }

/** Read the remembered window bounds; anything unreadable or implausible falls back to defaults. */
export function loadWindowState(file: string): WindowState {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>
    const ok = (n: unknown, min: number) => typeof n === 'number' && Number.isFinite(n) && n >= min
    if (!ok(raw.width, 400) || !ok(raw.height, 300)) return { ...DEFAULT_WINDOW_STATE }
    return {
      width: Math.min(raw.width!, 10000),
      height: Math.min(raw.height!, 10000),
      ...(ok(raw.x, -10000) && ok(raw.y, -10000) ? { x: raw.x!, y: raw.y! } : {}),
      maximized: raw.maximized === true,
    }
  } catch {
    return { ...DEFAULT_WINDOW_STATE }
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true })
  const partial = `${file}.tmp`
  writeFileSync(partial, JSON.stringify(state))
  renameSync(partial, file)
}
