import { sql, type Kysely } from 'kysely'
import type { Claim, EvidenceAsset, EvidenceInventor } from '../contract/disclosures'
import type { DB, LinkState } from '../db/schema'
import { compactNumber, lookupKey, planLookup, type ArchiveRecord, type ArchiveView, type LookupBy, type PortfolioEntry } from './verify'

// Reads the archive evidence for a whole claim list in a few batched, indexed queries (ip_asset by
// app_no / pub_no / grant_no, their inventors, the researcher's own assets), so 1,000 claims cost a
// handful of statements rather than thousands. The engine (verify.ts) then works on plain data.

const CHUNK = 400

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const ASSET_COLUMNS = [
  'id',
  'kind',
  'app_no',
  'title',
  'filing_date',
  'pub_no',
  'pub_date',
  'grant_no',
  'grant_date',
  'status_group',
  'status_event',
  'status_raw',
  'status_date',
  'university_owned',
  'applicants',
  'current_owner',
  'college',
] as const

interface AssetRow {
  id: number
  kind: EvidenceAsset['kind']
  app_no: string
  title: string
  filing_date: string | null
  pub_no: string | null
  pub_date: string | null
  grant_no: string | null
  grant_date: string | null
  status_group: EvidenceAsset['statusGroup']
  status_event: string
  status_raw: string
  status_date: string | null
  university_owned: number
  applicants: string
  current_owner: string
  college: string
}

function toEvidenceAsset(row: AssetRow): EvidenceAsset {
  return {
    id: row.id,
    kind: row.kind,
    appNo: row.app_no,
    title: row.title,
    filingDate: row.filing_date,
    pubNo: row.pub_no,
    pubDate: row.pub_date,
    grantNo: row.grant_no,
    grantDate: row.grant_date,
    statusGroup: row.status_group,
    statusEvent: row.status_event,
    statusRaw: row.status_raw,
    statusDate: row.status_date,
    universityOwned: row.university_owned === 1,
    applicants: row.applicants,
    currentOwner: row.current_owner,
    college: row.college,
  }
}

function parseIds(json: string): number[] {
  try {
    const value = JSON.parse(json) as unknown
    return Array.isArray(value) ? value.filter((v): v is number => Number.isInteger(v)) : []
  } catch {
    return []
  }
}

/** The number lookup (exposed for the EXPLAIN QUERY PLAN test: each column has its own index). */
export function assetLookupQuery(db: Kysely<DB>, column: 'app_no' | 'pub_no' | 'grant_no', values: readonly string[]) {
  return db.selectFrom('ip_asset').select(ASSET_COLUMNS).where(column, 'in', values)
}

async function assetsWhere(db: Kysely<DB>, column: 'app_no' | 'pub_no' | 'grant_no', values: readonly string[]): Promise<AssetRow[]> {
  const rows: AssetRow[] = []
  for (const part of chunks([...new Set(values)])) {
    if (!part.length) continue
    rows.push(...((await assetLookupQuery(db, column, part).execute()) as AssetRow[]))
  }
  return rows
}

