import { z } from 'zod'
import { getChannel, isChannelName } from '../contract/channels'
import type { Archive } from '../db/connection'
import type { Dispatcher } from '../ipc/dispatcher'
import { summarize } from './measure'

// Search latency as the window sees it: through the dispatcher (contract parsing, handler, output
// check), for a fixed set of 1-, 2-, 3- and 4-character Chinese queries and number look-ups.

export const SEARCH_QUERIES = {
  '1 字': ['电', '光', '磁', '钢'],
  '2 字': ['电池', '材料', '检测', '传感', '图像', '算法'],
  '3 字': ['传感器', '锂电池', '机器人', '催化剂'],
  '4 字': ['人工智能', '图像处理', '复合材料', '检测方法'],
} as const

const REPEATS = 10

/** Number look-ups in the spellings librarians type: as stored, bare digits, with prefixes. */
export function numberQueries(archive: Archive): string[] {
  const rows = archive.sqlite.prepare("SELECT app_no, pub_no FROM ip_asset WHERE kind = 'invention' AND pub_no IS NOT NULL ORDER BY id DESC LIMIT 3").all() as { app_no: string; pub_no: string }[]
  return rows.flatMap((r) => [r.app_no, `CN${r.app_no}`, r.app_no.replace('.', ''), r.pub_no])
}

/** The input key that carries the search text in today's 'archive:search' contract. */
function queryKey(): string | null {
  const input = getChannel('archive:search' as never).input
  if (!(input instanceof z.ZodObject)) return null
  const keys = Object.keys(input.shape as Record<string, unknown>)
  return ['q', 'query', 'text', 'keyword', 'term'].find((k) => keys.includes(k)) ?? null
}

export interface SearchFigures {
  indexBuildMs: number
  overall: ReturnType<typeof summarize>
  byKind: Record<string, ReturnType<typeof summarize>>
  hits: Record<string, number>
}

/** null when the archive area's search channel does not exist yet. */
export async function measureSearch(dispatcher: Dispatcher, archive: Archive): Promise<SearchFigures | null> {
  if (!isChannelName('archive:search')) return null
  const key = queryKey()
  if (!key) throw new Error('archive:search 的输入中找不到查询字段（q / query / text）')
  const call = async (q: string) => {
    const result = await dispatcher.dispatch('archive:search', { [key]: q }, { kind: 'cli' })
    if (!result.ok) throw new Error(`archive:search “${q}” 失败：${result.error.message}`)
    return result.value as { total?: number; rows?: unknown[] }
  }
  // The first search brings the index up to date (a fresh archive has every asset queued).
  const start = performance.now()
  await call('电池')
  const indexBuildMs = performance.now() - start

  const kinds: Record<string, readonly string[]> = { ...SEARCH_QUERIES, 号码: numberQueries(archive) }
  const all: number[] = []
  const byKind: SearchFigures['byKind'] = {}
  const hits: Record<string, number> = {}
  for (const [kind, queries] of Object.entries(kinds)) {
    const samples: number[] = []
    for (const q of queries) {
      const first = await call(q) // warm this query's pages once
      hits[q] = typeof first.total === 'number' ? first.total : (first.rows?.length ?? 0)
      for (let i = 0; i < REPEATS; i++) {
        const t = performance.now()
        await call(q)
        samples.push(performance.now() - t)
      }
    }
    byKind[kind] = summarize(samples)
    all.push(...samples)
  }
  return { indexBuildMs, overall: summarize(all), byKind, hits }
}
