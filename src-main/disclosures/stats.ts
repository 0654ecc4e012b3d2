import { sql, type Kysely } from 'kysely'
import type { DisclosureStats, VerdictCode, VerdictCounts } from '../contract/disclosures'
import type { DB } from '../db/schema'

// The disclosure-verification figures of the annual report (DESIGN §5.3), in one place so the report and
// the screens count the same way:
//  - a verification counts once it is signed (核实意见书 issued), on its sign-off day (`signed_on`, the
//    local calendar day); drafts are work in progress and are reported apart;
//  - an item counts under its final verdict: the librarian's override when there is one, else the
//    engine's.
// All queries go through the (status, signed_on) index.

export interface StatsRange {
  /** Inclusive, YYYY-MM-DD. */
  from: string
  to: string
}

function nextDay(iso: string): string {
  return new Date(Date.parse(iso + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10)
}

/** The query behind the item counts, exposed for the EXPLAIN QUERY PLAN test. */
export function itemCountsQuery(db: Kysely<DB>, range: StatsRange) {
  return db
    .selectFrom('disclosure as d')
    .innerJoin('disclosure_item as i', 'i.disclosure_id', 'd.id')
    .select([
      'd.purpose',
      sql<VerdictCode | null>`coalesce(i.override_verdict, i.verdict)`.as('v'),
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(i.override_verdict IS NOT NULL)`.as('o'),
    ])
    .where('d.status', '=', 'signed')
    .where('d.signed_on', '>=', range.from)
    .where('d.signed_on', '<=', range.to)
    .groupBy(['d.purpose', sql`coalesce(i.override_verdict, i.verdict)`])
}

/** Disclosures and items verified (signed) in a date range, by final verdict and by purpose. */
export async function disclosureStats(db: Kysely<DB>, range: StatsRange): Promise<DisclosureStats> {
  const items: VerdictCounts = { total: 0, consistent: 0, inconsistent: 0, not_found: 0, invalid_number: 0, unverified: 0, overridden: 0 }
  const purposes = new Map<string, { purpose: string; disclosures: number; items: number }>()
  const purposeOf = (purpose: string) => {
    const entry = purposes.get(purpose) ?? { purpose, disclosures: 0, items: 0 }
    purposes.set(purpose, entry)
    return entry
  }
  for (const row of await itemCountsQuery(db, range).execute()) {
    const n = Number(row.n)
    items.total += n
    if (row.v === null) items.unverified += n
    else items[row.v] += n
    items.overridden += Number(row.o)
    purposeOf(row.purpose).items += n
  }
  const perPurpose = await db
    .selectFrom('disclosure')
    .select(['purpose', sql<number>`count(*)`.as('n')])
    .where('status', '=', 'signed')
    .where('signed_on', '>=', range.from)
    .where('signed_on', '<=', range.to)
    .groupBy('purpose')
    .execute()
  let disclosures = 0
  for (const row of perPurpose) {
    disclosures += Number(row.n)
    purposeOf(row.purpose).disclosures += Number(row.n)
  }
  const people = await db
    .selectFrom('disclosure')
    .select(sql<number>`count(DISTINCT researcher_id)`.as('n'))
    .where('status', '=', 'signed')
    .where('signed_on', '>=', range.from)
    .where('signed_on', '<=', range.to)
    .executeTakeFirstOrThrow()
  const drafts = await db
    .selectFrom('disclosure')
    .select(sql<number>`count(*)`.as('n'))
    .where('status', '=', 'draft')
    .where('created_at', '>=', range.from)
    .where('created_at', '<', nextDay(range.to))
    .executeTakeFirstOrThrow()
  return {
    from: range.from,
    to: range.to,
    disclosures,
    researchers: Number(people.n),
    items,
    byPurpose: [...purposes.values()].sort((a, b) => b.disclosures - a.disclosures || a.purpose.localeCompare(b.purpose, 'zh-CN')),
    drafts: Number(drafts.n),
  }
}