/** Everything the engine needs to verify `claims` for one researcher. */
export async function loadArchiveView(db: Kysely<DB>, researcher: { id: number; name: string }, claims: readonly Claim[], currentYear: number): Promise<ArchiveView> {
  const wanted: Record<LookupBy, string[]> = { app_no: [], pub_no: [], grant_no: [], raw: [] }
  for (const claim of claims) {
    const plan = planLookup(claim, currentYear)
    for (const { key, by } of plan.keys) wanted[by].push(key)
    if (plan.corrected) wanted.app_no.push(plan.corrected)
  }
  const rows = new Map<number, AssetRow>()
  for (const row of await assetsWhere(db, 'app_no', [...wanted.app_no, ...wanted.raw])) rows.set(row.id, row)
  for (const row of await assetsWhere(db, 'pub_no', wanted.pub_no)) rows.set(row.id, row)
  for (const row of await assetsWhere(db, 'grant_no', wanted.grant_no)) rows.set(row.id, row)

  const inventorsByAsset = new Map<number, EvidenceInventor[]>()
  const candidateIds = new Set<number>()
  const pending: { assetId: number; inventor: EvidenceInventor }[] = []
  for (const part of chunks([...rows.keys()])) {
    const found = await db
      .selectFrom('asset_inventor as ai')
      .leftJoin('researcher as r', 'r.id', 'ai.researcher_id')
      .select(['ai.asset_id', 'ai.rank', 'ai.raw_name', 'ai.researcher_id', 'ai.link_state', 'ai.candidates', 'r.staff_no'])
      .where('ai.asset_id', 'in', part)
      .orderBy('ai.asset_id')
      .orderBy('ai.rank')
      .execute()
    for (const row of found) {
      const candidates = row.link_state === 'ambiguous' ? parseIds(row.candidates) : []
      candidates.forEach((c) => candidateIds.add(c))
      pending.push({
        assetId: row.asset_id,
        inventor: {
          rank: row.rank,
          name: row.raw_name,
          researcherId: row.researcher_id,
          staffNo: row.staff_no,
          linkState: row.link_state as LinkState,
          candidates,
          candidateStaffNos: [],
        },
      })
    }
  }
  const staffNoById = new Map<number, string>()
  for (const part of chunks([...candidateIds])) {
    for (const r of await db.selectFrom('researcher').select(['id', 'staff_no']).where('id', 'in', part).execute()) staffNoById.set(r.id, r.staff_no)
  }
  for (const { assetId, inventor } of pending) {
    inventor.candidateStaffNos = inventor.candidates.map((c) => staffNoById.get(c) ?? `#${c}`)
    const list = inventorsByAsset.get(assetId) ?? []
    list.push(inventor)
    inventorsByAsset.set(assetId, list)
  }

  const byNumber = new Map<string, ArchiveRecord[]>()
  const add = (key: string, record: ArchiveRecord) => {
    const list = byNumber.get(key) ?? []
    if (!list.includes(record)) list.push(record)
    byNumber.set(key, list)
  }
  for (const row of rows.values()) {
    const record: ArchiveRecord = { asset: toEvidenceAsset(row), inventors: inventorsByAsset.get(row.id) ?? [] }
    add(lookupKey(row.app_no, 'app_no'), record)
    add(lookupKey(compactNumber(row.app_no), 'raw'), record)
    if (row.pub_no) add(lookupKey(row.pub_no, 'pub_no'), record)
    if (row.grant_no) add(lookupKey(row.grant_no, 'grant_no'), record)
  }

  return { byNumber, portfolio: await loadPortfolio(db, researcher) }
}

/**
 * The researcher's own assets for suggestions: linked to him (confirmed or suggested), or ambiguous
 * with him among the candidates (only inventors of his name can be, so the name index narrows it).
 */
export async function loadPortfolio(db: Kysely<DB>, researcher: { id: number; name: string }): Promise<PortfolioEntry[]> {
  const linked = await db
    .selectFrom('asset_inventor as ai')
    .innerJoin('ip_asset as a', 'a.id', 'ai.asset_id')
    .select(['a.id', 'a.kind', 'a.app_no', 'a.title', 'ai.rank', 'ai.link_state'])
    .where('ai.researcher_id', '=', researcher.id)
    .where('ai.link_state', 'in', ['confirmed', 'suggested'])
    .execute()
  const ambiguous = await db
    .selectFrom('asset_inventor as ai')
    .innerJoin('ip_asset as a', 'a.id', 'ai.asset_id')
    .select(['a.id', 'a.kind', 'a.app_no', 'a.title', 'ai.rank', 'ai.link_state'])
    .where('ai.raw_name', '=', researcher.name)
    .where('ai.link_state', '=', 'ambiguous')
    .where(sql<boolean>`EXISTS (SELECT 1 FROM json_each(ai.candidates) WHERE json_each.value = ${researcher.id})`)
    .execute()
  return [...linked, ...ambiguous].map((r) => ({ id: r.id, kind: r.kind, appNo: r.app_no, title: r.title, rank: r.rank, linkState: r.link_state as LinkState }))
}
