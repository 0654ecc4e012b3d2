import { sql, type Kysely } from 'kysely'
import type { IpcSuggestion, SimilarAsset, SimilarResult } from '../contract/evaluations'
import { KEY_BASE, syncSearchIndex } from '../archive/search-index'
import { ftsQuery } from '../archive/search-text'
import type { DB } from '../db/schema'
import { ipcMainGroup, terms } from './text-similarity'

// "What has the university already got in this area?" While an evaluation is filled in, the form shows
// archive assets similar to the title and the prior-art summary, and suggests an IPC main group from
// the main IPC of those assets.
//
// This uses the archive's own search index (asset_search — its rowid is a sort key, the asset id is
// rowid % KEY_BASE, see migration 0010; src-main/archive/search*.ts: bigram FTS5, so
// two-character Chinese terms such as 电池 and 芯片 match) in an OR form: the archive's search box wants
// every word (AND); "similar" wants any of the content terms, best first. The query's content bigrams
// (title boilerplate such as 一种……的制备方法 removed) become one FTS5 phrase each, searched in the title
// and abstract columns and ranked by bm25 with the title weighing most — bm25 also weighs rare terms
// (血糖) above common ones (数据). The score shown is the matched share of the query's terms (title terms
// count double), 0..1; an asset needs two shared terms to be shown (one common term is chance).

const MAX_TERMS = 32
const CANDIDATES = 60
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

interface Hit {
  id: number
  kind: string
  app_no: string
  title: string
  abstract: string
  filing_date: string | null
  ipc_main: string | null
  status_group: string
  college: string
}

export async function findSimilarAssets(db: Kysely<DB>, query: SimilarQuery): Promise<SimilarResult> {
  const limit = query.limit ?? 8
  const weighted = queryTerms(query.title, query.text ?? '')
  const phrases = [...new Set(weighted.map((t) => ftsQuery(t.term)).filter((p): p is string => p !== null))]
  if (!phrases.length) return { assets: [], ipc: [] }
  await syncSearchIndex(db)
  // Phrases come from ftsQuery, which quotes every token itself: nothing typed reaches FTS5 syntax.
  const match = `{title abstract} : (${phrases.join(' OR ')})`
  const exclude = query.excludeAssetIds?.length ? sql`AND a.id NOT IN (${sql.join(query.excludeAssetIds)})` : sql``
  const hits = (
    await sql<Hit>`SELECT a.id, a.kind, a.app_no, a.title, a.abstract, a.filing_date, a.ipc_main, a.status_group, a.college
      FROM (SELECT rowid % ${sql.lit(KEY_BASE)} AS id, bm25(asset_search, 4.0, 0.0, 1.0, 0.0) AS score FROM asset_search WHERE asset_search MATCH ${match}
            ORDER BY score LIMIT ${CANDIDATES}) h
      CROSS JOIN ip_asset a ON a.id = h.id
      WHERE 1 ${exclude}
      ORDER BY h.score, a.filing_date DESC`.execute(db)
  ).rows

  const possible = weighted.reduce((s, t) => s + t.weight, 0)
  const minMatched = Math.min(MIN_MATCHED_TERMS, weighted.length)
  const assets: SimilarAsset[] = []
  for (const r of hits) {
    const title = r.title.normalize('NFKC').toLowerCase()
    const abstract = r.abstract.normalize('NFKC').toLowerCase()
    const matched = weighted.filter((t) => title.includes(t.term) || abstract.includes(t.term))
    if (matched.length < minMatched) continue
    // A term found only in the abstract counts half.
    const earned = matched.reduce((s, t) => s + (title.includes(t.term) ? t.weight : t.weight / 2), 0)
    assets.push({
      id: r.id,
      kind: r.kind,
      appNo: r.app_no,
      title: r.title,
      filingDate: r.filing_date,
      ipcMain: r.ipc_main,
      statusGroup: r.status_group,
      college: r.college,
      score: Math.round((earned / possible) * 1000) / 1000,
      matched: matched.map((t) => t.term),
    })
  }
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
