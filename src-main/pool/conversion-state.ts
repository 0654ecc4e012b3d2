import { sql, type RawBuilder } from 'kysely'
import type { ConversionState } from '../contract/pool'
import type { ConversionKind } from '../db/schema'

// 转化状态 of a patent, derived from its conversion records (never stored, so it cannot go stale).
//
// Which records count, on a reference day T (normally today):
//  - A record is in effect from its start date, or its contract date when it has no start date, until
//    its end date inclusive. A record with neither start nor contract date counts (the conversion is
//    known, its date is not). A record dated after T does not count yet; one whose end date is before T
//    no longer counts (a licence that ran out, a transfer that was rescinded, an open licence withdrawn).
//  - 质押 (pledge) is financing, not conversion: it never changes the state.
//  - An open licence at stage 'implemented' means a licensee has taken a licence under it: it counts as
//    已许可. At stage 'published' (or no stage) the declaration is out and nobody has taken it yet:
//    开放许可中.
//
// Precedence when several records are in effect (the first wins):
//   已转让 > 作价入股 > 已许可 > 开放许可中 > 未转化
// A transfer or an equity contribution moves the right itself out of the university, which outweighs
// any licence; a licence actually granted outweighs an offer (open licence) still waiting for a taker.
//
// `everConverted` says whether any transfer/licence/open-licence/equity record exists at all (even one
// that ended, or one dated after T), so "未转化 today but licensed before" can still be shown.

export interface ConversionFacts {
  kind: ConversionKind
  stage: 'published' | 'implemented' | null
  contractDate: string | null
  startDate: string | null
  endDate: string | null
}

/** Rank of each state in the precedence order: lower wins. */
export const STATE_RANK: Record<ConversionState, number> = {
  transferred: 1,
  equity: 2,
  licensed: 3,
  open_licence: 4,
  none: 5,
}
const BY_RANK: ConversionState[] = ['transferred', 'transferred', 'equity', 'licensed', 'open_licence', 'none']

export function stateFromRank(rank: number): ConversionState {
  return BY_RANK[rank] ?? 'none'
}

/** The state one record puts its patent in while it is in effect, or null (pledge). */
export function stateOfRecord(kind: ConversionKind, stage: ConversionFacts['stage']): ConversionState | null {
  switch (kind) {
    case 'transfer':
      return 'transferred'
    case 'equity':
      return 'equity'
    case 'license':
      return 'licensed'
    case 'open_license':
      return stage === 'implemented' ? 'licensed' : 'open_licence'
    case 'pledge':
      return null
    default: {
      const never: never = kind
      throw new Error(`unhandled conversion kind ${String(never)}`)
    }
  }
}

export function recordInEffect(record: Pick<ConversionFacts, 'contractDate' | 'startDate' | 'endDate'>, onDate: string): boolean {
  const from = record.startDate ?? record.contractDate
  if (from !== null && from > onDate) return false
  return record.endDate === null || record.endDate >= onDate
}

export function deriveConversionState(records: ConversionFacts[], onDate: string): { state: ConversionState; everConverted: boolean } {
  let best: ConversionState = 'none'
  let everConverted = false
  for (const record of records) {
    const state = stateOfRecord(record.kind, record.stage)
    if (state === null) continue
    everConverted = true
    if (recordInEffect(record, onDate) && STATE_RANK[state] < STATE_RANK[best]) best = state
  }
  return { state: best, everConverted }
}

/**
 * The same rule in SQL, for filtering and counting 100k assets without loading their records: the rank
 * (1..5, see STATE_RANK) of asset `assetColumn`'s state on `onDate`. One probe of conversion_asset per asset.
 * Keep it in step with deriveConversionState (a unit test compares the two on a real database).
 */
export function stateRankSql(assetColumn: RawBuilder<unknown>, onDate: string): RawBuilder<number> {
  return sql<number>`coalesce((
    SELECT min(CASE c.kind
      WHEN 'transfer' THEN 1
      WHEN 'equity' THEN 2
      WHEN 'license' THEN 3
      ELSE CASE WHEN c.stage = 'implemented' THEN 3 ELSE 4 END END)
    FROM conversion c
    WHERE c.asset_id = ${assetColumn}
      AND c.kind <> 'pledge'
      AND (coalesce(c.start_date, c.contract_date) IS NULL OR coalesce(c.start_date, c.contract_date) <= ${onDate})
      AND (c.end_date IS NULL OR c.end_date >= ${onDate})
  ), 5)`
}
