import type { Kysely } from 'kysely'
import type { FeeTable, GradeInfo, InventoryRow, PatentKind, PoolEntry } from '../contract/pool'
import type { DB, IpAssetTable } from '../db/schema'
import type { Selectable } from 'kysely'
import { annuitiesBetween, countHolders, oneYearWindowEnd, remainingTerm } from './annuity'
import { deriveConversionState, type ConversionFacts } from './conversion-state'
import { ipcClassTitle } from './ipc'

// Turning asset rows into inventory rows: inventors, disciplines, grade, pool entry, conversion state,
// fiscal funding and annuities, fetched for a whole page at once (a handful of IN queries per page,
// never one query per row).

export const PATENT_KINDS: readonly PatentKind[] = ['invention', 'utility', 'design']

export type AssetBase = Pick<
  Selectable<IpAssetTable>,
  'id' | 'kind' | 'app_no' | 'title' | 'filing_date' | 'grant_date' | 'expiry_date' | 'college' | 'ipc_main' | 'applicants' | 'university_owned' | 'status_group'
>
export const ASSET_BASE_COLUMNS = [
  'a.id',
  'a.kind',
  'a.app_no',
  'a.title',
  'a.filing_date',
  'a.grant_date',
  'a.expiry_date',
  'a.college',
  'a.ipc_main',
  'a.applicants',
  'a.university_owned',
  'a.status_group',
] as const

const CHUNK = 500

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

function group<T extends { asset_id: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>()
  for (const row of rows) {
    const list = map.get(row.asset_id)
    if (list) list.push(row)
    else map.set(row.asset_id, [row])
  }
  return map
}

export function parseJsonArray(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

function parseScores(text: string): Record<string, number> {
  try {
    const value = JSON.parse(text) as unknown
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {}
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, number] => Number.isInteger(e[1])))
  } catch {
    return {}
  }
}

export function toGradeInfo(row: Selectable<DB['pool_grading']>): GradeInfo {
  return {
    id: row.id,
    grade: row.grade,
    reason: row.reason,
    scores: parseScores(row.scores),
    total: row.total,
    gradedOn: row.graded_on,
    operator: row.operator,
    batch: row.batch,
    createdAt: row.created_at,
  }
}

export function toPoolEntry(row: Selectable<DB['pool_entry']>): PoolEntry {
  return {
    id: row.id,
    assetId: row.asset_id,
    addedOn: row.added_on,
    removedOn: row.removed_on,
    removalReason: row.removal_reason,
    prospects: row.prospects,
    targetIndustries: parseJsonArray(row.target_industries),
    applicationField: row.application_field,
    openLicenceCandidate: row.open_licence_candidate === 1,
    operator: row.operator,
  }
}

export function isPatentKind(kind: string): kind is PatentKind {
  return (PATENT_KINDS as readonly string[]).includes(kind)
}

export interface RowContext {
  today: string
  fees: FeeTable
}

export interface EnrichedRow extends InventoryRow {
  /** The active pool entry, when the patent is in the pool. */
  entry: PoolEntry | null
  applicantsRaw: string
}

