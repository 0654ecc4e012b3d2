import raw from '../../resources/pool/ipc_sections_classes_zh.csv?raw'

// IPC sections and classes with their Chinese titles (resources/pool/README.md says where they come
// from). The inventory filters by the section or class of a patent's main IPC and shows the class title.

export interface IpcEntry {
  code: string
  level: 'section' | 'class'
  section: string
  title: string
}

let cache: { list: IpcEntry[]; byCode: Map<string, IpcEntry> } | null = null

function load(): { list: IpcEntry[]; byCode: Map<string, IpcEntry> } {
  if (cache) return cache
  const list: IpcEntry[] = []
  for (const line of raw.split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue
    // No field holds an ASCII comma (Chinese titles use full-width punctuation): a plain split is exact.
    const [level, code, section, title] = line.split(',')
    if ((level !== 'section' && level !== 'class') || !code || !section || !title) continue
    list.push({ code, level, section, title })
  }
  cache = { list, byCode: new Map(list.map((e) => [e.code, e])) }
  return cache
}

export function ipcEntries(): IpcEntry[] {
  return load().list
}

/** The class (3 characters, e.g. G06) of an IPC symbol such as 'G06F 16/35' or 'g06f16/35'. */
export function ipcClassOf(symbol: string | null | undefined): string | null {
  const m = /^\s*([A-Ha-h])\s*(\d{2})/.exec(symbol ?? '')
  return m ? `${m[1]!.toUpperCase()}${m[2]}` : null
}

/** 'G06 计算；推算；计数' for a main IPC, or null when the class is unknown. */
export function ipcClassTitle(symbol: string | null | undefined): string | null {
  const cls = ipcClassOf(symbol)
  if (!cls) return null
  const entry = load().byCode.get(cls)
  return entry ? entry.title : null
}

export function ipcTitle(code: string): string | null {
  return load().byCode.get(code.toUpperCase())?.title ?? null
}
