import raw from '../../resources/data/cn_patents_pubno_title_ipc_9740.csv?raw'

// 9,740 real Chinese patent titles with their IPC subclasses (see resources/data/SOURCES.md). The demo
// archive and the benchmark borrow titles and IPC from them so search and reports work on real text;
// numbers, dates and people are invented.

export interface RealTitle {
  kindCode: string // A, B or U from the publication number
  title: string
  ipc: string[]
}

function parseLine(line: string): [string, string, string] | null {
  const first = line.indexOf(',')
  const last = line.lastIndexOf(',')
  if (first < 0 || last <= first) return null
  let title = line.slice(first + 1, last)
  if (title.startsWith('"') && title.endsWith('"')) title = title.slice(1, -1).replace(/""/g, '"')
  return [line.slice(0, first), title, line.slice(last + 1)]
}

let cache: RealTitle[] | null = null
export function realTitles(): RealTitle[] {
  if (cache) return cache
  cache = []
  for (const line of raw.split(/\r?\n/).slice(1)) {
    const parts = parseLine(line.trim())
    if (!parts) continue
    const [pubNo, title, ipc] = parts
    cache.push({ kindCode: pubNo.slice(-1), title, ipc: ipc.split('|').filter(Boolean) })
  }
  return cache
}