/** Inventory rows for `assets`, in the same order. Non-patent assets are skipped. */
export async function enrichRows(db: Kysely<DB>, assets: AssetBase[], ctx: RowContext): Promise<EnrichedRow[]> {
  const patents = assets.filter((a) => isPatentKind(a.kind))
  if (!patents.length) return []
  const windowEnd = oneYearWindowEnd(ctx.today)
  const inventors = new Map<number, string[]>()
  const disciplines = new Map<number, string[]>()
  const grades = new Map<number, GradeInfo>()
  const entries = new Map<number, PoolEntry>()
  const fiscal = new Set<number>()
  const conversions = new Map<number, ConversionFacts[]>()

  for (const ids of chunks(patents.map((a) => a.id))) {
    // One synchronous connection: the queries run one after another anyway.
    const inv = await db.selectFrom('asset_inventor').select(['asset_id', 'raw_name']).where('asset_id', 'in', ids).orderBy('asset_id').orderBy('rank').execute()
    const disc = await db
        .selectFrom('asset_discipline as d')
        .innerJoin('discipline as dd', 'dd.code', 'd.discipline_code')
        .select(['d.asset_id', 'dd.name'])
        .where('d.asset_id', 'in', ids)
        .orderBy('d.asset_id')
        .orderBy('d.discipline_code')
        .execute()
    const grd = await db.selectFrom('pool_grading').selectAll().where('asset_id', 'in', ids).where('is_current', '=', 1).execute()
    const ent = await db.selectFrom('pool_entry').selectAll().where('asset_id', 'in', ids).where('removed_on', 'is', null).execute()
    const fis = await db
        .selectFrom('asset_project as ap')
        .innerJoin('project as p', 'p.id', 'ap.project_id')
        .select('ap.asset_id')
        .distinct()
        .where('ap.asset_id', 'in', ids)
        .where('p.fiscal_funded', '=', 1)
        .execute()
    const conv = await db.selectFrom('conversion').select(['asset_id', 'kind', 'stage', 'contract_date', 'start_date', 'end_date']).where('asset_id', 'in', ids).execute()
    for (const [assetId, rows] of group(inv)) inventors.set(assetId, rows.map((r) => r.raw_name))
    for (const [assetId, rows] of group(disc)) disciplines.set(assetId, rows.map((r) => r.name))
    for (const row of grd) grades.set(row.asset_id, toGradeInfo(row))
    for (const row of ent) entries.set(row.asset_id, toPoolEntry(row))
    for (const row of fis) fiscal.add(row.asset_id)
    for (const [assetId, rows] of group(conv)) {
      conversions.set(
        assetId,
        rows.map((r) => ({ kind: r.kind, stage: r.stage, contractDate: r.contract_date, startDate: r.start_date, endDate: r.end_date })),
      )
    }
  }

  return patents.map((asset) => {
    const kind = asset.kind as PatentKind
    const { state, everConverted } = deriveConversionState(conversions.get(asset.id) ?? [], ctx.today)
    const term = remainingTerm(ctx.today, asset.expiry_date)
    const inForce = asset.university_owned === 1 && asset.status_group === 'valid' && (asset.expiry_date === null || asset.expiry_date >= ctx.today)
    // Annuities are only owed while the right is in force and still the university's.
    const owesAnnuities = inForce && asset.filing_date !== null && state !== 'transferred' && state !== 'equity'
    const annuities = owesAnnuities
      ? annuitiesBetween(ctx.fees, { kind, filingDate: asset.filing_date!, grantDate: asset.grant_date, holders: countHolders(asset.applicants) }, ctx.today, windowEnd)
      : []
    const entry = entries.get(asset.id) ?? null
    return {
      id: asset.id,
      kind,
      appNo: asset.app_no,
      patentNo: `ZL${asset.app_no}`,
      title: asset.title,
      filingDate: asset.filing_date,
      grantDate: asset.grant_date,
      expiryDate: asset.expiry_date,
      remainingDays: term.days,
      remainingText: term.text,
      inForce,
      college: asset.college,
      disciplines: (disciplines.get(asset.id) ?? []).join('、'),
      ipcMain: asset.ipc_main,
      ipcClassTitle: ipcClassTitle(asset.ipc_main),
      inventors: (inventors.get(asset.id) ?? []).join('、'),
      state,
      everConverted,
      fiscalFunded: fiscal.has(asset.id),
      grade: grades.get(asset.id) ?? null,
      inPool: entry !== null,
      openLicenceCandidate: entry?.openLicenceCandidate ?? false,
      annuities,
      annuitiesYuan: annuities.reduce((sum, a) => sum + a.yuan, 0),
      entry,
      applicantsRaw: asset.applicants,
    }
  })
}

/** The contract's InventoryRow (drops the extra fields enrichRows carries for other callers). */
export function toInventoryRow(row: EnrichedRow): InventoryRow {
  const { entry: _entry, applicantsRaw: _applicants, ...rest } = row
  return rest
}
