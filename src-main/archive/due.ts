import { sql, type Kysely } from 'kysely'
import { dueInput, type DueInput, type DueItem } from '../contract/archive'
import { todayIso } from '../core/clock'
import type { AssetKind, DB } from '../db/schema'
import { openAnnuities, parseIsoDate } from '../domain/term'

// "Due soon": annuities (年费) falling due, or overdue but still in their grace period, and protection terms
// running out in the next N days, for the university's valid patents. Annuity dates are anniversaries of the filing date, so candidates are
// found by the month of their filing date (index on university_owned, status_group, kind, filing_date,
// then the month checked on the index entry); domain/term.ts decides the exact dates. Expiries come from
// the (status_group, expiry_date) index.

function addDaysIso(iso: string, days: number): string {
  const d = parseIsoDate(iso)!
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d) + days * 86_400_000)
  return t.toISOString().slice(0, 10)
}

/** The months ('01'–'12') that a window [from, to] touches. */
function monthsOf(from: string, to: string): string[] {
  const months = new Set<string>()
  let y = Number(from.slice(0, 4))
  let m = Number(from.slice(5, 7))
  const endY = Number(to.slice(0, 4))
  const endM = Number(to.slice(5, 7))
  while ((y < endY || (y === endY && m <= endM)) && months.size < 12) {
    months.add(String(m).padStart(2, '0'))
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return [...months]
}

export async function dueSoon(db: Kysely<DB>, input: DueInput = {}): Promise<{ total: number; from: string; to: string; items: DueItem[] }> {
  const p = dueInput.parse(input)
  const from = p.from ?? todayIso()
  const to = addDaysIso(from, p.days)
  const kinds: AssetKind[] = p.kinds?.length ? p.kinds : ['invention', 'utility', 'design']
  const college = p.college ? sql`AND a.college = ${p.college}` : sql``
  const columns = sql`a.id, a.kind, a.app_no, a.title, a.filing_date, a.grant_date, a.college, a.status_event, a.expiry_date`
  type Row = { id: number; kind: AssetKind; app_no: string; title: string; filing_date: string | null; grant_date: string | null; college: string; status_event: string; expiry_date: string | null }
  const items: (DueItem & { inventors: string })[] = []

  if (p.events.includes('annuity')) {
    // Annuities past their due date but still in their 6-month grace period are the most urgent: included.
    const months = monthsOf(addDaysIso(from, -184), to)
    // 29 February filings fall due on 28 February in common years: the month test covers them.
    const rows = (
      await sql<Row>`SELECT ${columns} FROM ip_asset a
        WHERE a.university_owned = 1 AND a.status_group = 'valid' AND a.kind IN (${sql.join(kinds)})
          AND a.filing_date IS NOT NULL AND substr(a.filing_date, 6, 2) IN (${sql.join(months)}) ${college}
          AND (a.expiry_date IS NULL OR a.expiry_date >= ${from})`.execute(db)
    ).rows
    for (const r of rows) {
      for (const due of openAnnuities(r.filing_date!, from, to, r.kind)) {
        items.push({ ...base(r), event: 'annuity', date: due.dueDate, annuityYear: due.year, graceEnd: due.graceEnd })
      }
    }
  }
  if (p.events.includes('expiry')) {
    const rows = (
      await sql<Row>`SELECT ${columns} FROM ip_asset a
        WHERE a.status_group = 'valid' AND a.expiry_date >= ${from} AND a.expiry_date <= ${to}
          AND a.university_owned = 1 AND a.kind IN (${sql.join(kinds)}) ${college}`.execute(db)
    ).rows
    for (const r of rows) items.push({ ...base(r), event: 'expiry', date: r.expiry_date!, annuityYear: null, graceEnd: null })
  }
  items.sort((a, b) => a.date.localeCompare(b.date) || a.assetId - b.assetId || a.event.localeCompare(b.event))
  const page = items.slice(p.offset, p.offset + p.limit)
  const ids = [...new Set(page.map((i) => i.assetId))]
  const inventors = new Map<number, string>()
  if (ids.length) {
    for (const r of (
      await sql<{ asset_id: number; names: string }>`SELECT asset_id, group_concat(raw_name, '、' ORDER BY rank) AS names FROM asset_inventor
        WHERE asset_id IN (${sql.join(ids)}) GROUP BY asset_id`.execute(db)
    ).rows) {
      inventors.set(r.asset_id, r.names)
    }
  }
  return { total: items.length, from, to, items: page.map((i) => ({ ...i, inventors: inventors.get(i.assetId) ?? '' })) }

  function base(r: Row) {
    return {
      assetId: r.id,
      appNo: r.app_no,
      title: r.title,
      kind: r.kind,
      filingDate: r.filing_date,
      grantDate: r.grant_date,
      college: r.college,
      statusEvent: r.status_event,
      inventors: '',
    }
  }
}
