import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/** Per-machine preferences of the desktop shell (not part of any archive). */
export interface AppConfig {
  lastArchive: string | null
}

export function loadAppConfig(file: string): AppConfig {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<AppConfig>
    return { lastArchive: typeof raw.lastArchive === 'string' ? raw.lastArchive : null }
  } catch {
    return { lastArchive: null }
  }
}

export function saveAppConfig(file: string, config: AppConfig): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(`${file}.tmp`, JSON.stringify(config, null, 2))
  renameSync(`${file}.tmp`, file)
}
