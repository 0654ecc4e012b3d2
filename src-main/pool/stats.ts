import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { PoolStats } from '../contract/pool'
import { AppError } from '../contract/result'
import type { DB } from '../db/schema'

// Figures of the convertible-patent pool for the annual report, for a date range [from, to] (both
// inclusive, ISO dates). The report area calls poolStats(db, { from: '2026-01-01', to: '2026-12-31' }).
//
//  gradedInPeriod  patents whose grade was decided in the range (graded_on), counted once each, by the
//                  last grade given in the range (a patent graded B then A in the year counts as A).
//  gradesAtEnd     every patent graded on or before `to`, by the grade it held on `to`.
//  pool            entries active on `to` (added on or before, not removed by then); added / removed in
//                  the range; open-licence candidates among the active entries (flag as it is now).
//  promotions      activities held in the range, by kind; distinct enterprises met and patents shown.
//  interests       enterprise interest noted in the range; of those, at 达成意向 or 已签约 now.
//  openLicences    conversion rows of kind open_license dated in the range (contract date, else start
//                  date): published declarations (stage published or unset) and implemented licences;
//                  `patents` = distinct patents with a declaration published in the range.

type GradeCounts = PoolStats['gradedInPeriod']

function gradeCounts(rows: { grade: string; n: number }[]): GradeCounts {
  const counts: GradeCounts = { A: 0, B: 0, C: 0, D: 0, total: 0 }
  for (const row of rows) {
    if (row.grade === 'A' || row.grade === 'B' || row.grade === 'C' || row.grade === 'D') {
      counts[row.grade] = Number(row.n)
      counts.total += Number(row.n)
    }
  }
  return counts
}

/** Grade counts of the last grading per asset among gradings dated in [from, to] (from = null: no lower bound). */
async function lastGrades(db: Kysely<DB>, from: string | null, to: string): Promise<GradeCounts> {
  const lower = from === null ? sql`1 = 1` : sql`g.graded_on >= ${from}`
  const lower2 = from === null ? sql`1 = 1` : sql`g2.graded_on >= ${from}`
  const rows = await sql<{ grade: string; n: number }>`
    SELECT g.grade AS grade, count(*) AS n
    FROM pool_grading g
    WHERE ${lower} AND g.graded_on <= ${to}
      AND NOT EXISTS (
        SELECT 1 FROM pool_grading g2
        WHERE g2.asset_id = g.asset_id AND ${lower2} AND g2.graded_on <= ${to}
          AND (g2.graded_on > g.graded_on OR (g2.graded_on = g.graded_on AND g2.id > g.id)))
    GROUP BY g.grade`.execute(db)
  return gradeCounts(rows.rows)
}

async function count(db: Kysely<DB>, query: RawBuilder<{ n: number }>): Promise<number> {
  const result = await query.execute(db)
  return Number(result.rows[0]?.n ?? 0)
}

export async function poolStats(db: Kysely<DB>, range: { from: string; to: string }): Promise<PoolStats> {
  const { from, to } = range
  if (from > to) throw new AppError('invalid_input', `统计区间的开始日期 ${from} 晚于结束日期 ${to}，请改正。`)

  const activeAtEnd = sql`e.added_on <= ${to} AND (e.removed_on IS NULL OR e.removed_on > ${to})`
  const promotionRows = await sql<{ kind: string; n: number }>`
    SELECT kind, count(*) AS n FROM pool_promotion WHERE held_on >= ${from} AND held_on <= ${to} GROUP BY kind`.execute(db)
  const byKind = { roadshow: 0, fair: 0, matchmaking: 0, other: 0 }
  for (const row of promotionRows.rows) if (row.kind in byKind) byKind[row.kind as keyof typeof byKind] = Number(row.n)
  const openDate = sql`coalesce(c.contract_date, c.start_date)`

  return {
    from,
    to,
    gradedInPeriod: await lastGrades(db, from, to),
    gradesAtEnd: await lastGrades(db, null, to),
    pool: {
      sizeAtEnd: await count(db, sql<{ n: number }>`SELECT count(*) AS n FROM pool_entry e WHERE ${activeAtEnd}`),
      added: await count(db, sql<{ n: number }>`SELECT count(*) AS n FROM pool_entry WHERE added_on >= ${from} AND added_on <= ${to}`),
      removed: await count(db, sql<{ n: number }>`SELECT count(*) AS n FROM pool_entry WHERE removed_on >= ${from} AND removed_on <= ${to}`),
      openLicenceCandidates: await count(db, sql<{ n: number }>`SELECT count(*) AS n FROM pool_entry e WHERE ${activeAtEnd} AND e.open_licence_candidate = 1`),
    },
    promotions: {
      held: Object.values(byKind).reduce((a, b) => a + b, 0),
      byKind,
      enterprisesMet: await count(
        db,
        sql<{ n: number }>`SELECT count(DISTINCT trim(j.value)) AS n FROM pool_promotion p, json_each(p.enterprises) j
          WHERE p.held_on >= ${from} AND p.held_on <= ${to} AND trim(j.value) <> ''`,
      ),
      patentsPromoted: await count(
        db,
        sql<{ n: number }>`SELECT count(DISTINCT pa.asset_id) AS n FROM pool_promotion_asset pa JOIN pool_promotion p ON p.id = pa.promotion_id
          WHERE p.held_on >= ${from} AND p.held_on <= ${to}`,
      ),
    },
    interests: {
      recorded: await count(db, sql<{ n: number }>`SELECT count(*) AS n FROM pool_interest WHERE noted_on >= ${from} AND noted_on <= ${to}`),
      intentOrSigned: await count(
        db,
        sql<{ n: number }>`SELECT count(*) AS n FROM pool_interest WHERE noted_on >= ${from} AND noted_on <= ${to} AND stage IN ('intent', 'signed')`,
      ),
    },
    openLicences: {
      published: await count(
        db,
        sql<{ n: number }>`SELECT count(*) AS n FROM conversion c WHERE c.kind = 'open_license' AND coalesce(c.stage, 'published') = 'published'
          AND ${openDate} >= ${from} AND ${openDate} <= ${to}`,
      ),
      implemented: await count(
        db,
        sql<{ n: number }>`SELECT count(*) AS n FROM conversion c WHERE c.kind = 'open_license' AND c.stage = 'implemented'
          AND ${openDate} >= ${from} AND ${openDate} <= ${to}`,
      ),
      patents: await count(
        db,
        sql<{ n: number }>`SELECT count(DISTINCT c.asset_id) AS n FROM conversion c WHERE c.kind = 'open_license' AND coalesce(c.stage, 'published') = 'published'
          AND ${openDate} >= ${from} AND ${openDate} <= ${to}`,
      ),
    },
  }
}

/** The figures of one calendar year (1 January – 31 December), as the annual report asks for them. */
export async function poolStatsForYear(db: Kysely<DB>, year: number): Promise<PoolStats> {
  return poolStats(db, { from: `${year}-01-01`, to: `${year}-12-31` })
}
