import { sql, type Kysely } from 'kysely'
import type { IpcSuggestion, SimilarAsset, SimilarResult } from '../contract/evaluations'
import type { DB } from '../db/schema'
import { ipcMainGroup, terms } from './text-similarity'

// "What has the university already got in this area?" While an evaluation is filled in, the form shows
// archive assets similar to the title and the prior-art summary, and suggests an IPC main group from
// the main IPC of those assets.
//
// Matching: the query's content bigrams (two-character Chinese terms such as 电池, 芯片 — the archive's
// trigram FTS cannot match them) are looked for in each asset's title (weight 2, title terms from the
// evaluation's title count double) and abstract (half as much). The score is the matched weight over
// the query's total weight, 0..1; an asset needs two shared terms to be shown.

const MAX_TERMS = 32
/** A single shared bigram (数据, 装置…) is chance; two make a neighbour worth showing. */
const MIN_MATCHED_TERMS = 2

interface WeightedTerm {
  term: string
  weight: number
}

function queryTerms(title: string, text: string): WeightedTerm[] {
  const fromTitle = terms(title)
  const out: WeightedTerm[] = fromTitle.map((term) => ({ term, weight: 2 }))
  const seen = new Set(fromTitle)
  for (const term of terms(text)) {
    if (out.length >= MAX_TERMS) break
    if (seen.has(term)) continue
    seen.add(term)
    out.push({ term, weight: 1 })
  }
  return out.slice(0, MAX_TERMS)
}

export interface SimilarQuery {
  title: string
  text?: string
  limit?: number
  /** Assets not to show (e.g. the one the evaluation is already linked to). */
  excludeAssetIds?: number[]
}

export async function findSimilarAssets(db: Kysely<DB>, query: SimilarQuery): Promise<SimilarResult> {
  const limit = query.limit ?? 8
  const weighted = queryTerms(query.title, query.text ?? '')
  if (!weighted.length) return { assets: [], ipc: [] }
  const possible = weighted.reduce((s, t) => s + t.weight * 1.5, 0)
  // Per term: title hit earns its weight, abstract hit half of it. Terms are bound parameters.
  const parts = weighted.map(
    ({ term, weight }) => sql`(CASE WHEN instr(lower(title), ${term}) > 0 THEN ${weight} ELSE 0 END + CASE WHEN instr(lower(abstract), ${term}) > 0 THEN ${weight / 2} ELSE 0 END)`,
  )
  const scoreExpr = sql<number>`(${sql.join(parts, sql` + `)})`
  let rows = db
    .selectFrom('ip_asset')
    .select(['id', 'kind', 'app_no', 'title', 'abstract', 'filing_date', 'ipc_main', 'status_group', 'college'])
    .select(scoreExpr.as('hits'))
    .where(scoreExpr, '>', 0)
  if (query.excludeAssetIds?.length) rows = rows.where('id', 'not in', query.excludeAssetIds)
  const found = await rows.orderBy('hits', 'desc').orderBy('filing_date', 'desc').limit(Math.max(limit, 20)).execute()

  const assets: SimilarAsset[] = found
    .map((r) => {
      const hay = `${r.title}\n${r.abstract}`.normalize('NFKC').toLowerCase()
      return {
        id: r.id,
        kind: r.kind,
        appNo: r.app_no,
        title: r.title,
        filingDate: r.filing_date,
        ipcMain: r.ipc_main,
        statusGroup: r.status_group,
        college: r.college,
        score: Math.min(1, Math.round((Number(r.hits) / possible) * 1000) / 1000),
        matched: weighted.filter((t) => hay.includes(t.term)).map((t) => t.term),
      }
    })
    .filter((a) => a.matched.length >= Math.min(MIN_MATCHED_TERMS, weighted.length))
  return { assets: assets.slice(0, limit), ipc: suggestIpc(assets) }
}

/** Main groups of the similar assets' main IPC, weighted by similarity; the best three. */
export function suggestIpc(assets: Pick<SimilarAsset, 'ipcMain' | 'score'>[]): IpcSuggestion[] {
  const groups = new Map<string, { weight: number; count: number; example: string }>()
  for (const asset of assets) {
    const group = ipcMainGroup(asset.ipcMain)
    if (!group) continue
    const g = groups.get(group) ?? { weight: 0, count: 0, example: asset.ipcMain!.trim() }
    g.weight += asset.score
    g.count += 1
    groups.set(group, g)
  }
  return [...groups.entries()]
    .sort((a, b) => b[1].weight - a[1].weight || b[1].count - a[1].count)
    .slice(0, 3)
    .map(([code, g]) => ({ code, count: g.count, example: g.example }))
}
